// End to end on real PhysioNet 2017 records: `dacl pipeline` runs every stage, stores a complete
// run in SQLite with an AUROC well above chance; a pipeline killed mid-run leaves a sound file,
// is marked interrupted, and `--resume` completes it to the result an uninterrupted run reaches.
#include "core/store/metric_names.h"
#include "core/store/results_store.h"
#include "run_dacl.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>

using namespace dacl::store;
using dacl::testcli::daclPath;
using dacl::testcli::lastJsonLine;
using dacl::testcli::Result;
using dacl::testcli::runDacl;

namespace {

const QString kData = QStringLiteral(DACL_SHARED_DIR "/data/physionet2017");

// A whole pipeline on two cores takes minutes; a stalled one must still end.
constexpr int kTimeoutS = 900;

// Small but real: few hundred records, one fold, short training (CI has 2 cores).
QStringList smallRun(const QString& db, const QString& cache, int limit, int folds) {
    return {"pipeline", "--data", kData, "--task", "af_vs_rest", "--folds", QString::number(folds),
            "--limit", QString::number(limit), "--db", db, "--cache", cache,
            "--set", "vae.epochs=10", "--set", "train.epochs=3", "--set", "eval.bootstrap=200",
            "--set", "threads=2", "--set", "seq.vae_epochs=5", "--set", "seq.epochs=2",
            "--set", "seq.finetune_epochs=2", "--set", "seq.steps_per_epoch=10", "--set", "seq.batch=32", "--json"};
}

}  // namespace

class TestCliPipeline : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;

