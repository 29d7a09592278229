#include "ui/report/roc_curves.h"

#include "core/eval/tasks.h"
#include "core/store/metric_names.h"
#include "ui/report/fold_number.h"

#include <QObject>

#include <cmath>
#include <limits>
#include <map>

namespace dacl::ui {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::uint64_t kBootstrapSeed = 20170;

bool binaryTask(const std::string& task) {
    try {
        return eval::isBinaryTask(task);
    } catch (const std::exception&) {
        return true;  // unknown task: treat its labels as 0/1
    }
}

void finish(RocCurveSet& c, std::optional<eval::Interval> storedCi) {
    c.roc = eval::rocCurve(c.scores, c.labels);
    c.pr = eval::prCurve(c.scores, c.labels);
    c.auroc = eval::auroc(c.scores, c.labels);
    c.auprc = eval::auprc(c.scores, c.labels);
    std::size_t positives = 0;
    for (int l : c.labels) positives += l == 1;
    c.prevalence = c.labels.empty() ? kNaN : static_cast<double>(positives) / c.labels.size();
    eval::Interval ci = storedCi ? *storedCi
                                 : eval::bootstrapAuroc(c.scores, c.labels, eval::kDefaultBootstrapResamples, kBootstrapSeed);
    c.ciLow = ci.low;
    c.ciHigh = ci.high;
}

}  // namespace

QString RocCurveSet::curveLabel() const {
    return fold ? QObject::tr("fold %1").arg(foldNumber(*fold)) : QObject::tr("pooled");
}

std::vector<RocCurveSet> loadRocCurves(store::ResultsStore& st, const std::vector<qint64>& runIds) {
    std::vector<RocCurveSet> out;
    for (qint64 id : runIds) {
        const store::RunInfo run = st.run(id);
        const bool binary = binaryTask(run.task);
        const auto predictions = st.predictions(id);
        std::map<int, std::map<std::string, double>> foldResults;
        for (const auto& f : st.foldResults(id)) foldResults[f.fold][f.name] = f.value;
        const auto finalThreshold = st.finalMetric(id, store::metric::kThreshold);

        RocCurveSet base;
        base.runId = id;
        base.runName = QString::fromStdString(run.name);
        base.task = QString::fromStdString(run.task);
        std::map<int, RocCurveSet> folds;
        RocCurveSet pooled = base;
        for (const auto& p : predictions) {
            const int label = binary ? (p.label == 1 ? 1 : 0) : (p.label == eval::kClassA ? 1 : 0);
            const int fold = p.fold.value_or(-1);
            auto it = folds.find(fold);
            if (it == folds.end()) {
                it = folds.emplace(fold, base).first;
                if (p.fold) it->second.fold = fold;
            }
            it->second.scores.push_back(p.score);
            it->second.labels.push_back(label);
            it->second.records.push_back(QString::fromStdString(p.record));
            pooled.scores.push_back(p.score);
            pooled.labels.push_back(label);
            pooled.records.push_back(QString::fromStdString(p.record));
        }
        for (auto& [fold, c] : folds) {
            std::optional<eval::Interval> ci;
            const auto fr = foldResults.find(fold);
            // The fold's stored interval is the AF-vs-rest one only for binary tasks.
            if (binary && fr != foldResults.end() && fr->second.count("auroc_ci_low") && fr->second.count("auroc_ci_high"))
                ci = eval::Interval{fr->second.at("auroc_ci_low"), fr->second.at("auroc_ci_high")};
            c.storedThreshold = fr != foldResults.end() && fr->second.count(store::metric::kThreshold)
                                    ? fr->second.at(store::metric::kThreshold)
                                    : kNaN;
            finish(c, ci);
            out.push_back(std::move(c));
        }
        // Folds whose predictions are missing but whose ROC points were stored.
        for (const auto& [fold, values] : foldResults) {
            if (folds.count(fold)) continue;
            auto points = st.rocPoints(id, fold);
            if (points.empty()) continue;
            RocCurveSet c = base;
            c.fold = fold;
            c.fromPredictions = false;
            c.roc = std::move(points);
            c.auroc = values.count("auroc") ? values.at("auroc") : kNaN;
            c.ciLow = values.count("auroc_ci_low") ? values.at("auroc_ci_low") : kNaN;
            c.ciHigh = values.count("auroc_ci_high") ? values.at("auroc_ci_high") : kNaN;
            c.auprc = values.count("auprc") ? values.at("auprc") : kNaN;
            c.prevalence = kNaN;
            c.storedThreshold = values.count(store::metric::kThreshold) ? values.at(store::metric::kThreshold) : kNaN;
            out.push_back(std::move(c));
        }
        if (folds.size() > 1) {
            std::optional<eval::Interval> ci;
            const auto stored = st.finalMetric(id, "auroc_pooled");
            if (binary && stored && std::isfinite(stored->ciLow)) ci = eval::Interval{stored->ciLow, stored->ciHigh};
            pooled.storedThreshold = finalThreshold ? finalThreshold->mean : kNaN;
            finish(pooled, ci);
            out.push_back(std::move(pooled));
        }
    }
    return out;
}

}  // namespace dacl::ui
