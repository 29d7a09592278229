// A SequenceSet streamed to a memory-mapped scratch file (core/ml/sequence_file.h), what the DACL
// training reads its latent sequences from at scale: the same records bit for bit, the same
// trained weights and embeddings as the set in RAM, the pages it reads released again, and no
// file left in the scratch folder (it is unlinked at once), also when the writer is abandoned.
#include "common/rhythm_sequences.h"
#include "common/small_sequence_settings.h"
#include "core/ml/sequence_file.h"
#include "core/ml/sequence_trainer.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdint>
#include <cstring>

using namespace dacl::ml;

namespace {

// Records [a, b) of `s` as a set in RAM (a writer's chunk).
SequenceSet part(const SequenceSet& s, std::size_t a, std::size_t b) {
    SequenceSet out;
    out.channels = s.channels;
    out.frames = s.frames;
    out.valid.assign(s.valid.begin() + static_cast<long>(a), s.valid.begin() + static_cast<long>(b));
    out.values.assign(s.record(a), s.record(a) + (b - a) * s.stride());
    return out;
}

SequenceSet mapped(const SequenceSet& s, const QString& dir, std::size_t chunk = 100) {
    SequenceFileWriter w(s.channels, s.frames, dir.toStdString());
    for (std::size_t a = 0; a < s.size(); a += chunk) w.append(part(s, a, std::min(s.size(), a + chunk)));
    return w.finish();
}

QStringList entries(const QString& dir) { return QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden); }

// Resident KB of the mapping that starts at `p`, from /proc/self/smaps (-1: not found).
long residentKb(const void* p) {
    QFile f("/proc/self/smaps");
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) return -1;
    const QList<QByteArray> lines = f.readAll().split('\n');
    const auto start = reinterpret_cast<std::uintptr_t>(p);
    for (int i = 0; i < lines.size(); ++i) {
        const QByteArray range = lines[i].split(' ').value(0);
        if (!range.contains('-') || range.split('-').value(0).toULongLong(nullptr, 16) != start) continue;
        for (int j = i + 1; j < lines.size(); ++j)
            if (lines[j].startsWith("Rss:")) return lines[j].mid(4).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

// Fewer steps than the trainer's own tests: the point is equality, not learning.
SequenceTrainSettings small() {
    SequenceTrainSettings s = dacl::testing::smallSequenceSettings();
    s.epochs = 2;
    s.stepsPerEpoch = 4;
    s.finetuneEpochs = 1;
    s.probeRecords = 60;
    return s;
}

bool sameBits(const Matrix& a, const Matrix& b) {
    return a.rows == b.rows && a.cols == b.cols && std::memcmp(a.data.data(), b.data.data(), a.data.size() * sizeof(float)) == 0;
}

}  // namespace

class TestSequenceFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void holdsTheSameRecordsBitForBit() {
        QTemporaryDir dir;
        std::vector<int> y;
        const SequenceSet s = dacl::testing::rhythmSequences(250, 3, y, 4, 64, 24);
        const SequenceSet m = mapped(s, dir.path(), 96);  // chunks that do not divide the set
        QVERIFY(m.stored);
        QVERIFY(m.values.empty());
        QCOMPARE(m.channels, s.channels);
        QCOMPARE(m.frames, s.frames);
        QCOMPARE(m.valid, s.valid);
        QCOMPARE(std::memcmp(m.record(0), s.record(0), s.values.size() * sizeof(float)), 0);
        QCOMPARE(m.at(249, 3, 63), s.at(249, 3, 63));
    }

    void leavesNoFileInTheScratchFolder() {
        QTemporaryDir dir;
        std::vector<int> y;
        const SequenceSet s = dacl::testing::rhythmSequences(40, 4, y, 3, 16, 8);
        {
            SequenceFileWriter w(s.channels, s.frames, dir.path().toStdString());
            w.append(part(s, 0, 20));
            QVERIFY2(entries(dir.path()).isEmpty(), qPrintable(entries(dir.path()).join(", ")));
            const SequenceSet m = w.finish();
            QVERIFY(entries(dir.path()).isEmpty());
            QCOMPARE(m.size(), std::size_t{20});
        }
        // A failure between creating and finishing (a chunk of another shape) leaves nothing either.
        try {
            SequenceFileWriter w(s.channels, s.frames, dir.path().toStdString());
            w.append(part(s, 0, 10));
            SequenceSet wrong = part(s, 10, 20);
            wrong.channels = 2;
            w.append(wrong);
            QFAIL("a chunk of another shape was accepted");
        } catch (const std::invalid_argument&) {
        }
        QVERIFY(entries(dir.path()).isEmpty());
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, SequenceFileWriter(3, 16, (dir.path() + "/missing").toStdString()));
    }

    void noRecordsGiveAnEmptySet() {
        QTemporaryDir dir;
        SequenceFileWriter w(3, 16, dir.path().toStdString());
        const SequenceSet m = w.finish();
        QCOMPARE(m.size(), std::size_t{0});
        QVERIFY(!m.stored);
        QVERIFY_THROWS_EXCEPTION(std::logic_error, w.finish());
    }

    void releasedPagesLeaveTheProcess() {
        QTemporaryDir dir;
        std::vector<int> y;
        const SequenceSet s = dacl::testing::rhythmSequences(400, 6, y, 8, 64, 24);  // 800 KB
        const SequenceSet m = mapped(s, dir.path());
        double sum = 0;
        for (std::size_t r = 0; r < m.size(); ++r) sum += m.at(r, 7, 0);
        QVERIFY(sum == sum);
        QVERIFY2(residentKb(m.record(0)) > 0, qPrintable(QString::number(residentKb(m.record(0)))));
        m.releasePages();
        QCOMPARE(residentKb(m.record(0)), 0L);
    }

    // Training and embedding read the mapped records exactly as those in RAM, and each batch lets
    // go of what it read.
    void trainsAndEmbedsAsTheSetInRam() {
        QTemporaryDir dir;
        std::vector<int> y, yv;
        const SequenceSet train = dacl::testing::rhythmSequences(120, 1, y, 4, 64, 24);
        const SequenceSet val = dacl::testing::rhythmSequences(50, 2, yv, 4, 64, 24);
        const SequenceSet trainMapped = mapped(train, dir.path()), valMapped = mapped(val, dir.path());
        SequenceTrainer inRam(4, 2, small()), fromFile(4, 2, small());
        const double a = inRam.trainContrastive(train, y, val, yv);
        const double b = fromFile.trainContrastive(trainMapped, y, valMapped, yv);
        QCOMPARE(a, b);
        // The last reads of the training records were the per-epoch probe's (a subset in RAM).
        QCOMPARE(residentKb(trainMapped.record(0)), 0L);
        QCOMPARE(inRam.trainSupervised(train, y, val, yv), fromFile.trainSupervised(trainMapped, y, valMapped, yv));
        QVERIFY(inRam.toBytes() == fromFile.toBytes());
        QVERIFY(sameBits(inRam.embed(val), fromFile.embed(valMapped)));
        QCOMPARE(residentKb(valMapped.record(0)), 0L);
        QVERIFY(sameBits(inRam.classProba(val), fromFile.classProba(valMapped)));
        QVERIFY(entries(dir.path()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSequenceFile)
#include "test_sequence_file.moc"
