#include "ui/views/scattering_view.h"

#include "ui/plots/custom_plot.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

// The scattering view's plots: the order-1 scalogram, the order-2 children of the chosen path,
// the transformer's tokens and (repr = sequence) the rhythm channels, all on the record's time axis.
namespace dacl::ui {

namespace {

// The map's cells are centred on the frames; the axis shows the whole window.
void setTimeAxis(QCPAxisRect* rect, double start, double end) {
    rect->axis(QCPAxis::atBottom)->setRange(start, end);
}

}  // namespace

QVector<double> ScatteringView::frameTimes() const {
    QVector<double> t;
    if (!scattering_) return t;
    for (int i = 0; i < result_.nFrames; ++i) t.push_back(result_.startS + scattering_->framePosition(i) / result_.fs);
    return t;
}

std::pair<double, double> ScatteringView::timeRange(Panel p) const {
    const QCPRange r = panel(p).rect->axis(QCPAxis::atBottom)->range();
    return {r.lower, r.upper};
}

void ScatteringView::fillOrder1() {
    const PanelItems& it = panel(Panel::Order1);
    const QVector<double> t = frameTimes();
    const int rows = order1Paths_.size(), cols = result_.nFrames;
    it.map->data()->setSize(cols, rows);
    it.map->data()->setRange(QCPRange(t.front(), t.back()), QCPRange(0, rows - 1));
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            it.map->data()->setCell(c, r, shown(result_.S[static_cast<std::size_t>(order1Paths_[r]) * cols + c]));
    it.map->setVisible(true);
    it.map->rescaleDataRange(true);
    setTimeAxis(it.rect, result_.startS, result_.startS + settings_.window.samples / result_.fs);
    QCPAxis* y = it.rect->axis(QCPAxis::atLeft);
    y->setRange(-0.5, rows - 0.5);
    // One labelled tick per octave (every Q1 paths) and the lowest path.
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    const auto& paths = scattering_->paths();
    const int step = std::max(1, settings_.Q1);
    for (int r = 0; r < rows; r += step) ticker->addTick(r, hz(paths[order1Paths_[r]].xi1 * result_.fs));
    if ((rows - 1) % step) ticker->addTick(rows - 1, hz(paths[order1Paths_[rows - 1]].xi1 * result_.fs));
    y->setTicker(ticker);
    it.scale->axis()->setLabel(log_ ? tr("log(S + %1)").arg(settings_.logEps) : tr("S"));
}

QVector<int> ScatteringView::rowPaths(Panel p) const {
    if (p == Panel::Order1) return order1Paths_;
    QVector<int> rows;
    if (!scattering_) return rows;
    const auto& paths = scattering_->paths();
    if (p == Panel::Tokens) {
        for (int i = 0; i < static_cast<int>(paths.size()); ++i) rows.push_back(i);
        return rows;
    }
    for (int i = 0; i < static_cast<int>(paths.size()); ++i)
        if (paths[i].order == 2 && paths[i].n1 == n1_) rows.push_back(i);
    return rows;
}

void ScatteringView::fillOrder2() {
    const PanelItems& it = panel(Panel::Order2);
    const QVector<int> rows = rowPaths(Panel::Order2);
    setTimeAxis(it.rect, result_.startS, result_.startS + settings_.window.samples / result_.fs);
    if (rows.isEmpty()) {
        it.map->data()->clear();
        it.map->setVisible(false);
        it.rect->axis(QCPAxis::atLeft)->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
        return;
    }
    const QVector<double> t = frameTimes();
    const int cols = result_.nFrames;
    it.map->data()->setSize(cols, rows.size());
    it.map->data()->setRange(QCPRange(t.front(), t.back()), QCPRange(0, rows.size() - 1));
    for (int r = 0; r < rows.size(); ++r)
        for (int c = 0; c < cols; ++c)
            it.map->data()->setCell(c, r, shown(result_.S[static_cast<std::size_t>(rows[r]) * cols + c]));
    it.map->setVisible(true);
    it.map->rescaleDataRange(true);
    QCPAxis* y = it.rect->axis(QCPAxis::atLeft);
    y->setRange(-0.5, rows.size() - 0.5);
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    const auto& paths = scattering_->paths();
    for (int r = 0; r < rows.size(); ++r) ticker->addTick(r, hz(paths[rows[r]].xi2 * result_.fs));
    y->setTicker(ticker);
    it.scale->axis()->setLabel(log_ ? tr("log(S + %1)").arg(settings_.logEps) : tr("S"));
}

void ScatteringView::fillTokens() {
    const PanelItems& it = panel(Panel::Tokens);
    const QVector<double> t = frameTimes();
    const int T = result_.nFrames, C = result_.nPaths;
    it.map->data()->setSize(T, C);
    it.map->data()->setRange(QCPRange(t.front(), t.back()), QCPRange(0, C - 1));
    for (int c = 0; c < C; ++c)
        for (int k = 0; k < T; ++k)
            it.map->data()->setCell(k, c, result_.tokens[static_cast<std::size_t>(k) * C + c]);
    it.map->setVisible(true);
    it.map->rescaleDataRange(true);
    setTimeAxis(it.rect, result_.startS, result_.startS + settings_.window.samples / result_.fs);
    QCPAxis* y = it.rect->axis(QCPAxis::atLeft);
    y->setRange(-0.5, C - 0.5);
    // One label per order, in the middle of its block of rows, and lines between the blocks.
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    const auto& paths = scattering_->paths();
    for (auto* line : tokenSeparators_) plot_->removeItem(line);
    tokenSeparators_.clear();
    for (int first = 0; first < C;) {
        int last = first;
        while (last + 1 < C && paths[last + 1].order == paths[first].order) ++last;
        ticker->addTick((first + last) / 2.0, tr("order %1").arg(paths[first].order));
        if (last + 1 < C) {
            auto* line = new QCPItemStraightLine(plot_);
            line->setClipAxisRect(it.rect);
            for (auto* pos : {line->point1, line->point2}) {
                pos->setAxes(it.rect->axis(QCPAxis::atBottom), it.rect->axis(QCPAxis::atLeft));
                pos->setAxisRect(it.rect);
            }
            line->point1->setCoords(0, last + 0.5);
            line->point2->setCoords(1, last + 0.5);
            line->setPen(QPen(Qt::white, 1.5));
            tokenSeparators_.push_back(line);
        }
        first = last + 1;
    }
    y->setTicker(ticker);
}

void ScatteringView::updateTitles() {
    const double fs = result_.fs;
    const auto& paths = scattering_->paths();
    panels_[0].title->setText(tr("Order-1 scalogram (%n path(s), centre frequencies of the first-order Morlet filters)",
                                 nullptr, static_cast<int>(order1Paths_.size())));
    const QVector<int> rows = rowPaths(Panel::Order2);
    const QString parent = order1Paths_.isEmpty() ? QString()
                                                   : tr("n1 = %1, %2").arg(n1_).arg(hz(paths[order1Paths_[n1_]].xi1 * fs));
    panels_[1].title->setText(rows.isEmpty()
                                  ? tr("Order 2 below %1: none (no second-order wavelet is coarser than this path)").arg(parent)
                                  : tr("Order 2 below %1 (%n path(s))", nullptr, static_cast<int>(rows.size())).arg(parent));
    panels_[2].title->setText(settings_.stLayers > 0
                                  ? tr("Scattering Transformer tokens (%n layer(s) of parameter-free attention)",
                                       nullptr, settings_.stLayers)
                                  : tr("Tokens log(S + ε) (no transformer layer)"));
}

// ---------------------------------------------------------------- rhythm channels

namespace {
constexpr double kRhythmStretch = 2.2;  // the row's share beside the maps' 4, 2 and 4
}  // namespace

void ScatteringView::buildRhythmPlot(const QFont& titleFont, QCPMarginGroup* left) {
    QCPLayoutGrid* grid = plot_->plotLayout();
    rhythmTitle_ = new QCPTextElement(plot_, QString(), titleFont);
    rhythmRect_ = new QCPAxisRect(plot_);
    // Title and legend share the row above the axes: inside the axes the legend covered the
    // curves, whose values span the whole height.
    auto* header = new QCPLayoutGrid;
    grid->addElement(6, 0, header);
    header->addElement(0, 0, rhythmTitle_);
    grid->addElement(7, 0, rhythmRect_);
    grid->setRowStretchFactor(6, 0.01);
    grid->setRowStretchFactor(7, kRhythmStretch);
    rhythmRect_->setMarginGroup(QCP::msLeft | QCP::msRight, left);
    rhythmRect_->axis(QCPAxis::atBottom)->setLabel(tr("Time in record (s)"));
    rhythmRect_->axis(QCPAxis::atLeft)->setLabel(tr("seconds"));
    const QColor colours[2] = {QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28)};
    const QString names[2] = {tr("RR interval"), tr("|ΔRR|")};
    for (int k = 0; k < 2; ++k) {
        rhythmGraphs_[k] = plot_->addGraph(rhythmRect_->axis(QCPAxis::atBottom), rhythmRect_->axis(QCPAxis::atLeft));
        rhythmGraphs_[k]->setPen(QPen(colours[k], 1.6));
        rhythmGraphs_[k]->setLineStyle(QCPGraph::lsStepCenter);  // piecewise constant per frame
        rhythmGraphs_[k]->setName(names[k]);
    }
    rhythmLegend_ = new QCPLegend;
    header->addElement(0, 1, rhythmLegend_);
    header->setColumnStretchFactor(1, 0.001);  // as narrow as its entries
    rhythmLegend_->setLayer(QStringLiteral("legend"));
    rhythmLegend_->setFillOrder(QCPLayoutGrid::foColumnsFirst);  // entries side by side, one line
    rhythmLegend_->setBorderPen(Qt::NoPen);
    rhythmLegend_->setBrush(Qt::NoBrush);
    rhythmLegend_->setMargins(QMargins(6, 2, 6, 2));
    for (QCPGraph* g : rhythmGraphs_) g->addToLegend(rhythmLegend_);
}

