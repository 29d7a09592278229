#include "ui/views/roc_view.h"

#include "ui/loaders/store_thread.h"
#include "ui/plots/empty_plot.h"
#include "ui/plots/palette.h"
#include "ui/plots/plot_export.h"
#include "ui/plots/plot_style.h"

#include "ui/plots/custom_plot.h"
#include "ui/views/record_list_panel.h"
#include "ui/report/number_text.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QSlider>
#include <QSplitter>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace dacl::ui {

namespace {

constexpr int kSliderSteps = 1000;
constexpr double kGrabPixels = 14;  // how close a press must be to the marker to drag it
// The legend under the axes takes at most this share of the plot's height: with many runs it
// would otherwise push the curves out of the plot.
constexpr double kLegendShare = 0.35;

QString ratio(double v) { return localNumber(v, 3, QObject::tr("n/a")); }

QString aurocText(const RocCurveSet& c) {
    QString s = QObject::tr("AUROC %1").arg(ratio(c.auroc));
    if (std::isfinite(c.ciLow) && std::isfinite(c.ciHigh))
        s += QLatin1Char(' ') + localInterval(c.ciLow, c.ciHigh);
    return s;
}

QString curveName(const RocCurveSet& c) {
    return QStringLiteral("%1 %2, %3").arg(c.runId).arg(c.runName, c.curveLabel());
}

Qt::PenStyle foldStyle(const RocCurveSet& c) {
    static const Qt::PenStyle styles[] = {Qt::DashLine, Qt::DotLine, Qt::DashDotLine, Qt::DashDotDotLine};
    return c.fold ? styles[*c.fold % 4] : Qt::SolidLine;
}

// Where the operating point starts for a newly shown run: the active curve's validation
// threshold, else the mean of its run's fold thresholds (a run whose folds are stored but not yet
// summarised), else 0.5 (challenge4 predicts the most probable class); never the threshold the
// previous run was left at.
double startThreshold(const std::vector<RocCurveSet>& curves, std::size_t active) {
    if (std::isfinite(curves[active].storedThreshold)) return curves[active].storedThreshold;
    double sum = 0;
    int n = 0;
    for (const RocCurveSet& c : curves)
        if (c.runId == curves[active].runId && c.fold && std::isfinite(c.storedThreshold)) {
            sum += c.storedThreshold;
            ++n;
        }
    return n > 0 ? sum / n : 0.5;
}

void styleAxes(QCustomPlot* plot, const QString& x, const QString& y) {
    plot->xAxis->setLabel(x);
    plot->yAxis->setLabel(y);
    plot->xAxis->setRange(-0.02, 1.02);
    plot->yAxis->setRange(-0.02, 1.02);
    plot->legend->setVisible(true);
}

}  // namespace