private Q_SLOTS:
    void initTestCase() {
        if (!QDir(kData).exists()) QSKIP("PhysioNet 2017 data not found at " DACL_SHARED_DIR);
        QVERIFY(dir_.isValid());
    }

    void smallPipelineIsCompleteAndAboveChance() {
        const QString db = dir_.filePath("e2e.db");
        const QStringList args = smallRun(db, dir_.filePath("cache"), 300, 1)
                                 << "--baselines" << "st_lr" << "--set" << "eval.noisy_embeddings=40";
        const Result r = runDacl(args, kTimeoutS);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err.right(2000)));
        const QJsonObject s = lastJsonLine(r.out);
        QCOMPARE(s["task"].toString(), QStringLiteral("af_vs_rest"));
        const double auroc = s["auroc"].toObject()["mean"].toDouble();
        QVERIFY2(auroc > 0.65, qPrintable(QString::number(auroc)));
        QVERIFY(s["auroc"].toObject()["ci_low"].toDouble() <= auroc);
        QVERIFY(s["auroc"].toObject()["ci_high"].toDouble() >= auroc);
        QVERIFY(s["baselines"].toObject().contains("st_lr"));

        ResultsStore st(db.toStdString());
        QCOMPARE(QString::fromStdString(st.integrityCheck()), QStringLiteral("ok"));
        const RunInfo run = st.run(s["run_id"].toInteger());
        QCOMPARE(run.status, RunStatus::Finished);
        QVERIFY(!run.dataFingerprint.empty());
        QCOMPARE(QString::fromStdString(run.device), QStringLiteral("cpu"));
        // One fold = a stratified 80/20 split: about 60 test records, each with a prediction.
        const auto predictions = st.predictions(run.id);
        QVERIFY(predictions.size() >= 55 && predictions.size() <= 65);
        const auto clean = st.embeddings(run.id, 0);
        QCOMPARE(clean.size(), predictions.size());
        // Noisy views z_t of 40 test records (the limit set above), for the embedding view's overlay:
        // far along the diffusion a record's embedding has moved further from its clean one than
        // near its start. (The time-conditioned sequence encoder, trained on t <= 100, need not
        // drift monotonically in between: the timestep embedding moves h too.)
        std::map<std::string, const Embedding*> cleanOf;
        for (const Embedding& e : clean) cleanOf[e.record] = &e;
        std::map<int, double> driftAt;
        for (int t : {50, 100, 200, 500}) {
            const auto noisy = st.embeddings(run.id, t);
            QCOMPARE(noisy.size(), std::size_t(40));
            double drift = 0;
            for (const Embedding& e : noisy) {
                QVERIFY(cleanOf.count(e.record));
                const auto& c = cleanOf[e.record]->vector;
                QCOMPARE(e.vector.size(), c.size());
                double d2 = 0;
                for (std::size_t k = 0; k < c.size(); ++k) d2 += (e.vector[k] - c[k]) * (e.vector[k] - c[k]);
                drift += std::sqrt(d2) / static_cast<double>(noisy.size());
            }
            qInfo("t=%d: mean drift %.4f", t, drift);
            QVERIFY(drift > 0);
            driftAt[t] = drift;
        }
        QVERIFY2(driftAt[500] > driftAt[50], "t=500 moves records further than t=50");
        QVERIFY(!st.rocPoints(run.id, 0).empty());
        QVERIFY(!st.metrics(run.id, "dacl.loss").empty());
        QVERIFY(st.latestArtefact(run.id, metric::kModel).has_value());
        QVERIFY(st.finalMetric(run.id, "auroc").has_value());
    }

    // A run's metric points as sorted text lines "fold epoch step name value".
    static QStringList curves(ResultsStore& st, std::int64_t run) {
        QStringList lines;
        for (const auto& p : st.metrics(run))
            lines << QString("%1 %2 %3 %4 %5")
                         .arg(p.fold ? *p.fold : -1)
                         .arg(p.epoch ? *p.epoch : -1)
                         .arg(p.step ? *p.step : -1)
                         .arg(QString::fromStdString(p.name))
                         .arg(p.value, 0, 'g', 17);
        lines.sort();
        return lines;
    }

    // Sequence DACL reports the linear probe and the fine-tuned model on test, fold by fold; the
    // headline of each fold is the stage validation chose.
    static void checkBothStagesReported(const QJsonObject& s) {
        const QJsonArray headline = s["auroc"].toObject()["folds"].toArray();
        const QJsonArray probe = s["probe.auroc"].toObject()["folds"].toArray();
        const QJsonArray finetuned = s["finetuned.auroc"].toObject()["folds"].toArray();
        const QJsonArray chosen = s["stage_finetuned"].toObject()["folds"].toArray();
        QVERIFY(!headline.isEmpty());
        QCOMPARE(probe.size(), headline.size());
        QCOMPARE(finetuned.size(), headline.size());
        QCOMPARE(chosen.size(), headline.size());
        for (int k = 0; k < headline.size(); ++k) {
            const double own = chosen[k].toDouble() > 0.5 ? finetuned[k].toDouble() : probe[k].toDouble();
            QCOMPARE(headline[k].toDouble(), own);
            QVERIFY(probe[k].toDouble() > 0.5 && finetuned[k].toDouble() > 0.5);
        }
        QVERIFY(s.contains("probe.alone.auroc") && s.contains("finetuned.alone.auroc"));
        QVERIFY(s["stage"].isString());
    }

    // Resume inside a fold from its last encoder checkpoint: the pooled representation (version 1)
    // writes one per epoch; repr=sequence resumes at fold granularity (the fold starts again).
    void killedRunIsInterruptedAndResumesToTheSameResult() {
        const QString cache = dir_.filePath("cache");
        const auto smallRun = [](const QString& db, const QString& cache, int limit, int folds) {
            return ::smallRun(db, cache, limit, folds) << "--set" << "repr=pooled";
        };
        // Reference: the same run, uninterrupted.
        const Result ref = runDacl(smallRun(dir_.filePath("ref.db"), cache, 200, 1), kTimeoutS);
        QVERIFY2(ref.exitCode == 0, qPrintable(ref.err.right(2000)));
        const double expected = lastJsonLine(ref.out)["auroc"].toObject()["mean"].toDouble();

        const QString db = dir_.filePath("killed.db");
        QProcess p;
        p.start(daclPath(), smallRun(db, cache, 200, 1));
        QVERIFY(p.waitForStarted());
        // Kill it once the first encoder checkpoint is in the file (mid-training).
        QElapsedTimer clock;
        clock.start();
        bool checkpointed = false;
        while (!checkpointed && clock.elapsed() < 600000 && p.state() == QProcess::Running) {
            QTest::qWait(200);
            try {
                ResultsStore peek(db.toStdString(), OpenOptions{false, false, 5000, 900});
                for (const auto& run : peek.listRuns())
                    checkpointed = checkpointed || peek.latestArtefact(run.id, metric::kCheckpoint).has_value();
            } catch (const std::exception&) {
            }
        }
        QVERIFY2(checkpointed, "the pipeline never wrote a checkpoint");
        p.kill();  // SIGKILL: no chance to clean up
        QVERIFY(p.waitForFinished(10000));

        std::int64_t id = 0;
        {
            ResultsStore st(db.toStdString());
            QCOMPARE(QString::fromStdString(st.integrityCheck()), QStringLiteral("ok"));
            const auto runs = st.listRuns();
            QCOMPARE(runs.size(), std::size_t(1));
            QCOMPARE(runs[0].status, RunStatus::Interrupted);
            id = runs[0].id;
        }
        const Result resumed =
            runDacl({"pipeline", "--db", db, "--resume", QString::number(id), "--cache", cache, "--json"}, kTimeoutS);
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err.right(2000)));
        const QJsonObject s = lastJsonLine(resumed.out);
        QCOMPARE(s["run_id"].toInteger(), id);
        QCOMPARE(s["status"].toString(), QStringLiteral("finished"));
        QCOMPARE(s["auroc"].toObject()["mean"].toDouble(), expected);

        // The curves too: every point once, with the values of the uninterrupted run (the VAE is
        // restored from the checkpoint, not fitted again), and one checkpoint per fold is kept.
        ResultsStore resumedDb(db.toStdString());
        ResultsStore refDb(dir_.filePath("ref.db").toStdString());
        QCOMPARE(curves(resumedDb, id), curves(refDb, refDb.listRuns().front().id));
        QCOMPARE(resumedDb.artefacts(id).size(), std::size_t(3));  // fold 0's checkpoint, representation, probe
    }

    // repr=sequence (the default) resumes fold by fold: killed after its first fold is stored, a
    // 2-fold run resumes with that fold kept and the interrupted work done again, to the same
    // result and the same curves as an uninterrupted run.
    // The reference trains its folds and final model one after another, the killed run three at
    // once: the same numbers either way (every seed derives from the fold, not from the order).
    void killedSequenceRunResumesFoldByFold() {
        const QString cache = dir_.filePath("cache");
        const Result ref = runDacl(smallRun(dir_.filePath("seqref.db"), cache, 200, 2) << "--set" << "train.parallel=1", kTimeoutS);
        QVERIFY2(ref.exitCode == 0, qPrintable(ref.err.right(2000)));
        const QJsonObject refSummary = lastJsonLine(ref.out);
        const double expected = refSummary["auroc"].toObject()["mean"].toDouble();
        checkBothStagesReported(refSummary);

        const QString db = dir_.filePath("seqkilled.db");
        QProcess p;
        p.start(daclPath(), smallRun(db, cache, 200, 2) << "--set" << "train.parallel=3");
        QVERIFY(p.waitForStarted());
        QElapsedTimer clock;
        clock.start();
        bool foldStored = false;
        while (!foldStored && clock.elapsed() < 600000 && p.state() == QProcess::Running) {
            QTest::qWait(200);
            try {
                ResultsStore peek(db.toStdString(), OpenOptions{false, false, 5000, 900});
                for (const auto& run : peek.listRuns())
                    for (const auto& r : peek.foldResults(run.id)) foldStored = foldStored || r.name == "auroc";
            } catch (const std::exception&) {
            }
        }
        QVERIFY2(foldStored, "the pipeline never stored a fold");
        p.kill();
        QVERIFY(p.waitForFinished(10000));
        std::int64_t id = 0;
        {
            ResultsStore st(db.toStdString());
            QCOMPARE(st.listRuns().front().status, RunStatus::Interrupted);
            id = st.listRuns().front().id;
        }
        const Result resumed =
            runDacl({"pipeline", "--db", db, "--resume", QString::number(id), "--cache", cache, "--json"}, kTimeoutS);
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err.right(2000)));
        const QJsonObject s = lastJsonLine(resumed.out);
        QCOMPARE(s["status"].toString(), QStringLiteral("finished"));
        QCOMPARE(s["auroc"].toObject()["mean"].toDouble(), expected);
        ResultsStore resumedDb(db.toStdString());
        ResultsStore refDb(dir_.filePath("seqref.db").toStdString());
        QCOMPARE(curves(resumedDb, id), curves(refDb, refDb.listRuns().front().id));
    }

    // --robustness: every noise kind at every SNR for each method, z_t probes for the latent
    // methods, and the noisy test features computed once per fold, not once per method.
    void robustnessCoversEveryNoiseForEveryMethod() {
        const QString db = dir_.filePath("robust.db");
        const QStringList args = smallRun(db, dir_.filePath("cache"), 300, 1) << "--baselines" << "st_lr,vae_lr" << "--robustness";
        const Result r = runDacl(args, kTimeoutS);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err.right(2000)));
        const QJsonObject s = lastJsonLine(r.out);
        const QJsonObject dacl = s["robustness"].toObject();
        const QJsonObject stLr = s["baselines"].toObject()["st_lr"].toObject()["robustness"].toObject();
        for (const QString kind : {"white", "muscle", "baseline_wander", "electrode_motion"})
            for (const QString snr : {"24", "12", "6", "0"}) {
                // Fused (the headline) and the model alone, before the rhythm fusion.
                for (const QString& key : {kind + "." + snr + "db.auroc", kind + "." + snr + "db.alone.auroc"})
                    for (const QJsonObject& m : {dacl, stLr}) {
                        QVERIFY2(m.contains(key), qPrintable(key));
                        QVERIFY(m[key].toDouble() >= 0.0 && m[key].toDouble() <= 1.0);
                    }
            }
        QCOMPARE(dacl.size(), 2 * 16 + 5);  // and z_t at t = 0, 50, 100, 200, 500
        QCOMPARE(stLr.size(), 2 * 16);      // no latent, no z_t
        // The fusion partner sees the same noisy records: fused and alone differ.
        QVERIFY(dacl["white.0db.alone.auroc"].toDouble() != dacl["white.0db.auroc"].toDouble());
        // z_0 is the clean latent: the same scores as the clean evaluation of the model alone (the
        // headline fuses it with the RR-feature booster, the latent probes do not).
        const double clean = s["alone.auroc"].toObject()["mean"].toDouble();
        QVERIFY(s["auroc"].toObject()["mean"].toDouble() > 0.0);
        QCOMPARE(dacl["zt.0.auroc"].toDouble(), clean);
        // The corruption reaches the features (60 test records: too few to expect a given drop).
        QVERIFY(dacl["white.0db.auroc"].toDouble() != clean);
        QVERIFY(stLr["muscle.0db.auroc"].toDouble() != s["baselines"].toObject()["st_lr"].toObject()["auroc"].toObject()["mean"].toDouble());
        QCOMPARE(r.err.count("16 noisy test sets computed"), 1);
        const QJsonObject vae = s["baselines"].toObject()["vae_lr"].toObject();
        QCOMPARE(vae["robustness"].toObject().size(), 2 * 16 + 5);

        // vae_lr reuses the VAE that DACL fitted in the fold, with its curve.
        QCOMPARE(r.err.count("VAE of an earlier method of this fold reused"), 1);
        ResultsStore st(db.toStdString());
        const auto daclCurve = st.metrics(s["run_id"].toInteger(), "vae.val_recon");
        const auto vaeCurve = st.metrics(vae["run_id"].toInteger(), "vae.val_recon");
        QVERIFY(daclCurve.size() > 3);
        QCOMPARE(vaeCurve.size(), daclCurve.size());
        for (std::size_t i = 0; i < daclCurve.size(); ++i) QCOMPARE(vaeCurve[i].value, daclCurve[i].value);
    }

    void badArgumentsGiveClearErrors() {
        const Result unknownTask =
            runDacl({"pipeline", "--data", kData, "--task", "af_vs_moon", "--db", dir_.filePath("x.db")}, kTimeoutS);
        QVERIFY(unknownTask.exitCode != 0);
        QVERIFY2(unknownTask.err.contains("af_vs_moon"), qPrintable(unknownTask.err));
        const Result badSetting =
            runDacl({"pipeline", "--data", kData, "--db", dir_.filePath("x.db"), "--set", "vae.latent=big"}, kTimeoutS);
        QVERIFY(badSetting.exitCode != 0);
        QVERIFY2(badSetting.err.contains("vae.latent"), qPrintable(badSetting.err));
        const Result missing =
            runDacl({"pipeline", "--data", dir_.filePath("nowhere"), "--db", dir_.filePath("x.db")}, kTimeoutS);
        QVERIFY(missing.exitCode != 0);
        QVERIFY2(missing.err.contains("nowhere"), qPrintable(missing.err));
        // A record list: an unreadable file is named; names that are not in the dataset are listed.
        const Result noList = runDacl({"pipeline", "--data", kData, "--db", dir_.filePath("x.db"), "--records",
                                       dir_.filePath("no-list.txt")},
                                      kTimeoutS);
        QVERIFY(noList.exitCode != 0);
        QVERIFY2(noList.err.contains("no-list.txt"), qPrintable(noList.err));
        QFile list(dir_.filePath("list.txt"));
        QVERIFY(list.open(QIODevice::WriteOnly));
        list.write("A00001\nZZ99999\n");
        list.close();
        const Result strangers =
            runDacl({"pipeline", "--data", kData, "--db", dir_.filePath("x.db"), "--records", list.fileName()}, kTimeoutS);
        QVERIFY(strangers.exitCode != 0);
        QVERIFY2(strangers.err.contains("ZZ99999") && strangers.err.contains("1 of the 2"), qPrintable(strangers.err));
    }
};

QTEST_GUILESS_MAIN(TestCliPipeline)
#include "test_cli_pipeline.moc"
