#include "core/pipeline/representation.h"

#include "core/ml/dae.h"
#include "core/ml/diffusion_schedule.h"
#include "core/pipeline/byte_pack.h"
#include "core/pipeline/model_settings.h"
#include "core/pipeline/sequence_representation.h"
#include "core/ml/trainer.h"
#include "core/ml/vae.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dacl::ml {

namespace {

constexpr std::uint64_t kVaePurpose = 11, kEncoderPurpose = 12, kDaePurpose = 13;

// A fold checkpoint holds the fitted VAE with the encoder's training state, so that a resumed
// fold continues from it without fitting the VAE again (and without logging its curves twice).
const std::string kFoldCheckpointTag = "dacl fold checkpoint 2\n";

void reportVae(const FitHooks& hooks, const VaeEpoch& e) {
    if (!hooks.onMetric) return;
    hooks.onMetric("vae.train_loss", e.epoch, -1, e.trainLoss);
    hooks.onMetric("vae.val_recon", e.epoch, -1, e.valRecon);
    hooks.onMetric("vae.beta", e.epoch, -1, e.beta);
}

// Pooled ST features straight into the probe (baseline 1): the probe standardises them.
class IdentityRepresentation : public Representation {
public:
    std::string method() const override { return "st_lr"; }
    void fit(const RowView&, const std::vector<int>&, int, const RowView&, const FitHooks&) override {}
    Matrix embed(const RowView& f) const override { return f.toMatrix(); }
    std::string toBytes() const override { return "st_lr"; }
};

// VAE latent z0 (baseline 2), and the base of every DACL variant.
class VaeRepresentation : public Representation {
public:
    VaeRepresentation(const Settings& s, std::uint64_t seed) : settings_(s), seed_(seed) {}
    std::string method() const override { return "vae_lr"; }
    // Pooled rows are small (2C floats): the VAE takes them as dense copies.
    void fit(const RowView& trainRows, const std::vector<int>&, int, const RowView& validationRows,
             const FitHooks& hooks) override {
        const VaeSettings vs = vaeSettings(settings_, derivedSeed(seed_, 0, kVaePurpose));
        SharedVae* shared = hooks.sharedVae;
        if (shared && !shared->bytes.empty() && shared->seed == vs.seed && shared->rows == trainRows.rows()) {
            vae_.emplace(Vae::fromBytes(shared->bytes));
            for (const VaeEpoch& e : shared->epochs) reportVae(hooks, e);
            if (hooks.progress) hooks.progress->log(hooks.stagePrefix + "VAE of an earlier method of this fold reused");
            return;
        }
        const Matrix train = trainRows.toMatrix(), validation = validationRows.toMatrix();
        vae_.emplace(static_cast<int>(train.cols), vs);
        if (hooks.progress) hooks.progress->report(hooks.stagePrefix + "VAE", 0, 1);
        const VaeReport report = vae_->fit(train, validation, [&](const VaeEpoch& e) { reportVae(hooks, e); }, hooks.progress);
        if (shared) *shared = SharedVae{vs.seed, train.rows, vae_->toBytes(), report.epochs, static_cast<int>(train.cols)};
    }
    Matrix embed(const RowView& f) const override { return vae_->encode(f.toMatrix()); }
    bool hasLatent() const override { return true; }
    Matrix latent(const RowView& f) const override { return vae_->encode(f.toMatrix()); }
    Matrix embedLatent(const Matrix& z, int) const override { return z; }
    Matrix latentStd(const RowView& f) const override { return vae_->encodeStd(f.toMatrix()); }
    Matrix decodeLatent(const Matrix& z) const override { return vae_->decode(z); }
    std::string toBytes() const override { return vae_->toBytes(); }
    void load(const std::string& bytes) { vae_.emplace(Vae::fromBytes(bytes)); }

protected:
    Settings settings_;
    std::uint64_t seed_;
    std::optional<Vae> vae_;
};

// DACL and its contrastive baselines: VAE latent → t-conditioned U-Net trained with SupCon.
class ContrastiveRepresentation : public VaeRepresentation {
public:
    ContrastiveRepresentation(const Settings& s, std::uint64_t seed, ContrastiveVariant v)
        : VaeRepresentation(s, seed), variant_(v) {}
    std::string method() const override { return variant_ == ContrastiveVariant::Dacl ? "dacl" : toString(variant_); }
    void fit(const RowView& train, const std::vector<int>& labels, int numClasses, const RowView& validation,
             const FitHooks& hooks) override {
        const bool withVae = hooks.resumeFrom && hooks.resumeFrom->rfind(kFoldCheckpointTag, 0) == 0;
        if (withVae) {
            const auto parts = unpack(hooks.resumeFrom->substr(kFoldCheckpointTag.size()), 2);
            VaeRepresentation::load(parts[0]);
            trainer_.emplace(DaclTrainer::fromCheckpoint(parts[1]));
        } else {
            // Fresh, or a checkpoint of an older version that held the encoder only: the VAE
            // fit is deterministic, so fitting it again gives the same latent.
            VaeRepresentation::fit(train, labels, numClasses, validation, hooks);
            if (hooks.resumeFrom)
                trainer_.emplace(DaclTrainer::fromCheckpoint(*hooks.resumeFrom));
            else
                trainer_.emplace(static_cast<int>(vae_->latentDim()), numClasses,
                                 daclSettings(settings_, variant_, derivedSeed(seed_, 0, kEncoderPurpose)));
        }
        const Matrix z0 = vae_->encode(train.toMatrix());
        const std::string vaeBytes = vae_->toBytes();  // fixed from here on: serialised once, not per checkpoint
        const int epochs = trainer_->settings().epochs;
        TrainCallbacks cb;
        cb.onStep = [&](const TrainStep& st) {
            if (hooks.onMetric && st.step % 10 == 0) {
                hooks.onMetric("dacl.step_loss", st.epoch, st.step, st.loss);
                hooks.onMetric("dacl.lr", st.epoch, st.step, st.lr);
            }
        };
        // One epoch at a time so that a checkpoint follows every epoch.
        for (int e = trainer_->epochsDone(); e < epochs; ++e) {
            if (hooks.progress) {
                if (hooks.progress->cancelled()) throw Cancelled();
                hooks.progress->report(hooks.stagePrefix + "encoder", static_cast<std::size_t>(e),
                                       static_cast<std::size_t>(epochs));
            }
            trainer_->train(z0, labels, cb, hooks.progress, e + 1);
            const TrainEpoch& last = trainer_->history().back();
            if (hooks.onMetric) hooks.onMetric("dacl.loss", last.epoch, -1, last.meanLoss);
            if (hooks.onCheckpoint) hooks.onCheckpoint(e + 1, kFoldCheckpointTag + pack({vaeBytes, trainer_->checkpoint()}));
        }
        if (hooks.progress)
            hooks.progress->report(hooks.stagePrefix + "encoder", static_cast<std::size_t>(epochs),
                                   static_cast<std::size_t>(epochs));
    }
    Matrix embed(const RowView& f) const override { return trainer_->embed(vae_->encode(f.toMatrix()), 0); }
    Matrix embedLatent(const Matrix& z, int t) const override {
        // The time-conditioned encoder is told the noise level it is given; the others ignore t.
        return trainer_->embed(z, trainer_->settings().encoder.timeConditioning ? t : 0);
    }
    std::vector<double> noiseScaleAt(const std::vector<int>& t) const override {
        DiffusionSchedule schedule(trainer_->settings().schedule);
        std::vector<double> out;
        for (int v : t) out.push_back(v == 0 ? 0.0 : schedule.noiseScale(v));
        return out;
    }
    Matrix embedLatentAt(const Matrix& z, const std::vector<int>& t) const override {
        if (trainer_->settings().encoder.timeConditioning) return trainer_->embed(z, t);
        return trainer_->embed(z, 0);
    }
    std::optional<ScheduleSettings> diffusionSchedule() const override { return trainer_->settings().schedule; }
    std::string toBytes() const override { return pack({vae_->toBytes(), trainer_->checkpoint()}); }
    void load(const std::string& bytes) {
        const auto parts = unpack(bytes, 2);
        VaeRepresentation::load(parts[0]);
        trainer_.emplace(DaclTrainer::fromCheckpoint(parts[1]));
    }

private:
    ContrastiveVariant variant_;
    std::optional<DaclTrainer> trainer_;
};

// Denoising autoencoder code (baseline 4).
class DaeRepresentation : public Representation {
public:
    DaeRepresentation(const Settings& s, std::uint64_t seed) : settings_(s), seed_(seed) {}
    std::string method() const override { return "dae"; }
    void fit(const RowView& train, const std::vector<int>&, int, const RowView&, const FitHooks& hooks) override {
        dae_.emplace(static_cast<int>(train.cols()), daeSettings(settings_, derivedSeed(seed_, 0, kDaePurpose)));
        if (hooks.progress) hooks.progress->report(hooks.stagePrefix + "denoising autoencoder", 0, 1);
        dae_->fit(train.toMatrix(), [&](const DaeEpoch& e) {
            if (hooks.onMetric) hooks.onMetric("dae.loss", e.epoch, -1, e.loss);
        }, hooks.progress);
    }
    Matrix embed(const RowView& f) const override { return dae_->embed(f.toMatrix()); }
    std::string toBytes() const override { return dae_->toBytes(); }
    void load(const std::string& bytes) { dae_.emplace(DenoisingAutoencoder::fromBytes(bytes)); }

private:
    Settings settings_;
    std::uint64_t seed_;
    std::optional<DenoisingAutoencoder> dae_;
};

ContrastiveVariant variantOf(const std::string& method) {
    if (method == "dacl") return ContrastiveVariant::Dacl;
    return contrastiveVariantFromString(method);
}

bool isContrastive(const std::string& m) {
    return m == "dacl" || m == "gaussian_views" || m == "no_timestep" || m == "tmax1000";
}

}  // namespace