RocView::RocView(QWidget* parent) : QWidget(parent) {
    store_ = new StoreThread(this);

    tree_ = new QTreeWidget(this);
    tree_->setHeaderLabel(tr("Curves"));
    tree_->setMinimumWidth(200);
    // A long run name scrolls sideways instead of being cut off with "…".
    tree_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    tree_->header()->setStretchLastSection(false);

    roc_ = new QCustomPlot(this);
    pr_ = new QCustomPlot(this);
    for (QCustomPlot* p : {roc_, pr_}) {
        p->setMinimumSize(260, 240);
        p->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
        p->installEventFilter(this);
    }
    styleAxes(roc_, tr("False positive rate (1 − specificity)"), tr("True positive rate (sensitivity)"));
    styleAxes(pr_, tr("Recall (sensitivity)"), tr("Precision"));
    // Legends under the axes: inside they hid the curves' corners, where the operating points of
    // good models lie; entries carry intervals, too wide for a column beside a half-width plot.
    placeLegendBelow(*roc_);
    placeLegendBelow(*pr_);
    installPlotExportMenu(roc_, QStringLiteral("roc"));
    installPlotExportMenu(pr_, QStringLiteral("precision-recall"));

    activeChooser_ = new QComboBox(this);
    activeChooser_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    slider_ = new QSlider(Qt::Horizontal, this);
    slider_->setRange(0, kSliderSteps);
    spin_ = new QDoubleSpinBox(this);
    spin_->setDecimals(4);
    spin_->setSingleStep(0.01);
    spin_->setRange(0, 1);
    matrix_ = new QTableWidget(2, 2, this);
    matrix_->setHorizontalHeaderLabels({tr("Predicted positive"), tr("Predicted negative")});
    matrix_->setVerticalHeaderLabels({tr("Actual positive"), tr("Actual negative")});
    matrix_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    matrix_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    matrix_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    matrix_->setFixedHeight(matrix_->horizontalHeader()->sizeHint().height() + 2 * matrix_->verticalHeader()->defaultSectionSize() + 4);
    for (int r = 0; r < 2; ++r)
        for (int c = 0; c < 2; ++c) {
            auto* item = new QTableWidgetItem;
            item->setTextAlignment(Qt::AlignCenter);
            matrix_->setItem(r, c, item);
        }
    statsLabel_ = new QLabel(this);
    statsLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_ = new QLabel(this);

    auto* plots = new QSplitter(Qt::Horizontal, this);
    plots->addWidget(roc_);
    plots->addWidget(pr_);
    auto* thresholdRow = new QHBoxLayout;
    thresholdRow->addWidget(new QLabel(tr("Operating point of:"), this));
    thresholdRow->addWidget(activeChooser_);
    thresholdRow->addWidget(new QLabel(tr("Threshold:"), this));
    thresholdRow->addWidget(slider_, 1);
    thresholdRow->addWidget(spin_);
    auto* statsRow = new QHBoxLayout;
    statsRow->addWidget(matrix_, 1);
    statsRow->addWidget(statsLabel_, 1);
    auto* top = new QWidget(this);
    auto* rl = new QVBoxLayout(top);
    rl->setContentsMargins(0, 0, 0, 0);
    rl->addWidget(plots, 1);
    rl->addLayout(thresholdRow);
    rl->addLayout(statsRow);
    rl->addWidget(status_);
    // The records of a clicked matrix cell, under the curves (hidden until a cell is clicked).
    cellList_ = new RecordListPanel(this);
    cellList_->setVisible(false);
    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(top);
    right->addWidget(cellList_);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 1);
    right->setChildrenCollapsible(false);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(tree_);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(slider_, &QSlider::valueChanged, this, [this](int v) { setThreshold(sliderToThreshold(v)); });
    connect(spin_, &QDoubleSpinBox::valueChanged, this, [this](double v) { setThreshold(v); });
    connect(activeChooser_, &QComboBox::currentIndexChanged, this, [this] {
        setActiveCurve(activeChooser_->currentData().isValid() ? activeChooser_->currentData().toInt() : -1);
    });
    connect(tree_, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item, int) {
        const QVariant index = item->data(0, Qt::UserRole);
        if (index.isValid()) setCurveVisible(index.toInt(), item->checkState(0) == Qt::Checked);
    });
    matrix_->setToolTip(tr("Click a cell to list its records"));
    connect(matrix_, &QTableWidget::cellClicked, this, [this](int r, int c) {
        showCellRecords(r == 0 ? (c == 0 ? Cell::TruePositive : Cell::FalseNegative)
                               : (c == 0 ? Cell::FalsePositive : Cell::TrueNegative));
    });
    connect(cellList_, &RecordListPanel::recordActivated, this, [this](const QString& record) {
        if (active_ >= 0) Q_EMIT recordActivated(record, curves_[static_cast<std::size_t>(active_)].runId);
    });
    rebuild();  // empty plots with their markers, so that setThreshold works before setRuns
}

RocView::~RocView() = default;

void RocView::setResultsFile(const QString& path) {
    store_->setPath(path);
    if (!runIds_.isEmpty()) setRuns(runIds_);
}

