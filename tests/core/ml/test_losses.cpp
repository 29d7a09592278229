// SupCon and batch-hard triplet: values against explicit double-precision loops written from the
// papers' formulas (independent of the tensor code), and autograd against finite differences.
#include "core/ml/losses.h"
#include "core/ml/tensor_util.h"

#include <QtTest>

#include <cmath>
#include <vector>

using namespace dacl::ml;

namespace {

using Rows = std::vector<std::vector<double>>;

double dot(const std::vector<double>& a, const std::vector<double>& b) {
    double s = 0;
    for (std::size_t k = 0; k < a.size(); ++k) s += a[k] * b[k];
    return s;
}

// Khosla et al. 2020, eq. 2 (L^sup_out), averaged over anchors that have a positive.
double supConByHand(const Rows& z, const std::vector<int>& y, double tau) {
    double total = 0;
    int anchors = 0;
    for (std::size_t i = 0; i < z.size(); ++i) {
        double denom = 0;
        for (std::size_t a = 0; a < z.size(); ++a)
            if (a != i) denom += std::exp(dot(z[i], z[a]) / tau);
        double sum = 0;
        int nPos = 0;
        for (std::size_t p = 0; p < z.size(); ++p) {
            if (p == i || y[p] != y[i]) continue;
            sum += std::log(std::exp(dot(z[i], z[p]) / tau) / denom);
            ++nPos;
        }
        if (nPos == 0) continue;
        total += -sum / nPos;
        ++anchors;
    }
    return total / anchors;
}

double tripletByHand(const Rows& z, const std::vector<int>& y, double margin) {
    double total = 0;
    int n = 0;
    for (std::size_t i = 0; i < z.size(); ++i) {
        double hp = -1, hn = 1e300;
        for (std::size_t j = 0; j < z.size(); ++j) {
            if (j == i) continue;
            double d2 = 0;
            for (std::size_t k = 0; k < z[i].size(); ++k) d2 += (z[i][k] - z[j][k]) * (z[i][k] - z[j][k]);
            const double d = std::sqrt(d2);
            if (y[j] == y[i]) hp = std::max(hp, d);
            else hn = std::min(hn, d);
        }
        if (hp < 0 || hn > 1e299) continue;
        total += std::max(0.0, hp - hn + margin);
        ++n;
    }
    return total / n;
}

torch::Tensor toTensor2(const Rows& z) {
    auto t = torch::empty({static_cast<long>(z.size()), static_cast<long>(z[0].size())}, torch::kFloat64);
    for (std::size_t i = 0; i < z.size(); ++i)
        for (std::size_t k = 0; k < z[i].size(); ++k) t[i][k] = z[i][k];
    return t;
}

Rows unitRows() {
    // Five 3-D unit vectors: two of class 0, two of class 1, one of class 2 (an anchor without
    // positives, skipped as an anchor but present in every denominator).
    Rows raw = {{1, 0.2, 0}, {0.8, 0.1, 0.3}, {-0.5, 1, 0.1}, {0, 0.7, -0.6}, {0.3, -0.4, 1}};
    for (auto& r : raw) {
        const double n = std::sqrt(dot(r, r));
        for (auto& v : r) v /= n;
    }
    return raw;
}

}  // namespace

