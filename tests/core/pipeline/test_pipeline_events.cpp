// The pipeline tells its listeners what happens, typed: a real tiny run (synthetic records, one
// stratified split, the final model and a baseline) is recorded event by event. The run's id
// comes first and is the id the results file has; stages come in order; the fold and the final
// model start and finish once; every per-epoch number the results file holds arrives as a metric
// point inside its fold. A run cancelled after its final model and resumed announces the same id
// and only the work that was left.
#include "core/common/progress.h"
#include "core/store/metric_names.h"
#include "core/store/results_store.h"
#include "common/tiny_run.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <tuple>
#include <variant>

using namespace dacl;

namespace {

// Keeps every event; cancels the run once the fold `cancelAfterFold` has finished (if any).
class Recorder final : public ProgressSink {
public:
    explicit Recorder(int cancelAfterFold = kFinalModelFold - 1) : cancelAfterFold_(cancelAfterFold) {}
    void report(const std::string&, std::size_t, std::size_t) override {}
    void pipelineEvent(const PipelineEvent& e) override {
        std::lock_guard<std::mutex> lock(mutex_);
        events.push_back(e);
        if (const auto* f = std::get_if<event::FoldFinished>(&e); f && f->fold == cancelAfterFold_) cancel_ = true;
    }
    bool cancelled() const override { return cancel_.load(); }

    std::vector<PipelineEvent> events;

private:
    int cancelAfterFold_;
    std::atomic<bool> cancel_{false};
    std::mutex mutex_;
};

template <class T>
std::vector<std::pair<std::size_t, T>> eventsOf(const std::vector<PipelineEvent>& events) {
    std::vector<std::pair<std::size_t, T>> out;
    for (std::size_t i = 0; i < events.size(); ++i)
        if (const auto* e = std::get_if<T>(&events[i])) out.emplace_back(i, *e);
    return out;
}

// (index of FoldStarted, index of FoldFinished) per fold; fails the test on a missing or repeated one.
std::map<int, std::pair<std::size_t, std::size_t>> foldSpans(const std::vector<PipelineEvent>& events) {
    std::map<int, std::pair<std::size_t, std::size_t>> spans;
    std::map<int, int> starts, ends;
    for (const auto& [i, f] : eventsOf<event::FoldStarted>(events)) {
        ++starts[f.fold];
        spans[f.fold].first = i;
    }
    for (const auto& [i, f] : eventsOf<event::FoldFinished>(events)) {
        ++ends[f.fold];
        spans[f.fold].second = i;
    }
    for (const auto& [fold, n] : starts) {
        if (n != 1 || ends[fold] != 1) spans.erase(fold);
    }
    return spans;
}

// Stage events as (started?, stage) in order.
std::vector<std::pair<bool, PipelineStage>> stageSequence(const std::vector<PipelineEvent>& events) {
    std::vector<std::pair<bool, PipelineStage>> out;
    for (const auto& e : events) {
        if (const auto* s = std::get_if<event::StageStarted>(&e)) out.emplace_back(true, s->stage);
        if (const auto* s = std::get_if<event::StageFinished>(&e)) out.emplace_back(false, s->stage);
    }
    return out;
}

const std::vector<std::pair<bool, PipelineStage>> kAllStages = {
    {true, PipelineStage::Features},     {false, PipelineStage::Features},
    {true, PipelineStage::Training},     {false, PipelineStage::Training},
    {true, PipelineStage::FinalMetrics}, {false, PipelineStage::FinalMetrics}};

ml::PipelineRequest tinyRequest(const QString& dir, const std::string& db, int trainingWorkers) {
    ml::PipelineRequest r;
    r.dataDir = QDir(dir).filePath(QStringLiteral("data")).toStdString();
    r.dbPath = QDir(dir).filePath(QString::fromStdString(db)).toStdString();
    r.folds = 1;
    for (const auto& s : testing::tinyRunSettings()) r.settings.set(s);
    r.settings.set("train.parallel", trainingWorkers);
    return r;
}

using PointKey = std::tuple<int, std::string, int, double>;  // fold, series, epoch, value

}  // namespace

