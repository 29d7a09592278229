#pragma once
// Gradient-boosted trees (XGBoost, histogram method) as a plain classifier: fit on a dense
// row-major float matrix, predict class probabilities, serialise to bytes.
// XGBoost stays behind a pimpl: this header includes no XGBoost, Qt or torch header.
//
// Missing values: NaN in a feature matrix means "missing"; every tree has a learned default
// direction for it. ±inf is rejected by XGBoost (std::runtime_error).
// Determinism: the same data, settings and seed give bit-identical predictions (seed and thread
// count are set explicitly; the histogram method sums in a fixed order).
// Thread safety: predictProba() on one fitted model may be called from several threads.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dacl::boosting {

struct BoostSettings {
    int rounds = 400;               // boosting rounds (trees per class); the upper bound with early stopping
    int maxDepth = 4;
    double eta = 0.05;              // learning rate
    double subsample = 0.8;         // row fraction per tree (random, driven by seed)
    double colsampleByTree = 0.8;   // feature fraction per tree (random, driven by seed)
    double minChildWeight = 1;
    double lambda = 1;              // L2 on leaf weights
    // Binary: scale_pos_weight = negatives / positives. Multi-class: each training row weighs
    // rows / (numClasses · rows of its class). The validation set (early stopping) is weighted
    // the same way from its own class counts, so the stopping metric matches the training loss.
    bool balanceClasses = true;
    // Stop when the validation log-loss has not improved for this many rounds, and predict with
    // the best round. Only when a validation set is given to fit(); 0 = off.
    int earlyStoppingRounds = 40;
    int threads = 1;                // XGBoost's nthread, for fit and predict
    // XGBoost's seed is 32-bit: the high half is folded into the low half (seeds below 2^32 are
    // passed unchanged, so they match XGBoost's own seed).
    std::uint64_t seed = 1;
};

class GradientBoosting {
public:
    explicit GradientBoosting(BoostSettings settings = {});
    ~GradientBoosting();
    GradientBoosting(GradientBoosting&&) noexcept;
    GradientBoosting& operator=(GradientBoosting&&) noexcept;
    GradientBoosting(const GradientBoosting&) = delete;
    GradientBoosting& operator=(const GradientBoosting&) = delete;

    // X: rows × cols, row-major, NaN = missing. labels[i] in [0, numClasses), numClasses >= 2.
    // Optional validation set (same cols) for early stopping: valX is valRows × cols.
    // Replaces any previous fit. Bad arguments: std::invalid_argument; XGBoost errors:
    // std::runtime_error with XGBoost's message.
    void fit(const float* X, std::size_t rows, std::size_t cols, const std::vector<int>& labels,
             int numClasses, const float* valX = nullptr, std::size_t valRows = 0,
             const std::vector<int>* valLabels = nullptr);

    // rows × numClasses probabilities, row-major (binary: 2 columns, P(0) and P(1)); each row
    // sums to 1. cols must equal fit()'s (std::invalid_argument otherwise); NaN = missing.
    // Uses the trees up to bestIteration(). Before fit: std::logic_error.
    std::vector<double> predictProba(const float* X, std::size_t rows, std::size_t cols) const;

    bool fitted() const;
    int numClasses() const;     // 0 before fit
    std::size_t numFeatures() const;  // 0 before fit
    // 0-based round whose trees predictProba() uses last (the best validation round with early
    // stopping, otherwise the last round trained); -1 before fit.
    int bestIteration() const;
    int roundsTrained() const;  // rounds actually boosted (< rounds when early stopping fired)
    const BoostSettings& settings() const;

    // The fitted model: our header (classes, features, best round, settings, a checksum) and
    // XGBoost's UBJSON model. fromBytes() throws std::invalid_argument on bytes that are not such
    // a model or are damaged, std::runtime_error if XGBoost rejects the model.
    std::string toBytes() const;
    static GradientBoosting fromBytes(const std::string& bytes);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace dacl::boosting
