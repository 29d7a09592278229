// Plots with nothing to show yet (no run, no record) say so: each visible plot carries a short
// centred text of what will appear there and how to get it, no legend of placeholder entries
// ("Graph 1"), no reference line drawn for data that is not there and no scale (tick labels) of
// data that is not there; the scale comes back with the data. Each view is a real widget shown
// offscreen; the grabs go to the temporary folder for a look.
#include "core/common/progress.h"
#include "core/store/results_store.h"
#include "core/synth/demo_dataset.h"
#include "ui/plots/custom_plot.h"
#include "ui/plots/empty_plot.h"
#include "ui/views/diffusion_view.h"
#include "ui/views/ecg_overview.h"
#include "ui/views/ecg_view.h"
#include "ui/views/embedding_view.h"
#include "ui/views/latent_view.h"
#include "ui/views/roc_view.h"
#include "ui/views/scattering_view.h"
#include "ui/views/training_view.h"

#include <QDir>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <memory>

using namespace dacl::ui;

namespace {

// The axes of a plot that carry numbers: every axis rect's and colour scale's.
QList<QCPAxis*> scaleAxes(QCustomPlot& plot) {
    QList<QCPAxis*> axes;
    for (QCPAxisRect* rect : plot.axisRects()) axes << rect->axes();
    for (QCPLayoutElement* e : plot.plotLayout()->elements(true))
        if (auto* scale = qobject_cast<QCPColorScale*>(e); scale && scale->visible()) axes << scale->axis();
    return axes;
}

// The visible axes that show tick labels (a scale), by their ranges.
QStringList shownScales(QCustomPlot& plot) {
    QStringList out;
    for (QCPAxis* axis : scaleAxes(plot))
        if (axis->visible() && axis->tickLabels())
            out << QStringLiteral("%1–%2").arg(axis->range().lower, 0, 'g', 4).arg(axis->range().upper, 0, 'g', 4);
    return out;
}

// What is wrong with the empty plots of `view` ("" when nothing).
QString emptyPlotProblems(QWidget& view, const QString& shot) {
    view.resize(1200, 800);
    view.show();
    QCoreApplication::processEvents();
    view.grab().save(QDir::temp().filePath(shot));
    const QRegularExpression placeholder(QStringLiteral("^Graph \\d+$"));
    QStringList problems;
    int plots = 0;
    for (QCustomPlot* plot : view.findChildren<QCustomPlot*>()) {
        if (!plot->isVisibleTo(&view)) continue;
        const QString name = QStringLiteral("plot %1").arg(++plots);
        if (emptyPlotText(*plot).isEmpty()) problems << QStringLiteral("%1: no empty-state text").arg(name);
        // ... drawn in the middle of the plot, where it can be read.
        for (int i = 0; i < plot->itemCount(); ++i)
            if (auto* text = qobject_cast<QCPItemText*>(plot->item(i)); text && text->text() == emptyPlotText(*plot)) {
                const QPointF at = text->position->pixelPosition();
                if (std::abs(at.x() - plot->width() / 2.0) > plot->width() / 4.0 || at.y() < 0 || at.y() > plot->height())
                    problems << QStringLiteral("%1: text at %2, %3 of %4 × %5").arg(name).arg(at.x()).arg(at.y()).arg(plot->width()).arg(plot->height());
            }
        // A plot of several axis rects may have no legend at all.
        if (plot->legend && plot->legend->visible()) problems << QStringLiteral("%1: a legend of nothing").arg(name);
        for (int i = 0; i < plot->plottableCount(); ++i)
            if (placeholder.match(plot->plottable(i)->name()).hasMatch() && plot->legend &&
                plot->legend->hasItemWithPlottable(plot->plottable(i)))
                problems << QStringLiteral("%1: legend entry %2").arg(name, plot->plottable(i)->name());
        for (int i = 0; i < plot->itemCount(); ++i)
            if (auto* line = qobject_cast<QCPItemStraightLine*>(plot->item(i)); line && line->visible())
                problems << QStringLiteral("%1: a reference line without data").arg(name);
        if (const QStringList scales = shownScales(*plot); !scales.isEmpty())
            problems << QStringLiteral("%1: a scale without data (%2)").arg(name, scales.join(QStringLiteral(", ")));
    }
    if (plots == 0) problems << QStringLiteral("no visible plot");
    return problems.join(QStringLiteral("; "));
}

}  // namespace

