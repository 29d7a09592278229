#include "core/pipeline/sequence_representation.h"

#include "core/boosting/gradient_boosting.h"
#include "core/features/sequence_layout.h"
#include "core/pipeline/byte_pack.h"
#include "core/pipeline/latent_spans.h"
#include "core/pipeline/model_settings.h"
#include "core/pipeline/sequence_rows.h"
#include "core/ml/sequence_file.h"
#include "core/ml/sequence_trainer.h"
#include "core/ml/vae.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <stdexcept>

namespace dacl::ml {

namespace {

constexpr std::uint64_t kVaePurpose = 31, kEncoderPurpose = 32, kFramePurpose = 33, kBoostPurpose = 34;
constexpr int kLatentHeader = LatentRowLayout::kHeader;  // latent rows: [valid, frames, d, d x frames values]
constexpr std::size_t kValidationFrames = 30000;

void reportVae(const FitHooks& hooks, const VaeEpoch& e) {
    if (!hooks.onMetric) return;
    hooks.onMetric("vae.train_loss", e.epoch, -1, e.trainLoss);
    hooks.onMetric("vae.val_recon", e.epoch, -1, e.valRecon);
    hooks.onMetric("vae.beta", e.epoch, -1, e.beta);
}

const std::vector<int>& validationLabels(const FitHooks& hooks) {
    if (!hooks.validationLabels) throw std::logic_error("sequence methods need the validation labels");
    return *hooks.validationLabels;
}

// Sequences <-> flat latent rows (so that latents travel as a Matrix like the pooled ones).
Matrix flatten(const SequenceSet& s) {
    Matrix out(s.size(), kLatentHeader + s.stride());
    for (std::size_t r = 0; r < s.size(); ++r) {
        float* row = out.row(r);
        row[0] = static_cast<float>(s.valid[r]);
        row[1] = static_cast<float>(s.frames);
        row[2] = static_cast<float>(s.channels);
        std::copy_n(s.record(r), s.stride(), row + kLatentHeader);
    }
    return out;
}

SequenceSet unflatten(const Matrix& m) {
    SequenceSet s;
    if (m.rows == 0) return s;
    s.frames = static_cast<int>(m(0, 1));
    s.channels = static_cast<int>(m(0, 2));
    if (m.cols != kLatentHeader + s.stride()) throw std::invalid_argument("latent rows do not match their header");
    s.values.resize(m.rows * s.stride());
    for (std::size_t r = 0; r < m.rows; ++r) {
        s.valid.push_back(static_cast<int>(std::lround(m(r, 0))));
        std::copy_n(m.row(r) + kLatentHeader, s.stride(), s.record(r));
    }
    return s;
}

// A per-frame map f (VAE encode, σ, decode) applied to the valid frames of records, 256 records
// at a time so that a whole training set of input frames is never copied at once;
// gather(r, t, dst) writes the `inChannels` values of record r's frame t to dst. Each chunk of
// mapped records goes to sink(first record, chunk) as a set of up to 256 records in RAM. `spare`
// more channels after the mapped ones stay zero (room for the rhythm channels).
template <class G, class F, class S>
void mapValidFrameChunks(const std::vector<int>& valid, int frames, int inChannels, int outChannels, G&& gather, F&& f,
                         S&& sink, int spare = 0) {
    const std::size_t chunk = 256;
    for (std::size_t a = 0; a < valid.size(); a += chunk) {
        const std::size_t b = std::min(valid.size(), a + chunk);
        SequenceSet out;
        out.channels = outChannels + spare;
        out.frames = frames;
        out.valid.assign(valid.begin() + static_cast<std::ptrdiff_t>(a), valid.begin() + static_cast<std::ptrdiff_t>(b));
        out.values.assign(out.valid.size() * out.stride(), 0.0f);
        std::size_t n = 0;
        for (std::size_t r = a; r < b; ++r) n += static_cast<std::size_t>(valid[r]);
        Matrix in(n, static_cast<std::size_t>(inChannels));
        for (std::size_t r = a, k = 0; r < b; ++r)
            for (int t = 0; t < valid[r]; ++t, ++k) gather(r, t, in.row(k));
        const Matrix mapped = f(in);
        for (std::size_t r = 0, k = 0; r < out.size(); ++r)
            for (int t = 0; t < out.valid[r]; ++t, ++k)
                for (int c = 0; c < outChannels; ++c)
                    out.record(r)[static_cast<std::size_t>(c) * out.frames + t] = mapped(k, c);
        sink(a, out);
    }
}

// The chunks stacked into one set in RAM.
template <class G, class F>
SequenceSet mapValidFrames(std::vector<int> valid, int frames, int inChannels, int outChannels, G&& gather, F&& f,
                           const std::function<void()>& chunkDone = {}, int spare = 0) {
    SequenceSet out;
    out.channels = outChannels + spare;
    out.frames = frames;
    out.values.reserve(valid.size() * out.stride());
    mapValidFrameChunks(valid, frames, inChannels, outChannels, gather, f, [&](std::size_t, const SequenceSet& part) {
        out.values.insert(out.values.end(), part.values.begin(), part.values.end());
        if (chunkDone) chunkDone();
    }, spare);
    out.valid = std::move(valid);
    return out;
}

template <class F>
SequenceSet mapFrames(const SequenceSet& in, int outChannels, F&& f) {
    return mapValidFrames(in.valid, in.frames, in.channels, outChannels, [&](std::size_t r, int t, float* dst) {
        for (int c = 0; c < in.channels; ++c) dst[c] = in.at(r, c, t);
    }, f);
}

// The valid-frame counts of feature rows, and their layout.
std::vector<int> validFrameCounts(const RowView& rows, const features::SequenceLayout& layout) {
    std::vector<int> valid(rows.rows());
    // The rows' mapped pages are let go of every 256 rows: a pass over 100 k rows would otherwise
    // leave ~12 GB of them resident (even reading one value of each row maps 64 KB around it).
    for (std::size_t r = 0; r < rows.rows(); ++r) {
        valid[r] = std::clamp(features::SequenceLayout::validFrames(rows.row(r)), 1, layout.frames);
        if ((r + 1) % 256 == 0 || r + 1 == rows.rows()) rows.releasePages();
    }
    return valid;
}

// The same map read straight from feature rows: the first `channels` channels of each valid frame,
// each chunk to sink(first row, chunk).
template <class F, class S>
void mapRowFrameChunks(const RowView& rows, int channels, int outChannels, F&& f, S&& sink, int spare = 0) {
    if (rows.rows() == 0) return;
    const auto layout = features::SequenceLayout::of(rows.row(0));
    mapValidFrameChunks(validFrameCounts(rows, layout), layout.frames, channels, outChannels,
                        [&](std::size_t r, int t, float* dst) { std::copy_n(layout.frame(rows.row(r), t), channels, dst); },
                        f, [&](std::size_t first, SequenceSet& part) {
                            rows.releasePages();
                            sink(first, part);
                        }, spare);
}

// The same, stacked in RAM.
template <class F>
SequenceSet mapRowFrames(const RowView& rows, int channels, int outChannels, F&& f, int spare = 0) {
    if (rows.rows() == 0) return SequenceSet{};
    const auto layout = features::SequenceLayout::of(rows.row(0));
    return mapValidFrames(validFrameCounts(rows, layout), layout.frames, channels, outChannels, [&](std::size_t r, int t, float* dst) {
        std::copy_n(layout.frame(rows.row(r), t), channels, dst);
    }, f, [&] { rows.releasePages(); }, spare);
}

// f over consecutive chunks of 1024 rows, the results stacked: the latent sequences of every row
// at once would be ~3 GB at 100 k records. 1024 rows are a whole number of the VAE's 256-record
// and the encoder's 128-record batches, so every batch, hence every number, is that of one pass.
template <class F>
Matrix byRowChunks(const RowView& rows, F&& f) {
    constexpr std::size_t chunk = 1024;
    if (rows.rows() <= chunk) return f(rows);
    Matrix out;
    for (std::size_t a = 0; a < rows.rows(); a += chunk) {
        const Matrix part = f(rows.slice(a, std::min(rows.rows(), a + chunk)));
        if (a == 0) out = Matrix(rows.rows(), part.cols);
        std::copy(part.data.begin(), part.data.end(), out.row(a));
    }
    return out;
}

// Pooled frames straight into the probe.
class PooledFramesRepresentation : public Representation {
public:
    std::string method() const override { return "st_lr"; }
    void fit(const RowView&, const std::vector<int>&, int, const RowView&, const FitHooks&) override {}
    Matrix embed(const RowView& rows) const override { return pooledFrames(rows, sequenceChannels(rows, true)); }
    std::string toBytes() const override { return "st_lr"; }
};

// Gradient boosting on pooled frames (st_xgb), RR features (rr_xgb) or RR and atrial-activity
// features (rra_xgb): h = log P(class).
class BoostRepresentation : public Representation {
public:
    BoostRepresentation(std::string method, const Settings& s, std::uint64_t seed)
        : method_(std::move(method)), settings_(s), seed_(seed) {}
    std::string method() const override { return method_; }
    void fit(const RowView& train, const std::vector<int>& labels, int numClasses, const RowView& validation,
             const FitHooks& hooks) override {
        if (hooks.progress) hooks.progress->report(hooks.stagePrefix + "gradient boosting", 0, 1);
        const Matrix x = inputs(train), v = inputs(validation);
        booster_.emplace(boostSettings(settings_, derivedSeed(seed_, 0, kBoostPurpose)));
        booster_->fit(x.data.data(), x.rows, x.cols, labels, numClasses, v.data.data(), v.rows,
                      hooks.validationLabels);
    }
    Matrix embed(const RowView& rows) const override {
        const Matrix x = inputs(rows);
        const auto p = booster_->predictProba(x.data.data(), x.rows, x.cols);
        Matrix out(x.rows, p.size() / std::max<std::size_t>(1, x.rows));
        for (std::size_t i = 0; i < p.size(); ++i) out.data[i] = static_cast<float>(std::log(std::max(p[i], 1e-7)));
        return out;
    }
    std::string toBytes() const override { return booster_->toBytes(); }
    void load(const std::string& bytes) { booster_.emplace(boosting::GradientBoosting::fromBytes(bytes)); }

private:
    Matrix inputs(const RowView& rows) const {
        if (method_ == "rr_xgb") return rhythmFeatureRows(rows, rhythmFeatureCount("rr"));
        if (method_ == "rra_xgb") return rhythmFeatureRows(rows, rhythmFeatureCount("rr_atrial"));
        return pooledFrames(rows, sequenceChannels(rows, true));
    }
    std::string method_;
    Settings settings_;
    std::uint64_t seed_;
    std::optional<boosting::GradientBoosting> booster_;
};

// Channel statistics <-> bytes: n means then n inverse standard deviations (float32).
std::string statsToBytes(const ChannelStats& s) {
    std::string b(reinterpret_cast<const char*>(s.mean.data()), s.mean.size() * sizeof(float));
    b.append(reinterpret_cast<const char*>(s.invStd.data()), s.invStd.size() * sizeof(float));
    return b;
}

ChannelStats statsFromBytes(const std::string& b) {
    if (b.size() % (2 * sizeof(float))) throw std::runtime_error("damaged channel statistics");
    const std::size_t n = b.size() / (2 * sizeof(float));
    ChannelStats s;
    s.mean.resize(n);
    s.invStd.resize(n);
    std::copy_n(b.data(), n * sizeof(float), reinterpret_cast<char*>(s.mean.data()));
    std::copy_n(b.data() + n * sizeof(float), n * sizeof(float), reinterpret_cast<char*>(s.invStd.data()));
    return s;
}

// The last 2 channels of z (left zero by mapRowFrames) become the standardised rhythm channels of
// `rows`.
void fillRhythm(SequenceSet& z, const RowView& rows, const ChannelStats& st) {
    const int first = z.channels - 2;
    for (std::size_t r = 0; r < z.size(); ++r) {
        const auto l = features::SequenceLayout::of(rows.row(r));
        for (int k = 0; k < 2; ++k)
            for (int t = 0; t < z.valid[r]; ++t)
                z.record(r)[static_cast<std::size_t>(first + k) * z.frames + t] =
                    (l.frame(rows.row(r), t)[l.channels - 2 + k] - st.mean[k]) * st.invStd[k];
        if ((r + 1) % 256 == 0 || r + 1 == z.size()) rows.releasePages();
    }
}

// The first `channels` channels of every record.
SequenceSet firstChannels(const SequenceSet& s, int channels) {
    SequenceSet out;
    out.channels = channels;
    out.frames = s.frames;
    out.valid = s.valid;
    for (std::size_t r = 0; r < s.size(); ++r) out.values.insert(out.values.end(), s.record(r), s.record(r) + out.stride());
    return out;
}

// Per-frame VAE over the scattering paths (vae_lr pools its latent; the DACL variants read it as
// a sequence). The rhythm channels bypass the VAE and join the latent as 2 more standardised
// channels: a VAE fitted to reconstruct ~75 paths spends almost none of its 32 dimensions on
// them (measured: DACL alone 0.898 with rhythm inside the VAE vs the CNN's 0.955 on the frames).
class FrameVaeRepresentation : public Representation {
public:
    FrameVaeRepresentation(const Settings& s, std::uint64_t seed, bool rhythm)
        : settings_(s), seed_(seed), rhythmInData_(s.getBool("seq.rhythm")), useRhythm_(rhythm && rhythmInData_) {}
    std::string method() const override { return "vae_lr"; }
    void fit(const RowView& train, const std::vector<int>&, int, const RowView& validation, const FitHooks& hooks) override {
        fitVae(train, validation, hooks);
    }
    Matrix embed(const RowView& rows) const override {
        return byRowChunks(rows, [&](const RowView& part) { return pooledSequences(latentSet(part)); });
    }
    bool hasLatent() const override { return true; }
    Matrix latent(const RowView& rows) const override { return flatten(latentSet(rows)); }
    Matrix noisyLatent(const Matrix& z0, double sigma, std::mt19937_64& rng) const override {
        // Noise on the valid frames only: the header and the padding stay as they are.
        std::normal_distribution<float> normal(0.0f, 1.0f);
        const float s = static_cast<float>(sigma), scale = std::sqrt(std::max(0.0f, 1.0f - s * s));
        Matrix zt = z0;
        for (std::size_t r = 0; r < zt.rows; ++r) {
            float* row = zt.row(r);
            const int V = static_cast<int>(std::lround(row[0])), L = static_cast<int>(row[1]), d = static_cast<int>(row[2]);
            for (int c = 0; c < d; ++c)
                for (int t = 0; t < V; ++t) {
                    float& v = row[kLatentHeader + static_cast<std::size_t>(c) * L + t];
                    v = scale * v + s * normal(rng);
                }
        }
        return zt;
    }
    Matrix embedLatent(const Matrix& z, int) const override { return pooledSequences(unflatten(z)); }
    Matrix latentStd(const RowView& rows) const override {
        // σ of the rhythm channels is 0: they are exact.
        return flatten(mapRowFrames(rows, pathChannels(rows), vae_->latentDim(),
                                    [&](const Matrix& f) { return vae_->encodeStd(f); }, useRhythm_ ? 2 : 0));
    }
    // Standardised latent rows → path frames (in feature units), flat like latent().
    Matrix decodeLatent(const Matrix& z) const override {
        return flatten(mapFrames(firstChannels(unflatten(z), vae_->latentDim()), vae_->inputDim(),
                                 [&](const Matrix& f) { return vae_->decode(f); }));
    }
    std::string toBytes() const override {
        return pack({std::string(rhythmInData_ ? "1" : "0") + (useRhythm_ ? "1" : "0"), vae_->toBytes(),
                     statsToBytes(rhythm_)});
    }
    void load(const std::string& bytes) {
        const auto parts = unpack(bytes, 3);
        rhythmInData_ = parts[0].at(0) == '1';
        useRhythm_ = parts[0].at(1) == '1';
        vae_.emplace(Vae::fromBytes(parts[1]));
        rhythm_ = statsFromBytes(parts[2]);
    }

protected:
    int pathChannels(const RowView& rows) const { return sequenceChannels(rows, true) - (rhythmInData_ ? 2 : 0); }
    SequenceSet latentSet(const RowView& rows) const {
        SequenceSet z = mapRowFrames(rows, pathChannels(rows), vae_->latentDim(),
                                     [&](const Matrix& f) { return vae_->encode(f); }, useRhythm_ ? 2 : 0);
        if (useRhythm_) fillRhythm(z, rows, rhythm_);
        return z;
    }
    // The same latent sequences in a memory-mapped scratch file (core/ml/sequence_file.h), for
    // training: written 256 rows at a time, never all in RAM (39 KB a row, ~3 GB for the training
    // rows of 100 k records). The values are those of latentSet, bit for bit.
    SequenceSet latentFile(const RowView& rows) const {
        std::optional<SequenceFileWriter> out;
        mapRowFrameChunks(rows, pathChannels(rows), vae_->latentDim(), [&](const Matrix& f) { return vae_->encode(f); },
                          [&](std::size_t first, SequenceSet& part) {
                              if (useRhythm_) fillRhythm(part, rows.slice(first, first + part.size()), rhythm_);
                              if (!out) out.emplace(part.channels, part.frames);
                              out->append(part);
                          }, useRhythm_ ? 2 : 0);
        return out ? out->finish() : SequenceSet{};
    }
    void fitVae(const RowView& train, const RowView& validation, const FitHooks& hooks) {
        const int channels = pathChannels(train);
        if (useRhythm_) rhythm_ = channelStats(train, 2, sequenceChannels(train, true) - 2);
        VaeSettings vs = vaeSettings(settings_, derivedSeed(seed_, 0, kVaePurpose));
        // Frames are plentiful (150 k per epoch): few epochs and a short β warm-up.
        vs.maxEpochs = static_cast<int>(settings_.getInt("seq.vae_epochs"));
        vs.betaWarmupEpochs = std::min(vs.betaWarmupEpochs, std::max(1, vs.maxEpochs / 4));
        vs.patience = std::min(vs.patience, 3);
        SharedVae* shared = hooks.sharedVae;
        // Methods of a fold fit the identical VAE (same paths, frames and seed): the first fits, the others load.
        if (shared && !shared->bytes.empty() && shared->seed == vs.seed && shared->rows == train.rows() &&
            shared->inputDim == channels) {
            vae_.emplace(Vae::fromBytes(shared->bytes));
            for (const VaeEpoch& e : shared->epochs) reportVae(hooks, e);
            if (hooks.progress) hooks.progress->log(hooks.stagePrefix + "VAE of an earlier method of this fold reused");
            return;
        }
        const auto limit = static_cast<std::size_t>(settings_.getInt("seq.vae_frames"));
        const Matrix trainFrames = validFrames(train, channels, limit, derivedSeed(seed_, 0, kFramePurpose));
        const Matrix valFrames = validFrames(validation, channels, kValidationFrames, derivedSeed(seed_, 1, kFramePurpose));
        vae_.emplace(channels, vs);
        vae_->setDistributed(hooks.distributed);  // null: this process alone
        if (hooks.progress) hooks.progress->report(hooks.stagePrefix + "per-frame VAE", 0, 1);
        const VaeReport report = vae_->fit(trainFrames, valFrames, [&](const VaeEpoch& e) { reportVae(hooks, e); }, hooks.progress);
        if (shared) *shared = SharedVae{vs.seed, train.rows(), vae_->toBytes(), report.epochs, channels};
    }

