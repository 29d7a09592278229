#pragma once
// How far the encoder's representation drifts as noise grows: ‖h(z_t, t) − h(z0, 0)‖ and the
// cosine similarity over t, the band of timesteps the encoder's training views were drawn from,
// and a marker at the slider's t. Shared by the pooled and the sequence diffusion plots.
#include "ui/plots/custom_plot.h"

#include <QVector>

namespace dacl::ui {

class DriftPlot : public QCustomPlot {
    Q_OBJECT
public:
    DriftPlot(QWidget* parent, const QColor& marker);

    // Curves over the timesteps `t` (0 first), the axis over 0…steps, training band t ≤ trainingTMax.
    void setCurves(const QVector<double>& t, const QVector<double>& drift, const QVector<double>& cosine, int steps,
                   int trainingTMax);
    void clearCurves();
    void setMarker(int t);  // on the drift curve (interpolated between computed timesteps)
    void hideMarker();

    QVector<double> shownSteps() const;
    QVector<double> shownDrift() const;
    QVector<double> shownCosine() const;
    QPointF marker() const;  // (t, drift); NaN when hidden

private:
    QCPGraph* trainingBand_ = nullptr;  // filled graph rather than an item, so the legend explains it
    QCPGraph* drift_ = nullptr;
    QCPGraph* cosine_ = nullptr;
    QCPItemStraightLine* line_ = nullptr;
    QCPItemTracer* tracer_ = nullptr;
};

}  // namespace dacl::ui