class TestEmptyPlots : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Each view as the window creates it: no dataset, no run.
    void viewWithoutRun_data() {
        QTest::addColumn<QString>("view");
        for (const char* view : {"roc", "training", "embedding", "latent", "diffusion", "ecg", "scattering"})
            QTest::newRow(view) << QString::fromLatin1(view);
    }

    void viewWithoutRun() {
        QFETCH(QString, view);
        std::unique_ptr<QWidget> widget;
        if (view == QLatin1String("roc")) widget = std::make_unique<RocView>();
        else if (view == QLatin1String("training")) widget = std::make_unique<TrainingView>();
        else if (view == QLatin1String("embedding")) widget = std::make_unique<EmbeddingView>();
        else if (view == QLatin1String("latent")) widget = std::make_unique<LatentView>();
        else if (view == QLatin1String("ecg")) widget = std::make_unique<EcgView>();
        else if (view == QLatin1String("scattering")) widget = std::make_unique<ScatteringView>();
        else widget = std::make_unique<DiffusionView>();
        const QString problems = emptyPlotProblems(*widget, QStringLiteral("dacl-empty-%1.png").arg(view));
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    // The per-record views say what appears there and how to get a record.
    void recordViewsSayHowToGetARecord() {
        EcgView ecg;
        ScatteringView scattering;
        const QString ecgText = emptyPlotText(*ecg.plot());
        QVERIFY2(ecgText.contains(QStringLiteral("ECG")) && ecgText.contains(selectRecordHint()), qPrintable(ecgText));
        const QString scatteringText = emptyPlotText(*scattering.plot());
        QVERIFY2(scatteringText.contains(QStringLiteral("scattering")) && scatteringText.contains(selectRecordHint()),
                 qPrintable(scatteringText));
    }

    // A record's ECG and scattering bring their scales; going back to no record hides them again.
    void recordViewsShowTheirScaleWithData() {
        QTemporaryDir dir;
        dacl::NullProgress quiet;
        dacl::synth::writeDemoDataset(dir.path().toStdString(), 2, 2017, quiet);
        const dacl::Dataset dataset = dacl::Dataset::open(dir.path().toStdString());

        EcgView ecg;
        ecg.resize(1200, 800);
        ecg.show();
        QCustomPlot& strip = *ecg.plot();
        QVERIFY(shownScales(strip).isEmpty());
        QSignalSpy shown(&ecg, &EcgView::recordShown);
        ecg.setRecord(&dataset, 0);
        QVERIFY(shown.count() > 0 || shown.wait(30000));
        strip.replot();
        QVERIFY(emptyPlotText(strip).isEmpty());
        QVERIFY2(!shownScales(strip).isEmpty(), "no time or mV labels with a record shown");
        QVERIFY(emptyPlotText(*ecg.overview()->plot()).isEmpty());
        QVERIFY(ecg.overview()->plot()->xAxis->tickLabels());
        ecg.setRecord(nullptr, -1);
        strip.replot();
        QVERIFY(!emptyPlotText(strip).isEmpty());
        QVERIFY2(shownScales(strip).isEmpty(), qPrintable(shownScales(strip).join(QStringLiteral(", "))));

        ScatteringView scattering;
        scattering.resize(1200, 800);
        scattering.show();
        QSignalSpy window(&scattering, &ScatteringView::windowShown);
        scattering.setRecord(&dataset, 0);
        QVERIFY(window.count() > 0 || window.wait(60000));
        QVERIFY(emptyPlotText(*scattering.plot()).isEmpty());
        QVERIFY(shownScales(*scattering.plot()).size() >= 6);  // time and frequency of each map, colour scales
        scattering.setRecord(nullptr, -1);
        QVERIFY(shownScales(*scattering.plot()).isEmpty());
    }

    // The training plots: no scale before a run, however often they redraw (the step plot's
    // range once grew on every redraw), and the run's scale once its curves arrive.
    void trainingScaleComesWithTheCurves() {
        TrainingView view;
        view.resize(1280, 800);
        view.show();
        for (int i = 0; i < 40; ++i) view.setShownFold(0);  // each redraws the empty plots
        for (QCustomPlot* plot : {view.epochPlot(), view.stepPlot()}) {
            QVERIFY(shownScales(*plot).isEmpty());
            QVERIFY2(plot->yAxis->range().size() < 10, qPrintable(QString::number(plot->yAxis->range().size())));
        }

        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("results.sqlite"));
        dacl::store::ResultsStore store(db.toStdString());
        dacl::store::NewRun run;
        run.name = "curves";
        run.task = "challenge4";
        const std::int64_t id = store.createRun(run);
        store.startRun(id);
        std::vector<dacl::store::MetricPoint> points;
        for (int e = 0; e < 4; ++e) {
            points.push_back({0, e, std::nullopt, "dacl.loss", 4.0 - 0.5 * e});
            points.push_back({0, e, std::int64_t(10 * e), "dacl.step_loss", 4.2 - 0.5 * e});
        }
        store.addMetrics(id, points);
        QSignalSpy updated(&view, &TrainingView::curvesUpdated);
        view.setRun(db, id);
        QVERIFY(updated.count() > 0 || updated.wait(10000));
        for (QCustomPlot* plot : {view.epochPlot(), view.stepPlot()}) {
            plot->replot();
            QVERIFY(emptyPlotText(*plot).isEmpty());
            QVERIFY(plot->xAxis->tickLabels() && plot->yAxis->tickLabels());
            // The range is the curves', not one left from the empty plot.
            QVERIFY(plot->graphCount() > 0 && plot->yAxis->range().size() < 5);
            for (int g = 0; g < plot->graphCount(); ++g)
                for (auto it = plot->graph(g)->data()->constBegin(); it != plot->graph(g)->data()->constEnd(); ++it)
                    QVERIFY(plot->graph(g)->valueAxis()->range().contains(it->value));
        }
    }

    // The scale of a plain plot: hidden with the text, back without it; an axis that had no
    // labels before the text has none after it either.
    void scaleHiddenWithTheTextOnly() {
        QCustomPlot plot;
        plot.yAxis2->setVisible(true);
        plot.yAxis2->setTickLabels(false);
        setEmptyPlotText(plot, QStringLiteral("nothing yet"));
        QVERIFY(!plot.xAxis->tickLabels() && !plot.yAxis->tickLabels() && !plot.xAxis->ticks());
        plot.clearItems();  // as views do before drawing their data
        setEmptyPlotText(plot, QString());
        QVERIFY(plot.xAxis->tickLabels() && plot.yAxis->tickLabels() && plot.xAxis->ticks());
        QVERIFY(!plot.yAxis2->tickLabels());
    }

    // The text is one item of the plot: a later call replaces it, an empty text hides it.
    void oneTextReplacedOrHidden() {
        QCustomPlot plot;
        setEmptyPlotText(plot, QStringLiteral("nothing yet"));
        QCOMPARE(emptyPlotText(plot), QStringLiteral("nothing yet"));
        setEmptyPlotText(plot, QStringLiteral("still nothing"));
        QCOMPARE(emptyPlotText(plot), QStringLiteral("still nothing"));
        QCOMPARE(plot.itemCount(), 1);
        setEmptyPlotText(plot, QString());
        QVERIFY(emptyPlotText(plot).isEmpty());
    }
};

QTEST_MAIN(TestEmptyPlots)
#include "test_empty_plots.moc"
