#include "core/pipeline/pipeline.h"

#include "core/common/json_text.h"
#include "core/common/process_memory.h"
#include "core/common/task_pool.h"
#include "core/common/version.h"
#include "core/data/dataset.h"
#include "core/data/read_limits.h"
#include "core/eval/folds.h"
#include "core/eval/tasks.h"
#include "core/pipeline/class_decision.h"
#include "core/pipeline/fold_runner.h"
#include "core/pipeline/model_settings.h"
#include "core/pipeline/rank_zero.h"
#include "core/pipeline/sharded_features.h"
#include "core/pipeline/summary.h"
#include "core/pipeline/task_records.h"
#include "core/ml/runtime_info.h"
#include "core/store/metric_names.h"
#include "core/store/results_store.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <cstdio>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

namespace dacl::ml {

using nlohmann::json;

namespace {

std::string formatSeconds(double seconds) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", seconds);
    return text;
}

// Wall time of the pipeline's stages, for the log (the cost targets are per stage).
class Stopwatch {
public:
    double lapSeconds() {
        const auto now = std::chrono::steady_clock::now();
        const double seconds = std::chrono::duration<double>(now - last_).count();
        last_ = now;
        return seconds;
    }
    // "12.3 s (RSS 1.20 GB, peak 3.40 GB)": the cost targets are wall time and peak memory.
    std::string lap() {
        const std::string memory = residentSummary();
        return formatSeconds(lapSeconds()) + (memory.empty() ? "" : " (" + memory + ")");
    }

private:
    std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// Seed streams of the folds and validation splits (task_records.cpp has the subset's, 3).
constexpr std::uint64_t kFoldPurpose = 1, kValidationPurpose = 2;

// What a run stores beyond Settings, so that `--resume` can redo exactly the same work.
json requestJson(const PipelineRequest& r) {
    json j{{"data", r.dataDir}, {"task", r.task}, {"folds", r.folds}, {"baselines", r.baselines},
           {"robustness", r.robustness}, {"final_model", r.finalModel}};
    if (r.limit) j["limit"] = *r.limit;
    if (!r.classes.empty()) j["classes"] = r.classes;
    if (!r.records.empty()) j["records"] = r.records;
    return j;
}

// Where the run's records came from, for people (the Runs table, reports): the dataset's absolute
// path and folder name, how many records it holds and how many the task used (its fingerprint is
// the run's data_fingerprint). The request's own "data" stays as given, for --resume.
json datasetJson(const Dataset& dataset, std::size_t taskRecords) {
    std::error_code ec;
    std::filesystem::path path = std::filesystem::absolute(dataset.directory(), ec).lexically_normal();
    if (ec) path = dataset.directory();
    if (!path.has_filename()) path = path.parent_path();  // "…/demo/" names the folder "demo"
    return json{{"path", path.string()},
                {"name", path.filename().string()},
                {"records", dataset.size()},
                {"skipped", dataset.skipped().size()},
                {"task_records", taskRecords}};
}

// The request stored with a run (its settings JSON), as `given` would have asked for it.
// `source` names it in errors ("run 7").
PipelineRequest requestFromStored(const std::string& settingsJson, const std::string& source, const PipelineRequest& given) {
    const json stored = json::parse(settingsJson);
    PipelineRequest r = given;
    const json& q = stored.at("request");
    r.dataDir = given.dataDir.empty() ? q.at("data").get<std::string>() : given.dataDir;
    r.task = q.at("task").get<std::string>();
    r.folds = q.at("folds").get<int>();
    r.baselines = q.at("baselines").get<std::vector<std::string>>();
    r.robustness = q.at("robustness").get<bool>();
    r.finalModel = q.value("final_model", true);
    r.limit = q.contains("limit") ? std::optional<std::size_t>(q.at("limit").get<std::size_t>()) : std::nullopt;
    r.classes = q.value("classes", std::vector<std::string>{});
    r.records = q.value("records", std::vector<std::string>{});
    r.settings = Settings();
    r.settings.merge(stored.at("settings"), source);
    return r;
}

// Buffers per-epoch and per-step points and writes them in one transaction per flush; once an
// epoch-level point is stored, listeners get it as an event. Folds train on several threads at
// once: writes to the one results connection take `lock`. The final model's series are stored
// with `prefix` ("final.") and no fold.
class MetricWriter {
public:
    MetricWriter(store::ResultsStore& store, std::mutex& lock, ProgressSink& events, std::int64_t run,
                 std::string method, int fold, std::string prefix = {})
        : store_(store), lock_(lock), events_(events), run_(run), method_(std::move(method)), fold_(fold),
          prefix_(std::move(prefix)) {}
    ~MetricWriter() {
        try {
            flush();
        } catch (...) {
        }
    }
    void add(const std::string& name, int epoch, long long step, double value) {
        store::MetricPoint p;
        if (fold_ != kFinalModelFold) p.fold = fold_;
        p.epoch = epoch;
        if (step >= 0) p.step = step;
        p.name = prefix_ + name;
        p.value = value;
        buffer_.push_back(std::move(p));
        if (step >= 0) return;
        flush();  // epoch-level points are the live curves: write them now
        events_.pipelineEvent(event::MetricPoint{run_, method_, fold_, name, epoch, value});
    }
    void flush() {
        if (buffer_.empty()) return;
        std::lock_guard<std::mutex> guard(lock_);
        store_.addMetrics(run_, buffer_);
        buffer_.clear();
    }

private:
    store::ResultsStore& store_;
    std::mutex& lock_;
    ProgressSink& events_;
    std::int64_t run_;
    std::string method_;
    int fold_;
    std::string prefix_;
    std::vector<store::MetricPoint> buffer_;
};

std::set<int> completedFolds(store::ResultsStore& store, std::int64_t run, const std::string& key) {
    std::set<int> done;
    for (const auto& r : store.foldResults(run))
        if (r.name == key) done.insert(r.fold);
    return done;
}

void saveFold(store::ResultsStore& store, std::int64_t run, int fold, const FoldOutcome& o) {
    store::ResultsStore::Transaction tx(store);
    store.addPredictions(run, o.predictions);
    store.addEmbeddings(run, o.embeddings);
    store.addRocPoints(run, fold, o.score.roc);
    for (const auto& [name, value] : o.robustness) store.setFoldResult(run, fold, name, value);
    // The headline metric last: its presence marks the fold complete (see completedFolds).
    for (const auto& [name, value] : o.score.metrics)
        if (name != "auroc") store.setFoldResult(run, fold, name, value);
    store.setFoldResult(run, fold, "auroc", o.score.metrics.at("auroc"));
    tx.commit();
}

struct MethodRun {
    std::string method;
    std::int64_t runId;
};

// What the fold tasks and the final-model task of one run share.
struct RunTasks {
    store::ResultsStore& db;
    std::mutex dbMutex;  // the one results connection, and methodSeconds
    const FoldContext& context;
    const eval::TaskInfo& task;
    const std::vector<MethodRun>& methods;
    std::int64_t runId;  // the DACL run (methods[0])
    int folds;
    std::uint64_t seed;
    std::vector<std::set<int>> done;  // per method: folds complete before this process started
    bool finalModelDone = false;      // stored before this process started
    std::map<std::string, double> methodSeconds;
};

// Workers that train at once: train.parallel, or as many as the cores hold at train.threads each.
int trainingWorkers(const Settings& s, std::size_t tasks) {
    int workers = static_cast<int>(s.getInt("train.parallel"));
    if (workers <= 0) {
        const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
        const int perTask = s.getInt("train.threads") > 0 ? static_cast<int>(s.getInt("train.threads")) : cores;
        workers = std::max(1, cores / perTask);
    }
    return static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(workers), std::max<std::size_t>(1, tasks)));
}

