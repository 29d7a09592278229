#include "core/embed/pca.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

namespace dacl::embed {

void symmetricEigen(std::vector<double> a, std::size_t m, std::vector<double>& values, std::vector<double>& vectors) {
    // v holds eigenvectors as columns while rotating; transposed into rows at the end.
    std::vector<double> v(m * m, 0.0);
    for (std::size_t i = 0; i < m; ++i) v[i * m + i] = 1.0;
    double scale = 0;
    for (double x : a) scale += x * x;
    for (int sweep = 0; sweep < 100; ++sweep) {
        double off = 0;
        for (std::size_t p = 0; p < m; ++p)
            for (std::size_t q = p + 1; q < m; ++q) off += a[p * m + q] * a[p * m + q];
        if (off <= 1e-30 * scale || off == 0) break;
        for (std::size_t p = 0; p < m; ++p) {
            for (std::size_t q = p + 1; q < m; ++q) {
                const double apq = a[p * m + q];
                if (apq == 0) continue;
                // Rotation that zeroes a[p][q] (Golub & Van Loan, symmetric Schur decomposition).
                const double tau = (a[q * m + q] - a[p * m + p]) / (2 * apq);
                const double t = (tau >= 0 ? 1.0 : -1.0) / (std::abs(tau) + std::sqrt(1 + tau * tau));
                const double c = 1 / std::sqrt(1 + t * t), s = t * c;
                for (std::size_t k = 0; k < m; ++k) {  // columns p, q
                    const double akp = a[k * m + p], akq = a[k * m + q];
                    a[k * m + p] = c * akp - s * akq;
                    a[k * m + q] = s * akp + c * akq;
                }
                for (std::size_t k = 0; k < m; ++k) {  // rows p, q
                    const double apk = a[p * m + k], aqk = a[q * m + k];
                    a[p * m + k] = c * apk - s * aqk;
                    a[q * m + k] = s * apk + c * aqk;
                }
                for (std::size_t k = 0; k < m; ++k) {
                    const double vkp = v[k * m + p], vkq = v[k * m + q];
                    v[k * m + p] = c * vkp - s * vkq;
                    v[k * m + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    std::vector<std::size_t> order(m);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return a[x * m + x] > a[y * m + y]; });
    values.resize(m);
    vectors.assign(m * m, 0.0);
    for (std::size_t r = 0; r < m; ++r) {
        values[r] = a[order[r] * m + order[r]];
        for (std::size_t k = 0; k < m; ++k) vectors[r * m + k] = v[k * m + order[r]];
    }
}

PcaResult pca(const std::vector<double>& data, std::size_t n, std::size_t dim, int components) {
    if (n < 2) throw std::invalid_argument("PCA needs at least 2 rows");
    if (dim == 0 || data.size() != n * dim) throw std::invalid_argument("PCA: data size is not rows x columns");
    if (components < 1 || static_cast<std::size_t>(components) > dim)
        throw std::invalid_argument("PCA: components must be in 1.." + std::to_string(dim));
    for (double x : data)
        if (!std::isfinite(x)) throw std::invalid_argument("PCA: the data contain a non-finite value");
    const auto k = static_cast<std::size_t>(components);

    std::vector<double> mean(dim, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t d = 0; d < dim; ++d) mean[d] += data[i * dim + d];
    for (double& m : mean) m /= static_cast<double>(n);
    std::vector<double> xc(n * dim);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t d = 0; d < dim; ++d) xc[i * dim + d] = data[i * dim + d] - mean[d];

    const double denom = static_cast<double>(n - 1);
    PcaResult r;
    r.components.assign(k * dim, 0.0);
    r.explainedVariance.assign(k, 0.0);
    std::vector<double> values, vectors;
    if (dim <= n) {
        std::vector<double> cov(dim * dim, 0.0);
        for (std::size_t i = 0; i < n; ++i) {
            const double* x = &xc[i * dim];
            for (std::size_t a = 0; a < dim; ++a)
                for (std::size_t b = a; b < dim; ++b) cov[a * dim + b] += x[a] * x[b];
        }
        for (std::size_t a = 0; a < dim; ++a)
            for (std::size_t b = a; b < dim; ++b) cov[b * dim + a] = cov[a * dim + b] /= denom;
        symmetricEigen(std::move(cov), dim, values, vectors);
        for (std::size_t c = 0; c < k; ++c) {
            r.explainedVariance[c] = std::max(0.0, values[c]);
            std::copy_n(&vectors[c * dim], dim, &r.components[c * dim]);
        }
    } else {
        // Wide data: eigenvectors u of the Gram matrix X X^T give components X^T u / |X^T u|.
        std::vector<double> gram(n * n, 0.0);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = i; j < n; ++j) {
                double s = 0;
                for (std::size_t d = 0; d < dim; ++d) s += xc[i * dim + d] * xc[j * dim + d];
                gram[i * n + j] = gram[j * n + i] = s;
            }
        symmetricEigen(std::move(gram), n, values, vectors);
        for (std::size_t c = 0; c < k && c < n; ++c) {
            r.explainedVariance[c] = std::max(0.0, values[c]) / denom;
            double norm = 0;
            for (std::size_t d = 0; d < dim; ++d) {
                double s = 0;
                for (std::size_t i = 0; i < n; ++i) s += xc[i * dim + d] * vectors[c * n + i];
                r.components[c * dim + d] = s;
                norm += s * s;
            }
            norm = std::sqrt(norm);
            // A component beyond the rank of the data has no direction: left at 0.
            for (std::size_t d = 0; d < dim; ++d) r.components[c * dim + d] = norm > 1e-12 ? r.components[c * dim + d] / norm : 0.0;
        }
    }
    for (std::size_t c = 0; c < k; ++c) {
        double* comp = &r.components[c * dim];
        const std::size_t big = static_cast<std::size_t>(
            std::max_element(comp, comp + dim, [](double x, double y) { return std::abs(x) < std::abs(y); }) - comp);
        if (comp[big] < 0)
            for (std::size_t d = 0; d < dim; ++d) comp[d] = -comp[d];
    }
    r.scores.assign(n * k, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t c = 0; c < k; ++c) {
            double s = 0;
            for (std::size_t d = 0; d < dim; ++d) s += xc[i * dim + d] * r.components[c * dim + d];
            r.scores[i * k + c] = s;
        }
    return r;
}

}  // namespace dacl::embed
