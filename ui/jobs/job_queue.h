#pragma once
// The queue of long jobs of the desktop app: feature extraction over a dataset, and pipeline
// runs (training + evaluation, or the resume of an interrupted run). One job runs at a time, on
// its own worker thread that calls core; the GUI thread only receives queued signals, so the
// window stays responsive. Results of pipeline runs go to the SQLite results file named in the
// request (core writes them as they are produced). Core's typed pipeline events (the run id
// once the run exists, stages, folds, every stored epoch metric) arrive as jobEvent.
//
// Cancellation sets the job's flag; core polls it at batch granularity and unwinds with
// Cancelled, and the pipeline marks the run `cancelled` in the results file.
#include "core/common/pipeline_events.h"
#include "core/common/settings.h"
#include "core/pipeline/pipeline.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>

class QThread;

namespace dacl::features {
struct FeatureSet;
}

namespace dacl::ui {

class QtProgress;

// Scattering features of every record of a dataset (cached on disk when cacheDir is set).
struct FeatureJobRequest {
    std::string dataDir;
    Settings settings;       // preprocess.*, window.*, scatter.*, st.layers, threads
    std::string cacheDir;    // "" = no cache
};

class JobQueue : public QObject {
    Q_OBJECT
public:
    enum class State { Queued, Running, Finished, Failed, Cancelled };
    Q_ENUM(State)
    enum class Kind { Features, Pipeline };
    Q_ENUM(Kind)

    struct Job {
        int id = 0;
        Kind kind = Kind::Pipeline;
        QString title;
        State state = State::Queued;
        QString stage;              // last progress stage reported by core
        qint64 done = 0, total = 0;
        double etaSeconds = -1;     // current stage; < 0 while unknown
        qint64 runId = 0;           // pipeline: the run in the results file (0 until created)
        QString dbPath;             // pipeline: the results file
        QString dataDir;
        QString error;              // why it failed
        QString summary;            // pipeline: runPipeline's summary (JSON text) once finished
        double seconds = 0;         // wall time from start to end
    };

    explicit JobQueue(QObject* parent = nullptr);
    // Cancels the running job and waits for its thread (cancellation takes well under a second).
    ~JobQueue() override;

    // Each returns the new job's id; the job starts when every job before it has ended.
    int enqueuePipeline(const ml::PipelineRequest& request, const QString& title = {});
    // Continues an interrupted, failed or cancelled run of `dbPath` (its stored settings and
    // data folder; `dataDir` overrides the folder, e.g. when the data moved).
    int enqueueResume(const QString& dbPath, qint64 runId, const QString& dataDir = {},
                      const QString& title = {});
    int enqueueFeatures(const FeatureJobRequest& request, const QString& title = {});

    // Queued: removed from the queue (state Cancelled). Running: stops within about a second
    // (jobFinished follows). Returns false for an unknown or already ended job.
    bool cancel(int id);
    void cancelAll();

    QList<Job> jobs() const;  // in queue order, ended jobs included
    std::optional<Job> job(int id) const;
    int runningJob() const { return running_; }  // 0 when idle
    bool isIdle() const;                          // nothing running or queued
    // The features a finished feature job computed (null for other jobs).
    std::shared_ptr<const features::FeatureSet> featureResult(int id) const;

    static QString stateText(State state);  // translated, for lists

Q_SIGNALS:
    void jobAdded(int id, const QString& title);
    void jobStarted(int id);
    // The pipeline created (or resumed) its run: views can follow it in the results file.
    void jobRunCreated(int id, qint64 runId, const QString& dbPath);
    // Every typed event of a pipeline job, in the order core sent them (e.g. a MetricPoint once
    // the number is in the results file: a view following the run can read it now).
    void jobEvent(int id, const dacl::PipelineEvent& event);
    void jobProgress(int id, const QString& stage, qint64 done, qint64 total, double etaSeconds);
    void jobLog(int id, const QString& message);
    void jobFinished(int id, dacl::ui::JobQueue::State status, qint64 runId, const QString& errorText);
    // Any change of a job's state (for lists).
    void jobStateChanged(int id, dacl::ui::JobQueue::State state);
    // A job failed because of a file or folder: for the (non-blocking) problems panel.
    void problem(const QString& file, const QString& reason);

private:
    struct Outcome;
    struct Entry;
    int add(Entry entry);
    void startNext();
    void finishRunning();
    void setState(Entry& e, State s);
    Entry* find(int id);
    const Entry* find(int id) const;

    QList<std::shared_ptr<Entry>> entries_;
    int nextId_ = 1;
    int running_ = 0;
    QThread* thread_ = nullptr;
};

}  // namespace dacl::ui
