#include "core/pipeline/fold_runner.h"

#include "core/dsp/noise.h"
#include "core/eval/metrics.h"
#include "core/pipeline/class_decision.h"
#include "core/pipeline/model_settings.h"
#include "core/features/sequence_layout.h"
#include "core/pipeline/sequence_rows.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace dacl::ml {

namespace {

constexpr std::uint64_t kBootstrapPurpose = 21, kNoisePurpose = 22, kLatentNoisePurpose = 23,
                        kNoisyEmbeddingPurpose = 24, kFusionPurpose = 25;

std::vector<int> labelsOfRows(const FoldContext& c, const std::vector<std::size_t>& rows) {
    std::vector<int> y;
    y.reserve(rows.size());
    for (std::size_t r : rows) y.push_back(c.recordLabel[static_cast<std::size_t>(c.windows.record[r])]);
    return y;
}

std::vector<int> recordsOfRows(const WindowTable& w, const std::vector<std::size_t>& rows) {
    std::vector<int> out;
    out.reserve(rows.size());
    for (std::size_t r : rows) out.push_back(w.record[r]);
    return out;
}

// Record-level probabilities of a set of windows given their representation.
RecordProba recordProba(const LogisticProbe& probe, const Matrix& embedded, const std::vector<int>& windowRecord) {
    return aggregateByRecord(probe.predictProba(embedded), windowRecord);
}

std::vector<int> labelsOf(const FoldContext& c, const std::vector<int>& records) {
    std::vector<int> y;
    for (int r : records) y.push_back(c.recordLabel[static_cast<std::size_t>(r)]);
    return y;
}

// The task's headline number for a set of record probabilities (challenge4: decided with the
// class weights fitted on validation).
double headline(const FoldContext& c, const RecordProba& p, const std::vector<double>& classWeights, std::uint64_t seed) {
    const std::vector<int> y = labelsOf(c, p.records);
    if (c.numClasses == 2) return eval::auroc(positiveScores(p), y);
    return scoreChallenge(classWeights, p.proba, y, 0, seed).metrics.at("f1_challenge");
}

// challenge4's decision weights fitted on validation records (class_decision.h); empty for binary
// tasks and under eval.class_decision = argmax.
std::vector<double> classWeightsOn(const FoldContext& c, const RecordProba& val, const std::vector<int>& valY) {
    if (c.numClasses == 2 || c.settings.getString("eval.class_decision") != "weighted") return {};
    return fitChallengeWeights(val.proba, valY);
}

std::string headlineName(const FoldContext& c) { return c.numClasses == 2 ? "auroc" : "f1_challenge"; }

std::string snrName(double snr) { return std::to_string(static_cast<int>(snr)) + "db"; }

void evaluateRobustness(const FoldContext& c, const FoldSplit& split, const Representation& rep,
                        const LogisticProbe& probe, const std::vector<std::size_t>& testRows,
                        std::uint64_t seed, FoldOutcome& out) {
    NoisyTestSets own;  // without a shared set (a fold runner used on its own)
    NoisyTestSets& noisySets = c.noisyTests ? *c.noisyTests : own;
    for (dsp::NoiseKind kind : dsp::allNoiseKinds()) {
        for (double snr : robustnessSnrs()) {
            if (c.progress.cancelled()) throw Cancelled();
            const std::uint64_t noiseSeed = derivedSeed(seed, static_cast<int>(kind) * 100 + static_cast<int>(snr), kNoisePurpose);
            const WindowTable& noisy = noisySets.get(c.dataset, split.test, c.settings, kind, snr, noiseSeed);
            RecordProba p = recordProba(probe, rep.embed(noisy.features), noisy.record);
            const std::string key = "robust." + dsp::toString(kind) + "." + snrName(snr) + ".";
            // The booster sees the noisy record's RR features (its R peaks come from the noisy ECG).
            // The model alone is reported too, so that the fusion partner cannot hide how the
            // model itself degrades.
            if (out.fusion) {
                out.robustness[key + "alone." + headlineName(c)] = headline(c, p, out.classWeightsAlone, seed);
                p.proba = out.fusion->fuse(p.proba, recordRhythmFeatures(noisy, p.records, out.fusion->featureCount()));
            }
            out.robustness[key + headlineName(c)] = headline(c, p, out.classWeights, seed);
        }
    }
    if (!rep.hasLatent()) return;
    // The probe is given z_t = √ᾱ_t z0 + √(1−ᾱ_t) ε instead of z0.
    const Matrix z0 = rep.latent(c.windows.features.select(testRows));
    const std::vector<int> windowRecord = recordsOfRows(c.windows, testRows);
    const auto noise = rep.noiseScaleAt(robustnessTimesteps());
    std::mt19937_64 rng(derivedSeed(seed, 0, kLatentNoisePurpose));
    for (std::size_t i = 0; i < robustnessTimesteps().size(); ++i) {
        const int t = robustnessTimesteps()[i];
        const Matrix zt = rep.noisyLatent(z0, noise[i], rng);
        const RecordProba p = recordProba(probe, rep.embedLatent(zt, t), windowRecord);
        out.robustness["robust.zt." + std::to_string(t) + "." + headlineName(c)] = headline(c, p, out.classWeightsAlone, seed);
    }
}

void appendRecordEmbeddings(const FoldContext& c, int fold, int t, const Matrix& h,
                            const std::vector<int>& windowRecord, std::vector<store::Embedding>& out) {
    const auto& records = c.dataset.records();
    const RecordProba meanH = aggregateByRecord(h, windowRecord);
    for (std::size_t i = 0; i < meanH.records.size(); ++i) {
        store::Embedding e;
        e.fold = fold;
        e.t = t;
        e.record = records[static_cast<std::size_t>(meanH.records[i])].name;
        e.label = c.recordLabel[static_cast<std::size_t>(meanH.records[i])];
        e.vector.assign(meanH.proba.row(i), meanH.proba.row(i) + meanH.proba.cols);
        out.push_back(std::move(e));
    }
}

// Record embeddings of noisy views z_t for a seeded random sample of eval.noisy_embeddings test
// records (random, so the classes appear in their proportions): the embedding view overlays them
// on the clean ones to show how far diffusion noise moves a record.
void appendNoisyEmbeddings(const FoldContext& c, const FoldSplit& split, const Representation& rep,
                           std::uint64_t seed, FoldOutcome& out) {
    const auto limit = static_cast<std::size_t>(std::max<std::int64_t>(0, c.settings.getInt("eval.noisy_embeddings")));
    if (!rep.hasLatent() || limit == 0) return;
    std::vector<int> chosen = split.test;
    std::mt19937_64 rng(derivedSeed(seed, split.fold, kNoisyEmbeddingPurpose));
    std::shuffle(chosen.begin(), chosen.end(), rng);
    if (chosen.size() > limit) chosen.resize(limit);
    std::sort(chosen.begin(), chosen.end());
    const std::vector<std::size_t> rows = c.windows.rowsOf(chosen, true);
    if (rows.empty()) return;
    const Matrix z0 = rep.latent(c.windows.features.select(rows));
    const std::vector<int> windowRecord = recordsOfRows(c.windows, rows);
    const std::vector<int> steps(robustnessTimesteps().begin() + 1, robustnessTimesteps().end());
    const auto noise = rep.noiseScaleAt(steps);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (c.progress.cancelled()) throw Cancelled();
        appendRecordEmbeddings(c, split.fold, steps[i], rep.embedLatent(rep.noisyLatent(z0, noise[i], rng), steps[i]),
                               windowRecord, out.embeddings);
    }
}

}  // namespace

