// The document the desktop app's views observe: what it announces when the dataset, record,
// results file and run change, and that a run's model and out-of-fold predictions arrive from a
// real results file (a tiny trained run), or a clear failure for a run that is not there.
#include "common/tiny_run.h"
#include "core/data/dataset.h"
#include "core/pipeline/run_model.h"
#include "core/store/results_store.h"
#include "ui/studio_document.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace dacl;
using namespace dacl::ui;

class TestStudioDocument : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    testing::TinyRun run_;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        run_ = testing::makeTinyRun(dir_.path(), 12, "af_vs_rest", {"repr=pooled"});
        QVERIFY(run_.runId > 0);
    }

    void aNewDatasetFirstLetsGoOfTheCurrentRecord() {
        StudioDocument doc;
        std::vector<std::pair<const Dataset*, int>> records;
        QStringList order;
        connect(&doc, &StudioDocument::recordChanged, this, [&](const Dataset* d, int r) {
            records.emplace_back(d, r);
            order << QStringLiteral("record %1").arg(r);
        });
        connect(&doc, &StudioDocument::datasetChanged, this, [&] { order << QStringLiteral("dataset"); });

        doc.setRecord(3);  // no dataset yet: nothing to select
        QVERIFY(records.empty());
        doc.setDataset(Dataset::open(run_.dataDir.toStdString()));
        doc.setRecord(3);
        QCOMPARE(records.size(), std::size_t{1});
        QCOMPARE(records.back().first, &*doc.dataset());
        QCOMPARE(records.back().second, 3);
        doc.setRecord(3);  // unchanged: not announced again
        QCOMPARE(records.size(), std::size_t{1});
        doc.setRecord(99);  // out of range: none
        QCOMPARE(records.back().second, -1);
        QVERIFY(records.back().first == nullptr);

        doc.setRecord(2);
        order.clear();
        doc.setDataset(Dataset::open(run_.dataDir.toStdString()));
        // Views hold a pointer into the old dataset: they are told to drop it before it goes.
        QCOMPARE(order, (QStringList{QStringLiteral("record -1"), QStringLiteral("dataset")}));
        QCOMPARE(doc.record(), -1);
    }

    void aRunBringsItsPredictionsAndModel() {
        StudioDocument doc;
        doc.setResultsFile(run_.dbPath);
        QSignalSpy runs(&doc, &StudioDocument::runChanged);
        QSignalSpy models(&doc, &StudioDocument::runModelChanged);
        QSignalSpy predictions(&doc, &StudioDocument::runPredictionsChanged);
        QSignalSpy failures(&doc, &StudioDocument::runModelFailed);

        doc.setRun(run_.runId);
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs[0][0].toString(), run_.dbPath);
        QCOMPARE(runs[0][1].toLongLong(), qint64{run_.runId});
        QVERIFY(models.size() == 1 && !doc.runModel());  // dropped at once
        QTRY_COMPARE_WITH_TIMEOUT(models.size(), 2, 60000);
        QVERIFY(doc.runModel());
        QCOMPARE(doc.runModel()->runId(), run_.runId);
        QTRY_COMPARE_WITH_TIMEOUT(predictions.size(), 1, 60000);
        QVERIFY(failures.isEmpty());

        // The predictions are the run's out-of-fold test predictions, each with its fold.
        store::ResultsStore db(run_.dbPath.toStdString());
        const auto got = predictions[0][0].value<ui::RunPredictions>();
        int tested = 0;
        for (const auto& p : db.predictions(run_.runId)) {
            if (!p.fold) continue;
            ++tested;
            const auto it = got.byRecord.constFind(QString::fromStdString(p.record));
            QVERIFY(it != got.byRecord.constEnd());
            QCOMPARE(it->probability, p.score);
            QCOMPARE(it->fold, *p.fold);
            QCOMPARE(it->label, p.label);
            QCOMPARE(it->predicted, p.predicted);
        }
        QVERIFY(tested > 0);
        QCOMPARE(got.byRecord.size(), tested);
        QCOMPARE(got.task, QStringLiteral("af_vs_rest"));

        // Choosing the same run again does nothing; another results file ends the run.
        doc.setRun(run_.runId);
        QCOMPARE(runs.size(), 1);
        doc.setResultsFile(dir_.filePath(QStringLiteral("other.db")));
        QCOMPARE(doc.run(), qint64{-1});
        QCOMPARE(runs.last()[1].toLongLong(), qint64{-1});
        QVERIFY(!doc.runModel());
    }

    void aRunThatIsNotThereFailsWithTheReason() {
        StudioDocument doc;
        doc.setResultsFile(run_.dbPath);
        QSignalSpy failures(&doc, &StudioDocument::runModelFailed);
        doc.setRun(run_.runId + 1000);
        QTRY_COMPARE_WITH_TIMEOUT(failures.size(), 1, 60000);
        QCOMPARE(failures[0][0].toLongLong(), run_.runId + 1000);
        QVERIFY2(failures[0][1].toString().contains(QString::number(run_.runId + 1000)), qPrintable(failures[0][1].toString()));
        QVERIFY(!doc.runModel());
    }
};

QTEST_MAIN(TestStudioDocument)
#include "test_studio_document.moc"
