#pragma once
// Synthetic latents for the ML tests: Gaussian blobs per class in d dimensions.
#include "core/eval/metrics.h"
#include "core/ml/matrix.h"

#include <cmath>

#include <random>
#include <vector>

namespace dacl::ml::testdata {

struct Labelled {
    Matrix z;
    std::vector<int> y;
};

// K classes, n rows each (interleaved), centres at distance ~`separation` apart (random
// directions from `centreSeed`), isotropic unit noise from `seed`.
inline Labelled blobs(int K, std::size_t nPerClass, std::size_t d, double separation, unsigned seed,
                      unsigned centreSeed = 42) {
    std::mt19937 crng(centreSeed), rng(seed);
    std::normal_distribution<double> N01;
    std::vector<std::vector<double>> centre(static_cast<std::size_t>(K), std::vector<double>(d));
    for (auto& c : centre) {
        double norm = 0;
        for (auto& v : c) { v = N01(crng); norm += v * v; }
        for (auto& v : c) v *= separation / std::sqrt(2.0 * norm);  // |c_i − c_j| ≈ separation
    }
    Labelled out{Matrix(nPerClass * static_cast<std::size_t>(K), d), {}};
    for (std::size_t i = 0; i < out.z.rows; ++i) {
        const int k = static_cast<int>(i % static_cast<std::size_t>(K));
        out.y.push_back(k);
        for (std::size_t j = 0; j < d; ++j)
            out.z(i, j) = static_cast<float>(centre[static_cast<std::size_t>(k)][j] + N01(rng));
    }
    return out;
}

// One-vs-rest AUROC of the probe's P(positive) with the project's metric (core/eval).
inline double aurocOneVsRest(const Matrix& proba, const std::vector<int>& y, int positive) {
    std::vector<double> score(proba.rows);
    std::vector<int> bin(proba.rows);
    for (std::size_t i = 0; i < proba.rows; ++i) {
        score[i] = proba(i, static_cast<std::size_t>(positive));
        bin[i] = y[i] == positive ? 1 : 0;
    }
    return dacl::eval::auroc(score, bin);
}

}  // namespace dacl::ml::testdata
