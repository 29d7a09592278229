#pragma once
// t-distributed stochastic neighbour embedding into 2-D (van der Maaten & Hinton 2008), with
// the Barnes-Hut approximation for large inputs (van der Maaten 2014). Plain C++17.
//
// Methods: "exact" (dense P over all pairs, O(n^2) per iteration, n <= 5000), "bh" (sparse P on
// the 3*perplexity nearest neighbours, Barnes-Hut repulsion with theta 0.4, O(n log n) per
// iteration), "auto" (exact up to 1000 points, bh above).
// Optimisation as in the papers and scikit-learn: gradient descent with momentum 0.5 during the
// early-exaggeration phase and 0.8 after, per-coordinate gains (+0.2 / x0.8, at least 0.01),
// learning rate 'auto' = max(n / earlyExaggeration / 4, 50), PCA initialisation scaled so the
// first coordinate has standard deviation 1e-4. The layout is re-centred every iteration.
//
// Deterministic: the same input and settings give bit-identical output for any thread count
// (per-point work, reductions in a fixed order). The seed only matters for a random
// initialisation (pcaInit = false, or data with fewer than 2 columns / no spread).
#include "core/common/progress.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace dacl::embed {

struct TsneSettings {
    double perplexity = 30;
    int iterations = 1000;                // total, including the exaggeration phase
    double earlyExaggeration = 12;
    int exaggerationIterations = 250;
    double learningRate = 0;              // 0 = 'auto' as scikit-learn: max(N/EE/4, 50)
    std::uint64_t seed = 0;
    std::string method = "auto";          // "exact", "bh" or "auto"
    int threads = 0;                      // 0 = all cores
    bool pcaInit = true;
    int snapshotEvery = 0;                // 0 = no snapshots
    // Resuming (e.g. after a pause): start from this layout (n*2) instead of PCA/random, with the
    // schedule (exaggeration, momentum) continuing at iteration startIteration < iterations.
    // Gains and momentum restart from rest. Empty: a fresh run.
    std::vector<double> initialXy;
    int startIteration = 0;
};

struct TsneResult {
    std::vector<double> xy;               // n*2, row-major, input order
    double klDivergence = 0;              // KL(P || Q) of the final layout (see tsne())
    int iterations = 0;
    std::string method;                   // the method used ("exact" or "bh")
};

// Called from the computing thread every snapshotEvery iterations and after the last one (for
// live display). `xy` is only valid during the call. kl is KL(P||Q) with the un-exaggerated P of
// the layout one step before `xy` (it comes free with that step's gradient; Z from the method's
// own approximation), so it lags the picture by one iteration.
using TsneSnapshot = std::function<void(int iteration, const std::vector<double>& xy, double kl)>;

// data: n x dim, row-major, finite. Requires n >= 2 and 0 < perplexity < n. Throws
// std::invalid_argument on bad input or settings, Cancelled when progress.cancelled(); reports
// the stages "nearest neighbours", "affinities" and "t-SNE" (done = iterations so far).
// The final KL divergence is sum p_ij log(p_ij / q_ij) over the pairs of P (all pairs for
// "exact", the neighbour graph for "bh", as scikit-learn's kl_divergence_) with Z summed
// exactly over all pairs for n <= 20000 (Barnes-Hut above).
TsneResult tsne(const std::vector<double>& data, std::size_t n, std::size_t dim, const TsneSettings& s,
                ProgressSink& progress, const TsneSnapshot& snapshot = {});

// KL(P || Q) of a given layout xy (n x 2) under the P that tsne() would use with these settings
// (perplexity, method, threads), computed as for TsneResult::klDivergence. For comparing
// layouts from elsewhere on equal terms.
double tsneKlDivergence(const std::vector<double>& data, std::size_t n, std::size_t dim,
                        const std::vector<double>& xy, const TsneSettings& s, ProgressSink& progress);

// The method "auto" resolves to for n points.
std::string resolveTsneMethod(const std::string& method, std::size_t n);

}  // namespace dacl::embed
