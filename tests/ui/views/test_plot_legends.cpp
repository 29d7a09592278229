// Legends never cover data: with real curves shown (a run's stored predictions, a run's stored
// training metrics) in a window of 1280 × 800, each legend of the ROC, precision–recall and
// training plots lies outside its axis rect, whole inside the plot, and the axis rect keeps a
// usable size; with many runs the ROC legends keep to their share of the plot. The drift plot's
// axis titles fit along their axes. The grabs go to the temporary folder for a look.
#include "core/eval/random.h"
#include "core/store/results_store.h"
#include "ui/plots/custom_plot.h"
#include "ui/views/roc_view.h"
#include "ui/settings/language.h"
#include "ui/views/drift_plot.h"
#include "ui/views/training_view.h"
#include "ui/language_rows.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace dacl;
using dacl::ui::RocView;
using dacl::ui::TrainingView;

namespace {

// What is wrong with the legend of `plot` ("" when nothing).
QString legendProblems(QCustomPlot& plot, const QString& name) {
    plot.replot();
    QStringList problems;
    QCPLegend* legend = plot.legend;
    if (!legend || !legend->visible() || legend->itemCount() == 0) return name + QStringLiteral(": no legend");
    const QRect box = legend->outerRect(), axes = plot.axisRect()->rect();
    auto text = [](const QRect& r) { return QStringLiteral("%1,%2 %3×%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height()); };
    if (box.intersects(axes)) problems << QStringLiteral("%1: legend %2 over the axis rect %3").arg(name, text(box), text(axes));
    if (!plot.rect().contains(box)) problems << QStringLiteral("%1: legend %2 cut off by the plot").arg(name, text(box));
    for (int i = 0; i < legend->itemCount(); ++i) {
        if (!legend->item(i)) continue;  // an empty cell of a legend laid out in rows
        const QRect item = legend->item(i)->outerRect();
        if (item.width() < 40 || item.height() < 8) problems << QStringLiteral("%1: entry %2 squeezed to %3").arg(name).arg(i).arg(text(item));
    }
    if (axes.width() < 200 || axes.height() < 120) problems << QStringLiteral("%1: axis rect left with %2").arg(name, text(axes));
    return problems.join(QStringLiteral("; "));
}

// Predictions of one fold: scores that separate the classes imperfectly.
std::vector<store::Prediction> fold(int k, int n, std::uint64_t seed) {
    eval::SplitMix64 rng(seed);
    std::vector<store::Prediction> out;
    for (int i = 0; i < n; ++i) {
        const int label = rng.below(3) == 0 ? 1 : 0;
        const double score = std::round((0.35 * label + static_cast<double>(rng.below(1000)) / 1000.0 * 0.65) * 20) / 20;
        out.push_back({k, "R" + std::to_string(k) + "_" + std::to_string(i), label, score, std::nullopt, {}});
    }
    return out;
}

// The ROC view at 1280 × 800 with the curves of `ids` loaded.
bool showRuns(RocView& view, const QString& db, const QList<qint64>& ids) {
    view.resize(1280, 800);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view)) return false;
    QSignalSpy loaded(&view, &RocView::loaded);
    view.setResultsFile(db);
    view.setRuns(ids);
    if (loaded.count() == 0 && !loaded.wait(20000)) return false;
    QCoreApplication::processEvents();
    return true;
}

QString rocProblems(RocView& view) {
    return QStringList{legendProblems(*view.rocPlot(), QStringLiteral("ROC")),
                       legendProblems(*view.prPlot(), QStringLiteral("PR"))}.join(QLatin1Char(' ')).trimmed();
}

// The drift plot shown at `size` with curves over t = 0…1000 (trained on t ≤ 100).
bool showDriftCurves(dacl::ui::DriftPlot& plot, const QSize& size) {
    plot.resize(size);
    plot.show();
    if (!QTest::qWaitForWindowExposed(&plot)) return false;
    QVector<double> t, drift, cosine;
    for (int k = 0; k <= 20; ++k) {
        t << 50.0 * k;
        drift << 0.1 * k;
        cosine << 1.0 - 0.02 * k;
    }
    plot.setCurves(t, drift, cosine, 1000, 100);
    return true;
}

}  // namespace

