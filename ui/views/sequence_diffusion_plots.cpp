#include "ui/views/sequence_diffusion_plots.h"

#include "ui/plots/heatmap_gradients.h"
#include "ui/views/drift_plot.h"
#include "ui/plots/palette.h"
#include "ui/plots/plot_style.h"
#include "ui/views/sequence_heatmap.h"

#include "ui/plots/custom_plot.h"

#include <QGridLayout>

#include <algorithm>
#include <cmath>

namespace dacl::ui {

namespace {

const QColor kMarker = palette::colour(3);  // vermillion, as the pooled view's z_t

QString number(double v, int digits = 3) { return QLocale().toString(v, 'g', digits); }

QCustomPlot* makePlot(QWidget* parent, int minimumHeight) {
    auto* plot = new QCustomPlot(parent);
    plot->setMinimumHeight(minimumHeight);
    plot->setInteractions(QCP::Interactions());
    return plot;
}

double cellOf(const QCPColorMap* map, int row, int column) {
    QCPColorMapData* d = map->data();
    if (d->isEmpty() || row < 1 || row > d->valueSize() || column < 0 || column >= d->keySize()) return std::nan("");
    return d->cell(column, row - 1);
}

void setTimeAndRows(QCPAxisRect* rect, double a, double b, int rows) {
    rect->axis(QCPAxis::atBottom)->setRange(a, b);
    rect->axis(QCPAxis::atLeft)->setRange(0.5, rows + 0.5);
}


}  // namespace

SequenceDiffusionPlots::SequenceDiffusionPlots(QWidget* parent) : QWidget(parent) {
    buildPlots();
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(ztPlot_, 0, 0);
    grid->addWidget(driftPlot_, 0, 1);
    grid->addWidget(multiplesPlot_, 1, 0, 1, 2);
    grid->addWidget(decodedPlot_, 2, 0, 1, 2);
    grid->setRowStretch(0, 5);
    grid->setRowStretch(1, 3);
    grid->setRowStretch(2, 4);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 2);
}

void SequenceDiffusionPlots::buildPlots() {
    // z_t at the slider: dimension × time, one colour range for every t of the span.
    ztPlot_ = makePlot(this, 150);
    QCPLayoutGrid* g = ztPlot_->plotLayout();
    ztTitle_ = new QCPTextElement(ztPlot_, QString(), plotFont(11, false, true));
    g->insertRow(0);
    g->addElement(0, 0, ztTitle_);
    ztPlot_->xAxis->setLabel(tr("Time in record (s)"));
    ztPlot_->yAxis->setLabel(tr("Latent dimension"));
    QSharedPointer<QCPAxisTickerFixed> dims(new QCPAxisTickerFixed);  // dimensions are whole numbers
    dims->setTickStep(4);
    dims->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    ztPlot_->yAxis->setTicker(dims);
    ztMap_ = addHeatmap(ztPlot_->axisRect(), divergingGradient());
    auto* scale = new QCPColorScale(ztPlot_);
    scale->setLabel(tr("z (standardised)"));
    scale->setBarWidth(10);
    g->addElement(1, 1, scale);
    ztMap_->setColorScale(scale);
    ztMap_->setGradient(divergingGradient());  // (setColorScale took the scale's default gradient)
    auto* group = new QCPMarginGroup(ztPlot_);
    ztPlot_->axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    scale->setMarginGroup(QCP::msTop | QCP::msBottom, group);

    driftPlot_ = new DriftPlot(this, kMarker);

    multiplesPlot_ = makePlot(this, 130);

    // The span's frames f and decode(z_t), side by side on one colour range (feature units).
    decodedPlot_ = makePlot(this, 150);
    QCPLayoutGrid* d = decodedPlot_->plotLayout();
    d->clear();
    auto* fRect = new QCPAxisRect(decodedPlot_);
    auto* dRect = new QCPAxisRect(decodedPlot_);
    auto* fTitle = new QCPTextElement(decodedPlot_, tr("f: the span's frames (Scattering-Transformer channels)"),
                                      plotFont(10, false, true));
    decodedTitle_ = new QCPTextElement(decodedPlot_, QString(), plotFont(10, false, true));
    d->addElement(0, 0, fTitle);
    d->addElement(0, 1, decodedTitle_);
    d->addElement(1, 0, fRect);
    d->addElement(1, 1, dRect);
    auto* fScale = new QCPColorScale(decodedPlot_);
    fScale->setLabel(tr("feature value"));
    fScale->setBarWidth(10);
    d->addElement(1, 2, fScale);
    d->setRowStretchFactor(0, 0.01);
    d->setColumnStretchFactor(2, 0.01);
    auto* dGroup = new QCPMarginGroup(decodedPlot_);
    for (QCPLayoutElement* e : std::initializer_list<QCPLayoutElement*>{fRect, dRect, fScale})
        e->setMarginGroup(QCP::msTop | QCP::msBottom, dGroup);
    for (QCPAxisRect* r : {fRect, dRect}) {
        r->axis(QCPAxis::atBottom)->setLabel(tr("Time in record (s)"));
        r->axis(QCPAxis::atLeft)->setLabel(tr("Channel"));
    }
    const QCPColorGradient viridis = makeGradient(HeatmapGradient::Viridis);
    featureMap_ = addHeatmap(fRect, viridis);
    decodedMap_ = addHeatmap(dRect, viridis);
    featureMap_->setColorScale(fScale);
    decodedMap_->setColorScale(fScale);
    featureMap_->setGradient(viridis);
    decodedMap_->setGradient(viridis);

    rebuildMultiples();
    for (QCustomPlot* p : {ztPlot_, decodedPlot_}) applyPlotStyle(*p);
}

