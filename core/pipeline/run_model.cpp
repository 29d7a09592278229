#include "core/dsp/preprocess.h"
#include "core/dsp/rr_features.h"
#include "core/pipeline/run_model.h"

#include "core/eval/tasks.h"
#include "core/features/record_features.h"
#include "core/features/sequence_layout.h"
#include "core/pipeline/class_decision.h"
#include "core/pipeline/latent_spans.h"
#include "core/pipeline/rhythm_fusion.h"
#include "core/pipeline/sequence_rows.h"
#include "core/pipeline/model_settings.h"
#include "core/pipeline/representation.h"
#include "core/pipeline/scoring.h"
#include "core/ml/probe.h"
#include "core/store/metric_names.h"
#include "core/store/results_store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>
#include <optional>
#include <stdexcept>

namespace dacl::ml {

namespace {

std::string runText(std::int64_t id) { return "run " + std::to_string(id); }

std::string artefactBytes(store::ResultsStore& db, std::int64_t runId, const std::string& name) {
    const auto a = db.namedArtefact(runId, store::metric::kModel, name);
    if (!a) throw std::runtime_error(runText(runId) + ": final model is incomplete (no '" + name + "' artefact)");
    if (a->data.empty()) throw std::runtime_error(runText(runId) + ": final model artefact '" + name + "' is empty");
    return std::string(a->data.begin(), a->data.end());
}

}  // namespace

std::vector<std::string> taskClassNames(const std::string& task) {
    const eval::TaskInfo& info = eval::taskInfo(task);
    if (info.name == "af_vs_rest") return {"N/O/~", "A"};
    if (info.name == "af_vs_normal") return {"N", "A"};
    if (info.name == "normal_vs_abnormal") return {"N", "A/O/~"};
    return {"N", "A", "O", "~"};
}

struct RunModel::Impl {
    std::int64_t runId = 0;
    std::string name, task;
    Settings settings;
    std::vector<std::string> classes;
    double threshold = std::numeric_limits<double>::quiet_NaN();
    std::vector<double> classWeights;  // challenge4 (empty: the plain arg-max)
    std::unique_ptr<Representation> representation;
    std::unique_ptr<LogisticProbe> probe;
    std::unique_ptr<features::RecordFeaturizer> featurizer;
    std::optional<RhythmFusion> fusion;
    bool sequence = false;
    DiffusionSchedule schedule;
    int latentDim = 0;
    int featureThreads = 1;
    std::vector<float> emptyFrameLatent;  // repr = sequence: the latent of an all-zero feature frame
    std::mutex models;  // torch modules are not meant for concurrent forward passes
};

RunModel::RunModel(std::unique_ptr<Impl> d) : d_(std::move(d)) {}
RunModel::~RunModel() = default;
RunModel::RunModel(RunModel&&) noexcept = default;
RunModel& RunModel::operator=(RunModel&&) noexcept = default;

RunModel RunModel::load(const std::string& dbPath, std::int64_t runId) {
    store::OpenOptions options;
    options.create = false;
    store::ResultsStore db(dbPath, options);  // StoreError (a runtime_error) names the file
    const auto run = db.findRun(runId);
    if (!run) throw std::runtime_error(dbPath + ": there is no " + runText(runId));
    if (run->parentId)
        throw std::runtime_error(dbPath + ": " + runText(runId) + " is the baseline '" + run->name + "' of " +
                                 runText(*run->parentId) + "; only the main run has a final model");

    auto d = std::make_unique<Impl>();
    d->runId = runId;
    d->name = run->name;
    d->task = run->task;
    try {
        const nlohmann::json stored = nlohmann::json::parse(run->settingsJson);
        d->settings.merge(stored.at("settings"), runText(runId));
    } catch (const std::exception& e) {
        throw std::runtime_error(dbPath + ": " + runText(runId) + " has unreadable settings (" + e.what() + ")");
    }
    try {
        d->classes = taskClassNames(d->task);
    } catch (const std::exception& e) {
        throw std::runtime_error(dbPath + ": " + runText(runId) + ": " + e.what());
    }

    if (!db.namedArtefact(runId, store::metric::kModel, "representation"))
        throw std::runtime_error(dbPath + ": " + runText(runId) + " has no final model (status " +
                                 store::toString(run->status) +
                                 "; the pipeline stores it after cross-validation, unless the final model is switched off)");
    const std::string repBytes = artefactBytes(db, runId, "representation");
    const std::string probeBytes = artefactBytes(db, runId, "probe");
    try {
        d->representation = loadRepresentation("dacl", d->settings, repBytes);
    } catch (const std::exception& e) {
        throw std::runtime_error(dbPath + ": " + runText(runId) + ": final model artefact 'representation' is damaged (" +
                                 e.what() + ")");
    }
    try {
        d->probe = std::make_unique<LogisticProbe>(LogisticProbe::fromBytes(probeBytes));
    } catch (const std::exception& e) {
        throw std::runtime_error(dbPath + ": " + runText(runId) + ": final model artefact 'probe' is damaged (" +
                                 e.what() + ")");
    }
    if (d->probe->numClasses() != static_cast<int>(d->classes.size()))
        throw std::runtime_error(dbPath + ": " + runText(runId) + ": the probe has " +
                                 std::to_string(d->probe->numClasses()) + " classes but task " + d->task + " has " +
                                 std::to_string(d->classes.size()));
    if (db.namedArtefact(runId, store::metric::kModel, "fusion")) {
        try {
            d->fusion.emplace(RhythmFusion::fromBytes(artefactBytes(db, runId, "fusion")));
        } catch (const std::exception& e) {
            throw std::runtime_error(dbPath + ": " + runText(runId) + ": final model artefact 'fusion' is damaged (" +
                                     e.what() + ")");
        }
    }
    if (d->classes.size() == 2)
        if (const auto t = db.finalMetric(runId, "final_threshold")) d->threshold = t->mean;
    // challenge4: all weights or none (a run stored before they existed decides by plain arg-max).
    for (int k = 0; d->classes.size() > 2 && k < static_cast<int>(d->classes.size()); ++k) {
        const auto w = db.finalMetric(runId, finalClassWeightName(k));
        if (!w) {
            d->classWeights.clear();
            break;
        }
        d->classWeights.push_back(w->mean);
    }
    if (const auto s = d->representation->diffusionSchedule()) d->schedule = DiffusionSchedule(*s);

    // The evaluation grid: the windows the pipeline scored records with (on the training grid
    // these are the windows flagged evalGrid, which are exactly the windows of hop eval_hop).
    features::FeatureSettings fs = features::FeatureSettings::fromSettings(d->settings);
    if (fs.evalHop > 0) fs.hop = fs.evalHop;
    d->featurizer = std::make_unique<features::RecordFeaturizer>(fs);
    d->sequence = fs.sequence;
    try {
        Matrix probe(1, static_cast<std::size_t>(d->featurizer->dim()));
        if (d->sequence) {
            // One valid frame of zeros in the run's layout: its latent row says d.
            const int frames = d->featurizer->framesPerSpan();
            probe(0, 0) = 1;
            probe(0, 1) = static_cast<float>(frames);
            probe(0, 2) = static_cast<float>((d->featurizer->dim() - features::SequenceLayout::kHeader) / frames);
            const Matrix z = d->representation->latent(probe);
            d->latentDim = static_cast<int>(z(0, 2));
            for (int c = 0; c < d->latentDim; ++c)
                d->emptyFrameLatent.push_back(z(0, LatentRowLayout::kHeader + static_cast<std::size_t>(c) * frames));
        } else {
            d->latentDim = static_cast<int>(d->representation->latent(probe).cols);
        }
    } catch (const std::exception& e) {
        throw std::runtime_error(dbPath + ": " + runText(runId) + ": the final model does not fit the run's features (" +
                                 e.what() + ")");
    }
    return RunModel(std::move(d));
}

std::int64_t RunModel::runId() const { return d_->runId; }
const std::string& RunModel::runName() const { return d_->name; }
const Settings& RunModel::settings() const { return d_->settings; }
void RunModel::setPredictSetting(const std::string& assignment) {
    if (assignment.rfind("predict.", 0) != 0)
        throw std::invalid_argument("'" + assignment + "': only predict.* settings can change at prediction time");
    d_->settings.set(assignment);
}
const std::string& RunModel::task() const { return d_->task; }
std::string RunModel::method() const { return d_->representation->method(); }
int RunModel::numClasses() const { return static_cast<int>(d_->classes.size()); }
const std::vector<std::string>& RunModel::classNames() const { return d_->classes; }
double RunModel::threshold() const { return d_->threshold; }
const std::vector<double>& RunModel::classWeights() const { return d_->classWeights; }
int RunModel::predictedClass(const std::vector<double>& classMean) const {
    if (numClasses() == 2) return classMean.at(static_cast<std::size_t>(positiveClass())) >= d_->threshold ? 1 : 0;
    return weightedArgMax(classMean, d_->classWeights);
}
double RunModel::sampleRate() const { return d_->featurizer->settings().preprocess.targetFs; }
int RunModel::windowSamples() const { return d_->featurizer->settings().window.samples; }
int RunModel::defaultLead() const { return static_cast<int>(d_->settings.getInt("data.lead")); }
const DiffusionSchedule& RunModel::schedule() const { return d_->schedule; }
void RunModel::setFeatureThreads(int threads) { d_->featureThreads = std::max(1, threads); }

WindowFeatures RunModel::windowFeatures(const Recording& record, int lead) const {
    if (lead < 0 || static_cast<std::size_t>(lead) >= record.channels.size())
        throw std::invalid_argument("record " + record.name + " has no lead " + std::to_string(lead) + " (it has " +
                                    std::to_string(record.channels.size()) + ")");
    features::RecordWindows w =
        d_->featurizer->compute(record.channels[static_cast<std::size_t>(lead)], record.fsOf(static_cast<std::size_t>(lead)),
                                record.name, nullptr, d_->featureThreads);
    WindowFeatures out;
    const double length = windowSamples() / sampleRate();
    const double duration = record.durationS();
    out.startS = std::move(w.startS);
    for (double s : out.startS) out.endS.push_back(std::min(s + length, std::max(duration, s)));
    out.features = Matrix(out.startS.size(), static_cast<std::size_t>(w.dim), std::move(w.features));
    for (long p : w.peaks) out.peakS.push_back(static_cast<double>(p) / sampleRate());
    out.beats = std::move(w.beats);
    return out;
}

namespace {

// Rows scored at once. Rows are scored independently (per-record normalisation, frozen statistics),
// so chunks change no result; they bound the encoder's activations, which for a 24-h record's
// ~5,600 spans at once were several GB.
constexpr std::size_t kScoringChunk = 256;

// Rows through the model a chunk at a time (see kScoringChunk): f(chunk) -> one output row per row.
template <class F>
Matrix byChunks(const Matrix& rows, F&& f) {
    if (rows.rows <= kScoringChunk) return f(rows);
    Matrix out;
    for (std::size_t first = 0; first < rows.rows; first += kScoringChunk) {
        std::vector<std::size_t> chunk;
        for (std::size_t r = first; r < std::min(rows.rows, first + kScoringChunk); ++r) chunk.push_back(r);
        const Matrix part = f(rows.selectRows(chunk));
        if (out.rows == 0) out = Matrix(rows.rows, part.cols);
        std::copy(part.data.begin(), part.data.end(), out.row(first));
    }
    return out;
}

}  // namespace

Matrix RunModel::windowProbabilities(const Matrix& features) const {
    std::lock_guard<std::mutex> lock(d_->models);
    return byChunks(features, [&](const Matrix& rows) { return d_->probe->predictProba(d_->representation->embed(rows)); });
}

RecordPrediction RunModel::predict(const Recording& record, int lead) const {
    RecordPrediction p;
    p.windows = windowFeatures(record, lead);
    // repr = sequence: the VAE sees each row once; the record's rows and its sliding spans are
    // both scored from these latents (latent_spans.h).
    Matrix latents;
    if (d_->sequence) {
        latents = latentMean(p.windows.features);
        p.proba = latentProbabilities(latents);
    } else {
        p.proba = windowProbabilities(p.windows.features);
    }
    const int positive = positiveClass();
    for (std::size_t i = 0; i < p.proba.rows; ++i) p.windowScore.push_back(p.proba(i, static_cast<std::size_t>(positive)));
    // The pipeline's aggregation (float mean of the windows), so that scores compare exactly.
    RecordProba mean = aggregateByRecord(p.proba, std::vector<int>(p.proba.rows, 0));
    p.modelScore = mean.proba(0, static_cast<std::size_t>(positive));
    if (d_->fusion && d_->sequence) {
        std::lock_guard<std::mutex> lock(d_->models);
        mean.proba = d_->fusion->fuse(mean.proba, rhythmFeatureRows(p.windows.features.selectRows({0}), d_->fusion->featureCount()));
        p.fused = true;
    }
    p.classMean.assign(mean.proba.row(0), mean.proba.row(0) + mean.proba.cols);
    p.score = p.classMean[static_cast<std::size_t>(positive)];
    p.predicted = predictedClass(p.classMean);
    p.spans = d_->sequence ? sequenceSpans(p.windows, latents, record.durationS()) : spanProbabilities(p.windows, record.durationS());
    return p;
}

bool RunModel::isSequence() const { return d_->sequence; }
int RunModel::rhythmFeatureCount() const { return d_->fusion ? d_->fusion->featureCount() : 0; }

namespace {

// The rhythm features of the beats inside each span [start, end): 20 RR features of its R peaks,
// then (count 24) the atrial features of its beats' windows (NaN where undefined, as the booster
// was trained: a 10-s span has ~10 beats where a record had ~30).
Matrix spanRhythmFeatures(const WindowFeatures& w, const std::vector<double>& startS, const std::vector<double>& endS,
                          double fs, int count) {
    const std::vector<double>& peakS = w.peakS;
    Matrix out(startS.size(), static_cast<std::size_t>(count));
    for (std::size_t k = 0; k < startS.size(); ++k) {
        // Peaks are ascending: find each span's by search (a 24-h record has ~100 k peaks and
        // ~17 k spans, too many for a scan per span).
        std::vector<long> inside;
        for (auto it = std::lower_bound(peakS.begin(), peakS.end(), startS[k]); it != peakS.end() && *it < endS[k]; ++it)
            inside.push_back(std::lround(*it * fs));
        std::vector<double> rr = dsp::rrFeatures(inside, fs);
        if (count > dsp::kRrFeatureCount) {
            const long a = std::lround(startS[k] * fs), b = std::lround(endS[k] * fs);
            const auto first = std::lower_bound(w.beats.peak.begin(), w.beats.peak.end(), a) - w.beats.peak.begin();
            const auto last = std::lower_bound(w.beats.peak.begin(), w.beats.peak.end(), b) - w.beats.peak.begin();
            const std::vector<double> atrial = dsp::atrialFeatures(w.beats, static_cast<std::size_t>(first), static_cast<std::size_t>(last));
            rr.insert(rr.end(), atrial.begin(), atrial.end());
        }
        for (int i = 0; i < count; ++i) {
            const double v = rr[static_cast<std::size_t>(i)];
            out(k, static_cast<std::size_t>(i)) = std::isfinite(v) ? static_cast<float>(v) : std::numeric_limits<float>::quiet_NaN();
        }
    }
    return out;
}

}  // namespace

SpanProbabilities RunModel::spanProbabilities(const WindowFeatures& w, double duration) const {
    if (d_->sequence) return sequenceSpans(w, latentMean(w.features), duration);
    SpanProbabilities out;
    out.startS = w.startS;
    out.endS = w.endS;
    out.proba = windowProbabilities(w.features);
    for (std::size_t i = 0; i < out.proba.rows; ++i) out.score.push_back(out.proba(i, static_cast<std::size_t>(positiveClass())));
    return out;
}

Matrix RunModel::latentProbabilities(const Matrix& latents) const {
    std::lock_guard<std::mutex> lock(d_->models);
    return byChunks(latents, [&](const Matrix& z) { return d_->probe->predictProba(d_->representation->embedLatent(z, 0)); });
}

SpanProbabilities RunModel::sequenceSpans(const WindowFeatures& w, const Matrix& latents, double duration) const {
    const double length = d_->settings.getDouble("predict.span_s"), hop = d_->settings.getDouble("predict.hop_s");
    if (!(length > 0) || !(hop > 0)) throw std::invalid_argument("predict.span_s and predict.hop_s must be > 0");
    // On the model's sample grid, by the rule every span grid of the project follows.
    const double fs = sampleRate();
    SpanGrid grid;
    for (long a : dsp::windowStarts(std::lround(duration * fs), std::max(1L, std::lround(length * fs)),
                                    std::max(1L, std::lround(hop * fs)))) {
        grid.startS.push_back(static_cast<double>(a) / fs);
        grid.endS.push_back(std::min(duration, grid.startS.back() + length));
    }
    grid.rowStartS = w.startS;
    grid.frameS = windowSamples() / fs / LatentRowLayout::frames(latents.row(0));

    SpanProbabilities out;
    out.startS = grid.startS;
    out.endS = grid.endS;
    // Crops are cut and scored a chunk at a time: a 24-h record has ~17 k spans.
    for (std::size_t first = 0; first < grid.size(); first += kScoringChunk) {
        const std::size_t last = std::min(grid.size(), first + kScoringChunk);
        const Matrix p = latentProbabilities(latentSpanCrops(latents, grid, first, last, d_->emptyFrameLatent));
        if (out.proba.rows == 0) out.proba = Matrix(grid.size(), p.cols);
        std::copy(p.data.begin(), p.data.end(), out.proba.row(first));
    }
    if (d_->fusion && d_->settings.getBool("predict.span_fusion")) {
        const Matrix rr = spanRhythmFeatures(w, out.startS, out.endS, fs, d_->fusion->featureCount());
        std::lock_guard<std::mutex> lock(d_->models);
        out.proba = d_->fusion->fuse(out.proba, rr);
    }
    for (std::size_t i = 0; i < out.proba.rows; ++i) out.score.push_back(out.proba(i, static_cast<std::size_t>(positiveClass())));
    return out;
}

int RunModel::latentDim() const { return d_->latentDim; }

Matrix RunModel::latentMean(const Matrix& features) const {
    std::lock_guard<std::mutex> lock(d_->models);
    return d_->representation->latent(features);
}

Matrix RunModel::latentStd(const Matrix& features) const {
    std::lock_guard<std::mutex> lock(d_->models);
    return d_->representation->latentStd(features);
}

Matrix RunModel::decode(const Matrix& z) const {
    std::lock_guard<std::mutex> lock(d_->models);
    return d_->representation->decodeLatent(z);
}

Matrix RunModel::embed(const Matrix& z, int t) const {
    std::lock_guard<std::mutex> lock(d_->models);
    return d_->representation->embedLatent(z, t);
}

Matrix RunModel::embed(const Matrix& z, const std::vector<int>& t) const {
    std::lock_guard<std::mutex> lock(d_->models);
    return d_->representation->embedLatentAt(z, t);
}

}  // namespace dacl::ml
