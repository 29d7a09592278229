#include "core/pipeline/model_settings.h"

namespace dacl::ml {

std::uint64_t derivedSeed(std::uint64_t seed, int fold, std::uint64_t purpose) {
    // SplitMix64 finaliser over the three inputs: well-mixed, platform-independent.
    std::uint64_t z = seed * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(fold + 1) * 0xBF58476D1CE4E5B9ULL +
                      purpose * 0x94D049BB133111EBULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return (z ^ (z >> 31)) & 0x7FFFFFFFFFFFFFFFULL;  // torch seeds are signed
}

VaeSettings vaeSettings(const Settings& s, std::uint64_t seed) {
    VaeSettings v;
    v.hidden1 = static_cast<int>(s.getInt("vae.hidden1"));
    v.hidden2 = static_cast<int>(s.getInt("vae.hidden2"));
    v.latentDim = static_cast<int>(s.getInt("vae.latent"));
    v.beta = s.getDouble("vae.beta");
    v.reconReduction = s.getString("vae.recon");
    v.betaWarmupEpochs = static_cast<int>(s.getInt("vae.warmup_epochs"));
    v.maxEpochs = static_cast<int>(s.getInt("vae.epochs"));
    v.patience = static_cast<int>(s.getInt("vae.patience"));
    v.lr = s.getDouble("vae.lr");
    v.batchSize = static_cast<int>(s.getInt("vae.batch"));
    v.seed = seed;
    v.device = s.getString("device");
    return v;
}

DaclSettings daclSettings(const Settings& s, ContrastiveVariant variant, std::uint64_t seed) {
    DaclSettings d = DaclSettings::forVariant(variant);
    d.encoder.baseWidth = static_cast<int>(s.getInt("encoder.base_channels"));
    d.encoder.projectionDim = static_cast<int>(s.getInt("encoder.proj_dim"));
    d.encoder.positional = s.getBool("encoder.positional");
    // The variant decides conditioning for the baselines; the setting can only switch it off.
    d.encoder.timeConditioning = d.encoder.timeConditioning && s.getBool("encoder.time_conditioning");
    d.schedule.kind = scheduleKindFromString(s.getString("diffusion.schedule"));
    d.schedule.steps = static_cast<int>(s.getInt("diffusion.T"));
    d.schedule.betaStart = s.getDouble("diffusion.beta_start");
    d.schedule.betaEnd = s.getDouble("diffusion.beta_end");
    d.numViews = static_cast<int>(s.getInt("diffusion.views"));
    if (variant != ContrastiveVariant::TMax1000) d.tMax = static_cast<int>(s.getInt("diffusion.t_max"));
    if (variant == ContrastiveVariant::Dacl && s.getString("train.views") == "gaussian")
        d.views = ViewKind::Gaussian;
    d.gaussianSigma = s.getDouble("train.gaussian_sigma");
    d.loss = s.getString("train.loss") == "triplet" ? ContrastiveLossKind::Triplet : ContrastiveLossKind::SupCon;
    d.temperature = s.getDouble("train.temperature");
    d.epochs = static_cast<int>(s.getInt("train.epochs"));
    d.batchSize = static_cast<int>(s.getInt("train.batch"));
    d.stepsPerEpoch = static_cast<int>(s.getInt("train.steps_per_epoch"));
    d.lr = s.getDouble("train.lr");
    d.weightDecay = s.getDouble("train.weight_decay");
    d.warmupEpochs = static_cast<int>(s.getInt("train.warmup_epochs"));
    d.seed = seed;
    d.device = s.getString("device");
    return d;
}

DaeSettings daeSettings(const Settings& s, std::uint64_t seed) {
    DaeSettings d;
    d.codeDim = static_cast<int>(s.getInt("vae.latent")) * 2;
    d.epochs = static_cast<int>(s.getInt("train.epochs"));
    d.batchSize = static_cast<int>(s.getInt("train.batch"));
    d.lr = s.getDouble("train.lr");
    d.weightDecay = s.getDouble("train.weight_decay");
    d.seed = seed;
    d.device = s.getString("device");
    return d;
}

ProbeSettings probeSettings(const Settings& s) {
    ProbeSettings p;
    p.l2 = s.getDouble("probe.l2");
    return p;
}

SequenceTrainSettings sequenceTrainSettings(const Settings& s, const std::string& method, std::uint64_t seed) {
    SequenceTrainSettings t;
    t.width = static_cast<int>(s.getInt("seq.width"));
    t.timeConditioning = s.getBool("encoder.time_conditioning") && method != "no_timestep" && method != "cnn";
    t.projectionDim = static_cast<int>(s.getInt("encoder.proj_dim"));
    t.views = method == "cnn" ? "none" : method == "gaussian_views" ? "gaussian" : s.getString("train.views");
    t.gaussianSigma = s.getDouble("train.gaussian_sigma");
    t.schedule.kind = scheduleKindFromString(s.getString("diffusion.schedule"));
    t.schedule.steps = static_cast<int>(s.getInt("diffusion.T"));
    t.schedule.betaStart = s.getDouble("diffusion.beta_start");
    t.schedule.betaEnd = s.getDouble("diffusion.beta_end");
    t.tMax = method == "tmax1000" ? t.schedule.steps : static_cast<int>(s.getInt("diffusion.t_max"));
    t.numViews = static_cast<int>(s.getInt("diffusion.views"));
    t.crop = s.getDouble("seq.crop");
    t.batch = static_cast<int>(s.getInt("seq.batch"));
    t.balance = s.getDouble("seq.balance");
    t.epochs = static_cast<int>(s.getInt("seq.epochs"));
    t.stepsPerEpoch = static_cast<int>(s.getInt("seq.steps_per_epoch"));
    t.lr = s.getDouble("train.lr");
    t.weightDecay = s.getDouble("train.weight_decay");
    t.warmupEpochs = 1;
    t.temperature = s.getDouble("train.temperature");
    // The CNN baseline trains with cross-entropy only, for as many epochs as DACL's two stages.
    t.finetuneEpochs = static_cast<int>(s.getInt("seq.finetune_epochs")) + (method == "cnn" ? t.epochs : 0);
    t.finetuneLr = method == "cnn" ? t.lr : s.getDouble("seq.finetune_lr");
    t.seed = seed;
    t.device = s.getString("device");
    return t;
}

boosting::BoostSettings boostSettings(const Settings& s, std::uint64_t seed) {
    boosting::BoostSettings b;
    b.rounds = static_cast<int>(s.getInt("boost.rounds"));
    b.maxDepth = static_cast<int>(s.getInt("boost.depth"));
    b.eta = s.getDouble("boost.eta");
    b.seed = seed;
    return b;
}

}  // namespace dacl::ml
