// PCA (core/embed/pca.h) on cases whose answer is known by hand, on wide data (the Gram-matrix
// path) against the covariance path, and on bad input.
#include "core/embed/pca.h"
#include "core/eval/random.h"

#include <QtTest>

#include <cmath>

using namespace dacl::embed;

class TestPca : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Four points on the axes: (+-3, 0), (0, +-1). Mean 0; covariance diag(18/3, 2/3).
    void axisCross() {
        const std::vector<double> x{3, 0, -3, 0, 0, 1, 0, -1};
        const PcaResult r = pca(x, 4, 2, 2);
        QCOMPARE(r.explainedVariance.size(), std::size_t(2));
        QVERIFY(std::abs(r.explainedVariance[0] - 6.0) < 1e-12);
        QVERIFY(std::abs(r.explainedVariance[1] - 2.0 / 3.0) < 1e-12);
        // Components are the axes, sign fixed to a positive largest coordinate.
        QVERIFY(std::abs(r.components[0] - 1) < 1e-12 && std::abs(r.components[1]) < 1e-12);
        QVERIFY(std::abs(r.components[2]) < 1e-12 && std::abs(r.components[3] - 1) < 1e-12);
        const std::vector<double> expected{3, 0, -3, 0, 0, 1, 0, -1};
        for (std::size_t i = 0; i < expected.size(); ++i) QVERIFY(std::abs(r.scores[i] - expected[i]) < 1e-12);
    }

    // Points t * (1, 2) + (5, -1), t = 1..5: one direction (1, 2)/sqrt(5), variance 5 * var(t) = 12.5.
    void pointsOnALine() {
        std::vector<double> x;
        for (int t = 1; t <= 5; ++t) {
            x.push_back(t + 5.0);
            x.push_back(2.0 * t - 1.0);
        }
        const PcaResult r = pca(x, 5, 2, 2);
        QVERIFY(std::abs(r.explainedVariance[0] - 12.5) < 1e-12);
        QVERIFY(std::abs(r.explainedVariance[1]) < 1e-12);
        QVERIFY(std::abs(r.components[0] - 1 / std::sqrt(5.0)) < 1e-12);
        QVERIFY(std::abs(r.components[1] - 2 / std::sqrt(5.0)) < 1e-12);
        for (int t = 1; t <= 5; ++t) QVERIFY(std::abs(r.scores[static_cast<std::size_t>(t - 1) * 2] - (t - 3) * std::sqrt(5.0)) < 1e-12);
        QVERIFY(std::abs(r.scores[1]) < 1e-12);
    }

    // More columns than rows: the Gram path must give the same variances as the covariance of the
    // same data, orthonormal components, and scores = centred data x components.
    void wideDataMatchesCovariance() {
        dacl::eval::SplitMix64 rng(5);
        const std::size_t n = 6, dim = 9;
        std::vector<double> x(n * dim);
        for (double& v : x) v = static_cast<double>(rng.next() >> 11) * 0x1.0p-53 * 4 - 2;
        const PcaResult r = pca(x, n, dim, 3);
        std::vector<double> mean(dim, 0), cov(dim * dim, 0);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t d = 0; d < dim; ++d) mean[d] += x[i * dim + d] / n;
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t a = 0; a < dim; ++a)
                for (std::size_t b = 0; b < dim; ++b)
                    cov[a * dim + b] += (x[i * dim + a] - mean[a]) * (x[i * dim + b] - mean[b]) / (n - 1);
        std::vector<double> values, vectors;
        symmetricEigen(cov, dim, values, vectors);
        for (std::size_t c = 0; c < 3; ++c) {
            QVERIFY(std::abs(r.explainedVariance[c] - values[c]) < 1e-10);
            double dot = 0, norm = 0;
            for (std::size_t d = 0; d < dim; ++d) {
                dot += r.components[c * dim + d] * vectors[c * dim + d];
                norm += r.components[c * dim + d] * r.components[c * dim + d];
            }
            QVERIFY(std::abs(norm - 1) < 1e-10);
            QVERIFY(std::abs(std::abs(dot) - 1) < 1e-8);  // same direction up to sign
            for (std::size_t i = 0; i < n; ++i) {
                double s = 0;
                for (std::size_t d = 0; d < dim; ++d) s += (x[i * dim + d] - mean[d]) * r.components[c * dim + d];
                QVERIFY(std::abs(s - r.scores[i * 3 + c]) < 1e-10);
            }
        }
        QVERIFY(r.explainedVariance[0] >= r.explainedVariance[1] && r.explainedVariance[1] >= r.explainedVariance[2]);
    }

    // A symmetric matrix with known eigenvalues: Q diag(5, 2, -1) Q^T for a rotation Q.
    void eigenOfKnownMatrix() {
        const double c = std::cos(0.7), s = std::sin(0.7);
        const double Q[3][3] = {{c, -s, 0}, {s, c, 0}, {0, 0, 1}};
        const double lam[3] = {2, 5, -1};
        std::vector<double> a(9, 0);
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j)
                for (int k = 0; k < 3; ++k) a[static_cast<std::size_t>(i * 3 + j)] += Q[i][k] * lam[k] * Q[j][k];
        std::vector<double> values, vectors;
        symmetricEigen(a, 3, values, vectors);
        QVERIFY(std::abs(values[0] - 5) < 1e-12 && std::abs(values[1] - 2) < 1e-12 && std::abs(values[2] + 1) < 1e-12);
        // The eigenvector of 5 is Q's second column (-s, c, 0), up to sign.
        QVERIFY(std::abs(std::abs(vectors[0] * -s + vectors[1] * c) - 1) < 1e-12);
    }

    void badInput() {
        const std::vector<double> x{1, 2, 3, 4};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pca(x, 1, 4, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pca(x, 2, 2, 3));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pca(x, 2, 2, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pca(x, 3, 2, 1));
        const std::vector<double> nan{1, std::nan(""), 3, 4};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pca(nan, 2, 2, 1));
    }
};

QTEST_APPLESS_MAIN(TestPca)
#include "test_pca.moc"
