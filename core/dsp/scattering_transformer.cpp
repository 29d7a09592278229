#include "core/dsp/scattering_transformer.h"

#include "core/dsp/attention_kernels.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace dacl::dsp {

namespace {

void checkShape(int T, int C) {
    if (T < 1 || C < 1)
        throw std::invalid_argument("scattering transformer: need at least one token of dimension >= 1 (got " +
                                    std::to_string(T) + " x " + std::to_string(C) + ")");
}

// LayerNorm of each row (over its C values), no affine parameters.
void layerNormRows(std::vector<double>& X, int T, int C, double eps) {
    for (int t = 0; t < T; ++t) {
        double* x = X.data() + static_cast<std::size_t>(t) * C;
        double mean = 0;
        for (int c = 0; c < C; ++c) mean += x[c];
        mean /= C;
        double var = 0;
        for (int c = 0; c < C; ++c) var += (x[c] - mean) * (x[c] - mean);
        var /= C;
        const double inv = 1.0 / std::sqrt(var + eps);
        for (int c = 0; c < C; ++c) x[c] = (x[c] - mean) * inv;
    }
}

template <class T> std::vector<double> tokensFrom(const T* S, int nPaths, int nFrames, double eps) {
    checkShape(nFrames, nPaths);
    std::vector<double> tok(static_cast<std::size_t>(nFrames) * nPaths);
    for (int c = 0; c < nPaths; ++c)
        for (int t = 0; t < nFrames; ++t)
            tok[static_cast<std::size_t>(t) * nPaths + c] =
                std::log(std::abs(static_cast<double>(S[static_cast<std::size_t>(c) * nFrames + t])) + eps);
    return tok;
}

}  // namespace

ScatteringTransformer::ScatteringTransformer(const ScatteringTransformerConfig& config) : cfg_(config) {
    if (cfg_.layers < 0) throw std::invalid_argument("scattering transformer: layers must be >= 0");
    if (!(cfg_.layerNormEps > 0)) throw std::invalid_argument("scattering transformer: LayerNorm eps must be > 0");
}

namespace {

// Scratch of one thread, reused from span to span: a 288-frame layer needs a 660-KB attention
// matrix, and allocating it per span cost more in page faults than the arithmetic.
struct Scratch {
    std::vector<double> A, AX, XT;
};
Scratch& scratch() {
    thread_local Scratch s;
    return s;
}

}  // namespace

std::vector<double> ScatteringTransformer::forward(const double* tokens, int T, int C,
                                                   std::vector<std::vector<double>>* attention) const {
    checkShape(T, C);
    const std::size_t n = static_cast<std::size_t>(T) * C;
    std::vector<double> X(tokens, tokens + n);
    if (attention) attention->clear();
    if (cfg_.layers == 0) return X;

    const auto& pe = encoding(T, C);
    for (std::size_t i = 0; i < n; ++i) X[i] += pe[i];

    const double scale = 1.0 / std::sqrt(static_cast<double>(C));
    std::vector<double>& A = scratch().A;
    std::vector<double>& AX = scratch().AX;
    std::vector<double>& XT = scratch().XT;
    A.resize(static_cast<std::size_t>(T) * T);
    AX.resize(n);
    XT.resize(n);
    for (int layer = 0; layer < cfg_.layers; ++layer) {
        // A = softmax(X Xᵀ / √C), each row shifted by its maximum for stability.
        for (int t = 0; t < T; ++t)
            for (int c = 0; c < C; ++c) XT[static_cast<std::size_t>(c) * T + t] = X[static_cast<std::size_t>(t) * C + c];
        kernels::gram(X.data(), XT.data(), T, C, A.data());
        for (int i = 0; i < T; ++i) kernels::softmaxRow(A.data() + static_cast<std::size_t>(i) * T, T, scale);
        // X <- LayerNorm(X + A X)
        kernels::attend(A.data(), X.data(), T, C, AX.data());
        for (std::size_t i = 0; i < n; ++i) X[i] += AX[i];
        layerNormRows(X, T, C, cfg_.layerNormEps);
        if (attention) attention->push_back(A);
    }
    return X;
}

const std::vector<double>& ScatteringTransformer::encoding(int T, int C) const {
    std::lock_guard<std::mutex> lock(peMutex_);
    auto& slot = pe_[{T, C}];
    if (!slot) slot = std::make_unique<const std::vector<double>>(sinusoidalPositionalEncoding(T, C, cfg_.positionalBase));
    return *slot;
}

std::vector<double> ScatteringTransformer::pooled(const double* tokens, int T, int C) const {
    const auto X = forward(tokens, T, C);
    return meanStdPool(X.data(), T, C);
}

std::vector<double> logScatteringTokens(const double* S, int nPaths, int nFrames, double eps) {
    return tokensFrom(S, nPaths, nFrames, eps);
}
std::vector<double> logScatteringTokens(const float* S, int nPaths, int nFrames, double eps) {
    return tokensFrom(S, nPaths, nFrames, eps);
}

std::vector<double> sinusoidalPositionalEncoding(int T, int C, double base) {
    checkShape(T, C);
    std::vector<double> pe(static_cast<std::size_t>(T) * C);
    for (int t = 0; t < T; ++t) {
        for (int c = 0; c < C; ++c) {
            const int i2 = c - c % 2;  // 2i
            const double angle = t / std::pow(base, static_cast<double>(i2) / C);
            pe[static_cast<std::size_t>(t) * C + c] = c % 2 == 0 ? std::sin(angle) : std::cos(angle);
        }
    }
    return pe;
}

std::vector<double> meanStdPool(const double* X, int T, int C) {
    checkShape(T, C);
    std::vector<double> f(2 * static_cast<std::size_t>(C), 0.0);
    for (int t = 0; t < T; ++t)
        for (int c = 0; c < C; ++c) f[c] += X[static_cast<std::size_t>(t) * C + c];
    for (int c = 0; c < C; ++c) f[c] /= T;
    for (int t = 0; t < T; ++t)
        for (int c = 0; c < C; ++c) {
            const double d = X[static_cast<std::size_t>(t) * C + c] - f[c];
            f[C + c] += d * d;
        }
    for (int c = 0; c < C; ++c) f[C + c] = std::sqrt(f[C + c] / T);
    return f;
}

}  // namespace dacl::dsp
