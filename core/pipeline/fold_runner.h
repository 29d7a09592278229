#pragma once
// One method on one fold: fit the representation and the probe on the training records, pick
// the threshold on the validation records, score the test records (and, when asked, the test
// records corrupted by noise, and the probe given noisy latents z_t).
#include "core/data/dataset.h"
#include "core/dsp/noise.h"
#include "core/pipeline/representation.h"
#include "core/pipeline/rhythm_fusion.h"
#include "core/pipeline/scoring.h"
#include "core/pipeline/window_table.h"
#include "core/ml/probe.h"
#include "core/store/results_store.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace dacl::ml {

// The test ECG of one fold corrupted by every noise kind at every SNR, as features. Computing
// them is the costly part of the robustness check (16 feature passes), and they are the same for
// every method of the fold: the first method to need them computes them, the others reuse them.
class NoisyTestSets {
public:
    // Features of `testRecords` corrupted by `kind` at `snr` dB (noise seeded by `seed` + record).
    const WindowTable& get(const Dataset& dataset, const std::vector<int>& testRecords, const Settings& settings,
                           dsp::NoiseKind kind, double snr, std::uint64_t seed);
    std::size_t computed() const { return tables_.size(); }

private:
    std::map<std::tuple<int, double, std::uint64_t>, WindowTable> tables_;
};

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
    NoisyTestSets* noisyTests = nullptr;  // set when robustness is: shared by the fold's methods
    std::shared_ptr<DistributedGroup> distributed;  // see PipelineRequest::distributed
};

struct FoldSplit {
    int fold = 0;                        // -1 for the final model
    std::vector<int> train, validation, test;  // sorted dataset record indices
};

struct FoldOutcome {
    FoldScore score;                                // empty when there are no test records
    std::vector<store::Prediction> predictions;     // test records
    std::vector<store::Embedding> embeddings;       // test records: mean h of their windows (t = 0, and z_t views)
    // Further fold results: "robust.white.12db.auroc", the unfused "alone.auroc", the facts of
    // the representation ("stage_finetuned") -> value
    std::map<std::string, double> robustness;
    std::unique_ptr<Representation> representation;
    std::optional<LogisticProbe> probe;
    std::optional<RhythmFusion> fusion;             // repr = sequence with fusion.rhythm
    double threshold = 0.5;                         // binary tasks: Youden on validation
    // challenge4: decision weights fitted on validation (class_decision.h), for the fused score
    // and for the model alone; empty for binary tasks and eval.class_decision = argmax.
    std::vector<double> classWeights, classWeightsAlone;
};

FoldOutcome runFold(const FoldContext& context, const std::string& method, const FoldSplit& split,
                    const FitHooks& hooks, std::uint64_t seed);

// Whether a method's record scores are fused with the RR-feature booster (method.md v2 §7).
bool usesRhythmFusion(const Settings& settings, const std::string& method);

// The rhythm features the fusion booster reads (fusion.features): 20 or 24 per record.
int fusionFeatureCount(const Settings& settings);
// The first `count` rhythm features of each record (its first row in `table`), in the order of
// `records`.
Matrix recordRhythmFeatures(const WindowTable& table, const std::vector<int>& records, int count);

// Positive-class probability columns → score per record (binary) as doubles.
std::vector<double> positiveScores(const RecordProba& p);

// SNRs (dB) and diffusion timesteps of the robustness evaluation (method.md §8).
const std::vector<double>& robustnessSnrs();
const std::vector<int>& robustnessTimesteps();

}  // namespace dacl::ml
