// `dacl dataset info` and `dacl bench dataset`, run as a user would: the real binary, through
// QProcess, on a folder with a bad record and on the PhysioNet 2017 data. The JSON is parsed with
// Qt's parser, independently of the nlohmann_json that writes it.
#include "core/data/edf_test_files.h"
#include "core/data/test_files.h"
#include "run_dacl.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using dacl::testfiles::writeMatRecord;
using dacl::testfiles::writeText;
using dacl::testcli::daclPath;
using dacl::testcli::Result;
using dacl::testcli::runDacl;

namespace {

const QString kPhysionet = QStringLiteral(DACL_SHARED_DIR "/data/physionet2017");

QJsonObject parseOneObject(const QString& out) {
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(out.toUtf8(), &e);
    if (e.error != QJsonParseError::NoError || !doc.isObject()) {
        qWarning("not one JSON object: %s", qPrintable(out));
        return {};
    }
    return doc.object();
}

// Two good labelled records and one with a truncated signal file.
void makeSmallDataset(const QString& d) {
    writeMatRecord(d, "R1", 3000, 1);
    writeMatRecord(d, "R2", 6000, 2);
    writeMatRecord(d, "BAD", 3000, 3);
    QFile(QDir(d).filePath("BAD.mat")).resize(1000);
    writeText(QDir(d).filePath("RECORDS"), "R1\nR2\nBAD\n");
    writeText(QDir(d).filePath("REFERENCE.csv"), "R1,N\nR2,A\nBAD,O\n");
}

}  // namespace