// The methods of one fold, in order: they share the fold's VAE and noisy test sets. Each method
// resumes from its last encoder checkpoint in this fold, if any.
void runFoldMethods(RunTasks& run, const FoldSplit& split) {
    const int k = split.fold;
    store::ResultsStore& db = run.db;
    ProgressSink& progress = run.context.progress;
    NoisyTestSets noisyTests;
    FoldContext foldCtx = run.context;
    foldCtx.noisyTests = &noisyTests;
    SharedVae sharedVae;
    const std::string nth = std::to_string(k + 1) + "/" + std::to_string(run.folds);
    progress.pipelineEvent(event::FoldStarted{run.runId, k, run.folds});
    for (std::size_t mi = 0; mi < run.methods.size(); ++mi) {
        const MethodRun& m = run.methods[mi];
        if (run.done[mi].count(k)) continue;
        if (progress.cancelled()) throw Cancelled();
        Stopwatch watch;
        std::optional<std::string> resumeFrom;
        {
            std::lock_guard<std::mutex> guard(run.dbMutex);
            const auto checkpoint = db.latestArtefact(m.runId, store::metric::kCheckpoint, k);
            if (checkpoint) {
                resumeFrom = std::string(checkpoint->data.begin(), checkpoint->data.end());
                // Curves the killed process wrote after its last checkpoint come again.
                db.clearMetricsFrom(m.runId, k, store::metric::kEncoderSeries, checkpoint->epoch.value_or(0));
            } else {
                db.clearFold(m.runId, k);
            }
        }
        MetricWriter writer(db, run.dbMutex, progress, m.runId, m.method, k);
        FitHooks hooks;
        hooks.progress = &progress;
        hooks.stagePrefix = m.method + " fold " + nth + ": ";
        hooks.resumeFrom = resumeFrom;
        hooks.sharedVae = &sharedVae;
        hooks.distributed = run.context.distributed;
        hooks.onMetric = [&](const std::string& n, int e, long long st, double v) { writer.add(n, e, st, v); };
        hooks.onCheckpoint = [&](int epoch, const std::string& bytes) {
            store::Artefact a;
            a.kind = store::metric::kCheckpoint;
            a.name = "encoder";
            a.fold = k;
            a.epoch = epoch;
            a.data.assign(bytes.begin(), bytes.end());
            writer.flush();
            std::lock_guard<std::mutex> guard(run.dbMutex);
            db.replaceArtefact(m.runId, a);
            db.heartbeat(m.runId);
        };
        const FoldOutcome outcome = runFold(foldCtx, m.method, split, hooks, derivedSeed(run.seed, k, 0));
        writer.flush();
        {
            std::lock_guard<std::mutex> guard(run.dbMutex);
            saveFold(db, m.runId, k, outcome);
            run.methodSeconds[m.method] += watch.lapSeconds();
        }
        const bool binary = run.task.classes == 2;
        progress.log(m.method + " fold " + nth + ": " + (binary ? "AUROC " : "F1 ") +
                     std::to_string(outcome.score.metrics.at(binary ? "auroc" : "f1_challenge")) + " (" +
                     residentSummary() + ")");
    }
    if (noisyTests.computed())
        progress.log("fold " + nth + ": " + std::to_string(noisyTests.computed()) +
                     " noisy test sets computed, shared by the fold's methods");
    progress.pipelineEvent(event::FoldFinished{run.runId, k, run.folds});
}

