// DACL contrastive training: it learns (probe AUROC on embeddings of synthetic classes), is
// deterministic for a seed, reports steps/epochs/progress, can be cancelled, runs every baseline
// variant; the denoising-autoencoder baseline.
#include "core/ml/dae.h"
#include "core/ml/probe.h"
#include "core/ml/trainer.h"
#include "ml_test_data.h"

#include "core/ml/cpu_tuning.h"

#include <QtTest>

#include <cmath>

using namespace dacl::ml;
using namespace dacl::ml::testdata;

namespace {

DaclSettings quick(int epochs = 6) {
    DaclSettings s;
    s.epochs = epochs;
    s.batchSize = 96;
    s.warmupEpochs = 1;
    s.device = "cpu";
    return s;
}

double probeAuroc(const Matrix& trainH, const std::vector<int>& trainY, const Matrix& testH,
                  const std::vector<int>& testY, int K, int positive) {
    LogisticProbe p;
    p.fit(trainH, trainY, K);
    return aurocOneVsRest(p.predictProba(testH), testY, positive);
}

struct CountingSink : dacl::ProgressSink {
    int reports = 0;
    std::size_t lastDone = 0, lastTotal = 0;
    int cancelAfter = -1;
    void report(const std::string&, std::size_t done, std::size_t total) override {
        ++reports;
        lastDone = done;
        lastTotal = total;
    }
    bool cancelled() const override { return cancelAfter >= 0 && reports >= cancelAfter; }
};

// XOR of the signs of the first two coordinates; the other 30 are noise: no linear probe on z
// can separate the classes, so only a learned nonlinear embedding can.
Labelled xorData(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> N01;
    Labelled out{Matrix(n, 32), {}};
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < 32; ++j) out.z(i, j) = static_cast<float>(N01(rng));
        // Keep a margin around the axes so that the classes are well defined.
        for (std::size_t j = 0; j < 2; ++j) out.z(i, j) += out.z(i, j) >= 0 ? 0.5f : -0.5f;
        out.y.push_back((out.z(i, 0) > 0) != (out.z(i, 1) > 0) ? 1 : 0);
    }
    return out;
}

}  // namespace