Matrix Representation::latent(const RowView&) const {
    throw std::logic_error(method() + " has no latent space");
}
Matrix Representation::embedLatent(const Matrix&, int) const {
    throw std::logic_error(method() + " has no latent space");
}
Matrix Representation::embedLatentAt(const Matrix& z, const std::vector<int>& t) const {
    if (t.size() != z.rows) throw std::invalid_argument("embedLatentAt: one timestep per row needed");
    Matrix out;
    for (std::size_t r = 0; r < z.rows; ++r) {
        const Matrix h = embedLatent(z.selectRows({r}), t[r]);
        if (r == 0) out = Matrix(z.rows, h.cols);
        std::copy(h.row(0), h.row(0) + h.cols, out.row(r));
    }
    return out;
}
Matrix Representation::latentStd(const RowView&) const {
    throw std::logic_error(method() + " has no latent space");
}
Matrix Representation::decodeLatent(const Matrix&) const {
    throw std::logic_error(method() + " has no latent space");
}
Matrix Representation::noisyLatent(const Matrix& z0, double sigma, std::mt19937_64& rng) const {
    std::normal_distribution<float> normal(0.0f, 1.0f);
    const float s = static_cast<float>(sigma);
    const float scale = std::sqrt(std::max(0.0f, 1.0f - s * s));
    Matrix zt = z0;
    for (float& v : zt.data) v = scale * v + s * normal(rng);
    return zt;
}
std::vector<double> Representation::noiseScaleAt(const std::vector<int>& t) const {
    DiffusionSchedule schedule;
    std::vector<double> out;
    for (int v : t) out.push_back(v == 0 ? 0.0 : schedule.noiseScale(v));
    return out;
}

