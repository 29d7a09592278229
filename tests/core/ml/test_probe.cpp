// Logistic-regression probe: separable and noisy synthetic problems, class balancing,
// multinomial, determinism, save/load and bad input.
#include "core/eval/metrics.h"
#include "core/ml/probe.h"

#include "core/ml/cpu_tuning.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace dacl::ml;

namespace {

// n rows of dim D: class 1 with probability p1, mean shift `shift` along dim 0 (others noise).
struct Data {
    Matrix x;
    std::vector<int> y;
};
Data gaussians(std::size_t n, int D, double shift, double p1, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> N01;
    std::bernoulli_distribution coin(p1);
    Data d{Matrix(n, static_cast<std::size_t>(D)), std::vector<int>(n)};
    for (std::size_t i = 0; i < n; ++i) {
        d.y[i] = coin(rng) ? 1 : 0;
        for (int k = 0; k < D; ++k) d.x(i, static_cast<std::size_t>(k)) = static_cast<float>(N01(rng) * 2.0 + 5.0);
        d.x(i, 0) += static_cast<float>(d.y[i] * shift * 2.0);  // std 2, offset 5: the probe standardises
    }
    return d;
}

std::vector<double> toDouble(const std::vector<float>& v) { return {v.begin(), v.end()}; }

double normalCdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

}  // namespace

class TestProbe : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // As the product runs (cpu_tuning.h): LibTorch uses the cores, BLAS single-threaded.
    void initTestCase() { tuneCpuRuntime(); }

    void separableProblem() {
        auto d = gaussians(400, 5, 8.0, 0.5, 1);
        LogisticProbe p;
        const auto r = p.fit(d.x, d.y, 2);
        QVERIFY(r.gradientNorm < 1e-4);
        auto test = gaussians(400, 5, 8.0, 0.5, 2);
        const auto prob = p.predictPositive(test.x);
        QCOMPARE(dacl::eval::auroc(toDouble(prob), test.y), 1.0);
        int correct = 0;
        for (std::size_t i = 0; i < prob.size(); ++i) correct += (prob[i] >= 0.5f) == (test.y[i] == 1);
        QCOMPARE(correct, 400);
    }

    void noisyProblemReachesTheBayesAuroc() {
        // Equal-covariance Gaussians: logistic regression is the right model, and the best
        // possible AUROC is Φ(Δ/√2) with Mahalanobis distance Δ = 1.
        auto d = gaussians(20000, 10, 1.0, 0.5, 3);
        LogisticProbe p;
        p.fit(d.x, d.y, 2);
        auto test = gaussians(20000, 10, 1.0, 0.5, 4);
        const double a = dacl::eval::auroc(toDouble(p.predictPositive(test.x)), test.y);
        const double bayes = normalCdf(1.0 / std::sqrt(2.0));
        QVERIFY2(std::abs(a - bayes) < 0.015, qPrintable(QString("%1 vs %2").arg(a).arg(bayes)));
    }

    void classBalancingMovesTheThreshold() {
        // 10 % positives: the balanced probe puts P = 0.5 halfway between the class means;
        // without balancing the prior pulls it far below.
        auto d = gaussians(20000, 2, 1.0, 0.1, 5);
        Matrix mid(1, 2);
        mid(0, 0) = 5.0f + 1.0f;  // halfway between 5 and 5 + 2
        mid(0, 1) = 5.0f;
        LogisticProbe balanced;
        balanced.fit(d.x, d.y, 2);
        ProbeSettings s;
        s.balanceClasses = false;
        LogisticProbe plain(s);
        plain.fit(d.x, d.y, 2);
        const float pb = balanced.predictPositive(mid)[0];
        const float pp = plain.predictPositive(mid)[0];
        QVERIFY2(std::abs(pb - 0.5f) < 0.05f, qPrintable(QString::number(pb)));
        QVERIFY2(pp < 0.2f, qPrintable(QString::number(pp)));
    }

    void multinomialThreeClasses() {
        std::mt19937 rng(6);
        std::normal_distribution<double> N01;
        Matrix x(600, 3);
        std::vector<int> y(600);
        for (std::size_t i = 0; i < 600; ++i) {
            y[i] = static_cast<int>(i % 3);
            for (std::size_t k = 0; k < 3; ++k) x(i, k) = static_cast<float>(N01(rng) + (static_cast<int>(k) == y[i] ? 4.0 : 0.0));
        }
        LogisticProbe p;
        p.fit(x, y, 3);
        QCOMPARE(p.numClasses(), 3);
        const auto prob = p.predictProba(x);
        QCOMPARE(prob.cols, std::size_t(3));
        int correct = 0;
        for (std::size_t i = 0; i < 600; ++i) {
            const float s = prob(i, 0) + prob(i, 1) + prob(i, 2);
            QVERIFY(std::abs(s - 1.0f) < 1e-5f);
            std::size_t best = 0;
            for (std::size_t k = 1; k < 3; ++k)
                if (prob(i, k) > prob(i, best)) best = k;
            correct += static_cast<int>(best) == y[i];
        }
        QVERIFY(correct > 580);
    }

    void deterministicAndSerialisable() {
        auto d = gaussians(1000, 4, 1.0, 0.3, 7);
        LogisticProbe a, b;
        a.fit(d.x, d.y, 2);
        b.fit(d.x, d.y, 2);
        const auto pa = a.predictProba(d.x);
        QCOMPARE(pa.data, b.predictProba(d.x).data);
        auto c = LogisticProbe::fromBytes(a.toBytes());
        QCOMPARE(c.predictProba(d.x).data, pa.data);
        QCOMPARE(c.inputDim(), 4);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LogisticProbe::fromBytes("not a model"));
    }

    void badInput() {
        LogisticProbe p;
        Matrix x(4, 2, 1.0f);
        QVERIFY_THROWS_EXCEPTION(std::logic_error, p.predictProba(x));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.fit(x, {0, 1, 0}, 2));     // label count
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.fit(x, {0, 0, 0, 0}, 2));  // class 1 absent
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.fit(x, {0, 1, 2, 0}, 2));  // label out of range
        x(2, 1) = std::nanf("");
        try {
            p.fit(x, {0, 1, 0, 1}, 2);
            QFAIL("NaN accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY(std::string(e.what()).find("row 2, column 1") != std::string::npos);
        }
        x(2, 1) = 0.0f;
        p.fit(x, {0, 1, 0, 1}, 2);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.predictProba(Matrix(1, 3)));
    }
};

QTEST_APPLESS_MAIN(TestProbe)
#include "test_probe.moc"
