// The Dataset view's heart-rate, fold and prediction columns: heart rates are computed in the
// background (shown as "…" until known), equal core's detector, agree with the rate the demo
// generator used for normal-rhythm records, sort as numbers, and a dataset change cancels the
// previous computation; fold and prediction come from the current run.
#include "core/data/dataset.h"
#include "core/data/signal_reader.h"
#include "core/dsp/rpeaks.h"
#include "core/synth/demo_dataset.h"
#include "ui/models/record_table_model.h"
#include "ui/views/dataset_view.h"

#include <QRegularExpression>
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

    void foldAndPredictionOfTheCurrentRun() {
        DatasetView view;
        view.setDataset(b_);
        RecordTableModel* model = view.model();
        QHash<QString, double> p;
        QHash<QString, int> fold;
        for (int r = 0; r < 10; ++r) {
            const QString name = QString::fromStdString(b_->records()[r].name);
            p[name] = (r * 37 % 10) / 10.0 + 0.05;
            fold[name] = r % 5;
        }
        view.setRunPredictions(p, fold);
        for (int r = 0; r < 10; ++r) {
            const QString name = QString::fromStdString(b_->records()[r].name);
            QCOMPARE(model->index(r, RecordTableModel::Prediction).data().toString(), QString::number(p[name], 'f', 3));
            QCOMPARE(model->index(r, RecordTableModel::Fold).data().toString(), QString::number(fold[name]));
        }
        QTableView* table = view.table();
        table->sortByColumn(RecordTableModel::Prediction, Qt::DescendingOrder);
        double previous = 2;
        for (int row = 0; row < 10; ++row) {
            const double v = table->model()->index(row, RecordTableModel::Prediction).data(Qt::UserRole).toDouble();
            QVERIFY(v <= previous);
            previous = v;
        }
        // No run: the columns are empty.
        view.setRunPredictions({}, {});
        QVERIFY(model->index(0, RecordTableModel::Prediction).data().toString().isEmpty());
        QVERIFY(!model->index(0, RecordTableModel::Fold).data(Qt::UserRole).isValid());
    }
};

QTEST_MAIN(TestDatasetView)
#include "test_dataset_view.moc"
