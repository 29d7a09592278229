// Hostile input (issue 18 §1): readers open only regular files (a FIFO, a device such as a link
// to /dev/zero, or a symbolic-link loop gets a clear reason and never a hang), check sizes against
// the header with overflow-safe arithmetic before reading, and refuse records larger than
// data.max_record_samples. Every case is a real file in a QTemporaryDir.
#include "core/common/error.h"
#include "core/data/csv_reader.h"
#include "core/data/dataset.h"
#include "core/data/edf_reader.h"
#include "core/data/edf_test_files.h"
#include "core/data/read_limits.h"
#include "core/data/record_file.h"
#include "core/data/test_files.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace dacl;
using namespace dacl::testfiles;

namespace {

const SkippedFile* skipOf(const Dataset& ds, const QString& file) {
    for (const SkippedFile& s : ds.skipped())
        if (QString::fromStdString(s.file) == file) return &s;
    return nullptr;
}

QString reasonOf(const Dataset& ds, const QString& file) {
    const SkippedFile* s = skipOf(ds, file);
    return s ? QString::fromStdString(s->reason) : QString("(not skipped)");
}

// The InputError of `fn`, "" when it did not throw.
template <typename Fn>
QString errorOf(Fn&& fn) {
    try {
        fn();
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

// Restores the process-wide cap however a test ends.
struct CapGuard {
    std::int64_t saved = maxRecordSamples();
    ~CapGuard() { setMaxRecordSamples(saved); }
};

void link(const QString& target, const QString& at) { QVERIFY(::symlink(target.toLocal8Bit(), at.toLocal8Bit()) == 0); }

}  // namespace

class TestReaderHardening : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // One folder: a good record, and beside it each kind of file that is not a regular file.
    void specialFilesAreSkippedWithAReason() {
        QTemporaryDir tmp;
        const QString d = tmp.path();
        writeMatRecord(d, "GOOD", 3000);
        QVERIFY(::mkfifo(QFile::encodeName(d + "/FIFO.hea"), 0644) == 0);
        link("/dev/zero", d + "/ZERO.hea");
        link(d + "/LOOPB.hea", d + "/LOOPA.hea");
        link(d + "/LOOPA.hea", d + "/LOOPB.hea");
        writeText(d + "/DAT.hea", "DAT 1 250 1000\nDAT.dat 16 200/mV 16 0 0 0 0 II\n");
        link("/dev/zero", d + "/DAT.dat");
        writeText(d + "/RECORDS", "GOOD\nFIFO\nZERO\nLOOPA\nDAT\n");

        const Dataset ds = Dataset::open(d.toStdString());
        QCOMPARE(ds.size(), std::size_t(1));
        QCOMPARE(ds.records()[0].name, std::string("GOOD"));
        QVERIFY2(reasonOf(ds, d + "/FIFO.hea").contains("not a regular file"), qPrintable(reasonOf(ds, d + "/FIFO.hea")));
        QVERIFY2(reasonOf(ds, d + "/ZERO.hea").contains("not a regular file"), qPrintable(reasonOf(ds, d + "/ZERO.hea")));
        QVERIFY2(reasonOf(ds, d + "/LOOPA.hea").contains("symbolic link loop"), qPrintable(reasonOf(ds, d + "/LOOPA.hea")));
        QVERIFY2(reasonOf(ds, d + "/DAT.dat").contains("not a regular file"), qPrintable(reasonOf(ds, d + "/DAT.dat")));
    }

    // The same files opened one by one, as `dacl signal`/`predict --input FILE` do.
    void specialFilesAreRefusedWhenOpenedDirectly() {
        QTemporaryDir tmp;
        const QString d = tmp.path();
        QVERIFY(::mkfifo(QFile::encodeName(d + "/pipe.edf"), 0644) == 0);
        QVERIFY(::mkfifo(QFile::encodeName(d + "/pipe.csv"), 0644) == 0);
        QVERIFY(::mkfifo(QFile::encodeName(d + "/pipe.hea"), 0644) == 0);
        link("/dev/zero", d + "/zero.edf");
        link("/dev/zero", d + "/zero.hea");
        for (const char* f : {"pipe.edf", "pipe.csv", "pipe.hea", "zero.edf", "zero.hea"}) {
            const QString p = d + "/" + f;
            const QString e = errorOf([&] { readRecordFile(p.toStdString(), RecordFileOptions{250}); });
            QVERIFY2(e.startsWith(p + ": ") && e.contains("not a regular file"), qPrintable(f + QString(": ") + e));
            const QString o = errorOf([&] { Dataset::open(p.toStdString()); });
            QVERIFY2(o.contains("not a regular file"), qPrintable(o));
        }
        // A FIFO in place of a folder's REFERENCE.csv: the folder is refused, naming it.
        writeMatRecord(d, "R1", 1000);
        QVERIFY(::mkfifo(QFile::encodeName(d + "/REFERENCE.csv"), 0644) == 0);
        const QString r = errorOf([&] { Dataset::open(d.toStdString()); });
        QVERIFY2(r.startsWith(d + "/REFERENCE.csv: ") && r.contains("not a regular file"), qPrintable(r));
    }

    // A header claiming 2^62 samples next to an 18 KB .dat: refused before any allocation.
    void hugeSampleCountsAreRefused() {
        QTemporaryDir tmp;
        const QString d = tmp.path();
        writeDat((d + "/BIG.dat").toStdString(), 16, {std::vector<int>(9216, 1)});  // 18 KB
        writeText(d + "/BIG.hea", "BIG 1 300 4611686018427387904\nBIG.dat 16 200/mV 16 0 0 0 0 II\n");
        writeDat((d + "/OVER.dat").toStdString(), 16, {std::vector<int>(100, 1), std::vector<int>(100, 2), std::vector<int>(100, 3),
                                                        std::vector<int>(100, 4)});
        writeText(d + "/OVER.hea", "OVER 4 300 4611686018427387904\n"
                                   "OVER.dat 16 200/mV 16 0 0 0 0 I\nOVER.dat 16 200/mV 16 0 0 0 0 II\n"
                                   "OVER.dat 16 200/mV 16 0 0 0 0 V1\nOVER.dat 16 200/mV 16 0 0 0 0 V2\n");
        DatasetOptions o;
        o.requireRecords = false;
        const Dataset ds = Dataset::open(d.toStdString(), o);
        QCOMPARE(ds.size(), std::size_t(0));
        QVERIFY2(reasonOf(ds, d + "/BIG.hea").contains("more than one record may hold"), qPrintable(reasonOf(ds, d + "/BIG.hea")));
        QVERIFY2(reasonOf(ds, d + "/OVER.hea").contains("more than can be counted"), qPrintable(reasonOf(ds, d + "/OVER.hea")));
        const QString direct = errorOf([&] { readRecording(parseHeader((d + "/BIG.hea").toStdString())); });
        QVERIFY2(direct.contains("4611686018427387904 samples"), qPrintable(direct));
        // A MATLAB v4 header claiming a 2^31 x 2^31 matrix in a 40-byte file.
        QByteArray mat(40, '\0');
        const int type = 30, rows = 0x7FFFFFFF, cols = 0x7FFFFFFF, imag = 0, namlen = 4;
        for (int i = 0; i < 4; ++i) {
            mat[i] = static_cast<char>((type >> (8 * i)) & 0xFF);
            mat[4 + i] = static_cast<char>((rows >> (8 * i)) & 0xFF);
            mat[8 + i] = static_cast<char>((cols >> (8 * i)) & 0xFF);
            mat[12 + i] = static_cast<char>((imag >> (8 * i)) & 0xFF);
            mat[16 + i] = static_cast<char>((namlen >> (8 * i)) & 0xFF);
        }
        writeText(d + "/M.mat", mat);
        writeText(d + "/M.hea", "M 1 300\nM.mat 16 1000/mV 16 0 0 0 0 ECG\n");
        const QString m = errorOf([&] { readRecordFile((d + "/M.mat").toStdString()); });
        QVERIFY2(m.contains("more than one record may hold") || m.contains("truncated"), qPrintable(m));
    }

    // The cap is a setting: with a small one, every reader refuses a larger record, naming it.
    void recordCapAppliesToEveryFormat() {
        CapGuard guard;
        QTemporaryDir tmp;
        const QString d = tmp.path();
        writeMatRecord(d, "W", 3000);
        EdfSpec spec;
        spec.records = 10;
        EdfSignal ecg = edfSignal("II", "mV", -5, 5, "", "");
        ecg.samplesPerRecord = 300;
        spec.channels = {ecg};
        writeText(d + "/E.edf", edfBytes(spec));
        QByteArray csv = "# fs=300\nII\n";
        for (int i = 0; i < 3000; ++i) csv += "0.5\n";
        writeText(d + "/C.csv", csv);
        for (const char* f : {"W.hea", "E.edf", "C.csv"}) QVERIFY(errorOf([&] { readRecordFile((d + "/" + f).toStdString()); }).isEmpty());

        setMaxRecordSamples(2999);
        for (const char* f : {"W.hea", "E.edf", "C.csv"}) {
            const QString e = errorOf([&] { readRecordFile((d + "/" + f).toStdString()); });
            QVERIFY2(e.contains("data.max_record_samples"), qPrintable(f + QString(": ") + e));
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, setMaxRecordSamples(0));
    }

    // fs = 1e23 Hz would make every duration zero and every rate check meaningless.
    void implausibleSamplingRateIsRefused() {
        QTemporaryDir tmp;
        writeText(tmp.filePath("F.hea"), "F 1 1e23 10\nF.dat 16 200/mV 16 0 0 0 0 II\n");
        const QString e = errorOf([&] { parseHeader(tmp.filePath("F.hea").toStdString()); });
        QVERIFY2(e.contains("sampling frequency") && e.contains("implausibly high"), qPrintable(e));
    }

    // A header file far larger than any header is refused, not read into memory.
    void oversizedHeaderIsRefused() {
        QTemporaryDir tmp;
        QFile f(tmp.filePath("H.hea"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("H 1 300 10\nH.dat 16 200/mV 16 0 0 0 0 II\n");
        QVERIFY(f.resize(17 << 20));  // sparse: costs no disk
        f.close();
        const QString e = errorOf([&] { parseHeader(tmp.filePath("H.hea").toStdString()); });
        QVERIFY2(e.contains("more than the"), qPrintable(e));
    }
};

QTEST_APPLESS_MAIN(TestReaderHardening)
#include "test_reader_hardening.moc"