// The final model on all labelled records: what `predict` and the desktop app use.
void trainFinalModel(RunTasks& run, const FoldSplit& all, std::int64_t runId) {
    store::ResultsStore& db = run.db;
    ProgressSink& progress = run.context.progress;
    Stopwatch watch;
    progress.pipelineEvent(event::FoldStarted{runId, kFinalModelFold, run.folds});
    {
        std::lock_guard<std::mutex> guard(run.dbMutex);  // the curves of a killed attempt go
        db.clearMetricsFrom(runId, std::nullopt, store::metric::kFinalModelSeries, std::numeric_limits<int>::min());
    }
    MetricWriter writer(db, run.dbMutex, progress, runId, "dacl", kFinalModelFold, store::metric::kFinalModelSeries);
    FitHooks hooks;
    hooks.progress = &progress;
    hooks.stagePrefix = "final model: ";
    hooks.distributed = run.context.distributed;
    hooks.onMetric = [&](const std::string& n, int e, long long st, double v) { writer.add(n, e, st, v); };
    const FoldOutcome final = runFold(run.context, "dacl", all, hooks, derivedSeed(run.seed, run.folds, 0));
    writer.flush();
    store::Artefact a;
    a.kind = store::metric::kModel;
    std::vector<std::pair<std::string, std::string>> parts = {{"representation", final.representation->toBytes()},
                                                               {"probe", final.probe->toBytes()}};
    if (final.fusion) parts.emplace_back("fusion", final.fusion->toBytes());
    {
        std::lock_guard<std::mutex> guard(run.dbMutex);
        store::ResultsStore::Transaction tx(db);
        for (const auto& [name, bytes] : parts) {
            a.name = name;
            a.data.assign(bytes.begin(), bytes.end());
            db.addArtefact(runId, a);
        }
        // A four-class run has no threshold (its fold outcome keeps the 0.5 default): it has weights.
        if (run.task.classes == 2)
            db.setFinalMetric(runId, {"final_threshold", final.threshold, 0, final.threshold, final.threshold});
        for (std::size_t k = 0; k < final.classWeights.size(); ++k) {
            const double w = final.classWeights[k];
            db.setFinalMetric(runId, {finalClassWeightName(static_cast<int>(k)), w, 0, w, w});
        }
        tx.commit();
    }
    progress.log("final model: " + watch.lap());
    progress.pipelineEvent(event::FoldFinished{runId, kFinalModelFold, run.folds});
}