    Settings settings_;
    std::uint64_t seed_;
    bool rhythmInData_, useRhythm_;
    ChannelStats rhythm_;  // of the 2 rhythm channels
    std::optional<Vae> vae_;
};

// DACL and its variants on the latent sequence.
class SequenceDaclRepresentation : public FrameVaeRepresentation {
public:
    SequenceDaclRepresentation(std::string method, const Settings& s, std::uint64_t seed)
        : FrameVaeRepresentation(s, seed, method != "dacl_no_rhythm"), method_(std::move(method)) {}
    std::string method() const override { return method_; }
    void fit(const RowView& train, const std::vector<int>& labels, int numClasses, const RowView& validation,
             const FitHooks& hooks) override {
        const std::vector<int>& valLabels = validationLabels(hooks);
        fitVae(train, validation, hooks);
        const SequenceSet z = latentFile(train), zVal = latentFile(validation);
        trainer_.emplace(z.channels, numClasses,
                         sequenceTrainSettings(settings_, method_, derivedSeed(seed_, 0, kEncoderPurpose)));
        trainer_->setDistributed(hooks.distributed);
        const std::string series = "dacl.";
        probeScore_ = trainer_->trainContrastive(z, labels, zVal, valLabels, epochReporter(hooks, series), hooks.progress,
                                                 hooks.stagePrefix);
        finetunedScore_ = -1;
        if (trainer_->settings().finetuneEpochs > 0) {
            finetunedScore_ = trainer_->trainSupervised(z, labels, zVal, valLabels, epochReporter(hooks, series),
                                                        hooks.progress, hooks.stagePrefix);
        }
        const std::string choice = settings_.getString("seq.stage");
        const bool finetuned = finetunedScore_ >= 0 && (choice == "finetuned" || (choice == "auto" && finetunedScore_ > probeScore_));
        trainer_->useStage(finetuned ? SequenceStage::Finetuned : SequenceStage::Probe);
        if (hooks.progress)
            hooks.progress->log(hooks.stagePrefix + "validation AUROC probe " + std::to_string(probeScore_) +
                                (finetunedScore_ >= 0 ? ", fine-tuned " + std::to_string(finetunedScore_) : "") +
                                ": scoring with the " + toString(trainer_->stage()) + " stage");
    }
    Matrix embed(const RowView& rows) const override {
        return byRowChunks(rows, [&](const RowView& part) { return trainer_->embed(latentSet(part), 0); });
    }
    Matrix embedLatent(const Matrix& z, int t) const override {
        return trainer_->embed(unflatten(z), trainer_->settings().timeConditioning ? t : 0);
    }
    Matrix embedLatentAt(const Matrix& z, const std::vector<int>& t) const override {
        if (trainer_->settings().timeConditioning) return trainer_->embed(unflatten(z), t);
        return trainer_->embed(unflatten(z), 0);
    }
    std::vector<double> noiseScaleAt(const std::vector<int>& t) const override {
        DiffusionSchedule schedule(trainer_->settings().schedule);
        std::vector<double> out;
        for (int v : t) out.push_back(v == 0 ? 0.0 : schedule.noiseScale(v));
        return out;
    }
    std::optional<ScheduleSettings> diffusionSchedule() const override { return trainer_->settings().schedule; }
    std::map<std::string, double> foldFacts() const override {
        std::map<std::string, double> f{{"stage_finetuned", trainer_->stage() == SequenceStage::Finetuned ? 1.0 : 0.0},
                                        {"val_probe_auroc", probeScore_}};
        if (finetunedScore_ >= 0) f["val_finetuned_auroc"] = finetunedScore_;
        return f;
    }
    std::vector<std::string> stages() const override {
        if (finetunedScore_ < 0) return {};
        return {toString(SequenceStage::Probe), toString(SequenceStage::Finetuned)};
    }
    std::string stage() const override { return toString(trainer_->stage()); }
    void useStage(const std::string& name) override {
        trainer_->useStage(name == toString(SequenceStage::Finetuned) ? SequenceStage::Finetuned : SequenceStage::Probe);
    }
    std::string toBytes() const override { return pack({FrameVaeRepresentation::toBytes(), trainer_->toBytes()}); }
    void load(const std::string& bytes) {
        const auto parts = unpack(bytes, 2);
        FrameVaeRepresentation::load(parts[0]);
        trainer_.emplace(SequenceTrainer::fromBytes(parts[1]));
    }

protected:
    static SequenceTrainer::EpochCallback epochReporter(const FitHooks& hooks, const std::string& series) {
        return [&hooks, series](const SequenceEpoch& e) {
            if (!hooks.onMetric) return;
            const std::string stage = e.stage == SequenceStage::Probe ? "" : "ft_";
            hooks.onMetric(series + stage + "loss", e.epoch, -1, e.loss);
            hooks.onMetric(series + stage + "val_auroc", e.epoch, -1, e.valScore);
            hooks.onMetric(series + stage + "lr", e.epoch, -1, e.lr);
        };
    }

