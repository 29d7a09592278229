#include "ui/jobs/run_metrics_poller.h"

#include "core/store/metric_names.h"
#include "core/store/results_store.h"
#include "ui/loaders/thread_pools.h"

#include <QFileInfo>

#include <map>
#include <tuple>

namespace dacl::ui {

RunSnapshot readRunSnapshot(const QString& dbPath, qint64 runId, store::ResultsStore* db) {
    RunSnapshot snap;
    snap.dbPath = dbPath;
    snap.runId = runId;
    try {
        std::unique_ptr<store::ResultsStore> own;
        if (!db) {
            store::OpenOptions options;
            options.create = false;  // looking at a run must never create a results file
            own = std::make_unique<store::ResultsStore>(dbPath.toStdString(), options);
            db = own.get();
        }
        const auto info = db->findRun(runId);
        if (!info) {
            snap.readError = QObject::tr("%1 has no run %2").arg(dbPath).arg(runId);
            return snap;
        }
        snap.found = true;
        snap.name = QString::fromStdString(info->name);
        snap.status = QString::fromStdString(store::toString(info->status));
        snap.device = QString::fromStdString(info->device);
        snap.threads = info->threads;
        snap.error = QString::fromStdString(info->error);
        const auto points = db->metrics(runId);
        snap.points = static_cast<qint64>(points.size());
        // (fold, per step, name) -> x -> y.
        std::map<std::tuple<int, bool, std::string>, std::map<double, double>> curves;
        const std::string finalPrefix = store::metric::kFinalModelSeries;
        for (const auto& p : points) {
            const int fold = p.fold.value_or(-1);
            std::string name = p.name;
            if (!p.fold && name.compare(0, finalPrefix.size(), finalPrefix) == 0) name = name.substr(finalPrefix.size());
            const bool perStep = p.step.has_value();
            double x = 0;
            if (perStep) x = static_cast<double>(*p.step);
            else if (p.epoch) x = *p.epoch + 1.0;
            else continue;  // neither epoch nor step: not a curve
            curves[{fold, perStep, name}][x] = p.value;
        }
        for (const auto& [key, xy] : curves) {
            MetricCurve c;
            c.fold = std::get<0>(key);
            c.perStep = std::get<1>(key);
            c.name = QString::fromStdString(std::get<2>(key));
            c.x.reserve(static_cast<int>(xy.size()));
            c.y.reserve(static_cast<int>(xy.size()));
            for (const auto& [x, y] : xy) {
                c.x.push_back(x);
                c.y.push_back(y);
            }
            snap.curves.push_back(std::move(c));
        }
    } catch (const std::exception& e) {
        snap.readError = QString::fromStdString(e.what());
    }
    return snap;
}

RunMetricsPoller::RunMetricsPoller(QObject* parent, int intervalMs)
    : QObject(parent), loader_(this, backgroundThreadPool()) {
    timer_.setInterval(intervalMs);
    connect(&timer_, &QTimer::timeout, this, &RunMetricsPoller::pollNow);
}

RunMetricsPoller::~RunMetricsPoller() = default;

void RunMetricsPoller::setRun(const QString& dbPath, qint64 runId) {
    loader_.drop();
    if (dbPath != dbPath_) store_.reset();
    dbPath_ = dbPath;
    runId_ = runId;
    lastPoints_ = -1;
    lastStatus_.clear();
    lastError_.clear();
    inFlight_ = false;  // a read of the previous run may still finish; its result is dropped
    if (!runId) {
        timer_.stop();
        return;
    }
    timer_.start();
    pollNow();
}

void RunMetricsPoller::stop() { setRun(QString(), 0); }

void RunMetricsPoller::pollNow() {
    if (!runId_ || inFlight_) return;
    inFlight_ = true;
    ++polls_;
    const QString path = dbPath_;
    const qint64 run = runId_;
    auto storeSlot = std::make_shared<std::shared_ptr<store::ResultsStore>>(store_);
    loader_.start([path, run, storeSlot] {
        auto& db = *storeSlot;
        if (!db && QFileInfo::exists(path)) {
            try {
                store::OpenOptions options;
                options.create = false;
                db = std::make_shared<store::ResultsStore>(path.toStdString(), options);
            } catch (const std::exception&) {
                db.reset();  // readRunSnapshot reports why
            }
        }
        return std::make_shared<const RunSnapshot>(readRunSnapshot(path, run, db.get()));
    }, [this, storeSlot](std::shared_ptr<const RunSnapshot> snapshot) {
        store_ = *storeSlot;  // the connection, for the next poll
        received(std::move(snapshot));
    });
}

void RunMetricsPoller::pipelineEvent(const PipelineEvent& event) {
    const auto* point = std::get_if<event::MetricPoint>(&event);
    if (point && point->runId == runId_) pollNow();
}

void RunMetricsPoller::received(std::shared_ptr<const RunSnapshot> snapshot) {
    inFlight_ = false;
    if (snapshot->points == lastPoints_ && snapshot->status == lastStatus_ && snapshot->readError == lastError_)
        return;
    lastPoints_ = snapshot->points;
    lastStatus_ = snapshot->status;
    lastError_ = snapshot->readError;
    Q_EMIT updated(snapshot);
}

}  // namespace dacl::ui
