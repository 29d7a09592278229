#pragma once
// ROC and precision–recall curves of runs, per test fold and pooled over folds, recomputed from
// the stored predictions with core's metrics (stored ROC points are used only for a fold whose
// predictions are missing). Shared by the ROC view and the report.
//
// Positive class: label 1 of a binary task; for challenge4 the AF class (code 1), whose
// probability the pipeline stores as the prediction's score.
#include "core/eval/metrics.h"
#include "core/store/results_store.h"

#include <QString>

#include <optional>
#include <vector>

namespace dacl::ui {

struct RocCurveSet {
    qint64 runId = 0;
    QString runName;
    QString task;
    std::optional<int> fold;  // nullopt: every test record of every fold (pooled)
    std::vector<double> scores;
    std::vector<int> labels;  // 0/1
    std::vector<QString> records;  // record of each score (empty when only ROC points are stored)
    std::vector<eval::RocPoint> roc;
    std::vector<eval::PrPoint> pr;
    double auroc = 0, ciLow = 0, ciHigh = 0;  // NaN when undefined
    double auprc = 0;
    double prevalence = 0;
    double storedThreshold = 0;  // the run's validation (Youden) threshold; NaN if none stored
    bool fromPredictions = true; // false: stored ROC points only (no PR, no threshold stats)

    QString curveLabel() const;  // "fold 2" or "pooled"
};

// For each run (in order): one set per fold with predictions, then the pooled set when there is
// more than one fold. AUROC intervals come from the store where it holds them for exactly these
// records, else from a stratified bootstrap (1000 resamples, fixed seed) over them.
std::vector<RocCurveSet> loadRocCurves(store::ResultsStore& store, const std::vector<qint64>& runIds);

}  // namespace dacl::ui
