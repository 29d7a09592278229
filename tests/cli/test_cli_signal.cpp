// `dacl signal`, run as a user would (the real binary through QProcess) on EDF+, EDF+D and CSV
// files the test writes: the samples of one signal in the file's unit with their times, the
// default ECG lead, leads by name and index, and bad input refused with the file and reason.
// And `dacl predict --input FILE` on an EDF file with EEG and respiration beside the ECG.
#include "core/common/progress.h"
#include "core/data/edf_test_files.h"
#include "core/data/record_file.h"
#include "core/data/test_files.h"
#include "core/synth/demo_dataset.h"
#include "run_dacl.h"
#include "common/tiny_run.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

#include <cmath>
#include <map>

using namespace dacl::testfiles;
using dacl::testcli::daclPath;
using dacl::testcli::Result;
using dacl::testcli::runDacl;

namespace {

// record,lead -> p of a predict summary file.
std::map<QString, double> summaryScores(const QString& path) {
    std::map<QString, double> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return out;
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList c = lines[i].split(',');
        out[c.value(0) + "," + c.value(1)] = c.value(4).toDouble();
    }
    return out;
}

struct Table {
    QStringList comments;
    QString header;
    std::vector<double> t, v;
};

Table readTable(const QString& path) {
    Table tab;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return tab;
    for (const QByteArray& raw : f.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.isEmpty()) continue;
        if (line.startsWith('#')) {
            tab.comments << line;
        } else if (tab.header.isEmpty()) {
            tab.header = line;
        } else {
            const QStringList c = line.split(',');
            tab.t.push_back(c.value(0).toDouble());
            tab.v.push_back(c.value(1).toDouble());
        }
    }
    return tab;
}

}  // namespace

