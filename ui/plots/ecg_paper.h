#pragma once
// ECG paper as clinicians know it: pale background, a thin 1 mm grid and a heavier 5 mm grid,
// both in reddish tones so that the black trace stands out. The grid is physical: the axes' data
// units per millimetre come from the paper speed (mm/s) and gain (mm/mV), so the ticker is told
// the data step of 5 mm and draws four 1 mm subdivisions between.
#include "ui/plots/custom_plot.h"

namespace dacl::ui::ecgpaper {

QColor paperColour();
QColor minorLineColour();
QColor majorLineColour();
QColor traceColour();

// Major ticks every `majorStep` data units (5 mm of paper), four sub-ticks between them (1 mm),
// no labels: labels live on a separate axis with round numbers.
class PaperTicker : public QCPAxisTicker {
public:
    void setMajorStep(double step) { step_ = step; }
    double majorStep() const { return step_; }
    // The 1 mm grid is hidden when it would be too dense to read (tiny or very low-DPI screens).
    void setMinorVisible(bool visible) { minor_ = visible; }

protected:
    double getTickStep(const QCPRange&) override { return step_; }
    int getSubTickCount(double) override { return minor_ ? 4 : 0; }
    QString getTickLabel(double, const QLocale&, QChar, int) override { return {}; }

private:
    double step_ = 1;
    bool minor_ = true;
};

// Turns `axis` into an invisible grid carrier: only its grid and sub-grid are drawn.
void makeGridAxis(QCPAxis* axis, const QSharedPointer<PaperTicker>& ticker);

}  // namespace dacl::ui::ecgpaper
