// Dataset folders built by the test: each kind of bad input of issue 2 §4 is skipped with the
// file and the reason while the good records load; on-demand reads, cache, parallel read-all,
// cancellation and the fingerprint.
#include "core/common/error.h"
#include "core/data/dataset.h"
#include "core/data/test_files.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <thread>

using namespace dacl;
using testfiles::writeMatRecord;
using testfiles::writeText;

namespace {

struct CancelAfter : ProgressSink {
    std::size_t limit;
    std::size_t seen = 0;
    explicit CancelAfter(std::size_t n) : limit(n) {}
    void report(const std::string&, std::size_t done, std::size_t) override { seen = done; }
    bool cancelled() const override { return seen >= limit; }
};

struct Recorder : ProgressSink {
    std::size_t last = 0, total = 0;
    std::vector<std::string> logs;
    void report(const std::string&, std::size_t done, std::size_t t) override {
        QVERIFY(done >= last);  // monotone, even with several reader threads
        last = done;
        total = t;
    }
    void log(const std::string& m) override { logs.push_back(m); }
};

const SkippedFile* findSkip(const Dataset& ds, const QString& file) {
    for (const SkippedFile& s : ds.skipped())
        if (QString::fromStdString(s.file) == file) return &s;
    return nullptr;
}

std::vector<std::string> names(const Dataset& ds) {
    std::vector<std::string> out;
    for (const RecordEntry& r : ds.records()) out.push_back(r.name);
    return out;
}

}  // namespace

