#pragma once
// An empty plot says what will appear there and how to get it, in a short centred text, rather
// than showing bare axes, placeholder legend entries or lines that stand for no data.
#include <QString>

class QCustomPlot;
class QCPAxisRect;

namespace dacl::ui {

// Shows `text` centred in `rect` (default: the plot's main axis rect, or the whole plot when it
// has several); an empty text hides it. While a text is shown the plot has nothing to measure: the
// ticks and tick labels of every axis rect and colour scale are hidden, so that no scale is shown
// for data that is not there; an empty text gives back those hidden here.
// The text is an item of the plot: after clearItems() call this again.
void setEmptyPlotText(QCustomPlot& plot, const QString& text, QCPAxisRect* rect = nullptr);
// The text shown (for tests and exports); "" when none is shown.
QString emptyPlotText(const QCustomPlot& plot);

// The second line of an empty per-record view's texts: how to get a run, or a record.
QString trainOrSelectRunHint();
QString selectRecordHint();

}  // namespace dacl::ui
