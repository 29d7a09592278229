#pragma once
// One method on one fold: fit the representation and the probe on the training records, pick
// the threshold on the validation records, score the test records (and, when asked, the test
// records corrupted by noise, and the probe given noisy latents z_t).
#include "core/data/dataset.h"
#include "core/ml/pipeline/representation.h"
#include "core/ml/pipeline/scoring.h"
#include "core/ml/pipeline/window_table.h"
#include "core/ml/probe.h"
#include "core/store/results_store.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dacl::ml {

struct FoldContext {
    const Dataset& dataset;
    const WindowTable& windows;
    const Settings& settings;
    std::string task;
    int numClasses = 2;
    std::vector<int> recordLabel;  // task label per dataset record (-1: not part of the task)
    std::string cacheDir;
    ProgressSink& progress;
    bool robustness = false;
};

struct FoldSplit {
    int fold = 0;                        // -1 for the final model
    std::vector<int> train, validation, test;  // sorted dataset record indices
};

struct FoldOutcome {
    FoldScore score;                                // empty when there are no test records
    std::vector<store::Prediction> predictions;     // test records
    std::vector<store::Embedding> embeddings;       // test records: mean h of their windows (t = 0, and z_t views)
    std::map<std::string, double> robustness;       // "robust.white.12db.auroc" -> value
    std::unique_ptr<Representation> representation;
    std::optional<LogisticProbe> probe;
    double threshold = 0.5;                         // binary tasks: Youden on validation
};

FoldOutcome runFold(const FoldContext& context, const std::string& method, const FoldSplit& split,
                    const FitHooks& hooks, std::uint64_t seed);

// Positive-class probability columns → score per record (binary) as doubles.
std::vector<double> positiveScores(const RecordProba& p);

// SNRs (dB) and diffusion timesteps of the robustness evaluation (method.md §8).
const std::vector<double>& robustnessSnrs();
const std::vector<int>& robustnessTimesteps();

}  // namespace dacl::ml
