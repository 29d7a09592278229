// Checkpoints: k epochs + checkpoint + reload into fresh objects + N−k epochs is bitwise the
// same run as N epochs straight (CPU); files; mismatched and corrupt checkpoints are refused.
#include "core/common/error.h"
#include "core/ml/checkpoint.h"
#include "core/ml/trainer.h"
#include "ml_test_data.h"

#include <QTemporaryDir>
#include "core/ml/cpu_tuning.h"

#include <QtTest>

using namespace dacl::ml;
using namespace dacl::ml::testdata;

namespace {
DaclSettings settings() {
    DaclSettings s;
    s.epochs = 4;
    s.batchSize = 64;
    s.warmupEpochs = 1;
    s.device = "cpu";
    s.seed = 11;
    return s;
}
}  // namespace

class TestCheckpoint : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // As the product runs (cpu_tuning.h): LibTorch uses the cores, BLAS single-threaded.
    void initTestCase() { tuneCpuRuntime(); }

    void resumeIsBitwiseIdentical() {
        const auto d = blobs(3, 70, 32, 2.5, 1);
        std::vector<double> straight, resumed;
        auto record = [](std::vector<double>& into) {
            return TrainCallbacks{[&into](const TrainStep& s) { into.push_back(s.loss); }, {}};
        };
        DaclTrainer a(32, 3, settings());
        a.train(d.z, d.y, record(straight));

        QTemporaryDir dir;
        const std::string path = dir.filePath("dacl.ckpt").toStdString();
        {
            DaclTrainer b(32, 3, settings());
            b.train(d.z, d.y, record(resumed), nullptr, /*untilEpoch=*/2);
            QCOMPARE(b.epochsDone(), 2);
            writeBytesFile(path, b.checkpoint());
        }  // b is gone: nothing survives but the file
        DaclTrainer c = DaclTrainer::fromCheckpoint(readBytesFile(path));
        QCOMPARE(c.epochsDone(), 2);
        QCOMPARE(c.history().size(), std::size_t(2));
        c.train(d.z, d.y, record(resumed));

        QCOMPARE(resumed.size(), straight.size());
        QCOMPARE(resumed, straight);  // bitwise equal losses
        QCOMPARE(c.embed(d.z).data, a.embed(d.z).data);
        QCOMPARE(c.history().back().meanLoss, a.history().back().meanLoss);

        // Restore into a trainer constructed by hand (same settings) works as well.
        DaclTrainer e(32, 3, settings());
        e.restore(c.checkpoint());
        QCOMPARE(e.embed(d.z).data, a.embed(d.z).data);
    }

    void checkpointTakenInTheEpochCallback() {
        // The lead stores a checkpoint after every epoch; one taken in onEpoch must resume after it.
        const auto d = blobs(2, 64, 32, 2.5, 2);
        DaclTrainer a(32, 2, settings());
        std::string afterFirst;
        a.train(d.z, d.y, {{}, [&](const TrainEpoch& e) {
                               if (e.epoch == 0) afterFirst = a.checkpoint();
                           }});
        DaclTrainer b = DaclTrainer::fromCheckpoint(afterFirst);
        QCOMPARE(b.epochsDone(), 1);
        b.train(d.z, d.y);
        QCOMPARE(b.embed(d.z).data, a.embed(d.z).data);
    }

    void mismatchedOrCorruptCheckpointsAreRefused() {
        const auto d = blobs(2, 64, 32, 2.5, 3);
        DaclTrainer a(32, 2, settings());
        a.train(d.z, d.y, {}, nullptr, 1);
        const std::string bytes = a.checkpoint();
        DaclSettings other = settings();
        other.temperature = 0.2;
        DaclTrainer b(32, 2, other);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, b.restore(bytes));
        DaclTrainer c(32, 3, settings());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, c.restore(bytes));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, DaclTrainer::fromCheckpoint(bytes.substr(0, bytes.size() / 2)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, DaclTrainer::fromCheckpoint("garbage"));

        QTemporaryDir dir;
        try {
            readBytesFile(dir.filePath("missing.ckpt").toStdString());
            QFAIL("missing file accepted");
        } catch (const dacl::InputError& e) {
            QVERIFY(e.file().find("missing.ckpt") != std::string::npos);
        }
        QVERIFY_THROWS_EXCEPTION(dacl::InputError, writeBytesFile(dir.filePath("no/such/dir/x").toStdString(), bytes));
    }
};

QTEST_APPLESS_MAIN(TestCheckpoint)
#include "test_checkpoint.moc"
