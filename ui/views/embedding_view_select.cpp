// EmbeddingView's selection tool: a free-form lasso (the default: t-SNE clusters are rarely
// rectangles) or a rectangle, drawn with the left button while "Select" is on (otherwise dragging
// pans). Shift adds to the selection. The outline is drawn while dragging on a layer of its own,
// so that a long drag over thousands of points repaints only the outline.
#include "ui/views/embedding_view.h"

#include "ui/plots/custom_plot.h"

#include <QActionGroup>
#include <QMenu>
#include <QMouseEvent>
#include <QSet>
#include <QToolButton>

#include <algorithm>

namespace dacl::ui {

namespace {
const QString kLassoLayer = QStringLiteral("lasso");
constexpr double kMinVertexStepPx = 2;  // a new outline vertex every 2 px of mouse travel
}  // namespace

void EmbeddingView::buildSelectTool() {
    selectButton_ = new QToolButton(this);
    selectButton_->setCheckable(true);
    selectButton_->setPopupMode(QToolButton::MenuButtonPopup);  // the arrow picks the shape
    auto* menu = new QMenu(selectButton_);
    auto* shapes = new QActionGroup(menu);
    lassoAction_ = menu->addAction(tr("Lasso (free-form outline)"));
    rectangleAction_ = menu->addAction(tr("Rectangle"));
    for (QAction* a : {lassoAction_, rectangleAction_}) {
        a->setCheckable(true);
        shapes->addAction(a);
    }
    lassoAction_->setChecked(true);
    selectButton_->setMenu(menu);
    connect(selectButton_, &QToolButton::toggled, this, [this](bool on) { setSelectMode(on); });
    connect(lassoAction_, &QAction::triggered, this, [this] { setSelectShape(SelectShape::Lasso); });
    connect(rectangleAction_, &QAction::triggered, this, [this] { setSelectShape(SelectShape::Rectangle); });

    // The outline: a closed curve over everything but the legend, lightly filled.
    plot_->addLayer(kLassoLayer, plot_->layer(QStringLiteral("highlights")), QCustomPlot::limAbove);
    plot_->layer(kLassoLayer)->setMode(QCPLayer::lmBuffered);
    lassoCurve_ = new QCPCurve(plot_->xAxis, plot_->yAxis);
    lassoCurve_->setLayer(kLassoLayer);
    lassoCurve_->setPen(QPen(QColor(40, 40, 40), 1.2, Qt::DashLine));
    lassoCurve_->setBrush(QColor(0, 114, 178, 30));
    lassoCurve_->setScatterStyle(QCPScatterStyle::ssNone);
    lassoCurve_->removeFromLegend();
    lassoCurve_->setSelectable(QCP::stNone);
    updateSelectTool();
}

void EmbeddingView::updateSelectTool() {
    const bool lasso = selectShape_ == SelectShape::Lasso;
    lassoAction_->setChecked(lasso);
    rectangleAction_->setChecked(!lasso);
    selectButton_->setText(lasso ? tr("Lasso") : tr("Rectangle"));
    selectButton_->setToolTip(lasso ? tr("Select: draw a free-form outline around records (Shift adds to the selection; "
                                         "otherwise dragging pans). The arrow chooses lasso or rectangle.")
                                    : tr("Select: drag a rectangle around records (Shift adds to the selection; "
                                         "otherwise dragging pans). The arrow chooses lasso or rectangle."));
    const bool on = selectMode();
    // The rectangle is QCustomPlot's own selection rect; the lasso follows the mouse itself, with
    // panning off (zooming stays).
    plot_->setSelectionRectMode(on && !lasso ? QCP::srmCustom : QCP::srmNone);
    plot_->setInteraction(QCP::iRangeDrag, !(on && lasso));
}

void EmbeddingView::setSelectMode(bool on) {
    if (selectButton_->isChecked() != on) selectButton_->setChecked(on);  // re-enters through the signal
    endLasso();
    updateSelectTool();
}

bool EmbeddingView::selectMode() const { return selectButton_->isChecked(); }

void EmbeddingView::setSelectShape(SelectShape shape) {
    selectShape_ = shape;
    endLasso();
    updateSelectTool();
}

// ---------------------------------------------------------------- the lasso drag

bool EmbeddingView::lassoPress(QMouseEvent* event) {
    if (!selectMode() || selectShape_ != SelectShape::Lasso || event->button() != Qt::LeftButton) return false;
    lassoPixels_ = QPolygonF{event->position()};
    lassoing_ = true;
    return true;
}

bool EmbeddingView::lassoMove(QMouseEvent* event) {
    if (!lassoing_) return false;
    const QPointF p = event->position();
    if (QLineF(lassoPixels_.back(), p).length() < kMinVertexStepPx) return true;
    lassoPixels_ << p;
    const QPolygonF outline = lassoOutline();
    QVector<double> t, x, y;
    for (int i = 0; i <= outline.size(); ++i) {  // closed: back to the first vertex
        const QPointF& v = outline[i % outline.size()];
        t << i;
        x << v.x();
        y << v.y();
    }
    lassoCurve_->setData(t, x, y, true);
    plot_->layer(kLassoLayer)->replot();
    return true;
}

bool EmbeddingView::lassoRelease(QMouseEvent* event) {
    if (!lassoing_ || event->button() != Qt::LeftButton) return false;
    lassoPixels_ << event->position();
    const QPolygonF outline = lassoOutline();
    // A drag, not a click, once the outline spans a few pixels (a closed loop ends where it began).
    const QRectF extent = lassoPixels_.boundingRect();
    const bool drag = extent.width() + extent.height() > 6;
    endLasso();
    if (!drag) return false;  // a click: the point under it, as without the tool
    selectInPolygon(outline, event->modifiers().testFlag(Qt::ShiftModifier));
    return true;
}

void EmbeddingView::endLasso() {
    lassoing_ = false;
    lassoPixels_.clear();
    if (lassoCurve_ && !lassoCurve_->data()->isEmpty()) {
        lassoCurve_->data()->clear();
        plot_->layer(kLassoLayer)->replot();
    }
}

QPolygonF EmbeddingView::lassoOutline() const {
    QPolygonF out;
    for (const QPointF& p : lassoPixels_) out << QPointF(plot_->xAxis->pixelToCoord(p.x()), plot_->yAxis->pixelToCoord(p.y()));
    return out;
}

// ---------------------------------------------------------------- selecting

void EmbeddingView::selectInRect(const QRectF& plotRect, bool add) {
    QVector<int> hits;
    if (layout_.size() == 2 * points_.size())
        for (std::size_t i = 0; i < points_.size(); ++i) {
            if (!isShown(static_cast<int>(i))) continue;
            const double x = layout_[2 * i], y = layout_[2 * i + 1];
            if (x >= plotRect.left() && x <= plotRect.right() && y >= plotRect.top() && y <= plotRect.bottom())
                hits << static_cast<int>(i);
        }
    applySelection(hits, add);
}

void EmbeddingView::selectInPolygon(const QPolygonF& plotPolygon, bool add) {
    QVector<int> hits;
    const QRectF bounds = plotPolygon.boundingRect();
    if (plotPolygon.size() >= 3 && layout_.size() == 2 * points_.size())
        for (std::size_t i = 0; i < points_.size(); ++i) {
            if (!isShown(static_cast<int>(i))) continue;
            const QPointF p(layout_[2 * i], layout_[2 * i + 1]);
            // Winding rule: a loop drawn twice round a cluster still selects it.
            if (bounds.contains(p) && plotPolygon.containsPoint(p, Qt::WindingFill)) hits << static_cast<int>(i);
        }
    applySelection(hits, add);
}

void EmbeddingView::applySelection(const QVector<int>& hits, bool add) {
    if (!add) selected_.clear();
    for (int i : hits)
        if (!add || !selected_.contains(i)) selected_ << i;
    if (add) std::sort(selected_.begin(), selected_.end());  // records listed in point order
    refreshOverlays();
    plot_->replot();
    Q_EMIT selectionChanged(selectedRecords());
}

QStringList EmbeddingView::selectedRecords() const {
    QStringList out;
    QSet<QString> seen;
    for (int i : selected_) {
        const QString& r = points_[static_cast<std::size_t>(i)].record;
        if (!seen.contains(r)) {
            seen.insert(r);
            out << r;
        }
    }
    return out;
}

}  // namespace dacl::ui
