#include "ui/report/report_data.h"

#include "core/dsp/signal_quality.h"
#include "core/common/settings.h"
#include "core/common/version.h"
#include "core/data/dataset.h"
#include "core/embed/pca.h"
#include "core/embed/tsne.h"
#include "core/eval/random.h"
#include "core/eval/tasks.h"
#include "core/store/metric_names.h"
#include "ui/report/fold_number.h"
#include "ui/report/number_text.h"
#include "ui/report/run_dataset.h"

#include <QDateTime>
#include <QLocale>
#include <QObject>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <set>
#include <stdexcept>

namespace dacl::ui {

using nlohmann::json;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString qs(const std::string& s) { return QString::fromStdString(s); }

QString jsonText(const json& v) { return v.is_string() ? qs(v.get<std::string>()) : qs(v.dump()); }

bool isBinary(const std::string& task) {
    try {
        return eval::isBinaryTask(task);
    } catch (const std::exception&) {
        return true;
    }
}

// Display names of the stored metric names, in the order the tables list them.
const std::vector<std::pair<std::string, QString>>& metricLabels() {
    static const std::vector<std::pair<std::string, QString>> labels = {
        {"auroc", QObject::tr("AUROC")},
        {"auprc", QObject::tr("AUPRC (average precision)")},
        {"sensitivity", QObject::tr("Sensitivity (recall)")},
        {"specificity", QObject::tr("Specificity")},
        {"precision", QObject::tr("Precision (PPV)")},
        {"f1", QObject::tr("F1")},
        {"accuracy", QObject::tr("Accuracy")},
        {"f1_challenge", QObject::tr("Challenge F1 (mean of N, A, O)")},
        {"auroc_N", QObject::tr("AUROC, normal (N)")},
        {"auroc_A", QObject::tr("AUROC, AF (A)")},
        {"auroc_O", QObject::tr("AUROC, other (O)")},
        {"f1_N", QObject::tr("F1, normal (N)")},
        {"f1_A", QObject::tr("F1, AF (A)")},
        {"f1_O", QObject::tr("F1, other (O)")},
        {"f1_noisy", QObject::tr("F1, noisy (~)")},
        {"threshold", QObject::tr("Threshold (Youden, validation)")},
    };
    return labels;
}

QString labelOf(const std::string& name) {
    for (const auto& [n, l] : metricLabels())
        if (n == name) return l;
    return qs(name);
}

int orderOf(const std::string& name) {
    const auto& labels = metricLabels();
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i].first == name) return static_cast<int>(i);
    return static_cast<int>(labels.size());
}

// Metric names that are parts of others or not results of the test folds.
bool hiddenMetric(const std::string& name) {
    return name.rfind("robust.", 0) == 0 || name.find("ci_") != std::string::npos || name == "auroc_pooled" ||
           name == "final_threshold";
}

double quantile(const std::vector<double>& sorted, double q) {
    if (sorted.empty()) return kNaN;
    const double pos = q * static_cast<double>(sorted.size() - 1);
    const std::size_t lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

eval::Interval percentile(std::vector<double> values, int resamples) {
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }), values.end());
    // An interval from a minority of defined resamples would mislead: report none.
    if (values.size() * 2 < static_cast<std::size_t>(resamples)) return {kNaN, kNaN};
    std::sort(values.begin(), values.end());
    return {quantile(values, 0.025), quantile(values, 0.975)};
}

