// VAE: learns low-rank structure, β warm-up, early stopping keeps the best validation epoch,
// latent standardisation, determinism, save/load, bad input.
#include "core/ml/vae.h"

#include "core/ml/cpu_tuning.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace dacl::ml;

namespace {

// x = A·u + 0.1·noise + offset: rank-4 structure in 64 columns.
Matrix lowRank(std::size_t n, unsigned seed, unsigned mixSeed = 99) {
    std::mt19937 mix(mixSeed), rng(seed);
    std::normal_distribution<double> N01;
    std::vector<double> A(64 * 4);
    for (auto& a : A) a = N01(mix);
    Matrix x(n, 64);
    for (std::size_t i = 0; i < n; ++i) {
        double u[4];
        for (double& v : u) v = N01(rng);
        for (std::size_t k = 0; k < 64; ++k) {
            double v = 3.0 + 0.1 * N01(rng);
            for (int j = 0; j < 4; ++j) v += A[k * 4 + static_cast<std::size_t>(j)] * u[j];
            x(i, k) = static_cast<float>(v);
        }
    }
    return x;
}

double mse(const Matrix& a, const Matrix& b) {
    double s = 0;
    for (std::size_t i = 0; i < a.data.size(); ++i) s += (a.data[i] - b.data[i]) * (a.data[i] - b.data[i]);
    return s / static_cast<double>(a.data.size());
}

double variance(const Matrix& a) {  // mean per-column variance
    double s = 0;
    for (std::size_t k = 0; k < a.cols; ++k) {
        double m = 0, q = 0;
        for (std::size_t i = 0; i < a.rows; ++i) m += a(i, k);
        m /= static_cast<double>(a.rows);
        for (std::size_t i = 0; i < a.rows; ++i) q += (a(i, k) - m) * (a(i, k) - m);
        s += q / static_cast<double>(a.rows);
    }
    return s / static_cast<double>(a.cols);
}

VaeSettings small() {
    VaeSettings s;
    s.latentDim = 8;
    s.maxEpochs = 30;
    s.betaWarmupEpochs = 5;
    s.batchSize = 64;
    s.device = "cpu";
    return s;
}

}  // namespace

class TestVae : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // As the product runs (cpu_tuning.h): LibTorch uses the cores, BLAS single-threaded.
    void initTestCase() { tuneCpuRuntime(); }

    void learnsLowRankStructure() {
        const Matrix train = lowRank(2000, 1), test = lowRank(500, 2);
        Vae vae(64, small());
        QCOMPARE(vae.parameterCount(),
                 std::int64_t(64 * 256 + 256 + 256 * 128 + 128 + 2 * (128 * 8 + 8) +
                              8 * 128 + 128 + 128 * 256 + 256 + 256 * 64 + 64));
        std::vector<VaeEpoch> seen;
        const auto r = vae.fit(train, {}, [&](const VaeEpoch& e) { seen.push_back(e); });
        QCOMPARE(seen.size(), r.epochs.size());
        // β rises linearly over the warm-up, then stays.
        QVERIFY(std::abs(r.epochs[0].beta - 0.01 / 5) < 1e-12);
        QVERIFY(std::abs(r.epochs[4].beta - 0.01) < 1e-12);
        QVERIFY(std::abs(r.epochs.back().beta - 0.01) < 1e-12);
        // Reconstruction far better than predicting the mean (error = total variance).
        const double err = mse(vae.reconstruct(test), test);
        const double var = variance(test);
        qInfo("test reconstruction MSE %.4f vs variance %.4f", err, var);
        QVERIFY(err < 0.1 * var);
        QVERIFY(r.epochs.back().trainRecon < r.epochs.front().trainRecon);
    }

    void latentIsStandardisedOnTrainingData() {
        const Matrix train = lowRank(1500, 3);
        Vae vae(64, small());
        vae.fit(train);
        const Matrix z = vae.encode(train);
        QCOMPARE(z.cols, std::size_t(8));
        for (std::size_t k = 0; k < 8; ++k) {
            double m = 0, q = 0;
            for (std::size_t i = 0; i < z.rows; ++i) m += z(i, k);
            m /= static_cast<double>(z.rows);
            for (std::size_t i = 0; i < z.rows; ++i) q += (z(i, k) - m) * (z(i, k) - m);
            QVERIFY(std::abs(m) < 1e-4);
            QVERIFY(std::abs(std::sqrt(q / static_cast<double>(z.rows)) - 1.0) < 1e-3);
        }
        // encode = (μ − mean)/std.
        const Matrix mu = vae.encodeMean(train);
        const auto mean = vae.latentMean(), sd = vae.latentStd();
        QVERIFY(std::abs((mu(7, 3) - mean[3]) / sd[3] - z(7, 3)) < 1e-5);
    }

    void earlyStoppingKeepsTheBestValidationEpoch() {
        // 60 training rows and a wide network overfit: validation error turns up and training stops.
        VaeSettings s = small();
        s.maxEpochs = 400;
        s.patience = 5;
        s.batchSize = 16;
        s.standardiseInput = false;  // so that reconstruct() is in the units of valRecon
        const Matrix train = lowRank(60, 4), val = lowRank(300, 5);
        Vae vae(64, s);
        const auto r = vae.fit(train, val);
        QVERIFY(r.stoppedEarly);
        QCOMPARE(static_cast<int>(r.epochs.size()), r.bestEpoch + 1 + s.patience);
        double best = 1e300;
        for (const auto& e : r.epochs)
            if (e.epoch + 1 >= s.betaWarmupEpochs) best = std::min(best, e.valRecon);
        QCOMPARE(r.bestValRecon, best);
        QVERIFY(r.epochs[static_cast<std::size_t>(r.bestEpoch)].best);
        // The parameters kept are those of the best epoch.
        QVERIFY(std::abs(mse(vae.reconstruct(val), val) - best) < 1e-4 * best);
    }

    void deterministicAndSerialisable() {
        const Matrix train = lowRank(800, 6);
        VaeSettings s = small();
        s.maxEpochs = 8;
        Vae a(64, s), b(64, s);
        const auto ra = a.fit(train), rb = b.fit(train);
        for (std::size_t i = 0; i < ra.epochs.size(); ++i) QCOMPARE(ra.epochs[i].trainLoss, rb.epochs[i].trainLoss);
        const Matrix za = a.encode(train);
        QCOMPARE(za.data, b.encode(train).data);
        Vae c = Vae::fromBytes(a.toBytes());
        QCOMPARE(c.encode(train).data, za.data);
        QCOMPARE(c.latentDim(), 8);
        s.seed = 2;
        Vae d(64, s);
        d.fit(train);
        QVERIFY(d.encode(train).data != za.data);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Vae::fromBytes(std::string(100, 'x')));
    }

    void badInput() {
        Vae vae(64, small());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vae.fit(Matrix(10, 63)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vae.fit(Matrix()));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, vae.encode(Matrix(2, 64)));
        Matrix x = lowRank(50, 7);
        x(10, 5) = INFINITY;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vae.fit(x));
        VaeSettings bad = small();
        bad.validationFraction = 1.0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Vae(64, bad));
    }
};

QTEST_APPLESS_MAIN(TestVae)
#include "test_vae.moc"
