#pragma once
// The whole record at a glance, below the calibrated strip: the signal folded into rows of one
// method window each (like a Holter "full disclosure" page), with the part shown on the strip
// and the current window marked. Clicking or dragging asks for that time to be shown.
// Deliberately not on ECG paper: its scale is not physical, and it must not look as if it were.
#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPItemRect;
class QCPItemText;
class QMouseEvent;

namespace dacl::ui {

class EcgOverview : public QWidget {
    Q_OBJECT
public:
    explicit EcgOverview(QWidget* parent = nullptr);

    // `rowSeconds` > 0: the length of one row (the method's window length).
    void setSignal(const std::vector<double>& millivolts, double fs, double rowSeconds);
    void clear();
    // The strip's visible time range and the highlighted window ([a, b) seconds; a >= b: none).
    void setVisibleRange(double a, double b);
    void setHighlight(double a, double b);

    int rowCount() const { return rows_; }
    double rowSeconds() const { return rowSeconds_; }
    // Record time under a pixel of the plot (-1 outside the rows) and the pixel of a time.
    double timeAt(const QPointF& plotPixel) const;
    QPointF pixelOf(double seconds) const;
    QCustomPlot* plot() const { return plot_; }

Q_SIGNALS:
    void timeRequested(double seconds);

private:
    // Positions one rectangle per row over the part of [a, b) that falls in that row.
    void shade(QList<QCPItemRect*>& items, double a, double b, const QColor& pen, const QColor& brush);
    void onMouse(QMouseEvent* event);

    QCustomPlot* plot_;
    int rows_ = 0;
    double rowSeconds_ = 0;
    double duration_ = 0;
    double pitch_ = 1;  // mV between row baselines
    QList<QCPItemRect*> visible_, highlight_;
    QList<QCPItemText*> labels_;
};

}  // namespace dacl::ui