// Percentile intervals of the threshold metrics and the AUPRC over the pooled out-of-fold test
// records, resampled stratified by class like core's bootstrapAuroc (fixed prevalence).
std::map<std::string, eval::Interval> bootstrapBinary(const std::vector<double>& scores, const std::vector<int>& labels,
                                                      const std::vector<int>& predicted, int resamples,
                                                      std::uint64_t seed, ProgressSink& progress) {
    std::vector<std::size_t> pos, neg;
    for (std::size_t i = 0; i < labels.size(); ++i) (labels[i] ? pos : neg).push_back(i);
    std::map<std::string, eval::Interval> out;
    if (pos.empty() || neg.empty() || resamples < 1) return out;
    eval::SplitMix64 rng(seed);
    std::map<std::string, std::vector<double>> values;
    std::vector<double> s(labels.size());
    std::vector<int> l(labels.size());
    for (int r = 0; r < resamples; ++r) {
        if (r % 50 == 0) {
            if (progress.cancelled()) throw Cancelled();
            progress.report("bootstrap intervals", static_cast<std::size_t>(r), static_cast<std::size_t>(resamples));
        }
        long long tp = 0, fp = 0, tn = 0, fn = 0;
        std::size_t k = 0;
        auto draw = [&](const std::vector<std::size_t>& from) {
            for (std::size_t j = 0; j < from.size(); ++j) {
                const std::size_t i = from[rng.below(from.size())];
                s[k] = scores[i];
                l[k] = labels[i];
                ++k;
                const bool p = predicted[i] == 1;
                if (labels[i]) (p ? tp : fn)++;
                else (p ? fp : tn)++;
            }
        };
        draw(pos);
        draw(neg);
        auto ratio = [](long long a, long long b) { return b > 0 ? static_cast<double>(a) / static_cast<double>(b) : kNaN; };
        values["auprc"].push_back(eval::auprc(s, l));
        values["sensitivity"].push_back(ratio(tp, tp + fn));
        values["specificity"].push_back(ratio(tn, tn + fp));
        values["precision"].push_back(ratio(tp, tp + fp));
        values["f1"].push_back(ratio(2 * tp, 2 * tp + fp + fn));
        values["accuracy"].push_back(ratio(tp + tn, tp + tn + fp + fn));
    }
    for (auto& [name, v] : values) out[name] = percentile(std::move(v), resamples);
    return out;
}

void addSettings(ReportData& d) {
    const json stored = json::parse(d.run.settingsJson, nullptr, false);
    if (!stored.is_object()) return;
    if (stored.contains("request") && stored["request"].is_object()) {
        for (const auto& [k, v] : stored["request"].items()) {
            if (k == "data") continue;  // shown in the dataset summary
            d.settings.push_back({qs(k), jsonText(v), false});
        }
    }
    const json& values = stored.contains("settings") && stored["settings"].is_object() ? stored["settings"] : stored;
    std::set<std::string> seen;
    for (const SettingSpec& spec : Settings::specs()) {
        const auto it = values.find(spec.key);
        if (it == values.end()) continue;
        d.settings.push_back({qs(spec.key), jsonText(*it), *it != spec.defaultValue});
        seen.insert(spec.key);
    }
    for (const auto& [k, v] : values.items())
        if (!seen.count(k) && k != "request") d.settings.push_back({qs(k), jsonText(v), true});
}