void RocView::setRuns(const QList<qint64>& runIds) {
    runIds_ = runIds;
    const int ticket = requests_.next();
    lastError_.clear();  // an error belongs to the request that caused it
    if (runIds.isEmpty() || store_->path().isEmpty()) {
        curves_.clear();
        rebuild();
        Q_EMIT loaded();
        return;
    }
    status_->setText(tr("Loading curves…"));
    const std::vector<qint64> ids(runIds.begin(), runIds.end());
    store_->post(
        this, [ids](store::ResultsStore& st) { return loadRocCurves(st, ids); },
        [this, ticket](std::vector<RocCurveSet> curves) {
            if (!requests_.isLatest(ticket)) return;
            curves_ = std::move(curves);
            rebuild();
            Q_EMIT loaded();
        },
        [this, ticket](const QString& message) {
            if (!requests_.isLatest(ticket)) return;
            lastError_ = message;
            curves_.clear();
            rebuild();
            status_->setText(tr("Cannot show curves: %1").arg(message));
            Q_EMIT errorOccurred(message);
            Q_EMIT loaded();
        });
}

void RocView::rebuild() {
    for (QCustomPlot* p : {roc_, pr_}) {
        p->clearPlottables();
        p->clearItems();
    }
    rocItems_.assign(curves_.size(), nullptr);
    prItems_.assign(curves_.size(), nullptr);
    visible_.assign(curves_.size(), true);

    // The chance diagonal is a reference for curves: without any it would be the only line.
    auto* chance = new QCPItemStraightLine(roc_);
    chance->point1->setCoords(0, 0);
    chance->point2->setCoords(1, 1);
    chance->setPen(QPen(QColor(150, 150, 150), 1, Qt::DashLine));
    chance->setVisible(!curves_.empty());
    prBaseline_ = new QCPItemStraightLine(pr_);
    prBaseline_->setPen(QPen(QColor(150, 150, 150), 1, Qt::DashLine));
    prBaseline_->setVisible(false);

    // Colour per run, in the order the runs were given.
    std::map<qint64, int> runColour;
    for (int i = 0; i < runIds_.size(); ++i) runColour[runIds_[i]] = i;
    minThreshold_ = 0;
    maxThreshold_ = 1;
    for (std::size_t i = 0; i < curves_.size(); ++i) {
        const RocCurveSet& c = curves_[i];
        QPen pen(palette::colour(runColour[c.runId]), c.fold ? 1.3 : 2.2);
        pen.setStyle(foldStyle(c));
        auto* rc = new QCPCurve(roc_->xAxis, roc_->yAxis);
        QVector<double> t, x, y;
        for (std::size_t k = 0; k < c.roc.size(); ++k) {
            t << static_cast<double>(k);
            x << c.roc[k].fpr;
            y << c.roc[k].tpr;
        }
        rc->setData(t, x, y, true);
        rc->setPen(pen);
        rc->setName(curveName(c) + QStringLiteral(": ") + aurocText(c));
        rocItems_[i] = rc;
        if (c.fromPredictions && !c.pr.empty()) {
            auto* pc = new QCPCurve(pr_->xAxis, pr_->yAxis);
            t.clear();
            x.clear();
            y.clear();
            for (std::size_t k = 0; k < c.pr.size(); ++k) {
                t << static_cast<double>(k);
                x << c.pr[k].recall;
                y << c.pr[k].precision;
            }
            pc->setData(t, x, y, true);
            pc->setPen(pen);
            pc->setName(curveName(c) + QStringLiteral(": ") + tr("AP %1").arg(ratio(c.auprc)));
            prItems_[i] = pc;
        }
        for (double s : c.scores) {
            minThreshold_ = std::min(minThreshold_, s);
            maxThreshold_ = std::max(maxThreshold_, std::nextafter(s, std::numeric_limits<double>::infinity()));
        }
    }

    rocMarker_ = roc_->addGraph();
    prMarker_ = pr_->addGraph();
    for (QCPGraph* m : {rocMarker_, prMarker_}) {
        m->setName(tr("Operating point"));
        m->setLineStyle(QCPGraph::lsNone);
        m->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 2), QColor(255, 255, 255, 160), 12));
        m->removeFromLegend();
    }

    // Tree of toggles: run → its curves.
    {
        const QSignalBlocker block(tree_);
        tree_->clear();
        std::map<qint64, QTreeWidgetItem*> parents;
        for (std::size_t i = 0; i < curves_.size(); ++i) {
            const RocCurveSet& c = curves_[i];
            QTreeWidgetItem*& parent = parents[c.runId];
            if (!parent) {
                parent = new QTreeWidgetItem(tree_, {tr("Run %1 · %2").arg(c.runId).arg(c.runName)});
                parent->setToolTip(0, tr("Run %1 · %2 (%3)").arg(c.runId).arg(c.runName, c.task));
                parent->setFlags(parent->flags() | Qt::ItemIsAutoTristate | Qt::ItemIsUserCheckable);
                parent->setCheckState(0, Qt::Checked);
                parent->setForeground(0, palette::colour(runColour[c.runId]));
            }
            // The interval is in the tooltip and the legend: the tree stays narrow enough to read.
            auto* item = new QTreeWidgetItem(parent, {c.curveLabel() + QStringLiteral(" — ") + tr("AUROC %1").arg(ratio(c.auroc))});
            item->setToolTip(0, curveName(c) + QStringLiteral(": ") + aurocText(c) +
                                    (c.fromPredictions ? tr(", AP %1, %2 records").arg(ratio(c.auprc)).arg(c.scores.size())
                                                       : tr(" (stored ROC points only)")));
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(0, Qt::Checked);
            item->setData(0, Qt::UserRole, static_cast<int>(i));
        }
        tree_->expandAll();
    }

    // Active curve: the first pooled curve (all test records), else the first with predictions.
    int active = -1;
    for (std::size_t i = 0; i < curves_.size() && active < 0; ++i)
        if (!curves_[i].fold && curves_[i].fromPredictions) active = static_cast<int>(i);
    for (std::size_t i = 0; i < curves_.size() && active < 0; ++i)
        if (curves_[i].fromPredictions) active = static_cast<int>(i);
    {
        const QSignalBlocker block(activeChooser_);
        activeChooser_->clear();
        for (std::size_t i = 0; i < curves_.size(); ++i)
            if (curves_[i].fromPredictions) activeChooser_->addItem(curveName(curves_[i]), static_cast<int>(i));
        activeChooser_->setCurrentIndex(std::max(0, activeChooser_->findData(active)));
    }
    {
        const QSignalBlocker b1(spin_);
        spin_->setRange(minThreshold_, maxThreshold_);
    }
    const QString empty = !curves_.empty() ? QString()
                          : runIds_.isEmpty() ? tr("ROC and precision–recall curves of a run appear here.\n"
                                                   "Train a model (Training tab) or select runs in the Runs tab.")
                                              : tr("The selected runs have no test predictions yet.\n"
                                                   "They appear here once a run has tested a fold.");
    status_->setText(curves_.empty() ? (runIds_.isEmpty() ? tr("Select runs to see their ROC curves")
                                                         : tr("The selected runs have no test predictions yet"))
                                     : QString());
    for (QCustomPlot* p : {roc_, pr_}) {
        setEmptyPlotText(*p, empty);
        p->legend->setVisible(!curves_.empty());  // an empty legend is a frame around nothing
        applyPlotStyle(*p);
        updateLegend(p);
    }
    active_ = -1;
    setActiveCurve(active);
    setThreshold(active >= 0 ? startThreshold(curves_, static_cast<std::size_t>(active)) : threshold_);
    roc_->replot();
    pr_->replot();
}