    std::string method_;
    std::optional<SequenceTrainer> trainer_;
    double probeScore_ = -1, finetunedScore_ = -1;
};

// The supervised CNN baseline: the same trunk on standardised frames, cross-entropy only.
class SequenceCnnRepresentation : public Representation {
public:
    SequenceCnnRepresentation(const Settings& s, std::uint64_t seed) : settings_(s), seed_(seed) {}
    std::string method() const override { return "cnn"; }
    void fit(const RowView& train, const std::vector<int>& labels, int numClasses, const RowView& validation,
             const FitHooks& hooks) override {
        const int channels = sequenceChannels(train, true);
        stats_ = channelStats(train, channels);
        SequenceTrainSettings ts = sequenceTrainSettings(settings_, "cnn", derivedSeed(seed_, 0, kEncoderPurpose));
        trainer_.emplace(channels, numClasses, ts);
        trainer_->trainSupervised(toSequences(train, channels, &stats_), labels, toSequences(validation, channels, &stats_),
                                  validationLabels(hooks), [&hooks](const SequenceEpoch& e) {
                                      if (!hooks.onMetric) return;
                                      hooks.onMetric("cnn.loss", e.epoch, -1, e.loss);
                                      hooks.onMetric("cnn.val_auroc", e.epoch, -1, e.valScore);
                                  },
                                  hooks.progress, hooks.stagePrefix);
    }
    Matrix embed(const RowView& rows) const override {
        return byRowChunks(rows, [&](const RowView& part) {
            return trainer_->embed(toSequences(part, static_cast<int>(stats_.mean.size()), &stats_), 0);
        });
    }
    std::string toBytes() const override { return pack({statsToBytes(stats_), trainer_->toBytes()}); }
    void load(const std::string& bytes) {
        const auto parts = unpack(bytes, 2);
        stats_ = statsFromBytes(parts[0]);
        trainer_.emplace(SequenceTrainer::fromBytes(parts[1]));
    }

private:
    Settings settings_;
    std::uint64_t seed_;
    ChannelStats stats_;
    std::optional<SequenceTrainer> trainer_;
};

bool isSequenceDacl(const std::string& m) {
    return m == "dacl" || m == "gaussian_views" || m == "no_timestep" || m == "tmax1000" || m == "dacl_no_rhythm";
}

}  // namespace

std::unique_ptr<Representation> makeSequenceRepresentation(const std::string& m, const Settings& s, std::uint64_t seed) {
    if (m == "st_lr") return std::make_unique<PooledFramesRepresentation>();
    if (m == "st_xgb" || m == "rr_xgb" || m == "rra_xgb") return std::make_unique<BoostRepresentation>(m, s, seed);
    if (m == "vae_lr") return std::make_unique<FrameVaeRepresentation>(s, seed, true);
    if (m == "cnn") return std::make_unique<SequenceCnnRepresentation>(s, seed);
    if (isSequenceDacl(m)) return std::make_unique<SequenceDaclRepresentation>(m, s, seed);
    if (m == "dae") throw std::invalid_argument("method 'dae' needs repr=pooled");
    throw std::invalid_argument("unknown method '" + m + "'");
}

std::unique_ptr<Representation> loadSequenceRepresentation(const std::string& m, const Settings& s, const std::string& bytes) {
    if (m == "st_lr") return std::make_unique<PooledFramesRepresentation>();
    if (m == "st_xgb" || m == "rr_xgb" || m == "rra_xgb") {
        auto r = std::make_unique<BoostRepresentation>(m, s, 0);
        r->load(bytes);
        return r;
    }
    if (m == "vae_lr") {
        auto r = std::make_unique<FrameVaeRepresentation>(s, 0, true);
        r->load(bytes);
        return r;
    }
    if (m == "cnn") {
        auto r = std::make_unique<SequenceCnnRepresentation>(s, 0);
        r->load(bytes);
        return r;
    }
    if (isSequenceDacl(m)) {
        auto r = std::make_unique<SequenceDaclRepresentation>(m, s, 0);
        r->load(bytes);
        return r;
    }
    throw std::invalid_argument("unknown method '" + m + "'");
}

}  // namespace dacl::ml
