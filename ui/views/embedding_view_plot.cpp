// EmbeddingView's plot: points grouped and coloured (one graph per colour group and timestep),
// the overlays (selection, neighbours, focus), and what the user touches: hit-testing, tooltips,
// neighbours, the context menu and the layout export (selection: embedding_view_select.cpp).
#include "ui/views/embedding_view.h"

#include "ui/plots/custom_plot.h"
#include "ui/plots/empty_plot.h"
#include "ui/plots/palette.h"
#include "ui/plots/plot_export.h"
#include "ui/plots/plot_style.h"
#include "ui/report/fold_number.h"
#include "ui/report/number_text.h"

#include <QAction>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPushButton>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <set>

namespace dacl::ui {

namespace {

constexpr int kUnknown = -1;  // group key of points without the coloured attribute
const QColor kUnknownColour(0x99, 0x99, 0x99);
const QColor kShapeKeyColour(0x55, 0x55, 0x55);  // legend entries that explain a shape, not a colour

// Marker of a timestep: the clean embeddings (t = 0) are filled discs; each noisy view gets its own
// outline shape (by rank among the noisy timesteps present), so that overlaid views stay apart.
QCPScatterStyle timestepStyle(int t, int noisyRank, const QColor& colour) {
    static const QCPScatterStyle::ScatterShape kNoisy[] = {
        QCPScatterStyle::ssCircle, QCPScatterStyle::ssSquare,    QCPScatterStyle::ssTriangle,
        QCPScatterStyle::ssDiamond, QCPScatterStyle::ssCross,    QCPScatterStyle::ssTriangleInverted,
        QCPScatterStyle::ssPlus,   QCPScatterStyle::ssStar,     QCPScatterStyle::ssCrossSquare,
        QCPScatterStyle::ssPlusCircle};
    if (t == 0) return QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, 5);
    const auto shape = kNoisy[static_cast<std::size_t>(noisyRank) % std::size(kNoisy)];
    return QCPScatterStyle(shape, QPen(colour, 1.3), Qt::NoBrush, 7);
}

}  // namespace

int EmbeddingView::groupKey(const EmbeddingPoint& p) const {
    switch (colourBy_) {
    case ColourBy::Class: return p.label >= 0 ? p.label : kUnknown;
    case ColourBy::Prediction: return p.predicted >= 0 ? p.predicted : kUnknown;
    case ColourBy::Correctness: return p.label >= 0 && p.predicted >= 0 ? (p.label == p.predicted ? 1 : 0) : kUnknown;
    case ColourBy::Fold: return p.fold >= 0 ? p.fold : kUnknown;
    case ColourBy::Timestep: return p.timestep;
    }
    return kUnknown;
}

QString EmbeddingView::groupName(int key) const {
    auto className = [&](int c) { return c < classNames_.size() ? classNames_[c] : tr("class %1").arg(c); };
    switch (colourBy_) {
    case ColourBy::Class: return key == kUnknown ? tr("unlabelled") : className(key);
    case ColourBy::Prediction: return key == kUnknown ? tr("no prediction") : tr("predicted %1").arg(className(key));
    case ColourBy::Correctness: return key == kUnknown ? tr("unknown") : key == 1 ? tr("correct") : tr("wrong");
    case ColourBy::Fold: return key == kUnknown ? tr("no fold") : tr("fold %1").arg(foldNumber(key));
    case ColourBy::Timestep: return tr("t = %1").arg(key);
    }
    return {};
}

// Rank of a noisy timestep among the noisy timesteps present (its shape stays when others are hidden).
int EmbeddingView::noisyRank(int t) const {
    int rank = 0;
    for (int s : timesteps())
        if (s != 0 && s < t) ++rank;
    return rank;
}

QColor EmbeddingView::groupColour(int key, const std::vector<int>& keyOrder) const {
    if (key == kUnknown) return kUnknownColour;
    if (colourBy_ == ColourBy::Correctness) return palette::colour(key == 1 ? 2 : 3);  // green / vermillion
    return palette::colour(static_cast<int>(std::lower_bound(keyOrder.begin(), keyOrder.end(), key) - keyOrder.begin()));
}