// Marks the run and its baselines failed, as far as the results file still takes writes.
void failRunsQuietly(store::ResultsStore& db, std::int64_t runId, const std::vector<MethodRun>& methods, const std::string& why) {
    std::vector<std::int64_t> ids;
    if (runId) ids.push_back(runId);
    for (const auto& m : methods)
        if (m.runId != runId) ids.push_back(m.runId);
    for (const std::int64_t id : ids) {
        try {
            if (db.run(id).status != store::RunStatus::Finished) db.endRun(id, store::RunStatus::Failed, why);
        } catch (const std::exception&) {
            // Nothing more fits: the error the caller rethrows says why.
        }
    }
}

// The request to carry out: the given one, or for --resume the stored run's own (the run must be
// unfinished and not a baseline). Sets *runId to the resumed run.
PipelineRequest resolveRequest(store::ResultsStore& db, const PipelineRequest& given, std::int64_t* runId, ProgressSink& progress) {
    if (!given.resumeRunId) return given;
    const store::RunInfo info = db.run(*given.resumeRunId);
    if (info.status == store::RunStatus::Finished)
        throw std::runtime_error("run " + std::to_string(info.id) + " is already finished");
    if (info.parentId) throw std::runtime_error("run " + std::to_string(info.id) + " is a baseline; resume its parent run " + std::to_string(*info.parentId));
    *runId = info.id;
    progress.log("resuming run " + std::to_string(info.id) + " (" + store::toString(info.status) + ")");
    return requestFromStored(info.settingsJson, "run " + std::to_string(info.id), given);
}

// resolveRequest on every rank of a distributed run. On --resume only rank 0 holds the run: it
// sends the stored request, and the other ranks train it as a new run of their private files.
PipelineRequest resolveOnEveryRank(store::ResultsStore& db, const PipelineRequest& given, std::int64_t* runId,
                                   ProgressSink& progress) {
    if (!given.distributed || !given.resumeRunId) return resolveRequest(db, given, runId, progress);
    PipelineRequest req;
    const json stored = decidedByRankZero(*given.distributed, [&] {
        req = resolveRequest(db, given, runId, progress);
        return json(db.run(*runId).settingsJson);
    });
    if (given.distributed->rank() == 0) return req;
    req = requestFromStored(stored.get<std::string>(), "the run rank 0 resumes", given);
    req.resumeRunId.reset();
    return req;
}

// What a run has left to do: per method (in the order of `methods`), the folds already complete,
// and whether the final model is stored. Nothing, unless the run is resumed.
struct Remaining {
    std::vector<std::set<int>> doneFolds;
    bool finalModelDone = false;
};

Remaining remainingWork(store::ResultsStore& db, const std::vector<MethodRun>& methods, std::int64_t runId) {
    Remaining r;
    for (const auto& m : methods) r.doneFolds.push_back(completedFolds(db, m.runId, "auroc"));
    r.finalModelDone = db.latestArtefact(runId, store::metric::kModel).has_value();
    return r;
}

