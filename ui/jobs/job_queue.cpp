#include "core/common/json_text.h"
#include "ui/jobs/job_queue.h"

#include "core/common/error.h"
#include "core/data/dataset.h"
#include "core/features/feature_job.h"
#include "ui/jobs/eta_estimator.h"
#include "ui/jobs/qt_progress.h"
#include "ui/settings/core_text.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QThread>

#include <algorithm>
#include <functional>
#include <map>

namespace dacl::ui {

// What the worker thread hands back once it has ended (read on the GUI thread after `finished`).
struct JobQueue::Outcome {
    State state = State::Failed;
    QString error;
    QString problemFile, problemReason;  // set when the failure is about a file or folder
    qint64 runId = 0;
    QString summary;
    std::shared_ptr<const features::FeatureSet> features;
    QList<QPair<QString, QString>> skipped;  // records a feature job could not use

    // A failed job: an InputError is about its own file, any other error about `folder`.
    void fail(const std::exception& e, const QString& folder) {
        error = coreText(e);
        std::string reason, file = folder.toStdString();
        describeError(e, reason, file);
        problemFile = QString::fromStdString(file);
        problemReason = QString::fromStdString(reason);  // the problems panel translates it
    }
};

struct JobQueue::Entry {
    Job job;
    std::optional<ml::PipelineRequest> pipeline;
    std::optional<FeatureJobRequest> features;
    QtProgress* sink = nullptr;
    // One estimator per progress stream (streams are told apart by their total): the trainer's
    // per-step reports and the per-epoch reports around them interleave.
    std::map<qint64, EtaEstimator> etas;
    QElapsedTimer clock;
    std::shared_ptr<Outcome> outcome;
};

JobQueue::JobQueue(QObject* parent) : QObject(parent) {}

JobQueue::~JobQueue() {
    if (!thread_) return;
    if (Entry* e = find(running_)) e->sink->cancel();
    thread_->wait();
    delete thread_;
}

QString JobQueue::stateText(State state) {
    switch (state) {
    case State::Queued: return tr("queued");
    case State::Running: return tr("running");
    case State::Finished: return tr("finished");
    case State::Failed: return tr("failed");
    case State::Cancelled: return tr("cancelled");
    }
    return {};
}

int JobQueue::enqueuePipeline(const ml::PipelineRequest& request, const QString& title) {
    Entry e;
    e.job.kind = Kind::Pipeline;
    e.job.title = title.isEmpty() ? tr("Training and evaluation (%1)").arg(QString::fromStdString(request.task)) : title;
    e.job.dbPath = QString::fromStdString(request.dbPath);
    e.job.dataDir = QString::fromStdString(request.dataDir);
    if (request.resumeRunId) e.job.runId = *request.resumeRunId;
    e.pipeline = request;
    return add(std::move(e));
}

int JobQueue::enqueueResume(const QString& dbPath, qint64 runId, const QString& dataDir, const QString& title) {
    ml::PipelineRequest r;
    r.dbPath = dbPath.toStdString();
    r.dataDir = dataDir.toStdString();
    r.resumeRunId = runId;
    return enqueuePipeline(r, title.isEmpty() ? tr("Resume run %1").arg(runId) : title);
}

int JobQueue::enqueueFeatures(const FeatureJobRequest& request, const QString& title) {
    Entry e;
    e.job.kind = Kind::Features;
    e.job.title = title.isEmpty() ? tr("Features of %1").arg(QDir::toNativeSeparators(QString::fromStdString(request.dataDir)))
                                  : title;
    e.job.dataDir = QString::fromStdString(request.dataDir);
    e.features = request;
    return add(std::move(e));
}

int JobQueue::add(Entry entry) {
    entry.job.id = nextId_++;
    const int id = entry.job.id;
    const QString title = entry.job.title;
    entries_.push_back(std::make_shared<Entry>(std::move(entry)));
    Q_EMIT jobAdded(id, title);
    Q_EMIT jobStateChanged(id, State::Queued);
    startNext();
    return id;
}

JobQueue::Entry* JobQueue::find(int id) {
    for (auto& e : entries_)
        if (e->job.id == id) return e.get();
    return nullptr;
}

const JobQueue::Entry* JobQueue::find(int id) const {
    for (const auto& e : entries_)
        if (e->job.id == id) return e.get();
    return nullptr;
}

QList<JobQueue::Job> JobQueue::jobs() const {
    QList<Job> out;
    for (const auto& e : entries_) out.push_back(e->job);
    return out;
}

std::optional<JobQueue::Job> JobQueue::job(int id) const {
    if (const Entry* e = find(id)) return e->job;
    return std::nullopt;
}

bool JobQueue::isIdle() const {
    return !running_ && std::none_of(entries_.begin(), entries_.end(),
                                     [](const auto& e) { return e->job.state == State::Queued; });
}

std::shared_ptr<const features::FeatureSet> JobQueue::featureResult(int id) const {
    const Entry* e = find(id);
    return e && e->outcome ? e->outcome->features : nullptr;
}

void JobQueue::setState(Entry& e, State s) {
    e.job.state = s;
    Q_EMIT jobStateChanged(e.job.id, s);
}

bool JobQueue::cancel(int id) {
    Entry* e = find(id);
    if (!e) return false;
    if (e->job.state == State::Queued) {
        setState(*e, State::Cancelled);
        Q_EMIT jobFinished(id, State::Cancelled, e->job.runId, QString());
        return true;
    }
    if (e->job.state == State::Running) {
        e->sink->cancel();
        Q_EMIT jobLog(id, tr("Cancelling…"));
        return true;
    }
    return false;
}

void JobQueue::cancelAll() {
    for (const auto& e : entries_)
        if (e->job.state == State::Queued) cancel(e->job.id);
    if (running_) cancel(running_);
}

void JobQueue::startNext() {
    if (running_) return;
    auto it = std::find_if(entries_.begin(), entries_.end(), [](const auto& e) { return e->job.state == State::Queued; });
    if (it == entries_.end()) return;
    Entry& e = **it;
    const int id = e.job.id;
    running_ = id;
    e.sink = new QtProgress(this);
    e.outcome = std::make_shared<Outcome>();
    e.etas.clear();
    e.clock.start();
    connect(e.sink, &QtProgress::progressed, this, [this, id](const QString& stage, qint64 done, qint64 total) {
        Entry* en = find(id);
        if (!en || en->job.state != State::Running) return;
        EtaEstimator& eta = en->etas[total];
        eta.update(done, total);
        en->job.stage = coreText(stage);
        en->job.done = done;
        en->job.total = total;
        en->job.etaSeconds = eta.etaSeconds();
        Q_EMIT jobProgress(id, en->job.stage, done, total, en->job.etaSeconds);
    });
    connect(e.sink, &QtProgress::logged, this, [this, id](const QString& message) { Q_EMIT jobLog(id, coreText(message)); });
    connect(e.sink, &QtProgress::eventOccurred, this, [this, id](const PipelineEvent& event) {
        Entry* en = find(id);
        if (!en) return;
        // A resumed run was announced when the job started; a new one is announced once it exists.
        const auto* created = std::get_if<event::RunCreated>(&event);
        if (created && !created->parentRunId && !created->resumed) {
            en->job.runId = created->runId;
            Q_EMIT jobRunCreated(id, created->runId, en->job.dbPath);
        }
        Q_EMIT jobEvent(id, event);
    });

    std::shared_ptr<Outcome> outcome = e.outcome;
    QtProgress* sink = e.sink;
    std::function<void()> work;
    if (e.pipeline) {
        ml::PipelineRequest request = *e.pipeline;
        work = [request, outcome, sink] {
            const QString dir = QString::fromStdString(request.dataDir);
            try {
                const QFileInfo db(QString::fromStdString(request.dbPath));
                if (request.dbPath.empty()) throw std::invalid_argument("no results file given");
                QDir().mkpath(db.absolutePath());
                const nlohmann::json summary = ml::runPipeline(request, *sink);
                outcome->runId = summary.value("run_id", std::int64_t{0});
                outcome->summary = QString::fromStdString(dacl::jsonText(summary));
                outcome->state = State::Finished;
            } catch (const Cancelled&) {
                outcome->state = State::Cancelled;
            } catch (const std::exception& err) {
                outcome->fail(err, dir);
            }
        };
    } else {
        FeatureJobRequest request = *e.features;
        work = [request, outcome, sink] {
            try {
                const Dataset dataset = Dataset::open(request.dataDir);
                for (const auto& s : dataset.skipped()) sink->log("skipped " + s.file + ": " + s.reason);
                auto set = std::make_shared<features::FeatureSet>(features::computeFeatures(
                    dataset, features::FeatureSettings::fromSettings(request.settings), *sink, {request.cacheDir}));
                for (const auto& s : set->skipped)
                    outcome->skipped.push_back({QString::fromStdString(s.file), QString::fromStdString(s.reason)});
                outcome->features = std::move(set);
                outcome->state = State::Finished;
            } catch (const Cancelled&) {
                outcome->state = State::Cancelled;
            } catch (const std::exception& err) {
                outcome->fail(err, QString::fromStdString(request.dataDir));
            }
        };
    }
    thread_ = QThread::create([work] {
        try {
            work();
        } catch (...) {
            // `work` catches everything it knows; an unknown exception must not end the process.
        }
    });
    thread_->setObjectName(QStringLiteral("dacl-job-%1").arg(id));
    connect(thread_, &QThread::finished, this, &JobQueue::finishRunning);
    setState(e, State::Running);
    Q_EMIT jobStarted(id);
    thread_->start();
    // A resumed run is known before core opens the data: views can follow it at once.
    if (e.pipeline && e.pipeline->resumeRunId)
        QMetaObject::invokeMethod(this, [this, id, run = *e.pipeline->resumeRunId] {
            if (Entry* en = find(id)) Q_EMIT jobRunCreated(id, run, en->job.dbPath);
        }, Qt::QueuedConnection);
}

void JobQueue::finishRunning() {
    Entry* e = find(running_);
    thread_->deleteLater();
    thread_ = nullptr;
    running_ = 0;
    if (e) {
        const Outcome& o = *e->outcome;
        e->job.seconds = static_cast<double>(e->clock.elapsed()) / 1000.0;
        e->job.error = o.error;
        if (o.runId) e->job.runId = o.runId;
        e->job.summary = o.summary;
        if (o.state == State::Failed && o.error.isEmpty()) e->job.error = tr("unknown error");
        e->sink->deleteLater();
        e->sink = nullptr;
        for (const auto& [file, reason] : o.skipped) Q_EMIT problem(file, reason);  // the panel translates
        if (o.state == State::Failed) {
            Q_EMIT jobLog(e->job.id, tr("Failed: %1").arg(e->job.error));
            Q_EMIT problem(o.problemFile, o.problemReason.isEmpty() ? e->job.error : o.problemReason);
        }
        setState(*e, o.state);
        Q_EMIT jobFinished(e->job.id, o.state, e->job.runId, e->job.error);
    }
    startNext();
}

}  // namespace dacl::ui