class TestLosses : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void supConMatchesHandComputation() {
        const Rows z = unitRows();
        const std::vector<int> y = {0, 0, 1, 1, 2};
        for (double tau : {0.1, 0.5, 1.0}) {
            const double expected = supConByHand(z, y, tau);
            const double got = supConLoss(toTensor2(z), labelsTensor(y), tau).item<double>();
            QVERIFY2(std::abs(got - expected) < 1e-12 * std::max(1.0, std::abs(expected)),
                     qPrintable(QString("tau %1: %2 vs %3").arg(tau).arg(got, 0, 'g', 17).arg(expected, 0, 'g', 17)));
        }
        // Float32 path agrees to float precision.
        const double f32 = supConLoss(toTensor2(z).to(torch::kFloat32), labelsTensor(y), 0.1).item<double>();
        QVERIFY(std::abs(f32 - supConByHand(z, y, 0.1)) < 1e-4);
    }

    void supConPrefersClusteredClasses() {
        // Identical views of each class and orthogonal classes: near the minimum; shuffled
        // labels: much larger.
        Rows z = {{1, 0}, {1, 0}, {0, 1}, {0, 1}};
        const double good = supConLoss(toTensor2(z), labelsTensor({0, 0, 1, 1}), 0.1).item<double>();
        const double bad = supConLoss(toTensor2(z), labelsTensor({0, 1, 0, 1}), 0.1).item<double>();
        QVERIFY(good < 1e-3);
        QVERIFY(bad > 5.0);
        // No positives anywhere: defined as 0.
        QCOMPARE(supConLoss(toTensor2(z), labelsTensor({0, 1, 2, 3}), 0.1).item<double>(), 0.0);
    }

    void supConGradientMatchesFiniteDifferences() {
        auto gen = makeGenerator(4);
        auto x = torch::randn({6, 4}, gen, torch::TensorOptions().dtype(torch::kFloat64));
        x = x / x.norm(2, 1, true);
        const auto y = labelsTensor({0, 1, 0, 1, 2, 0});
        auto xg = x.clone().requires_grad_(true);
        supConLoss(xg, y, 0.1).backward();
        auto grad = xg.grad();
        const double h = 1e-6;
        double worst = 0;
        for (long i = 0; i < 6; ++i)
            for (long k = 0; k < 4; ++k) {
                auto xp = x.clone(), xm = x.clone();
                xp[i][k] += h;
                xm[i][k] -= h;
                const double fd = (supConLoss(xp, y, 0.1).item<double>() - supConLoss(xm, y, 0.1).item<double>()) / (2 * h);
                worst = std::max(worst, std::abs(fd - grad[i][k].item<double>()));
            }
        QVERIFY2(worst < 1e-6, qPrintable(QString::number(worst)));
        QVERIFY(grad.abs().sum().item<double>() > 0.1);  // not trivially zero
    }

    void tripletMatchesHandComputationAndGradient() {
        const Rows z = unitRows();
        const std::vector<int> y = {0, 0, 1, 1, 2};
        for (double margin : {0.2, 1.0}) {
            const double expected = tripletByHand(z, y, margin);
            const double got = batchHardTripletLoss(toTensor2(z), labelsTensor(y), margin).item<double>();
            QVERIFY2(std::abs(got - expected) < 1e-9, qPrintable(QString("%1 vs %2").arg(got).arg(expected)));
        }
        auto gen = makeGenerator(8);
        auto x = torch::randn({6, 3}, gen, torch::TensorOptions().dtype(torch::kFloat64));
        const auto yl = labelsTensor({0, 1, 0, 1, 1, 0});
        auto xg = x.clone().requires_grad_(true);
        batchHardTripletLoss(xg, yl, 5.0).backward();  // large margin: every hinge active
        const double h = 1e-6;
        double worst = 0;
        for (long i = 0; i < 6; ++i)
            for (long k = 0; k < 3; ++k) {
                auto xp = x.clone(), xm = x.clone();
                xp[i][k] += h;
                xm[i][k] -= h;
                const double fd = (batchHardTripletLoss(xp, yl, 5.0).item<double>() -
                                   batchHardTripletLoss(xm, yl, 5.0).item<double>()) / (2 * h);
                worst = std::max(worst, std::abs(fd - xg.grad()[i][k].item<double>()));
            }
        QVERIFY2(worst < 1e-6, qPrintable(QString::number(worst)));
    }

    void badShapesAreRejected() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, supConLoss(torch::zeros({3, 2}), labelsTensor({0, 1}), 0.1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, supConLoss(torch::zeros({2, 2}), labelsTensor({0, 1}), 0.0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, batchHardTripletLoss(torch::zeros({3}), labelsTensor({0, 1, 0}), 0.2));
    }
};

QTEST_APPLESS_MAIN(TestLosses)
#include "test_losses.moc"
