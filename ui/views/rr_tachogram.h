#pragma once
// RR tachogram: each RR interval (ms) drawn at the time of the beat that ends it, so an irregular
// rhythm (AF) shows as a scatter and a regular one as a flat line. A click on a point says which
// time it stands for (timeClicked), so the ECG view can show the beats behind it.
#include <QVector>
#include <QWidget>

#include <vector>

class QCPGraph;
class QCPItemText;
class QCustomPlot;
class QMouseEvent;

namespace dacl::ui {

class RrTachogram : public QWidget {
    Q_OBJECT
public:
    explicit RrTachogram(QWidget* parent = nullptr);

    // rrS[i] is the interval that ends at rPeakS[i + 1] (core's RhythmFigures convention);
    // `durationS` (> 0) fixes the time axis to the whole record.
    void setRhythm(const std::vector<double>& rPeakS, const std::vector<double>& rrS, double durationS);
    // Empty plot with a message in its middle ("no beats found", "assessing…").
    void clear(const QString& message);

    int pointCount() const { return times_.size(); }
    const QVector<double>& pointTimes() const { return times_; }    // s
    const QVector<double>& pointIntervalsMs() const { return rrMs_; }
    // Index of the point nearest to a plot pixel within `maxPixels`, -1 when none is that close.
    int pointNear(const QPointF& pixel, double maxPixels = 12) const;
    // Pixel of point `index` in plot() coordinates (for tests and tooltips).
    QPointF pointPixel(int index) const;
    QCustomPlot* plot() const { return plot_; }
    QWidget* plotWidget() const;  // the plot as a widget (for code without QCustomPlot's header)
    void replot();                // lays out and draws now (point pixels follow the current size)

Q_SIGNALS:
    void timeClicked(double seconds);

private:
    void onPress(QMouseEvent* event);

    QCustomPlot* plot_ = nullptr;
    QCPGraph* graph_ = nullptr;
    QCPItemText* message_ = nullptr;
    QVector<double> times_, rrMs_;
};

}  // namespace dacl::ui