class TestTrainer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // As the product runs (cpu_tuning.h): LibTorch uses the cores, BLAS single-threaded.
    void initTestCase() { tuneCpuRuntime(); }

    void learnsThreeNoisyBlobs() {
        const auto train = blobs(3, 300, 32, 4.0, 1), test = blobs(3, 300, 32, 4.0, 2);
        DaclTrainer t(32, 3, quick());
        QCOMPARE(t.device(), std::string("cpu"));
        t.train(train.z, train.y);
        const auto& h = t.history();
        QCOMPARE(h.size(), std::size_t(6));
        // SupCon's infimum here is ln|P| = ln(95): each of the 3·96 rows of a batch has 95
        // positives (32 samples per class × 3 rows, minus itself). Training must close most of
        // the gap between the first epoch and that bound.
        const double floor = std::log(95.0);
        QVERIFY2(h.back().meanLoss - floor < 0.4 * (h.front().meanLoss - floor),
                 qPrintable(QString("%1 -> %2 (bound %3)").arg(h.front().meanLoss).arg(h.back().meanLoss).arg(floor)));
        const Matrix htr = t.embed(train.z), hte = t.embed(test.z);
        QCOMPARE(htr.cols, std::size_t(t.embeddingDim()));
        QCOMPARE(t.embeddingDim(), 160);
        for (int k = 0; k < 3; ++k) {
            const double a = probeAuroc(htr, train.y, hte, test.y, 3, k);
            qInfo("class %d vs rest: AUROC %.4f", k, a);
            QVERIFY(a > 0.98);
        }
    }

    void learnsANonlinearClassBoundary() {
        const auto train = xorData(1200, 3), test = xorData(1200, 4);
        const double onLatent = probeAuroc(train.z, train.y, test.z, test.y, 2, 1);
        DaclSettings s = quick(8);
        s.encoder.baseWidth = 16;  // the small configuration suggested for the CPU budget
        DaclTrainer t(32, 2, s);
        t.train(train.z, train.y);
        const double onEmbedding = probeAuroc(t.embed(train.z), train.y, t.embed(test.z), test.y, 2, 1);
        qInfo("XOR: probe AUROC on z0 %.3f, on DACL embedding %.3f", onLatent, onEmbedding);
        QVERIFY(onLatent < 0.6);
        QVERIFY(onEmbedding > 0.9);
    }

    void sameSeedSameLossSequence() {
        const auto d = blobs(3, 100, 32, 2.0, 5);
        auto run = [&](std::uint64_t seed) {
            DaclSettings s = quick(3);
            s.seed = seed;
            DaclTrainer t(32, 3, s);
            std::vector<double> losses;
            t.train(d.z, d.y, {[&](const TrainStep& st) { losses.push_back(st.loss); }, {}});
            return std::make_pair(losses, t.embed(d.z).data);
        };
        const auto a = run(7), b = run(7), c = run(8);
        QCOMPARE(a.first.size(), std::size_t(3 * 4));  // 3 epochs × ceil(300/96)
        QCOMPARE(a.first, b.first);   // bitwise
        QCOMPARE(a.second, b.second);
        QVERIFY(a.first != c.first);
    }

    void callbacksProgressAndCancellation() {
        const auto d = blobs(2, 100, 32, 3.0, 6);
        DaclSettings s = quick(4);
        s.batchSize = 50;  // 4 steps per epoch, 16 in all, 4 warm-up steps
        DaclTrainer t(32, 2, s);
        std::vector<TrainStep> steps;
        std::vector<TrainEpoch> epochs;
        CountingSink sink;
        t.train(d.z, d.y, {[&](const TrainStep& st) { steps.push_back(st); },
                           [&](const TrainEpoch& e) {
                               epochs.push_back(e);
                               QCOMPARE(t.epochsDone(), e.epoch + 1);  // counted before the callback
                           }},
                &sink);
        QCOMPARE(steps.size(), std::size_t(16));
        QCOMPARE(epochs.size(), std::size_t(4));
        QCOMPARE(steps.front().totalSteps, std::int64_t(16));
        QVERIFY(std::abs(steps[0].lr - 1e-3 / 4) < 1e-12);   // warm-up
        QVERIFY(std::abs(steps[3].lr - 1e-3) < 1e-12);       // end of warm-up
        QVERIFY(std::abs(steps[15].lr) < 1e-12);             // cosine down to 0
        QVERIFY(steps[9].lr < steps[5].lr);
        QCOMPARE(epochs[2].lr, steps[11].lr);
        QCOMPARE(sink.lastDone, std::size_t(16));
        QCOMPARE(sink.lastTotal, std::size_t(16));
        QVERIFY(sink.reports >= 16);
        // Training further is a no-op once all epochs are done.
        t.train(d.z, d.y);
        QCOMPARE(t.epochsDone(), 4);

        DaclTrainer u(32, 2, s);
        CountingSink stop;
        stop.cancelAfter = 3;
        QVERIFY_THROWS_EXCEPTION(dacl::Cancelled, u.train(d.z, d.y, {}, &stop));
        QCOMPARE(u.epochsDone(), 0);
    }

    void baselineVariantsRun() {
        const auto d = blobs(2, 96, 32, 3.0, 7);
        for (auto v : {ContrastiveVariant::Dacl, ContrastiveVariant::GaussianViews,
                       ContrastiveVariant::NoTimestep, ContrastiveVariant::TMax1000}) {
            DaclSettings s = DaclSettings::forVariant(v);
            s.epochs = 2;
            s.batchSize = 64;
            s.device = "cpu";
            DaclTrainer t(32, 2, s);
            t.train(d.z, d.y);
            QVERIFY(contrastiveVariantFromString(toString(v)) == v);
            const bool conditioned = s.encoder.timeConditioning;
            QCOMPARE(conditioned, v == ContrastiveVariant::Dacl || v == ContrastiveVariant::TMax1000);
            // Without timestep conditioning the embedding ignores t.
            QCOMPARE(t.embed(d.z, 0).data == t.embed(d.z, 300).data, !conditioned);
        }
        QCOMPARE(DaclSettings::forVariant(ContrastiveVariant::TMax1000).tMax, 1000);
        QVERIFY(DaclSettings::forVariant(ContrastiveVariant::GaussianViews).views == ViewKind::Gaussian);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, contrastiveVariantFromString("simclr"));

        DaclSettings trip = quick(2);
        trip.loss = ContrastiveLossKind::Triplet;
        DaclTrainer t(32, 2, trip);
        t.train(d.z, d.y);
        QCOMPARE(t.history().size(), std::size_t(2));
    }

    void badInput() {
        const auto d = blobs(2, 50, 32, 3.0, 8);
        DaclTrainer t(32, 2, quick(1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, t.train(Matrix(100, 16), d.y));
        std::vector<int> wrong = d.y;
        wrong[3] = 2;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, t.train(d.z, wrong));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, t.train(d.z, std::vector<int>(100, 0)));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, t.embed(d.z, 1001));
        DaclSettings bad = quick(1);
        bad.tMax = 2000;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, DaclTrainer(32, 2, bad));
        bad = quick(1);
        bad.device = "tpu";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, DaclTrainer(32, 2, bad));
    }

    void denoisingAutoencoderBaseline() {
        const auto train = blobs(3, 300, 32, 4.0, 9), test = blobs(3, 300, 32, 4.0, 10);
        DaeSettings s;
        s.epochs = 15;
        s.batchSize = 64;
        s.device = "cpu";
        DenoisingAutoencoder dae(32, s);
        std::vector<DaeEpoch> epochs;
        dae.fit(train.z, [&](const DaeEpoch& e) { epochs.push_back(e); });
        QCOMPARE(epochs.size(), std::size_t(15));
        QVERIFY(epochs.back().loss < epochs.front().loss);
        const Matrix htr = dae.embed(train.z), hte = dae.embed(test.z);
        QCOMPARE(htr.cols, std::size_t(64));
        for (int k = 0; k < 3; ++k) QVERIFY(probeAuroc(htr, train.y, hte, test.y, 3, k) > 0.97);
        auto copy = DenoisingAutoencoder::fromBytes(dae.toBytes());
        QCOMPARE(copy.embed(test.z).data, hte.data);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, dae.embed(Matrix(2, 31)));
    }
};

QTEST_APPLESS_MAIN(TestTrainer)
#include "test_trainer.moc"
