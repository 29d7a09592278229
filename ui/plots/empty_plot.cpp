#include "ui/plots/empty_plot.h"

#include "ui/plots/custom_plot.h"
#include "ui/plots/plot_style.h"

#include <QCoreApplication>

namespace dacl::ui {

namespace {
const QString kItemName = QStringLiteral("emptyPlotText");
const char* const kHiddenScale = "dacl.emptyPlotHidScale";  // set on the axes this file hid

// The axes that carry numbers: every axis rect's and colour scale's.
QList<QCPAxis*> scaleAxes(QCustomPlot& plot) {
    QList<QCPAxis*> axes;
    for (QCPAxisRect* r : plot.axisRects()) axes << r->axes();
    for (QCPLayoutElement* e : plot.plotLayout()->elements(true))
        if (auto* scale = qobject_cast<QCPColorScale*>(e)) axes << scale->axis();
    return axes;
}

// Without data, ticks and tick labels would show a scale nobody measured (QCustomPlot's default
// 0–5, or whatever range the view last had): hide them while the text is shown, and give back
// exactly the ones hidden here when it goes.
void hideScale(QCustomPlot& plot) {
    for (QCPAxis* axis : scaleAxes(plot)) {
        if (!axis || !axis->tickLabels() || axis->property(kHiddenScale).toBool()) continue;
        axis->setProperty(kHiddenScale, QVariant(axis->ticks() ? 2 : 1));
        axis->setTickLabels(false);
        axis->setTicks(false);
    }
}

void restoreScale(QCustomPlot& plot) {
    for (QCPAxis* axis : scaleAxes(plot)) {
        const int hidden = axis ? axis->property(kHiddenScale).toInt() : 0;
        if (hidden == 0) continue;
        axis->setTickLabels(true);
        axis->setTicks(hidden == 2);
        axis->setProperty(kHiddenScale, QVariant());
    }
}

QCPItemText* findText(const QCustomPlot& plot) {
    for (int i = 0; i < plot.itemCount(); ++i)
        if (auto* t = qobject_cast<QCPItemText*>(plot.item(i)); t && t->objectName() == kItemName) return t;
    return nullptr;
}
}  // namespace

void setEmptyPlotText(QCustomPlot& plot, const QString& text, QCPAxisRect* rect) {
    QCPItemText* item = findText(plot);
    // Restored even without the item: a view may have cleared the items before its data came.
    if (text.isEmpty()) restoreScale(plot);
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
    if (!text.isEmpty()) {
        hideScale(plot);
    }
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