const std::vector<std::string>& methodNames() {
    static const std::vector<std::string> names = {"dacl",     "st_lr",  "vae_lr", "gaussian_views", "dae",
                                                   "no_timestep", "tmax1000", "cnn", "rr_xgb", "st_xgb",
                                                   "dacl_no_rhythm", "rra_xgb"};
    return names;
}

const std::vector<std::string>& baselineNames() {
    static const std::vector<std::string> names(methodNames().begin() + 1, methodNames().end());
    return names;
}

std::vector<std::string> baselinesFor(const Settings& settings) {
    const bool sequence = settings.getString("repr") == "sequence";
    std::vector<std::string> out;
    for (const auto& b : baselineNames()) {
        const bool sequenceOnly = methodDescription(b).find("repr=sequence") != std::string::npos;
        if (sequence ? (b != "dae") : !sequenceOnly) out.push_back(b);
    }
    return out;
}

std::string methodDescription(const std::string& m) {
    if (m == "dacl") return "DACL: diffusion views, time-conditioned U-Net, SupCon";
    if (m == "st_lr") return "pooled ST features + logistic regression";
    if (m == "vae_lr") return "VAE latent mu + logistic regression";
    if (m == "gaussian_views") return "contrastive with Gaussian views";
    if (m == "dae") return "denoising autoencoder embedding";
    if (m == "no_timestep") return "DACL without timestep conditioning";
    if (m == "tmax1000") return "DACL with t_max = 1000";
    if (m == "cnn") return "supervised CNN: the same U-Net trunk, cross-entropy on the frame sequence (repr=sequence)";
    if (m == "rr_xgb") return "20 RR-interval features + gradient boosting (repr=sequence)";
    if (m == "rra_xgb") return "20 RR-interval and 4 atrial-activity features + gradient boosting (repr=sequence)";
    if (m == "st_xgb") return "pooled ST frames + gradient boosting (repr=sequence)";
    if (m == "dacl_no_rhythm") return "DACL without the rhythm channels (repr=sequence)";
    throw std::invalid_argument("unknown method '" + m + "'");
}