class TestCliSignal : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFileInfo(daclPath()).isExecutable(), qPrintable(daclPath() + " not built")); }

    void writesTheDefaultEcgLeadInItsUnit() {
        QTemporaryDir tmp;
        const QString edf = tmp.filePath("holter.edf"), out = tmp.filePath("ii.csv");
        const EdfSpec spec = sleepLabFile(4);
        writeText(edf, edfBytes(spec));
        const Result r = runDacl({"signal", "--input", edf, "--output", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const Table tab = readTable(out);
        QCOMPARE(tab.comments.value(0), QString("# unit: uV"));
        QVERIFY2(tab.comments.value(1).contains("'ECG II', 250 Hz, 1000 samples"), qPrintable(tab.comments.value(1)));
        QCOMPARE(tab.header, QString("time_s,value"));
        QCOMPARE(tab.v.size(), std::size_t(1000));
        const double step = 10000.0 / 65535;
        for (std::size_t i = 0; i < tab.v.size(); ++i) {
            QVERIFY2(std::abs(tab.v[i] - spec.channels[1].physical[i]) <= step, qPrintable(QString("sample %1").arg(i)));
            QVERIFY(std::abs(tab.t[i] - static_cast<double>(i) / 250) < 1e-9);
        }
    }

    void leadsByIndexAndName() {
        QTemporaryDir tmp;
        const QString edf = tmp.filePath("holter.edf"), out = tmp.filePath("x.csv");
        writeText(edf, edfBytes(sleepLabFile(4)));
        Result r = runDacl({"signal", "--input", edf, "--lead", "0", "--output", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        Table tab = readTable(out);
        QCOMPARE(tab.v.size(), std::size_t(400));  // EEG at its own 100 Hz, not resampled
        QCOMPARE(tab.t[1], 0.01);
        r = runDacl({"signal", "--input", edf, "--lead", "resp chest", "--output", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        tab = readTable(out);
        QCOMPARE(tab.comments.value(0), QString("# unit: mV"));
        QCOMPARE(tab.v.size(), std::size_t(100));
        r = runDacl({"signal", "--input", edf, "--lead", "V1", "--output", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(edf + ": no signal labelled 'V1'") && r.err.contains("1 'ECG II'"), qPrintable(r.err));
        r = runDacl({"signal", "--input", edf, "--lead", "3", "--output", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("lead 3 does not exist"), qPrintable(r.err));
    }

    void discontinuousTimesKeepTheGap() {
        QTemporaryDir tmp;
        const EdfSpec spec = oneLeadEdf("EDF+D", 100, {0, 60});
        const QString edf = tmp.filePath("d.edf"), out = tmp.filePath("d.csv");
        writeText(edf, edfBytes(spec));
        const Result r = runDacl({"signal", "--input", edf, "--output", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const Table tab = readTable(out);
        QCOMPARE(tab.t.size(), std::size_t(200));
        QCOMPARE(tab.t[99], 0.99);
        QCOMPARE(tab.t[100], 60.0);
    }

    void csvAndWfdbInputs() {
        QTemporaryDir tmp;
        const QString csv = tmp.filePath("c.csv"), out = tmp.filePath("o.csv");
        writeText(csv, "V1,II\n1,10\n2,20\n3,30\n");
        Result r = runDacl({"signal", "--input", csv, "--output", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(csv + ": sampling rate unknown"), qPrintable(r.err));
        r = runDacl({"signal", "--input", csv, "--fs", "2", "--output", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const Table tab = readTable(out);
        QCOMPARE(tab.v, (std::vector<double>{10, 20, 30}));  // II is the default lead
        QCOMPARE(tab.t, (std::vector<double>{0, 0.5, 1.0}));

        writeMatRecord(tmp.path(), "A1", 300);
        r = runDacl({"signal", "--input", tmp.filePath("A1.mat"), "--output", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const Table mat = readTable(out);
        QCOMPARE(mat.comments.value(0), QString("# unit: mV"));
        const auto adu = testSamples(300, 1);
        QCOMPARE(mat.v.size(), std::size_t(300));
        for (std::size_t i = 0; i < 300; ++i) QCOMPARE(mat.v[i], adu[i] / 1000.0);
    }

    // A tiny run's final model on one demo record written as EDF+ (EEG 100 Hz, ECG II at the
    // record's rate, respiration 25 Hz) and as CSV: only the ECG lead is scored, at its own rate,
    // and it scores as the same samples read from the CSV (16-bit EDF quantisation aside).
    void predictScoresTheEcgLeadOfAnEdfFile() {
        QTemporaryDir tmp;
        const QString data = tmp.filePath("data"), db = tmp.filePath("runs.db");
        dacl::NullProgress quiet;
        dacl::synth::writeDemoDataset(data.toStdString(), 14, dacl::synth::kDefaultDemoSeed, quiet);
        QStringList args{"pipeline", "--data", data, "--task", "af_vs_rest", "--folds", "1", "--db", db, "--no-cache", "--json"};
        for (const auto& s : dacl::testing::tinyRunSettings()) args << "--set" << QString::fromStdString(s);
        Result r = runDacl(args, 600);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err.right(2000)));
        const QString runId = QString::number(dacl::testcli::lastJsonLine(r.out)["run_id"].toInteger());

        const dacl::Recording rec = dacl::readRecordFile((data + "/D00003.hea").toStdString());
        const int fs = static_cast<int>(rec.fs), seconds = static_cast<int>(rec.nSamples()) / fs;
        QVERIFY(fs == rec.fs && seconds >= 10);
        EdfSpec spec = sleepLabFile(seconds);
        spec.channels[1].samplesPerRecord = fs;
        spec.channels[1].unit = "mV";
        spec.channels[1].physMin = -20;
        spec.channels[1].physMax = 20;
        spec.channels[1].physical.assign(rec.channels[0].begin(), rec.channels[0].begin() + seconds * fs);
        writeText(tmp.filePath("rec.edf"), edfBytes(spec));
        QByteArray csv = "# fs=" + QByteArray::number(fs) + "\nII\n";
        for (double v : spec.channels[1].physical) csv += QByteArray::number(v, 'g', 17) + "\n";
        writeText(tmp.filePath("rec.csv"), csv);

        r = runDacl({"predict", "--db", db, "--run", runId, "--output", tmp.filePath("p.csv"), "--threads", "2", "--input",
                     tmp.filePath("rec.edf"), tmp.filePath("rec.csv")},
                    600);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err.right(2000)));
        const auto scores = summaryScores(tmp.filePath("p.summary.csv"));
        QCOMPARE(scores.size(), std::size_t(2));  // one row each: no EEG, respiration or combined row
        QVERIFY(scores.count("rec,1") && scores.count("rec,0"));
        QVERIFY2(std::abs(scores.at("rec,1") - scores.at("rec,0")) < 0.02,
                 qPrintable(QString("EDF p %1, CSV p %2").arg(scores.at("rec,1")).arg(scores.at("rec,0"))));
    }

    void badInputFailsWithFileAndReason() {
        QTemporaryDir tmp;
        QByteArray bytes = edfBytes(sleepLabFile(4));
        bytes.chop(5);
        const QString edf = tmp.filePath("cut.edf"), fifo = tmp.filePath("pipe.edf"), out = tmp.filePath("o.csv");
        writeText(edf, bytes);
        QVERIFY(::mkfifo(QFile::encodeName(fifo), 0644) == 0);
        Result r = runDacl({"signal", "--input", edf, "--output", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("dacl: error: " + edf + ": truncated"), qPrintable(r.err));
        r = runDacl({"signal", "--input", fifo, "--output", out}, 60);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(fifo + ": is not a regular file"), qPrintable(r.err));
        r = runDacl({"signal", "--input", tmp.filePath("notes.txt"), "--output", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("does not exist"), qPrintable(r.err));
    }
};

QTEST_APPLESS_MAIN(TestCliSignal)
#include "test_cli_signal.moc"