const WindowTable& NoisyTestSets::get(const Dataset& dataset, const std::vector<int>& testRecords,
                                      const Settings& settings, dsp::NoiseKind kind, double snr, std::uint64_t seed) {
    const auto key = std::make_tuple(static_cast<int>(kind), snr, seed);
    auto it = tables_.find(key);
    if (it != tables_.end()) return it->second;
    SignalTransform corrupt = [&](const std::vector<double>& x, double fs, std::size_t record) {
        return dsp::corrupt(x, fs, kind, snr, seed + record);
    };
    NullProgress quiet;
    const std::vector<std::size_t> records(testRecords.begin(), testRecords.end());
    return tables_[key] = computeWindowTable(dataset, records, settings, quiet, "", true, corrupt);
}

bool usesRhythmFusion(const Settings& settings, const std::string& method) {
    return settings.getString("repr") == "sequence" && settings.getBool("fusion.rhythm") && method != "rr_xgb" &&
           method != "rra_xgb";
}

int fusionFeatureCount(const Settings& settings) { return rhythmFeatureCount(settings.getString("fusion.features")); }

Matrix recordRhythmFeatures(const WindowTable& table, const std::vector<int>& records, int count) {
    // Read in place: copying whole sequence rows for 24 numbers each cost ~1 GB on the full data.
    Matrix out(records.size(), static_cast<std::size_t>(count));
    for (std::size_t i = 0; i < records.size(); ++i) {
        const auto it = std::lower_bound(table.record.begin(), table.record.end(), records[i]);
        if (it == table.record.end() || *it != records[i]) throw std::logic_error("record without feature rows");
        copyRhythmFeatures(table.features.row(static_cast<std::size_t>(it - table.record.begin())), out.row(i), count);
        // Each read maps the pages around it too (fault-around): 20 k records left ~1.6 GB resident.
        if ((i + 1) % 256 == 0 || i + 1 == records.size()) table.features.releasePages();
    }
    return out;
}

