#pragma once
// Scattering Transformer (method.md §3): training-free contextualisation of scattering frames.
//
// The T' frames of a log-scattering window are tokens of dimension C (the paths). With L >= 1:
//   X = tokens + sinusoidal positional encoding (Vaswani et al.: PE[t][2i] = sin(t / b^(2i/C)),
//       PE[t][2i+1] = cos(t / b^(2i/C)), b = 10000),
//   then L times:  A = softmax(X Xᵀ / √C) (row-wise),  X ← LayerNorm(X + A X)
//   (LayerNorm per token over its C values, biased variance, eps 1e-5, no affine parameters).
// Pooling: f = [mean over tokens ; standard deviation over tokens] ∈ R^{2C}, the population
// standard deviation (divide by T'), so that a single token gives std 0 rather than NaN.
//
// L = 0 is "plain pooled scattering": the positional encoding belongs to the attention stage,
// so with L = 0 nothing is added and f is exactly the mean and std of the log-scattering tokens.
//
// No learned weights: the same input always gives the same feature. Inputs must be finite.
// Thread-safe: one object may serve many threads.
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace dacl::dsp {

struct ScatteringTransformerConfig {
    int layers = 1;                 // L >= 0
    double layerNormEps = 1e-5;
    double positionalBase = 10000.0;
};

class ScatteringTransformer {
public:
    explicit ScatteringTransformer(const ScatteringTransformerConfig& config = {});
    ScatteringTransformer(const ScatteringTransformer&) = delete;
    ScatteringTransformer& operator=(const ScatteringTransformer&) = delete;
    const ScatteringTransformerConfig& config() const { return cfg_; }

    // tokens: T x C, row-major (token-major). Returns the contextualised tokens (T x C). When
    // `attention` is given it receives one T x T row-stochastic matrix per layer.
    std::vector<double> forward(const double* tokens, int T, int C,
                                std::vector<std::vector<double>>* attention = nullptr) const;

    // forward() followed by mean/std pooling: 2C values.
    std::vector<double> pooled(const double* tokens, int T, int C) const;

private:
    // The encoding for (T, C), computed once: sin/cos of every token costs more than a layer.
    const std::vector<double>& encoding(int T, int C) const;

    ScatteringTransformerConfig cfg_;
    mutable std::mutex peMutex_;
    mutable std::map<std::pair<int, int>, std::unique_ptr<const std::vector<double>>> pe_;
};

// Tokens from a scattering output S (nPaths x nFrames, as Scattering1D writes it):
// tokens[t][c] = log(|S[c][t]| + eps), nFrames x nPaths. Orders >= 1 are non-negative, so the
// magnitude only matters for the order-0 row, a local mean of the signal that can be negative
// (log of a negative number would be NaN); its magnitude is what the feature keeps.
std::vector<double> logScatteringTokens(const double* S, int nPaths, int nFrames, double eps);
std::vector<double> logScatteringTokens(const float* S, int nPaths, int nFrames, double eps);

// The positional encoding added to T tokens of dimension C (T x C).
std::vector<double> sinusoidalPositionalEncoding(int T, int C, double base = 10000.0);

// [mean over rows ; population std over rows] of a T x C matrix: 2C values.
std::vector<double> meanStdPool(const double* X, int T, int C);

}  // namespace dacl::dsp
