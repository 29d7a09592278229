// EmbeddingView's drill-down: the records of a selection (lasso or rectangle) listed beside the
// map, and the search box that finds a record's points and centres the map on them.
#include "ui/views/embedding_view.h"

#include "ui/plots/custom_plot.h"
#include "ui/views/record_list_panel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSet>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>

namespace dacl::ui {

void EmbeddingView::buildDrillDown(QHBoxLayout* bar, QVBoxLayout* layout) {
    searchBox_ = new QLineEdit(this);
    searchBox_->setObjectName(QStringLiteral("findRecord"));
    searchBox_->setPlaceholderText(tr("Find record…"));
    searchBox_->setClearButtonEnabled(true);
    searchBox_->setMinimumWidth(searchBox_->fontMetrics().horizontalAdvance(searchBox_->placeholderText()) + 40);
    searchBox_->setToolTip(tr("Type a record name and press Enter: its points are ringed and the map centred on them"));
    bar->insertWidget(bar->count() - 1, searchBox_);  // before the stretch
    connect(searchBox_, &QLineEdit::returnPressed, this, [this] { findRecord(searchBox_->text()); });

    searchGraph_ = plot_->addGraph();
    searchGraph_->setLayer(QStringLiteral("highlights"));
    searchGraph_->setLineStyle(QCPGraph::lsNone);
    searchGraph_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(0xCC, 0x79, 0xA7), 3.0), Qt::NoBrush, 18));
    searchGraph_->removeFromLegend();

    selectionList_ = new RecordListPanel(this);
    selectionList_->setVisible(false);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(plot_);
    split->addWidget(selectionList_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    layout->addWidget(split, 1);
    connect(this, &EmbeddingView::selectionChanged, this, &EmbeddingView::updateSelectionList);
    connect(selectionList_, &RecordListPanel::recordActivated, this, &EmbeddingView::recordActivated);
}

void EmbeddingView::updateSelectionList() {
    auto className = [&](int c) {
        return c < 0 ? QString() : c < classNames_.size() ? classNames_[c] : tr("class %1").arg(c);
    };
    QVector<RecordListRow> rows;
    QSet<QString> seen;
    for (int i : selected_) {
        const EmbeddingPoint& p = points_[static_cast<std::size_t>(i)];
        if (seen.contains(p.record)) continue;  // clean and noisy views of one record: one row
        seen.insert(p.record);
        rows.push_back({p.record, className(p.label), className(p.predicted), p.probability});
    }
    const int n = static_cast<int>(rows.size());
    selectionList_->setRows(tr("%n selected record(s)", nullptr, n), std::move(rows));
    if (n > 0 && selectionList_->isHidden()) {
        // The list appears beside the map at a quarter of the width; the map keeps the rest.
        auto* split = static_cast<QSplitter*>(selectionList_->parentWidget());
        selectionList_->show();
        const int w = std::max(split->width(), 400);
        split->setSizes({w - w / 4, w / 4});
    }
    selectionList_->setVisible(n > 0);
}

QVector<int> EmbeddingView::findRecord(const QString& name) {
    searchHits_.clear();
    const QString wanted = name.trimmed();
    QString record;
    for (const EmbeddingPoint& p : points_)
        if (!wanted.isEmpty() && p.record.compare(wanted, Qt::CaseInsensitive) == 0) {
            record = p.record;
            break;
        }
    if (record.isEmpty() && !wanted.isEmpty())
        for (const EmbeddingPoint& p : points_)
            if (p.record.contains(wanted, Qt::CaseInsensitive)) {
                record = p.record;
                break;
            }
    for (std::size_t i = 0; i < points_.size(); ++i)
        if (!record.isEmpty() && points_[i].record == record) searchHits_ << static_cast<int>(i);
    if (searchHits_.isEmpty()) {
        status_->setText(wanted.isEmpty() ? statusText() : tr("No mapped record matches “%1”").arg(wanted));
        refreshOverlays();
        plot_->replot();
        return {};
    }
    // A record whose views are all hidden: show the view of its first point.
    bool anyShown = false;
    for (int i : searchHits_) anyShown = anyShown || isShown(i);
    if (!anyShown) {
        QList<int> shown = shownTimesteps_;
        shown << points_[static_cast<std::size_t>(searchHits_.first())].timestep;
        const QVector<int> hits = searchHits_;
        setShownTimesteps(shown);
        searchHits_ = hits;
    }
    refreshOverlays();
    if (layout_.size() == 2 * points_.size()) {
        autoFit_ = false;  // a running t-SNE must not move the found record out of the centre
        const auto first = static_cast<std::size_t>(searchHits_.first());
        plot_->xAxis->setRange(layout_[2 * first], plot_->xAxis->range().size(), Qt::AlignCenter);
        plot_->yAxis->setRange(layout_[2 * first + 1], plot_->yAxis->range().size(), Qt::AlignCenter);
        status_->setText(tr("%1: %n point(s) ringed", nullptr, static_cast<int>(searchHits_.size())).arg(record));
    } else {
        status_->setText(tr("%1 is mapped, but there is no layout yet: run the map").arg(record));
    }
    plot_->replot();
    return searchHits_;
}

}  // namespace dacl::ui
