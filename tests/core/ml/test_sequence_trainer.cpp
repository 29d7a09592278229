// Training the temporal U-Net on sequences: random crops, stage 1 (SupCon on diffusion views,
// epoch chosen by a validation probe), stage 2 (fine-tuning), choosing a stage, serialisation,
// determinism. The data: records of different lengths whose class is a rhythm in time (class 1
// alternates frame to frame in channel 0, class 0 drifts slowly), invisible to a pooled mean.
#include "core/eval/metrics.h"
#include "common/rhythm_sequences.h"
#include "common/small_sequence_settings.h"
#include "core/ml/sequence_trainer.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace dacl::ml;

namespace {

SequenceSet makeSet(std::size_t n, std::uint64_t seed, std::vector<int>& labels) {
    return dacl::testing::rhythmSequences(n, seed, labels, 4, 64, 24);
}

SequenceTrainSettings small() { return dacl::testing::smallSequenceSettings(); }

double auroc(const Matrix& proba, const std::vector<int>& y) {
    std::vector<double> s(proba.rows);
    for (std::size_t i = 0; i < proba.rows; ++i) s[i] = proba(i, 1);
    return dacl::eval::auroc(s, y);
}

}  // namespace

class TestSequenceTrainer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cropsStayInsideTheValidFrames() {
        std::mt19937_64 rng(1);
        std::vector<int> seen(90, 0);
        for (int k = 0; k < 2000; ++k) {
            const Crop c = randomCrop(90, 2.0 / 3.0, rng);
            QCOMPARE(c.length, 60);
            QVERIFY(c.start >= 0 && c.start + c.length <= 90);
            for (int f = c.start; f < c.start + c.length; ++f) ++seen[f];
        }
        for (int f = 0; f < 90; ++f) QVERIFY2(seen[f] > 0, "every valid frame is reachable");
        QCOMPARE(randomCrop(3, 2.0 / 3.0, rng).length, 3);   // shorter than the minimum: all of it
        QCOMPARE(randomCrop(6, 2.0 / 3.0, rng).length, 4);   // at least 4 frames
    }

    void learnsATemporalPatternInBothStages() {
        std::vector<int> y, yv;
        const SequenceSet train = makeSet(160, 1, y), val = makeSet(60, 2, yv);
        SequenceTrainer t(4, 2, small());
        std::vector<SequenceEpoch> epochs;
        const double probe = t.trainContrastive(train, y, val, yv, [&](const SequenceEpoch& e) { epochs.push_back(e); });
        QCOMPARE(static_cast<int>(epochs.size()), 3);
        QVERIFY(epochs.front().best);
        QVERIFY(std::isfinite(epochs.back().loss));
        QVERIFY2(probe > 0.9, qPrintable(QString("stage-1 validation AUROC %1").arg(probe)));
        const Matrix hProbe = t.embed(val);
        QCOMPARE(static_cast<int>(hProbe.cols), t.embeddingDim());

        const double ft = t.trainSupervised(train, y, val, yv, [](const SequenceEpoch& e) {
            qInfo("fine-tuning epoch %d: loss %.3f, validation AUROC %.3f", e.epoch, e.loss, e.valScore);
        });
        QCOMPARE(t.stage(), SequenceStage::Finetuned);
        QVERIFY2(ft > 0.9, qPrintable(QString("fine-tuned validation AUROC %1").arg(ft)));
        QVERIFY(auroc(t.classProba(val), yv) > 0.9);
        // Choosing a stage restores its weights.
        t.useStage(SequenceStage::Probe);
        const Matrix again = t.embed(val);
        QCOMPARE(again.data, hProbe.data);
    }

    void serialisesAndIsDeterministic() {
        std::vector<int> y, yv;
        const SequenceSet train = makeSet(60, 3, y), val = makeSet(20, 4, yv);
        SequenceTrainSettings s = small();
        s.epochs = 1;
        s.finetuneEpochs = 1;
        SequenceTrainer a(4, 2, s), b(4, 2, s);
        a.trainContrastive(train, y, val, yv);
        b.trainContrastive(train, y, val, yv);
        QCOMPARE(a.embed(val).data, b.embed(val).data);
        const SequenceTrainer c = SequenceTrainer::fromBytes(a.toBytes());
        QCOMPARE(c.embed(val).data, a.embed(val).data);
        QCOMPARE(c.embed(val, 50).data, a.embed(val, 50).data);
        QVERIFY_THROWS_EXCEPTION(std::logic_error, a.useStage(SequenceStage::Finetuned));
        std::vector<int> wrong(y.size() - 1, 0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, a.trainSupervised(train, wrong, val, yv));
    }

    void oneClassValidationStillGivesBothStages() {
        // A tiny dataset's validation split can hold one class: no epoch has a validation AUROC.
        // Both stages must still exist (the last epoch), so that they can be chosen and reported.
        std::vector<int> y, yv;
        const SequenceSet train = makeSet(40, 5, y), val = makeSet(6, 6, yv);
        std::vector<int> oneClass(yv.size(), 0);
        SequenceTrainSettings s = small();
        s.epochs = 1;
        s.finetuneEpochs = 1;
        SequenceTrainer t(4, 2, s);
        t.trainContrastive(train, y, val, oneClass);
        const Matrix probe = t.embed(val);
        t.trainSupervised(train, y, val, oneClass);
        t.useStage(SequenceStage::Probe);
        QCOMPARE(t.embed(val).data, probe.data);
        t.useStage(SequenceStage::Finetuned);
        QCOMPARE(t.stage(), SequenceStage::Finetuned);
        for (float v : t.embed(val).data) QVERIFY(std::isfinite(v));
    }
};

QTEST_APPLESS_MAIN(TestSequenceTrainer)
#include "test_sequence_trainer.moc"
