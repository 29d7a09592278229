// ROC view over predictions stored through the core API: every drawn ROC and PR curve is core's
// rocCurve/prCurve of the stored predictions (per fold and pooled), the legend carries the AUROC,
// and moving the threshold gives the confusion matrix core's statsAt computes, with the marker
// at that operating point.
#include "core/eval/metrics.h"
#include "core/eval/random.h"
#include "core/store/results_store.h"
#include "ui/views/record_list_panel.h"
#include "ui/views/roc_view.h"

#include "ui/plots/custom_plot.h"

#include <QApplication>
#include <QLabel>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

#include <algorithm>
#include <cmath>

using namespace dacl;
using namespace dacl::store;
using dacl::ui::RocView;

namespace {

struct Fold {
    std::vector<double> scores;
    std::vector<int> labels;
};

// Scores that separate the classes imperfectly, with ties (rounded to 0.05).
Fold makeFold(int n, std::uint64_t seed, int classes = 2) {
    eval::SplitMix64 rng(seed);
    Fold f;
    for (int i = 0; i < n; ++i) {
        const int label = static_cast<int>(rng.below(classes == 2 ? 4 : 4));
        const int binaryLabel = classes == 2 ? (label == 0 ? 1 : 0) : label;
        const bool positive = classes == 2 ? binaryLabel == 1 : label == 1;
        double s = 0.35 * positive + static_cast<double>(rng.below(1000)) / 1000.0 * 0.65;
        s = std::round(s * 20) / 20;
        f.scores.push_back(s);
        f.labels.push_back(binaryLabel);
    }
    return f;
}

std::int64_t storeRun(ResultsStore& st, const std::string& task, const std::vector<Fold>& folds) {
    NewRun r;
    r.name = "roc " + task;
    r.task = task;
    const std::int64_t id = st.createRun(r);
    for (std::size_t k = 0; k < folds.size(); ++k) {
        std::vector<Prediction> preds;
        for (std::size_t i = 0; i < folds[k].scores.size(); ++i)
            preds.push_back({static_cast<int>(k), "R" + std::to_string(k) + "_" + std::to_string(i), folds[k].labels[i],
                             folds[k].scores[i], std::nullopt, {}});
        st.addPredictions(id, preds);
        st.setFoldResult(id, static_cast<int>(k), "auroc", 0.0);  // value irrelevant to the view
        st.setFoldResult(id, static_cast<int>(k), "threshold", 0.5);
    }
    st.setFinalMetric(id, {"threshold", 0.35, 0, 0.35, 0.35});
    return id;
}

void compareRoc(QCPCurve* curve, const std::vector<eval::RocPoint>& expected) {
    QVERIFY(curve);
    QCOMPARE(curve->dataCount(), static_cast<int>(expected.size()));
    for (std::size_t k = 0; k < expected.size(); ++k) {
        QCOMPARE(curve->data()->at(static_cast<int>(k))->key, expected[k].fpr);
        QCOMPARE(curve->data()->at(static_cast<int>(k))->value, expected[k].tpr);
    }
}

}  // namespace

class TestRocView : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;

    // A results file at `name` holding one run of these folds; the view (shown) loads it.
    std::int64_t showRun(RocView& view, const QString& name, const std::vector<Fold>& folds) {
        const QString path = dir_.filePath(name);
        std::int64_t id = 0;
        {
            ResultsStore st(path.toStdString());
            id = storeRun(st, "af_vs_rest", folds);
        }
        view.resize(1200, 800);
        view.show();
        if (!QTest::qWaitForWindowExposed(&view)) return 0;
        QSignalSpy loaded(&view, &RocView::loaded);
        view.setResultsFile(path);
        view.setRuns({id});
        return loaded.wait(10000) || loaded.count() == 1 ? id : 0;
    }

