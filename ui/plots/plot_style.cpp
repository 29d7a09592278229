#include "ui/plots/plot_style.h"

#include "ui/plots/custom_plot.h"

#include <QApplication>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace dacl::ui {

namespace {

// A legend line without a plottable: "+ 12 more…", in grey, its text aligned with the entries' names.
class MoreLegendItem : public QCPAbstractLegendItem {
public:
    MoreLegendItem(QCPLegend* legend, const QString& text) : QCPAbstractLegendItem(legend), text_(text) {
        setTextColor(QColor(100, 100, 100));
    }
    QSize minimumOuterSizeHint() const override {
        const QSize icon = mParentLegend->iconSize();
        const QRect text = QFontMetrics(mFont).boundingRect(0, 0, 0, icon.height(), Qt::TextDontClip, text_);
        return {icon.width() + mParentLegend->iconTextPadding() + text.width() + mMargins.left() + mMargins.right(),
                std::max(text.height(), icon.height()) + mMargins.top() + mMargins.bottom()};
    }

protected:
    void draw(QCPPainter* painter) override {
        painter->setFont(mFont);
        painter->setPen(mTextColor);
        const int x = mRect.x() + mParentLegend->iconSize().width() + mParentLegend->iconTextPadding();
        painter->drawText(QRect(x, mRect.y(), mRect.right() - x, mRect.height()), Qt::AlignLeft | Qt::AlignVCenter, text_);
    }

private:
    QString text_;
};

}  // namespace

QFont plotFont(double points, bool pixelSized, bool bold) {
    // Reports use one fixed family so that they look the same on every machine; the screen keeps
    // the desktop's font.
    QFont f = pixelSized ? QFont(QStringLiteral("DejaVu Sans")) : QApplication::font();
    f.setStyleHint(QFont::SansSerif);
    // No ligatures, so that axis titles in exported PDF/SVG are searchable as typed ("specificity").
    f.setStyleStrategy(QFont::PreferNoShaping);
    if (pixelSized) f.setPixelSize(std::max(1, static_cast<int>(std::lround(points * 96.0 / 72.0))));
    else f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

void applyPlotStyle(QCustomPlot& plot, const PlotFonts& fonts) {
    const QFont tick = plotFont(fonts.tick, fonts.pixelSized);
    const QFont label = plotFont(fonts.label, fonts.pixelSized);
    const QPen axisPen(QColor(60, 60, 60), 1);
    const QPen gridPen(QColor(225, 225, 225), 1, Qt::SolidLine);
    plot.setBackground(Qt::white);
    for (QCPAxisRect* rect : plot.axisRects()) {
        for (QCPAxis* axis : rect->axes()) {
            axis->setTickLabelFont(tick);
            axis->setLabelFont(label);
            axis->setSelectedTickLabelFont(tick);
            axis->setSelectedLabelFont(label);
            axis->setBasePen(axisPen);
            axis->setTickPen(axisPen);
            axis->setSubTickPen(axisPen);
            axis->setTickLabelColor(QColor(30, 30, 30));
            axis->setLabelColor(QColor(30, 30, 30));
            axis->grid()->setPen(gridPen);
            axis->grid()->setZeroLinePen(gridPen);
        }
    }
    if (plot.legend) {
        plot.legend->setFont(plotFont(fonts.legend, fonts.pixelSized));
        plot.legend->setSelectedFont(plotFont(fonts.legend, fonts.pixelSized));
        plot.legend->setBorderPen(QPen(QColor(200, 200, 200)));
        plot.legend->setBrush(QColor(255, 255, 255, 230));
        for (int i = 0; i < plot.legend->itemCount(); ++i)
            if (auto* item = plot.legend->item(i)) item->setFont(plotFont(fonts.legend, fonts.pixelSized));
    }
}

int fillLegendWithin(QCustomPlot& plot, const QList<QCPAbstractPlottable*>& entries,
                     const QList<QCPAbstractPlottable*>& preferred, int maxHeight,
                     const std::function<QString(int)>& moreText) {
    QCPLegend* legend = plot.legend;
    if (!legend) return 0;
    auto height = [legend] { return legend->minimumOuterSizeHint().height(); };
    legend->clearItems();
    for (QCPAbstractPlottable* e : entries) legend->addItem(new QCPPlottableLegendItem(legend, e));
    if (height() <= maxHeight) return 0;

    // Too tall: keep what fits above the "more" line, preferred entries first.
    QList<QCPAbstractPlottable*> ranked;
    for (QCPAbstractPlottable* e : preferred)
        if (entries.contains(e)) ranked << e;
    for (QCPAbstractPlottable* e : entries)
        if (!ranked.contains(e)) ranked << e;
    legend->clearItems();
    legend->addItem(new MoreLegendItem(legend, moreText(static_cast<int>(entries.size()))));
    QSet<QCPAbstractPlottable*> kept;
    for (QCPAbstractPlottable* e : ranked) {
        legend->addItem(new QCPPlottableLegendItem(legend, e));
        if (height() > maxHeight) break;
        kept.insert(e);
    }
    // The kept entries in their own order, then the line for the rest.
    legend->clearItems();
    for (QCPAbstractPlottable* e : entries)
        if (kept.contains(e)) legend->addItem(new QCPPlottableLegendItem(legend, e));
    const int left = static_cast<int>(entries.size() - kept.size());
    legend->addItem(new MoreLegendItem(legend, moreText(left)));
    return left;
}

void setPlotTitle(QCustomPlot& plot, const QString& title, const PlotFonts& fonts) {
    QCPTextElement* element = nullptr;
    if (plot.plotLayout()->rowCount() > 1)
        element = qobject_cast<QCPTextElement*>(plot.plotLayout()->element(0, 0));
    if (!element) {
        plot.plotLayout()->insertRow(0);
        element = new QCPTextElement(&plot, title, plotFont(fonts.title, fonts.pixelSized, true));
        plot.plotLayout()->addElement(0, 0, element);
    }
    element->setText(title);
    element->setFont(plotFont(fonts.title, fonts.pixelSized, true));
}

void placeLegendRightOf(QCustomPlot& plot) {
    if (!plot.legend || !plot.axisRect()) return;
    plot.axisRect()->insetLayout()->take(plot.legend);
    // Legend on top, an empty element below it takes the rest of the height.
    auto* column = new QCPLayoutGrid;
    plot.plotLayout()->addElement(0, plot.plotLayout()->columnCount(), column);
    column->addElement(0, 0, plot.legend);
    column->addElement(1, 0, new QCPLayoutElement(&plot));
    column->setRowStretchFactor(0, 0.001);
    column->setMargins(QMargins(0, 6, 6, 6));
    plot.plotLayout()->setColumnStretchFactor(plot.plotLayout()->columnCount() - 1, 0.001);
    plot.legend->setVisible(true);
}

void placeLegendBelow(QCustomPlot& plot) {
    if (!plot.legend || !plot.axisRect()) return;
    plot.axisRect()->insetLayout()->take(plot.legend);
    // Empty elements left and right of the legend take the rest of the width.
    auto* row = new QCPLayoutGrid;
    const int r = plot.plotLayout()->rowCount();
    plot.plotLayout()->addElement(r, 0, row);
    row->addElement(0, 0, new QCPLayoutElement(&plot));
    row->addElement(0, 1, plot.legend);
    row->addElement(0, 2, new QCPLayoutElement(&plot));
    row->setColumnStretchFactor(1, 0.001);
    row->setMargins(QMargins(6, 0, 6, 6));
    plot.plotLayout()->setRowStretchFactor(r, 0.001);
    plot.legend->setVisible(true);
}

}  // namespace dacl::ui