std::vector<double> positiveScores(const RecordProba& p) {
    std::vector<double> s(p.proba.rows);
    for (std::size_t r = 0; r < p.proba.rows; ++r) s[r] = p.proba(r, p.proba.cols - 1);
    return s;
}

const std::vector<double>& robustnessSnrs() {
    static const std::vector<double> snrs = {24, 12, 6, 0};
    return snrs;
}

const std::vector<int>& robustnessTimesteps() {
    static const std::vector<int> t = {0, 50, 100, 200, 500};
    return t;
}

namespace {

// What turns a fitted representation into record scores: the probe on h, the rhythm fusion and the
// validation threshold (binary) or class weights (challenge4), with the validation probabilities
// they were chosen on.
struct Head {
    LogisticProbe probe;
    std::optional<RhythmFusion> fusion;
    RecordProba val, valAlone;  // validation records: fused, and the model alone
    std::vector<int> valY;
    double threshold = 0.5;
    std::vector<double> classWeights, classWeightsAlone;  // fitted on val and on valAlone
};

Head fitHead(const FoldContext& c, const std::string& method, const FoldSplit& split, const Representation& rep,
             const RowView& trainX, const std::vector<int>& trainY, const RowView& valX,
             const std::vector<int>& valWindowRecord, const FitHooks& hooks, std::uint64_t seed) {
    Head h{LogisticProbe(probeSettings(c.settings)), std::nullopt, {}, {}, {}, 0.5};
    if (hooks.progress) hooks.progress->report(hooks.stagePrefix + "probe", 0, 1);
    h.probe.fit(rep.embed(trainX), trainY, c.numClasses);
    h.val = recordProba(h.probe, rep.embed(valX), valWindowRecord);
    h.valY = labelsOf(c, h.val.records);
    h.valAlone = h.val;
    if (usesRhythmFusion(c.settings, method)) {
        if (hooks.progress) hooks.progress->report(hooks.stagePrefix + "rhythm fusion", 0, 1);
        const int count = fusionFeatureCount(c.settings);
        const Matrix valRr = recordRhythmFeatures(c.windows, h.val.records, count);
        h.fusion.emplace();
        h.fusion->fit(recordRhythmFeatures(c.windows, split.train, count), labelsOf(c, split.train), c.numClasses, valRr, h.valY,
                      h.val.proba, c.settings, derivedSeed(seed, split.fold, kFusionPurpose));
        h.val.proba = h.fusion->fuse(h.val.proba, valRr);
    }
    if (c.numClasses == 2) h.threshold = eval::youdenThreshold(positiveScores(h.val), h.valY);
    h.classWeightsAlone = classWeightsOn(c, h.valAlone, h.valY);
    h.classWeights = h.fusion ? classWeightsOn(c, h.val, h.valY) : h.classWeightsAlone;
    return h;
}

// The test records scored through a head: the headline score (fused when the head fuses) and,
// beside it, the model alone as "alone.<metric>".
struct TestScore {
    RecordProba proba;
    Matrix aloneProba;  // the model alone, before fusion
    std::vector<int> y;
    FoldScore score;
    std::map<std::string, double> alone;
};

TestScore scoreTest(const FoldContext& c, const Head& head, const Matrix& testH, const std::vector<int>& testWindowRecord,
                    std::uint64_t bootSeed) {
    TestScore t;
    t.proba = recordProba(head.probe, testH, testWindowRecord);
    t.y = labelsOf(c, t.proba.records);
    const int resamples = static_cast<int>(c.settings.getInt("eval.bootstrap"));
    auto score = [&](const RecordProba& v, const std::vector<double>& classWeights, const RecordProba& p) {
        return c.numClasses == 2 ? scoreBinary(positiveScores(v), head.valY, positiveScores(p), t.y, resamples, bootSeed)
                                 : scoreChallenge(classWeights, p.proba, t.y, resamples, bootSeed);
    };
    t.aloneProba = t.proba.proba;
    if (head.fusion) {
        for (const auto& [name, value] : score(head.valAlone, head.classWeightsAlone, t.proba).metrics)
            t.alone["alone." + name] = value;
        t.proba.proba = head.fusion->fuse(t.proba.proba, recordRhythmFeatures(c.windows, t.proba.records, head.fusion->featureCount()));
    }
    t.score = score(head.val, head.classWeights, t.proba);
    return t;
}

// Every trained stage together: the mean of the stages' probabilities (alone), fused with the
// rhythm booster refitted on the mean's validation scores. Reported as "ensemble.<metric>".
std::map<std::string, double> scoreStageEnsemble(const FoldContext& c, const std::string& method, const FoldSplit& split,
                                                 const std::vector<std::pair<const Head*, TestScore>>& stages,
                                                 const std::string& metric, std::uint64_t bootSeed, std::uint64_t seed) {
    const Head& first = *stages.front().first;
    RecordProba val = first.valAlone, test = stages.front().second.proba;
    val.proba = Matrix(first.valAlone.proba.rows, first.valAlone.proba.cols);
    test.proba = Matrix(stages.front().second.aloneProba.rows, stages.front().second.aloneProba.cols);
    const double share = 1.0 / static_cast<double>(stages.size());
    for (const auto& [head, scored] : stages) {
        if (head->valAlone.records != val.records || scored.proba.records != test.records)
            throw std::logic_error("stage ensemble: stages scored different records");
        for (std::size_t i = 0; i < val.proba.data.size(); ++i) val.proba.data[i] += share * head->valAlone.proba.data[i];
        for (std::size_t i = 0; i < test.proba.data.size(); ++i) test.proba.data[i] += share * scored.aloneProba.data[i];
    }
    const int resamples = static_cast<int>(c.settings.getInt("eval.bootstrap"));
    const std::vector<int>& testY = stages.front().second.y;
    auto score = [&](const RecordProba& v, const RecordProba& p) {
        return c.numClasses == 2 ? scoreBinary(positiveScores(v), first.valY, positiveScores(p), testY, resamples, bootSeed)
                                 : scoreChallenge(classWeightsOn(c, v, first.valY), p.proba, testY, resamples, bootSeed);
    };
    std::map<std::string, double> out{{"ensemble.alone." + metric, score(val, test).metrics.at(metric)}};
    if (usesRhythmFusion(c.settings, method)) {
        const int count = fusionFeatureCount(c.settings);
        const Matrix valRr = recordRhythmFeatures(c.windows, val.records, count);
        RhythmFusion fusion;
        fusion.fit(recordRhythmFeatures(c.windows, split.train, count), labelsOf(c, split.train), c.numClasses, valRr, first.valY,
                   val.proba, c.settings, derivedSeed(seed, split.fold, kFusionPurpose));
        val.proba = fusion.fuse(val.proba, valRr);
        test.proba = fusion.fuse(test.proba, recordRhythmFeatures(c.windows, test.records, fusion.featureCount()));
    }
    out["ensemble." + metric] = score(val, test).metrics.at(metric);
    return out;
}

}  // namespace