class TestPlotLegends : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

private Q_SLOTS:
    // Two runs of three folds: eight curves per plot (pooled and per fold), long names with intervals.
    void rocLegendsBesideTheCurves() {
        const QString db = dir_.filePath(QStringLiteral("roc.sqlite"));
        QList<qint64> ids;
        {
            store::ResultsStore st(db.toStdString());
            for (int r = 0; r < 2; ++r) {
                store::NewRun run;
                run.name = r == 0 ? "baseline" : "with rhythm channels";
                run.task = "af_vs_rest";
                const std::int64_t id = st.createRun(run);
                for (int k = 0; k < 3; ++k) {
                    st.addPredictions(id, fold(k, 120, 10 * r + k + 1));
                    st.setFoldResult(id, k, "threshold", 0.5);
                }
                ids << id;
            }
        }
        RocView view;
        QVERIFY(showRuns(view, db, ids));
        QCOMPARE(static_cast<int>(view.curves().size()), 8);
        const QString problems = rocProblems(view);
        view.grab().save(QDir::temp().filePath(QStringLiteral("dacl-legend-roc.png")));
        QVERIFY2(problems.trimmed().isEmpty(), qPrintable(problems));
    }

    // Fifteen runs of three folds: 60 curves. The legends keep to their share of the plot (the
    // runs' pooled curves first, one line for the rest), so the axes keep their room; a taller
    // window shows more entries. English and German.
    void rocLegendsBoundedWithManyRuns_data() {
        dacl::testing::addLanguageRows();
    }
    void rocLegendsBoundedWithManyRuns() {
        QFETCH(QString, language);
        const QString db = dir_.filePath(QStringLiteral("roc-many-%1.sqlite").arg(language));
        QList<qint64> ids;
        {
            store::ResultsStore st(db.toStdString());
            for (int r = 0; r < 15; ++r) {
                store::NewRun run;
                run.name = "sweep point " + std::to_string(r + 1);
                run.task = "af_vs_rest";
                const std::int64_t id = st.createRun(run);
                for (int k = 0; k < 3; ++k) st.addPredictions(id, fold(k, 60, 100 * r + k + 1));
                ids << id;
            }
        }
        dacl::ui::installLanguage(language);
        RocView view;
        QVERIFY(showRuns(view, db, ids));
        QCOMPARE(static_cast<int>(view.curves().size()), 60);
        view.grab().save(QDir::temp().filePath(QStringLiteral("dacl-legend-roc-15-runs-%1.png").arg(language)));
        const QString problems = rocProblems(view);
        dacl::ui::installLanguage(QStringLiteral("en"));
        QVERIFY2(problems.trimmed().isEmpty(), qPrintable(problems));
        // Some entries, not all, and the first is run 1's pooled curve.
        QCPLegend* legend = view.rocPlot()->legend;
        const int shown = legend->itemCount();
        QVERIFY2(shown >= 4 && shown < 60, qPrintable(QString::number(shown)));
        auto* first = qobject_cast<QCPPlottableLegendItem*>(legend->item(0));
        QVERIFY(first);
        QVERIFY2(first->plottable()->name().contains(QStringLiteral("sweep point 1,")), qPrintable(first->plottable()->name()));
        // A taller window: more entries.
        view.resize(1280, 1100);
        QCoreApplication::processEvents();
        view.rocPlot()->replot();
        QVERIFY2(legend->itemCount() > shown, qPrintable(QStringLiteral("%1 then %2").arg(shown).arg(legend->itemCount())));
        QVERIFY2(legendProblems(*view.rocPlot(), QStringLiteral("ROC")).isEmpty(), qPrintable(legendProblems(*view.rocPlot(), QStringLiteral("ROC"))));
    }

    void trainingLegendsBesideTheCurves() {
        const QString db = dir_.filePath(QStringLiteral("training.sqlite"));
        std::int64_t id = 0;
        {
            store::ResultsStore st(db.toStdString());
            store::NewRun run;
            run.name = "curves";
            run.task = "challenge4";
            id = st.createRun(run);
            st.startRun(id);
            std::vector<store::MetricPoint> points;
            for (int e = 0; e < 6; ++e) {
                points.push_back({0, e, std::nullopt, "vae.train_loss", 0.8 - 0.1 * e});
                points.push_back({0, e, std::nullopt, "dacl.loss", 6.0 - 0.4 * e});
                points.push_back({0, e, std::nullopt, "dacl.val_auroc", 0.6 + 0.05 * e});
                for (int s = 0; s < 10; ++s) {
                    const std::int64_t step = 10 * e + s;
                    points.push_back({0, e, step, "dacl.step_loss", 6.2 - 0.04 * static_cast<double>(step)});
                    points.push_back({0, e, step, "dacl.lr", 1e-4 * (1 + static_cast<double>(step) / 60)});
                }
            }
            st.addMetrics(id, points);
        }
        TrainingView view;
        view.resize(1280, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy updated(&view, &TrainingView::curvesUpdated);
        view.setRun(db, id);
        QVERIFY(updated.count() > 0 || updated.wait(10000));
        QVERIFY(view.curveNames(true).size() >= 2);
        QCoreApplication::processEvents();
        const QString problems = QStringList{legendProblems(*view.epochPlot(), QStringLiteral("epochs")),
                                             legendProblems(*view.stepPlot(), QStringLiteral("steps"))}.join(QLatin1Char(' '));
        view.grab().save(QDir::temp().filePath(QStringLiteral("dacl-legend-training.png")));
        QVERIFY2(problems.trimmed().isEmpty(), qPrintable(problems));
    }

    // The diffusion view's encoder-drift plot at about the size it gets in a 1280-px window, in
    // German (the longer names).
    void driftLegendBelowTheCurves() {
        dacl::ui::installLanguage(QStringLiteral("de"));
        dacl::ui::DriftPlot plot(nullptr, Qt::black);
        QVERIFY(showDriftCurves(plot, QSize(440, 250)));
        const QString problems = legendProblems(plot, QStringLiteral("drift"));
        dacl::ui::installLanguage(QStringLiteral("en"));
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    // The drift plot's axis titles fit along their axes at about the size the plot gets in a
    // 1280 × 800 window (the formula on the left axis was cut at both ends); the formula is in the
    // tooltip. English and German.
    void driftAxisTitlesFit_data() {
        dacl::testing::addLanguageRows();
    }
    void driftAxisTitlesFit() {
        QFETCH(QString, language);
        dacl::ui::installLanguage(language);
        dacl::ui::DriftPlot plot(nullptr, Qt::black);
        QVERIFY(showDriftCurves(plot, QSize(480, 220)));
        dacl::ui::installLanguage(QStringLiteral("en"));
        plot.replot();
        plot.grab().save(QDir::temp().filePath(QStringLiteral("dacl-drift-axes-%1.png").arg(language)));
        const QRect axes = plot.axisRect()->rect();
        QStringList problems;
        for (QCPAxis* axis : {plot.xAxis, plot.yAxis, plot.yAxis2}) {
            const int room = axis->orientation() == Qt::Horizontal ? axes.width() : axes.height();
            const int need = QFontMetrics(axis->labelFont()).horizontalAdvance(axis->label());
            if (axis->label().isEmpty() || need > room - 8)
                problems << QStringLiteral("“%1” needs %2 px of %3").arg(axis->label()).arg(need).arg(room);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));
        QVERIFY2(plot.toolTip().contains(QStringLiteral("h(z_t, t) − h(z0, 0)")), qPrintable(plot.toolTip()));
    }
};

QTEST_MAIN(TestPlotLegends)
#include "test_plot_legends.moc"
