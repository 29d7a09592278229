// The CLI against hostile input (issue 18 §2-§4), as a user would meet it: out-of-range settings
// and flags are refused with the range; samples or learning rates that overflow are errors, not
// NaN output with exit 0; a signal too long to transform is refused while reading; --json stays
// valid JSON for names with invalid UTF-8. (Read-only files and file-size limits: test_cli_limits.)
#include "hostile_files.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>
#include <thread>

using namespace dacl::testcli;

class TestCliHostile : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;

private Q_SLOTS:
    void initTestCase() { QVERIFY(dir_.isValid()); }


    void outOfRangeSettingsAreRefusedWithTheRange() {
        const QString db = dir_.filePath("never.db");
        for (const char* set : {"threads=9999", "preprocess.fs=0", "data.lead=-1", "vae.lr=1e308", "train.threads=100000"}) {
            const Result r = runDacl({"pipeline", "--data", dir_.path(), "--db", db, "--set", set}, 60);
            QVERIFY2(r.exitCode == 1, qPrintable(QString(set) + ": " + r.err));
            QVERIFY2(r.err.contains("outside the valid range"), qPrintable(r.err));
            QVERIFY2(r.err.contains(QString(set).section('=', 0, 0)), qPrintable(r.err));
        }
        QVERIFY(!QFile::exists(db));  // refused before anything was created
        // Flags too: CLI11 names the range.
        const Result info = runDacl({"info", "--threads", "9999"}, 60);
        QVERIFY2(info.exitCode > 0 && info.err.contains("9999") && info.err.contains("range"), qPrintable(info.err));
    }

    void settingsListsEveryRange() {
        const Result r = runDacl({"settings", "--json"}, 60);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray all = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QVERIFY(all.size() > 50);
        int numeric = 0;
        for (const QJsonValue& v : all) {
            const QJsonObject s = v.toObject();
            if (s["type"] != "integer" && s["type"] != "number") continue;
            ++numeric;
            QVERIFY2(s.contains("min") && s.contains("max"), qPrintable(s["key"].toString()));
            QVERIFY(s["min"].toDouble() <= s["default"].toDouble() && s["default"].toDouble() <= s["max"].toDouble());
            if (s["key"] == "threads")
                QCOMPARE(s["max"].toDouble(), 4.0 * std::max(1u, std::thread::hardware_concurrency()));
        }
        QVERIFY(numeric > 40);
        const Result table = runDacl({"settings"}, 60);
        QVERIFY(table.exitCode == 0 && table.out.contains("vae.lr") && table.out.contains("1e-07 .. 1"));
    }

    void scatteringThatOverflowsIsAnError() {
        QByteArray text;
        for (int i = 0; i < 4096; ++i) text += (i % 2 ? "1e308\n" : "-1e308\n");
        const QString in = dir_.filePath("huge.txt"), out = dir_.filePath("huge.csv");
        writeFile(in, text);
        const Result r = runDacl({"scatter", "--input", in, "--output", out, "--J", "6"}, 60);
        QVERIFY2(r.exitCode == 1, qPrintable(r.err));
        QVERIFY2(r.err.contains("not finite") && r.err.contains("1e+308"), qPrintable(r.err));
        QVERIFY(!QFile::exists(out) || QFile(out).size() == 0 || !QFile(out).readAll().contains("nan"));
    }

    void aSignalTooLongToScatterIsRefusedWhileReading() {
        const QString in = dir_.filePath("long.txt");
        {
            QFile f(in);
            QVERIFY(f.open(QIODevice::WriteOnly));
            const QByteArray block = QByteArray("0.5\n").repeated(1 << 16);
            for (int i = 0; i < 17; ++i) f.write(block);  // 17 x 65,536 = 1,114,112 samples
        }
        const Result r = runDacl({"scatter", "--input", in, "--output", dir_.filePath("long.csv")}, 60);
        QVERIFY2(r.exitCode == 1, qPrintable(r.err));
        QVERIFY2(r.err.contains(in + ":1048577") && r.err.contains("too long"), qPrintable(r.err));
        QFile::remove(in);
    }

    void tsneThatOverflowsIsAnError() {
        QByteArray csv;
        for (int i = 0; i < 40; ++i) csv += QByteArray::number(i % 2 ? 1e308 : -1e308) + "," + QByteArray::number(i) + "\n";
        const QString in = dir_.filePath("huge_points.csv");
        writeFile(in, csv);
        const Result huge = runDacl({"tsne", "--input", in, "--output", dir_.filePath("xy.csv"), "--perplexity", "5"}, 60);
        QVERIFY2(huge.exitCode == 1 && huge.err.contains("rescale"), qPrintable(huge.err));

        QByteArray ok;
        for (int i = 0; i < 40; ++i) ok += QByteArray::number(i % 3) + "," + QByteArray::number(i % 5) + "\n";
        writeFile(in, ok);
        const Result rate = runDacl({"tsne", "--input", in, "--output", dir_.filePath("xy.csv"), "--perplexity", "5",
                                     "--learning-rate", "1e308"}, 60);
        QVERIFY2(rate.exitCode > 0 && rate.err.contains("learning-rate"), qPrintable(rate.err));
    }

    void jsonOutputSurvivesInvalidUtf8() {
        const std::string db = dir_.filePath("names.db").toStdString();
        const QString run = QString::fromStdString(storeWithBadNames(db));
        const QString qdb = QString::fromStdString(db);
        const Result list = runDacl({"runs", "list", "--db", qdb, "--json"}, 60);
        QVERIFY2(list.exitCode == 0 && everyLineIsJson(list.out), qPrintable(list.err));
        QVERIFY(list.out.contains(QChar(0xFFFD)));  // the bad bytes are replaced, the rest exact
        QVERIFY(list.out.contains("name"));
        const Result show = runDacl({"runs", "show", "--db", qdb, "--run", run, "--json"}, 60);
        QVERIFY2(show.exitCode == 0 && everyLineIsJson(show.out), qPrintable(show.err));
        const Result exp = runDacl({"runs", "export", "--db", qdb, "--run", run}, 60);
        QVERIFY2(exp.exitCode == 0 && everyLineIsJson(exp.out), qPrintable(exp.err));
        QVERIFY(exp.out.contains("rec\xEF\xBF\xBD" "ord"));

        // A folder whose name is not UTF-8, passed as raw bytes through a shell.
        const QString script = dir_.filePath("bad_folder.sh");
        writeFile(script, "exec \"$DACL\" demo-data --output \"$1\"/$'\\xff\\xfe'demo --records 3 --json --quiet\n");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("DACL", dacl::testcli::daclPath());
        const Result demo = runProgram("bash", {script, dir_.path()}, 60, env);
        QVERIFY2(demo.exitCode == 0 && everyLineIsJson(demo.out), qPrintable(demo.err + demo.out));
        QVERIFY(demo.out.contains(QChar(0xFFFD)));
    }
};

QTEST_APPLESS_MAIN(TestCliHostile)
#include "test_cli_hostile.moc"
