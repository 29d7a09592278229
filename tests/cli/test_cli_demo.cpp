// `dacl demo-data --output DIR [--records N] [--seed S] [--json]`: the real binary writes a
// dataset that `dacl dataset info` and the file layout agree on.
#include "run_dacl.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using dacl::testcli::Result;
using dacl::testcli::runDacl;

namespace {

// demo-data writes a few dozen short records: seconds, even on a busy machine.
constexpr int kTimeoutS = 120;

QByteArray bytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList textLines(const QString& path) {
    return QString::fromUtf8(bytes(path)).split('\n', Qt::SkipEmptyParts);
}

}  // namespace

class TestCliDemo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void writesDatasetWithLabels() {
        QTemporaryDir tmp;
        const QString out = tmp.filePath("demo");
        const Result r = runDacl({"demo-data", "--output", out, "--records", "24", "--seed", "9", "--json"}, kTimeoutS);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j.value("records").toInt(), 24);
        const QJsonObject classes = j.value("classes").toObject();
        int sum = 0;
        for (const char* c : {"N", "A", "O", "~"}) {
            QVERIFY2(classes.value(c).toInt() >= 1, c);  // every class present
            sum += classes.value(c).toInt();
        }
        QCOMPARE(sum, 24);
        QVERIFY(classes.value("N").toInt() > classes.value("A").toInt());

        // Files: header + signal per record, labels for exactly these records.
        const QStringList records = textLines(out + "/RECORDS");
        const QStringList reference = textLines(out + "/REFERENCE.csv");
        QCOMPARE(records.size(), 24);
        QCOMPARE(reference.size(), 24);
        QMap<QString, int> labelCount;
        for (int i = 0; i < 24; ++i) {
            const QString name = QString("D%1").arg(i + 1, 5, 10, QChar('0'));
            QCOMPARE(records[i], name);
            const QStringList fields = reference[i].split(',');
            QCOMPARE(fields.size(), 2);
            QCOMPARE(fields[0], name);
            QVERIFY(QStringList({"N", "A", "O", "~"}).contains(fields[1]));
            ++labelCount[fields[1]];
            QVERIFY(QFile::exists(out + "/" + name + ".hea"));
            QVERIFY(QFileInfo(out + "/" + name + ".mat").size() > 24 + 2 * 9 * 300);
            QVERIFY(textLines(out + "/" + name + ".hea").value(0).startsWith(name + " 1 300 "));
        }
        for (const char* c : {"N", "A", "O", "~"}) QCOMPARE(labelCount.value(c), classes.value(c).toInt());

        // The loader agrees (when `dataset info` is available in this build).
        const Result info = runDacl({"dataset", "info", "--data", out, "--json"}, kTimeoutS);
        if (info.exitCode == 0) {
            const QJsonObject d = QJsonDocument::fromJson(info.out.toUtf8()).object();
            QCOMPARE(d.value("records").toInt(), 24);
            QCOMPARE(d.value("classes").toObject(), classes);
        }
    }

    void sameSeedSameBytes() {
        QTemporaryDir a, b, c;
        QCOMPARE(runDacl({"demo-data", "--output", a.path(), "--records", "6", "--seed", "3", "--quiet"}, kTimeoutS).exitCode, 0);
        QCOMPARE(runDacl({"demo-data", "--output", b.path(), "--records", "6", "--seed", "3", "--quiet"}, kTimeoutS).exitCode, 0);
        QCOMPARE(runDacl({"demo-data", "--output", c.path(), "--records", "6", "--seed", "4", "--quiet"}, kTimeoutS).exitCode, 0);
        for (const QString& f : QDir(a.path()).entryList(QDir::Files)) QCOMPARE(bytes(a.filePath(f)), bytes(b.filePath(f)));
        QVERIFY(bytes(a.filePath("D00001.mat")) != bytes(c.filePath("D00001.mat")));
    }

    void defaultsAndMessages() {
        // Default size is 400 records; the plain summary names the counts and the folder.
        QTemporaryDir tmp;
        const Result r = runDacl({"demo-data", "--output", tmp.path(), "--quiet"}, kTimeoutS);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("400 records"));
        QVERIFY(r.out.contains("N 220, A 80, O 68, ~ 32"));
        QVERIFY(r.out.contains(tmp.path()));
        QCOMPARE(textLines(tmp.filePath("RECORDS")).size(), 400);
    }

    void badArguments() {
        QTemporaryDir tmp;
        QVERIFY(runDacl({"demo-data"}, kTimeoutS).exitCode != 0);  // --output is required
        QVERIFY(runDacl({"demo-data", "--output", tmp.path(), "--records", "0"}, kTimeoutS).exitCode != 0);
        QVERIFY(runDacl({"demo-data", "--output", tmp.path(), "--records", "abc"}, kTimeoutS).exitCode != 0);
        // An output path that is a file: exit 1 with the file named.
        QFile f(tmp.filePath("file"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const Result r = runDacl({"demo-data", "--output", tmp.filePath("file"), "--records", "2"}, kTimeoutS);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("dacl: error:"));
        QVERIFY(r.err.contains(tmp.filePath("file")));
    }
};

QTEST_APPLESS_MAIN(TestCliDemo)
#include "test_cli_demo.moc"