// The ranks of a distributed run train what rank 0's results file has left to do (the others'
// private files know nothing of a resumed run): the same methods, folds and final model.
void followRankZero(DistributedGroup& group, std::vector<MethodRun>& methods, Remaining& remaining) {
    const json plan = decidedByRankZero(group, [&] {
        json j{{"methods", json::array()}, {"done_folds", json::array()}, {"final_model_done", remaining.finalModelDone}};
        for (std::size_t i = 0; i < methods.size(); ++i) {
            j["methods"].push_back(methods[i].method);
            j["done_folds"].push_back(remaining.doneFolds[i]);
        }
        return j;
    });
    if (group.rank() == 0) return;
    std::vector<MethodRun> kept;
    Remaining r;
    for (std::size_t i = 0; i < plan.at("methods").size(); ++i) {
        const auto name = plan["methods"][i].get<std::string>();
        const auto it = std::find_if(methods.begin(), methods.end(), [&](const MethodRun& m) { return m.method == name; });
        if (it == methods.end())
            throw std::runtime_error("rank " + std::to_string(group.rank()) + ": rank 0 trains method '" + name +
                                     "', which this rank's request does not have");
        kept.push_back(*it);
        r.doneFolds.push_back(plan["done_folds"][i].get<std::set<int>>());
    }
    r.finalModelDone = plan.at("final_model_done").get<bool>();
    methods = std::move(kept);
    remaining = std::move(r);
}

// The DACL run and one child run per baseline, created (or found again on resume) and started.
// On resume, baselines that finished before the interruption are complete and left out.
std::vector<MethodRun> startRuns(store::ResultsStore& db, const PipelineRequest& req, const Dataset& dataset,
                                 std::size_t taskRecords, const RuntimeInfo& runtime, std::int64_t* runId) {
    std::vector<MethodRun> methods;
    try {
        if (!*runId) {
            store::NewRun nr;
            nr.name = req.runName.empty() ? "dacl " + req.task : req.runName;
            nr.task = req.task;
            nr.settingsJson = jsonText(json{{"settings", req.settings.values()},
                                            {"request", requestJson(req)},
                                            {"dataset", datasetJson(dataset, taskRecords)}});
            nr.seed = static_cast<std::uint64_t>(req.settings.getInt("seed"));
            nr.dataFingerprint = dataset.fingerprint();
            nr.device = runtime.device;
            nr.threads = runtime.threads;
            *runId = db.createRun(nr);
            for (const auto& b : req.baselines) {
                nr.name = b;
                nr.parentId = *runId;
                methods.push_back({b, db.createRun(nr)});
            }
        } else {
            for (const auto& b : req.baselines)
                for (const auto& r : db.listRuns())
                    if (r.parentId && *r.parentId == *runId && r.name == b) methods.push_back({b, r.id});
        }
        methods.insert(methods.begin(), MethodRun{"dacl", *runId});
        methods.erase(std::remove_if(methods.begin() + 1, methods.end(),
                                     [&](const MethodRun& m) { return db.run(m.runId).status == store::RunStatus::Finished; }),
                      methods.end());
        for (const auto& m : methods) db.startRun(m.runId);
    } catch (const std::exception& e) {
        // A write that fails here (a file-size limit, a full disk) would leave the run and the
        // baselines created so far 'queued' for ever: they fail with the reason where that fits.
        failRunsQuietly(db, *runId, methods, e.what());
        throw;
    }
    return methods;
}