void SequenceDiffusionPlots::rebuildMultiples() {
    multiplesPlot_->clearPlottables();
    QCPLayoutGrid* grid = multiplesPlot_->plotLayout();
    grid->clear();
    multipleMaps_.clear();
    multipleTitles_.clear();
    auto* margins = new QCPMarginGroup(multiplesPlot_);
    const QCPColorGradient gradient = divergingGradient();
    for (int i = 0; i < multiples_.size(); ++i) {
        auto* title = new QCPTextElement(multiplesPlot_, QString(), plotFont(9, false, true));
        auto* rect = new QCPAxisRect(multiplesPlot_);
        grid->addElement(0, i, title);
        grid->addElement(1, i, rect);
        rect->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
        rect->axis(QCPAxis::atBottom)->setLabel(tr("s"));
        QSharedPointer<QCPAxisTickerFixed> dims(new QCPAxisTickerFixed);
        dims->setTickStep(4);
        dims->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
        rect->axis(QCPAxis::atLeft)->setTicker(dims);
        if (i == 0) rect->axis(QCPAxis::atLeft)->setLabel(tr("dimension"));
        else rect->axis(QCPAxis::atLeft)->setTickLabels(false);
        multipleMaps_.push_back(addHeatmap(rect, gradient));
        multipleTitles_.push_back(title);
    }
    grid->setRowStretchFactor(0, 0.01);
    applyPlotStyle(*multiplesPlot_);
    fillMultiples();
}

void SequenceDiffusionPlots::setMultiples(const QVector<int>& steps) {
    if (steps == multiples_) return;
    multiples_ = steps;
    rebuildMultiples();
}

void SequenceDiffusionPlots::fillMultiples() {
    for (int i = 0; i < multipleMaps_.size(); ++i) {
        if (!have_) {
            multipleMaps_[i]->data()->clear();
            multipleTitles_[i]->setText(tr("t = %1").arg(multiples_[i]));
            continue;
        }
        const int t = std::clamp(multiples_[i], 0, walk_.steps);
        const std::vector<double> z = walk_.zt(t);
        fillHeatmap(multipleMaps_[i], z.data(), walk_.dim, walk_.valid, walk_.startS, walk_.frameS);
        multipleMaps_[i]->setDataRange(QCPRange(-zRange_, zRange_));
        setTimeAndRows(multipleMaps_[i]->keyAxis()->axisRect(), walk_.timeOf(0) - 0.5 * walk_.frameS,
                       walk_.timeOf(walk_.valid - 1) + 0.5 * walk_.frameS, walk_.dim);
        const double a = walk_.alphaBar[static_cast<std::size_t>(t)];
        multipleTitles_[i]->setText(tr("t = %1 · noise std %2").arg(t).arg(number(std::sqrt(1 - a), 2)));
    }
    multiplesPlot_->replot();
}

void SequenceDiffusionPlots::clear() {
    have_ = false;
    walk_ = SequenceWalk();
    for (QCPColorMap* m : {ztMap_, featureMap_, decodedMap_}) m->data()->clear();
    driftPlot_->clearCurves();
    ztTitle_->setText(tr("z_t of the span"));
    decodedTitle_->setText(tr("decode(z_t)"));
    decodedStep_ = -1;
    fillMultiples();
    for (QCustomPlot* p : std::initializer_list<QCustomPlot*>{ztPlot_, driftPlot_, decodedPlot_}) p->replot();
}

