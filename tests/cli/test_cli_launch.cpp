// `dacl launch --nproc N -- COMMAND`: two local ranks of a real `dacl pipeline --distributed` on
// a tiny demo dataset finish one run in which rank 0 alone wrote the results file and printed the
// --json summary (world_size 2); a rank that fails or is killed makes the launcher stop the others
// and say which rank it was, with that rank's exit code; and such a run resumes.
//
// Resuming: rank 1 of a 2-rank launch of a 2-fold pipeline is killed (SIGKILL) once the first fold
// is stored: the launcher names rank 1 and stops rank 0 within seconds. One process cannot resume
// the run (it was trained by 2 ranks, and says so); `dacl launch --nproc 2 -- dacl pipeline
// --resume ID --distributed` keeps the stored fold, trains the other and ends with the results of
// an uninterrupted 2-rank run: every fold result, test prediction and training curve within 1e-9
// (the same seeds and the same process layout).
//
// Without the launcher (ranks started with the torchrun variables by hand or by a scheduler), the
// surviving rank of a killed one stops by itself with an error naming the lost rank and the timeout.
// With the launcher, each rank's "all cores" (threads=0) is its share of the machine's cores.
#include "core/store/results_store.h"
#include "run_dacl.h"
#include "tiny_pipeline.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <thread>
#include <vector>

using namespace dacl::store;
using dacl::testcli::daclPath;
using dacl::testcli::lastJsonLine;
using dacl::testcli::Result;
using dacl::testcli::runDacl;
using dacl::testcli::tinyPipeline;

namespace {

constexpr int kTimeoutS = 300;
constexpr double kTolerance = 1e-9;

// Everything a run computed, by a key naming it: fold results, test predictions, curves.
std::map<QString, double> outcome(const QString& dbPath) {
    ResultsStore st(dbPath.toStdString());
    const std::int64_t id = st.listRuns().front().id;
    std::map<QString, double> out;
    for (const auto& r : st.foldResults(id)) out[QStringLiteral("fold %1 %2").arg(r.fold).arg(QString::fromStdString(r.name))] = r.value;
    for (const auto& p : st.predictions(id))
        out[QStringLiteral("prediction %1 %2").arg(p.fold.value_or(-1)).arg(QString::fromStdString(p.record))] = p.score;
    for (const auto& m : st.metrics(id))
        out[QStringLiteral("curve %1 %2 %3 %4")
                .arg(m.fold.value_or(-1))
                .arg(m.epoch.value_or(-1))
                .arg(m.step.value_or(-1))
                .arg(QString::fromStdString(m.name))] = m.value;
    return out;
}

// Waits until the results file `db` holds a fold's AUROC (true), or `writer` ends or kTimeoutS passes (false).
bool waitForStoredFold(const QString& db, const QProcess& writer) {
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < kTimeoutS * 1000 && writer.state() == QProcess::Running) {
        QTest::qWait(100);
        try {
            ResultsStore peek(db.toStdString(), OpenOptions{false, false, 5000, 900});
            for (const auto& run : peek.listRuns())
                for (const auto& r : peek.foldResults(run.id))
                    if (r.name == "auroc") return true;
        } catch (const std::exception&) {
        }
    }
    return false;
}