class TestPipelineEvents : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        NullProgress quiet;
        synth::writeDemoDataset(QDir(dir_.path()).filePath(QStringLiteral("data")).toStdString(), 16,
                                synth::kDefaultDemoSeed, quiet);
    }

    void aRunAnnouncesItselfItsStagesFoldsAndEveryEpoch() {
        // Two workers: folds and the final model train at once, so their events interleave.
        ml::PipelineRequest request = tinyRequest(dir_.path(), "events.db", 2);
        request.baselines = {"st_lr"};
        Recorder rec;
        const auto summary = ml::runPipeline(request, rec);
        const auto runId = summary.at("run_id").get<std::int64_t>();
        const auto& events = rec.events;
        QVERIFY(!events.empty());

        // The run first, then its baseline's child run, with the ids the results file has.
        const auto* created = std::get_if<event::RunCreated>(&events.at(0));
        QVERIFY(created);
        QCOMPARE(created->runId, runId);
        QCOMPARE(created->parentRunId, std::int64_t{0});
        QCOMPARE(QString::fromStdString(created->method), QStringLiteral("dacl"));
        QVERIFY(!created->resumed);
        const auto* child = std::get_if<event::RunCreated>(&events.at(1));
        QVERIFY(child);
        QCOMPARE(child->parentRunId, runId);
        QCOMPARE(QString::fromStdString(child->method), QStringLiteral("st_lr"));
        QCOMPARE(eventsOf<event::RunCreated>(events).size(), std::size_t{2});
        store::ResultsStore db(request.dbPath);
        QCOMPARE(db.run(runId).status, store::RunStatus::Finished);
        QVERIFY(!db.run(runId).parentId);
        QCOMPARE(db.run(child->runId).parentId.value_or(0), runId);
        QCOMPARE(QString::fromStdString(db.run(child->runId).name), QStringLiteral("st_lr"));
        // The run says which dataset it learned from, for the Runs table and reports.
        const auto provenance = nlohmann::json::parse(db.run(runId).settingsJson).at("dataset");
        const QString dataDir = QDir(dir_.path()).filePath(QStringLiteral("data"));
        QCOMPARE(QString::fromStdString(provenance.at("path").get<std::string>()), QDir::cleanPath(QFileInfo(dataDir).absoluteFilePath()));
        QCOMPARE(QString::fromStdString(provenance.at("name").get<std::string>()), QStringLiteral("data"));
        QCOMPARE(provenance.at("records").get<int>(), 16);
        QCOMPARE(provenance.at("skipped").get<int>(), 0);
        QVERIFY(provenance.at("task_records").get<int>() >= 10 && provenance.at("task_records").get<int>() <= 16);

        QVERIFY(stageSequence(events) == kAllStages);
        for (const auto& [i, s] : eventsOf<event::StageFinished>(events)) {
            QCOMPARE(s.runId, runId);
            QVERIFY(s.seconds >= 0);
        }

        // One start and one finish per fold and for the final model, all inside Training.
        const auto spans = foldSpans(events);
        QCOMPARE(spans.size(), std::size_t{2});
        QVERIFY(spans.count(0) && spans.count(kFinalModelFold));
        const std::size_t trainingStart = eventsOf<event::StageStarted>(events).at(1).first;
        const std::size_t trainingEnd = eventsOf<event::StageFinished>(events).at(1).first;
        for (const auto& [fold, span] : spans) {
            QVERIFY(trainingStart < span.first && span.first < span.second && span.second < trainingEnd);
        }
        for (const auto& [i, f] : eventsOf<event::FoldStarted>(events)) {
            QCOMPARE(f.runId, runId);
            QCOMPARE(f.folds, 1);
        }

        // Every per-epoch number of the run is in the results file and arrived once, inside its fold.
        std::multiset<PointKey> sent;
        for (const auto& [i, p] : eventsOf<event::MetricPoint>(events)) {
            QCOMPARE(p.runId, runId);  // the baseline trains nothing per epoch
            QCOMPARE(QString::fromStdString(p.method), QStringLiteral("dacl"));
            const auto& span = spans.at(p.fold);
            QVERIFY(span.first < i && i < span.second);
            sent.insert({p.fold, p.series, p.epoch, p.value});
        }
        std::multiset<PointKey> stored;
        const std::string finalPrefix = store::metric::kFinalModelSeries;
        for (const auto& p : db.metrics(runId)) {
            if (p.step) continue;
            std::string series = p.name;
            if (!p.fold) series = series.substr(finalPrefix.size());
            stored.insert({p.fold.value_or(kFinalModelFold), series, p.epoch.value_or(-1), p.value});
        }
        QVERIFY(!stored.empty());
        QVERIFY(sent == stored);

        // Per fold, each training series goes epoch by epoch, with a loss and a validation AUROC.
        std::map<std::pair<int, std::string>, std::vector<int>> epochs;
        for (const auto& [fold, series, epoch, value] : sent) epochs[{fold, series}].push_back(epoch);
        bool loss = false, valAuroc = false;
        for (const auto& [key, list] : epochs) {
            QVERIFY(std::is_sorted(list.begin(), list.end()));
            QVERIFY(std::adjacent_find(list.begin(), list.end()) == list.end());
            loss = loss || key.second.find("loss") != std::string::npos;
            valAuroc = valAuroc || key.second.find("val_auroc") != std::string::npos;
        }
        QVERIFY(loss);
        QVERIFY(valAuroc);
    }

    void aResumedRunAnnouncesTheSameRunAndOnlyTheWorkLeft() {
        // One worker: the final model trains first, then fold 0; the run is cancelled in between.
        const ml::PipelineRequest request = tinyRequest(dir_.path(), "resume.db", 1);
        Recorder first(kFinalModelFold);
        bool cancelled = false;
        try {
            ml::runPipeline(request, first);
        } catch (const Cancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        const auto created = eventsOf<event::RunCreated>(first.events);
        QCOMPARE(created.size(), std::size_t{1});
        const std::int64_t runId = created.at(0).second.runId;
        QCOMPARE(foldSpans(first.events).size(), std::size_t{1});  // the final model only
        QVERIFY(foldSpans(first.events).count(kFinalModelFold));
        QCOMPARE(eventsOf<event::FoldStarted>(first.events).size(), std::size_t{1});
        // Cancelled inside Training: no Training finish, nothing after it.
        QVERIFY(stageSequence(first.events).back() == std::make_pair(true, PipelineStage::Training));
        store::ResultsStore db(request.dbPath);
        QCOMPARE(db.run(runId).status, store::RunStatus::Cancelled);

        ml::PipelineRequest resume;
        resume.dbPath = request.dbPath;
        resume.resumeRunId = runId;
        Recorder second;
        const auto summary = ml::runPipeline(resume, second);
        QCOMPARE(summary.at("run_id").get<std::int64_t>(), runId);
        const auto* again = std::get_if<event::RunCreated>(&second.events.at(0));
        QVERIFY(again);
        QCOMPARE(again->runId, runId);
        QVERIFY(again->resumed);
        QVERIFY(stageSequence(second.events) == kAllStages);
        const auto spans = foldSpans(second.events);
        QCOMPARE(spans.size(), std::size_t{1});
        QVERIFY(spans.count(0));
        QVERIFY(!eventsOf<event::MetricPoint>(second.events).empty());
        for (const auto& [i, p] : eventsOf<event::MetricPoint>(second.events)) QCOMPARE(p.fold, 0);
        QCOMPARE(store::ResultsStore(request.dbPath).run(runId).status, store::RunStatus::Finished);
    }
};

QTEST_APPLESS_MAIN(TestPipelineEvents)
#include "test_pipeline_events.moc"
