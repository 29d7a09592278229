#pragma once
// Training view: live loss curves of a run (per epoch and per optimiser step), the learning rate
// on its own axis, validation AUROC when a run logs one, progress with ETA, the compute device,
// a log, and the job queue (start a run of the form, TrainingForm, on the open dataset; cancel).
//
// Curves are read from the results file by a RunMetricsPoller on a worker thread (~1 s), so a
// run started from the `dacl` CLI shows the same way as one of this app's jobs (setRun).
#include "core/common/settings.h"
#include "core/pipeline/pipeline.h"
#include "ui/jobs/job_queue.h"
#include "ui/jobs/overall_progress.h"

#include <QElapsedTimer>
#include <QHash>
#include <QWidget>

#include <memory>

class QComboBox;
class QCustomPlot;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace dacl::ui {

class RunMetricsPoller;
class TrainingForm;
struct RunSnapshot;
struct MetricCurve;

class TrainingView : public QWidget {
    Q_OBJECT
public:
    explicit TrainingView(QWidget* parent = nullptr);
    ~TrainingView() override;

    // The queue whose jobs the view lists, starts and cancels (not owned).
    void setJobQueue(JobQueue* queue);
    // Where Start takes its data and writes its results.
    void setDataDirectory(const QString& directory);
    void setResultsFile(const QString& path);
    // Settings the form does not show (threads, device, ...) for runs started here.
    void setBaseSettings(const Settings& settings);
    // Follows this run of a results file (e.g. one the CLI is writing). runId 0 stops following;
    // the run already shown is left as it is.
    void setRun(const QString& dbPath, qint64 runId);
    // When on (default), the run of each job that starts replaces the one shown.
    void setFollowJobs(bool follow) { followJobs_ = follow; }

    // What Start enqueues: the current dataset, the results file, the form over the base settings.
    ml::PipelineRequest demoRequest() const;
    // Enqueues demoRequest(); returns the job id, or 0 (and says why in the log) when there is
    // no dataset or queue yet.
    int startDemoRun();
    // Cancels the job selected in the queue list, else the running one.
    void cancelJob();

    // ---- the form (also for tests) ----
    void setTask(const QString& task);
    void setFolds(int folds);
    void setVaeEpochs(int epochs);
    void setEncoderEpochs(int epochs);
    void setEncoderWidth(int channels);
    void setTMax(int tMax);
    TrainingForm* form() const { return form_; }

    // ---- what the user sees (for tests) ----
    qint64 runId() const { return runId_; }
    QString runStatus() const { return runStatus_; }
    int shownFold() const { return shownFold_; }                 // -1: final model
    // Shows this fold's curves from now on (as when the user picks it; -1: final model).
    void setShownFold(int fold);
    QStringList curveNames(bool perStep) const;                  // series in the plots
    QVector<double> curveKeys(const QString& name, bool perStep) const;
    QVector<double> curveValues(const QString& name, bool perStep) const;
    bool onSecondAxis(const QString& name, bool perStep) const;  // lr, AUROC
    int progressValue() const;
    int progressMaximum() const;
    QString stageText() const;
    QString etaText() const;
    QString deviceText() const;
    QString logText() const;
    int queueRowCount() const;
    QString queueStateText(int row) const;
    int followedJob() const { return followedJob_; }
    QCustomPlot* epochPlot() const { return epochPlot_; }
    QCustomPlot* stepPlot() const { return stepPlot_; }
    QPushButton* startButton() const { return start_; }
    QPushButton* cancelButton() const { return cancel_; }

    // "1 min 05 s"; "" for a negative (unknown) time.
    static QString formatDuration(double seconds);

Q_SIGNALS:
    // The curves were redrawn from a new read of the run (points = metric points read).
    void curvesUpdated(qint64 runId, qint64 points);

private:
    void buildUi();
    void appendLog(const QString& line);
    void applySnapshot(const std::shared_ptr<const RunSnapshot>& snapshot);
    void redraw();
    void updateDevice(const QString& device, int threads);
    QTreeWidgetItem* queueItem(int id) const;
    void onJobAdded(int id, const QString& title);
    void onJobState(int id, JobQueue::State state);
    void onJobStarted(int id);
    void onJobRun(int id, qint64 runId, const QString& dbPath);
    void onJobProgress(int id, const QString& stage, qint64 done, qint64 total, double eta);
    void onJobFinished(int id, JobQueue::State state, qint64 runId, const QString& error);
    void showOverallProgress(const QString& detail);

    JobQueue* queue_ = nullptr;
    RunMetricsPoller* poller_;
    QString dataDir_, resultsFile_;
    Settings base_;
    bool followJobs_ = true;
    int followedJob_ = 0;
    bool followedPipeline_ = false;  // the followed job is a pipeline: overall_ drives the bar
    OverallProgress overall_;
    QElapsedTimer jobClock_;
    QString stageDetail_;            // core's own text of the current step ("VAE epoch 3/10")
    static constexpr int kOverallSteps = 1000;
    qint64 runId_ = 0;
    QString runStatus_;
    int shownFold_ = -1;
    bool userPickedFold_ = false;
    std::shared_ptr<const RunSnapshot> snapshot_;

    TrainingForm* form_;
    QPushButton *start_, *cancel_;
    QTreeWidget* queueList_;
    QComboBox* foldChoice_;
    QLabel *runLabel_, *stage_, *eta_, *device_;
    QProgressBar* progress_;
    QCustomPlot *epochPlot_, *stepPlot_;
    QPlainTextEdit* log_;
};

}  // namespace dacl::ui