class TestCliDataset : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFileInfo(daclPath()).isExecutable(), qPrintable(daclPath() + " not built")); }

    void jsonReportsLoadedAndSkipped() {
        QTemporaryDir tmp;
        makeSmallDataset(tmp.path());
        const Result r = runDacl({"dataset", "info", "--data", tmp.path(), "--json"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.trimmed().count('\n') == 0, qPrintable(r.out));  // one line, one object
        const QJsonObject j = parseOneObject(r.out);
        QCOMPARE(j.value("records").toInt(), 2);
        const QJsonObject classes = j.value("classes").toObject();
        QCOMPARE(classes.size(), 2);
        QCOMPARE(classes.value("N").toInt(), 1);
        QCOMPARE(classes.value("A").toInt(), 1);
        const QJsonArray skipped = j.value("skipped").toArray();
        QCOMPARE(skipped.size(), 1);
        QCOMPARE(skipped[0].toObject().value("file").toString(), QDir(tmp.path()).filePath("BAD.mat"));
        QVERIFY(skipped[0].toObject().value("reason").toString().contains("truncated"));
        const QJsonObject dur = j.value("duration_s").toObject();
        QCOMPARE(dur.value("min").toDouble(), 10.0);
        QCOMPARE(dur.value("max").toDouble(), 20.0);
        QCOMPARE(dur.value("median").toDouble(), 15.0);
        const QJsonArray rates = j.value("sampling_rates").toArray();
        QCOMPARE(rates.size(), 1);
        QCOMPARE(rates[0].toObject().value("hz").toDouble(), 300.0);
        QCOMPARE(rates[0].toObject().value("records").toInt(), 2);
        QCOMPARE(j.value("fingerprint").toString().size(), 16);
    }

    void humanOutputListsSkippedFiles() {
        QTemporaryDir tmp;
        makeSmallDataset(tmp.path());
        const Result r = runDacl({"dataset", "info", "--data", tmp.path()});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("2 loaded, 1 skipped"), qPrintable(r.out));
        QVERIFY2(r.out.contains("N 1 A 1"), qPrintable(r.out));
        QVERIFY2(r.out.contains("300 Hz"), qPrintable(r.out));
        QVERIFY2(r.out.contains(QDir(tmp.path()).filePath("BAD.mat") + ": truncated"), qPrintable(r.out));
    }

    void allRecordsBadStillReports() {
        QTemporaryDir tmp;
        writeText(QDir(tmp.path()).filePath("X.hea"), "X 1 -1 10\nX.mat 16+24 1000/mV\n");
        const Result r = runDacl({"dataset", "info", "--data", tmp.path(), "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = parseOneObject(r.out);
        QCOMPARE(j.value("records").toInt(), 0);
        QCOMPARE(j.value("skipped").toArray().size(), 1);
        QVERIFY(j.value("skipped").toArray()[0].toObject().value("reason").toString().contains("sampling frequency"));
    }

    // One recording file is a one-record dataset; its signals are listed with the default lead.
    void singleFileIsAOneRecordDataset() {
        QTemporaryDir tmp;
        const QString edf = QDir(tmp.path()).filePath("night.edf");
        writeText(edf, dacl::testfiles::edfBytes(dacl::testfiles::sleepLabFile(4)));
        Result r = runDacl({"dataset", "info", "--data", edf, "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = parseOneObject(r.out);
        QCOMPARE(j.value("records").toInt(), 1);
        QCOMPARE(j.value("format").toString(), QString("edf+c"));
        const QJsonArray signalList = j.value("signals").toArray();
        QCOMPARE(signalList.size(), 3);
        QCOMPARE(signalList[1].toObject().value("label").toString(), QString("ECG II"));
        QCOMPARE(signalList[1].toObject().value("fs").toDouble(), 250.0);
        QVERIFY(signalList[1].toObject().value("default").toBool());
        QVERIFY(!signalList[0].toObject().value("default").toBool());
        QCOMPARE(j.value("duration_s").toObject().value("max").toDouble(), 4.0);
        r = runDacl({"dataset", "info", "--data", edf});
        QVERIFY2(r.out.contains("signal 1: 'ECG II' uV, 250 Hz  (default lead)"), qPrintable(r.out));
        // A CSV needs its rate, from the file or --fs.
        const QString csv = QDir(tmp.path()).filePath("strip.csv");
        writeText(csv, "II,V1\n1,2\n3,4\n");
        r = runDacl({"dataset", "info", "--data", csv, "--json"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(csv + ": sampling rate unknown"), qPrintable(r.err));
        r = runDacl({"dataset", "info", "--data", csv, "--fs", "500", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(parseOneObject(r.out).value("duration_s").toObject().value("max").toDouble(), 0.004);
    }

    // A label with a byte that is not UTF-8 (a Latin-1 export) still gives one valid JSON object.
    void nonUtf8LabelsGiveValidJson() {
        QTemporaryDir tmp;
        const QString csv = QDir(tmp.path()).filePath("latin1.csv");
        writeText(csv, "# fs=250\nAbleitung \xC4\n1\n2\n");
        const Result r = runDacl({"dataset", "info", "--data", csv, "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = parseOneObject(r.out);
        QCOMPARE(j.value("records").toInt(), 1);
        QCOMPARE(j.value("signals").toArray()[0].toObject().value("label").toString(), QString("Ableitung \uFFFD"));
    }

    // A FIFO or a /dev/zero link among the records is reported, never waited on or read.
    void specialFilesAreSkippedNotWaitedOn() {
        QTemporaryDir tmp;
        makeSmallDataset(tmp.path());
        const QString fifo = QDir(tmp.path()).filePath("R2.mat");
        QFile::remove(fifo);
        QVERIFY(::mkfifo(QFile::encodeName(fifo), 0644) == 0);
        QFile::remove(QDir(tmp.path()).filePath("R1.hea"));
        QVERIFY(QFile::link("/dev/zero", QDir(tmp.path()).filePath("R1.hea")));
        const Result r = runDacl({"dataset", "info", "--data", tmp.path(), "--json"}, 60);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = parseOneObject(r.out);
        QCOMPARE(j.value("records").toInt(), 0);
        QString reasons;
        for (const QJsonValue& v : j.value("skipped").toArray())
            reasons += v.toObject().value("file").toString() + ": " + v.toObject().value("reason").toString() + "\n";
        QVERIFY2(reasons.contains(fifo + ": is not a regular file"), qPrintable(reasons));
        QVERIFY2(reasons.contains(QDir(tmp.path()).filePath("R1.hea") + ": is not a regular file"), qPrintable(reasons));
    }

    void unreadableFoldersFailClearly() {
        QTemporaryDir tmp;
        for (const QString& dir : {tmp.path() + "/missing", tmp.path()}) {  // missing, then empty
            const Result r = runDacl({"dataset", "info", "--data", dir, "--json"});
            QVERIFY2(r.exitCode != 0, qPrintable(r.out));
            QVERIFY2(r.err.startsWith("dacl: error: " + dir), qPrintable(r.err));
            QVERIFY(r.out.isEmpty());
        }
    }

    void benchDatasetReportsTimes() {
        QTemporaryDir tmp;
        makeSmallDataset(tmp.path());
        const Result r = runDacl({"bench", "dataset", "--data", tmp.path(), "--json", "--threads", "2"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = parseOneObject(r.out);
        QCOMPARE(j.value("records").toInt(), 2);
        QCOMPARE(j.value("samples").toInt(), 9000);
        QVERIFY(j.value("open_s").toDouble() > 0);
        const QJsonArray reads = j.value("read_all_s").toArray();
        QCOMPARE(reads.size(), 2);
        QVERIFY(reads[0].toDouble() > 0 && reads[1].toDouble() > 0);
    }

    void physionet2017() {
        if (!QFileInfo::exists(kPhysionet + "/RECORDS")) QSKIP("PhysioNet 2017 data not present");
        const Result r = runDacl({"dataset", "info", "--data", kPhysionet, "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = parseOneObject(r.out);
        QCOMPARE(j.value("records").toInt(), 8528);
        const QJsonObject c = j.value("classes").toObject();
        QCOMPARE(c.value("N").toInt(), 5050);
        QCOMPARE(c.value("A").toInt(), 738);
        QCOMPARE(c.value("O").toInt(), 2456);
        QCOMPARE(c.value("~").toInt(), 284);
        QCOMPARE(j.value("skipped").toArray().size(), 0);
        const QJsonObject dur = j.value("duration_s").toObject();
        QVERIFY(dur.value("min").toDouble() >= 9.0 && dur.value("max").toDouble() <= 61.0);
        QCOMPARE(dur.value("median").toDouble(), 30.0);
        QCOMPARE(j.value("sampling_rates").toArray().size(), 1);
    }
};

QTEST_APPLESS_MAIN(TestCliDataset)
#include "test_cli_dataset.moc"
