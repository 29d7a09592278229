#pragma once
// The validation threshold of a run's final model, recomputed from record scores: the final
// model's validation split as pipeline.cpp draws it (fold -1, purpose 2), then Youden's J.
#include "core/data/dataset.h"
#include "core/eval/folds.h"
#include "core/eval/metrics.h"
#include "core/eval/tasks.h"
#include "core/pipeline/model_settings.h"
#include "core/pipeline/run_model.h"

#include <stdexcept>
#include <vector>

namespace dacl::testing {

// scores[i]: the record score of dataset record i (task af_vs_rest).
inline double recomputedFinalThreshold(const Dataset& dataset, const ml::RunModel& model, const std::vector<double>& scores) {
    std::vector<int> strata, labels;
    for (const auto& r : dataset.records()) {
        strata.push_back(eval::classCode(r.label));
        labels.push_back(*eval::taskLabel("af_vs_rest", r.label));
    }
    const auto seed = static_cast<std::uint64_t>(model.settings().getInt("seed"));
    const std::vector<bool> isVal = eval::stratifiedValidationSplit(
        strata, std::vector<bool>(strata.size(), true), ml::derivedSeed(seed, -1, 2), model.settings().getDouble("eval.val_fraction"));
    std::vector<double> valScores;
    std::vector<int> valLabels;
    for (std::size_t i = 0; i < isVal.size(); ++i)
        if (isVal[i]) {
            valScores.push_back(scores[i]);
            valLabels.push_back(labels[i]);
        }
    if (valScores.empty()) throw std::logic_error("no validation records");
    return eval::youdenThreshold(valScores, valLabels);
}

}  // namespace dacl::testing
