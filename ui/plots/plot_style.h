#pragma once
// One look for every plot, on screen and in reports: readable fonts (≥ 9 pt), thin dark axes,
// light grid, a legend without a heavy frame.
#include <QFont>
#include <QList>
#include <QString>

#include <functional>

class QCustomPlot;
class QCPAxisRect;
class QCPAbstractPlottable;

namespace dacl::ui {

struct PlotFonts {
    double tick = 9;     // points
    double label = 10;
    double legend = 9;
    double title = 11;
    // Report figures are painted at scales unknown when they are laid out: pixel-sized fonts (at
    // 96 px per inch) keep layout and painting consistent on any device (see plot_export.h).
    bool pixelSized = false;
};

QFont plotFont(double points, bool pixelSized, bool bold = false);

// Fonts, pens and legend style for every axis rect of the plot; call after adding axis rects.
void applyPlotStyle(QCustomPlot& plot, const PlotFonts& fonts = {});
// Moves the legend out of the main axis rect into a column on its right (top-aligned), so that
// it never covers data; the column is as narrow as the legend.
void placeLegendRightOf(QCustomPlot& plot);
// Moves the legend out of the main axis rect into a row below it, centred and as low as the
// legend: for plots whose entries are long (run names, intervals) and whose width is dear.
void placeLegendBelow(QCustomPlot& plot);
// Fills the legend (one column) with `entries`, in their order, but no taller than `maxHeight`
// pixels, so that a long list never squeezes the axes: when not all fit, those first in
// `preferred` (then the rest, in order) are kept and one last grey line, moreText(left out),
// says what is missing. Returns how many were left out.
int fillLegendWithin(QCustomPlot& plot, const QList<QCPAbstractPlottable*>& entries,
                     const QList<QCPAbstractPlottable*>& preferred, int maxHeight,
                     const std::function<QString(int)>& moreText);
// Adds a title row above the main axis rect (or updates it).
void setPlotTitle(QCustomPlot& plot, const QString& title, const PlotFonts& fonts = {});

}  // namespace dacl::ui
