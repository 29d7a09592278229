// The Dataset view's heart-rate, fold and prediction columns: heart rates are computed in the
// background (shown as "…" until known), equal core's detector, agree with the rate the demo
// generator used for normal-rhythm records, sort as numbers, and a dataset change cancels the
// previous computation; fold and prediction come from the current run (a real trained one).
#include "common/tiny_run.h"
#include "core/data/dataset.h"
#include "core/data/signal_reader.h"
#include "core/dsp/rpeaks.h"
#include "core/store/results_store.h"
#include "core/synth/demo_dataset.h"
#include "ui/models/record_table_model.h"
#include "ui/models/run_predictions.h"
#include "ui/views/dataset_view.h"

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <optional>

using dacl::Dataset;
using dacl::ui::DatasetView;
using dacl::ui::RecordTableModel;

class TestDatasetView : public QObject {
    Q_OBJECT
    QTemporaryDir dirA_, dirB_;
    std::optional<Dataset> a_, b_;

private Q_SLOTS:
    void initTestCase() {
        dacl::NullProgress quiet;
        dacl::synth::writeDemoDataset(dirA_.path().toStdString(), 24, 7, quiet);
        dacl::synth::writeDemoDataset(dirB_.path().toStdString(), 10, 99, quiet);
        a_ = Dataset::open(dirA_.path().toStdString());
        b_ = Dataset::open(dirB_.path().toStdString());
    }

