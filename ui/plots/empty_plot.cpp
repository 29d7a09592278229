#include "ui/plots/empty_plot.h"

#include "ui/plots/custom_plot.h"
#include "ui/plots/plot_style.h"

#include <QCoreApplication>

namespace dacl::ui {

namespace {
const QString kItemName = QStringLiteral("emptyPlotText");

QCPItemText* findText(const QCustomPlot& plot) {
    for (int i = 0; i < plot.itemCount(); ++i)
        if (auto* t = qobject_cast<QCPItemText*>(plot.item(i)); t && t->objectName() == kItemName) return t;
    return nullptr;
}
}  // namespace

void setEmptyPlotText(QCustomPlot& plot, const QString& text, QCPAxisRect* rect) {
    QCPItemText* item = findText(plot);
    if (!item) {
        if (text.isEmpty()) return;
        item = new QCPItemText(&plot);
        item->setObjectName(kItemName);
        item->setPositionAlignment(Qt::AlignCenter);
        item->setTextAlignment(Qt::AlignCenter);
        item->setColor(QColor(110, 110, 110));
        item->setFont(plotFont(10, false));
        item->setClipToAxisRect(false);
        item->setSelectable(false);
        item->setBrush(QColor(255, 255, 255, 220));  // readable over the grid
        item->setPadding(QMargins(6, 3, 6, 3));
    }
    QCPAxisRect* target = rect ? rect : plot.axisRect();
    // Small multiples (several axis rects): one text over all of them.
    item->position->setType(rect || plot.axisRectCount() <= 1 ? QCPItemPosition::ptAxisRectRatio
                                                               : QCPItemPosition::ptViewportRatio);
    item->position->setAxisRect(target);
    item->position->setCoords(0.5, 0.5);  // after the type: setType converts the coordinates
    item->setClipAxisRect(target);
    item->setText(text);
    item->setVisible(!text.isEmpty());
}

QString trainOrSelectRunHint() {
    return QCoreApplication::translate("dacl::ui::EmptyPlot", "Train a model (Training tab) or select a finished run in the Runs tab.");
}

QString selectRecordHint() { return QCoreApplication::translate("dacl::ui::EmptyPlot", "Select a record in the Dataset tab."); }

QString emptyPlotText(const QCustomPlot& plot) {
    const QCPItemText* item = findText(plot);
    return item && item->visible() ? item->text() : QString();
}

}  // namespace dacl::ui
