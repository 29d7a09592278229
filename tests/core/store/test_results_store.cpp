// The SQLite results store on real files: schema and versions, runs and results round-trip,
// concurrent writers, and runs of killed processes marked interrupted.
#include "core/store/metric_names.h"
#include "core/store/results_store.h"

#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include <atomic>
#include <cmath>
#include <csignal>
#include <fstream>
#include <functional>
#include <limits>
#include <thread>
#include <sys/wait.h>
#include <unistd.h>

using namespace dacl::store;

namespace {

// Raw SQL on the file, bypassing the store (to set up states the API does not produce).
void rawExec(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    const std::string msg = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    QVERIFY2(rc == SQLITE_OK, msg.c_str());
}

std::int64_t count(ResultsStore& store, const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(store.handle(), sql.c_str(), -1, &st, nullptr);
    sqlite3_step(st);
    const std::int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

std::string errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return {};
}

std::vector<Prediction> manyPredictions(int n, int fold) {
    std::vector<Prediction> p;
    for (int i = 0; i < n; ++i)
        p.push_back({fold, "A" + std::to_string(i), i % 7 == 0 ? 1 : 0, i / double(n), std::nullopt, {}});
    return p;
}

}  // namespace

class TestResultsStore : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    std::string file(const char* name) { return dir_.filePath(name).toStdString(); }

