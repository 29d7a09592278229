#pragma once
// The DACL Studio main window: views as tabs, docks for problems, heavy work on worker threads.
#include "core/data/dataset.h"
#include "ui/loaders/latest_loader.h"
#include "ui/loaders/thread_pools.h"

#include <QMainWindow>

#include <memory>
#include <optional>

class QAction;
class QDockWidget;
class QLabel;
class QPushButton;
class QProgressBar;
class QTabWidget;

namespace dacl::ml {
class RunModel;
}

namespace dacl::ui {

class AppSettings;
struct ReportDataset;
class AssessmentPanel;
class ContextBar;
class DatasetView;
class DiffusionView;
class EcgView;
class EmbeddingView;
class JobQueue;
class LatentView;
class ProblemsPanel;
class RocView;
class RunsView;
class ScatteringView;
class StudioDocument;
class TrainingView;
class WelcomePanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a PhysioNet-style folder on a worker thread; datasetLoaded or loadFailed follows.
    void openDataset(const QString& directory);
    // Generates the built-in demo dataset on first use (worker thread), then opens it.
    void openDemoDataset();
    // At start without a file to open: what was open last time (dataset, record, run, tab) comes
    // back once the dataset has loaded; what has gone since falls back quietly to the demo
    // dataset or to nothing, said in the status bar. A first start opens the demo dataset below
    // the welcome panel.
    void restoreSession();
    // The welcome panel above the Dataset tab (shown by restoreSession on a first start).
    WelcomePanel* welcomePanel() const { return welcome_; }
    QWidget* datasetTab() const;

    const std::optional<Dataset>& dataset() const;
    // What is open and current (dataset, record, results file, run): the views observe it.
    StudioDocument* document() const { return document_; }
    DatasetView* datasetView() const { return datasetView_; }
    ProblemsPanel* problemsPanel() const { return problems_; }
    QTabWidget* tabs() const { return tabs_; }
    ContextBar* contextBar() const { return contextBar_; }
    TrainingView* trainingView() const { return trainingView_; }
    EcgView* ecgView() const { return ecgView_; }
    ScatteringView* scatteringView() const { return scatteringView_; }
    LatentView* latentView() const { return latentView_; }
    DiffusionView* diffusionView() const { return diffusionView_; }
    RunsView* runsView() const { return runsView_; }
    EmbeddingView* embeddingView() const { return embeddingView_; }
    RocView* rocView() const { return rocView_; }
    // The Assessment of a recording opened as a file (a dock, shown once a file is opened).
    AssessmentPanel* assessmentPanel() const { return assessmentPanel_; }
    QDockWidget* assessmentDock() const { return assessmentDock_; }

    // The current record (index into dataset()->records(), -1: none) and run (-1: none).
    int currentRecord() const;
    qint64 currentRunId() const;
    // Makes a run of the results file current: its model (loaded on a worker thread) feeds the
    // latent and diffusion views, its predictions the dataset view, its embeddings and curves
    // the embedding and ROC views.
    void setCurrentRun(qint64 runId);
    bool hasRunModel() const;
    // "Export report…" for the current run.
    void exportReport(qint64 runId);
    JobQueue* jobQueue() const { return jobs_; }
    AppSettings* appSettings() const { return settings_; }
    // Opens the (non-blocking) Settings dialog.
    void openSettings();

    static QString demoDatasetDirectory();
    // File → Open recent: one action per recently opened dataset folder (most recent first),
    // then "Clear list".
    QMenu* recentDatasetsMenu() const { return recentMenu_; }

Q_SIGNALS:
    void datasetLoaded(int records);
    void runModelLoaded(qint64 runId);
    void loadFailed(const QString& message);

protected:
    // A recording file or dataset folder dropped on the window opens like File → Open.
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void chooseRecording();
    void buildMenus();
    void rebuildRecentMenu(const QStringList& recent);
    void showAbout();
    void chooseDataset();
    void setDataset(Dataset dataset);
    void setBusy(const QString& message, bool busy);
    void buildViews();
    void connectViews();
    void showRun(const QString& resultsFile, qint64 runId);
    void showRunModel(const std::shared_ptr<const ml::RunModel>& model);
    void buildAssessment();
    // A file opened as a one-record dataset: show it in the ECG view and assess it.
    void assessOpenedRecording(const QString& file);
    void offerAssessedSpans();  // the Assessment's probability over time to the ECG view's band
    void showAssessedRun(qint64 runId);
    // A record chosen in a run's view (embedding, ROC): its ECG when the open dataset holds it,
    // else a status-bar message naming the run's dataset, with a button that opens it.
    void showRunRecord(const QString& record, qint64 runId);
    // The status-bar message (and the button) for a run's record the open dataset lacks.
    void explainMissingRecord(const QString& record, qint64 runId, const ReportDataset& where);
    // Keeps the session (dataset, record, run, tab) in the settings as it changes.
    void connectSession();
    void restoreRecord();
    void restoreRun();
    void noteRestore(const QString& note);
    void trainOnDemo();

    StudioDocument* document_;
    AppSettings* settings_;
    JobQueue* jobs_;
    QTabWidget* tabs_;
    ContextBar* contextBar_;
    DatasetView* datasetView_;
    ProblemsPanel* problems_;
    TrainingView* trainingView_;
    EcgView* ecgView_ = nullptr;
    ScatteringView* scatteringView_ = nullptr;
    LatentView* latentView_ = nullptr;
    DiffusionView* diffusionView_ = nullptr;
    RunsView* runsView_ = nullptr;
    EmbeddingView* embeddingView_ = nullptr;
    RocView* rocView_ = nullptr;
    AssessmentPanel* assessmentPanel_ = nullptr;
    QDockWidget* assessmentDock_ = nullptr;
    QAction* exportReportAction_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    WelcomePanel* welcome_ = nullptr;
    // What restoreSession still has to bring back once the dataset or the runs have loaded.
    struct PendingRestore {
        QString dataset, record;
        qint64 run = -1;
        bool datasetPending = false, runPending = false;
        QStringList notes;
    } restore_;
    bool trainWhenDemoLoaded_ = false;
    QLabel* status_;
    QString runModelError_;  // the status text about the current run's model, while shown
    QPushButton* openRunDataset_ = nullptr;  // offered when a run's record is not in the open dataset
    QString pendingRecord_;                  // ... and shown once that dataset has loaded
    QProgressBar* progress_;
    LatestLoader datasetLoader_{this, backgroundThreadPool()};
    LatestLoader runRecordLoader_{this, backgroundThreadPool()};  // where a run's record lives  // opening a dataset: the last one asked for wins
};

}  // namespace dacl::ui
