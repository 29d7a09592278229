// The line above every tab: which dataset is open (name, records, record) and which run is current
// (number, name, status, the dataset it learned from), in the user's language, with a warning when
// the run learned from another dataset than the open one. A real tiny run in a real results file.
#include "common/tiny_run.h"
#include "core/data/dataset.h"
#include "core/store/results_store.h"
#include "ui/models/runs_model.h"
#include "ui/settings/language.h"
#include "ui/studio_document.h"
#include "ui/views/context_bar.h"

#include <QLabel>
#include <QTemporaryDir>
#include <QtTest>

using namespace dacl;
using namespace dacl::ui;

class TestContextBar : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    testing::TinyRun run_;

    void loadRuns(RunsModel& model) {
        store::ResultsStore st(run_.dbPath.toStdString());
        model.update(loadRunRows(st));
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        installLanguage(QStringLiteral("en"));  // as the app does at start
        run_ = testing::makeTinyRun(dir_.path(), 12, "af_vs_rest", {"repr=pooled"});
        QVERIFY(run_.runId > 0);
        store::ResultsStore(run_.dbPath.toStdString()).renameRun(run_.runId, "baseline sweep");
    }
    void cleanup() { installLanguage(QStringLiteral("en")); }

    void namesTheOpenDatasetAndItsRecord() {
        StudioDocument doc;
        RunsModel runs;
        ContextBar bar(&doc, &runs);
        QCOMPARE(bar.datasetText(), QStringLiteral("No dataset open"));
        QCOMPARE(bar.runText(), QStringLiteral("No run selected"));
        QCOMPARE(bar.windowTitle(), QStringLiteral("DACL Studio"));

        doc.setDataset(Dataset::open(run_.dataDir.toStdString()));
        QCOMPARE(bar.datasetText(), QStringLiteral("Dataset: data · 12 records"));
        doc.setRecord(2);
        const QString name = QString::fromStdString(doc.dataset()->records()[2].name);
        QCOMPARE(bar.datasetText(), QStringLiteral("Dataset: data · 12 records · record %1").arg(name));
        QCOMPARE(bar.windowTitle(), QStringLiteral("DACL Studio — data"));
    }

    void namesTheRunAndTheDatasetItLearnedFrom() {
        StudioDocument doc;
        RunsModel runs;
        ContextBar bar(&doc, &runs);
        doc.setDataset(Dataset::open(run_.dataDir.toStdString()));
        doc.setResultsFile(run_.dbPath);
        doc.setRun(run_.runId);
        QCOMPARE(bar.runText(), QStringLiteral("Run %1").arg(run_.runId));  // until the Runs model has read the file
        loadRuns(runs);
        const QString text = bar.runText();
        QVERIFY2(text.startsWith(QStringLiteral("Run %1 “baseline sweep” · dacl af_vs_rest · finished · trained on data (12 records")
                                     .arg(run_.runId)),
                 qPrintable(text));
        QVERIFY(!bar.runOnOtherDataset());
        QVERIFY(bar.findChild<QLabel*>(QStringLiteral("contextWarning"))->isHidden());

        // A rename in the Runs table shows at once (the bar reads the model, not the file).
        QVERIFY(runs.setData(runs.index(0, RunsModel::Name), QStringLiteral("renamed"), Qt::EditRole));
        QVERIFY2(bar.runText().contains(QStringLiteral("“renamed”")), qPrintable(bar.runText()));
    }

    void warnsWhenTheRunLearnedFromAnotherDataset() {
        QTemporaryDir other;
        NullProgress quiet;
        synth::writeDemoDataset(QDir(other.path()).filePath(QStringLiteral("elsewhere")).toStdString(), 8, 7, quiet);
        StudioDocument doc;
        RunsModel runs;
        ContextBar bar(&doc, &runs);
        loadRuns(runs);
        doc.setResultsFile(run_.dbPath);
        doc.setRun(run_.runId);
        doc.setDataset(Dataset::open(QDir(other.path()).filePath(QStringLiteral("elsewhere")).toStdString()));
        QVERIFY(bar.runOnOtherDataset());
        auto* warning = bar.findChild<QLabel*>(QStringLiteral("contextWarning"));
        QVERIFY(!warning->isHidden());
        QVERIFY2(warning->text().contains(QStringLiteral("learned from data")), qPrintable(warning->text()));
        QCOMPARE(bar.datasetText(), QStringLiteral("Dataset: elsewhere · 8 records"));

        // One recording opened to be assessed is no dataset the run should have learned from.
        const QString one = QDir(other.path()).filePath(QStringLiteral("elsewhere/") +
                                                         QString::fromStdString(doc.dataset()->records()[0].name) + QStringLiteral(".hea"));
        doc.setDataset(Dataset::open(one.toStdString()));
        QVERIFY(doc.dataset()->isSingleFile());
        QVERIFY(!bar.runOnOtherDataset());

        // The run's own dataset again: no warning.
        doc.setDataset(Dataset::open(run_.dataDir.toStdString()));
        QVERIFY(!bar.runOnOtherDataset());
        QVERIFY(warning->isHidden());
    }

    void speaksGerman() {
        installLanguage(QStringLiteral("de"));
        StudioDocument doc;
        RunsModel runs;
        ContextBar bar(&doc, &runs);
        loadRuns(runs);
        doc.setDataset(Dataset::open(run_.dataDir.toStdString()));
        doc.setResultsFile(run_.dbPath);
        doc.setRun(run_.runId);
        QVERIFY2(bar.datasetText().startsWith(QStringLiteral("Datensatz: data · 12 Aufnahmen")), qPrintable(bar.datasetText()));
        QVERIFY2(bar.runText().contains(QStringLiteral("abgeschlossen")), qPrintable(bar.runText()));
        QVERIFY2(!bar.runText().contains(QStringLiteral("finished")), qPrintable(bar.runText()));
    }
};

QTEST_MAIN(TestContextBar)
#include "test_context_bar.moc"