class TestDataset : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // One folder holding three good records and one of each bad kind.
    void skipsEachBadRecordWithFileAndReason() {
        QTemporaryDir tmp;
        const QString d = tmp.path();
        auto p = [&](const QString& f) { return QDir(d).filePath(f); };
        writeMatRecord(d, "G1", 3000, 1);
        writeMatRecord(d, "G2", 4500, 2);
        writeMatRecord(d, "G3", 18000, 3);
        // truncated signal file
        writeMatRecord(d, "TRUNC", 900);
        QVERIFY(QFile(p("TRUNC.mat")).resize(500));
        // missing signal file
        writeMatRecord(d, "NOSIG", 900);
        QVERIFY(QFile::remove(p("NOSIG.mat")));
        // unparsable header, empty header
        writeMatRecord(d, "UNPARS", 900);
        writeText(p("UNPARS.hea"), "UNPARS one 300 900\nUNPARS.mat 16+24 1000/mV\n");
        writeMatRecord(d, "EMPTY", 900);
        writeText(p("EMPTY.hea"), "");
        // sample-count mismatch: header says 1000, file holds 900
        writeMatRecord(d, "COUNT", 900);
        writeText(p("COUNT.hea"), "COUNT 1 300 1000\nCOUNT.mat 16+24 1000/mV 16 0 0 0 0 ECG\n");
        // unknown format
        writeText(p("FMT.dat"), QByteArray(1800, '\0'));
        writeText(p("FMT.hea"), "FMT 1 300 900\nFMT.dat 311 200/mV\n");
        // non-positive sampling rate, zero and non-finite gain
        writeMatRecord(d, "FS0", 900, 1, "0");
        writeMatRecord(d, "GAIN0", 900);
        writeText(p("GAIN0.hea"), "GAIN0 1 300 900\nGAIN0.mat 16+24 0/mV 16 0 0 0 0 ECG\n");
        writeMatRecord(d, "GAINNAN", 900);
        writeText(p("GAINNAN.hea"), "GAINNAN 1 300 900\nGAINNAN.mat 16+24 nan/mV 16 0 0 0 0 ECG\n");
        // listed in RECORDS without a header
        const QStringList listed{"G1", "TRUNC", "NOSIG", "UNPARS", "EMPTY", "G2", "COUNT", "FMT", "FS0", "GAIN0", "GAINNAN", "NOHEA", "G3"};
        writeText(p("RECORDS"), listed.join('\n').toUtf8() + "\n");
        // labels, including one for a record that does not exist and a malformed line
        writeText(p("REFERENCE.csv"), "G1,N\nG2,A\nGHOST,O\nG3,~\nTRUNC,N\nnot a label line\n");

        const Dataset ds = Dataset::open(d.toStdString());
        QCOMPARE(names(ds), (std::vector<std::string>{"G1", "G2", "G3"}));
        QCOMPARE(ds.records()[0].label, std::string("N"));
        QCOMPARE(ds.records()[1].label, std::string("A"));
        QCOMPARE(ds.records()[2].label, std::string("~"));
        QCOMPARE(ds.records()[2].nSamples, 18000L);
        QCOMPARE(ds.records()[2].durationS, 60.0);
        QCOMPARE(ds.records()[1].fs, 300.0);
        QCOMPARE(ds.classCounts(), (std::map<std::string, int>{{"N", 1}, {"A", 1}, {"~", 1}}));

        struct Expect {
            QString file;
            QStringList parts;
        };
        const std::vector<Expect> expected{
            {p("TRUNC.mat"), {"truncated"}},
            {p("NOSIG.mat"), {"missing"}},
            {p("UNPARS.hea"), {"line 1", "field 2 (number of signals)"}},
            {p("EMPTY.hea"), {"empty header"}},
            {p("COUNT.mat"), {"sample-count mismatch", "1000", "900"}},
            {p("FMT.hea"), {"unsupported WFDB format 311"}},
            {p("FS0.hea"), {"line 1", "sampling frequency", "positive"}},
            {p("GAIN0.hea"), {"line 2", "field 3 (gain)", "nonzero"}},
            {p("GAINNAN.hea"), {"line 2", "field 3 (gain)", "not finite"}},
            {p("NOHEA.hea"), {"header file is missing", "RECORDS line 12"}},
        };
        for (const Expect& e : expected) {
            const SkippedFile* s = findSkip(ds, e.file);
            QVERIFY2(s, qPrintable("not skipped: " + e.file));
            for (const QString& part : e.parts)
                QVERIFY2(QString::fromStdString(s->reason).contains(part), s->reason.c_str());
        }
        // REFERENCE.csv problems name the file and quote the line.
        int refProblems = 0;
        for (const SkippedFile& s : ds.skipped()) {
            if (QString::fromStdString(s.file) != p("REFERENCE.csv")) continue;
            ++refProblems;
            const QString r = QString::fromStdString(s.reason);
            QVERIFY2(r.startsWith("line 3: label for record 'GHOST'") || r.startsWith("line 6: expected 'record,label'"),
                     s.reason.c_str());
        }
        QCOMPARE(refProblems, 2);
        QCOMPARE(ds.skipped().size(), expected.size() + 2);

        // The good records read correctly.
        const auto rec = ds.signal(1);
        const auto adu = testfiles::testSamples(4500, 2);
        QCOMPARE(rec->name, std::string("G2"));
        QCOMPARE(rec->channels[0].size(), adu.size());
        for (std::size_t i = 0; i < adu.size(); ++i) QCOMPARE(rec->channels[0][i], adu[i] / 1000.0);
    }

    void folderWithoutListsIsScannedUnlabelled() {
        QTemporaryDir tmp;
        writeMatRecord(tmp.path(), "b", 600);
        writeMatRecord(tmp.path(), "a", 300);
        writeDat(QDir(tmp.path()).filePath("c.dat").toStdString(), 212, {std::vector<int>(250, 5), std::vector<int>(250, -5)});
        writeText(QDir(tmp.path()).filePath("c.hea"), "c 2 250\nc.dat 212 200/mV\nc.dat 212 200/mV\n");
        writeText(QDir(tmp.path()).filePath("notes.txt"), "not a record");
        const Dataset ds = Dataset::open(tmp.path().toStdString());
        QCOMPARE(names(ds), (std::vector<std::string>{"a", "b", "c"}));
        for (const RecordEntry& r : ds.records()) QVERIFY(r.label.empty());
        QVERIFY(ds.classCounts().empty());
        QVERIFY(ds.skipped().empty());
        // c: sample count from the file size, two channels
        QCOMPARE(ds.records()[2].nSamples, 250L);
        QCOMPARE(ds.records()[2].durationS, 1.0);
        const auto c = ds.signal(2);
        QCOMPARE(c->channels.size(), std::size_t(2));
        QCOMPARE(c->channels[1][249], -5 / 200.0);
        QCOMPARE(*ds.indexOf("b"), std::size_t(1));
        QVERIFY(!ds.indexOf("zzz"));
    }

    void referenceWithoutRecords() {
        QTemporaryDir tmp;
        writeMatRecord(tmp.path(), "r1", 300);
        writeMatRecord(tmp.path(), "r2", 300);
        // CRLF line ends and a byte-order mark, as a spreadsheet program may save it.
        writeText(QDir(tmp.path()).filePath("REFERENCE.csv"), "\xEF\xBB\xBFr2,O\r\nr1,N\r\nr9,A\r\nr1,A\r\n");
        const Dataset ds = Dataset::open(tmp.path().toStdString());
        QCOMPARE(names(ds), (std::vector<std::string>{"r2", "r1"}));  // file order
        QCOMPARE(ds.records()[0].label, std::string("O"));
        QCOMPARE(ds.skipped().size(), std::size_t(2));
        const QString ref = QDir(tmp.path()).filePath("REFERENCE.csv");
        QCOMPARE(QString::fromStdString(ds.skipped()[0].file), ref);
        QVERIFY(QString::fromStdString(ds.skipped()[0].reason).startsWith("line 4: second label for record 'r1'"));
        QVERIFY(QString::fromStdString(ds.skipped()[1].reason).startsWith("line 3: label for record 'r9', which does not exist"));
    }

    void unusableFolders() {
        QTemporaryDir tmp;
        const QString d = tmp.path();
        auto expectError = [](const QString& dir, const QString& file, const QString& part) {
            try {
                Dataset::open(dir.toStdString());
                QFAIL("no error");
            } catch (const InputError& e) {
                QCOMPARE(QString::fromStdString(e.file()), file);
                QVERIFY2(QString::fromStdString(e.reason()).contains(part), e.what());
            }
        };
        expectError(d, d, "no records");                                   // empty folder
        expectError(d + "/missing", d + "/missing", "does not exist");     // missing folder
        writeText(QDir(d).filePath("RECORDS"), "\n# nothing\n");
        expectError(d, QDir(d).filePath("RECORDS"), "lists no records");
        writeText(QDir(d).filePath("RECORDS"), "x\n");
        expectError(QDir(d).filePath("RECORDS"), QDir(d).filePath("RECORDS"), "not a folder");
        // Only bad records: an error by default, a report when asked for one.
        writeText(QDir(d).filePath("x.hea"), "x 1 0\n");
        expectError(d, d, "none of its 1 record(s) could be loaded");
        DatasetOptions opt;
        opt.requireRecords = false;
        const Dataset ds = Dataset::open(d.toStdString(), opt);
        QVERIFY(ds.records().empty());
        QCOMPARE(ds.skipped().size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(ds.skipped()[0].file), QDir(d).filePath("x.hea"));
    }

    void cacheIsBoundedAndShared() {
        QTemporaryDir tmp;
        for (int i = 0; i < 4; ++i) writeMatRecord(tmp.path(), QString("r%1").arg(i), 1000, i);
        DatasetOptions opt;
        opt.cacheBytes = 2 * 1000 * sizeof(double);  // room for two records
        const Dataset ds = Dataset::open(tmp.path().toStdString(), opt);
        const Dataset copy = ds;  // copies share state and cache
        const auto a = ds.signal(0);
        QCOMPARE(copy.signal(0).get(), a.get());  // served from the cache
        copy.signal(1);
        copy.signal(2);  // evicts record 0, the least recently used
        QVERIFY(ds.signal(0).get() != a.get());
        QCOMPARE(a->channels[0], ds.signal(0)->channels[0]);  // the evicted copy stays valid
        ds.setCacheBytes(0);
        QCOMPARE(copy.cacheBytes(), std::size_t(0));
        QVERIFY(ds.signal(3).get() != ds.signal(3).get());
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, ds.signal(4));
    }

    void signalsFromManyThreads() {
        QTemporaryDir tmp;
        for (int i = 0; i < 6; ++i) writeMatRecord(tmp.path(), QString("r%1").arg(i), 2000, i);
        DatasetOptions opt;
        opt.cacheBytes = 3 * 2000 * sizeof(double);
        const Dataset ds = Dataset::open(tmp.path().toStdString(), opt);
        std::vector<std::thread> threads;
        std::atomic<int> bad{0};
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                for (int k = 0; k < 60; ++k) {
                    const int i = (k * 7 + t) % 6;
                    const auto rec = ds.signal(static_cast<std::size_t>(i));
                    if (rec->channels[0][5] != testfiles::testSamples(2000, i)[5] / 1000.0) ++bad;
                }
            });
        for (auto& t : threads) t.join();
        QCOMPARE(bad.load(), 0);
    }

    void readAllListsFailuresAndLoadsTheRest() {
        QTemporaryDir tmp;
        for (int i = 0; i < 12; ++i) writeMatRecord(tmp.path(), QString("r%1").arg(i, 2, 10, QChar('0')), 500 + i, i);
        const Dataset ds = Dataset::open(tmp.path().toStdString());
        // Damage one record after opening: reading it must fail cleanly.
        QVERIFY(QFile(QDir(tmp.path()).filePath("r05.mat")).resize(100));
        Recorder progress;
        std::vector<SkippedFile> failures;
        const auto all = ds.readAll(2, progress, &failures);
        QCOMPARE(all.size(), std::size_t(12));
        for (int i = 0; i < 12; ++i) {
            if (i == 5) {
                QVERIFY(!all[5]);
                continue;
            }
            QVERIFY(all[i]);
            QCOMPARE(all[i]->nSamples(), std::size_t(500 + i));
            QCOMPARE(all[i]->channels[0].back(), testfiles::testSamples(500 + i, i).back() / 1000.0);
        }
        QCOMPARE(failures.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(failures[0].file), QDir(tmp.path()).filePath("r05.mat"));
        QVERIFY(QString::fromStdString(failures[0].reason).contains("truncated"));
        QCOMPARE(progress.last, std::size_t(12));
        QCOMPARE(progress.total, std::size_t(12));
        QCOMPARE(progress.logs.size(), std::size_t(1));
        QVERIFY_THROWS_EXCEPTION(InputError, ds.signal(5));
    }

    void readAllCanBeCancelled() {
        QTemporaryDir tmp;
        for (int i = 0; i < 400; ++i) writeMatRecord(tmp.path(), QString("r%1").arg(i), 100, i);
        const Dataset ds = Dataset::open(tmp.path().toStdString());
        CancelAfter sink(50);
        QVERIFY_THROWS_EXCEPTION(Cancelled, ds.readAll(2, sink, nullptr));
        QVERIFY(sink.seen < 400);
    }

    void fingerprintFollowsTheFiles() {
        QTemporaryDir tmp;
        const QString d = tmp.path();
        writeMatRecord(d, "r1", 300, 1);
        writeMatRecord(d, "r2", 300, 2);
        writeText(QDir(d).filePath("REFERENCE.csv"), "r1,N\nr2,A\n");
        const std::string f0 = Dataset::open(d.toStdString()).fingerprint();
        QCOMPARE(f0.size(), std::size_t(16));
        QCOMPARE(Dataset::open(d.toStdString()).fingerprint(), f0);  // stable
        writeText(QDir(d).filePath("REFERENCE.csv"), "r1,N\nr2,O\n");
        const std::string f1 = Dataset::open(d.toStdString()).fingerprint();
        QVERIFY(f1 != f0);  // a label changed
        // Same size, new content and time stamp.
        writeMatRecord(d, "r2", 300, 7);
        QFile sig(QDir(d).filePath("r2.mat"));
        QVERIFY(sig.open(QIODevice::ReadWrite));
        QVERIFY(sig.setFileTime(QDateTime::currentDateTime().addSecs(60), QFileDevice::FileModificationTime));
        sig.close();
        QVERIFY(Dataset::open(d.toStdString()).fingerprint() != f1);
    }
};

QTEST_APPLESS_MAIN(TestDataset)
#include "test_dataset.moc"