void addMetrics(ReportData& d, store::ResultsStore& st, const std::vector<store::Prediction>& predictions,
                const ReportOptions& options, ProgressSink& progress) {
    const std::int64_t id = d.run.id;
    std::map<std::string, eval::Interval> cis;
    if (d.binary && !predictions.empty()) {
        std::vector<double> scores;
        std::vector<int> labels, predicted;
        bool complete = true;
        for (const auto& p : predictions) {
            scores.push_back(p.score);
            labels.push_back(p.label == 1 ? 1 : 0);
            predicted.push_back(p.predicted.value_or(-1));
            complete = complete && p.predicted.has_value();
        }
        if (complete) cis = bootstrapBinary(scores, labels, predicted, options.bootstrapResamples, d.run.seed, progress);
    }
    for (const store::FinalMetric& m : st.finalMetrics(id)) {
        if (hiddenMetric(m.name)) continue;
        // One fold has no spread to report.
        MetricRow row{m.name, labelOf(m.name), m.mean, d.folds > 1 ? m.std : kNaN, kNaN, kNaN};
        if (!d.binary && m.name == store::metric::kAuroc) row.label = QObject::tr("AUROC (mean of N, A, O one-vs-rest)");
        if (m.name == store::metric::kAuroc && m.ciHigh > m.ciLow) {
            row.ciLow = m.ciLow;
            row.ciHigh = m.ciHigh;
        } else if (const auto it = cis.find(m.name); it != cis.end()) {
            row.ciLow = it->second.low;
            row.ciHigh = it->second.high;
        }
        d.metrics.push_back(row);
    }
    // The task's headline first: AUROC for binary tasks, the challenge F1 for challenge4.
    auto rank = [&](const std::string& name) { return !d.binary && name == "f1_challenge" ? -1 : orderOf(name); };
    std::stable_sort(d.metrics.begin(), d.metrics.end(),
                     [&](const MetricRow& a, const MetricRow& b) { return rank(a.name) < rank(b.name); });
    const QString spread = d.folds == 1 ? QObject::tr("Values of the single test fold (SD n/a).")
                                        : QObject::tr("Mean and standard deviation over the %1 test folds.").arg(d.folds);
    d.metricsNote = spread + QStringLiteral(" ") +
                    (d.binary ? QObject::tr("95 % intervals: stratified bootstrap (%1 resamples) over all out-of-fold test "
                                            "records; sensitivity, specificity, precision and F1 at each fold's threshold "
                                            "chosen on its validation records (Youden).")
                                    .arg(options.bootstrapResamples)
                              : QObject::tr("95 % interval of the AUROC: mean of the folds' stratified bootstrap intervals; "
                                            "predicted class = the most probable one."));

    std::set<std::string> names;
    for (const auto& f : st.foldResults(id)) {
        if (f.name.rfind("robust.", 0) == 0) continue;
        d.foldValues[f.fold][f.name] = f.value;
        if (!hiddenMetric(f.name)) names.insert(f.name);
    }
    std::vector<std::string> ordered(names.begin(), names.end());
    std::stable_sort(ordered.begin(), ordered.end(), [](const std::string& a, const std::string& b) { return orderOf(a) < orderOf(b); });
    for (const auto& n : ordered) d.foldColumns << qs(n);
}

void addTraining(ReportData& d, store::ResultsStore& st) {
    std::map<std::pair<std::string, int>, TrainingCurve> curves;
    std::set<std::string> withEpochPoints;
    const auto points = st.metrics(d.run.id);
    for (const auto& p : points)
        if (!p.step) withEpochPoints.insert(p.name);
    for (const auto& p : points) {
        // The final model's curves repeat the folds' on all records: the report shows the folds.
        if (p.name.rfind(store::metric::kFinalModelSeries, 0) == 0) continue;
        const bool byStep = !withEpochPoints.count(p.name);
        if (!byStep && p.step) continue;
        if (byStep && !p.step) continue;
        TrainingCurve& c = curves[{p.name, p.fold.value_or(-1)}];
        c.name = p.name;
        c.fold = p.fold;
        c.byStep = byStep;
        c.x.push_back(byStep ? static_cast<double>(*p.step) : p.epoch.value_or(0));
        c.y.push_back(p.value);
    }
    for (auto& [_, c] : curves) {
        // Points arrive in insertion order; a resumed fold may have written some twice.
        std::vector<std::size_t> order(c.x.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return c.x[a] < c.x[b]; });
        TrainingCurve sorted = c;
        sorted.x.clear();
        sorted.y.clear();
        for (std::size_t i : order) {
            if (!sorted.x.empty() && sorted.x.back() == c.x[i]) {
                sorted.y.back() = c.y[i];
                continue;
            }
            sorted.x.push_back(c.x[i]);
            sorted.y.push_back(c.y[i]);
        }
        d.training.push_back(std::move(sorted));
    }
}

