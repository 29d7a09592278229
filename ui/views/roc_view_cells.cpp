// RocView's drill-down: the records behind one confusion-matrix cell at the current threshold.
#include "ui/views/roc_view.h"

#include "ui/views/record_list_panel.h"

#include <QLocale>

#include <algorithm>
#include <numeric>

namespace dacl::ui {

namespace {

bool inCell(RocView::Cell cell, int label, bool predictedPositive) {
    switch (cell) {
    case RocView::Cell::TruePositive: return label == 1 && predictedPositive;
    case RocView::Cell::FalseNegative: return label == 1 && !predictedPositive;
    case RocView::Cell::FalsePositive: return label != 1 && predictedPositive;
    case RocView::Cell::TrueNegative: return label != 1 && !predictedPositive;
    }
    return false;
}

bool predictsPositive(RocView::Cell cell) {
    return cell == RocView::Cell::TruePositive || cell == RocView::Cell::FalsePositive;
}

// Indices of the active curve's records in `cell`, furthest from the threshold first (for the
// error cells: the most confident mistakes).
std::vector<std::size_t> cellMembers(const RocCurveSet& c, RocView::Cell cell, double threshold) {
    std::vector<std::size_t> out;
    if (c.records.size() != c.scores.size()) return out;  // stored ROC points only
    for (std::size_t i = 0; i < c.scores.size(); ++i)  // score >= threshold is positive, as in statsAt
        if (inCell(cell, c.labels[i], c.scores[i] >= threshold)) out.push_back(i);
    const bool high = predictsPositive(cell);
    std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
        return high ? c.scores[a] > c.scores[b] : c.scores[a] < c.scores[b];
    });
    return out;
}

}  // namespace

QStringList RocView::recordsIn(Cell cell) const {
    QStringList out;
    if (!stats_ || active_ < 0) return out;
    const RocCurveSet& c = curves_[static_cast<std::size_t>(active_)];
    for (std::size_t i : cellMembers(c, cell, threshold_)) out << c.records[i];
    return out;
}

void RocView::showCellRecords(Cell cell) {
    shownCell_ = cell;
    fillCellList();
}

void RocView::fillCellList() {
    if (!shownCell_) return;
    const Cell cell = *shownCell_;
    static const char* const kNames[] = {QT_TR_NOOP("true positives"), QT_TR_NOOP("false negatives"),
                                         QT_TR_NOOP("false positives"), QT_TR_NOOP("true negatives")};
    const QString name = tr(kNames[static_cast<int>(cell)]);
    cellList_->setVisible(true);
    if (!stats_ || active_ < 0) {
        cellList_->setRows(tr("No operating point: no %1 to list").arg(name), {});
        return;
    }
    const RocCurveSet& c = curves_[static_cast<std::size_t>(active_)];
    const QString positive = tr("positive"), negative = tr("negative");
    QVector<RecordListRow> rows;
    for (std::size_t i : cellMembers(c, cell, threshold_))
        rows.push_back({c.records[i], c.labels[i] == 1 ? positive : negative,
                        predictsPositive(cell) ? positive : negative, c.scores[i]});
    const int n = static_cast<int>(rows.size());
    cellList_->setRows(tr("%1 %2 (%3) at threshold %4")
                           .arg(QLocale().toString(n), name, c.runName + QStringLiteral(" · ") + c.curveLabel(),
                                QLocale().toString(threshold_, 'f', 4)),
                       std::move(rows));
}

}  // namespace dacl::ui