    void heartRatesArriveInTheBackgroundAndEqualCore() {
        DatasetView view;
        QSignalSpy finished(&view, &DatasetView::heartRatesFinished);
        view.setDataset(a_);
        RecordTableModel* model = view.model();
        // Right after opening nothing is known yet: the cell says so.
        QCOMPARE(model->index(0, RecordTableModel::HeartRate).data().toString(), QStringLiteral("…"));
        QVERIFY(!view.heartRatesComplete());
        QVERIFY(finished.wait(120000));
        QVERIFY(view.heartRatesComplete());
        int normalChecked = 0;
        for (int r = 0; r < model->rowCount(); ++r) {
            const dacl::Recording rec = dacl::readRecording(a_->header(r));
            const double expected = dacl::dsp::heartRateBpm(dacl::dsp::detectRPeaks(rec.channels[0], rec.fs), rec.fs);
            if (expected == 0) {  // fewer than two beats: no rate, and the cell says so
                QVERIFY(std::isnan(model->heartRate(r)));
                QCOMPARE(model->index(r, RecordTableModel::HeartRate).data().toString(), QStringLiteral("—"));
                continue;
            }
            QCOMPARE(model->heartRate(r), expected);
            QCOMPARE(model->index(r, RecordTableModel::HeartRate).data(Qt::UserRole).toDouble(), expected);
            QCOMPARE(model->index(r, RecordTableModel::HeartRate).data().toString(), QString::number(expected, 'f', 0));
            // Normal sinus rhythm: the median rate is the generator's mean rate (header comment).
            if (a_->records()[r].label == "N") {
                for (const auto& c : a_->header(r).comments) {
                    const auto m = QRegularExpression(QStringLiteral("mean rate ([0-9.]+) bpm"))
                                       .match(QString::fromStdString(c));
                    if (!m.hasMatch()) continue;
                    const double truth = m.captured(1).toDouble();
                    QVERIFY2(std::abs(expected - truth) < 0.1 * truth,
                             qPrintable(QStringLiteral("%1 vs %2").arg(expected).arg(truth)));
                    ++normalChecked;
                }
            }
        }
        QVERIFY(normalChecked >= 5);

        // Sorting by heart rate is numeric.
        QTableView* table = view.table();
        table->sortByColumn(RecordTableModel::HeartRate, Qt::AscendingOrder);
        double last = -1;
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            const QVariant v = table->model()->index(row, RecordTableModel::HeartRate).data(Qt::UserRole);
            if (!v.isValid()) continue;  // not computable: sorted last
            QVERIFY(v.toDouble() >= last);
            last = v.toDouble();
        }
    }

    void changingTheDatasetCancelsTheComputation() {
        DatasetView view;
        QSignalSpy finished(&view, &DatasetView::heartRatesFinished);
        view.setDataset(a_);
        view.setDataset(b_);  // before A's rates are done
        QVERIFY(finished.wait(120000));
        QTest::qWait(500);  // anything late from A would arrive now
        QCOMPARE(finished.count(), 1);
        RecordTableModel* model = view.model();
        QCOMPARE(model->rowCount(), 10);
        for (int r = 0; r < 10; ++r) {
            const dacl::Recording rec = dacl::readRecording(b_->header(r));
            const double expected = dacl::dsp::heartRateBpm(dacl::dsp::detectRPeaks(rec.channels[0], rec.fs), rec.fs);
            QVERIFY(model->heartRateKnown(r));
            if (expected > 0) QCOMPARE(model->heartRate(r), expected);
        }
        view.setDataset(std::nullopt);
        QCOMPARE(model->rowCount(), 0);
    }

    // The run's columns from a real trained run: fold 1-based, the prediction as "class · p" with
    // ✓ or ✗ against the label (locale digits), records the run did not test blank and last in
    // either sort order, and narrow columns (the last one is not stretched).
    void predictionsOfARealRun() {
        QLocale::setDefault(QLocale::c());
        QTemporaryDir dir;
        const dacl::testing::TinyRun run = dacl::testing::makeTinyRun(dir.path(), 16, "af_vs_rest", {"repr=pooled"});
        dacl::store::ResultsStore st(run.dbPath.toStdString());
        const auto stored = st.predictions(run.runId);

        DatasetView view;
        view.resize(1200, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        RecordTableModel* model = view.model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.setDataset(Dataset::open(run.dataDir.toStdString()));
        view.setRunPredictions(dacl::ui::readRunPredictions(st, run.runId));

        auto rowOf = [&](const std::string& record) {
            for (int r = 0; r < model->rowCount(); ++r)
                if (model->index(r, RecordTableModel::Id).data().toString() == QString::fromStdString(record)) return r;
            return -1;
        };
        QSet<int> tested;
        int right = 0, wrong = 0;
        for (const auto& p : stored) {
            if (!p.fold) continue;
            const int r = rowOf(p.record);
            QVERIFY(r >= 0 && p.predicted);
            tested.insert(r);
            QCOMPARE(model->index(r, RecordTableModel::Fold).data().toString(), QString::number(*p.fold + 1));
            const bool correct = *p.predicted == p.label;
            (correct ? right : wrong)++;
            const QString text = QStringLiteral("%1 · %2 %3")
                                     .arg(*p.predicted == 1 ? QStringLiteral("AF") : QStringLiteral("non-AF"),
                                          QString::number(p.score, 'f', 2), correct ? QStringLiteral("✓") : QStringLiteral("✗"));
            QCOMPARE(model->index(r, RecordTableModel::Prediction).data().toString(), text);
            QCOMPARE(model->index(r, RecordTableModel::Prediction).data(Qt::UserRole).toDouble(), p.score);
            const QString tip = model->index(r, RecordTableModel::Prediction).data(Qt::ToolTipRole).toString();
            QVERIFY2(tip.contains(correct ? QStringLiteral("Correct") : QStringLiteral("Wrong")), qPrintable(tip));
            QVERIFY2(tip.contains(QStringLiteral("fold %1").arg(*p.fold + 1)), qPrintable(tip));
            QVERIFY2(tip.contains(QStringLiteral("threshold")), qPrintable(tip));  // why p = 0.02 can read "AF"
        }
        QVERIFY(!tested.isEmpty() && tested.size() < model->rowCount());  // one split: some records untested
        QVERIFY(right > 0);
        for (int r = 0; r < model->rowCount(); ++r)
            if (!tested.contains(r)) {
                QVERIFY(model->index(r, RecordTableModel::Prediction).data().toString().isEmpty());
                QVERIFY(model->index(r, RecordTableModel::Fold).data().toString().isEmpty());
            }

        // Numbers follow the locale.
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const int first = *tested.begin();
        QVERIFY(model->index(first, RecordTableModel::Prediction).data().toString().contains(QLatin1Char(',')));
        QLocale::setDefault(QLocale::c());

        // Blank predictions sort last, ascending and descending; the rest by probability.
        QTableView* table = view.table();
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            for (const int column : {int(RecordTableModel::Prediction), int(RecordTableModel::Fold)}) {
                table->sortByColumn(column, order);
                const QAbstractItemModel* shown = table->model();
                for (int row = 0; row < shown->rowCount(); ++row) {
                    const bool blank = !shown->index(row, column).data(Qt::UserRole).isValid();
                    QCOMPARE(blank, row >= tested.size());
                }
            }
            table->sortByColumn(RecordTableModel::Prediction, order);
            for (int row = 1; row < tested.size(); ++row) {
                const double a = table->model()->index(row - 1, RecordTableModel::Prediction).data(Qt::UserRole).toDouble();
                const double b = table->model()->index(row, RecordTableModel::Prediction).data(Qt::UserRole).toDouble();
                QVERIFY(order == Qt::AscendingOrder ? a <= b : a >= b);
            }
        }

        // Columns as wide as their contents: the prediction fits its text and does not fill the
        // window (it was stretched to ~950 px).
        QHeaderView* header = table->horizontalHeader();
        QVERIFY(!header->stretchLastSection());
        const QFontMetrics fm = table->fontMetrics();
        const int predictionWidth = table->columnWidth(RecordTableModel::Prediction);
        for (int r : tested) {
            const QString text = model->index(r, RecordTableModel::Prediction).data().toString();
            QVERIFY2(predictionWidth >= fm.horizontalAdvance(text), qPrintable(QStringLiteral("%1: %2").arg(text).arg(predictionWidth)));
        }
        QVERIFY2(predictionWidth <= 28 * fm.horizontalAdvance(QLatin1Char('0')), qPrintable(QString::number(predictionWidth)));
        int total = 0;
        for (int c = 0; c < RecordTableModel::ColumnCount; ++c) total += table->columnWidth(c);
        QVERIFY2(total < table->viewport()->width(), qPrintable(QStringLiteral("%1 of %2").arg(total).arg(table->viewport()->width())));

        // No run: the columns are empty.
        view.setRunPredictions({});
        QVERIFY(model->index(first, RecordTableModel::Prediction).data().toString().isEmpty());
        QVERIFY(!model->index(first, RecordTableModel::Fold).data(Qt::UserRole).isValid());
    }
};

QTEST_MAIN(TestDatasetView)
#include "test_dataset_view.moc"
