// Plots with nothing to show yet (no run, no record) say so: each visible plot carries a short
// centred text of what will appear there and how to get it, no legend of placeholder entries
// ("Graph 1") and no reference line drawn for data that is not there. Each view is a real widget
// shown offscreen; the grabs go to the temporary folder for a look.
#include "ui/plots/custom_plot.h"
#include "ui/plots/empty_plot.h"
#include "ui/views/diffusion_view.h"
#include "ui/views/embedding_view.h"
#include "ui/views/latent_view.h"
#include "ui/views/roc_view.h"
#include "ui/views/training_view.h"

#include <QDir>
#include <QRegularExpression>
#include <QtTest>

#include <cmath>
#include <memory>

using namespace dacl::ui;

namespace {

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
        for (const char* view : {"roc", "training", "embedding", "latent", "diffusion"}) QTest::newRow(view) << QString::fromLatin1(view);
    }

    void viewWithoutRun() {
        QFETCH(QString, view);
        std::unique_ptr<QWidget> widget;
        if (view == QLatin1String("roc")) widget = std::make_unique<RocView>();
        else if (view == QLatin1String("training")) widget = std::make_unique<TrainingView>();
        else if (view == QLatin1String("embedding")) widget = std::make_unique<EmbeddingView>();
        else if (view == QLatin1String("latent")) widget = std::make_unique<LatentView>();
        else widget = std::make_unique<DiffusionView>();
        const QString problems = emptyPlotProblems(*widget, QStringLiteral("dacl-empty-%1.png").arg(view));
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
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