int RocView::curveIndex(qint64 runId, std::optional<int> fold) const {
    for (std::size_t i = 0; i < curves_.size(); ++i)
        if (curves_[i].runId == runId && curves_[i].fold == fold) return static_cast<int>(i);
    return -1;
}

QCPCurve* RocView::rocCurveItem(int index) const {
    return index >= 0 && index < static_cast<int>(rocItems_.size()) ? rocItems_[static_cast<std::size_t>(index)] : nullptr;
}
QCPCurve* RocView::prCurveItem(int index) const {
    return index >= 0 && index < static_cast<int>(prItems_.size()) ? prItems_[static_cast<std::size_t>(index)] : nullptr;
}

void RocView::setActiveCurve(int index) {
    if (index >= static_cast<int>(curves_.size()) || (index >= 0 && !curves_[static_cast<std::size_t>(index)].fromPredictions))
        return;
    active_ = index;
    {
        const QSignalBlocker block(activeChooser_);
        activeChooser_->setCurrentIndex(std::max(0, activeChooser_->findData(index)));
    }
    updateOperatingPoint();
}

void RocView::setCurveVisible(int index, bool visible) {
    if (index < 0 || index >= static_cast<int>(curves_.size())) return;
    visible_[static_cast<std::size_t>(index)] = visible;
    for (std::size_t i = 0; i < curves_.size(); ++i)
        for (QCPCurve* c : {rocItems_[i], prItems_[i]})
            if (c) c->setVisible(visible_[i]);
    updateLegend(roc_);
    updateLegend(pr_);
    {
        const QSignalBlocker block(tree_);
        for (QTreeWidgetItemIterator it(tree_); *it; ++it)
            if ((*it)->data(0, Qt::UserRole).toInt() == index && (*it)->data(0, Qt::UserRole).isValid())
                (*it)->setCheckState(0, visible ? Qt::Checked : Qt::Unchecked);
    }
    updateOperatingPoint();
}

