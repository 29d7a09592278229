#pragma once
// L2-regularised logistic-regression probe on frozen embeddings (method.md §8). Torch-free
// interface. Binary (K = 2: one logit) or multinomial (K > 2: softmax). Inputs are standardised
// with the training mean/std inside the probe; class-balanced sample weights; full-batch L-BFGS
// (strong Wolfe) in double precision from zero weights, so a fit is deterministic.
#include "core/ml/matrix.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dacl::ml {

struct ProbeSettings {
    double l2 = 1e-3;           // λ in  mean_w CE + λ/2·‖W‖² (bias not penalised)
    int maxIterations = 500;    // L-BFGS iterations
    double tolerance = 1e-7;    // stop when the max |gradient| falls below this
    bool balanceClasses = true; // weight w_c = N / (K·n_c)
    bool standardise = true;    // z-score inputs with training statistics
};

struct ProbeReport {
    int iterations = 0;        // L-BFGS function evaluations used
    double finalLoss = 0.0;    // objective at the solution
    double gradientNorm = 0.0; // max |∂/∂θ| at the solution
};

class LogisticProbe {
public:
    explicit LogisticProbe(const ProbeSettings& settings = {});
    ~LogisticProbe();
    LogisticProbe(LogisticProbe&&) noexcept;
    LogisticProbe& operator=(LogisticProbe&&) noexcept;

    // labels in [0, numClasses), every class present.
    ProbeReport fit(const Matrix& x, const std::vector<int>& labels, int numClasses);
    bool fitted() const;
    int numClasses() const;
    int inputDim() const;

    // [N, K] class probabilities (binary: columns P(0), P(1)).
    Matrix predictProba(const Matrix& x) const;
    // P(class `positive`) per row.
    std::vector<float> predictPositive(const Matrix& x, int positive = 1) const;

    // The fitted model as logits = ((x − mean) / std) · W + b, with K logit columns (binary: the
    // logit of class 0 is 0), e.g. to start a network's linear head from the probe.
    struct Linear {
        std::vector<double> mean, std;  // D (identity when the probe does not standardise)
        Matrix W;                       // D x K
        std::vector<double> b;          // K
    };
    Linear linear() const;

    std::string toBytes() const;
    static LogisticProbe fromBytes(const std::string& bytes);

private:
    struct Impl;
    std::unique_ptr<Impl> d_;
};

}  // namespace dacl::ml
