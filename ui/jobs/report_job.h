#pragma once
// "Export report…" for the desktop: loads a run's report data on a worker thread (its own
// results-store connection; t-SNE and bootstrap can take seconds), then writes the PDF and/or
// HTML on the GUI thread (the figures are widgets). Cancellable; never blocks the window.
#include "ui/loaders/latest_loader.h"
#include "ui/report/report_data.h"

#include <QDialog>
#include <QObject>
#include <QStringList>

#include <memory>

class QLabel;
class QLineEdit;
class QProgressBar;
class QCheckBox;
class QDialogButtonBox;

namespace dacl::ui {

class QtProgress;

class ReportJob : public QObject {
    Q_OBJECT
public:
    explicit ReportJob(QObject* parent = nullptr);
    ~ReportJob() override;

    // outputs: files ending in .pdf, .html or .htm. Ignored while a job runs.
    void start(const QString& dbPath, qint64 runId, const QStringList& outputs, const ReportOptions& options = {});
    void cancel();
    bool isRunning() const { return running_; }

Q_SIGNALS:
    void progressed(const QString& stage, qint64 done, qint64 total);
    void finished(const QStringList& written);
    void failed(const QString& message);

private:
    bool running_ = false;
    std::shared_ptr<QtProgress> progress_;
};

// The dialog behind "Export report…": output file (PDF, with an HTML copy on request), the
// record for the ECG strip, the dataset folder; shows progress and can cancel. The folder starts
// as the run's own (read in the background; Export waits for it), or the open dataset when the
// run's folder is not on this computer, and a note under it says which one it is.
class ExportReportDialog : public QDialog {
    Q_OBJECT
public:
    // openDataset: the folder open in the app ("" when none), used only as the fallback.
    ExportReportDialog(const QString& dbPath, qint64 runId, const QString& openDataset = {}, QWidget* parent = nullptr);

    void setOutput(const QString& path);
    // Starts the export with the current choices (what the Export button does).
    void startExport();
    ReportJob* job() const { return job_; }
    QString dataDir() const;
    QString datasetNote() const;

Q_SIGNALS:
    // The proposed dataset folder is known ("" when there is none).
    void datasetChosen(const QString& dir);

private:
    void reject() override;
    void chooseDataset(const QString& openDataset);
    void showDatasetChoice(const ReportDataset& choice, const QString& error);

    QString dbPath_;
    qint64 runId_;
    ReportJob* job_;
    QLineEdit* output_;
    QCheckBox* html_;
    QLineEdit* record_;
    QLineEdit* data_;
    QLabel* dataNote_;
    QString proposedDataDir_;  // what the dialog proposed: not an explicit choice of the user
    LatestLoader datasetLoader_;
    QProgressBar* bar_;
    QLabel* status_;
    QDialogButtonBox* buttons_;
};

}  // namespace dacl::ui
