// Signal files: WFDB formats 16, 212 and 80 (multi-channel, byte offsets, physical units),
// MATLAB v4 as PhysioNet 2017 ships it, and clear errors for missing, truncated, mismatched or
// unsupported files.
#include "core/common/error.h"
#include "core/data/signal_reader.h"
#include "core/data/test_files.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <random>

using namespace dacl;
using testfiles::writeText;

namespace {

// Runs fn, which must throw InputError; checks the file it names and that the message contains
// every one of `parts`.
template <typename Fn>
void expectInputError(Fn&& fn, const QString& file, const QStringList& parts) {
    try {
        fn();
        QFAIL("no InputError");
    } catch (const InputError& e) {
        const QString what = QString::fromStdString(e.what());
        QVERIFY2(QString::fromStdString(e.file()) == file, qPrintable("names " + QString::fromStdString(e.file()) + ": " + what));
        for (const QString& p : parts) QVERIFY2(what.contains(p), qPrintable(what));
    }
}

}  // namespace

class TestSignalReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void datRoundTrip_data() {
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("lo");
        QTest::addColumn<int>("hi");
        QTest::newRow("16") << 16 << -32768 << 32767;
        QTest::newRow("212") << 212 << -2048 << 2047;
        QTest::newRow("80") << 80 << -128 << 127;
    }

    // Three signals interleaved in one file with an odd sample count (so format 212 ends with a
    // lone 12-bit sample), each with its own gain and baseline.
    void datRoundTrip() {
        QFETCH(int, format);
        QFETCH(int, lo);
        QFETCH(int, hi);
        QTemporaryDir dir;
        const int n = 1001;
        std::mt19937 rng(static_cast<unsigned>(format));
        std::uniform_int_distribution<int> dist(lo, hi);
        std::vector<std::vector<int>> adu(3, std::vector<int>(n));
        for (auto& ch : adu)
            for (int& v : ch) v = dist(rng);
        adu[0][0] = lo;  // extremes survive packing
        adu[1][0] = hi;
        writeDat(dir.filePath("m.dat").toStdString(), format, adu);
        const QByteArray f = QByteArray::number(format);
        writeText(dir.filePath("m.hea"), "m 3 250 1001\n"
                                         "m.dat " + f + " 200/mV 12 0\n"
                                         "m.dat " + f + " 100(-10)/mV 12 0\n"
                                         "m.dat " + f + " 2.5(7)/uV 12 7\n");
        const RecordHeader h = parseHeader(dir.filePath("m.hea").toStdString());
        QCOMPARE(checkSignalFiles(h), long(n));
        const Recording rec = readRecording(h);
        QCOMPARE(rec.fs, 250.0);
        QCOMPARE(rec.channels.size(), std::size_t(3));
        QCOMPARE(rec.units, (std::vector<std::string>{"mV", "mV", "uV"}));
        const double gain[3] = {200, 100, 2.5}, base[3] = {0, -10, 7};
        for (int s = 0; s < 3; ++s) {
            QCOMPARE(rec.channels[s].size(), std::size_t(n));
            for (int i = 0; i < n; ++i) QCOMPARE(rec.channels[s][i], (adu[s][i] - base[s]) / gain[s]);
        }
    }

    // Byte layouts from the WFDB signal(5) specification, written by hand so that reader and
    // writer cannot share a mistake.
    void datBytesFromTheSpecification() {
        QTemporaryDir dir;
        // 212: bytes FF 7F FF = sample0 low byte FF, high nibbles 7 (sample1) and F (sample0),
        // sample1 low byte FF -> sample0 = 0xFFF = -1, sample1 = 0x7FF = 2047;
        // then 00 08 = a lone sample 0x800 = -2048.
        writeText(dir.filePath("a.dat"), QByteArray("\xFF\x7F\xFF\x00\x08", 5));
        writeText(dir.filePath("a.hea"), "a 1 100 3\na.dat 212 1/adu 12 0\n");
        Recording r = readRecording(parseHeader(dir.filePath("a.hea").toStdString()));
        QCOMPARE(r.channels[0], (std::vector<double>{-1, 2047, -2048}));
        // 16: little-endian two's complement; 80: offset binary (0x80 = 0). 4-byte header skipped.
        writeText(dir.filePath("b.dat"), QByteArray("HEAD\x34\x12\x00\x80", 8));
        writeText(dir.filePath("c.dat"), QByteArray("\x00\x80\xFF", 3));
        writeText(dir.filePath("bc.hea"), "bc 2 100\nb.dat 16+4 1/adu\nc.dat 80 1/adu\n");
        const RecordHeader h = parseHeader(dir.filePath("bc.hea").toStdString());
        // No sample count in the header: it comes from the file sizes (2 samples each... but
        // c.dat holds 3, so the two files disagree).
        expectInputError([&] { checkSignalFiles(h); }, dir.filePath("bc.hea"), {"different sample counts"});
        writeText(dir.filePath("c.dat"), QByteArray("\x00\x80", 2));
        QCOMPARE(checkSignalFiles(parseHeader(dir.filePath("bc.hea").toStdString())), 2L);
        r = readRecording(parseHeader(dir.filePath("bc.hea").toStdString()));
        QCOMPARE(r.channels[0], (std::vector<double>{0x1234, -32768}));
        QCOMPARE(r.channels[1], (std::vector<double>{-128, 0}));
    }

    void writeMat4HasThePhysionetLayout() {
        QTemporaryDir dir;
        const QString path = dir.filePath("A.mat");
        const std::vector<std::int16_t> v{-127, -162, 32767, -32768, 0};
        writeMat4(path.toStdString(), "val", v);
        const QByteArray b = testfiles::readBytes(path);
        QCOMPARE(b.size(), 24 + 2 * 5);
        auto i32 = [&](int off) {
            std::int32_t x;
            std::memcpy(&x, b.constData() + off, 4);
            return x;
        };
        QCOMPARE(i32(0), 30);   // little-endian int16 numeric matrix
        QCOMPARE(i32(4), 1);    // one row
        QCOMPARE(i32(8), 5);    // N columns
        QCOMPARE(i32(12), 0);   // real
        QCOMPARE(i32(16), 4);   // "val\0"
        QCOMPARE(QByteArray(b.constData() + 20, 4), QByteArray("val\0", 4));
        for (int i = 0; i < 5; ++i) {
            std::int16_t x;
            std::memcpy(&x, b.constData() + 24 + 2 * i, 2);
            QCOMPARE(x, v[static_cast<std::size_t>(i)]);
        }
    }

    void matRecordReadsInPhysicalUnits() {
        QTemporaryDir dir;
        testfiles::writeMatRecord(dir.path(), "A1", 3001, 4);
        const RecordHeader h = parseHeader(dir.filePath("A1.hea").toStdString());
        QCOMPARE(checkSignalFiles(h), 3001L);
        const Recording r = readRecording(h);
        const auto adu = testfiles::testSamples(3001, 4);
        QCOMPARE(r.name, std::string("A1"));
        QCOMPARE(r.fs, 300.0);
        QCOMPARE(r.units, std::vector<std::string>{"mV"});
        QCOMPARE(r.channels[0].size(), adu.size());
        for (std::size_t i = 0; i < adu.size(); ++i) QCOMPARE(r.channels[0][i], adu[i] / 1000.0);
    }

    // A 2 x N int16 matrix (one row per signal, stored column by column), written byte by byte,
    // with a different gain and baseline per signal.
    void twoSignalMatWithBaselines() {
        QTemporaryDir dir;
        const int n = 7;
        QByteArray b;
        auto i32 = [&](std::int32_t v) { b.append(reinterpret_cast<const char*>(&v), 4); };
        i32(30);
        i32(2);
        i32(n);
        i32(0);
        i32(4);
        b.append("val\0", 4);
        for (int i = 0; i < n; ++i)
            for (int s = 0; s < 2; ++s) {
                const std::int16_t v = static_cast<std::int16_t>(s == 0 ? 100 * i : -3 * i);
                b.append(reinterpret_cast<const char*>(&v), 2);
            }
        writeText(dir.filePath("two.mat"), b);
        writeText(dir.filePath("two.hea"), "two 2 500 7\n"
                                           "two.mat 16+24 200(5)/mV 16 0\n"
                                           "two.mat 16+24 10(-2)/mV 16 0\n");
        const RecordHeader h = parseHeader(dir.filePath("two.hea").toStdString());
        QCOMPARE(checkSignalFiles(h), long(n));
        const Recording r = readRecording(h);
        QCOMPARE(r.channels.size(), std::size_t(2));
        for (int i = 0; i < n; ++i) {
            QCOMPARE(r.channels[0][i], (100.0 * i - 5) / 200.0);
            QCOMPARE(r.channels[1][i], (-3.0 * i + 2) / 10.0);
        }
    }

    void missingSignalFile() {
        QTemporaryDir dir;
        writeText(dir.filePath("r.hea"), "r 1 300 10\nr.dat 16 200/mV\n");
        const RecordHeader h = parseHeader(dir.filePath("r.hea").toStdString());
        expectInputError([&] { checkSignalFiles(h); }, dir.filePath("r.dat"), {"missing", "r.hea"});
        expectInputError([&] { readRecording(h); }, dir.filePath("r.dat"), {"missing"});
    }

    void truncatedDat() {
        QTemporaryDir dir;
        writeDat(dir.filePath("r.dat").toStdString(), 16, {std::vector<int>(9, 1)});
        writeText(dir.filePath("r.hea"), "r 1 300 10\nr.dat 16 200/mV\n");
        const RecordHeader h = parseHeader(dir.filePath("r.hea").toStdString());
        expectInputError([&] { checkSignalFiles(h); }, dir.filePath("r.dat"), {"truncated", "18"});
        expectInputError([&] { readRecording(h); }, dir.filePath("r.dat"), {"truncated"});
    }

    void datLongerThanHeaderSays() {
        QTemporaryDir dir;
        writeDat(dir.filePath("r.dat").toStdString(), 212, {std::vector<int>(12, 1), std::vector<int>(12, 2)});
        writeText(dir.filePath("r.hea"), "r 2 300 10\nr.dat 212\nr.dat 212\n");
        const RecordHeader h = parseHeader(dir.filePath("r.hea").toStdString());
        expectInputError([&] { readRecording(h); }, dir.filePath("r.dat"), {"sample-count mismatch", "10", "12"});
    }

    void truncatedMat() {
        QTemporaryDir dir;
        testfiles::writeMatRecord(dir.path(), "t", 100);
        QFile f(dir.filePath("t.mat"));
        QVERIFY(f.resize(24 + 2 * 60));
        const RecordHeader h = parseHeader(dir.filePath("t.hea").toStdString());
        expectInputError([&] { checkSignalFiles(h); }, dir.filePath("t.mat"), {"truncated"});
        expectInputError([&] { readRecording(h); }, dir.filePath("t.mat"), {"truncated"});
        QVERIFY(f.resize(10));
        expectInputError([&] { readRecording(h); }, dir.filePath("t.mat"), {"truncated"});
    }

    void matSampleCountMismatch() {
        QTemporaryDir dir;
        testfiles::writeMatRecord(dir.path(), "m", 100);
        writeText(dir.filePath("m.hea"), "m 1 300 120\nm.mat 16+24 1000/mV 16 0 0 0 0 ECG\n");
        const RecordHeader h = parseHeader(dir.filePath("m.hea").toStdString());
        expectInputError([&] { checkSignalFiles(h); }, dir.filePath("m.mat"), {"sample-count mismatch", "120", "100"});
        expectInputError([&] { readRecording(h); }, dir.filePath("m.mat"), {"sample-count mismatch"});
    }

    void garbageMat() {
        QTemporaryDir dir;
        writeText(dir.filePath("g.mat"), QByteArray(200, 'x'));
        writeText(dir.filePath("g.hea"), "g 1 300 10\ng.mat 16+24 1000/mV\n");
        const RecordHeader h = parseHeader(dir.filePath("g.hea").toStdString());
        expectInputError([&] { readRecording(h); }, dir.filePath("g.mat"), {"MATLAB"});
    }

    void unsupportedFormat() {
        QTemporaryDir dir;
        writeText(dir.filePath("u.dat"), QByteArray(40, '\0'));
        writeText(dir.filePath("u.hea"), "u 1 300 10\nu.dat 311 200/mV\n");
        const RecordHeader h = parseHeader(dir.filePath("u.hea").toStdString());
        expectInputError([&] { checkSignalFiles(h); }, dir.filePath("u.hea"), {"unsupported WFDB format 311", "u.dat"});
        expectInputError([&] { readRecording(h); }, dir.filePath("u.hea"), {"unsupported WFDB format 311"});
        expectInputError([&] { writeDat(dir.filePath("w.dat").toStdString(), 311, {{1}}); }, dir.filePath("w.dat"),
                         {"311"});
    }

    void writeDatRejectsValuesOutOfRange() {
        QTemporaryDir dir;
        expectInputError([&] { writeDat(dir.filePath("w.dat").toStdString(), 212, {{2048}}); }, dir.filePath("w.dat"),
                         {"2048", "212"});
        expectInputError([&] { writeDat(dir.filePath("w.dat").toStdString(), 80, {{1, 2}, {1}}); }, dir.filePath("w.dat"),
                         {"different lengths"});
    }
};

QTEST_APPLESS_MAIN(TestSignalReader)
#include "test_signal_reader.moc"
