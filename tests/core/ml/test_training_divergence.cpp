// A training whose loss becomes NaN or infinite stops with an error naming the stage and the epoch
// (issue 18 §3): before, a VAE could "finish" on NaN validation errors with its initial weights.
#include "core/ml/trainer.h"
#include "core/ml/training_divergence.h"
#include "core/ml/vae.h"
#include "ml_test_data.h"

#include "core/ml/cpu_tuning.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace dacl::ml;
using namespace dacl::ml::testdata;

class TestTrainingDivergence : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { tuneCpuRuntime(); }

    void helperNamesStageEpochAndValue() {
        requireFinite("stage", 3, "the loss", 1.5);  // finite: nothing happens
        try {
            requireFinite("SupCon stage 1", 3, "the training loss", std::numeric_limits<double>::quiet_NaN());
            QFAIL("expected TrainingDiverged");
        } catch (const TrainingDiverged& e) {
            QCOMPARE(e.epoch(), 3);
            const QString m = QString::fromStdString(e.what());
            QVERIFY2(m.contains("SupCon stage 1") && m.contains("epoch 3") && m.contains("NaN"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(TrainingDiverged, requireFinite("s", 1, "x", -std::numeric_limits<double>::infinity()));
    }

    void vaeWithAHugeLearningRateFailsWithItsEpoch() {
        const auto data = blobs(2, 200, 16, 3.0, 7);
        VaeSettings s;
        s.latentDim = 4;
        s.maxEpochs = 5;
        s.betaWarmupEpochs = 0;
        s.batchSize = 64;
        s.lr = 1e30;  // finite, but Adam's first steps push the weights to 1e30: float overflow
        s.device = "cpu";
        Vae vae(16, s);
        try {
            vae.fit(data.z);
            QFAIL("a diverged VAE must not finish");
        } catch (const TrainingDiverged& e) {
            QVERIFY2(e.epoch() >= 1 && e.epoch() <= 5, e.what());
            QVERIFY2(QString::fromStdString(e.what()).startsWith("VAE: training diverged at epoch "), e.what());
        }
        QVERIFY(!vae.fitted());
        s.lr = std::numeric_limits<double>::infinity();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Vae(16, s).fit(data.z));
    }

    void encoderWithAHugeLearningRateFailsWithItsEpoch() {
        const auto data = blobs(2, 150, 32, 3.0, 8);
        DaclSettings s;
        s.epochs = 3;
        s.batchSize = 64;
        s.warmupEpochs = 0;
        s.lr = 1e30;
        s.device = "cpu";
        DaclTrainer t(32, 2, s);
        try {
            t.train(data.z, data.y);
            QFAIL("a diverged encoder must not finish");
        } catch (const TrainingDiverged& e) {
            QVERIFY2(QString::fromStdString(e.what()).contains("DACL encoder: training diverged at epoch "), e.what());
            QVERIFY(e.epoch() >= 1 && e.epoch() <= 3);
        }
    }
};

QTEST_APPLESS_MAIN(TestTrainingDivergence)
#include "test_training_divergence.moc"
