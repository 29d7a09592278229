#pragma once
// The VAE that compresses the pooled scattering feature f ∈ R^{2C} to the latent z0 (method.md §4).
// Torch-free interface (pimpl). MLP encoder 2C → 256 → 128 → (μ, log σ²), mirrored decoder;
// loss = squared error (summed over features, or per element) + β·KL with a linear β warm-up; early stopping on validation reconstruction;
// downstream z0 = μ standardised per dimension with training statistics.
#include "core/common/progress.h"
#include "core/ml/matrix.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace dacl::ml {

class DistributedGroup;

struct VaeSettings {
    int hidden1 = 256;
    int hidden2 = 128;
    int latentDim = 32;          // d
    double beta = 0.01;          // KL weight after warm-up
    // Reconstruction term: "sum" = squared error summed over the input features (the Gaussian
    // log-likelihood, so that β weighs the KL against the whole sample), "mean" = per element.
    std::string reconReduction = "mean";
    int betaWarmupEpochs = 10;   // β rises linearly over these epochs (0 = no warm-up)
    int maxEpochs = 60;
    int patience = 8;            // epochs without validation improvement before stopping
    int batchSize = 256;         // rows per step; per rank when trained data-parallel
    double lr = 1e-3;            // Adam(W)
    double weightDecay = 0.0;
    double validationFraction = 0.15;  // used when fit() gets no validation matrix
    bool standardiseInput = true;      // z-score each input column with training statistics
    std::uint64_t seed = 1;
    std::string device = "auto";       // auto | cpu | cuda
};

struct VaeEpoch {
    int epoch = 0;            // 0-based
    double beta = 0.0;        // β used in this epoch
    double trainLoss = 0.0;   // mean of MSE + β·KL over the epoch's batches
    double trainRecon = 0.0;  // mean MSE per element
    double trainKl = 0.0;     // mean KL per sample (summed over latent dimensions)
    double valRecon = 0.0;    // MSE of decode(μ) on validation, per element
    bool best = false;        // best validation so far (the state kept)
    double seconds = 0.0;
};

struct VaeReport {
    std::vector<VaeEpoch> epochs;
    int bestEpoch = -1;
    double bestValRecon = 0.0;
    bool stoppedEarly = false;
};

class Vae {
public:
    Vae(int inputDim, const VaeSettings& settings = {});
    ~Vae();
    Vae(Vae&&) noexcept;
    Vae& operator=(Vae&&) noexcept;

    // Trains on `train` (rows = samples). `validation` may be empty: then a seeded random
    // validationFraction of the rows is held out. Early stopping considers epochs from the end
    // of the β warm-up on (before that the objective itself is still changing); the parameters of
    // the best such epoch are kept. Then the latent mean/std are computed on all of `train`.
    // onEpoch is called after every epoch; progress may be null; throws Cancelled.
    // Trains data-parallel with the other ranks of `group` (null: alone), as SequenceTrainer does:
    // every rank needs the same rows and settings; each step every rank takes its shard (every
    // world-size-th row) of the same global batch of batchSize x world size rows, and the
    // gradients are all-reduced, so the ranks keep the weights one process with the global batch
    // would train. The epoch's losses are the global batches'; rank 0's validation error decides.
    void setDistributed(std::shared_ptr<DistributedGroup> group);

    VaeReport fit(const Matrix& train, const Matrix& validation = {},
                  const std::function<void(const VaeEpoch&)>& onEpoch = {},
                  ProgressSink* progress = nullptr);

    bool fitted() const;
    int inputDim() const;
    int latentDim() const;
    std::int64_t parameterCount() const;
    const VaeSettings& settings() const;

    Matrix encodeMean(const Matrix& x) const;   // raw μ
    Matrix encode(const Matrix& x) const;       // z0 = (μ − mean)/std, the DACL input
    Matrix reconstruct(const Matrix& x) const;  // decode(μ), in input units
    // σ = exp(½ log σ²) of q(z | x), in the standardised units of encode() (σ / latent std).
    Matrix encodeStd(const Matrix& x) const;
    // The decoder applied to standardised latents z (as encode() returns them), in input units:
    // decode(encode(x)) == reconstruct(x).
    Matrix decode(const Matrix& z) const;
    std::vector<float> latentMean() const;
    std::vector<float> latentStd() const;

    std::string toBytes() const;
    static Vae fromBytes(const std::string& bytes);

private:
    struct Impl;
    std::unique_ptr<Impl> d_;
};

}  // namespace dacl::ml