void addBaselinesAndRobustness(ReportData& d, store::ResultsStore& st) {
    struct Method {
        QString name;
        std::vector<store::FinalMetric> finals;
    };
    std::vector<Method> methods{{QStringLiteral("dacl"), st.finalMetrics(d.run.id)}};
    for (const auto& r : st.listRuns()) {
        if (!r.parentId || *r.parentId != d.run.id) continue;
        BaselineRow b;
        b.id = r.id;
        b.name = qs(r.name);
        b.status = QString::fromLatin1(store::toString(r.status));
        const auto finals = st.finalMetrics(r.id);
        for (const auto& m : finals) b.metrics[m.name] = m;
        d.baselines.push_back(b);
        methods.push_back({b.name, finals});
    }
    const std::string headline = d.binary ? "auroc" : "f1_challenge";
    d.robustnessMetric = labelOf(headline);
    // robust.<kind>.<snr>db.<metric> and robust.zt.<t>.<metric>
    RobustnessTable ecg{QObject::tr("Noise added to the ECG"), QObject::tr("SNR"), {}, {}, {}};
    RobustnessTable latent{QObject::tr("Noise added to the latent z₀ (diffusion step t)"), QObject::tr("t"), {}, {}, {}};
    std::vector<int> snrs, steps;
    struct Cell {
        QString row;
        bool isLatent;
        int column;
        double value;
    };
    std::vector<Cell> cells;
    std::map<QString, double> clean;
    for (const Method& m : methods) {
        for (const auto& f : m.finals) {
            if (f.name == headline) clean[m.name] = f.mean;
            if (f.name.rfind("robust.", 0) != 0) continue;
            const std::string rest = f.name.substr(7);
            const auto dot1 = rest.find('.');
            const auto dot2 = rest.find('.', dot1 + 1);
            if (dot1 == std::string::npos || dot2 == std::string::npos || rest.substr(dot2 + 1) != headline) continue;
            const std::string kind = rest.substr(0, dot1), level = rest.substr(dot1 + 1, dot2 - dot1 - 1);
            try {
                const int value = std::stoi(level);
                if (kind == "zt") {
                    if (std::find(steps.begin(), steps.end(), value) == steps.end()) steps.push_back(value);
                    cells.push_back({m.name, true, value, f.mean});
                } else {
                    if (std::find(snrs.begin(), snrs.end(), value) == snrs.end()) snrs.push_back(value);
                    QString k = qs(kind);
                    k.replace(QLatin1Char('_'), QLatin1Char(' '));
                    cells.push_back({m.name + QStringLiteral(" · ") + k, false, value, f.mean});
                }
            } catch (const std::exception&) {
            }
        }
    }
    if (cells.empty()) return;
    std::sort(snrs.rbegin(), snrs.rend());  // 24 dB (mild) → 0 dB (severe)
    std::sort(steps.begin(), steps.end());
    auto build = [&](RobustnessTable& t, bool isLatent, const std::vector<int>& cols, const QString& unit) {
        t.columns << QObject::tr("clean");
        for (int c : cols) t.columns << (unit.isEmpty() ? QString::number(c) : QStringLiteral("%1 %2").arg(c).arg(unit));
        for (const Cell& cell : cells) {
            if (cell.isLatent != isLatent) continue;
            int r = static_cast<int>(t.rows.indexOf(cell.row));
            if (r < 0) {
                t.rows << cell.row;
                std::vector<double> row(cols.size() + 1, kNaN);
                const QString method = cell.row.section(QStringLiteral(" · "), 0, 0);
                if (clean.count(method)) row[0] = clean[method];
                t.values.push_back(row);
                r = static_cast<int>(t.rows.size()) - 1;
            }
            const auto at = std::find(cols.begin(), cols.end(), cell.column) - cols.begin();
            t.values[static_cast<std::size_t>(r)][static_cast<std::size_t>(at) + 1] = cell.value;
        }
        if (!t.rows.isEmpty()) d.robustness.push_back(t);
    };
    build(ecg, false, snrs, QObject::tr("dB"));
    build(latent, true, steps, QString());
}