std::unique_ptr<Representation> makeRepresentation(const std::string& m, const Settings& s, std::uint64_t seed) {
    if (s.getString("repr") == "sequence") return makeSequenceRepresentation(m, s, seed);
    if (m == "st_lr") return std::make_unique<IdentityRepresentation>();
    if (m == "vae_lr") return std::make_unique<VaeRepresentation>(s, seed);
    if (m == "dae") return std::make_unique<DaeRepresentation>(s, seed);
    if (isContrastive(m)) return std::make_unique<ContrastiveRepresentation>(s, seed, variantOf(m));
    if (methodDescription(m).find("repr=sequence") != std::string::npos)
        throw std::invalid_argument("method '" + m + "' needs repr=sequence");
    throw std::invalid_argument("unknown method '" + m + "' (known: dacl, st_lr, vae_lr, gaussian_views, dae, no_timestep, tmax1000)");
}

std::unique_ptr<Representation> loadRepresentation(const std::string& m, const Settings& s, const std::string& bytes) {
    if (s.getString("repr") == "sequence") return loadSequenceRepresentation(m, s, bytes);
    if (m == "st_lr") return std::make_unique<IdentityRepresentation>();
    if (m == "vae_lr") {
        auto r = std::make_unique<VaeRepresentation>(s, 0);
        r->load(bytes);
        return r;
    }
    if (m == "dae") {
        auto r = std::make_unique<DaeRepresentation>(s, 0);
        r->load(bytes);
        return r;
    }
    if (isContrastive(m)) {
        auto r = std::make_unique<ContrastiveRepresentation>(s, 0, variantOf(m));
        r->load(bytes);
        return r;
    }
    throw std::invalid_argument("unknown method '" + m + "'");
}

}  // namespace dacl::ml
