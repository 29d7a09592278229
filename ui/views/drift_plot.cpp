#include "ui/views/drift_plot.h"

#include "ui/plots/palette.h"
#include "ui/plots/plot_style.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace dacl::ui {

namespace {

// (The strings keep the diffusion view's translation context: they were written there first.)
QVector<double> column(const QCPGraph* g, bool keys) {
    QVector<double> v;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) v.push_back(keys ? it->key : it->value);
    return v;
}

}  // namespace

DriftPlot::DriftPlot(QWidget* parent, const QColor& marker) : QCustomPlot(parent) {
    setMinimumHeight(150);
    setInteractions(QCP::Interactions());
    setPlotTitle(*this, QCoreApplication::translate("dacl::ui::DiffusionView", "Encoder drift: h(z_t, t) against h(z0, 0)"));
    // Short axis titles: the plot is about as tall as the formula is long, which was cut at both
    // ends; the title names both terms and the tooltip spells the formula out.
    xAxis->setLabel(QCoreApplication::translate("dacl::ui::DiffusionView", "Timestep t"));
    yAxis->setLabel(QCoreApplication::translate("dacl::ui::DiffusionView", "‖Δh‖"));
    yAxis2->setVisible(true);
    yAxis2->setLabel(QCoreApplication::translate("dacl::ui::DiffusionView", "cosine"));
    setToolTip(QCoreApplication::translate("dacl::ui::DiffusionView",
                                           "‖Δh‖ = ‖h(z_t, t) − h(z0, 0)‖ (left axis): how far the encoder's output for the "
                                           "noised latent vector z_t lies from its output for the noise-free z0.\n"
                                           "cosine (right axis): cosine similarity of the two outputs."));
    // One row below the axes: inside, the legend covered curves that cross the whole plot.
    placeLegendBelow(*this);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, false);
    trainingBand_ = addGraph();
    trainingBand_->setName(QCoreApplication::translate("dacl::ui::DiffusionView", "training views"));
    trainingBand_->setPen(Qt::NoPen);
    trainingBand_->setBrush(QColor(0, 114, 178, 34));
    trainingBand_->setLayer(QStringLiteral("grid"));
    drift_ = addGraph();
    drift_->setName(QCoreApplication::translate("dacl::ui::DiffusionView", "‖Δh‖"));
    drift_->setPen(QPen(palette::colour(0), 2));
    cosine_ = addGraph(xAxis, yAxis2);
    cosine_->setName(QCoreApplication::translate("dacl::ui::DiffusionView", "cosine (right)"));
    cosine_->setPen(QPen(palette::colour(1), 1.5, Qt::DashLine));
    line_ = new QCPItemStraightLine(this);
    line_->setPen(QPen(marker, 1));
    tracer_ = new QCPItemTracer(this);  // on the drift graph once it has data (QCustomPlot warns before)
    tracer_->setInterpolating(true);
    tracer_->setStyle(QCPItemTracer::tsCircle);
    tracer_->setSize(9);
    tracer_->setPen(QPen(marker, 2));
    tracer_->setBrush(Qt::white);
    hideMarker();  // until there is a curve to sit on
    applyPlotStyle(*this);
}

void DriftPlot::setCurves(const QVector<double>& t, const QVector<double>& drift, const QVector<double>& cosine,
                          int steps, int trainingTMax) {
    drift_->setData(t, drift, true);
    cosine_->setData(t, cosine, true);
    tracer_->setGraph(drift.isEmpty() ? nullptr : drift_);
    xAxis->setRange(0, steps);
    const double top = drift.isEmpty() ? 0 : *std::max_element(drift.begin(), drift.end());
    yAxis->setRange(0, top > 0 ? top * 1.1 : 1.0);
    const double cosLow = cosine.isEmpty() ? 0 : *std::min_element(cosine.begin(), cosine.end());
    yAxis2->setRange(std::min(0.0, cosLow - 0.05), 1.02);
    const int tMax = std::min(trainingTMax, steps);
    trainingBand_->data()->clear();
    if (tMax > 0) {
        const double bandTop = yAxis->range().upper;
        trainingBand_->setData({1.0, static_cast<double>(tMax)}, {bandTop, bandTop}, true);
    }
    trainingBand_->setName(QCoreApplication::translate("dacl::ui::DiffusionView", "trained on t ≤ %1").arg(tMax));
}

void DriftPlot::clearCurves() {
    for (QCPGraph* g : {trainingBand_, drift_, cosine_}) g->data()->clear();
    tracer_->setGraph(nullptr);
    hideMarker();
}

void DriftPlot::setMarker(int t) {
    line_->point1->setCoords(t, 0);
    line_->point2->setCoords(t, 1);
    tracer_->setGraphKey(t);
    line_->setVisible(true);
    tracer_->setVisible(true);
}

void DriftPlot::hideMarker() {
    line_->setVisible(false);
    tracer_->setVisible(false);
}

QVector<double> DriftPlot::shownSteps() const { return column(drift_, true); }
QVector<double> DriftPlot::shownDrift() const { return column(drift_, false); }
QVector<double> DriftPlot::shownCosine() const { return column(cosine_, false); }

QPointF DriftPlot::marker() const {
    if (!tracer_->visible() || !tracer_->graph()) return {std::nan(""), std::nan("")};
    tracer_->updatePosition();
    return tracer_->position->coords();
}

}  // namespace dacl::ui