void addEmbeddingMap(ReportData& d, store::ResultsStore& st, const std::vector<store::Prediction>& predictions,
                     const ReportOptions& options, ProgressSink& progress) {
    const auto all = st.embeddings(d.run.id, 0);
    std::map<int, std::vector<const store::Embedding*>> byFold;
    for (const auto& e : all)
        if (!e.window) byFold[e.fold.value_or(-1)].push_back(&e);
    if (byFold.empty()) {
        d.mapNote = QObject::tr("This run stored no embeddings.");
        return;
    }
    // Each fold has its own encoder, so their embeddings live in different spaces: map one fold.
    auto best = byFold.begin();
    for (auto it = byFold.begin(); it != byFold.end(); ++it)
        if (it->second.size() > best->second.size()) best = it;
    const auto& rows = best->second;
    const std::size_t n = rows.size(), dim = rows.front()->vector.size();
    std::map<std::string, int> predictedOf;
    for (const auto& p : predictions)
        if (p.fold.value_or(-1) == best->first && p.predicted) predictedOf[p.record] = *p.predicted;
    std::vector<double> data;
    data.reserve(n * dim);
    for (const auto* e : rows) {
        if (e->vector.size() != dim) throw std::runtime_error("embeddings of run " + std::to_string(d.run.id) + " have different sizes");
        data.insert(data.end(), e->vector.begin(), e->vector.end());
        d.mapLabels.push_back(e->label.value_or(-1));
        const auto p = predictedOf.find(e->record);
        d.mapCorrect.push_back(p == predictedOf.end() || !e->label ? -1 : (p->second == *e->label ? 1 : 0));
    }
    const QString where =
        best->first >= 0 ? QObject::tr("test records of fold %1").arg(foldNumber(best->first)) : QObject::tr("records");
    if (n >= 10) {
        try {
            embed::TsneSettings s;
            s.perplexity = std::min(30.0, (static_cast<double>(n) - 1) / 3.0);
            s.iterations = options.tsneIterations;
            s.seed = d.run.seed;
            const embed::TsneResult r = embed::tsne(data, n, dim, s, progress);
            d.mapXY = r.xy;
            d.mapMethod = QStringLiteral("t-SNE");
            d.mapNote = QObject::tr("t-SNE (perplexity %1, %2 iterations, KL divergence %3) of the encoder embeddings of "
                                    "%4 %5.")
                            .arg(QLocale().toString(s.perplexity, 'g', 3))
                            .arg(r.iterations)
                            .arg(localNumber(r.klDivergence))
                            .arg(n)
                            .arg(where);
            return;
        } catch (const std::invalid_argument&) {
            // Degenerate input (e.g. identical embeddings): the PCA below still shows it.
        }
    }
    if (n >= 2 && dim >= 2) {
        const embed::PcaResult p = embed::pca(data, n, dim, 2);
        d.mapXY = p.scores;
        d.mapMethod = QStringLiteral("PCA");
        d.mapNote = QObject::tr("First two principal components of the encoder embeddings of %1 %2.").arg(n).arg(where);
    } else {
        d.mapNote = QObject::tr("Too few embeddings for a 2-D map.");
        d.mapLabels.clear();
        d.mapCorrect.clear();
    }
}

double toMillivolts(const std::string& unit, double v, QString* note) {
    const std::string u = qs(unit).trimmed().toStdString();
    if (!dsp::isVoltageUnit(u)) *note = QObject::tr("The record's unit is '%1'; it is drawn as if it were mV.").arg(qs(u));
    return v * dsp::millivoltsPerUnit(u);
}

