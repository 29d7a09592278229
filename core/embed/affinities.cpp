#include "core/embed/affinities.h"

#include "core/embed/knn.h"
#include "core/embed/parallel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace dacl::embed {

double calibrateRow(const double* d2, std::size_t m, double perplexity, double* p) {
    const double target = std::log(perplexity);
    const double dmin = *std::min_element(d2, d2 + m);
    const double inf = std::numeric_limits<double>::infinity();
    double beta = 1.0, lo = -inf, hi = inf;
    for (int step = 0; step < 100; ++step) {
        double sum = 0, weighted = 0;
        for (std::size_t j = 0; j < m; ++j) {
            p[j] = std::exp(-(d2[j] - dmin) * beta);
            sum += p[j];
        }
        for (std::size_t j = 0; j < m; ++j) {
            p[j] /= sum;
            weighted += (d2[j] - dmin) * p[j];
        }
        const double entropy = std::log(sum) + beta * weighted;
        const double diff = entropy - target;
        if (std::abs(diff) <= 1e-5) break;
        if (diff > 0) {  // too flat: sharpen
            lo = beta;
            beta = hi == inf ? beta * 2 : (beta + hi) / 2;
        } else {
            hi = beta;
            beta = lo == -inf ? beta / 2 : (beta + lo) / 2;
        }
    }
    return beta;
}

std::vector<double> conditionalAffinities(const Neighbours& nb, double perplexity, WorkerPool& pool) {
    std::vector<double> p(nb.n * nb.k);
    pool.run(nb.n, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) calibrateRow(&nb.dist2[i * nb.k], nb.k, perplexity, &p[i * nb.k]);
    });
    return p;
}

SparseP symmetrise(const Neighbours& nb, const std::vector<double>& conditional) {
    const std::size_t n = nb.n, k = nb.k;
    // Every directed edge i->j contributes to (i, j) and (j, i); count, place, then sort each row
    // and merge duplicates. Only two terms ever meet in a cell, so the sum is order-free.
    std::vector<std::size_t> count(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t q = 0; q < k; ++q) {
            ++count[i + 1];
            ++count[static_cast<std::size_t>(nb.index[i * k + q]) + 1];
        }
    std::partial_sum(count.begin(), count.end(), count.begin());
    std::vector<std::pair<int, double>> cells(count[n]);
    std::vector<std::size_t> fill(count.begin(), count.end() - 1);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t q = 0; q < k; ++q) {
            const auto j = static_cast<std::size_t>(nb.index[i * k + q]);
            const double v = conditional[i * k + q];
            cells[fill[i]++] = {static_cast<int>(j), v};
            cells[fill[j]++] = {static_cast<int>(i), v};
        }
    SparseP P;
    P.n = n;
    P.rowStart.assign(n + 1, 0);
    P.col.reserve(cells.size());
    P.val.reserve(cells.size());
    const double norm = 1.0 / (2.0 * static_cast<double>(n));
    for (std::size_t i = 0; i < n; ++i) {
        auto b = cells.begin() + static_cast<std::ptrdiff_t>(count[i]);
        auto e = cells.begin() + static_cast<std::ptrdiff_t>(count[i + 1]);
        std::sort(b, e, [](const auto& a, const auto& c) { return a.first < c.first; });
        for (auto it = b; it != e;) {
            double v = it->second;
            auto nx = it + 1;
            if (nx != e && nx->first == it->first) v += (nx++)->second;
            P.col.push_back(it->first);
            P.val.push_back(v * norm);
            it = nx;
        }
        P.rowStart[i + 1] = P.col.size();
    }
    return P;
}

std::vector<double> denseAffinities(const double* data, std::size_t n, std::size_t dim, double perplexity,
                                    WorkerPool& pool, ProgressSink& progress) {
    std::vector<double> P(n * n, 0.0);
    if (progress.cancelled()) throw Cancelled();
    progress.report("affinities", 0, n);
    pool.run(n, [&](std::size_t b, std::size_t e) {
        std::vector<double> d2(n - 1), p(n - 1);
        for (std::size_t i = b; i < e; ++i) {
            std::size_t m = 0;
            for (std::size_t j = 0; j < n; ++j) {
                if (j == i) continue;
                double s = 0;
                for (std::size_t d = 0; d < dim; ++d) {
                    const double t = data[i * dim + d] - data[j * dim + d];
                    s += t * t;
                }
                d2[m++] = s;
            }
            calibrateRow(d2.data(), m, perplexity, p.data());
            m = 0;
            for (std::size_t j = 0; j < n; ++j)
                if (j != i) P[i * n + j] = p[m++];
        }
    });
    // Symmetrise in place; the diagonal stays 0 (no self-affinity).
    const double norm = 1.0 / (2.0 * static_cast<double>(n));
    const double eps = std::numeric_limits<double>::epsilon();
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) {
            const double v = std::max((P[i * n + j] + P[j * n + i]) * norm, eps);
            P[i * n + j] = P[j * n + i] = v;
        }
    progress.report("affinities", n, n);
    return P;
}

}  // namespace dacl::embed
