#pragma once
// The latent of a repr = sequence run over time: the record's ECG strip on top, the per-frame
// VAE latent z0 as a heat map (dimension × time) under it and the reconstruction error of each
// frame at the bottom, in one plot whose three axis rects share the time axis (same left and
// right margins, one range: dragging or zooming any of them moves all). The current span is
// shaded on the strip. Pure display: the data come from worker threads (sequence_latent.h).
#include "ui/views/ecg_strip.h"
#include "ui/views/sequence_latent.h"

#include <QWidget>

class QCPAxisRect;
class QCPColorMap;
class QCPColorScale;
class QCPGraph;
class QCPItemRect;
class QCPItemText;
class QCustomPlot;
class QMouseEvent;

namespace dacl::ui {

class LatentTimeline : public QWidget {
    Q_OBJECT
public:
    explicit LatentTimeline(QWidget* parent = nullptr);

    // `strip` may carry an error (the latent is shown without its strip then).
    void setData(const SequenceLatent& latent, const EcgStrip& strip);
    void clear(const QString& message);
    // The span [startS, endS) of the current span row, shaded on the strip.
    void setHighlight(double startS, double endS);
    void setTimeRange(double a, double b);  // the shared time axis (s)

    // What is shown (for tests and tours).
    std::pair<double, double> timeRange() const;
    double heatmapValue(double seconds, int dimension) const;  // dimension from 1; NaN outside
    int heatmapDimensions() const;
    int heatmapFrames() const;
    QVector<double> shownReconTimes() const;
    QVector<double> shownReconError() const;
    int ecgPointCount() const;
    QString describeAt(const QPointF& pixel) const;  // hover text; empty outside the heat map
    QString hoverText() const { return hoverText_; }
    // Pixel of (seconds, dimension) in the heat map.
    QPointF heatmapPixel(double seconds, int dimension) const;

    QCustomPlot* plot() const { return plot_; }
    QCPAxisRect* ecgRect() const { return ecgRect_; }
    QCPAxisRect* latentRect() const { return latentRect_; }
    QCPAxisRect* reconRect() const { return reconRect_; }

private:
    void onMove(QMouseEvent* event);
    void syncTime(double lower, double upper);

    QCustomPlot* plot_ = nullptr;
    QCPAxisRect* ecgRect_ = nullptr;
    QCPAxisRect* latentRect_ = nullptr;
    QCPAxisRect* reconRect_ = nullptr;
    QCPGraph* ecg_ = nullptr;
    QCPColorMap* heatmap_ = nullptr;
    QCPColorScale* scale_ = nullptr;
    QCPGraph* recon_ = nullptr;
    QCPItemRect* highlight_ = nullptr;
    QCPItemText* message_ = nullptr;
    double durationS_ = 0;
    bool syncing_ = false;
    QString hoverText_;
};

}  // namespace dacl::ui