private Q_SLOTS:
    void curvesAreCoreCurvesOfTheStoredPredictions() {
        const QString path = dir_.filePath(QStringLiteral("roc.sqlite"));
        const std::vector<Fold> folds = {makeFold(150, 1), makeFold(140, 2)};
        std::int64_t id = 0;
        {
            ResultsStore st(path.toStdString());
            id = storeRun(st, "af_vs_rest", folds);
        }
        RocView view;
        QSignalSpy loaded(&view, &RocView::loaded);
        view.setResultsFile(path);
        view.setRuns({id});
        QTRY_COMPARE(loaded.count(), 1);
        QCOMPARE(static_cast<int>(view.curves().size()), 3);  // two folds + pooled

        Fold pooled;
        for (int k = 0; k < 2; ++k) {
            const int i = view.curveIndex(id, k);
            QVERIFY(i >= 0);
            compareRoc(view.rocCurveItem(i), eval::rocCurve(folds[k].scores, folds[k].labels));
            const auto pr = eval::prCurve(folds[k].scores, folds[k].labels);
            QCOMPARE(view.prCurveItem(i)->dataCount(), static_cast<int>(pr.size()));
            QCOMPARE(view.prCurveItem(i)->data()->at(0)->value, pr[0].precision);
            // Legend: AUROC with its interval.
            const QString name = view.rocCurveItem(i)->name();
            QVERIFY2(name.contains(QString::number(eval::auroc(folds[k].scores, folds[k].labels), 'f', 3)), qPrintable(name));
            QVERIFY2(name.contains(QLatin1Char('[')), qPrintable(name));
            QVERIFY2(name.contains(QStringLiteral("fold %1").arg(k + 1)), qPrintable(name));  // 1-based, as the CLI log
            pooled.scores.insert(pooled.scores.end(), folds[k].scores.begin(), folds[k].scores.end());
            pooled.labels.insert(pooled.labels.end(), folds[k].labels.begin(), folds[k].labels.end());
        }
        const int p = view.curveIndex(id, std::nullopt);
        QVERIFY(p >= 0);
        compareRoc(view.rocCurveItem(p), eval::rocCurve(pooled.scores, pooled.labels));
        const eval::Interval ci = eval::bootstrapAuroc(pooled.scores, pooled.labels, 1000, 20170);
        QCOMPARE(view.curves()[static_cast<std::size_t>(p)].ciLow, ci.low);

        // Toggling a curve hides it on both plots.
        view.setCurveVisible(view.curveIndex(id, 1), false);
        QVERIFY(!view.rocCurveItem(view.curveIndex(id, 1))->visible());
        QVERIFY(!view.prCurveItem(view.curveIndex(id, 1))->visible());
        QVERIFY(view.rocCurveItem(view.curveIndex(id, 0))->visible());
    }

    void thresholdGivesCoresConfusionMatrix() {
        const QString path = dir_.filePath(QStringLiteral("thr.sqlite"));
        const std::vector<Fold> folds = {makeFold(200, 11), makeFold(190, 12)};
        std::int64_t id = 0;
        {
            ResultsStore st(path.toStdString());
            id = storeRun(st, "af_vs_rest", folds);
        }
        RocView view;
        QSignalSpy loaded(&view, &RocView::loaded);
        view.setResultsFile(path);
        view.setRuns({id});
        QTRY_COMPARE(loaded.count(), 1);
        const int f0 = view.curveIndex(id, 0);
        view.setActiveCurve(f0);
        for (double t : {0.0, 0.2, 0.37, 0.5, 0.65, 0.9, 1.0}) {
            view.setThreshold(t);
            QCOMPARE(view.threshold(), t);
            const eval::BinaryStats expected = eval::statsAt(folds[0].scores, folds[0].labels, t);
            QVERIFY(view.currentStats().has_value());
            const eval::BinaryStats got = *view.currentStats();
            QCOMPARE(got.tp, expected.tp);
            QCOMPARE(got.fp, expected.fp);
            QCOMPARE(got.tn, expected.tn);
            QCOMPARE(got.fn, expected.fn);
            // The ROC marker sits at (1 − specificity, sensitivity).
            QCPGraph* marker = nullptr;
            for (int g = 0; g < view.rocPlot()->graphCount(); ++g) marker = view.rocPlot()->graph(g);
            QVERIFY(marker && marker->dataCount() == 1);
            QCOMPARE(marker->data()->at(0)->key, 1.0 - expected.specificity);
            QCOMPARE(marker->data()->at(0)->value, expected.sensitivity);
        }
        // A freshly loaded view starts at the run's stored validation threshold, on the pooled curve.
        RocView fresh;
        QSignalSpy loaded2(&fresh, &RocView::loaded);
        fresh.setResultsFile(path);
        fresh.setRuns({id});
        QTRY_COMPARE(loaded2.count(), 1);
        QCOMPARE(fresh.activeCurve(), fresh.curveIndex(id, std::nullopt));
        QCOMPARE(fresh.threshold(), 0.35);
        std::vector<double> all = folds[0].scores;
        std::vector<int> labels = folds[0].labels;
        all.insert(all.end(), folds[1].scores.begin(), folds[1].scores.end());
        labels.insert(labels.end(), folds[1].labels.begin(), folds[1].labels.end());
        QCOMPARE(fresh.currentStats()->tp, eval::statsAt(all, labels, 0.35).tp);
        QCOMPARE(fresh.currentStats()->fp, eval::statsAt(all, labels, 0.35).fp);
    }

    // Each run shown starts at its own validation threshold, never where the previous run's
    // threshold was left: the pooled one, the mean of the folds' while the run has no summary
    // yet, 0.5 for challenge4 (no threshold: the most probable class wins).
    void eachRunStartsAtItsOwnThreshold() {
        const QString path = dir_.filePath(QStringLiteral("start.sqlite"));
        std::int64_t summarised = 0, running = 0, fourClasses = 0;
        {
            ResultsStore st(path.toStdString());
            summarised = storeRun(st, "af_vs_rest", {makeFold(120, 41), makeFold(120, 42)});  // pooled 0.35
            NewRun r;
            r.name = "still running";
            r.task = "af_vs_rest";
            running = st.createRun(r);
            for (int k = 0; k < 2; ++k) {
                const Fold f = makeFold(100, 43 + static_cast<std::uint64_t>(k));
                std::vector<Prediction> preds;
                for (std::size_t i = 0; i < f.scores.size(); ++i)
                    preds.push_back({k, "S" + std::to_string(k) + "_" + std::to_string(i), f.labels[i], f.scores[i], std::nullopt, {}});
                st.addPredictions(running, preds);
                st.setFoldResult(running, k, "threshold", k == 0 ? 0.62 : 0.58);
            }
            r.name = "four classes";
            r.task = "challenge4";
            fourClasses = st.createRun(r);
            const Fold f = makeFold(100, 45, 4);
            std::vector<Prediction> preds;
            for (std::size_t i = 0; i < f.scores.size(); ++i)
                preds.push_back({0, "C" + std::to_string(i), f.labels[i], f.scores[i], std::nullopt, {}});
            st.addPredictions(fourClasses, preds);
        }
        RocView view;
        QSignalSpy loaded(&view, &RocView::loaded);
        view.setResultsFile(path);
        view.setRuns({summarised});
        QTRY_COMPARE(loaded.count(), 1);
        QCOMPARE(view.threshold(), 0.35);
        view.setThreshold(0.9);
        view.setRuns({running});
        QTRY_COMPARE(loaded.count(), 2);
        QCOMPARE(view.activeCurve(), view.curveIndex(running, std::nullopt));
        QVERIFY(std::abs(view.threshold() - 0.6) < 1e-12);
        view.setThreshold(0.2);
        view.setRuns({fourClasses});
        QTRY_COMPARE(loaded.count(), 3);
        QCOMPARE(view.threshold(), 0.5);
    }

    void draggingTheMarkerMovesAlongTheCurve() {
        const std::vector<Fold> folds = {makeFold(200, 31), makeFold(200, 32)};
        RocView view;
        const std::int64_t id = showRun(view, QStringLiteral("drag.sqlite"), folds);
        QVERIFY(id > 0);
        const int f0 = view.curveIndex(id, 0);
        view.setActiveCurve(f0);
        view.setThreshold(0.9);
        QCustomPlot* plot = view.rocPlot();
        plot->replot();
        auto pixel = [&](double x, double y) {
            return QPointF(plot->xAxis->coordToPixel(x), plot->yAxis->coordToPixel(y));
        };
        auto send = [&](QEvent::Type type, const QPointF& local, Qt::MouseButtons buttons) {
            QMouseEvent e(type, local, plot->mapToGlobal(local), Qt::LeftButton, buttons, Qt::NoModifier);
            QApplication::sendEvent(plot, &e);
        };
        const eval::BinaryStats start = *view.currentStats();
        const QPointF marker = pixel(1 - start.specificity, start.sensitivity);
        // A point of the curve far from the marker, with a finite threshold.
        const auto roc = eval::rocCurve(folds[0].scores, folds[0].labels);
        const eval::RocPoint target = roc[roc.size() * 3 / 4];
        send(QEvent::MouseButtonPress, marker, Qt::LeftButton);
        send(QEvent::MouseMove, (marker + pixel(target.fpr, target.tpr)) / 2, Qt::LeftButton);
        send(QEvent::MouseMove, pixel(target.fpr, target.tpr), Qt::LeftButton);
        send(QEvent::MouseButtonRelease, pixel(target.fpr, target.tpr), Qt::NoButton);
        QCOMPARE(view.threshold(), target.threshold);
        const eval::BinaryStats expected = eval::statsAt(folds[0].scores, folds[0].labels, target.threshold);
        QCOMPARE(view.currentStats()->tp, expected.tp);
        QCOMPARE(view.currentStats()->fp, expected.fp);
        // The plot was not panned by the drag.
        QCOMPARE(plot->xAxis->range().lower, -0.02);

        // A press away from the marker does not move the threshold.
        const double before = view.threshold();
        send(QEvent::MouseButtonPress, pixel(0.9, 0.1), Qt::LeftButton);
        send(QEvent::MouseButtonRelease, pixel(0.9, 0.1), Qt::NoButton);
        QCOMPARE(view.threshold(), before);
    }

    void challenge4UsesTheAfClass() {
        const QString path = dir_.filePath(QStringLiteral("c4.sqlite"));
        const std::vector<Fold> folds = {makeFold(160, 21, 4)};
        std::int64_t id = 0;
        {
            ResultsStore st(path.toStdString());
            id = storeRun(st, "challenge4", folds);
        }
        RocView view;
        QSignalSpy loaded(&view, &RocView::loaded);
        view.setResultsFile(path);
        view.setRuns({id});
        QTRY_COMPARE(loaded.count(), 1);
        QCOMPARE(static_cast<int>(view.curves().size()), 1);  // one fold: no pooled duplicate
        std::vector<int> af;
        for (int l : folds[0].labels) af.push_back(l == 1 ? 1 : 0);
        compareRoc(view.rocCurveItem(view.curveIndex(id, 0)), eval::rocCurve(folds[0].scores, af));
    }

    // A click on a confusion-matrix cell lists the records of that cell at the current threshold
    // (the stored predictions of the active curve), the list follows the threshold, and a listed
    // record activated (double-click) is announced with its run for the ECG view.
    void matrixCellListsItsRecords() {
        const std::vector<Fold> folds = {makeFold(120, 21), makeFold(110, 22)};
        RocView view;
        const std::int64_t id = showRun(view, QStringLiteral("cells.sqlite"), folds);
        QVERIFY(id > 0);
        view.setActiveCurve(view.curveIndex(id, 1));
        auto expected = [&](double threshold, bool label, bool predicted) {
            QStringList out;
            for (std::size_t i = 0; i < folds[1].scores.size(); ++i)
                if ((folds[1].labels[i] == 1) == label && (folds[1].scores[i] >= threshold) == predicted)
                    out << QStringLiteral("R1_%1").arg(i);
            out.sort();
            return out;
        };
        auto listed = [&] {
            QStringList out;
            for (const auto& row : view.cellList()->rows()) out << row.record;
            out.sort();
            return out;
        };
        QTableWidget* matrix = view.confusionMatrix();
        auto clickCell = [&](int r, int c) {
            QTest::mouseClick(matrix->viewport(), Qt::LeftButton, {}, matrix->visualItemRect(matrix->item(r, c)).center());
        };
        QVERIFY(!view.cellList()->isVisible());
        view.setThreshold(0.5);
        clickCell(1, 0);  // actual negative, predicted positive
        QVERIFY(view.cellList()->isVisible());
        QTRY_VERIFY(view.cellList()->height() > 60 && view.rocPlot()->height() > 200);  // under the curves
        QCOMPARE(view.shownCell(), std::optional<RocView::Cell>(RocView::Cell::FalsePositive));
        QCOMPARE(listed(), expected(0.5, false, true));
        QCOMPARE(static_cast<int>(view.cellList()->rows().size()), view.currentStats()->fp);
        QVERIFY(!listed().isEmpty());
        // The most confident mistakes first.
        double highestNegative = 0;
        for (std::size_t i = 0; i < folds[1].scores.size(); ++i)
            if (folds[1].labels[i] == 0) highestNegative = std::max(highestNegative, folds[1].scores[i]);
        QCOMPARE(view.cellList()->rows().first().probability, highestNegative);
        clickCell(0, 1);  // false negatives
        QCOMPARE(listed(), expected(0.5, true, false));
        view.setThreshold(0.7);  // records per operating point
        QCOMPARE(listed(), expected(0.7, true, false));
        QCOMPARE(static_cast<int>(view.cellList()->rows().size()), view.currentStats()->fn);
        QVERIFY(expected(0.7, true, false) != expected(0.5, true, false));

        QSignalSpy activated(&view, &RocView::recordActivated);
        QTableWidget* list = view.cellList()->table();
        const QPoint cell = list->visualItemRect(list->item(1, 0)).center();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, cell);  // a double-click's first click
        QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, cell);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.first().at(0).toString(), view.cellList()->rows()[1].record);
        QCOMPARE(activated.first().at(1).toLongLong(), static_cast<qlonglong>(id));
        if (qEnvironmentVariableIsSet("DACL_SCREENSHOTS"))
            view.grab().save(qEnvironmentVariable("DACL_SCREENSHOTS") + QStringLiteral("/roc_cells.png"));
    }

    // Ten runs compared at once: ten different colours (the palette had eight and repeated).
    void tenRunsGetTenColours() {
        const QString path = dir_.filePath(QStringLiteral("ten.sqlite"));
        std::vector<std::int64_t> ids;
        {
            ResultsStore st(path.toStdString());
            for (int r = 0; r < 10; ++r) ids.push_back(storeRun(st, "af_vs_rest", {makeFold(60, 70 + static_cast<std::uint64_t>(r))}));
        }
        RocView view;
        QSignalSpy loaded(&view, &RocView::loaded);
        view.setResultsFile(path);
        view.setRuns(QList<qint64>(ids.begin(), ids.end()));
        QTRY_COMPARE(loaded.count(), 1);
        std::set<QRgb> colours;
        for (const std::int64_t id : ids) {
            const int i = view.curveIndex(id, 0);  // one fold: its curve is the run's only one
            QVERIFY(i >= 0);
            colours.insert(view.rocCurveItem(i)->pen().color().rgb());
        }
        QCOMPARE(colours.size(), std::size_t(10));
    }

    void unknownRunIsAnError() {
        const QString path = dir_.filePath(QStringLiteral("err.sqlite"));
        { ResultsStore st(path.toStdString()); }
        RocView view;
        QSignalSpy loaded(&view, &RocView::loaded);
        view.setResultsFile(path);
        view.setRuns({4242});
        QTRY_COMPARE(loaded.count(), 1);
        QVERIFY(!view.lastError().isEmpty());
        QVERIFY(view.curves().empty());
        view.setThreshold(0.3);  // no curve: nothing to compute, nothing breaks
        QVERIFY(!view.currentStats());

        // The error belongs to that request: a later one, empty or loaded, clears it.
        view.setRuns({});
        QVERIFY(view.lastError().isEmpty());
        view.setRuns({4242});
        QTRY_COMPARE(loaded.count(), 3);
        QVERIFY(!view.lastError().isEmpty());
        std::int64_t id = 0;
        {
            ResultsStore st(path.toStdString());
            id = storeRun(st, "af_vs_rest", {makeFold(80, 51)});
        }
        view.setRuns({id});
        QTRY_COMPARE(loaded.count(), 4);
        QVERIFY(view.lastError().isEmpty());
        QCOMPARE(static_cast<int>(view.curves().size()), 1);
        for (const QLabel* label : view.findChildren<QLabel*>())
            QVERIFY2(!label->text().contains(QStringLiteral("Cannot show")), qPrintable(label->text()));
    }
};

QTEST_MAIN(TestRocView)
#include "test_roc_view.moc"