void addDatasetAndEcg(ReportData& d, const std::vector<store::Prediction>& predictions, const ReportOptions& options,
                      const std::string& dbPath) {
    const json stored = json::parse(d.run.settingsJson, nullptr, false);
    const ReportDataset own = chooseReportDataset(d.run, dbPath);
    std::string dir = options.dataDir;
    if (dir.empty()) dir = own.dir.empty() ? own.runDir : own.dir;  // a missing folder is named in the note
    std::error_code ec;
    const bool runsOwnFolder = !own.dir.empty() && std::filesystem::equivalent(dir, own.dir, ec);
    int lead = 0;
    if (stored.is_object() && stored.contains("settings") && stored["settings"].value("data.lead", json()).is_number_integer())
        lead = stored["settings"]["data.lead"].get<int>();
    d.dataDir = qs(dir);

    // The record: the one asked for, else the positive test record the model is surest about.
    const store::Prediction* chosen = nullptr;
    const int positive = d.binary ? 1 : eval::kClassA;
    for (const auto& p : predictions) {
        if (!options.recordName.empty()) {
            if (p.record == options.recordName) chosen = &p;
        } else if (p.label == positive && (!chosen || p.score > chosen->score)) {
            chosen = &p;
        }
    }
    if (!options.recordName.empty() && !chosen)
        throw std::runtime_error("record " + options.recordName + " has no test prediction in run " + std::to_string(d.run.id));
    const bool asked = !options.recordName.empty() || (!options.dataDir.empty() && options.dataDirChosen);

    std::optional<Dataset> dataset;
    if (dir.empty()) {
        d.datasetNote = QObject::tr("The run does not say which dataset folder it used; pass the folder to show the ECG strip.");
    } else if (!std::filesystem::exists(dir)) {
        if (asked) throw std::runtime_error(dir + ": dataset folder not found");
        d.datasetNote = QObject::tr("Dataset folder %1 is not available on this computer.").arg(qs(dir));
    } else {
        try {
            DatasetOptions o;
            o.threads = 2;
            dataset = Dataset::open(dir, o);
            d.datasetClassCounts = dataset->classCounts();
            if (!d.run.dataFingerprint.empty() && dataset->fingerprint() != d.run.dataFingerprint) {
                // Another folder than the run's own is another dataset, not changed data.
                d.datasetNote = runsOwnFolder || own.runDir.empty()
                                    ? QObject::tr("Note: the data in %1 have changed since the run (fingerprint %2, run %3).")
                                          .arg(qs(dir), qs(dataset->fingerprint()), qs(d.run.dataFingerprint))
                                    : QObject::tr("Note: %1 is not the dataset the run learned from (%2); class counts and the "
                                                  "ECG strip come from it (fingerprint %3, run %4).")
                                          .arg(qs(dir), qs(own.runDir), qs(dataset->fingerprint()), qs(d.run.dataFingerprint));
            }
        } catch (const std::exception& e) {
            if (asked) throw;
            d.datasetNote = QObject::tr("Dataset folder %1 could not be opened: %2").arg(qs(dir), qs(e.what()));
        }
    }
    if (!chosen) {
        d.ecgNote = QObject::tr("No positive test record to show.");
        return;
    }
    if (!dataset) {
        d.ecgNote = QObject::tr("ECG strip of record %1 not shown: the dataset is not available.").arg(qs(chosen->record));
        return;
    }
    const auto index = dataset->indexOf(chosen->record);
    if (!index) {
        const std::string why = "record " + chosen->record + " is not in " + dir;
        if (asked) throw std::runtime_error(why);
        d.ecgNote = qs(why);
        return;
    }
    try {
        const auto rec = dataset->signal(*index);
        EcgStripData e;
        e.record = qs(chosen->record);
        e.label = chosen->label;
        e.labelName = chosen->label >= 0 && chosen->label < static_cast<int>(d.classNames.size())
                          ? d.classNames[static_cast<std::size_t>(chosen->label)]
                          : QString::number(chosen->label);
        e.probability = chosen->score;
        e.fold = chosen->fold;
        e.predicted = chosen->predicted;
        e.lead = std::clamp(lead, 0, static_cast<int>(rec->channels.size()) - 1);
        e.fs = rec->fsOf(static_cast<std::size_t>(e.lead));
        const std::string unit = e.lead < static_cast<int>(rec->units.size()) ? rec->units[static_cast<std::size_t>(e.lead)] : "";
        for (double v : rec->channels[static_cast<std::size_t>(e.lead)]) e.samples.push_back(toMillivolts(unit, v, &e.unitNote));
        d.ecg = std::move(e);
    } catch (const std::exception& ex) {
        if (asked) throw;
        d.ecgNote = QObject::tr("ECG strip not shown: %1").arg(qs(ex.what()));
    }
}

}  // namespace