// The training tasks still to do: one per fold with a method not yet complete, and the final
// model (first: the longest task, so that another worker works through the folds meanwhile).
// Folds, validation splits and the final model's split derive from the seed alone.
std::vector<std::function<void()>> trainingTasks(RunTasks& run, const PipelineRequest& req, const std::vector<int>& taskRecords,
                                                 const std::vector<int>& strata) {
    const double valFraction = req.settings.getDouble("eval.val_fraction");
    const std::vector<int> fold = eval::stratifiedKFold(strata, req.folds, derivedSeed(run.seed, 0, kFoldPurpose));
    std::vector<std::function<void()>> tasks;
    for (int k = 0; k < req.folds; ++k) {
        bool pending = false;
        for (const auto& d : run.done) pending = pending || !d.count(k);
        if (!pending) continue;
        FoldSplit split;
        split.fold = k;
        std::vector<bool> inTraining(taskRecords.size());
        for (std::size_t i = 0; i < taskRecords.size(); ++i) inTraining[i] = fold[i] != k;
        const std::vector<bool> isVal =
            eval::stratifiedValidationSplit(strata, inTraining, derivedSeed(run.seed, k, kValidationPurpose), valFraction);
        for (std::size_t i = 0; i < taskRecords.size(); ++i) {
            if (!inTraining[i]) split.test.push_back(taskRecords[i]);
            else if (isVal[i]) split.validation.push_back(taskRecords[i]);
            else split.train.push_back(taskRecords[i]);
        }
        tasks.push_back([&run, split] { runFoldMethods(run, split); });
    }
    if (req.finalModel && !run.finalModelDone) {
        FoldSplit all;
        all.fold = -1;
        const std::vector<bool> inTraining(taskRecords.size(), true);
        const auto isVal = eval::stratifiedValidationSplit(strata, inTraining, derivedSeed(run.seed, -1, kValidationPurpose), valFraction);
        for (std::size_t i = 0; i < taskRecords.size(); ++i) (isVal[i] ? all.validation : all.train).push_back(taskRecords[i]);
        tasks.insert(tasks.begin(), [&run, all] { trainFinalModel(run, all, run.runId); });
    }
    return tasks;
}

// Features, then every fold and the final model, then the runs' final metrics; each method's run
// ends finished, cancelled or failed with the reason.
void trainAndEvaluate(store::ResultsStore& db, const PipelineRequest& req, const Dataset& dataset, TaskRecords records,
                      const std::vector<MethodRun>& methods, const Remaining& remaining, std::int64_t runId,
                      ProgressSink& progress) {
    const Settings& s = req.settings;
    const eval::TaskInfo& task = eval::taskInfo(req.task);
    const auto seed = static_cast<std::uint64_t>(s.getInt("seed"));
    try {
        // Features of every record of the task (cached on disk across runs).
        std::vector<std::size_t> sorted;
        for (std::size_t i = 0; i < records.recordLabel.size(); ++i)
            if (records.recordLabel[i] >= 0) sorted.push_back(i);
        Stopwatch stage, eventClock;
        progress.pipelineEvent(event::StageStarted{runId, PipelineStage::Features});
        const WindowTable windows = req.distributed
                                        ? computeWindowTableOnRanks(*req.distributed, dataset, sorted, s, progress, req.cacheDir)
                                        : computeWindowTable(dataset, sorted, s, progress, req.cacheDir);
        progress.log("features: " + stage.lap());
        progress.pipelineEvent(event::StageFinished{runId, PipelineStage::Features, eventClock.lapSeconds()});
        // Records without a single window (unreadable, too short) leave the task.
        const std::set<int> withWindows(windows.record.begin(), windows.record.end());
        std::vector<int> taskRecords, strata;
        for (std::size_t i = 0; i < records.recordLabel.size(); ++i) {
            if (records.recordLabel[i] < 0) continue;
            if (!withWindows.count(static_cast<int>(i))) {
                records.recordLabel[i] = -1;
                continue;
            }
            taskRecords.push_back(static_cast<int>(i));
            strata.push_back(stratumOf(dataset.records()[i].label));
        }

        SharedProgress shared(progress);
        FoldContext ctx{dataset, windows, s, req.task, task.classes, records.recordLabel, req.cacheDir, shared, req.robustness,
                        nullptr, req.distributed};
        RunTasks run{db, {}, ctx, task, methods, runId, req.folds, seed, remaining.doneFolds, remaining.finalModelDone, {}};
        // Folds and the final model are independent: they train at once on train.parallel workers
        // (every seed derives from the fold, so the results do not depend on the order).
        const std::vector<std::function<void()>> tasks = trainingTasks(run, req, taskRecords, strata);
        // The ranks of a distributed run must make their collective calls in the same order: one
        // task at a time.
        const int workers = req.distributed ? 1 : trainingWorkers(s, tasks.size());
        if (workers > 1) progress.log("training " + std::to_string(tasks.size()) + " tasks on " + std::to_string(workers) + " workers");
        progress.pipelineEvent(event::StageStarted{runId, PipelineStage::Training});
        runTasks(tasks, workers, shared);
        progress.pipelineEvent(event::StageFinished{runId, PipelineStage::Training, eventClock.lapSeconds()});
        progress.pipelineEvent(event::StageStarted{runId, PipelineStage::FinalMetrics});
        for (const auto& m : methods) {
            storeFinalMetrics(db, m.runId, s);
            if (run.methodSeconds.count(m.method)) progress.log(m.method + " folds: " + formatSeconds(run.methodSeconds[m.method]));
        }
        progress.pipelineEvent(event::StageFinished{runId, PipelineStage::FinalMetrics, eventClock.lapSeconds()});
        progress.log("training: " + stage.lap());
        for (const auto& m : methods) db.endRun(m.runId, store::RunStatus::Finished);
    } catch (const Cancelled&) {
        for (const auto& m : methods) db.endRun(m.runId, store::RunStatus::Cancelled, "cancelled by the user");
        throw;
    } catch (const std::exception& e) {
        for (const auto& m : methods) db.endRun(m.runId, store::RunStatus::Failed, e.what());
        throw;
    }
}

}  // namespace