FoldOutcome runFold(const FoldContext& c, const std::string& method, const FoldSplit& split,
                    const FitHooks& hooks, std::uint64_t seed) {
    FoldOutcome out;
    const std::vector<std::size_t> trainRows = c.windows.rowsOf(split.train, false);
    const std::vector<std::size_t> valRows = c.windows.rowsOf(split.validation, true);
    const std::vector<std::size_t> testRows = c.windows.rowsOf(split.test, true);
    // The fold's rows, read in place from the feature table (no copies).
    const RowView trainX = c.windows.features.select(trainRows);
    const RowView valX = c.windows.features.select(valRows);
    const std::vector<int> trainY = labelsOfRows(c, trainRows);
    const std::vector<int> valWindowRecord = recordsOfRows(c.windows, valRows);

    out.representation = makeRepresentation(method, c.settings, seed);
    Representation& rep = *out.representation;
    const std::vector<int> valRowY = labelsOfRows(c, valRows);
    FitHooks fitHooks = hooks;
    fitHooks.validationLabels = &valRowY;
    rep.fit(trainX, trainY, c.numClasses, valX, fitHooks);
    for (const auto& [name, value] : rep.foldFacts()) out.robustness[name] = value;
    Head head = fitHead(c, method, split, rep, trainX, trainY, valX, valWindowRecord, hooks, seed);
    // Every other trained stage gets its own head too: the report shows each stage on test,
    // beside the one validation chose.
    const std::string chosen = rep.stage();
    std::vector<std::pair<std::string, Head>> otherStages;
    for (const std::string& stage : rep.stages()) {
        if (stage == chosen || split.test.empty()) continue;
        if (c.progress.cancelled()) throw Cancelled();
        rep.useStage(stage);
        FitHooks quiet = hooks;
        quiet.progress = nullptr;
        otherStages.emplace_back(stage, fitHead(c, method, split, rep, trainX, trainY, valX, valWindowRecord, quiet, seed));
    }
    if (!otherStages.empty()) rep.useStage(chosen);
    if (head.fusion) out.robustness["fusion_model_weight"] = head.fusion->modelWeight();
    out.threshold = head.threshold;
    out.classWeights = head.classWeights;
    out.classWeightsAlone = head.classWeightsAlone;
    auto keepHead = [&] {
        out.probe.emplace(std::move(head.probe));
        out.fusion = std::move(head.fusion);
    };
    if (testRows.empty()) {
        keepHead();
        return out;
    }

    const RowView testX = c.windows.features.select(testRows);
    const Matrix testH = rep.embed(testX);
    const std::vector<int> testWindowRecord = recordsOfRows(c.windows, testRows);
    const std::uint64_t bootSeed = derivedSeed(seed, split.fold, kBootstrapPurpose);
    const TestScore scored = scoreTest(c, head, testH, testWindowRecord, bootSeed);
    out.score = scored.score;
    out.robustness.insert(scored.alone.begin(), scored.alone.end());
    const RecordProba& test = scored.proba;
    const std::vector<int>& testY = scored.y;
    const std::string metric = headlineName(c);
    auto reportStage = [&](const std::string& stage, const TestScore& s) {
        out.robustness[stage + "." + metric] = s.score.metrics.at(metric);
        const auto alone = s.alone.find("alone." + metric);
        if (alone != s.alone.end()) out.robustness[stage + ".alone." + metric] = alone->second;
    };
    if (!rep.stages().empty()) reportStage(chosen, scored);
    std::vector<std::pair<const Head*, TestScore>> stageScores{{&head, scored}};
    for (const auto& [stage, other] : otherStages) {
        rep.useStage(stage);
        stageScores.emplace_back(&other, scoreTest(c, other, rep.embed(testX), testWindowRecord, bootSeed));
        reportStage(stage, stageScores.back().second);
    }
    if (!otherStages.empty()) {
        rep.useStage(chosen);
        out.robustness.merge(scoreStageEnsemble(c, method, split, stageScores, metric, bootSeed, seed));
    }
    keepHead();

    const auto& records = c.dataset.records();
    for (std::size_t i = 0; i < test.records.size(); ++i) {
        store::Prediction p;
        p.fold = split.fold;
        p.record = records[static_cast<std::size_t>(test.records[i])].name;
        p.label = testY[i];
        // Binary: P(positive); four classes: P(AF) (class code 1 in both codings).
        p.score = test.proba(i, 1);
        p.probabilities.assign(test.proba.row(i), test.proba.row(i) + test.proba.cols);
        p.predicted = weightedArgMax(test.proba.row(i), test.proba.cols, out.classWeights);
        if (c.numClasses == 2) p.predicted = p.score >= out.threshold ? 1 : 0;
        out.predictions.push_back(std::move(p));
    }
    // Record embedding = mean of its windows' h (what the t-SNE view shows).
    appendRecordEmbeddings(c, split.fold, 0, testH, testWindowRecord, out.embeddings);
    appendNoisyEmbeddings(c, split, *out.representation, seed, out);
    if (c.robustness) {
        if (hooks.progress) hooks.progress->report(hooks.stagePrefix + "robustness", 0, 1);
        evaluateRobustness(c, split, *out.representation, *out.probe, testRows, seed, out);
    }
    return out;
}

}  // namespace dacl::ml
