#include "core/embed/tsne.h"

#include "core/embed/affinities.h"
#include "core/embed/knn.h"
#include "core/embed/parallel.h"
#include "core/embed/pca.h"
#include "core/embed/repulsion.h"
#include "core/eval/random.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <stdexcept>

namespace dacl::embed {

namespace {

constexpr std::size_t kExactMax = 5000;       // dense P: n^2 doubles
constexpr std::size_t kAutoExactMax = 1000;   // "auto" uses exact t-SNE up to here
constexpr std::size_t kExactZMax = 20000;     // final KL: exact Z over all pairs up to here
// Barnes-Hut accuracy. scikit-learn's default angle is 0.5; 0.4 costs ~15 % more per iteration
// and gave a lower final KL on 8,528 x 50 inputs (forces ~1 % more accurate).
constexpr double kTheta = 0.4;
constexpr double kMaxAbsValue = 1e150;
// scikit-learn's 'auto' rate is n/48, about 2e4 for a million points; far larger rates only diverge.
constexpr double kMaxLearningRate = 1e6;

std::string shortNumber(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
}

void validate(const std::vector<double>& data, std::size_t n, std::size_t dim, const TsneSettings& s) {
    if (n < 2) throw std::invalid_argument("t-SNE needs at least 2 points");
    if (dim == 0 || data.size() != n * dim) throw std::invalid_argument("t-SNE: data size is not points x dimensions");
    for (double x : data) {
        if (!std::isfinite(x)) throw std::invalid_argument("t-SNE: the data contain a non-finite value");
        // Squared distances of larger values overflow to Inf and every point comes out NaN.
        if (std::fabs(x) > kMaxAbsValue)
            throw std::invalid_argument("t-SNE: the data contain a value of magnitude " + shortNumber(std::fabs(x)) +
                                        "; values must stay within +-1e150 (rescale the data)");
    }
    if (!(s.perplexity > 0) || !(s.perplexity < static_cast<double>(n)))
        throw std::invalid_argument("t-SNE: perplexity must be > 0 and less than the number of points (" +
                                    std::to_string(n) + ")");
    if (s.iterations < 0) throw std::invalid_argument("t-SNE: iterations must be >= 0");
    if (!(s.earlyExaggeration >= 1)) throw std::invalid_argument("t-SNE: early exaggeration must be >= 1");
    if (s.exaggerationIterations < 0) throw std::invalid_argument("t-SNE: exaggeration iterations must be >= 0");
    if (!(s.learningRate >= 0) || !(s.learningRate <= kMaxLearningRate))
        throw std::invalid_argument("t-SNE: learning rate must be in 0..1e6 (0 = auto)");
    if (s.snapshotEvery < 0) throw std::invalid_argument("t-SNE: snapshotEvery must be >= 0");
    if (!s.initialXy.empty()) {
        if (s.initialXy.size() != 2 * n) throw std::invalid_argument("t-SNE: the initial layout must have n x 2 values");
        for (double v : s.initialXy)
            if (!std::isfinite(v)) throw std::invalid_argument("t-SNE: the initial layout contains a non-finite value");
    }
    if (s.startIteration < 0 || (s.startIteration > 0 && s.startIteration >= s.iterations))
        throw std::invalid_argument("t-SNE: startIteration must be in 0..iterations-1");
}

// Standard normal numbers from SplitMix64 (Box-Muller), the same on every standard library.
std::vector<double> randomLayout(std::size_t n, std::uint64_t seed) {
    eval::SplitMix64 rng(seed);
    std::vector<double> y(2 * n);
    const double twoPi = 6.283185307179586;
    for (std::size_t i = 0; i < 2 * n; i += 2) {
        const double u1 = (static_cast<double>(rng.next() >> 11) + 1.0) * 0x1.0p-53;  // (0, 1]
        const double u2 = static_cast<double>(rng.next() >> 11) * 0x1.0p-53;
        const double r = std::sqrt(-2.0 * std::log(u1));
        y[i] = 1e-4 * r * std::cos(twoPi * u2);
        y[i + 1] = 1e-4 * r * std::sin(twoPi * u2);
    }
    return y;
}

// scikit-learn's 'pca' init: the first two principal scores, scaled so column 0 has std 1e-4.
std::vector<double> initialLayout(const std::vector<double>& data, std::size_t n, std::size_t dim, const TsneSettings& s) {
    if (!s.pcaInit || dim < 2) return randomLayout(n, s.seed);
    PcaResult p = pca(data, n, dim, 2);
    double mean = 0, var = 0;
    for (std::size_t i = 0; i < n; ++i) mean += p.scores[2 * i];
    mean /= static_cast<double>(n);
    for (std::size_t i = 0; i < n; ++i) var += (p.scores[2 * i] - mean) * (p.scores[2 * i] - mean);
    const double sd = std::sqrt(var / static_cast<double>(n));
    if (!(sd > 0)) return randomLayout(n, s.seed);
    for (double& v : p.scores) v *= 1e-4 / sd;
    return p.scores;
}

// The input similarities of either method.
struct Affinities {
    bool dense = false;
    std::vector<double> denseP;  // n x n
    SparseP sparseP;
};

Affinities computeAffinities(const std::vector<double>& data, std::size_t n, std::size_t dim, const std::string& method,
                             double perplexity, WorkerPool& pool, ProgressSink& progress) {
    Affinities a;
    if (method == "exact") {
        a.dense = true;
        a.denseP = denseAffinities(data.data(), n, dim, perplexity, pool, progress);
        return a;
    }
    // scikit-learn's neighbour count: min(n - 1, 3 * perplexity + 1).
    const std::size_t k = std::min<std::size_t>(n - 1, static_cast<std::size_t>(3.0 * perplexity + 1.0));
    const Neighbours nb = exactKnn(data.data(), n, dim, k, pool, progress);
    if (progress.cancelled()) throw Cancelled();
    progress.report("affinities", 0, 1);
    a.sparseP = symmetrise(nb, conditionalAffinities(nb, perplexity, pool));
    progress.report("affinities", 1, 1);
    return a;
}

// Gradient of KL(exaggeration * P || Q) into grad (n x 2); returns Z. Optionally also
// sum p_ij log w_ij (for the KL divergence) through plogw.
class Gradient {
public:
    Gradient(const Affinities& a, std::size_t n, WorkerPool& pool) : a_(a), n_(n), pool_(pool), rep_(2 * n), plogwRow_(n) {}

