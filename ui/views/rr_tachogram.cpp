#include "ui/views/rr_tachogram.h"

#include "ui/plots/plot_style.h"

#include "ui/plots/custom_plot.h"

#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace dacl::ui {

namespace {

// The q-quantile of v (v is reordered).
double quantile(std::vector<double> v, double q) {
    if (v.empty()) return std::nan("");
    const auto k = static_cast<std::size_t>(std::clamp(q, 0.0, 1.0) * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
    return v[k];
}

}  // namespace

RrTachogram::RrTachogram(QWidget* parent) : QWidget(parent) {
    plot_ = new QCustomPlot(this);
    plot_->setMinimumHeight(150);
    plot_->setInteractions(QCP::Interactions());
    graph_ = plot_->addGraph();
    graph_->setLineStyle(QCPGraph::lsNone);
    graph_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(31, 92, 153), 4));
    graph_->setAdaptiveSampling(true);  // a Holter day has ~100,000 beats
    plot_->xAxis->setLabel(tr("time (s)"));
    plot_->yAxis->setLabel(tr("RR (ms)"));
    message_ = new QCPItemText(plot_);
    message_->position->setType(QCPItemPosition::ptAxisRectRatio);
    message_->position->setCoords(0.5, 0.5);
    message_->setPositionAlignment(Qt::AlignCenter);
    message_->setColor(QColor(90, 90, 90));
    applyPlotStyle(*plot_);
    connect(plot_, &QCustomPlot::mousePress, this, &RrTachogram::onPress);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    clear(QString());
}

void RrTachogram::setRhythm(const std::vector<double>& rPeakS, const std::vector<double>& rrS, double durationS) {
    times_.clear();
    rrMs_.clear();
    for (std::size_t i = 0; i < rrS.size() && i + 1 < rPeakS.size(); ++i) {
        if (!std::isfinite(rrS[i]) || !std::isfinite(rPeakS[i + 1])) continue;
        times_.push_back(rPeakS[i + 1]);
        rrMs_.push_back(rrS[i] * 1000.0);
    }
    graph_->setData(times_, rrMs_, true);
    if (times_.isEmpty()) {
        clear(tr("No RR intervals: fewer than two beats found"));
        return;
    }
    message_->setVisible(false);
    const double end = durationS > 0 ? durationS : times_.back();
    plot_->xAxis->setRange(0, std::max(end, 1.0));
    // The 1st–99th percentile range with a margin: one missed beat (a doubled RR) must not
    // flatten the whole tachogram of a long record.
    const std::vector<double> rr(rrMs_.begin(), rrMs_.end());
    const bool longRecord = rr.size() >= 200;  // a short record shows every point
    const double lo = quantile(rr, longRecord ? 0.01 : 0.0), hi = quantile(rr, longRecord ? 0.99 : 1.0);
    const double pad = std::max(50.0, 0.15 * (hi - lo));
    plot_->yAxis->setRange(std::max(0.0, lo - pad), hi + pad);
    plot_->replot();
}

void RrTachogram::clear(const QString& message) {
    times_.clear();
    rrMs_.clear();
    graph_->data()->clear();
    plot_->xAxis->setRange(0, 10);
    plot_->yAxis->setRange(300, 1500);
    message_->setText(message);
    message_->setVisible(!message.isEmpty());
    plot_->replot();
}

QWidget* RrTachogram::plotWidget() const { return plot_; }

void RrTachogram::replot() { plot_->replot(); }

QPointF RrTachogram::pointPixel(int index) const {
    if (index < 0 || index >= times_.size()) return {};
    return {plot_->xAxis->coordToPixel(times_[index]), plot_->yAxis->coordToPixel(rrMs_[index])};
}

int RrTachogram::pointNear(const QPointF& pixel, double maxPixels) const {
    int best = -1;
    double bestD2 = maxPixels * maxPixels;
    for (int i = 0; i < times_.size(); ++i) {
        const QPointF p = pointPixel(i);
        const double dx = p.x() - pixel.x(), dy = p.y() - pixel.y();
        const double d2 = dx * dx + dy * dy;
        if (d2 <= bestD2) {
            bestD2 = d2;
            best = i;
        }
    }
    return best;
}

void RrTachogram::onPress(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return;
    const int i = pointNear(event->position());
    if (i >= 0) Q_EMIT timeClicked(times_[i]);
}

}  // namespace dacl::ui
