#include "ui/views/latent_timeline.h"

#include "ui/plots/palette.h"
#include "ui/plots/plot_style.h"
#include "ui/views/sequence_heatmap.h"

#include "ui/plots/custom_plot.h"

#include <QToolTip>
#include <QVBoxLayout>

#include <cmath>

namespace dacl::ui {

namespace {

QString number(double v, int digits = 3) { return QLocale().toString(v, 'g', digits); }

QCPAxisRect* addRect(QCustomPlot* plot, QCPMarginGroup* group, const QString& yLabel) {
    auto* rect = new QCPAxisRect(plot);
    rect->setMarginGroup(QCP::msLeft | QCP::msRight, group);
    rect->setRangeDrag(Qt::Horizontal);
    rect->setRangeZoom(Qt::Horizontal);
    rect->axis(QCPAxis::atLeft)->setLabel(yLabel);
    return rect;
}

}  // namespace

LatentTimeline::LatentTimeline(QWidget* parent) : QWidget(parent) {
    plot_ = new QCustomPlot(this);
    plot_->setMinimumHeight(360);
    plot_->setMouseTracking(true);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    QCPLayoutGrid* grid = plot_->plotLayout();
    grid->clear();
    auto* group = new QCPMarginGroup(plot_);
    ecgRect_ = addRect(plot_, group, tr("ECG (mV)"));
    latentRect_ = addRect(plot_, group, tr("z0 dimension"));
    reconRect_ = addRect(plot_, group, tr("Recon. MSE"));
    reconRect_->axis(QCPAxis::atBottom)->setLabel(tr("Time in record (s)"));
    auto* title = new QCPTextElement(plot_, tr("VAE latent z0 of every frame, under the record's ECG (same time axis)"),
                                     plotFont(11, false, true));
    grid->addElement(0, 0, title);
    grid->addElement(1, 0, ecgRect_);
    grid->addElement(2, 0, latentRect_);
    grid->addElement(3, 0, reconRect_);
    grid->setRowStretchFactors({0.01, 3, 5, 2});
    scale_ = new QCPColorScale(plot_);
    scale_->setLabel(tr("z0 (standardised)"));
    scale_->setBarWidth(10);
    grid->addElement(2, 1, scale_);
    grid->setColumnStretchFactor(1, 0.01);
    auto* vgroup = new QCPMarginGroup(plot_);
    // The colour scale spans exactly the heat map's height.
    scale_->setMarginGroup(QCP::msTop | QCP::msBottom, vgroup);
    latentRect_->setMarginGroup(QCP::msTop | QCP::msBottom, vgroup);

    ecg_ = plot_->addGraph(ecgRect_->axis(QCPAxis::atBottom), ecgRect_->axis(QCPAxis::atLeft));
    ecg_->setPen(QPen(QColor(30, 30, 30), 1));
    heatmap_ = addHeatmap(latentRect_, divergingGradient());
    heatmap_->setColorScale(scale_);
    heatmap_->setGradient(divergingGradient());  // (setColorScale took the scale's default gradient)
    recon_ = plot_->addGraph(reconRect_->axis(QCPAxis::atBottom), reconRect_->axis(QCPAxis::atLeft));
    recon_->setPen(QPen(palette::colour(0), 1.3));
    recon_->setBrush(QColor(0, 114, 178, 40));

    highlight_ = new QCPItemRect(plot_);
    highlight_->setClipAxisRect(ecgRect_);
    for (QCPItemPosition* p : {highlight_->topLeft, highlight_->bottomRight}) {
        p->setAxes(ecgRect_->axis(QCPAxis::atBottom), ecgRect_->axis(QCPAxis::atLeft));
        p->setAxisRect(ecgRect_);
        p->setTypeX(QCPItemPosition::ptPlotCoords);
        p->setTypeY(QCPItemPosition::ptAxisRectRatio);
    }
    highlight_->setPen(Qt::NoPen);
    highlight_->setBrush(QColor(0, 114, 178, 30));
    highlight_->setLayer(QStringLiteral("background"));
    highlight_->setVisible(false);

    message_ = new QCPItemText(plot_);
    message_->setClipAxisRect(latentRect_);
    message_->position->setAxisRect(latentRect_);
    message_->position->setType(QCPItemPosition::ptAxisRectRatio);
    message_->position->setCoords(0.5, 0.5);
    message_->setColor(QColor(90, 90, 90));

    for (QCPAxisRect* r : {ecgRect_, latentRect_, reconRect_})
        connect(r->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
                [this](const QCPRange& range) { syncTime(range.lower, range.upper); });
    connect(plot_, &QCustomPlot::mouseMove, this, &LatentTimeline::onMove);
    applyPlotStyle(*plot_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
}

void LatentTimeline::syncTime(double lower, double upper) {
    if (syncing_) return;
    syncing_ = true;
    // Never past the record: dragging stops at its ends.
    QCPRange r(lower, upper);
    if (durationS_ > 0) {
        if (r.size() > durationS_) r = QCPRange(0, durationS_);
        if (r.lower < 0) r = QCPRange(0, r.size());
        if (r.upper > durationS_) r = QCPRange(durationS_ - r.size(), durationS_);
    }
    for (QCPAxisRect* rect : {ecgRect_, latentRect_, reconRect_}) rect->axis(QCPAxis::atBottom)->setRange(r);
    syncing_ = false;
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void LatentTimeline::setTimeRange(double a, double b) { syncTime(a, b); }

std::pair<double, double> LatentTimeline::timeRange() const {
    const QCPRange r = latentRect_->axis(QCPAxis::atBottom)->range();
    return {r.lower, r.upper};
}

void LatentTimeline::clear(const QString& message) {
    ecg_->data()->clear();
    recon_->data()->clear();
    heatmap_->data()->clear();
    highlight_->setVisible(false);
    message_->setText(message);
    message_->setVisible(!message.isEmpty());
    durationS_ = 0;
    plot_->replot();
}

void LatentTimeline::setData(const SequenceLatent& latent, const EcgStrip& strip) {
    message_->setVisible(false);
    durationS_ = std::max(latent.durationS, latent.frames * latent.frameS);
    // The strip: the band-passed lead (the method's band), at the record's own rate.
    ecg_->data()->clear();
    if (strip.error.empty() && strip.fs > 0) {
        const std::vector<double>& y = strip.filtered.empty() ? strip.millivolts : strip.filtered;
        QVector<double> t(static_cast<int>(y.size())), v(static_cast<int>(y.size()));
        for (int i = 0; i < t.size(); ++i) {
            t[i] = i / strip.fs;
            v[i] = y[static_cast<std::size_t>(i)];
        }
        ecg_->setData(t, v, true);
        const QCPRange mv = robustRange(y);
        const double pad = 0.15 * mv.size();
        ecgRect_->axis(QCPAxis::atLeft)->setRange(mv.lower - pad, mv.upper + pad);
    }
    fillHeatmap(heatmap_, latent.z0.data(), latent.dim, latent.frames, 0.0, latent.frameS);
    const double z = symmetricRange(latent.z0);
    heatmap_->setDataRange(QCPRange(-z, z));
    latentRect_->axis(QCPAxis::atLeft)->setRange(0.5, latent.dim + 0.5);
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(latent.dim > 16 ? 8.0 : 4.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssNone);
    latentRect_->axis(QCPAxis::atLeft)->setTicker(ticker);

    QVector<double> t(latent.frames), e(latent.frames);
    double top = 0;
    for (int k = 0; k < latent.frames; ++k) {
        t[k] = latent.timeOf(k);
        e[k] = latent.reconError[static_cast<std::size_t>(k)];
        if (std::isfinite(e[k])) top = std::max(top, e[k]);
    }
    recon_->setData(t, e, true);
    reconRect_->axis(QCPAxis::atLeft)->setRange(0, top > 0 ? top * 1.1 : 1.0);
    applyPlotStyle(*plot_);
    setTimeRange(0, durationS_);
    plot_->replot();
}

void LatentTimeline::setHighlight(double startS, double endS) {
    highlight_->topLeft->setCoords(startS, 0);
    highlight_->bottomRight->setCoords(endS, 1);
    highlight_->setVisible(endS > startS);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

double LatentTimeline::heatmapValue(double seconds, int dimension) const {
    QCPColorMapData* d = heatmap_->data();
    if (d->isEmpty() || dimension < 1 || dimension > heatmapDimensions()) return std::nan("");
    int k = 0, r = 0;
    d->coordToCell(seconds, dimension, &k, &r);
    if (k < 0 || k >= d->keySize() || r < 0 || r >= d->valueSize()) return std::nan("");
    return d->cell(k, r);
}

int LatentTimeline::heatmapDimensions() const { return heatmap_->data()->isEmpty() ? 0 : heatmap_->data()->valueSize(); }
int LatentTimeline::heatmapFrames() const { return heatmap_->data()->isEmpty() ? 0 : heatmap_->data()->keySize(); }

QVector<double> LatentTimeline::shownReconTimes() const {
    QVector<double> v;
    for (auto it = recon_->data()->constBegin(); it != recon_->data()->constEnd(); ++it) v.push_back(it->key);
    return v;
}

QVector<double> LatentTimeline::shownReconError() const {
    QVector<double> v;
    for (auto it = recon_->data()->constBegin(); it != recon_->data()->constEnd(); ++it) v.push_back(it->value);
    return v;
}

int LatentTimeline::ecgPointCount() const { return ecg_->dataCount(); }

QPointF LatentTimeline::heatmapPixel(double seconds, int dimension) const {
    return {latentRect_->axis(QCPAxis::atBottom)->coordToPixel(seconds),
            latentRect_->axis(QCPAxis::atLeft)->coordToPixel(dimension)};
}

QString LatentTimeline::describeAt(const QPointF& pixel) const {
    if (!latentRect_->rect().contains(pixel.toPoint()) || heatmapDimensions() == 0) return {};
    const double t = latentRect_->axis(QCPAxis::atBottom)->pixelToCoord(pixel.x());
    const int dim = static_cast<int>(std::lround(latentRect_->axis(QCPAxis::atLeft)->pixelToCoord(pixel.y())));
    const double v = heatmapValue(t, dim);
    if (!std::isfinite(v)) return {};
    return tr("t = %1 s · dimension %2\nz0 = %3").arg(number(t, 4)).arg(dim).arg(number(v));
}

void LatentTimeline::onMove(QMouseEvent* event) {
    const QString text = describeAt(event->position());
    if (text == hoverText_) return;
    hoverText_ = text;
    if (text.isEmpty()) QToolTip::hideText();
    else QToolTip::showText(event->globalPosition().toPoint(), text, plot_);
}

}  // namespace dacl::ui
