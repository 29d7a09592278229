// `dacl runs list|show|export|rename|delete` on a results file written through the core API.
#include "core/store/metric_names.h"
#include "core/store/results_store.h"
#include "run_dacl.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <limits>

using namespace dacl::store;
using dacl::testcli::Result;
using dacl::testcli::runDacl;

namespace {

// `runs` commands only read or edit a small SQLite file: a minute is plenty.
constexpr int kTimeoutS = 60;

QJsonDocument parse(const QString& text) {
    QJsonParseError e{};
    QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &e);
    if (e.error != QJsonParseError::NoError) qWarning() << "bad JSON:" << e.errorString() << text.left(300);
    return doc;
}

}  // namespace

class TestCliRuns : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    QString db_;
    std::int64_t finished_ = 0, running_ = 0, child_ = 0;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        db_ = dir_.filePath("results.db");
        ResultsStore st(db_.toStdString());
        finished_ = st.createRun({"dacl-af", "af_vs_rest", R"({"folds":2,"encoder":{"width":32}})", 42, "sha256:feed",
                                  "", "cpu", 2, std::nullopt});
        st.startRun(finished_);
        st.addMetrics(finished_, {{0, 0, 1, "encoder/loss", 3.0}, {0, 0, 2, "encoder/loss", 2.0}, {0, 0, std::nullopt, "val/loss", 1.25}});
        st.setFoldResult(finished_, 0, metric::kAuroc, 0.97);
        st.setFoldResult(finished_, 1, metric::kAuroc, 0.98);
        st.setFoldResult(finished_, 0, metric::kF1, 0.81);
        st.setFinalMetric(finished_, {metric::kAuroc, 0.975, 0.005, 0.97, 0.98});
        st.setFinalMetric(finished_, {metric::kAuprc, 0.88, 0.01, std::numeric_limits<double>::quiet_NaN(),
                                      std::numeric_limits<double>::quiet_NaN()});
        st.addPredictions(finished_, {{0, "A00001", 1, 0.93, std::nullopt, {}}, {0, "A00002", 0, 0.12, std::nullopt, {}},
                                      {1, "A00003", 0, 0.40, std::nullopt, {}}});
        st.addRocPoints(finished_, 0, {{0, 0, std::numeric_limits<double>::infinity()}, {0, 1, 0.93}, {1, 1, 0.12}});
        st.addArtefact(finished_, {0, metric::kModel, "final", "/tmp/final.pt", {}, std::nullopt, std::nullopt, ""});
        st.endRun(finished_, RunStatus::Finished);
        running_ = st.createRun({"still-going", "challenge4", "{}", 7, "", "", "cpu", 1, std::nullopt});
        st.startRun(running_);  // owned by this (live) test process
        child_ = st.createRun({"baseline-st-lr", "af_vs_rest", "{}", 42, "", "", "cpu", 1, finished_});
    }

    void listAsTable() {
        const Result r = runDacl({"runs", "list", "--db", db_}, kTimeoutS);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);  // header + 3 runs
        QVERIFY(lines[0].startsWith("ID"));
        QVERIFY(lines[1].contains("dacl-af") && lines[1].contains("finished") && lines[1].contains("af_vs_rest"));
        QVERIFY2(lines[1].contains("0.9750 [0.9700, 0.9800]"), qPrintable(lines[1]));
        QVERIFY(lines[2].contains("still-going") && lines[2].contains("running") && lines[2].trimmed().endsWith("-"));
        QVERIFY(lines[3].contains("baseline-st-lr") && lines[3].contains("queued"));
    }

    void listAsJson() {
        const Result r = runDacl({"runs", "list", "--db", db_, "--json"}, kTimeoutS);
        QCOMPARE(r.exitCode, 0);
        const QJsonArray runs = parse(r.out).array();
        QCOMPARE(runs.size(), 3);
        const QJsonObject first = runs[0].toObject();
        QCOMPARE(first["id"].toInteger(), qint64(finished_));
        QCOMPARE(first["status"].toString(), QString("finished"));
        QCOMPARE(first["seed"].toInteger(), qint64(42));
        QCOMPARE(first["auroc"].toObject()["mean"].toDouble(), 0.975);
        QCOMPARE(first["auroc"].toObject()["ci_high"].toDouble(), 0.98);
        QVERIFY(runs[1].toObject()["auroc"].isNull());
        QCOMPARE(runs[2].toObject()["parent_id"].toInteger(), qint64(finished_));
    }

    void showAsText() {
        const Result r = runDacl({"runs", "show", "--db", db_, "--run", QString::number(finished_)}, kTimeoutS);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("dacl-af"));
        QVERIFY(r.out.contains("\"width\": 32"));           // settings, pretty-printed
        QVERIFY(r.out.contains("sha256:feed"));
        QVERIFY(r.out.contains("[0.9700, 0.9800]"));         // final metric with interval
        QVERIFY(r.out.contains("0.8800"));                   // AUPRC mean (no interval)
        QVERIFY(r.out.contains("0.9700") && r.out.contains("0.9800") && r.out.contains("0.8100"));  // fold table
        // Folds 1 and 2 (stored 0 and 1), as the pipeline's log and the desktop app number them.
        QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("^\\s+1\\s+0\\.9700\\s+0\\.8100"), QRegularExpression::MultilineOption)),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(QRegularExpression(QStringLiteral("^\\s+2\\s+0\\.9800"), QRegularExpression::MultilineOption)));
        QVERIFY(r.out.contains("encoder/loss"));
        QVERIFY(r.out.contains("Child runs: " + QString::number(child_)));
    }

    void showAsJson() {
        const Result r = runDacl({"runs", "show", "--db", db_, "--run", QString::number(finished_), "--json"}, kTimeoutS);
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = parse(r.out).object();
        QCOMPARE(j["settings"].toObject()["encoder"].toObject()["width"].toInt(), 32);
        QCOMPARE(j["final_metrics"].toObject()["auroc"].toObject()["std"].toDouble(), 0.005);
        QVERIFY(j["final_metrics"].toObject()["auprc"].toObject()["ci_low"].isNull());
        const QJsonArray folds = j["folds"].toArray();
        QCOMPARE(folds.size(), 2);
        QCOMPARE(folds[1].toObject()["metrics"].toObject()["auroc"].toDouble(), 0.98);
        QCOMPARE(j["predictions"].toInt(), 3);
        const QJsonArray curves = j["curves"].toArray();
        QCOMPARE(curves.size(), 2);
        QCOMPARE(curves[0].toObject()["points"].toInt(), 2);
        QCOMPARE(curves[0].toObject()["last"].toDouble(), 2.0);
    }

    void exportToFile() {
        const QString out = dir_.filePath("run.json");
        const Result r = runDacl({"runs", "export", "--db", db_, "--run", QString::number(finished_), "--output", out}, kTimeoutS);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject j = parse(QString::fromUtf8(f.readAll())).object();
        QCOMPARE(j["name"].toString(), QString("dacl-af"));
        QCOMPARE(j["settings"].toObject()["folds"].toInt(), 2);
        QCOMPARE(j["metrics"].toArray().size(), 3);
        QCOMPARE(j["fold_results"].toArray().size(), 3);
        const QJsonArray preds = j["predictions"].toArray();
        QCOMPARE(preds.size(), 3);
        QCOMPARE(preds[0].toObject()["record"].toString(), QString("A00001"));
        QCOMPARE(preds[0].toObject()["score"].toDouble(), 0.93);
        QCOMPARE(preds[2].toObject()["fold"].toInt(), 1);
        const QJsonArray roc = j["roc"].toArray();
        QCOMPARE(roc.size(), 1);
        const QJsonArray pts = roc[0].toObject()["points"].toArray();
        QCOMPARE(pts.size(), 3);
        QVERIFY(pts[0].toObject()["threshold"].isNull());  // +inf has no JSON spelling
        QCOMPARE(j["artefacts"].toArray()[0].toObject()["path"].toString(), QString("/tmp/final.pt"));
    }

    void errorsAreClear() {
        const QString missing = dir_.filePath("nope.db");
        Result r = runDacl({"runs", "list", "--db", missing}, kTimeoutS);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("dacl: error:") && r.err.contains(missing), qPrintable(r.err));
        QVERIFY(!QFile::exists(missing));
        r = runDacl({"runs", "show", "--db", db_, "--run", "999"}, kTimeoutS);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no run 999"), qPrintable(r.err));
        r = runDacl({"runs", "export", "--db", db_, "--run", QString::number(finished_), "--output", dir_.filePath("no/such/dir.json")},
                    kTimeoutS);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("cannot write"));
        r = runDacl({"runs", "delete", "--db", db_, "--run", QString::number(running_)}, kTimeoutS);  // a live run
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("running"), qPrintable(r.err));
    }

    void renameAndDelete() {
        QCOMPARE(runDacl({"runs", "rename", "--db", db_, "--run", QString::number(finished_), "--name", "best"}, kTimeoutS).exitCode, 0);
        QCOMPARE(runDacl({"runs", "delete", "--db", db_, "--run", QString::number(child_)}, kTimeoutS).exitCode, 0);
        ResultsStore st(db_.toStdString());
        QCOMPARE(st.run(finished_).name, std::string("best"));
        QVERIFY(!st.findRun(child_));
        QCOMPARE(st.listRuns().size(), size_t(2));
    }
};

QTEST_APPLESS_MAIN(TestCliRuns)
#include "test_cli_runs.moc"
