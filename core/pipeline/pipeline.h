#pragma once
// The whole DACL protocol (method.md §8): features → stratified k-fold by record → per fold
// VAE + contrastive encoder + probe, scored on held-out records; the same folds for every
// baseline; optional noise robustness; then the final model on all labelled records. Every
// result goes to the SQLite results store as it is produced, so an interrupted run resumes.
#include "core/common/progress.h"
#include "core/common/settings.h"
#include "core/ml/distributed.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dacl::ml {

struct PipelineRequest {
    std::string dataDir;
    std::string task = "af_vs_rest";
    int folds = 5;                     // 1 = one stratified 80/20 split
    std::string dbPath;
    std::optional<std::size_t> limit;  // stratified subset of this many labelled records
    std::vector<std::string> classes;  // only records with these labels ("N", "A", "O", "~"); empty: all
    std::vector<std::string> records;  // only the records of these names (a saved list); empty: all
    Settings settings;
    std::vector<std::string> baselines;
    bool robustness = false;
    bool finalModel = true;
    std::optional<std::int64_t> resumeRunId;
    std::string cacheDir;              // feature cache ("" = no cache)
    std::string runName;
    // Set on every rank of a distributed run (`dacl pipeline --distributed`): the ranks train the
    // frame VAE and the DACL encoder together; everything else runs the same on every rank. With
    // resumeRunId, rank 0 resumes its run and the others follow (see rank_zero.h).
    std::shared_ptr<DistributedGroup> distributed;
};

// Runs (or resumes) the pipeline and returns its summary: run_id, task, auroc {mean, std,
// ci_low, ci_high, folds}, the other metrics, baselines {name: {...}}, robustness.
nlohmann::json runPipeline(const PipelineRequest& request, ProgressSink& progress);

// The summary of a stored run (same layout as runPipeline's), e.g. for `dacl runs show`.
nlohmann::json pipelineSummary(const std::string& dbPath, std::int64_t runId);

}  // namespace dacl::ml
