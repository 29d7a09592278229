#pragma once
// DACL contrastive training of the U-Net encoder on standardised VAE latents (method.md §5–7),
// and the contrastive baselines of §9 behind settings. Torch-free interface (pimpl).
//
// Every training sample contributes its clean anchor (t = 0) and V noisy views; batches are
// class-balanced; loss SupCon (or batch-hard triplet); AdamW with linear warm-up then cosine
// decay per optimiser step. On the CPU a run is a pure function of (settings, data, thread
// count): same seed → identical loss sequence. Inference: embed(z0) = h of encoder(z0, t = 0).
#include "core/common/progress.h"
#include "core/ml/diffusion_schedule.h"
#include "core/ml/encoder_settings.h"
#include "core/ml/matrix.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace dacl::ml {

enum class ViewKind {
    Diffusion,  // z_t ~ q(z_t | z0), t ~ U{1..tMax} (DACL)
    Gaussian,   // z0 + σ·ε (baseline §9.3)
};
enum class ContrastiveLossKind { SupCon, Triplet };

// The contrastive embeddings the protocol compares (method.md §9).
enum class ContrastiveVariant {
    Dacl,           // diffusion views, t_max = 100, time-conditioned encoder
    GaussianViews,  // z0 + σ·ε views, encoder without time conditioning
    NoTimestep,     // diffusion views, encoder without time conditioning
    TMax1000,       // diffusion views with t_max = 1000
};
std::string toString(ContrastiveVariant v);               // "dacl", "gaussian_views", "no_timestep", "tmax1000"
ContrastiveVariant contrastiveVariantFromString(const std::string& name);

struct DaclSettings {
    EncoderSettings encoder;
    ScheduleSettings schedule;     // linear 1e-4 → 0.02, T = 1000
    ViewKind views = ViewKind::Diffusion;
    int numViews = 2;              // V noisy views per sample (plus the clean anchor)
    int tMax = 100;
    double gaussianSigma = 0.2;    // Gaussian views: RMS of the diffusion noise std over t ∈ 1..100 (0.19)
    ContrastiveLossKind loss = ContrastiveLossKind::SupCon;
    double temperature = 0.1;      // SupCon τ
    double tripletMargin = 0.2;
    int epochs = 20;
    int batchSize = 256;           // samples per batch (each gives 1 + V rows)
    int stepsPerEpoch = 0;         // > 0: an epoch is that many batches (a random balanced subset)
    double lr = 1e-3;
    double weightDecay = 1e-4;
    int warmupEpochs = 2;          // linear lr warm-up (capped below the total step count)
    double minLr = 0.0;            // lr at the last step
    std::uint64_t seed = 1;
    std::string device = "auto";   // auto | cpu | cuda

    // Defaults for a variant (the DACL defaults with the variant's differences applied).
    static DaclSettings forVariant(ContrastiveVariant v);
};

struct TrainStep {
    int epoch = 0;            // 0-based
    std::int64_t step = 0;    // optimiser step, 0-based, counted over the whole run
    std::int64_t totalSteps = 0;
    double loss = 0.0;
    double lr = 0.0;
};

struct TrainEpoch {
    int epoch = 0;            // 0-based
    double meanLoss = 0.0;
    double lr = 0.0;          // at the epoch's last step
    double seconds = 0.0;
};

struct TrainCallbacks {
    std::function<void(const TrainStep&)> onStep;
    // Called after each completed epoch; checkpoint() may be called from here.
    std::function<void(const TrainEpoch&)> onEpoch;
};

class DaclTrainer {
public:
    DaclTrainer(int latentDim, int numClasses, const DaclSettings& settings = {});
    ~DaclTrainer();
    DaclTrainer(DaclTrainer&&) noexcept;
    DaclTrainer& operator=(DaclTrainer&&) noexcept;

    // Trains epochs [epochsDone(), untilEpoch) (untilEpoch < 0: settings.epochs) on z0 (rows =
    // samples, standardised latents) with labels in [0, numClasses). After a restore, pass the same
    // data to continue the same run. Throws Cancelled (state then is mid-epoch: resume from the
    // last checkpoint), std::invalid_argument for bad input.
    void train(const Matrix& z0, const std::vector<int>& labels, const TrainCallbacks& callbacks = {},
               ProgressSink* progress = nullptr, int untilEpoch = -1);

    int epochsDone() const;
    const std::vector<TrainEpoch>& history() const;

    // h = [GAP(bottleneck); GAP(output)] of encoder(z, t) for every row, without gradients
    // (NoGradGuard in the calling thread). t = 0 is the DACL inference embedding.
    Matrix embed(const Matrix& z, int t = 0) const;
    // The same with its own timestep per row (t.size() == z.rows): one batched pass, e.g. one
    // latent at every t = 0..T for the desktop's diffusion view.
    Matrix embed(const Matrix& z, const std::vector<int>& t) const;
    int embeddingDim() const;
    int latentDim() const;
    int numClasses() const;
    std::int64_t parameterCount() const;
    std::string device() const;  // "cpu" or "cuda:0"
    const DaclSettings& settings() const;

    // Everything needed to continue or to use the model: settings, encoder, optimizer, epoch,
    // step, RNG states (torch generator and batch sampler), epoch history.
    std::string checkpoint() const;
    // Into a trainer constructed with the same latentDim/numClasses/settings.
    void restore(const std::string& checkpointBytes);
    // A trainer rebuilt from the settings stored in the checkpoint.
    static DaclTrainer fromCheckpoint(const std::string& checkpointBytes);

private:
    struct Impl;
    std::unique_ptr<Impl> d_;
};

}  // namespace dacl::ml