json runPipeline(const PipelineRequest& given, ProgressSink& progress) {
    store::ResultsStore db(given.dbPath);
    std::int64_t runId = 0;
    const PipelineRequest req = resolveOnEveryRank(db, given, &runId, progress);
    const Settings& s = req.settings;
    eval::taskInfo(req.task);                                  // throws for an unknown task
    for (const auto& b : req.baselines) methodDescription(b);  // throws for an unknown baseline
    if (req.folds < 1) throw std::invalid_argument("--folds must be at least 1");
    const int worldSize = req.distributed ? req.distributed->worldSize() : 1;
    if (s.getInt("train.world_size") != worldSize && given.resumeRunId) {
        const std::string ranks = std::to_string(s.getInt("train.world_size"));
        throw std::invalid_argument("run " + std::to_string(*given.resumeRunId) + " was trained by " + ranks +
                                    " rank(s), not " + std::to_string(worldSize) + ": resume it with as many (" +
                                    (ranks == "1" ? std::string("without --distributed")
                                                  : "dacl launch --nproc " + ranks + " -- dacl pipeline --resume " +
                                                        std::to_string(*given.resumeRunId) + " ... --distributed") +
                                    ")");
    }
    if (s.getInt("train.world_size") != worldSize)
        throw std::invalid_argument("train.world_size is " + std::to_string(s.getInt("train.world_size")) + " but " +
                                    std::to_string(worldSize) + " ranks train (it is set by --distributed)");

    // Features run on their own thread pool (`threads`); torch's intra-op threads train the models.
    configureThreads(static_cast<int>(s.getInt("train.threads")));
    setMaxRecordSamples(s.getInt("data.max_record_samples"));
    const RuntimeInfo runtime = runtimeInfo();

    progress.report("opening dataset", 0, 1);
    const Dataset dataset = Dataset::open(req.dataDir);
    for (const auto& sk : dataset.skipped()) progress.log("skipped " + sk.file + ": " + sk.reason);
    TaskRecords records = selectTaskRecords(dataset, req, static_cast<std::uint64_t>(s.getInt("seed")));

    std::vector<MethodRun> methods = startRuns(db, req, dataset, records.count, runtime, &runId);
    Remaining remaining = remainingWork(db, methods, runId);
    if (req.distributed) followRankZero(*req.distributed, methods, remaining);
    for (const auto& m : methods)
        progress.pipelineEvent(event::RunCreated{m.runId, m.runId == runId ? 0 : runId, m.method, given.resumeRunId.has_value()});
    trainAndEvaluate(db, req, dataset, std::move(records), methods, remaining, runId, progress);
    return summarise(db, runId);
}

json pipelineSummary(const std::string& dbPath, std::int64_t runId) {
    store::ResultsStore db(dbPath);
    return summarise(db, runId);
}

}  // namespace dacl::ml
