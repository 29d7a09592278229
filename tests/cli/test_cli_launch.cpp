// `dacl launch --nproc N -- COMMAND`: two local ranks of a real `dacl pipeline --distributed` on
// a tiny demo dataset finish one run in which rank 0 alone wrote the results file and printed the
// --json summary (world_size 2); a rank that fails or is killed makes the launcher stop the others
// and say which rank it was, with that rank's exit code.
#include "common/tiny_run.h"
#include "core/store/results_store.h"
#include "run_dacl.h"

#include <QDir>
#include <QtTest>

using dacl::testcli::daclPath;
using dacl::testcli::lastJsonLine;
using dacl::testcli::Result;
using dacl::testcli::runDacl;

namespace {

constexpr int kTimeoutS = 300;

// The tiny run's settings, for `dacl pipeline` on a demo dataset of 16 records, one split.
QStringList tinyPipeline(const QString& data, const QString& db, int seqBatch) {
    QStringList args{"pipeline", "--data", data, "--db", db, "--folds", "1", "--no-cache", "--no-final-model", "--json"};
    for (const auto& s : dacl::testing::tinyRunSettings()) args << "--set" << QString::fromStdString(s);
    args << "--set" << QStringLiteral("seq.batch=%1").arg(seqBatch) << "--set" << "seq.steps_per_epoch=4";
    return args;
}

}  // namespace

class TestCliLaunch : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    QString data_;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const Result info = runDacl({"info", "--json"});
        QVERIFY2(info.exitCode == 0, qPrintable(info.err));
        if (!lastJsonLine(info.out).value("distributed").toBool()) QSKIP("built without libgloo-dev: no distributed training");
        data_ = dir_.filePath("data");
        const Result r = runDacl({"demo-data", "--output", data_, "--records", "16", "--quiet"}, kTimeoutS);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void twoRanksOfAPipelineMakeOneRun() {
        const QString db = dir_.filePath("two.db");
        const Result r = runDacl(QStringList{"launch", "--nproc", "2", "--", "dacl"} + tinyPipeline(data_, db, 4) << "--distributed",
                                 kTimeoutS);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out.count(QStringLiteral("\"run_id\"")), 1);  // rank 0 alone printed
        const QJsonObject j = lastJsonLine(r.out);
        QCOMPARE(j.value("world_size").toInt(), 2);
        QCOMPARE(j.value("status").toString(), QString("finished"));
        dacl::store::ResultsStore store(db.toStdString());
        QCOMPARE(store.listRuns().size(), std::size_t{1});

        // One process with the doubled batch trains the same encoder: the same scores.
        const Result one = runDacl(tinyPipeline(data_, dir_.filePath("one.db"), 8), kTimeoutS);
        QVERIFY2(one.exitCode == 0, qPrintable(one.err));
        const QJsonObject o = lastJsonLine(one.out);
        QCOMPARE(o.value("world_size").toInt(), 1);
        const double a = j.value("auroc").toObject().value("mean").toDouble();
        const double b = o.value("auroc").toObject().value("mean").toDouble();
        QVERIFY2(std::abs(a - b) < 1e-9, qPrintable(QStringLiteral("AUROC %1 (2 ranks) vs %2 (1 process)").arg(a).arg(b)));
    }

    void aFailingRankStopsTheOthers() {
        // Rank 1 fails at once; rank 0 would sleep for a minute unless the launcher stops it.
        const Result r = runDacl({"launch", "--nproc", "2", "--grace", "2", "--", "sh", "-c",
                                  "if [ \"$RANK\" = 1 ]; then exit 3; fi; exec sleep 60"},
                                 30);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("rank 1 of 2 failed (exit code 3); stopping the other ranks"), qPrintable(r.err));
    }

    void aKilledPipelineRankEndsTheRun() {
        // Rank 1 of a real distributed pipeline is killed (SIGKILL) a second after it starts.
        const QString script = QStringLiteral("if [ \"$RANK\" = 1 ]; then (sleep 1; kill -9 $$) & fi; exec \"$0\" \"$@\"");
        const Result r = runDacl(QStringList{"launch", "--nproc", "2", "--grace", "5", "--", "sh", "-c", script, daclPath()} +
                                     tinyPipeline(data_, dir_.filePath("killed.db"), 4) << "--distributed",
                                 60);
        QCOMPARE(r.exitCode, 128 + 9);
        QVERIFY2(r.err.contains("rank 1 of 2 failed (killed by signal 9"), qPrintable(r.err));
    }

    void distributedNeedsTheEnvironment() {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("MASTER_ADDR");
        const Result r = runDacl(tinyPipeline(data_, dir_.filePath("env.db"), 4) << "--distributed", kTimeoutS, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("environment variable MASTER_ADDR is not set"), qPrintable(r.err));
    }
};

QTEST_APPLESS_MAIN(TestCliLaunch)
#include "test_cli_launch.moc"
