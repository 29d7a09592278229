// The CLI against hostile input and machines (issue 18 §2-§5, §7), as a user would meet it:
// out-of-range settings and flags are refused with the range; samples or learning rates that
// overflow are errors, not NaN output with exit 0; --json stays valid JSON for names with
// invalid UTF-8; a read-only results file (or folder) can still be listed; a file-size limit
// gives an error message instead of a silent SIGXFSZ kill.
#include "core/store/metric_names.h"
#include "core/store/results_store.h"
#include "run_dacl.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

#include <thread>

using dacl::testcli::Result;
using dacl::testcli::runDacl;
using dacl::testcli::runProgram;

namespace {

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

// True when `text` is one JSON document (object or array) per non-empty line.
bool everyLineIsJson(const QString& text) {
    const QStringList lines = text.split('\n', Qt::SkipEmptyParts);
    if (lines.isEmpty()) return false;
    for (const QString& line : lines) {
        QJsonParseError e{};
        QJsonDocument::fromJson(line.toUtf8(), &e);
        if (e.error != QJsonParseError::NoError) return false;
    }
    return true;
}

// A results file with one run whose name, task, record names and artefact name hold bytes that
// are not UTF-8 (a lone continuation byte, 0xFF, a truncated sequence).
std::string storeWithBadNames(const std::string& path) {
    using namespace dacl::store;
    ResultsStore st(path);
    NewRun nr;
    nr.name = "run \xff\xfe name";
    nr.task = "af_vs_rest\xc3";
    const std::int64_t id = st.createRun(nr);
    st.addPredictions(id, {{0, "rec\x80ord", 1, 0.9, std::nullopt, {}}, {0, "A00002", 0, 0.1, std::nullopt, {}}});
    Artefact a;
    a.kind = metric::kModel;
    a.name = "model\xe2\x82";
    a.data = {1, 2, 3};
    st.addArtefact(id, a);
    st.setFinalMetric(id, {metric::kAuroc, 0.9, 0.01, 0.85, 0.95});
    return std::to_string(id);
}

// Runs `dacl args` as the unprivileged user `nobody` when this test runs as root (root ignores
// file permissions, so a read-only folder is only read-only for someone else); plainly otherwise.
Result runUnprivileged(const QStringList& args) {
    if (::geteuid() != 0) return runDacl(args, 60);
    return runProgram("setpriv", QStringList{"--reuid=65534", "--regid=65534", "--clear-groups", "--",
                                             dacl::testcli::daclPath()} + args, 60);
}

}  // namespace

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

    void readOnlyResultsFilesCanBeListed() {
        if (::geteuid() == 0 && QStandardPaths::findExecutable("setpriv").isEmpty()) QSKIP("root without setpriv");
        // The folder belongs to this user and is made read-only (or, as root, is simply not
        // writable for `nobody`); everything in it readable.
        const QString folder = dir_.filePath("readonly");
        QVERIFY(QDir().mkpath(folder));
        const std::string db = (folder + "/results.db").toStdString();
        const QString run = QString::fromStdString(storeWithBadNames(db));
        for (const QString& f : QDir(folder).entryList(QDir::Files)) QVERIFY(::chmod(qPrintable(folder + "/" + f), 0444) == 0);
        QVERIFY(::chmod(qPrintable(folder), 0555) == 0);
        QVERIFY(::chmod(qPrintable(dir_.path()), 0755) == 0);
        const QString qdb = QString::fromStdString(db);

        const Result list = runUnprivileged({"runs", "list", "--db", qdb, "--json"});
        QVERIFY2(list.exitCode == 0 && everyLineIsJson(list.out), qPrintable(list.err));
        const Result show = runUnprivileged({"runs", "show", "--db", qdb, "--run", run});
        QVERIFY2(show.exitCode == 0, qPrintable(show.err));
        const Result rename = runUnprivileged({"runs", "rename", "--db", qdb, "--run", run, "--name", "x"});
        QVERIFY2(rename.exitCode == 1 && rename.err.contains("read-only"), qPrintable(rename.err));
        QVERIFY(::chmod(qPrintable(folder), 0755) == 0);
    }

    void aFileSizeLimitIsAnErrorNotAKill() {
        const std::string db = dir_.filePath("export.db").toStdString();
        const QString run = QString::fromStdString(storeWithBadNames(db));
        {
            dacl::store::ResultsStore st(db);  // enough predictions for a 1 MB export
            std::vector<dacl::store::Prediction> many;
            for (int i = 0; i < 20000; ++i) many.push_back({1, "A" + std::to_string(i), i % 2, 0.5, std::nullopt, {}});
            st.addPredictions(run.toLongLong(), many);
        }
        const QString out = dir_.filePath("export.json");
        // ulimit -f counts 1024-byte blocks in bash: 64 kB.
        const Result exp = runProgram("bash", {"-c", "ulimit -f 64; exec \"$0\" \"$@\"", dacl::testcli::daclPath(), "runs",
                                               "export", "--db", QString::fromStdString(db), "--run", run, "--output", out}, 60);
        QVERIFY2(exp.exitCode == 1, qPrintable(exp.err));  // -1 = killed by SIGXFSZ
        QVERIFY2(exp.err.contains(out) && exp.err.contains("File too large"), qPrintable(exp.err));

        // The results store: writing past the limit fails with the reason, the process lives.
        const Result store = runProgram("bash", {"-c", "ulimit -f 512; exec \"$0\" \"$@\"", dacl::testcli::daclPath(),
                                                 "bench", "store", "--records", "20000", "--dim", "64"}, 60);
        QVERIFY2(store.exitCode == 1, qPrintable(store.err));
        QVERIFY2(store.err.contains("file-size limit"), qPrintable(store.err));
    }
};

QTEST_APPLESS_MAIN(TestCliHostile)
#include "test_cli_hostile.moc"