void ScatteringView::clearRhythm() {
    for (QCPGraph* g : rhythmGraphs_) g->data()->clear();
    rhythmTitle_->setText(QString());
}

void ScatteringView::fillRhythm() {
    clearRhythm();
    setTimeAxis(rhythmRect_, result_.startS, result_.startS + settings_.window.samples / result_.fs);
    // The rhythm row takes room only when there is something to plot.
    const bool shown = result_.sequence && !result_.rr.empty();
    plot_->plotLayout()->setRowStretchFactor(7, shown ? kRhythmStretch : 0.2);
    // At least 95 px of axes when shown (a 1280 x 800 window left them 50 px: steps unreadable).
    rhythmRect_->setMinimumSize(0, shown ? 95 : 0);
    rhythmLegend_->setVisible(shown);
    if (!shown) {
        rhythmTitle_->setText(result_.sequence ? tr("Rhythm channels: off in this run's settings (seq.rhythm)")
                                               : tr("Rhythm channels: part of repr = sequence only (this is repr = pooled)"));
        return;
    }
    const QVector<double> t = frameTimes();
    const std::vector<double>* series[2] = {&result_.rr, &result_.drr};
    double top = 0;
    for (int k = 0; k < 2; ++k) {
        QVector<double> x, y;
        for (std::size_t f = 0; f < series[k]->size(); ++f) {
            x.push_back(t.value(static_cast<int>(f)));
            y.push_back((*series[k])[f]);
            top = std::max(top, (*series[k])[f]);
        }
        rhythmGraphs_[k]->setData(x, y, true);
    }
    rhythmRect_->axis(QCPAxis::atLeft)->setRange(0, std::max(0.5, top * 1.15));
    rhythmTitle_->setText(tr("Rhythm channels fed to the model beside the tokens: RR interval and |ΔRR| at each frame, "
                             "from the whole record's R peaks"));
}

QVector<double> ScatteringView::rhythmShown(int channel) const {
    QVector<double> v;
    if (channel < 0 || channel > 1) return v;
    for (auto it = rhythmGraphs_[channel]->data()->constBegin(); it != rhythmGraphs_[channel]->data()->constEnd(); ++it)
        v.push_back(it->value);
    return v;
}

}  // namespace dacl::ui