    double compute(const std::vector<double>& y, double exaggeration, std::vector<double>& grad, double* plogw) {
        const double Z = a_.dense ? exactRepulsion(y.data(), n_, pool_, rep_.data())
                                  : bh_.repulsion(y.data(), n_, pool_, rep_.data());
        const bool wantLog = plogw != nullptr;
        pool_.run(n_, [&](std::size_t b, std::size_t e) {
            for (std::size_t i = b; i < e; ++i) {
                const double xi = y[2 * i], yi = y[2 * i + 1];
                double fx = 0, fy = 0, pl = 0;
                if (a_.dense) {
                    const double* p = &a_.denseP[i * n_];
                    for (std::size_t j = 0; j < n_; ++j) {
                        if (j == i) continue;
                        const double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
                        const double w = 1.0 / (1.0 + dx * dx + dy * dy);
                        fx += p[j] * w * dx;
                        fy += p[j] * w * dy;
                        if (wantLog) pl += p[j] * std::log(w);
                    }
                } else {
                    const SparseP& P = a_.sparseP;
                    for (std::size_t q = P.rowStart[i]; q < P.rowStart[i + 1]; ++q) {
                        const auto j = static_cast<std::size_t>(P.col[q]);
                        const double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
                        const double w = 1.0 / (1.0 + dx * dx + dy * dy);
                        fx += P.val[q] * w * dx;
                        fy += P.val[q] * w * dy;
                        if (wantLog) pl += P.val[q] * std::log(w);
                    }
                }
                grad[2 * i] = 4.0 * (exaggeration * fx - rep_[2 * i] / Z);
                grad[2 * i + 1] = 4.0 * (exaggeration * fy - rep_[2 * i + 1] / Z);
                plogwRow_[i] = pl;
            }
        });
        if (wantLog) {
            double s = 0;
            for (double v : plogwRow_) s += v;
            *plogw = s;
        }
        return Z;
    }

private:
    const Affinities& a_;
    std::size_t n_;
    WorkerPool& pool_;
    BarnesHut bh_{kTheta};
    std::vector<double> rep_, plogwRow_;
};

// sum p log p over the pairs of P (constant during optimisation).
double pLogP(const Affinities& a) {
    double s = 0;
    const auto& v = a.dense ? a.denseP : a.sparseP.val;
    for (double p : v)
        if (p > 0) s += p * std::log(p);
    return s;
}

double sumP(const Affinities& a) {
    double s = 0;
    for (double p : a.dense ? a.denseP : a.sparseP.val) s += p;
    return s;
}

// KL = sum p log p - sum p log w + (sum p) log Z, i.e. sum p log(p / (w / Z)).
double finalKl(const Affinities& a, const std::vector<double>& y, std::size_t n, WorkerPool& pool) {
    Gradient g(a, n, pool);
    std::vector<double> grad(2 * n);
    double plogw = 0;
    double Z = g.compute(y, 1.0, grad, &plogw);
    if (!a.dense && n <= kExactZMax) {
        std::vector<double> rep(2 * n);
        Z = exactRepulsion(y.data(), n, pool, rep.data());
    }
    return pLogP(a) - plogw + sumP(a) * std::log(Z);
}

std::string resolved(const TsneSettings& s, std::size_t n) {
    const std::string m = resolveTsneMethod(s.method, n);
    if (m == "exact" && n > kExactMax)
        throw std::invalid_argument("t-SNE: the exact method is limited to " + std::to_string(kExactMax) +
                                    " points (it keeps all n^2 similarities); use bh");
    return m;
}

}  // namespace

std::string resolveTsneMethod(const std::string& method, std::size_t n) {
    if (method == "auto") return n <= kAutoExactMax ? "exact" : "bh";
    if (method == "exact" || method == "bh") return method;
    throw std::invalid_argument("t-SNE: unknown method '" + method + "' (exact, bh or auto)");
}

TsneResult tsne(const std::vector<double>& data, std::size_t n, std::size_t dim, const TsneSettings& s,
                ProgressSink& progress, const TsneSnapshot& snapshot) {
    validate(data, n, dim, s);
    TsneResult result;
    result.method = resolved(s, n);
    WorkerPool pool(s.threads);
    std::vector<double> y = s.initialXy.empty() ? initialLayout(data, n, dim, s) : s.initialXy;
    const Affinities aff = computeAffinities(data, n, dim, result.method, s.perplexity, pool, progress);
    const double plogp = pLogP(aff), psum = sumP(aff);

    const double lr = s.learningRate > 0 ? s.learningRate
                                         : std::max(static_cast<double>(n) / s.earlyExaggeration / 4.0, 50.0);
    std::vector<double> grad(2 * n), update(2 * n, 0.0), gains(2 * n, 1.0);
    Gradient gradient(aff, n, pool);
    std::vector<double> shown;  // the layout handed to snapshots
    result.iterations = s.startIteration;
    for (int it = s.startIteration; it < s.iterations; ++it) {
        if (progress.cancelled()) throw Cancelled();
        const bool exploring = it < s.exaggerationIterations;
        const double exaggeration = exploring ? s.earlyExaggeration : 1.0;
        const double momentum = exploring ? 0.5 : 0.8;
        const bool snap = snapshot && s.snapshotEvery > 0 &&
                          ((it + 1) % s.snapshotEvery == 0 || it + 1 == s.iterations);
        double plogw = 0;
        double Z = 0;
        if (snap) {
            // KL of the layout before this step's move, with the un-exaggerated P: the gradient is
            // still computed with the exaggeration (its scale factor does not affect log w or Z).
            Z = gradient.compute(y, exaggeration, grad, &plogw);
        } else {
            Z = gradient.compute(y, exaggeration, grad, nullptr);
        }
        // Delta-bar-delta gains (Jacobs 1988) as in the t-SNE papers, then momentum.
        pool.run(2 * n, [&](std::size_t b, std::size_t e) {
            for (std::size_t c = b; c < e; ++c) {
                gains[c] = (update[c] * grad[c] < 0) ? gains[c] + 0.2 : std::max(gains[c] * 0.8, 0.01);
                update[c] = momentum * update[c] - lr * gains[c] * grad[c];
                y[c] += update[c];
            }
        });
        double mx = 0, my = 0;
        for (std::size_t i = 0; i < n; ++i) {
            mx += y[2 * i];
            my += y[2 * i + 1];
        }
        mx /= static_cast<double>(n);
        my /= static_cast<double>(n);
        // The mean is non-finite exactly when a coordinate is (or their sum overflows): a diverged
        // layout is an error, never NaN points shown or saved as a result.
        if (!std::isfinite(mx) || !std::isfinite(my))
            throw std::runtime_error("t-SNE: the layout diverged to non-finite coordinates at iteration " +
                                     std::to_string(it + 1) + " (learning rate " + shortNumber(lr) +
                                     "); lower the learning rate or rescale the data");
        for (std::size_t i = 0; i < n; ++i) {
            y[2 * i] -= mx;
            y[2 * i + 1] -= my;
        }
        result.iterations = it + 1;
        if (snap) {
            shown = y;
            snapshot(it + 1, shown, plogp - plogw + psum * std::log(Z));
        }
        if ((it + 1) % 10 == 0 || it + 1 == s.iterations) progress.report("t-SNE", static_cast<std::size_t>(it + 1),
                                                                           static_cast<std::size_t>(s.iterations));
    }
    if (progress.cancelled()) throw Cancelled();
    result.klDivergence = finalKl(aff, y, n, pool);
    if (!std::isfinite(result.klDivergence))
        throw std::runtime_error("t-SNE: the final layout has a non-finite KL divergence; rescale the data");
    result.xy = std::move(y);
    return result;
}

double tsneKlDivergence(const std::vector<double>& data, std::size_t n, std::size_t dim,
                        const std::vector<double>& xy, const TsneSettings& s, ProgressSink& progress) {
    validate(data, n, dim, s);
    if (xy.size() != 2 * n) throw std::invalid_argument("t-SNE: the layout must have 2 columns and one row per point");
    for (double v : xy)
        if (!std::isfinite(v)) throw std::invalid_argument("t-SNE: the layout contains a non-finite value");
    WorkerPool pool(s.threads);
    const Affinities aff = computeAffinities(data, n, dim, resolved(s, n), s.perplexity, pool, progress);
    return finalKl(aff, xy, n, pool);
}

}  // namespace dacl::embed
