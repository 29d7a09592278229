#include "core/assess/run_choice.h"

#include "core/common/json_text.h"
#include "core/data/record_file.h"
#include "core/eval/tasks.h"
#include "core/pipeline/class_decision.h"
#include "core/store/artefact_checksum.h"
#include "core/store/metric_names.h"
#include "core/store/results_store.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>
#include <stdexcept>

namespace dacl::assess {

namespace {

namespace fs = std::filesystem;

store::ResultsStore openStore(const std::string& path) {
    store::OpenOptions o;
    o.create = false;  // a mistyped --db must not leave an empty results file behind
    o.readOnly = true;
    return store::ResultsStore(path, o);
}

bool hasFinalModel(store::ResultsStore& db, std::int64_t id) {
    for (const auto& a : db.artefacts(id, false))
        if (a.kind == store::metric::kModel && a.name == "representation") return true;
    return false;
}

std::string fixed(double v, const char* format = "%.3f") {
    char buf[32];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

// How a four-class run picks a record's class (pipeline/class_decision.h).
std::string classDecisionText(store::ResultsStore& db, std::int64_t id) {
    static const char* names[] = {"N", "A", "O", "~"};
    std::string weights;
    for (int k = 0; k < 4; ++k) {
        const auto w = db.finalMetric(id, ml::finalClassWeightName(k));
        if (!w) return "the class with the largest probability";
        weights += std::string(k ? ", " : "") + names[k] + " " + fixed(w->mean, "%.2f");
    }
    return "the class with the largest probability x its weight, fitted on the final model's validation records for "
           "the mean F1 of N, A and O: " + weights;
}

// The label of lead `lead` in the first record of the training folder: what "the lead the run
// was trained on" means to a reader ("ECG" for PhysioNet 2017). "" when the folder is gone.
std::string trainingLeadLabel(const std::string& dataDir, int lead) {
    std::error_code ec;
    if (dataDir.empty() || !fs::is_directory(dataDir, ec)) return {};
    std::set<fs::path> files;  // sorted: the same record each time
    for (fs::directory_iterator it(dataDir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string ext = it->path().extension().string();
        if (ext == ".hea" || ext == ".edf" || ext == ".bdf" || ext == ".EDF" || ext == ".BDF") files.insert(it->path());
    }
    for (const fs::path& f : files) {
        try {
            const RecordHeader h = readRecordHeader(f.string());
            if (lead >= 0 && static_cast<std::size_t>(lead) < h.signals.size()) return h.signals[static_cast<std::size_t>(lead)].description;
            return {};
        } catch (const std::exception&) {
            continue;  // a damaged record: the next one says the same
        }
    }
    return {};
}

}  // namespace

RunProvenance chooseRun(const std::string& resultsFile, long long runId, const std::string& task) {
    RunProvenance p;
    store::ResultsStore db = openStore(resultsFile);
    if (runId > 0) {
        if (!db.findRun(runId)) throw std::runtime_error(resultsFile + ": there is no run " + std::to_string(runId));
        p.runId = runId;
        p.chosenHow = "run " + std::to_string(runId) + " as asked";
        return p;
    }
    int candidates = 0;
    double best = -1;
    for (const store::RunInfo& r : db.listRuns()) {
        if (r.parentId || r.task != task || r.status != store::RunStatus::Finished || !hasFinalModel(db, r.id)) continue;
        ++candidates;
        const auto auroc = db.finalMetric(r.id, store::metric::kAuroc);
        const double a = auroc && std::isfinite(auroc->mean) ? auroc->mean : -0.5;  // unscored runs come last
        if (a >= best) {  // >=: the newer of equal runs (ids ascend)
            best = a;
            p.runId = r.id;
        }
    }
    if (candidates == 0)
        throw std::runtime_error(resultsFile + ": no finished run of task " + task +
                                 " with a final model (train one with `dacl pipeline`, or name a run)");
    p.chosenHow = "best finished run of task " + task + ": the highest stored AUROC" +
                  (best >= 0 ? " (" + fixed(best) + ")" : std::string()) + " among " + std::to_string(candidates) +
                  (candidates == 1 ? " finished run" : " finished runs") + " with a final model";
    return p;
}

RunFacts runFacts(const std::string& resultsFile, RunProvenance provenance) {
    RunFacts f;
    store::ResultsStore db = openStore(resultsFile);
    const std::int64_t id = provenance.runId;
    const store::RunInfo run = db.run(id);
    provenance.name = run.name;
    provenance.task = run.task;
    provenance.createdAt = run.createdAt;
    provenance.version = run.softwareVersion;
    // A short fingerprint of the settings: two reports with the same digest came from equal settings.
    std::string dataDir;
    try {
        const nlohmann::json stored = nlohmann::json::parse(run.settingsJson);
        const std::string settings = jsonText(stored.value("settings", nlohmann::json::object()));
        char hex[17];
        std::snprintf(hex, sizeof hex, "%016llx",
                      static_cast<unsigned long long>(store::fnv1a64(reinterpret_cast<const unsigned char*>(settings.data()), settings.size())));
        provenance.settingsDigest = hex;
        if (stored.contains("request")) dataDir = stored["request"].value("data", std::string());
        if (stored.contains("settings") && stored["settings"].contains("data.lead"))
            f.trainedLead = stored["settings"]["data.lead"].get<int>();
    } catch (const std::exception&) {
        provenance.settingsDigest = "unreadable settings";
    }
    if (const auto a = db.finalMetric(id, store::metric::kAuroc)) provenance.runAuroc = a->mean;
    f.provenance = provenance;

    if (const auto t = db.finalMetric(id, "final_threshold"); t && eval::isBinaryTask(run.task)) f.threshold = t->mean;
    const auto sens = db.finalMetric(id, store::metric::kSensitivity);
    const auto spec = db.finalMetric(id, store::metric::kSpecificity);
    if (sens) f.sensitivity = sens->mean;
    if (spec) f.specificity = spec->mean;
    std::set<int> folds;
    for (const auto& r : db.foldResults(id))
        if (r.name == store::metric::kSensitivity) folds.insert(r.fold);
    // The store keeps the final model's validation threshold, but sensitivity and specificity
    // only per cross-validation fold (each fold's test records at that fold's validation threshold).
    if (std::isfinite(f.threshold))
        f.thresholdHow = "threshold: Youden's J on the final model's validation records; sensitivity and specificity: "
                         "mean over " + std::to_string(folds.size()) + (folds.size() == 1 ? " cross-validation fold's" : " cross-validation folds'") +
                         " test records, each at its fold's validation threshold";
    else
        f.thresholdHow = "no binary threshold (task " + run.task + ": " + classDecisionText(db, id) + ")";
    f.trainedLeadLabel = trainingLeadLabel(dataDir, f.trainedLead);
    return f;
}

}  // namespace dacl::assess