private Q_SLOTS:
    void createsCurrentSchemaInWalMode() {
        ResultsStore store(file("new.db"));
        QCOMPARE(store.schemaVersion(), ResultsStore::kSchemaVersion);
        QCOMPARE(count(store, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN "
                              "('runs','metrics','fold_results','final_metrics','predictions','embeddings',"
                              "'roc_points','artefacts')"),
                 std::int64_t(8));
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(store.handle(), "PRAGMA journal_mode", -1, &st, nullptr);
        sqlite3_step(st);
        QCOMPARE(QString(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))), QString("wal"));
        sqlite3_finalize(st);
        QCOMPARE(store.integrityCheck(), std::string("ok"));
    }

    void reopeningKeepsDataAndVersion() {
        const std::string path = file("reopen.db");
        std::int64_t id = 0;
        {
            ResultsStore store(path);
            id = store.createRun({"first", "af_vs_rest", R"({"folds":5})", 7, "fp", "", "cpu", 2, std::nullopt});
            store.setFinalMetric(id, {metric::kAuroc, 0.9, 0.01, 0.88, 0.92});
        }
        ResultsStore again(path);
        QCOMPARE(again.schemaVersion(), ResultsStore::kSchemaVersion);
        QCOMPARE(again.listRuns().size(), size_t(1));
        QCOMPARE(again.run(id).name, std::string("first"));
        QCOMPARE(again.finalMetric(id, metric::kAuroc)->mean, 0.9);
    }

    void refusesFilesItCannotRead() {
        // A newer schema: clear message, file untouched.
        const std::string newer = file("newer.db");
        { ResultsStore s(newer); }
        rawExec(newer, "PRAGMA user_version = 99");
        const std::string e1 = errorOf([&] { ResultsStore s(newer); });
        QVERIFY2(QString::fromStdString(e1).contains("99") && e1.find(newer) == 0, e1.c_str());

        // Not SQLite at all.
        const std::string junk = file("junk.db");
        std::ofstream(junk) << "this is not a database, it is a text file long enough to have a header....";
        const std::string e2 = errorOf([&] { ResultsStore s(junk); });
        QVERIFY2(e2.find(junk) == 0 && QString::fromStdString(e2).contains("not a DACL Studio results file"), e2.c_str());

        // Some other application's SQLite file.
        const std::string other = file("other.db");
        rawExec(other, "CREATE TABLE contacts (name TEXT)");
        const std::string e3 = errorOf([&] { ResultsStore s(other); });
        QVERIFY2(QString::fromStdString(e3).contains("not a DACL Studio results file"), e3.c_str());

        // Missing file when creation is not allowed (the CLI's read commands).
        OpenOptions noCreate;
        noCreate.create = false;
        const std::string missing = file("missing.db");
        QVERIFY(errorOf([&] { ResultsStore s(missing, noCreate); }).find(missing) == 0);
        QVERIFY(!QFile::exists(QString::fromStdString(missing)));
    }

    void runLifecycle() {
        ResultsStore store(file("life.db"));
        const std::uint64_t seed = 0xFEDCBA9876543210ULL;  // above INT64_MAX: must round-trip
        const std::int64_t id = store.createRun({"dacl", "af_vs_normal", R"({"epochs":3})", seed, "sha256:ab", "",
                                                 "cpu", 2, std::nullopt});
        RunInfo r = store.run(id);
        QCOMPARE(r.status, RunStatus::Queued);
        QCOMPARE(r.seed, seed);
        QCOMPARE(r.settingsJson, std::string(R"({"epochs":3})"));
        QCOMPARE(r.softwareVersion, std::string(DACL_VERSION));
        QCOMPARE(r.threads, 2);
        QVERIFY(!r.createdAt.empty() && r.startedAt.empty());

        store.startRun(id);
        r = store.run(id);
        QCOMPARE(r.status, RunStatus::Running);
        QCOMPARE(r.owner.pid, std::int64_t(getpid()));
        QVERIFY(!r.startedAt.empty() && !r.heartbeatAt.empty());
        QVERIFY(!errorOf([&] { store.startRun(id); }).empty());   // already running
        QVERIFY(!errorOf([&] { store.deleteRun(id); }).empty());  // running runs are not deleted

        store.endRun(id, RunStatus::Failed, "out of memory");
        QCOMPARE(store.run(id).error, std::string("out of memory"));
        store.startRun(id);  // e.g. --resume after a failure
        QVERIFY(store.run(id).error.empty());
        store.endRun(id, RunStatus::Finished);
        r = store.run(id);
        QCOMPARE(r.status, RunStatus::Finished);
        QVERIFY(!r.finishedAt.empty());
        QVERIFY(!errorOf([&] { store.startRun(id); }).empty());
        QVERIFY(!errorOf([&] { store.endRun(id, RunStatus::Running); }).empty());

        store.renameRun(id, "renamed");
        QCOMPARE(store.run(id).name, std::string("renamed"));
        QVERIFY(!errorOf([&] { store.renameRun(9999, "x"); }).empty());
        QVERIFY(!store.findRun(9999));
        QVERIFY(!errorOf([&] { store.createRun({"bad", "t", "{not json", 0, "", "", "", 0, std::nullopt}); }).empty());

        // Deleting removes results and child runs (e.g. baselines) with it.
        const std::int64_t child = store.createRun({"baseline", "af_vs_normal", "{}", 1, "", "", "", 1, id});
        store.addPredictions(id, manyPredictions(10, 0));
        store.addMetric(child, {0, 1, std::nullopt, "loss", 0.5});
        store.deleteRun(id);
        QVERIFY(!store.findRun(id) && !store.findRun(child));
        QCOMPARE(count(store, "SELECT count(*) FROM predictions"), std::int64_t(0));
        QCOMPARE(count(store, "SELECT count(*) FROM metrics"), std::int64_t(0));
    }

    void resultsRoundTrip() {
        ResultsStore store(file("results.db"));
        const std::int64_t id = store.createRun({"r", "challenge4", "{}", 1, "", "", "cpu", 1, std::nullopt});
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();

        store.addMetrics(id, {{0, 1, 10, "encoder/loss", 2.5}, {0, 1, std::nullopt, "val/loss", 1.5},
                              {std::nullopt, 3, std::nullopt, "vae/loss", nan}});
        auto m = store.metrics(id);
        QCOMPARE(m.size(), size_t(3));
        QCOMPARE(m[0].step, std::optional<std::int64_t>(10));
        QVERIFY(!m[1].step && m[1].epoch == 1);
        QVERIFY(!m[2].fold && std::isnan(m[2].value));
        QCOMPARE(store.metrics(id, "val/loss").size(), size_t(1));

        store.setFoldResult(id, 0, metric::kAuroc, 0.7);
        store.setFoldResult(id, 0, metric::kAuroc, 0.8);  // upsert
        store.setFoldResult(id, 1, metric::kAuroc, 0.9);
        auto f = store.foldResults(id);
        QCOMPARE(f.size(), size_t(2));
        QCOMPARE(f[0].value, 0.8);

        store.setFinalMetric(id, {metric::kChallengeF1, 0.8, 0.02, nan, nan});
        auto fm = store.finalMetric(id, metric::kChallengeF1);
        QVERIFY(fm && std::isnan(fm->ciLow) && fm->std == 0.02);
        QVERIFY(!store.finalMetric(id, "nope"));

        store.addPredictions(id, {{0, "A00001", 2, 0.1, 2, {0.1f, 0.2f, 0.6f, 0.1f}}, {1, "A00002", 0, 0.9, std::nullopt, {}}});
        auto p = store.predictions(id);
        QCOMPARE(p.size(), size_t(2));
        QCOMPARE(p[0].probabilities, (std::vector<float>{0.1f, 0.2f, 0.6f, 0.1f}));
        QCOMPARE(p[0].predicted, std::optional<int>(2));
        QVERIFY(p[1].probabilities.empty() && !p[1].predicted);
        QCOMPARE(store.predictions(id, 1).size(), size_t(1));

        store.addEmbeddings(id, {{std::nullopt, "A00001", std::nullopt, 0, 2, {1.f, -2.f, 3.5f}},
                                 {std::nullopt, "A00001", 4, 100, 2, {0.f, 0.f, 1.f}}});
        QCOMPARE(store.embeddings(id).size(), size_t(2));
        auto e = store.embeddings(id, 100);
        QCOMPARE(e.size(), size_t(1));
        QCOMPARE(e[0].window, std::optional<int>(4));
        QCOMPARE(e[0].vector, (std::vector<float>{0.f, 0.f, 1.f}));

        store.addRocPoints(id, std::nullopt, {{0, 0, inf}, {0.5, 1, 0.3}, {1, 1, 0.1}});
        store.addRocPoints(id, 0, {{0, 0, inf}, {1, 1, 0.2}});
        auto roc = store.rocPoints(id, std::nullopt);
        QCOMPARE(roc.size(), size_t(3));
        QVERIFY(std::isinf(roc[0].threshold));
        QCOMPARE(roc[1].fpr, 0.5);
        QCOMPARE(store.rocPoints(id, 0).size(), size_t(2));

        Artefact ckpt{0, metric::kCheckpoint, "epoch1", "", {1, 2, 3}, 0, 1, ""};
        store.addArtefact(id, ckpt);
        ckpt.data = {4, 5};
        ckpt.epoch = 2;
        store.addArtefact(id, ckpt);
        store.addArtefact(id, {0, metric::kModel, "final", "/models/final.pt", {}, std::nullopt, std::nullopt, ""});
        auto latest = store.latestArtefact(id, metric::kCheckpoint, 0);
        QVERIFY(latest && latest->epoch == 2 && latest->data == (std::vector<unsigned char>{4, 5}));
        QCOMPARE(store.latestArtefact(id, metric::kModel)->path, std::string("/models/final.pt"));
        auto all = store.artefacts(id);
        QCOMPARE(all.size(), size_t(3));
        QVERIFY(all[0].data.empty());  // listing does not load blobs
        QVERIFY(!errorOf([&] { store.addArtefact(id, {0, "x", "empty", "", {}, {}, {}, ""}); }).empty());

        // clearFold removes one fold's results only.
        store.clearFold(id, 0);
        QCOMPARE(store.predictions(id).size(), size_t(1));
        QCOMPARE(store.foldResults(id).size(), size_t(1));
        QVERIFY(store.rocPoints(id, 0).empty());
        QCOMPARE(store.rocPoints(id, std::nullopt).size(), size_t(3));
        QVERIFY(!store.latestArtefact(id, metric::kCheckpoint));
        QCOMPARE(store.metrics(id).size(), size_t(1));

        QVERIFY(!errorOf([&] { store.addPredictions(4242, manyPredictions(1, 0)); }).empty());
    }

    // What a resumed fold relies on: the curves after its checkpoint go (in that fold and series
    // only), and a new checkpoint replaces the fold's older ones.
    void resumeClearsLaterCurvesAndKeepsOneCheckpoint() {
        ResultsStore store(file("resume.db"));
        const std::int64_t id = store.createRun({"r", "af_vs_rest", "{}", 1, "", "", "cpu", 1, std::nullopt});
        store.addMetrics(id, {{0, 0, 10, "dacl.step_loss", 1.0}, {0, 1, 20, "dacl.step_loss", 0.9},
                              {0, 2, 30, "dacl.step_loss", 0.8}, {0, 2, std::nullopt, "dacl.loss", 0.8},
                              {0, 5, std::nullopt, "vae.val_recon", 0.3}, {1, 2, std::nullopt, "dacl.loss", 0.7},
                              {std::nullopt, 2, std::nullopt, "dacl.loss", 0.6},
                              {std::nullopt, 0, std::nullopt, "final.dacl.loss", 0.5}});
        store.clearMetricsFrom(id, 0, "dacl.", 2);
        std::vector<std::string> left;
        for (const auto& p : store.metrics(id))
            left.push_back((p.fold ? std::to_string(*p.fold) : "-") + "/" + std::to_string(*p.epoch) + "/" + p.name);
        QCOMPARE(left, (std::vector<std::string>{"0/0/dacl.step_loss", "0/1/dacl.step_loss", "0/5/vae.val_recon",
                                                 "1/2/dacl.loss", "-/2/dacl.loss", "-/0/final.dacl.loss"}));
        store.clearMetricsFrom(id, std::nullopt, "final.", std::numeric_limits<int>::min());
        QCOMPARE(store.metrics(id).size(), size_t(5));
        QCOMPARE(store.metrics(id, "dacl.loss").size(), size_t(2));  // "_" and "." are not wildcards

        Artefact ckpt{0, metric::kCheckpoint, "encoder", "", {1}, 0, 1, ""};
        store.replaceArtefact(id, ckpt);
        ckpt.fold = 1;
        store.replaceArtefact(id, ckpt);
        ckpt.fold = 0;
        ckpt.epoch = 2;
        ckpt.data = {2};
        const std::int64_t newest = store.replaceArtefact(id, ckpt);
        const auto all = store.artefacts(id);
        QCOMPARE(all.size(), size_t(2));
        const auto latest = store.latestArtefact(id, metric::kCheckpoint, 0);
        QVERIFY(latest && latest->id == newest && latest->epoch == 2);
        QCOMPARE(store.latestArtefact(id, metric::kCheckpoint, 1)->epoch, std::optional<int>(1));
    }

    void bulkInsertOfAFullDataset() {
        ResultsStore store(file("bulk.db"));
        const std::int64_t id = store.createRun({"bulk", "af_vs_rest", "{}", 1, "", "", "cpu", 1, std::nullopt});
        store.addPredictions(id, manyPredictions(8528, 0));
        std::vector<Embedding> emb;
        for (int i = 0; i < 8528; ++i) emb.push_back({0, "A" + std::to_string(i), std::nullopt, 0, i % 4, std::vector<float>(64, i * 0.5f)});
        store.addEmbeddings(id, emb);
        QCOMPARE(store.predictions(id).size(), size_t(8528));
        auto back = store.embeddings(id);
        QCOMPARE(back.size(), size_t(8528));
        QCOMPARE(back[8527].vector, emb[8527].vector);
    }

    void transactionRollsBackUnlessCommitted() {
        ResultsStore store(file("tx.db"));
        const std::int64_t id = store.createRun({"tx", "af_vs_rest", "{}", 1, "", "", "cpu", 1, std::nullopt});
        {
            ResultsStore::Transaction tx(store);
            store.setFoldResult(id, 0, "auroc", 0.5);
            store.addPredictions(id, manyPredictions(5, 0));  // joins the outer transaction
        }
        QVERIFY(store.foldResults(id).empty());
        QVERIFY(store.predictions(id).empty());
        {
            ResultsStore::Transaction tx(store);
            store.setFoldResult(id, 0, "auroc", 0.5);
            tx.commit();
        }
        QCOMPARE(store.foldResults(id).size(), size_t(1));
    }

    void concurrentWritersWithTheirOwnConnections() {
        const std::string path = file("concurrent.db");
        { ResultsStore init(path); }
        std::atomic<int> failures{0};
        std::vector<std::string> errors(2);
        auto writer = [&](int w) {
            try {
                ResultsStore store(path);  // one connection per thread
                const std::int64_t id = store.createRun({"w" + std::to_string(w), "af_vs_rest", "{}", 1, "", "", "cpu", 1, std::nullopt});
                store.startRun(id);
                for (int i = 0; i < 300; ++i) {
                    store.addMetric(id, {0, i / 10, i, "loss", 1.0 / (i + 1)});
                    if (i % 60 == 0) store.addPredictions(id, manyPredictions(500, i / 60));
                }
                store.endRun(id, RunStatus::Finished);
            } catch (const std::exception& e) {
                errors[w] = e.what();
                ++failures;
            }
        };
        std::thread a(writer, 0), b(writer, 1);
        a.join();
        b.join();
        QVERIFY2(failures == 0, (errors[0] + " | " + errors[1]).c_str());
        ResultsStore check(path);
        const auto runs = check.listRuns();
        QCOMPARE(runs.size(), size_t(2));
        for (const RunInfo& r : runs) {
            QCOMPARE(r.status, RunStatus::Finished);
            QCOMPARE(check.metrics(r.id).size(), size_t(300));
            QCOMPARE(check.predictions(r.id).size(), size_t(2500));
        }
        QCOMPARE(check.integrityCheck(), std::string("ok"));
    }

    void killedProcessIsMarkedInterrupted() {
        const std::string path = file("killed.db");
        { ResultsStore init(path); }
        int ready[2];
        QCOMPARE(pipe(ready), 0);
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            // Child: own connection, a running run, then keeps writing until it is killed.
            close(ready[0]);
            try {
                ResultsStore store(path);
                const std::int64_t id = store.createRun({"doomed", "af_vs_rest", "{}", 1, "", "", "cpu", 1, std::nullopt});
                store.startRun(id);
                store.addPredictions(id, manyPredictions(100, 0));
                const char ok = 'k';
                if (write(ready[1], &ok, 1) != 1) _exit(3);
                for (int i = 0;; ++i) {
                    store.addPredictions(id, manyPredictions(200, 1));
                    store.addMetric(id, {1, 0, i, "loss", 0.1});
                }
            } catch (...) {
                _exit(2);
            }
        }
        close(ready[1]);
        char c = 0;
        QCOMPARE(read(ready[0], &c, 1), ssize_t(1));
        close(ready[0]);
        usleep(100 * 1000);  // let it be in the middle of writing
        QCOMPARE(kill(child, SIGKILL), 0);
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

        // Our own running run must survive the check: this process is alive.
        ResultsStore mine(path);
        const auto runs = mine.listRuns();
        QCOMPARE(runs.size(), size_t(1));
        const std::int64_t doomed = runs[0].id;
        QCOMPARE(mine.interruptedOnOpen(), std::vector<std::int64_t>{doomed});
        const RunInfo r = mine.run(doomed);
        QCOMPARE(r.status, RunStatus::Interrupted);
        QCOMPARE(r.owner.pid, std::int64_t(child));
        QVERIFY2(QString::fromStdString(r.error).contains(QString::number(child)), r.error.c_str());
        QCOMPARE(mine.integrityCheck(), std::string("ok"));
        QVERIFY(mine.predictions(doomed).size() >= 100);  // committed data is kept

        const std::int64_t alive = mine.createRun({"alive", "af_vs_rest", "{}", 1, "", "", "cpu", 1, std::nullopt});
        mine.startRun(alive);
        ResultsStore other(path);
        QVERIFY(other.interruptedOnOpen().empty());
        QCOMPARE(other.run(alive).status, RunStatus::Running);
        // The interrupted run can be resumed.
        other.startRun(doomed);
        QCOMPARE(other.run(doomed).status, RunStatus::Running);
    }

    void exitedButUnreapedChildIsInterrupted() {
        // A child that died without ending its run and was not yet waited for is a zombie:
        // kill(pid, 0) still succeeds, yet the run must be reported interrupted.
        const std::string path = file("zombie.db");
        { ResultsStore init(path); }
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            try {
                ResultsStore store(path);
                store.startRun(store.createRun({"z", "af_vs_rest", "{}", 1, "", "", "cpu", 1, std::nullopt}));
            } catch (...) {
                _exit(2);
            }
            _exit(0);
        }
        siginfo_t info{};  // wait until it has exited, but do not reap it
        QCOMPARE(waitid(P_PID, static_cast<id_t>(child), &info, WEXITED | WNOWAIT), 0);
        ResultsStore store(path);
        QCOMPARE(store.listRuns().size(), size_t(1));
        QCOMPARE(store.listRuns()[0].status, RunStatus::Interrupted);
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }

    void reusedPidAndStaleRemoteOwners() {
        const std::string path = file("owners.db");
        std::int64_t reused = 0, remoteStale = 0, remoteFresh = 0;
        {
            ResultsStore store(path);
            for (auto* id : {&reused, &remoteStale, &remoteFresh}) {
                *id = store.createRun({"r", "af_vs_rest", "{}", 1, "", "", "cpu", 1, std::nullopt});
                store.startRun(*id);
            }
        }
        // Same host, our pid, but another process start time: the pid was reused.
        rawExec(path, "UPDATE runs SET owner_start = owner_start + 12345 WHERE id = " + std::to_string(reused));
        rawExec(path, "UPDATE runs SET owner_host = 'elsewhere.example', heartbeat_at = '2001-01-01T00:00:00Z' "
                      "WHERE id = " + std::to_string(remoteStale));
        rawExec(path, "UPDATE runs SET owner_host = 'elsewhere.example' WHERE id = " + std::to_string(remoteFresh));
        ResultsStore store(path);
        QCOMPARE(store.run(reused).status, RunStatus::Interrupted);
        QCOMPARE(store.run(remoteStale).status, RunStatus::Interrupted);
        QVERIFY(QString::fromStdString(store.run(remoteStale).error).contains("heartbeat"));
        QCOMPARE(store.run(remoteFresh).status, RunStatus::Running);
    }
};

QTEST_APPLESS_MAIN(TestResultsStore)
#include "test_results_store.moc"
