#pragma once
// What the probe sees: a representation of the pooled Scattering-Transformer features, learned
// on the training records of one fold. DACL and every baseline of method.md §9 are one of these,
// so that all of them run under exactly the same folds, probe and scoring.
#include "core/common/progress.h"
#include "core/common/settings.h"
#include "core/ml/diffusion_schedule.h"
#include "core/ml/distributed.h"
#include "core/ml/matrix.h"
#include "core/ml/row_view.h"
#include "core/ml/vae.h"

#include <functional>
#include <map>
#include <random>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dacl::ml {

// The VAE of one fold. DACL, vae_lr and the contrastive baselines fit the very same VAE there
// (same training windows, settings and seed): the first method fits it, the others load it.
struct SharedVae {
    std::uint64_t seed = 0;        // what it was fitted with and on
    std::size_t rows = 0;
    std::string bytes;             // empty until fitted
    std::vector<VaeEpoch> epochs;  // its curves, replayed into each method's run
    int inputDim = 0;              // its input width (a method may feed it other columns)
};

// Per-epoch curves and checkpoints leave a representation through these hooks.
struct FitHooks {
    // (series, epoch, step or -1, value): "vae.train_loss", "dacl.loss", "dacl.lr", ...
    std::function<void(const std::string&, int, long long, double)> onMetric;
    // Called after every encoder epoch with a checkpoint that resumes training exactly.
    std::function<void(int epoch, const std::string& bytes)> onCheckpoint;
    // When set, training continues from this checkpoint instead of starting over.
    std::optional<std::string> resumeFrom;
    ProgressSink* progress = nullptr;
    std::string stagePrefix;  // e.g. "fold 2/5: " for progress messages
    SharedVae* sharedVae = nullptr;  // the fold's VAE, shared between methods (may be null)
    // Labels of the validation rows: the sequence models choose epochs and stages on them.
    const std::vector<int>* validationLabels = nullptr;
    // The ranks a distributed run trains its frame VAE and encoder with (null: this process alone).
    std::shared_ptr<DistributedGroup> distributed;
};

class Representation {
public:
    virtual ~Representation() = default;
    virtual std::string method() const = 0;
    // Fits on training windows; `validation` (held-out training records) drives early stopping.
    // The rows are read in place (views of the fold's records in the feature table; a Matrix
    // converts to a view of all its rows).
    virtual void fit(const RowView& train, const std::vector<int>& labels, int numClasses,
                     const RowView& validation, const FitHooks& hooks) = 0;
    virtual Matrix embed(const RowView& features) const = 0;

    // Latent methods (VAE based) expose z0 and the embedding of a noisy latent z_t, for the
    // "probe given z_t" robustness check. Others return false / throw.
    virtual bool hasLatent() const { return false; }
    virtual Matrix latent(const RowView& features) const;
    virtual Matrix embedLatent(const Matrix& z, int t) const;
    // Row i at timestep t[i] (default: one embedLatent call per row).
    virtual Matrix embedLatentAt(const Matrix& z, const std::vector<int>& t) const;
    virtual std::vector<double> noiseScaleAt(const std::vector<int>& t) const;  // √(1−ᾱ_t)
    // For the desktop views and `RunModel`: σ of q(z | f) in the same standardised units as
    // latent(), the VAE decoder from those units back to features, and the diffusion schedule
    // the encoder was trained with (nullopt for methods without diffusion views).
    virtual Matrix latentStd(const RowView& features) const;
    virtual Matrix decodeLatent(const Matrix& z) const;
    virtual std::optional<ScheduleSettings> diffusionSchedule() const { return std::nullopt; }
    // z_t = √(1−σ²)·z0 + σ·ε of latent() rows (sequence latents keep their layout header).
    virtual Matrix noisyLatent(const Matrix& z0, double sigma, std::mt19937_64& rng) const;
    // Per-fold facts worth storing with the fold's results (e.g. which stage scored).
    virtual std::map<std::string, double> foldFacts() const { return {}; }
    // Models trained in more than one stage (sequence DACL: "probe", "finetuned") list them and
    // switch embed() between them, so that every stage can be reported on test; the stage that
    // scores a fold is still the one chosen on validation.
    virtual std::vector<std::string> stages() const { return {}; }
    virtual std::string stage() const { return {}; }
    virtual void useStage(const std::string&) {}

    virtual std::string toBytes() const = 0;
};

// Method names: "dacl" and the baselines "st_lr", "vae_lr", "gaussian_views", "dae",
// "no_timestep", "tmax1000"; with repr = sequence also "cnn", "rr_xgb", "rra_xgb", "st_xgb",
// "dacl_no_rhythm" (and not "dae").
const std::vector<std::string>& methodNames();
const std::vector<std::string>& baselineNames();
// The baselines that run with the settings' representation (what `--baselines all` means).
std::vector<std::string> baselinesFor(const Settings& settings);
std::string methodDescription(const std::string& method);
std::unique_ptr<Representation> makeRepresentation(const std::string& method, const Settings& settings,
                                                   std::uint64_t seed);
std::unique_ptr<Representation> loadRepresentation(const std::string& method, const Settings& settings,
                                                   const std::string& bytes);

}  // namespace dacl::ml