void SequenceDiffusionPlots::setWalk(const SequenceWalk& walk, int trainingTMax) {
    walk_ = walk;
    have_ = walk_.error.empty() && walk_.dim > 0 && walk_.valid > 0;
    if (!have_) {
        clear();
        return;
    }
    // z_t moves on an ellipse between z0 and ε in every cell: hypot(z0, ε) bounds it for all t.
    std::vector<double> reach(walk_.z0.size());
    for (std::size_t i = 0; i < reach.size(); ++i) reach[i] = std::hypot(walk_.z0[i], walk_.epsilon[i]);
    zRange_ = symmetricRange(reach);
    const double a = walk_.timeOf(0) - 0.5 * walk_.frameS, b = walk_.timeOf(walk_.valid - 1) + 0.5 * walk_.frameS;
    setTimeAndRows(ztPlot_->axisRect(), a, b, walk_.dim);
    ztMap_->setDataRange(QCPRange(-zRange_, zRange_));

    fillHeatmap(featureMap_, walk_.features.data(), walk_.channels, walk_.valid, walk_.startS, walk_.frameS);
    const QCPRange f = robustRange(walk_.features);
    featureMap_->setDataRange(f);
    decodedMap_->setDataRange(f);
    for (QCPColorMap* m : {featureMap_, decodedMap_}) setTimeAndRows(m->keyAxis()->axisRect(), a, b, walk_.channels);

    QVector<double> ts, drift, cosine;
    for (std::size_t i = 0; i < walk_.driftSteps.size(); ++i) {
        ts.push_back(walk_.driftSteps[i]);
        drift.push_back(walk_.drift[i]);
        cosine.push_back(walk_.cosine[i]);
    }
    driftPlot_->setCurves(ts, drift, cosine, walk_.steps, trainingTMax);
    fillMultiples();
    setTimestep(t_);
}

void SequenceDiffusionPlots::setTimestep(int t) {
    t_ = t;
    if (!have_) return;
    t = std::clamp(t, 0, walk_.steps);
    const std::vector<double> z = walk_.zt(t);
    fillHeatmap(ztMap_, z.data(), walk_.dim, walk_.valid, walk_.startS, walk_.frameS);
    ztTitle_->setText(tr("z_t of span %1 of %2 at t = %3 (z0 at t = 0)").arg(walk_.spanIndex + 1).arg(walk_.spanCount).arg(t));
    // Decodings exist on a grid of t: show the nearest and say which it is.
    const int k = walk_.nearestDecoded(t);
    decodedStep_ = walk_.decodedSteps[static_cast<std::size_t>(k)];
    fillHeatmap(decodedMap_, walk_.decodedAt(k), walk_.channels, walk_.valid, walk_.startS, walk_.frameS);
    double mse = 0;
    const std::size_t n = walk_.features.size();
    for (std::size_t i = 0; i < n; ++i) mse += std::pow(walk_.decodedAt(k)[i] - walk_.features[i], 2) / static_cast<double>(n);
    decodedTitle_->setText(tr("decode(z_t) at t = %1 · MSE against f %2").arg(decodedStep_).arg(number(mse)));
    driftPlot_->setMarker(t);
    for (QCustomPlot* p : std::initializer_list<QCustomPlot*>{ztPlot_, driftPlot_, decodedPlot_}) p->replot(QCustomPlot::rpQueuedReplot);
}

double SequenceDiffusionPlots::ztCell(int dimension, int frame) const { return cellOf(ztMap_, dimension, frame); }
double SequenceDiffusionPlots::multipleCell(int index, int dimension, int frame) const {
    return index >= 0 && index < multipleMaps_.size() ? cellOf(multipleMaps_[index], dimension, frame) : std::nan("");
}
QString SequenceDiffusionPlots::multipleTitle(int index) const {
    return index >= 0 && index < multipleTitles_.size() ? multipleTitles_[index]->text() : QString();
}
double SequenceDiffusionPlots::decodedCell(int channel, int frame) const { return cellOf(decodedMap_, channel, frame); }
double SequenceDiffusionPlots::featureCell(int channel, int frame) const { return cellOf(featureMap_, channel, frame); }
QVector<double> SequenceDiffusionPlots::shownDriftSteps() const { return driftPlot_->shownSteps(); }
QVector<double> SequenceDiffusionPlots::shownDrift() const { return driftPlot_->shownDrift(); }
QVector<double> SequenceDiffusionPlots::shownCosine() const { return driftPlot_->shownCosine(); }

QPointF SequenceDiffusionPlots::driftMarker() const { return driftPlot_->marker(); }
QCustomPlot* SequenceDiffusionPlots::driftPlot() const { return driftPlot_; }

}  // namespace dacl::ui