void EmbeddingView::rebuildGroups() {
    for (Group& g : groups_) plot_->removeGraph(g.graph);
    groups_.clear();
    for (QCPGraph* g : legendKeys_) plot_->removeGraph(g);
    legendKeys_.clear();
    showEmptyState();
    if (layout_.size() != 2 * points_.size() || points_.empty()) return;
    // (colour key, timestep) -> members, both ascending; unknown keys last.
    std::map<std::pair<int, int>, std::vector<int>> members;
    std::set<int> keys;
    for (std::size_t i = 0; i < points_.size(); ++i) {
        if (!isShown(static_cast<int>(i))) continue;
        const int key = groupKey(points_[i]);
        members[{key == kUnknown ? std::numeric_limits<int>::max() : key, points_[i].timestep}].push_back(static_cast<int>(i));
        if (key != kUnknown) keys.insert(key);
    }
    // Several views shown and coloured by something else: the legend explains colours and shapes
    // apart (one entry each) instead of one entry per combination.
    const bool splitLegend = shownTimesteps_.size() > 1 && colourBy_ != ColourBy::Timestep;
    const bool severalTimesteps = timesteps().size() > 1;
    const std::vector<int> keyOrder(keys.begin(), keys.end());
    std::set<int> legendColours;
    for (auto& [k, idx] : members) {
        const int key = k.first == std::numeric_limits<int>::max() ? kUnknown : k.first;
        const int t = k.second;
        const QColor colour = groupColour(key, keyOrder);
        QCPGraph* g = plot_->addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(timestepStyle(t, noisyRank(t), colour));
        QString name = groupName(key);
        if (severalTimesteps && colourBy_ != ColourBy::Timestep) name += QStringLiteral(" · t = %1").arg(t);
        g->setName(name);
        if (splitLegend) {
            g->removeFromLegend();
            if (legendColours.insert(key).second) {
                QCPGraph* entry = plot_->addGraph();  // no data: a legend key only
                entry->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, 7));
                entry->setLineStyle(QCPGraph::lsNone);
                entry->setName(groupName(key));
                legendKeys_.push_back(entry);
            }
        }
        QVector<double> x, y;
        x.reserve(static_cast<int>(idx.size()));
        y.reserve(static_cast<int>(idx.size()));
        for (int i : idx) {
            x << layout_[2 * static_cast<std::size_t>(i)];
            y << layout_[2 * static_cast<std::size_t>(i) + 1];
        }
        g->setData(x, y);
        groups_.push_back({g, std::move(idx)});
    }
    plot_->legend->setVisible(true);
    if (!splitLegend) return;
    for (int t : shownTimesteps_) {
        QCPGraph* entry = plot_->addGraph();
        QCPScatterStyle style = timestepStyle(t, noisyRank(t), kShapeKeyColour);
        style.setSize(9);
        entry->setScatterStyle(style);
        entry->setLineStyle(QCPGraph::lsNone);
        entry->setName(t == 0 ? tr("t = 0 (clean)") : tr("t = %1 (noisy view)").arg(t));
        legendKeys_.push_back(entry);
    }
}

// Without embeddings the plot says where they come from; its legend waits for the first group.
void EmbeddingView::showEmptyState() {
    plot_->legend->setVisible(false);
    setEmptyPlotText(*plot_, points_.empty() ? tr("The map of a run's embeddings, one point per record, appears here.\n"
                                                  "Train a model (Training tab) or select a run in the Runs tab.")
                                             : QString());
}

QList<QCPGraph*> EmbeddingView::pointGraphs() const {
    QList<QCPGraph*> out;
    for (const Group& g : groups_) out << g.graph;
    return out;
}

void EmbeddingView::refreshOverlays() {
    auto fill = [&](QCPGraph* graph, const QVector<int>& idx) {
        QVector<double> x, y;
        if (layout_.size() == 2 * points_.size())
            for (int i : idx) {
                if (!isShown(i)) continue;
                x << layout_[2 * static_cast<std::size_t>(i)];
                y << layout_[2 * static_cast<std::size_t>(i) + 1];
            }
        graph->setData(x, y);
    };
    fill(selectionGraph_, selected_);
    fill(neighbourGraph_, neighbours_);
    fill(focusGraph_, focus_ >= 0 ? QVector<int>{focus_} : QVector<int>{});
    fill(searchGraph_, searchHits_);
}

void EmbeddingView::fitAxes() {
    double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
    bool any = false;
    for (std::size_t i = 0; i < points_.size() && layout_.size() == 2 * points_.size(); ++i) {
        if (!isShown(static_cast<int>(i))) continue;
        const double x = layout_[2 * i], y = layout_[2 * i + 1];
        if (!any) { x0 = x1 = x; y0 = y1 = y; any = true; }
        x0 = std::min(x0, x); x1 = std::max(x1, x);
        y0 = std::min(y0, y); y1 = std::max(y1, y);
    }
    if (!any) return;
    const double px = std::max(1e-9, 0.05 * (x1 - x0)), py = std::max(1e-9, 0.05 * (y1 - y0));
    plot_->xAxis->setRange(x0 - px, x1 + px);
    plot_->yAxis->setRange(y0 - py, y1 + py);
}

QPointF EmbeddingView::pixelOf(int index) const {
    if (index < 0 || static_cast<std::size_t>(index) >= points_.size() || layout_.size() != 2 * points_.size()) return {};
    return {plot_->xAxis->coordToPixel(layout_[2 * static_cast<std::size_t>(index)]),
            plot_->yAxis->coordToPixel(layout_[2 * static_cast<std::size_t>(index) + 1])};
}

int EmbeddingView::pointAt(const QPointF& pixel, double radiusPx) const {
    if (layout_.size() != 2 * points_.size()) return -1;
    int best = -1;
    double bestD = radiusPx * radiusPx;
    for (std::size_t i = 0; i < points_.size(); ++i) {
        if (!isShown(static_cast<int>(i))) continue;
        const QPointF p = pixelOf(static_cast<int>(i)) - pixel;
        const double d = p.x() * p.x() + p.y() * p.y();
        if (d <= bestD) {
            bestD = d;
            best = static_cast<int>(i);
        }
    }
    return best;
}