// The legend lists the visible curves in their original order, within its share of the plot's
// height; when they do not all fit, the runs' pooled curves are named first (the colours tell the
// runs apart), and one line counts the rest, which the Curves tree lists.
void RocView::updateLegend(QCustomPlot* plot) {
    const auto& items = plot == roc_ ? rocItems_ : prItems_;
    QList<QCPAbstractPlottable*> entries, pooled;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!items[i] || !visible_[i]) continue;
        entries << items[i];
        if (!curves_[i].fold) pooled << items[i];
    }
    fillLegendWithin(*plot, entries, pooled, static_cast<int>(kLegendShare * plot->height()),
                     [](int left) { return tr("+ %n more curve(s), listed under Curves", nullptr, left); });
}

bool RocView::isCurveVisible(int index) const {
    return index >= 0 && index < static_cast<int>(visible_.size()) && visible_[static_cast<std::size_t>(index)];
}

double RocView::sliderToThreshold(int v) const {
    return minThreshold_ + (maxThreshold_ - minThreshold_) * static_cast<double>(v) / kSliderSteps;
}

int RocView::thresholdToSlider(double t) const {
    if (maxThreshold_ <= minThreshold_) return 0;
    return static_cast<int>(std::lround((t - minThreshold_) / (maxThreshold_ - minThreshold_) * kSliderSteps));
}

void RocView::setThreshold(double threshold) {
    if (!std::isfinite(threshold)) threshold = threshold > 0 ? maxThreshold_ : minThreshold_;
    threshold = std::clamp(threshold, minThreshold_, maxThreshold_);
    const bool changed = threshold != threshold_;
    threshold_ = threshold;
    syncThresholdWidgets();
    updateOperatingPoint();
    if (changed) Q_EMIT thresholdChanged(threshold_);
}

void RocView::syncThresholdWidgets() {
    const QSignalBlocker b1(slider_), b2(spin_);
    slider_->setValue(thresholdToSlider(threshold_));
    spin_->setValue(threshold_);
}

void RocView::updateOperatingPoint() {
    stats_.reset();
    prBaseline_->setVisible(false);
    if (active_ >= 0 && visible_[static_cast<std::size_t>(active_)]) {
        const RocCurveSet& c = curves_[static_cast<std::size_t>(active_)];
        stats_ = eval::statsAt(c.scores, c.labels, threshold_);
        const double fpr = 1.0 - stats_->specificity, tpr = stats_->sensitivity;
        rocMarker_->setData(QVector<double>{fpr}, QVector<double>{tpr});
        if (std::isfinite(stats_->precision)) prMarker_->setData(QVector<double>{tpr}, QVector<double>{stats_->precision});
        else prMarker_->data()->clear();
        if (std::isfinite(c.prevalence)) {
            // No-skill precision: the share of positives.
            prBaseline_->point1->setCoords(0, c.prevalence);
            prBaseline_->point2->setCoords(1, c.prevalence);
            prBaseline_->setVisible(true);
        }
    } else {
        rocMarker_->data()->clear();
        prMarker_->data()->clear();
    }
    fillStats();
    fillCellList();  // the listed cell follows the threshold and the active curve
    roc_->replot();
    pr_->replot();
}

