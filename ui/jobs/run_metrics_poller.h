#pragma once
// Follows one run of a results file: every ~1 s a worker thread reads the run's status and its
// training curves (own SQLite connection, never on the GUI thread) and hands them to the GUI
// thread when something changed. Works the same for a run of this app's job queue and for one
// that the `dacl` CLI is writing in another process. For a run of this app's job queue, the
// queue's events say when a number was stored (pipelineEvent): the poller reads at once.
#include "core/common/pipeline_events.h"
#include "ui/loaders/latest_loader.h"

#include <QObject>
#include <QString>
#include <QTimer>
#include <QVector>

#include <memory>

namespace dacl::store {
class ResultsStore;
}

namespace dacl::ui {

// One training curve of a run. Per-epoch curves have x = epoch (1-based), per-step curves x =
// optimiser step. fold -1: the final model (trained on all records); its metric names are
// stored with a "final." prefix, which is removed here.
struct MetricCurve {
    QString name;   // "vae.train_loss", "dacl.step_loss", "dacl.lr", ...
    int fold = -1;
    bool perStep = false;
    QVector<double> x, y;
};

struct RunSnapshot {
    QString dbPath;
    qint64 runId = 0;
    bool found = false;        // the file and the run exist
    QString readError;         // why the file could not be read
    QString name, status, device, error;
    int threads = 0;
    qint64 points = 0;         // metric points read
    QVector<MetricCurve> curves;
};

// Reads the snapshot (blocking; for worker threads and tests). `store` may be null (opens one).
RunSnapshot readRunSnapshot(const QString& dbPath, qint64 runId, store::ResultsStore* store = nullptr);

class RunMetricsPoller : public QObject {
    Q_OBJECT
public:
    explicit RunMetricsPoller(QObject* parent = nullptr, int intervalMs = 1000);
    ~RunMetricsPoller() override;

    // Starts following the run (an immediate read, then one per interval). runId 0 stops.
    void setRun(const QString& dbPath, qint64 runId);
    void stop();
    // Reads now (unless a read is in flight), e.g. when the job that writes the run ended.
    void pollNow();
    // A pipeline event of a job of this app (JobQueue::jobEvent): a MetricPoint of the followed
    // run is already in the results file, so it is read now instead of at the next tick.
    void pipelineEvent(const dacl::PipelineEvent& event);

    QString dbPath() const { return dbPath_; }
    qint64 runId() const { return runId_; }
    int polls() const { return polls_; }

Q_SIGNALS:
    // Emitted on the GUI thread when the run's status or number of points changed.
    void updated(std::shared_ptr<const dacl::ui::RunSnapshot> snapshot);

private:
    void received(std::shared_ptr<const RunSnapshot> snapshot);

    QTimer timer_;
    QString dbPath_;
    qint64 runId_ = 0;
    LatestLoader loader_;      // setRun drops the late result of the previous run
    bool inFlight_ = false;
    int polls_ = 0;
    qint64 lastPoints_ = -1;
    QString lastStatus_, lastError_;
    // The worker's connection, reused across polls (one poll at a time, so never concurrent).
    std::shared_ptr<store::ResultsStore> store_;
};

}  // namespace dacl::ui