// A port on 127.0.0.1 that nothing listens on (the kernel's pick), for ranks started without the launcher.
int freePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    const bool ok = fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
                    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0;
    if (fd >= 0) ::close(fd);
    return ok ? ntohs(a.sin_port) : 0;
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
        // threads=0 ("all cores"): each of the 2 ranks computes features with half of them.
        const Result r = runDacl(QStringList{"launch", "--nproc", "2", "--", "dacl"} + tinyPipeline(data_, db, 2)
                                     << "--distributed" << "--set" << "threads=0",
                                 kTimeoutS);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
        QVERIFY2(r.err.contains(QStringLiteral("each of 2 local rank(s) on %1 cores: %2 feature thread(s), 1 training")
                                    .arg(cores)
                                    .arg(std::max(1, cores / 2))),
                 qPrintable(r.err));
        QCOMPARE(r.out.count(QStringLiteral("\"run_id\"")), 1);  // rank 0 alone printed
        const QJsonObject j = lastJsonLine(r.out);
        QCOMPARE(j.value("world_size").toInt(), 2);
        QCOMPARE(j.value("status").toString(), QString("finished"));
        dacl::store::ResultsStore store(db.toStdString());
        QCOMPARE(store.listRuns().size(), std::size_t{1});

        // One process with the doubled batches (seq.batch, vae.batch) trains the same VAE and encoder,
        // up to float rounding: the same scores.
        const Result one = runDacl(tinyPipeline(data_, dir_.filePath("one.db"), 1), kTimeoutS);
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
                                     tinyPipeline(data_, dir_.filePath("killed.db"), 2) << "--distributed",
                                 60);
        QCOMPARE(r.exitCode, 128 + 9);
        QVERIFY2(r.err.contains("rank 1 of 2 failed (killed by signal 9"), qPrintable(r.err));
    }

    void aKilledRankStopsTheRunWhichResumesToTheSameResult() {
        QElapsedTimer total;
        total.start();
        const QString refDb = dir_.filePath("reference.db");
        const Result ref = runDacl(QStringList{"launch", "--nproc", "2", "--", "dacl"} + tinyPipeline(data_, refDb, 2, 2)
                                       << "--distributed",
                                   kTimeoutS);
        QVERIFY2(ref.exitCode == 0, qPrintable(ref.err.right(2000)));

        // Each rank writes its pid, then becomes `dacl pipeline`.
        const QString db = dir_.filePath("resumed.db");
        const QString script = QStringLiteral("echo $$ > \"%1/rank$RANK.pid\"; exec \"$0\" \"$@\"").arg(dir_.path());
        QProcess launch;
        launch.start(daclPath(), QStringList{"launch", "--nproc", "2", "--grace", "5", "--", "sh", "-c", script, daclPath()} +
                                     tinyPipeline(data_, db, 2, 2) << "--distributed");
        QVERIFY(launch.waitForStarted());
        QElapsedTimer clock;
        clock.start();
        QVERIFY2(waitForStoredFold(db, launch), qPrintable("the pipeline never stored a fold: " + launch.readAllStandardError().right(2000)));
        QFile pidFile(dir_.filePath("rank1.pid"));
        QVERIFY(pidFile.open(QIODevice::ReadOnly));
        const pid_t rank1 = static_cast<pid_t>(pidFile.readAll().trimmed().toLongLong());
        QVERIFY(rank1 > 0);
        QCOMPARE(::kill(rank1, SIGKILL), 0);
        QElapsedTimer stopping;
        stopping.start();
        QVERIFY(launch.waitForFinished(60000));
        const double stopS = static_cast<double>(stopping.elapsed()) / 1000.0;
        const QString err = QString::fromUtf8(launch.readAllStandardError());
        qInfo("rank 1 killed after %.1f s; the launch ended %.2f s later", static_cast<double>(clock.elapsed()) / 1000.0 - stopS, stopS);
        QCOMPARE(launch.exitCode(), 128 + SIGKILL);
        QVERIFY2(err.contains("rank 1 of 2 failed (killed by signal 9"), qPrintable(err.right(2000)));
        QVERIFY2(stopS < 15, qPrintable(QString::number(stopS)));  // --grace 5, then SIGKILL

        std::int64_t id = 0;
        {
            ResultsStore st(db.toStdString());
            const RunInfo run = st.listRuns().front();
            QVERIFY(run.status == RunStatus::Interrupted || run.status == RunStatus::Failed);
            id = run.id;
            int folds = 0;
            for (const auto& r : st.foldResults(id)) folds += r.name == "auroc";
            QCOMPARE(folds, 1);  // the kill came during the second fold
        }
        const QString idText = QString::number(id);

        // One process cannot resume what two ranks trained: it says how to.
        const Result alone = runDacl({"pipeline", "--db", db, "--resume", idText, "--no-cache", "--json"}, kTimeoutS);
        QCOMPARE(alone.exitCode, 1);
        QVERIFY2(alone.err.contains("was trained by 2 rank(s), not 1: resume it with as many (dacl launch --nproc 2"),
                 qPrintable(alone.err));

        const Result resumed = runDacl({"launch", "--nproc", "2", "--", "dacl", "pipeline", "--db", db, "--resume", idText,
                                        "--no-cache", "--json", "--distributed"},
                                       kTimeoutS);
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err.right(2000)));
        QVERIFY2(resumed.err.contains("resuming run " + idText), qPrintable(resumed.err.right(2000)));
        // The stored fold is kept, the interrupted one trained again.
        QVERIFY2(!resumed.err.contains("dacl fold 1/2: AUROC") && resumed.err.contains("dacl fold 2/2: AUROC"),
                 qPrintable(resumed.err.right(2000)));
        const QJsonObject s = lastJsonLine(resumed.out);
        QCOMPARE(s.value("status").toString(), QStringLiteral("finished"));
        QCOMPARE(s.value("world_size").toInt(), 2);
        QCOMPARE(s.value("run_id").toInteger(), static_cast<qint64>(id));

        const auto expected = outcome(refDb), got = outcome(db);
        QCOMPARE(got.size(), expected.size());
        int predictions = 0;
        for (const auto& [key, value] : expected) {
            QVERIFY2(got.count(key), qPrintable("missing after the resume: " + key));
            // NaN where a score is undefined (a tiny validation split of one class): NaN on both sides.
            const bool same = std::isnan(value) ? std::isnan(got.at(key)) : std::abs(got.at(key) - value) <= kTolerance;
            QVERIFY2(same,
                     qPrintable(QStringLiteral("%1: %2 resumed, %3 uninterrupted").arg(key).arg(got.at(key), 0, 'g', 17).arg(value, 0, 'g', 17)));
            predictions += key.startsWith("prediction");
        }
        QVERIFY(predictions >= 12);  // 16 records, every one tested in one of the 2 folds
        qInfo("whole test: %.1f s", static_cast<double>(total.elapsed()) / 1000.0);

        // Rank 0 refuses a second resume (the run is finished): the other rank fails with rank 0's
        // reason at once (rank 0 then waits 5 s, so that the launcher stops it, not the other).
        QElapsedTimer refusing;
        refusing.start();
        const Result again = runDacl({"launch", "--nproc", "2", "--grace", "10", "--", "sh", "-c",
                                      "\"$0\" \"$@\"; code=$?; if [ \"$RANK\" = 0 ]; then sleep 5; fi; exit $code", daclPath(),
                                      "pipeline", "--db", db, "--resume", idText, "--no-cache", "--distributed"},
                                     kTimeoutS);
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("run " + idText + " is already finished"), qPrintable(again.err));
        QVERIFY2(again.err.contains("rank 0 of 2 failed: run " + idText + " is already finished"), qPrintable(again.err));
        QVERIFY2(again.err.contains("rank 1 of 2 failed (exit code 1)"), qPrintable(again.err));
        qInfo("both ranks refused in %.1f s", static_cast<double>(refusing.elapsed()) / 1000.0);
    }

    void theRanksEndWithTheLauncher() {
        // The launcher is killed (SIGKILL, it cannot pass anything on): its ranks go too.
        const QString script = QStringLiteral("echo $$ > \"%1/alive$RANK.pid\"; exec sleep 60").arg(dir_.path());
        QProcess launch;
        launch.start(daclPath(), {"launch", "--nproc", "2", "--", "sh", "-c", script});
        QVERIFY(launch.waitForStarted());
        std::vector<pid_t> ranks;
        QElapsedTimer clock;
        clock.start();
        for (int r = 0; r < 2; ++r) {
            QFile f(dir_.filePath(QStringLiteral("alive%1.pid").arg(r)));
            while (!(f.exists() && f.size() > 0) && clock.elapsed() < 30000) QTest::qWait(50);
            QVERIFY(f.open(QIODevice::ReadOnly));
            ranks.push_back(static_cast<pid_t>(f.readAll().trimmed().toLongLong()));
            QVERIFY(ranks.back() > 0 && ::kill(ranks.back(), 0) == 0);
        }
        QCOMPARE(::kill(static_cast<pid_t>(launch.processId()), SIGKILL), 0);
        QVERIFY(launch.waitForFinished(10000));
        clock.restart();
        // Orphans are reaped by init (or a subreaper): gone, or at least no longer running.
        auto running = [](pid_t p) {
            QFile stat(QStringLiteral("/proc/%1/stat").arg(p));
            return stat.open(QIODevice::ReadOnly) && !stat.readAll().contains(") Z ");
        };
        while ((running(ranks[0]) || running(ranks[1])) && clock.elapsed() < 10000) QTest::qWait(50);
        QVERIFY2(!running(ranks[0]) && !running(ranks[1]), "a rank outlived its launcher");
    }

    void aKilledRankStartedLikeTorchrunFailsItsPeerWithAClearError() {
        // No launcher: two `dacl pipeline --distributed` started with the torchrun variables, as
        // a cluster's scheduler would. Rank 1 is killed once rank 0 has stored a fold; rank 0 is
        // left alone and must stop by itself, naming rank 1 and the timeout.
        const int port = freePort();
        QVERIFY(port > 0);
        const QString db = dir_.filePath("torchrun.db");
        std::vector<std::unique_ptr<QProcess>> ranks;
        for (int r = 0; r < 2; ++r) {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert("MASTER_ADDR", "127.0.0.1");
            env.insert("MASTER_PORT", QString::number(port));
            env.insert("WORLD_SIZE", "2");
            env.insert("RANK", QString::number(r));
            env.insert("OMP_NUM_THREADS", "1");
            env.insert("DACL_DIST_TIMEOUT", "60");
            ranks.push_back(std::make_unique<QProcess>());
            ranks.back()->setProcessEnvironment(env);
            ranks.back()->start(daclPath(), tinyPipeline(data_, db, 2, 2) << "--distributed");
            QVERIFY(ranks.back()->waitForStarted());
        }
        QVERIFY2(waitForStoredFold(db, *ranks[0]), qPrintable("rank 0 never stored a fold: " + ranks[0]->readAllStandardError().right(2000)));
        QCOMPARE(::kill(static_cast<pid_t>(ranks[1]->processId()), SIGKILL), 0);
        QVERIFY(ranks[1]->waitForFinished(10000));
        // Within the timeout (60 s) and some slack for a loaded machine.
        QVERIFY2(ranks[0]->waitForFinished(120000), "rank 0 kept waiting for the killed rank");
        const QString err = QString::fromUtf8(ranks[0]->readAllStandardError());
        QCOMPARE(ranks[0]->exitCode(), 1);
        QVERIFY2(err.contains("rank 0 of 2 lost rank 1 during"), qPrintable(err.right(2000)));
        QVERIFY2(err.contains("within the 60 s timeout (DACL_DIST_TIMEOUT)"), qPrintable(err.right(2000)));
    }

    void distributedNeedsTheEnvironment() {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("MASTER_ADDR");
        const Result r = runDacl(tinyPipeline(data_, dir_.filePath("env.db"), 2) << "--distributed", kTimeoutS, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("environment variable MASTER_ADDR is not set"), qPrintable(r.err));
    }
};

QTEST_APPLESS_MAIN(TestCliLaunch)
#include "test_cli_launch.moc"
