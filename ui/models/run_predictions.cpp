#include "ui/models/run_predictions.h"

#include "core/store/metric_names.h"

namespace dacl::ui {

RunPredictions readRunPredictions(store::ResultsStore& store, std::int64_t runId) {
    RunPredictions out;
    out.task = QString::fromStdString(store.run(runId).task);
    // A binary prediction is "score ≥ its fold's validation threshold": the tooltip names it.
    QHash<int, double> thresholds;
    for (const store::FoldResult& f : store.foldResults(runId))
        if (f.name == store::metric::kThreshold) thresholds.insert(f.fold, f.value);
    for (const store::Prediction& p : store.predictions(runId)) {
        if (!p.fold) continue;  // the final model's predictions: not a test of the record
        out.byRecord.insert(QString::fromStdString(p.record),
                            {p.score, *p.fold, p.label, p.predicted,
                             thresholds.value(*p.fold, std::numeric_limits<double>::quiet_NaN())});
    }
    return out;
}

}  // namespace dacl::ui
