// The desktop's report export: ReportJob reads a run (written through the core API, final metrics
// by the pipeline's own storeFinalMetrics) on a worker thread and writes PDF and HTML with every
// section the run has data for; a missing dataset only drops the ECG strip (with a note), an
// unknown run or an unwritable file fails with a clear message. The export dialog reads the run's
// own dataset (a real tiny run), the dataset open in the app only when the run's is missing.
#include "common/tiny_run.h"
#include "core/common/settings.h"
#include "core/eval/random.h"
#include "core/pipeline/summary.h"
#include "core/store/results_store.h"
#include "core/synth/demo_dataset.h"
#include "ui/jobs/report_job.h"
#include "ui/report/run_csv_export.h"
#include "ui/report/run_dataset.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace dacl;
using namespace dacl::store;
using dacl::ui::chooseReportDataset;

namespace {

std::int64_t writeRun(ResultsStore& st) {
    Settings settings;
    settings.set("eval.bootstrap", 200);
    NewRun r;
    r.name = "job test";
    r.task = "af_vs_rest";
    r.settingsJson = nlohmann::json{{"settings", settings.values()},
                                    {"request", {{"data", "/nonexistent/dataset"}, {"folds", 2}, {"task", "af_vs_rest"}}}}
                         .dump();
    r.seed = 5;
    r.dataFingerprint = "feedbeefcafe0001";
    const std::int64_t id = st.createRun(r);
    r.name = "st_lr";
    r.parentId = id;
    const std::int64_t baseline = st.createRun(r);
    eval::SplitMix64 rng(9);
    for (std::int64_t run : {id, baseline}) {
        st.startRun(run);
        for (int fold = 0; fold < 2; ++fold) {
            std::vector<Prediction> preds;
            std::vector<Embedding> embs;
            std::vector<double> scores;
            std::vector<int> labels;
            for (int i = 0; i < 60; ++i) {
                const int label = rng.below(5) == 0 ? 1 : 0;
                const double score = 0.3 * label + static_cast<double>(rng.below(1000)) / 1000 * 0.7;
                const std::string rec = "R" + std::to_string(fold) + "_" + std::to_string(i);
                preds.push_back({fold, rec, label, score, score >= 0.5 ? 1 : 0, {static_cast<float>(1 - score), static_cast<float>(score)}});
                std::vector<float> v(8);
                for (float& x : v) x = static_cast<float>(rng.below(1000)) / 1000.f + 0.5f * label;
                embs.push_back({fold, rec, std::nullopt, 0, label, v});
                scores.push_back(score);
                labels.push_back(label);
            }
            st.addPredictions(run, preds);
            st.addEmbeddings(run, embs);
            const auto ci = eval::bootstrapAuroc(scores, labels, 200, 1);
            const auto s = eval::statsAt(scores, labels, 0.5);
            for (const auto& [name, value] :
                 std::vector<std::pair<std::string, double>>{{"auprc", eval::auprc(scores, labels)}, {"threshold", 0.5},
                                                             {"sensitivity", s.sensitivity}, {"specificity", s.specificity},
                                                             {"precision", s.precision}, {"f1", s.f1},
                                                             {"auroc_ci_low", ci.low}, {"auroc_ci_high", ci.high},
                                                             {"robust.white.24db.auroc", 0.7}, {"robust.zt.100.auroc", 0.65},
                                                             {"auroc", eval::auroc(scores, labels)}})
                st.setFoldResult(run, fold, name, value);
            for (int e = 0; e < 5; ++e) st.addMetric(run, {fold, e, std::nullopt, "vae.train_loss", 10.0 / (e + 1)});
        }
        ml::storeFinalMetrics(st, run, settings);
        st.endRun(run, RunStatus::Finished);
    }
    return id;
}

}  // namespace

