#include "core/pipeline/summary.h"

#include "core/eval/metrics.h"

#include <cmath>
#include <map>

namespace dacl::ml {

using nlohmann::json;

namespace {

struct Stats {
    double mean = 0, std = 0;
};

Stats meanStd(const std::vector<double>& v) {
    Stats s;
    if (v.empty()) return s;
    for (double x : v) s.mean += x;
    s.mean /= static_cast<double>(v.size());
    if (v.size() > 1) {
        for (double x : v) s.std += (x - s.mean) * (x - s.mean);
        s.std = std::sqrt(s.std / static_cast<double>(v.size() - 1));
    }
    return s;
}

std::map<std::string, std::vector<double>> byName(const std::vector<store::FoldResult>& results) {
    std::map<std::string, std::map<int, double>> ordered;
    for (const auto& r : results) ordered[r.name][r.fold] = r.value;
    std::map<std::string, std::vector<double>> out;
    for (const auto& [name, folds] : ordered)
        for (const auto& [fold, value] : folds) out[name].push_back(value);
    return out;
}

json methodJson(store::ResultsStore& db, std::int64_t runId) {
    json j = json::object();
    const auto folds = byName(db.foldResults(runId));
    json robustness = json::object();
    for (const auto& m : db.finalMetrics(runId)) {
        if (m.name.rfind("robust.", 0) == 0) {
            robustness[m.name.substr(7)] = m.mean;
            continue;
        }
        json entry{{"mean", m.mean}, {"std", m.std}};
        if (m.name == "auroc") {
            entry["ci_low"] = m.ciLow;
            entry["ci_high"] = m.ciHigh;
        }
        auto it = folds.find(m.name);
        if (it != folds.end()) entry["folds"] = it->second;
        j[m.name] = entry;
    }
    if (!robustness.empty()) j["robustness"] = robustness;
    // Sequence DACL: which stage scored (chosen per fold on validation).
    const auto stage = folds.find("stage_finetuned");
    if (stage != folds.end()) {
        int finetuned = 0;
        for (double v : stage->second) finetuned += v > 0.5;
        const int n = static_cast<int>(stage->second.size());
        j["stage"] = finetuned == 0 ? "probe" : finetuned == n ? "finetuned"
                                    : "mixed (" + std::to_string(finetuned) + " of " + std::to_string(n) + " folds fine-tuned)";
    }
    return j;
}

}  // namespace

void storeFinalMetrics(store::ResultsStore& db, std::int64_t runId, const Settings& settings) {
    const auto folds = byName(db.foldResults(runId));
    store::ResultsStore::Transaction tx(db);
    for (const auto& [name, values] : folds) {
        if (name.find("ci_") != std::string::npos) continue;
        const Stats s = meanStd(values);
        db.setFinalMetric(runId, {name, s.mean, s.std, s.mean, s.mean});
    }
    // AUROC interval: bootstrap over every test record of every fold (out-of-fold predictions).
    const auto predictions = db.predictions(runId);
    const auto auroc = folds.find("auroc");
    if (auroc != folds.end() && !predictions.empty()) {
        std::vector<double> scores;
        std::vector<int> labels;
        bool binary = true;
        for (const auto& p : predictions) {
            scores.push_back(p.score);
            labels.push_back(p.label);
            binary = binary && (p.label == 0 || p.label == 1);
        }
        const Stats s = meanStd(auroc->second);
        eval::Interval ci{s.mean, s.mean};
        if (binary) {
            ci = eval::bootstrapAuroc(scores, labels, static_cast<int>(settings.getInt("eval.bootstrap")),
                                      static_cast<std::uint64_t>(settings.getInt("seed")));
            db.setFinalMetric(runId, {"auroc_pooled", eval::auroc(scores, labels), 0, ci.low, ci.high});
        } else {
            // Four classes: the mean of the folds' own intervals.
            const auto lo = folds.find("auroc_ci_low"), hi = folds.find("auroc_ci_high");
            if (lo != folds.end() && hi != folds.end()) ci = {meanStd(lo->second).mean, meanStd(hi->second).mean};
        }
        db.setFinalMetric(runId, {"auroc", s.mean, s.std, ci.low, ci.high});
    }
    tx.commit();
}

json summarise(store::ResultsStore& db, std::int64_t runId) {
    const store::RunInfo run = db.run(runId);
    json j = methodJson(db, runId);
    j["run_id"] = run.id;
    j["task"] = run.task;
    j["status"] = store::toString(run.status);
    j["device"] = run.device;
    j["threads"] = run.threads;
    j["seed"] = run.seed;
    j["data_fingerprint"] = run.dataFingerprint;
    j["software_version"] = run.softwareVersion;
    try {
        const json stored = json::parse(run.settingsJson);
        if (stored.contains("request")) j["request"] = stored["request"];
        // Runs from before distributed training have no such setting: they ran alone.
        j["world_size"] = stored.contains("settings") ? stored["settings"].value("train.world_size", 1) : 1;
    } catch (const json::exception&) {
    }
    json baselines = json::object();
    for (const auto& r : db.listRuns()) {
        if (!r.parentId || *r.parentId != runId) continue;
        json b = methodJson(db, r.id);
        b["run_id"] = r.id;
        b["status"] = store::toString(r.status);
        baselines[r.name] = b;
    }
    j["baselines"] = baselines;
    return j;
}

}  // namespace dacl::ml
