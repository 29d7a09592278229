#pragma once
// Denoising-autoencoder embedding, a baseline (method.md §9.4). Torch-free interface (pimpl).
// A small MLP input → hidden → code → hidden → input, trained to reconstruct the clean input from
// x + σ·ε (inputs z-scored with training statistics); the embedding is the code of the clean input.
// Unsupervised, like the published baseline.
#include "core/common/progress.h"
#include "core/ml/matrix.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace dacl::ml {

struct DaeSettings {
    int hidden = 256;
    int codeDim = 64;
    double noiseSigma = 0.5;   // corruption std in standardised input units
    int epochs = 30;
    int batchSize = 256;
    double lr = 1e-3;
    double weightDecay = 1e-4;
    bool standardiseInput = true;
    std::uint64_t seed = 1;
    std::string device = "auto";
};

struct DaeEpoch {
    int epoch = 0;
    double loss = 0.0;  // mean reconstruction MSE of the clean input
    double seconds = 0.0;
};

class DenoisingAutoencoder {
public:
    DenoisingAutoencoder(int inputDim, const DaeSettings& settings = {});
    ~DenoisingAutoencoder();
    DenoisingAutoencoder(DenoisingAutoencoder&&) noexcept;
    DenoisingAutoencoder& operator=(DenoisingAutoencoder&&) noexcept;

    void fit(const Matrix& x, const std::function<void(const DaeEpoch&)>& onEpoch = {},
             ProgressSink* progress = nullptr);
    Matrix embed(const Matrix& x) const;  // [N, codeDim]
    double reconstructionError(const Matrix& x, double noiseSigma, std::uint64_t seed) const;
    int inputDim() const;
    int embeddingDim() const;
    std::int64_t parameterCount() const;

    std::string toBytes() const;
    static DenoisingAutoencoder fromBytes(const std::string& bytes);

private:
    struct Impl;
    std::unique_ptr<Impl> d_;
};

}  // namespace dacl::ml