void RocView::fillStats() {
    auto setCell = [this](int r, int c, const QString& text) { matrix_->item(r, c)->setText(text); };
    if (!stats_) {
        for (int r = 0; r < 2; ++r)
            for (int c = 0; c < 2; ++c) setCell(r, c, QStringLiteral("–"));
        statsLabel_->setText(tr("No operating point: choose a curve with test predictions."));
        return;
    }
    const eval::BinaryStats& s = *stats_;
    setCell(0, 0, tr("TP %1").arg(s.tp));
    setCell(0, 1, tr("FN %1").arg(s.fn));
    setCell(1, 0, tr("FP %1").arg(s.fp));
    setCell(1, 1, tr("TN %1").arg(s.tn));
    statsLabel_->setText(tr("<b>Threshold %1</b> (score ≥ threshold is positive)<br>"
                            "Sensitivity %2 · Specificity %3<br>Precision %4 · F1 %5 · Accuracy %6<br>%7 records")
                             .arg(QLocale().toString(threshold_, 'f', 4), ratio(s.sensitivity), ratio(s.specificity),
                                  ratio(s.precision), ratio(s.f1), ratio(s.accuracy))
                             .arg(s.tp + s.fp + s.tn + s.fn));
}

bool RocView::eventFilter(QObject* watched, QEvent* event) {
    auto* plot = qobject_cast<QCustomPlot*>(watched);
    if (!plot || (plot != roc_ && plot != pr_)) return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto* me = static_cast<QMouseEvent*>(event);
        if (me->button() == Qt::LeftButton && dragMarker(me, true)) return true;
        break;
    }
    case QEvent::MouseMove:
        if (dragging_) {
            dragMarker(static_cast<QMouseEvent*>(event), false);
            return true;
        }
        break;
    case QEvent::Resize: updateLegend(plot); break;  // its share of the new height
    case QEvent::MouseButtonRelease:
        if (dragging_) {
            dragging_ = false;
            roc_->setInteraction(QCP::iRangeDrag, true);
            pr_->setInteraction(QCP::iRangeDrag, true);
            return true;
        }
        break;
    default: break;
    }
    return QWidget::eventFilter(watched, event);
}

// Press near the marker starts a drag; while dragging, the threshold becomes that of the curve
// point nearest to the pointer (on screen), so the marker slides along the active curve.
bool RocView::dragMarker(QMouseEvent* event, bool start) {
    if (active_ < 0 || !stats_) return false;
    QCustomPlot* target = nullptr;
    QPointF pos;
    for (QCustomPlot* p : {roc_, pr_}) {
        const QPointF local = p->mapFromGlobal(event->globalPosition());
        if (p->rect().contains(local.toPoint())) {
            target = p;
            pos = local;
        }
    }
    if (!target) return false;
    const RocCurveSet& c = curves_[static_cast<std::size_t>(active_)];
    QCPGraph* marker = target == roc_ ? rocMarker_ : prMarker_;
    if (start) {
        if (marker->data()->isEmpty()) return false;
        const auto it = marker->data()->constBegin();
        const QPointF m(target->xAxis->coordToPixel(it->key), target->yAxis->coordToPixel(it->value));
        if (QLineF(m, pos).length() > kGrabPixels) return false;
        dragging_ = true;
        target->setInteraction(QCP::iRangeDrag, false);
        return true;
    }
    double best = std::numeric_limits<double>::infinity();
    double threshold = threshold_;
    auto consider = [&](double x, double y, double t) {
        const double d = QLineF(QPointF(target->xAxis->coordToPixel(x), target->yAxis->coordToPixel(y)), pos).length();
        if (d < best) {
            best = d;
            threshold = t;
        }
    };
    if (target == roc_)
        for (const auto& p : c.roc) consider(p.fpr, p.tpr, p.threshold);
    else
        for (const auto& p : c.pr) consider(p.recall, p.precision, p.threshold);
    setThreshold(threshold);
    return true;
}

}  // namespace dacl::ui
