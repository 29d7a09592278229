#include "ui/plots/ecg_paper.h"

namespace dacl::ui::ecgpaper {

QColor paperColour() { return QColor(255, 250, 246); }
QColor minorLineColour() { return QColor(246, 196, 196); }
QColor majorLineColour() { return QColor(222, 112, 112); }
QColor traceColour() { return QColor(20, 20, 20); }

void makeGridAxis(QCPAxis* axis, const QSharedPointer<PaperTicker>& ticker) {
    axis->setTicker(ticker);
    // QCustomPlot computes no ticks (so no grid) for a hidden axis: keep it visible but empty,
    // taking no margin.
    axis->setVisible(true);
    axis->setTicks(false);
    axis->setTickLabels(false);
    axis->setTickLength(0, 0);
    axis->setSubTickLength(0, 0);
    axis->setBasePen(Qt::NoPen);
    axis->setPadding(0);
    axis->setLabelPadding(0);
    axis->setLabel(QString());
    axis->grid()->setVisible(true);
    axis->grid()->setSubGridVisible(true);
    axis->grid()->setPen(QPen(majorLineColour(), 1.0));
    axis->grid()->setSubGridPen(QPen(minorLineColour(), 1.0));
    axis->grid()->setZeroLinePen(QPen(majorLineColour(), 1.0));
    axis->grid()->setAntialiased(false);
    axis->grid()->setAntialiasedSubGrid(false);
}

}  // namespace dacl::ui::ecgpaper
