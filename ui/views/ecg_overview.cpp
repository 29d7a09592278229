#include "ui/views/ecg_overview.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace dacl::ui {

EcgOverview::EcgOverview(QWidget* parent) : QWidget(parent) {
    plot_ = new QCustomPlot(this);
    plot_->setInteractions(QCP::Interactions());
    plot_->setBackground(palette().window());
    plot_->axisRect()->setBackground(Qt::white);
    plot_->yAxis->setVisible(false);
    plot_->yAxis->grid()->setVisible(false);
    plot_->yAxis->setRangeReversed(false);
    plot_->xAxis->setLabel(tr("Whole record: time within the row (s); rows as long as the method's window"));
    plot_->xAxis->grid()->setPen(QPen(QColor(225, 225, 225), 1));
    plot_->axisRect()->setAutoMargins(QCP::msBottom | QCP::msTop | QCP::msRight);
    plot_->axisRect()->setMargins(QMargins(8, 0, 0, 0));
    plot_->addLayer(QStringLiteral("marks"), plot_->layer(QStringLiteral("grid")), QCustomPlot::limAbove);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    connect(plot_, &QCustomPlot::mousePress, this, &EcgOverview::onMouse);
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
        if (e->buttons() & Qt::LeftButton) onMouse(e);
    });
    setToolTip(tr("The whole record: click or drag to show that part on the strip"));
}

void EcgOverview::clear() {
    plot_->clearGraphs();
    plot_->clearItems();
    visible_.clear();
    highlight_.clear();
    labels_.clear();
    rows_ = 0;
    duration_ = 0;
    plot_->replot();
}

void EcgOverview::setSignal(const std::vector<double>& x, double fs, double rowSeconds) {
    clear();
    if (x.empty() || !(fs > 0)) return;
    duration_ = static_cast<double>(x.size()) / fs;
    rowSeconds_ = rowSeconds > 0 ? rowSeconds : duration_;
    rows_ = std::max(1, static_cast<int>(std::ceil(duration_ / rowSeconds_ - 1e-9)));
    // Row spacing from the signal's robust range, so that rows rarely touch.
    std::vector<double> v = x;
    const auto lo = v.begin() + static_cast<long>(0.005 * (v.size() - 1));
    const auto hi = v.begin() + static_cast<long>(0.995 * (v.size() - 1));
    std::nth_element(v.begin(), lo, v.end());
    const double a = *lo;
    std::nth_element(v.begin(), hi, v.end());
    const double b = *hi;
    pitch_ = std::max(0.5, 1.25 * (b - a));
    const double centre = (a + b) / 2;
    const auto perRow = static_cast<std::size_t>(std::llround(rowSeconds_ * fs));
    for (int r = 0; r < rows_; ++r) {
        const std::size_t begin = static_cast<std::size_t>(r) * perRow;
        const std::size_t end = std::min(x.size(), begin + perRow);
        QVector<double> t, y;
        for (std::size_t i = begin; i < end; ++i) {
            t.push_back(static_cast<double>(i - begin) / fs);
            y.push_back(x[i] - centre - r * pitch_);
        }
        QCPGraph* g = plot_->addGraph();
        g->setPen(QPen(QColor(30, 30, 30), 1.0));
        g->setData(t, y, true);
        auto* label = new QCPItemText(plot_);
        label->setLayer(QStringLiteral("marks"));
        label->position->setCoords(0, -r * pitch_ + 0.5 * pitch_);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->setText(tr("%1 s").arg(QLocale().toString(r * rowSeconds_, 'f', 2)));
        label->setColor(QColor(0, 70, 120));
        label->setBrush(QColor(255, 255, 255, 210));
        labels_.push_back(label);
    }
    plot_->xAxis->setRange(0, rowSeconds_);
    plot_->yAxis->setRange(-(rows_ - 0.5) * pitch_, 0.5 * pitch_);
    plot_->replot();
}

void EcgOverview::shade(QList<QCPItemRect*>& items, double a, double b, const QColor& pen, const QColor& brush) {
    for (auto* it : items) it->setVisible(false);
    if (rows_ == 0 || !(b > a)) return;
    while (items.size() < rows_) {
        auto* r = new QCPItemRect(plot_);
        r->setLayer(QStringLiteral("marks"));
        r->setVisible(false);
        items.push_back(r);
    }
    for (int r = 0; r < rows_; ++r) {
        const double rowStart = r * rowSeconds_;
        const double s = std::max(a, rowStart), e = std::min({b, rowStart + rowSeconds_, duration_});
        if (!(e > s)) continue;
        QCPItemRect* item = items[r];
        item->setPen(QPen(pen, 1.5));
        item->setBrush(brush);
        item->topLeft->setCoords(s - rowStart, -r * pitch_ + 0.5 * pitch_);
        item->bottomRight->setCoords(e - rowStart, -r * pitch_ - 0.5 * pitch_);
        item->setVisible(true);
    }
}

void EcgOverview::setVisibleRange(double a, double b) {
    shade(visible_, a, b, QColor(213, 94, 0), QColor(213, 94, 0, 12));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void EcgOverview::setHighlight(double a, double b) {
    shade(highlight_, a, b, QColor(0, 114, 178, 0), QColor(0, 114, 178, 35));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

double EcgOverview::timeAt(const QPointF& p) const {
    if (rows_ == 0 || !plot_->axisRect()->rect().contains(p.toPoint())) return -1;
    const double x = plot_->xAxis->pixelToCoord(p.x());
    const double y = plot_->yAxis->pixelToCoord(p.y());
    const int row = std::clamp(static_cast<int>(std::lround(-y / pitch_)), 0, rows_ - 1);
    return std::clamp(row * rowSeconds_ + std::clamp(x, 0.0, rowSeconds_), 0.0, duration_);
}

QPointF EcgOverview::pixelOf(double seconds) const {
    if (rows_ == 0) return {};
    const int row = std::clamp(static_cast<int>(seconds / rowSeconds_), 0, rows_ - 1);
    return {plot_->xAxis->coordToPixel(seconds - row * rowSeconds_), plot_->yAxis->coordToPixel(-row * pitch_)};
}

void EcgOverview::onMouse(QMouseEvent* event) {
    const double t = timeAt(event->position());
    if (t >= 0) Q_EMIT timeRequested(t);
}

}  // namespace dacl::ui