std::vector<QString> taskClassNames(const std::string& task) {
    if (task == "af_vs_rest") return {QObject::tr("non-AF (N, O, ~)"), QObject::tr("AF (A)")};
    if (task == "af_vs_normal") return {QObject::tr("normal (N)"), QObject::tr("AF (A)")};
    if (task == "normal_vs_abnormal") return {QObject::tr("normal (N)"), QObject::tr("abnormal (A, O, ~)")};
    if (task == "challenge4")
        return {QObject::tr("normal (N)"), QObject::tr("AF (A)"), QObject::tr("other (O)"), QObject::tr("noisy (~)")};
    return {QObject::tr("negative (0)"), QObject::tr("positive (1)")};
}

ReportDataset chooseReportDataset(const store::RunInfo& run, const std::string& dbPath, const std::string& fallback) {
    namespace fs = std::filesystem;
    ReportDataset out;
    const RunDataset stored = runDatasetOf(run);
    // Runs record the dataset's absolute path; the request's folder is as it was given.
    const std::string recorded = stored.recorded ? stored.path.toStdString() : std::string();
    const std::string requested = stored.requestPath.toStdString();
    out.runDir = recorded.empty() ? requested : recorded;
    std::vector<fs::path> candidates;
    if (!recorded.empty()) candidates.push_back(recorded);
    if (!requested.empty()) {
        // A relative folder is relative to where the pipeline ran: most often beside the results
        // file it wrote, else where this program runs.
        const fs::path given(requested);
        if (given.is_relative()) candidates.push_back(fs::path(dbPath).parent_path() / given);
        candidates.push_back(given);
    }
    std::error_code ec;
    for (const fs::path& c : candidates)
        if (fs::exists(c, ec)) {
            out.dir = fs::absolute(c, ec).lexically_normal().string();
            return out;
        }
    if (!fallback.empty() && fs::exists(fallback, ec)) {
        out.dir = fallback;
        out.fallback = true;
    }
    return out;
}

ReportData loadReportData(store::ResultsStore& st, std::int64_t runId, const ReportOptions& options,
                          ProgressSink& progress) {
    progress.report("reading results", 0, 1);
    ReportData d;
    d.run = st.run(runId);
    d.runDataset = runDatasetOf(d.run);
    d.generatedAt = QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    d.reportSoftware = qs(softwareVersion());
    d.binary = isBinary(d.run.task);
    d.classNames = taskClassNames(d.run.task);
    d.positiveName = d.binary ? d.classNames[1] : QObject::tr("AF (A)");
    try {
        d.taskDescription = qs(eval::taskInfo(d.run.task).description);
    } catch (const std::exception&) {
        d.taskDescription = qs(d.run.task);
    }
    const auto predictions = st.predictions(runId);
    std::set<int> folds;
    for (const auto& p : predictions) {
        d.testClassCounts[p.label]++;
        if (p.fold) folds.insert(*p.fold);
    }
    for (const auto& f : st.foldResults(runId)) folds.insert(f.fold);
    d.folds = static_cast<int>(folds.size());

    addSettings(d);
    addMetrics(d, st, predictions, options, progress);
    if (progress.cancelled()) throw Cancelled();
    d.curves = loadRocCurves(st, {runId});
    addTraining(d, st);
    addBaselinesAndRobustness(d, st);
    addDatasetAndEcg(d, predictions, options, st.path());
    if (progress.cancelled()) throw Cancelled();
    addEmbeddingMap(d, st, predictions, options, progress);
    return d;
}

}  // namespace dacl::ui