class TestReportJob : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    QString db_;
    std::int64_t run_ = 0;
    testing::TinyRun tiny_;
    QString tinyDb_, tinyData_;

    // Exports the run through the dialog as it opens (its proposed dataset); the HTML, or "" on failure.
    static QString exportThroughDialog(ui::ExportReportDialog& dialog, const QString& pdf) {
        dialog.setOutput(pdf);
        QSignalSpy finished(dialog.job(), &ui::ReportJob::finished);
        QSignalSpy failed(dialog.job(), &ui::ReportJob::failed);
        dialog.startExport();
        if (!QTest::qWaitFor([&] { return finished.count() + failed.count() == 1; }, 120000)) return {};
        if (!failed.isEmpty()) {
            qWarning() << "export failed:" << failed.first().first().toString();
            return {};
        }
        QFile h(pdf.left(pdf.size() - 4) + QStringLiteral(".html"));
        return h.open(QIODevice::ReadOnly) ? QString::fromUtf8(h.readAll()) : QString();
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        db_ = dir_.filePath(QStringLiteral("job.sqlite"));
        ResultsStore st(db_.toStdString());
        run_ = writeRun(st);

        // A real run trained the way `dacl pipeline --data data --db runs.db` does it in its own
        // folder: the run stores the dataset as a path relative to that folder.
        QVERIFY(QDir().mkpath(dir_.filePath(QStringLiteral("trained"))));
        const QString before = QDir::currentPath();
        QVERIFY(QDir::setCurrent(dir_.filePath(QStringLiteral("trained"))));
        tiny_ = testing::makeTinyRun(QStringLiteral("."), 40, "af_vs_rest", {"repr=pooled"});  // AF among its test records
        QVERIFY(QDir::setCurrent(before));
        tinyDb_ = dir_.filePath(QStringLiteral("trained/runs.db"));
        tinyData_ = dir_.filePath(QStringLiteral("trained/data"));
        // The request keeps the folder as given (relative); the run also records its absolute path.
        const auto stored = nlohmann::json::parse(ResultsStore(tinyDb_.toStdString()).run(tiny_.runId).settingsJson);
        QVERIFY(QDir::isRelativePath(QString::fromStdString(stored.at("request").at("data").get<std::string>())));
        QCOMPARE(QString::fromStdString(chooseReportDataset(ResultsStore(tinyDb_.toStdString()).run(tiny_.runId), "").runDir),
                 QDir::cleanPath(tinyData_));
    }

    void writesPdfAndHtmlOnAWorker() {
        ui::ReportJob job;
        QSignalSpy finished(&job, &ui::ReportJob::finished);
        QSignalSpy failed(&job, &ui::ReportJob::failed);
        const QString pdf = dir_.filePath(QStringLiteral("r.pdf")), html = dir_.filePath(QStringLiteral("r.html"));
        job.start(db_, run_, {pdf, html});
        QVERIFY(job.isRunning());  // the window is not blocked: start() returned at once
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() + failed.count() == 1, 120000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QCOMPARE(finished.first().first().toStringList(), (QStringList{pdf, html}));

        QFile p(pdf);
        QVERIFY(p.open(QIODevice::ReadOnly));
        QVERIFY(p.read(5) == "%PDF-");
        QVERIFY(p.size() > 20000);

        QFile h(html);
        QVERIFY(h.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(h.readAll());
        QVERIFY(text.contains(QStringLiteral("job test")));
        QVERIFY(text.contains(QStringLiteral("feedbeefcafe0001")));
        QVERIFY(text.contains(QStringLiteral("st_lr")));                     // baselines table
        QVERIFY(text.contains(QStringLiteral("Noise added to the ECG")));    // robustness tables
        QVERIFY(text.contains(QStringLiteral("SNR 24 dB")));
        QVERIFY(text.contains(QStringLiteral("t-SNE (perplexity")));         // embedding map
        QVERIFY(text.contains(QStringLiteral("/nonexistent/dataset is not available")));
        QVERIFY(!text.contains(QStringLiteral("alt=\"ECG strip")));          // no dataset, no strip
        // ROC, PR, embedding map and the training curve panel.
        QCOMPARE(text.count(QStringLiteral("<img src=\"data:image/png;base64,")), 4);
        // Folds are numbered 1 and 2 as everywhere else in the app (the store's 0 and 1).
        const int perFold = text.indexOf(QStringLiteral("Per-fold results"));
        QVERIFY(perFold > 0);
        const QString foldTable = text.mid(perFold, text.indexOf(QStringLiteral("</table>"), perFold) - perFold);
        QCOMPARE(foldTable.count(QStringLiteral("<tr><td class=\"r\">")), 2);
        QVERIFY(foldTable.contains(QStringLiteral("<tr><td class=\"r\">1</td>")));
        QVERIFY(foldTable.contains(QStringLiteral("<tr><td class=\"r\">2</td>")));

        // So does the predictions CSV of the Runs view (its header says so).
        const QString csv = dir_.filePath(QStringLiteral("predictions.csv"));
        ResultsStore st(db_.toStdString());
        QCOMPARE(ui::writePredictionsCsv(st, run_, csv.toStdString()), std::size_t{120});
        QFile c(csv);
        QVERIFY(c.open(QIODevice::ReadOnly));
        QSet<QByteArray> folds;
        for (const QByteArray& line : c.readAll().split('\n').mid(1))
            if (!line.isEmpty()) folds.insert(line.split(',').first());
        QCOMPARE(folds, (QSet<QByteArray>{"1", "2"}));
    }

    void unknownRunAndUnwritableFileFail() {
        ui::ReportJob job;
        QSignalSpy failed(&job, &ui::ReportJob::failed);
        job.start(db_, 999, {dir_.filePath(QStringLiteral("x.pdf"))});
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("no run 999")), qPrintable(failed.first().first().toString()));

        job.start(db_, run_, {QStringLiteral("/nonexistent-dir/x.pdf")});
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, 120000);
        QVERIFY2(failed.last().first().toString().contains(QStringLiteral("/nonexistent-dir/x.pdf")),
                 qPrintable(failed.last().first().toString()));
    }

    // The report's default dataset is the run's own: where the run recorded it, else (the results
    // file and its data moved together, e.g. to another computer) its relative path found beside
    // the results file wherever the program runs (`dacl report` goes through the same code).
    void defaultDatasetIsTheRunsOwnBesideTheResultsFile() {
        ui::ReportJob job;
        QSignalSpy finished(&job, &ui::ReportJob::finished);
        QSignalSpy failed(&job, &ui::ReportJob::failed);
        const QString html = dir_.filePath(QStringLiteral("relative.html"));
        const QString moved = dir_.filePath(QStringLiteral("copied"));
        QVERIFY(QDir().rename(dir_.filePath(QStringLiteral("trained")), moved));
        job.start(moved + QStringLiteral("/runs.db"), tiny_.runId, {html});
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() + failed.count() == 1, 120000);
        QVERIFY(QDir().rename(moved, dir_.filePath(QStringLiteral("trained"))));
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QFile h(html);
        QVERIFY(h.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(h.readAll());
        QVERIFY2(text.contains(QStringLiteral("alt=\"ECG strip")), "no ECG strip: the run's dataset was not found");
    }

    // A run trained on other data than the dataset open in the app (its demo records D000…, with
    // the real PhysioNet folder open): the dialog proposes the run's own folder and says so, and
    // the export shows the run's record instead of failing with "record D000… is not in …".
    void dialogProposesTheRunsOwnDataset() {
        const QString physionet = QStringLiteral(DACL_SHARED_DIR "/data/physionet2017");
        if (!QFile::exists(physionet + QStringLiteral("/REFERENCE.csv"))) QSKIP("PhysioNet 2017 data not available");
        ui::ExportReportDialog dialog(tinyDb_, tiny_.runId, physionet);
        QSignalSpy chosen(&dialog, &ui::ExportReportDialog::datasetChosen);
        QTRY_COMPARE_WITH_TIMEOUT(chosen.count(), 1, 30000);
        QCOMPARE(QDir(dialog.dataDir()).canonicalPath(), QDir(tinyData_).canonicalPath());
        QVERIFY2(dialog.datasetNote().contains(QStringLiteral("trained on")), qPrintable(dialog.datasetNote()));
        const QString text = exportThroughDialog(dialog, dir_.filePath(QStringLiteral("own.pdf")));
        QVERIFY(text.contains(QStringLiteral("alt=\"ECG strip")));
    }

    // The run's folder is gone from this computer: the open dataset stands in, the dialog names
    // both, and a record missing there costs the ECG strip, not the report.
    void openDatasetStandsInWhenTheRunsIsMissing() {
        const QString open = dir_.filePath(QStringLiteral("open"));
        NullProgress quiet;
        synth::writeDemoDataset(open.toStdString(), 3, 99, quiet);
        const QString moved = dir_.filePath(QStringLiteral("trained/moved"));
        QVERIFY(QDir().rename(tinyData_, moved));
        ui::ExportReportDialog dialog(tinyDb_, tiny_.runId, open);
        QSignalSpy chosen(&dialog, &ui::ExportReportDialog::datasetChosen);
        QTRY_COMPARE_WITH_TIMEOUT(chosen.count(), 1, 30000);
        QCOMPARE(dialog.dataDir(), open);
        const QString note = dialog.datasetNote();
        QVERIFY2(note.contains(QStringLiteral("not on this computer")) && note.contains(QStringLiteral("open dataset")), qPrintable(note));
        QVERIFY2(note.contains(QString::fromStdString(chooseReportDataset(ResultsStore(tinyDb_.toStdString()).run(tiny_.runId), "").runDir)),
                 qPrintable(note));
        const QString text = exportThroughDialog(dialog, dir_.filePath(QStringLiteral("fallback.pdf")));
        QVERIFY(QDir().rename(moved, tinyData_));
        QVERIFY2(text.contains(open), "the report does not name the dataset it read");
        // Another dataset, not the run's own with changed data; the title names the run's own.
        QVERIFY2(text.contains(QStringLiteral("is not the dataset the run learned from")), "the report calls another dataset changed data");
        QVERIFY(!text.contains(QStringLiteral("have changed since the run")));
        const ui::RunDataset own = ui::runDatasetOf(ResultsStore(tinyDb_.toStdString()).run(tiny_.runId));
        QVERIFY2(text.contains(QStringLiteral(" on %1").arg(own.name)), qPrintable(own.name));
        QVERIFY2(text.contains(ui::describeRunDataset(own).toHtmlEscaped()), qPrintable(ui::describeRunDataset(own)));
    }
};

QTEST_MAIN(TestReportJob)
#include "test_report_job.moc"
