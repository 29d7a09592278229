// The CLI on hostile machines (issue 18 §7): a results file that is read-only, or sits in a
// read-only folder, can still be listed and shown (writing says why it cannot); a file-size limit
// (ulimit -f) gives an error message and a failed run instead of a silent SIGXFSZ kill.
#include "hostile_files.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <sys/stat.h>

using namespace dacl::testcli;

class TestCliLimits : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;

private Q_SLOTS:
    void initTestCase() { QVERIFY(dir_.isValid()); }

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

    void aPipelineOverTheFileSizeLimitFailsItsRun_data() {
        QTest::addColumn<int>("limitKb");
        // 100 kB: the results file's write-ahead log reaches the limit as the run starts (the run
        // stayed 'queued' before); 400 kB: a tiny pooled run (4 s) whose artefacts do not fit.
        QTest::newRow("before the run starts") << 100;
        QTest::newRow("while it trains") << 400;
    }

    void aPipelineOverTheFileSizeLimitFailsItsRun() {
        QFETCH(int, limitKb);
        const QString data = dir_.filePath("demo"), db = dir_.filePath(QString("limited%1.db").arg(limitKb));
        if (!QFileInfo::exists(data)) {
            const Result demo = runDacl({"demo-data", "--output", data, "--records", "80", "--quiet"}, 60);
            QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));
        }
        // ulimit -f counts 1024-byte blocks in bash.
        const Result run = runProgram(
            "bash", {"-c", QString("ulimit -f %1; exec \"$0\" \"$@\"").arg(limitKb), dacl::testcli::daclPath(), "pipeline", "--data", data, "--db", db,
                     "--folds", "1", "--no-cache", "--no-final-model", "--set", "repr=pooled", "--set", "vae.epochs=2",
                     "--set", "train.epochs=1", "--set", "eval.bootstrap=20", "--set", "threads=2"},
            120);
        QVERIFY2(run.exitCode == 1, qPrintable(run.err.right(2000)));  // -1: killed by SIGXFSZ
        QVERIFY2(run.err.contains("file-size limit"), qPrintable(run.err.right(2000)));
        const Result list = runDacl({"runs", "list", "--db", db, "--json"}, 60);
        const QJsonArray runs = QJsonDocument::fromJson(list.out.toUtf8()).array();
        QVERIFY2(runs.size() == 1, qPrintable(list.out + list.err));
        const QJsonObject r = runs[0].toObject();
        QVERIFY2(r["status"] == "failed" || r["status"] == "interrupted", qPrintable(list.out));
        QVERIFY2(r["error"].toString().contains("file-size limit"), qPrintable(list.out));
    }

    // The run and its baselines are created one after another: a limit reached between two of
    // them left the parent 'queued' for ever. The sweep passes every point of the creation (an
    // attempt that stops there takes a fraction of a second), until all three runs fit.
    void noRunStaysQueuedWhenItsBaselinesCannotBeCreated() {
        const QString data = dir_.filePath("demo");
        if (!QFileInfo::exists(data)) {
            const Result demo = runDacl({"demo-data", "--output", data, "--records", "80", "--quiet"}, 60);
            QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));
        }
        int mostRunsThatFailed = 0;
        for (int limitKb = 80; limitKb <= 512; limitKb += 8) {
            const QString db = dir_.filePath(QString("baselines%1.db").arg(limitKb));
            const Result run = runProgram(
                "bash", {"-c", QString("ulimit -f %1; exec \"$0\" \"$@\"").arg(limitKb), dacl::testcli::daclPath(), "pipeline", "--data", data,
                         "--db", db, "--folds", "1", "--no-cache", "--no-final-model", "--set", "repr=pooled", "--set", "threads=1",
                         "--baselines", "st_lr,vae_lr", "--limit", "12", "--set", "vae.epochs=2", "--set", "train.epochs=1",
                         "--set", "eval.bootstrap=20"},
                120);
            std::vector<dacl::store::RunInfo> runs;
            if (QFileInfo::exists(db)) runs = dacl::store::ResultsStore(db.toStdString()).listRuns();
            for (const auto& r : runs)
                QVERIFY2(r.status != dacl::store::RunStatus::Queued && r.status != dacl::store::RunStatus::Running,
                         qPrintable(QString("%1 kB: run %2 is %3").arg(limitKb).arg(QString::fromStdString(r.name), QString::fromStdString(toString(r.status)))));
            if (runs.size() == 3) break;  // creation passed (the run then trains or fails later, as tested above)
            QVERIFY2(run.exitCode == 1 && run.err.contains("file-size limit"), qPrintable(QString::number(limitKb) + ": " + run.err.right(1000)));
            for (const auto& r : runs) QVERIFY2(r.error.find("file-size limit") != std::string::npos, qPrintable(QString::number(limitKb)));
            mostRunsThatFailed = std::max(mostRunsThatFailed, static_cast<int>(runs.size()));
        }
        QVERIFY2(mostRunsThatFailed >= 2, "no limit stopped the pipeline between the run and its baselines");
    }
};

QTEST_APPLESS_MAIN(TestCliLimits)
#include "test_cli_limits.moc"