QString EmbeddingView::describePoint(int index) const {
    if (index < 0 || static_cast<std::size_t>(index) >= points_.size()) return {};
    const EmbeddingPoint& p = points_[static_cast<std::size_t>(index)];
    auto className = [&](int c) { return c < classNames_.size() ? classNames_[c] : tr("class %1").arg(c); };
    QStringList lines;
    lines << tr("Record: %1").arg(p.record);
    lines << tr("Label: %1").arg(p.label >= 0 ? className(p.label) : tr("unknown"));
    if (!std::isnan(p.probability))
        lines << tr("P(%1) = %2").arg(classNames_.size() > 1 ? classNames_[1] : tr("positive")).arg(localNumber(p.probability));
    if (p.predicted >= 0) lines << tr("Predicted: %1").arg(className(p.predicted));
    if (p.fold >= 0) lines << tr("Fold: %1").arg(foldNumber(p.fold));
    if (timesteps().size() > 1 || p.timestep != 0) lines << tr("Diffusion step t = %1").arg(p.timestep);
    return lines.join('\n');
}

void EmbeddingView::showNeighbours(int index) {
    neighbours_.clear();
    focus_ = -1;
    if (index >= 0 && static_cast<std::size_t>(index) < points_.size() && dims_ > 0) {
        focus_ = index;
        const auto d = static_cast<std::size_t>(dims_);
        const double* a = &values_[static_cast<std::size_t>(index) * d];
        std::vector<std::pair<double, int>> dist;
        for (std::size_t j = 0; j < points_.size(); ++j) {
            if (static_cast<int>(j) == index || !isShown(static_cast<int>(j))) continue;
            const double* b = &values_[j * d];
            double s = 0;
            for (std::size_t c = 0; c < d; ++c) s += (a[c] - b[c]) * (a[c] - b[c]);
            dist.push_back({s, static_cast<int>(j)});
        }
        const std::size_t k = std::min<std::size_t>(static_cast<std::size_t>(neighbourCount()), dist.size());
        std::partial_sort(dist.begin(), dist.begin() + static_cast<std::ptrdiff_t>(k), dist.end());
        for (std::size_t q = 0; q < k; ++q) neighbours_ << dist[q].second;
        status_->setText(tr("%1 nearest neighbours of %2 (in the %3-dimensional embedding) ringed")
                             .arg(k).arg(points_[static_cast<std::size_t>(index)].record).arg(dims_));
    } else {
        status_->setText(statusText());
    }
    refreshOverlays();
    plot_->replot();
}

void EmbeddingView::onMouseMove(QMouseEvent* event) {
    if (lassoMove(event)) return;
    if (event->buttons() != Qt::NoButton) {
        if (pressed_ && !selectMode() && (event->position() - pressPos_).manhattanLength() > 3) autoFit_ = false;
        return;
    }
    const int i = pointAt(event->position());
    if (i < 0) QToolTip::hideText();
    else QToolTip::showText(event->globalPosition().toPoint(), describePoint(i), plot_);
}

void EmbeddingView::onMousePress(QMouseEvent* event) {
    pressed_ = event->button() == Qt::LeftButton;
    pressPos_ = event->position();
    lassoPress(event);
}

void EmbeddingView::onMouseRelease(QMouseEvent* event) {
    if (!pressed_ || event->button() != Qt::LeftButton) return;
    pressed_ = false;
    if (lassoRelease(event)) return;
    if ((event->position() - pressPos_).manhattanLength() > 3) return;  // a drag, not a click
    const int i = pointAt(event->position());
    showNeighbours(i);
    if (i >= 0) Q_EMIT recordActivated(points_[static_cast<std::size_t>(i)].record);
}

void EmbeddingView::showContextMenu(const QPoint& pos) {
    QMenu menu(this);
    addPlotExportAction(&menu, plot_, QStringLiteral("embedding"));
    menu.addAction(tr("Export layout as CSV…"), this, &EmbeddingView::exportLayoutInteractive)->setEnabled(!layout_.empty());
    menu.addSeparator();
    menu.addAction(tr("Clear selection"), this, [this] {
        selected_.clear();
        refreshOverlays();
        plot_->replot();
        Q_EMIT selectionChanged({});
    })->setEnabled(!selected_.isEmpty());
    menu.addAction(tr("Clear neighbours"), this, [this] { showNeighbours(-1); })->setEnabled(focus_ >= 0);
    menu.exec(plot_->mapToGlobal(pos));
}

bool EmbeddingView::exportLayoutCsv(const QString& path, QString* error) const {
    return writeEmbeddingLayoutCsv(path, points_, layout_, classNames_, error);
}

void EmbeddingView::exportLayoutInteractive() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export layout"), QStringLiteral("embedding-layout.csv"),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportLayoutCsv(path, &error)) QMessageBox::warning(this, tr("Export layout"), error);
}

}  // namespace dacl::ui
