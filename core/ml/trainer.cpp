#include "core/ml/trainer.h"

#include "core/ml/balanced_sampler.h"
#include "core/ml/checkpoint.h"
#include "core/ml/diffusion.h"
#include "core/ml/kv_text.h"
#include "core/ml/losses.h"
#include "core/ml/lr_schedule.h"
#include "core/ml/optim.h"
#include "core/ml/tensor_util.h"
#include "core/ml/training_divergence.h"
#include "core/ml/unet_encoder.h"

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace dacl::ml {

namespace {

constexpr const char* kCheckpointKind = "dacl_encoder";

std::string settingsText(const DaclSettings& s, int latentDim, int K) {
    KvText kv;
    kv.set("latent_dim", latentDim);
    kv.set("num_classes", K);
    kv.set("encoder.base_width", s.encoder.baseWidth);
    kv.set("encoder.time_embed_dim", s.encoder.timeEmbedDim);
    kv.set("encoder.time_conditioning", s.encoder.timeConditioning ? 1 : 0);
    kv.set("encoder.projection_dim", s.encoder.projectionDim);
    kv.set("encoder.groups", s.encoder.groups);
    kv.set("encoder.positional", s.encoder.positional ? 1 : 0);
    kv.set("schedule.kind", toString(s.schedule.kind));
    kv.set("schedule.steps", s.schedule.steps);
    kv.set("schedule.beta_start", s.schedule.betaStart);
    kv.set("schedule.beta_end", s.schedule.betaEnd);
    kv.set("schedule.cosine_offset", s.schedule.cosineOffset);
    kv.set("schedule.max_beta", s.schedule.maxBeta);
    kv.set("views", s.views == ViewKind::Diffusion ? "diffusion" : "gaussian");
    kv.set("num_views", s.numViews);
    kv.set("t_max", s.tMax);
    kv.set("gaussian_sigma", s.gaussianSigma);
    kv.set("loss", s.loss == ContrastiveLossKind::SupCon ? "supcon" : "triplet");
    kv.set("temperature", s.temperature);
    kv.set("triplet_margin", s.tripletMargin);
    kv.set("epochs", s.epochs);
    kv.set("batch_size", s.batchSize);
    kv.set("steps_per_epoch", s.stepsPerEpoch);
    kv.set("lr", s.lr);
    kv.set("weight_decay", s.weightDecay);
    kv.set("warmup_epochs", s.warmupEpochs);
    kv.set("min_lr", s.minLr);
    kv.set("seed", s.seed);
    kv.set("device", s.device);
    return kv.text();
}

DaclSettings settingsFrom(const KvText& kv) {
    DaclSettings s;
    s.encoder.baseWidth = static_cast<int>(kv.integer("encoder.base_width"));
    s.encoder.timeEmbedDim = static_cast<int>(kv.integer("encoder.time_embed_dim"));
    s.encoder.timeConditioning = kv.integer("encoder.time_conditioning") != 0;
    s.encoder.projectionDim = static_cast<int>(kv.integer("encoder.projection_dim"));
    s.encoder.groups = static_cast<int>(kv.integer("encoder.groups"));
    s.encoder.positional = kv.has("encoder.positional") && kv.integer("encoder.positional") != 0;
    s.schedule.kind = scheduleKindFromString(kv.str("schedule.kind"));
    s.schedule.steps = static_cast<int>(kv.integer("schedule.steps"));
    s.schedule.betaStart = kv.num("schedule.beta_start");
    s.schedule.betaEnd = kv.num("schedule.beta_end");
    s.schedule.cosineOffset = kv.num("schedule.cosine_offset");
    s.schedule.maxBeta = kv.num("schedule.max_beta");
    s.views = kv.str("views") == "gaussian" ? ViewKind::Gaussian : ViewKind::Diffusion;
    s.numViews = static_cast<int>(kv.integer("num_views"));
    s.tMax = static_cast<int>(kv.integer("t_max"));
    s.gaussianSigma = kv.num("gaussian_sigma");
    s.loss = kv.str("loss") == "triplet" ? ContrastiveLossKind::Triplet : ContrastiveLossKind::SupCon;
    s.temperature = kv.num("temperature");
    s.tripletMargin = kv.num("triplet_margin");
    s.epochs = static_cast<int>(kv.integer("epochs"));
    s.batchSize = static_cast<int>(kv.integer("batch_size"));
    // Checkpoints written before the setting existed trained on every window each epoch.
    s.stepsPerEpoch = kv.has("steps_per_epoch") ? static_cast<int>(kv.integer("steps_per_epoch")) : 0;
    s.lr = kv.num("lr");
    s.weightDecay = kv.num("weight_decay");
    s.warmupEpochs = static_cast<int>(kv.integer("warmup_epochs"));
    s.minLr = kv.num("min_lr");
    s.seed = kv.uinteger("seed");
    s.device = kv.str("device");
    return s;
}

void checkSettings(const DaclSettings& s, int latentDim, int K) {
    if (K < 2) throw std::invalid_argument("DACL: need at least 2 classes");
    if (latentDim < 4 || latentDim % 4) throw std::invalid_argument("DACL: latent size must be a multiple of 4");
    if (s.stepsPerEpoch < 0) throw std::invalid_argument("DACL: steps per epoch must be >= 0 (0 = every sample)");
    if (s.numViews < 1 || s.epochs < 1 || s.batchSize < K)
        throw std::invalid_argument("DACL: need views >= 1, epochs >= 1 and batch size >= number of classes");
    if (s.views == ViewKind::Diffusion && (s.tMax < 1 || s.tMax > s.schedule.steps))
        throw std::invalid_argument("DACL: t_max must be in [1, T]");
    if (!(s.temperature > 0) || !(s.tripletMargin >= 0) || !(s.lr > 0) || !std::isfinite(s.lr) || !(s.weightDecay >= 0) ||
        s.warmupEpochs < 0 || !(s.minLr >= 0) || !(s.gaussianSigma >= 0))
        throw std::invalid_argument(
            "DACL: need temperature > 0, margin >= 0, lr > 0, weight decay >= 0, "
            "warm-up epochs >= 0, min lr >= 0, sigma >= 0");
}

}  // namespace

std::string toString(ContrastiveVariant v) {
    switch (v) {
        case ContrastiveVariant::Dacl: return "dacl";
        case ContrastiveVariant::GaussianViews: return "gaussian_views";
        case ContrastiveVariant::NoTimestep: return "no_timestep";
        case ContrastiveVariant::TMax1000: return "tmax1000";
    }
    return "dacl";
}

ContrastiveVariant contrastiveVariantFromString(const std::string& name) {
    for (auto v : {ContrastiveVariant::Dacl, ContrastiveVariant::GaussianViews,
                   ContrastiveVariant::NoTimestep, ContrastiveVariant::TMax1000})
        if (toString(v) == name) return v;
    throw std::invalid_argument("unknown contrastive variant '" + name +
                                "' (dacl, gaussian_views, no_timestep, tmax1000)");
}

DaclSettings DaclSettings::forVariant(ContrastiveVariant v) {
    DaclSettings s;
    switch (v) {
        case ContrastiveVariant::Dacl: break;
        case ContrastiveVariant::GaussianViews:
            // No timestep exists for these views, so the encoder is not conditioned on one.
            s.views = ViewKind::Gaussian;
            s.encoder.timeConditioning = false;
            break;
        case ContrastiveVariant::NoTimestep: s.encoder.timeConditioning = false; break;
        case ContrastiveVariant::TMax1000: s.tMax = 1000; break;
    }
    return s;
}

struct DaclTrainer::Impl {
    DaclSettings settings;
    int latentDim = 0;
    int K = 0;
    torch::Device device = torch::kCPU;
    UNetEncoder net{nullptr};
    std::unique_ptr<torch::optim::AdamW> opt;
    ForwardDiffusion diffusion{DiffusionSchedule()};
    at::Generator gen;
    std::string samplerState;  // empty: not started
    int epoch = 0;
    std::int64_t step = 0;
    std::vector<TrainEpoch> history;

    torch::Tensor loss(const torch::Tensor& p, const torch::Tensor& y) const {
        return settings.loss == ContrastiveLossKind::SupCon ? supConLoss(p, y, settings.temperature)
                                                            : batchHardTripletLoss(p, y, settings.tripletMargin);
    }
};

DaclTrainer::DaclTrainer(int latentDim, int numClasses, const DaclSettings& s)
    : d_(std::make_unique<Impl>()) {
    checkSettings(s, latentDim, numClasses);
    Impl& d = *d_;
    d.settings = s;
    d.latentDim = latentDim;
    d.K = numClasses;
    d.device = selectDevice(s.device);
    d.diffusion = ForwardDiffusion(DiffusionSchedule(s.schedule));
    d.gen = makeGenerator(s.seed);
    d.net = UNetEncoder(latentDim, s.encoder);
    initParameters(*d.net, d.gen);
    d.net->to(d.device);
    d.opt = makeAdamW(d.net->parameters(), s.lr, s.weightDecay);
}
DaclTrainer::~DaclTrainer() = default;
DaclTrainer::DaclTrainer(DaclTrainer&&) noexcept = default;
DaclTrainer& DaclTrainer::operator=(DaclTrainer&&) noexcept = default;

int DaclTrainer::epochsDone() const { return d_->epoch; }
const std::vector<TrainEpoch>& DaclTrainer::history() const { return d_->history; }
int DaclTrainer::embeddingDim() const { return d_->net->representationDim(); }
int DaclTrainer::latentDim() const { return d_->latentDim; }
int DaclTrainer::numClasses() const { return d_->K; }
std::int64_t DaclTrainer::parameterCount() const { return countParameters(*d_->net); }
std::string DaclTrainer::device() const { return d_->device.is_cuda() ? "cuda:0" : "cpu"; }
const DaclSettings& DaclTrainer::settings() const { return d_->settings; }

void DaclTrainer::train(const Matrix& z0, const std::vector<int>& labels, const TrainCallbacks& cb,
                        ProgressSink* progress, int untilEpoch) {
    Impl& d = *d_;
    const DaclSettings& s = d.settings;
    checkMatrix(z0, "DACL training latents", static_cast<std::size_t>(d.latentDim));
    checkLabels(labels, z0.rows, d.K, "DACL training labels");
    const int last = untilEpoch < 0 ? s.epochs : std::min(untilEpoch, s.epochs);
    if (d.epoch >= last) return;
    torch::AutoGradMode enable(true);
    d.net->train();

    // The sampler is a function of (labels, batch size, seed) plus its RNG state, which the
    // checkpoint carries, so a restored trainer continues with the very same batches.
    BalancedBatchSampler sampler(labels, s.batchSize, s.seed ^ 0xD1B54A32D192ED03ULL,
                                 static_cast<std::size_t>(s.stepsPerEpoch));
    if (!d.samplerState.empty()) sampler.setState(d.samplerState);
    const std::int64_t perEpoch = static_cast<std::int64_t>(sampler.batchesPerEpoch());
    LrSchedule lrs;
    lrs.baseLr = s.lr;
    lrs.minLr = s.minLr;
    lrs.totalSteps = perEpoch * s.epochs;
    lrs.warmupSteps = std::min<std::int64_t>(perEpoch * s.warmupEpochs, lrs.totalSteps - 1);

    auto Z = toTensor(z0).to(d.device);
    auto Y = labelsTensor(labels).to(d.device);
    const auto B = static_cast<long>(s.batchSize);

    for (; d.epoch < last; ++d.epoch) {
        const auto t0 = std::chrono::steady_clock::now();
        auto batches = sampler.nextEpoch();
        double sum = 0;
        double lr = 0;
        for (std::size_t bi = 0; bi < batches.size(); ++bi) {
            if (progress) {
                if (progress->cancelled()) throw Cancelled();
                progress->report("DACL epoch " + std::to_string(d.epoch + 1) + "/" + std::to_string(s.epochs),
                                 static_cast<std::size_t>(d.step), static_cast<std::size_t>(lrs.totalSteps));
            }
            auto idx = torch::from_blob(batches[bi].data(), {B}, torch::kInt64).to(d.device);
            auto zb = Z.index_select(0, idx);
            auto yb = Y.index_select(0, idx);
            Views v = s.views == ViewKind::Diffusion ? d.diffusion.views(zb, s.numViews, s.tMax, d.gen)
                                                     : gaussianViews(zb, s.numViews, s.gaussianSigma, d.gen);
            // Clean anchor first (t = 0), then the V views; every row carries its sample's label.
            auto rows = torch::cat({zb, v.z}, 0);
            auto t = torch::cat({torch::zeros({B}, torch::TensorOptions().dtype(torch::kInt64).device(d.device)), v.t}, 0);
            auto y = yb.repeat({1 + s.numViews});

            lr = lrs.at(d.step);
            setLearningRate(*d.opt, lr);
            auto loss = d.loss(d.net->forward(rows, t), y);
            d.opt->zero_grad();
            loss.backward();
            d.opt->step();
            const double l = loss.item<double>();
            requireFinite("DACL encoder", d.epoch + 1, "the contrastive loss", l);
            sum += l;
            if (cb.onStep) cb.onStep({d.epoch, d.step, lrs.totalSteps, l, lr});
            ++d.step;
        }
        d.samplerState = sampler.state();
        TrainEpoch e;
        e.epoch = d.epoch;
        e.meanLoss = sum / static_cast<double>(batches.size());
        e.lr = lr;
        e.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        d.history.push_back(e);
        // Count the epoch as done before the callback, so a checkpoint taken there resumes after it.
        ++d.epoch;
        if (cb.onEpoch) cb.onEpoch(e);
        --d.epoch;  // the for-loop increments
    }
    if (progress) progress->report("DACL", static_cast<std::size_t>(d.step), static_cast<std::size_t>(lrs.totalSteps));
}

Matrix DaclTrainer::embed(const Matrix& z, int t) const {
    Impl& d = *d_;  // torch modules have no const forward
    checkMatrix(z, "DACL embedding input", static_cast<std::size_t>(d.latentDim));
    if (t < 0 || t > d.diffusion.schedule().steps()) throw std::out_of_range("embed: timestep outside [0, T]");
    torch::NoGradGuard noGrad;  // thread-local: must be set in the thread that runs inference
    d.net->eval();
    auto Z = toTensor(z).to(d.device);
    std::vector<torch::Tensor> parts;
    for (long i = 0; i < Z.size(0); i += 4096) {
        auto zb = Z.slice(0, i, i + 4096);
        auto tt = torch::full({zb.size(0)}, t, torch::TensorOptions().dtype(torch::kInt64).device(d.device));
        parts.push_back(d.net->represent(zb, tt));
    }
    return toMatrix(torch::cat(parts, 0));
}

Matrix DaclTrainer::embed(const Matrix& z, const std::vector<int>& t) const {
    Impl& d = *d_;
    checkMatrix(z, "DACL embedding input", static_cast<std::size_t>(d.latentDim));
    if (t.size() != z.rows) throw std::invalid_argument("embed: one timestep per row needed");
    for (int v : t)
        if (v < 0 || v > d.diffusion.schedule().steps()) throw std::out_of_range("embed: timestep outside [0, T]");
    torch::NoGradGuard noGrad;
    d.net->eval();
    auto Z = toTensor(z).to(d.device);
    std::vector<std::int64_t> steps(t.begin(), t.end());
    auto T = torch::tensor(steps, torch::TensorOptions().dtype(torch::kInt64)).to(d.device);
    std::vector<torch::Tensor> parts;
    for (long i = 0; i < Z.size(0); i += 4096) parts.push_back(d.net->represent(Z.slice(0, i, i + 4096), T.slice(0, i, i + 4096)));
    return toMatrix(torch::cat(parts, 0));
}

std::string DaclTrainer::checkpoint() const {
    const Impl& d = *d_;
    CheckpointState st;
    st.epoch = d.epoch;
    st.step = d.step;
    st.generatorState = d.gen.get_state();
    st.rngState = d.samplerState;
    st.settings = settingsText(d.settings, d.latentDim, d.K);
    for (const auto& e : d.history) {
        st.history.push_back(e.meanLoss);
        st.history.push_back(e.lr);
        st.history.push_back(e.seconds);
    }
    return saveCheckpoint(kCheckpointKind, *d.net, *d.opt, st);
}

void DaclTrainer::restore(const std::string& bytes) {
    Impl& d = *d_;
    const auto kv = KvText::parse(checkpointSettings(kCheckpointKind, bytes));
    if (kv.integer("latent_dim") != d.latentDim || kv.integer("num_classes") != d.K ||
        settingsText(settingsFrom(kv), d.latentDim, d.K) != settingsText(d.settings, d.latentDim, d.K))
        throw std::invalid_argument("checkpoint was made with different settings than this trainer");
    auto st = loadCheckpoint(kCheckpointKind, bytes, *d.net, *d.opt, d.device);
    d.epoch = static_cast<int>(st.epoch);
    d.step = st.step;
    if (st.generatorState.defined()) d.gen.set_state(st.generatorState);
    d.samplerState = st.rngState;
    d.history.clear();
    for (std::size_t i = 0; i + 2 < st.history.size(); i += 3)
        d.history.push_back({static_cast<int>(i / 3), st.history[i], st.history[i + 1], st.history[i + 2]});
}

DaclTrainer DaclTrainer::fromCheckpoint(const std::string& bytes) {
    const auto kv = KvText::parse(checkpointSettings(kCheckpointKind, bytes));
    DaclTrainer t(static_cast<int>(kv.integer("latent_dim")), static_cast<int>(kv.integer("num_classes")),
                  settingsFrom(kv));
    t.restore(bytes);
    return t;
}

}  // namespace dacl::ml
