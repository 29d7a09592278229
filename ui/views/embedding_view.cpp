#include "ui/views/embedding_view.h"

#include "ui/loaders/thread_pools.h"

#include "core/common/progress.h"
#include "core/embed/tsne.h"
#include "ui/plots/palette.h"
#include "ui/plots/plot_export.h"
#include "ui/plots/plot_style.h"
#include "ui/report/fold_number.h"

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHash>
#include <QSet>
#include <QSignalBlocker>
#include <QLabel>
#include <QFormLayout>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWidgetAction>
#include "ui/plots/custom_plot.h"
#include "ui/report/number_text.h"

#include <algorithm>
#include <map>
#include <set>

namespace dacl::ui {

namespace {

constexpr int kSnapshotEvery = 5;      // iterations between live layouts (coalesced in the GUI)

}  // namespace

EmbeddingView::EmbeddingView(QWidget* parent)
    : QWidget(parent), layouts_(new EmbeddingLayoutController(this)), loader_(this, backgroundThreadPool()) {
    connect(layouts_, &EmbeddingLayoutController::snapshot, this, &EmbeddingView::takeSnapshot);
    connect(layouts_, &EmbeddingLayoutController::finished, this, &EmbeddingView::jobEnded);
    buildUi();
    updateFoldBox();
    updateControls();
}

EmbeddingView::~EmbeddingView() {
    layouts_->cancel(true);  // before the members its signals would touch are gone
}

void EmbeddingView::buildUi() {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    layout->addLayout(bar);

    foldBox_ = new QComboBox(this);  // items: updateFoldBox()
    foldBox_->setObjectName(QStringLiteral("foldBox"));
    // As wide as "Fold 10", not as its longest item: the toolbar is full at 1280 px in German.
    foldBox_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    foldBox_->setMinimumContentsLength(9);
    foldBox_->setToolTip(tr("Each fold trains its own encoder, so only the embeddings of one fold share a space: "
                            "map one fold at a time"));
    projectionBox_ = new QComboBox(this);
    projectionBox_->addItem(tr("t-SNE"));
    projectionBox_->addItem(tr("PCA"));
    projectionBox_->setToolTip(tr("Map of the embeddings: t-SNE (neighbourhoods) or PCA (linear projection)"));
    colourBox_ = new QComboBox(this);
    colourBox_->addItems({tr("Class"), tr("Prediction"), tr("Correctness"), tr("Fold"), tr("Timestep")});
    perplexityBox_ = new QDoubleSpinBox(this);
    perplexityBox_->setRange(2, 200);
    perplexityBox_->setDecimals(0);
    perplexityBox_->setValue(30);
    perplexityBox_->setToolTip(tr("t-SNE perplexity: the effective number of neighbours of each point"));
    iterationsBox_ = new QSpinBox(this);
    iterationsBox_->setRange(50, 20000);
    iterationsBox_->setSingleStep(250);
    iterationsBox_->setValue(1000);
    neighboursBox_ = new QSpinBox(this);
    neighboursBox_->setRange(1, 100);
    neighboursBox_->setValue(10);
    neighboursBox_->setToolTip(tr("Nearest neighbours (in the original embedding space) ringed when a point is clicked"));
    runButton_ = new QPushButton(tr("Run"), this);
    timestepButton_ = new QToolButton(this);
    timestepButton_->setText(tr("Views"));
    timestepButton_->setPopupMode(QToolButton::InstantPopup);
    timestepMenu_ = new QMenu(timestepButton_);
    timestepButton_->setMenu(timestepMenu_);
    auto* fitButton = new QToolButton(this);
    fitButton->setText(tr("Fit"));
    fitButton->setToolTip(tr("Zoom to all points and follow the layout while it runs"));
    auto* exportButton = new QToolButton(this);
    exportButton->setText(tr("Export"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto* exportMenu = new QMenu(exportButton);
    exportButton->setMenu(exportMenu);

    // The layout's parameters in a drop-down panel: the bar fits 1280 px in German with the
    // views, lasso, export and search controls beside them.
    auto* paramsButton = new QToolButton(this);
    paramsButton->setObjectName(QStringLiteral("layoutSettings"));
    paramsButton->setText(tr("Settings"));
    paramsButton->setToolTip(tr("t-SNE perplexity and iterations, and how many neighbours a click rings"));
    paramsButton->setPopupMode(QToolButton::InstantPopup);
    auto* paramsMenu = new QMenu(paramsButton);
    auto* params = new QWidget(paramsMenu);
    auto* paramsForm = new QFormLayout(params);
    paramsForm->addRow(tr("Perplexity:"), perplexityBox_);
    paramsForm->addRow(tr("Iterations:"), iterationsBox_);
    paramsForm->addRow(tr("Neighbours:"), neighboursBox_);
    auto* paramsAction = new QWidgetAction(paramsMenu);
    paramsAction->setDefaultWidget(params);
    paramsMenu->addAction(paramsAction);
    paramsButton->setMenu(paramsMenu);

    bar->addWidget(foldBox_);
    bar->addWidget(projectionBox_);
    bar->addWidget(new QLabel(tr("Colour:"), this));
    bar->addWidget(colourBox_);
    bar->addWidget(paramsButton);
    bar->addWidget(runButton_);
    bar->addWidget(timestepButton_);
    bar->addWidget(fitButton);
    bar->addWidget(exportButton);
    bar->addStretch(1);

    plot_ = new QCustomPlot(this);
    plot_->setMinimumSize(320, 240);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    // Smooth pan and zoom over ~10^4 points: no antialiasing while dragging.
    plot_->setNoAntialiasingOnDrag(true);
    plot_->xAxis->setLabel(tr("t-SNE 1"));
    plot_->yAxis->setLabel(tr("t-SNE 2"));
    applyPlotStyle(*plot_);
    placeLegendRightOf(*plot_);
    // Rings of the selection and neighbours above the points, below axes and legend.
    plot_->addLayer(QStringLiteral("highlights"), plot_->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    auto overlay = [&](QCPScatterStyle style) {
        QCPGraph* g = plot_->addGraph();
        g->setLayer(QStringLiteral("highlights"));
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(style);
        g->removeFromLegend();
        return g;
    };
    selectionGraph_ = overlay(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 1.0), Qt::NoBrush, 9));
    neighbourGraph_ = overlay(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 2.0), Qt::NoBrush, 12));
    focusGraph_ = overlay(QCPScatterStyle(QCPScatterStyle::ssCrossCircle, QPen(Qt::black, 2.0), Qt::NoBrush, 16));
    buildSelectTool();  // the Select button (lasso or rectangle) and the outline drawn while dragging
    bar->insertWidget(bar->indexOf(timestepButton_) + 1, selectButton_);
    showEmptyState();
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    buildDrillDown(bar, layout);  // the plot with the selected records beside it, the search box
    layout->addWidget(status_);

    connect(foldBox_, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0) setFold(foldBox_->itemData(i).toInt());
    });
    connect(projectionBox_, &QComboBox::currentIndexChanged, this,
            [this](int i) { setProjection(i == 1 ? Projection::Pca : Projection::Tsne); });
    connect(colourBox_, &QComboBox::currentIndexChanged, this, [this](int i) { setColourBy(static_cast<ColourBy>(i)); });
    connect(perplexityBox_, &QDoubleSpinBox::valueChanged, this, [this] { updateControls(); });
    connect(iterationsBox_, &QSpinBox::valueChanged, this, [this] { updateControls(); });
    connect(neighboursBox_, &QSpinBox::valueChanged, this, [this] {
        if (focus_ >= 0) showNeighbours(focus_);
    });
    connect(runButton_, &QPushButton::clicked, this, [this] {
        if (running_) pause();
        else run();
    });
    connect(fitButton, &QToolButton::clicked, this, [this] {
        autoFit_ = true;
        fitAxes();
        plot_->replot();
    });
    addPlotExportAction(exportMenu, plot_, QStringLiteral("embedding"));
    exportMenu->addAction(tr("Export layout as CSV…"), this, &EmbeddingView::exportLayoutInteractive);

    connect(plot_, &QCustomPlot::mouseMove, this, &EmbeddingView::onMouseMove);
    connect(plot_, &QCustomPlot::mousePress, this, &EmbeddingView::onMousePress);
    connect(plot_, &QCustomPlot::mouseRelease, this, &EmbeddingView::onMouseRelease);
    connect(plot_, &QCustomPlot::mouseWheel, this, [this] { autoFit_ = false; });
    connect(plot_->selectionRect(), &QCPSelectionRect::accepted, this, [this](const QRect& r, QMouseEvent* event) {
        const double x0 = plot_->xAxis->pixelToCoord(r.left()), x1 = plot_->xAxis->pixelToCoord(r.right());
        const double y0 = plot_->yAxis->pixelToCoord(r.bottom()), y1 = plot_->yAxis->pixelToCoord(r.top());
        selectInRect(QRectF(QPointF(std::min(x0, x1), std::min(y0, y1)), QPointF(std::max(x0, x1), std::max(y0, y1))),
                     event && event->modifiers().testFlag(Qt::ShiftModifier));
    });
    plot_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(plot_, &QWidget::customContextMenuRequested, this, &EmbeddingView::showContextMenu);
}

// ---------------------------------------------------------------- data

void EmbeddingView::setEmbeddings(std::vector<EmbeddingPoint> points, int dims, std::vector<double> values,
                                  QStringList classNames) {
    if (dims < 0 || values.size() != points.size() * static_cast<std::size_t>(std::max(dims, 0)))
        throw std::invalid_argument("EmbeddingView::setEmbeddings: values must hold points x dims numbers");
    loader_.drop();  // a pending loadRun no longer applies
    allPoints_ = std::move(points);
    dims_ = dims;
    allValues_ = std::move(values);
    classNames_ = std::move(classNames);
    std::set<int> folds;
    for (const auto& p : allPoints_)
        if (p.fold >= 0) folds.insert(p.fold);
    folds_ = QList<int>(folds.begin(), folds.end());
    // Distances are only meaningful within one fold's encoder: open on the lowest fold.
    fold_ = folds_.size() > 1 ? folds_.first() : -1;
    shownTimesteps_.clear();  // mapFold() chooses the default views of the new data
    updateFoldBox();
    mapFold();
}

void EmbeddingView::setFold(int fold) {
    if (fold != -1 && !folds_.contains(fold)) return;
    const int item = foldBox_->findData(fold);
    if (item >= 0 && foldBox_->currentIndex() != item) {
        foldBox_->setCurrentIndex(item);  // re-enters through the signal
        return;
    }
    if (fold == fold_) return;
    const bool hadSelection = !selected_.isEmpty();
    fold_ = fold;
    mapFold();
    if (hadSelection) Q_EMIT selectionChanged({});
}

// Takes the points of fold_ (all when -1) as the mapped set and starts over, as new data does.
void EmbeddingView::mapFold() {
    cancelJob(false);
    points_.clear();
    values_.clear();
    const auto d = static_cast<std::size_t>(dims_);
    for (std::size_t i = 0; i < allPoints_.size(); ++i) {
        if (fold_ >= 0 && allPoints_[i].fold != fold_) continue;
        points_.push_back(allPoints_[i]);
        const double* row = allValues_.data() + i * d;
        values_.insert(values_.end(), row, row + d);
    }
    layout_.clear();
    iteration_ = 0;
    kl_ = std::numeric_limits<double>::quiet_NaN();
    pcaText_.clear();
    resumable_ = false;
    selected_.clear();
    neighbours_.clear();
    searchHits_.clear();
    focus_ = -1;
    // The views shown stay when the new points have them. Else clean embeddings first; noisy
    // views (several per record) would crowd them out. The Views menu overlays any timestep.
    QList<int> shown;
    for (int t : timesteps())
        if (shownTimesteps_.contains(t)) shown << t;
    shownTimesteps_ = !shown.isEmpty() ? shown : timesteps().contains(0) ? QList<int>{0} : timesteps();
    autoFit_ = true;
    updateTimestepMenu();
    rebuildGroups();
    refreshOverlays();
    plot_->replot();
    updateControls();
    maybeAutoRun();
}

void EmbeddingView::maybeAutoRun() {
    autoRunPending_ = false;
    if (!autoRun_ || points_.size() < 2) return;
    if (isVisible()) run();
    else autoRunPending_ = true;
}

void EmbeddingView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (autoRunPending_) maybeAutoRun();
}

void EmbeddingView::loadRun(const QString& dbPath, qint64 runId) {
    status_->setText(tr("Loading embeddings of run %1…").arg(runId));
    loader_.start(
        [dbPath, runId] {
            RunEmbeddings result;
            try {
                result = readRunEmbeddings(dbPath, runId);
            } catch (const std::exception& e) {
                result.error = QString::fromUtf8(e.what());
            }
            return result;
        },
        [this, dbPath, runId](RunEmbeddings result) {
            if (!result.error.isEmpty()) {
                status_->setText(result.error);
                Q_EMIT loadFailed(dbPath, result.error);
                return;
            }
            if (result.points.empty()) {
                const QString reason = tr("run %1 has no record embeddings").arg(runId);
                clear();
                status_->setText(reason);
                Q_EMIT loadFailed(dbPath, reason);
                return;
            }
            const int n = static_cast<int>(result.points.size());
            setEmbeddings(std::move(result.points), result.dims, std::move(result.values), std::move(result.classNames));
            Q_EMIT loaded(n);
        });
}

void EmbeddingView::clear() { setEmbeddings({}, 0, {}); }

QList<int> EmbeddingView::timesteps() const {
    std::set<int> t;
    for (const auto& p : points_) t.insert(p.timestep);
    return QList<int>(t.begin(), t.end());
}

void EmbeddingView::setShownTimesteps(const QList<int>& timesteps) {
    shownTimesteps_.clear();
    for (int t : this->timesteps())
        if (timesteps.contains(t)) shownTimesteps_ << t;
    selected_.erase(std::remove_if(selected_.begin(), selected_.end(), [&](int i) { return !isShown(i); }), selected_.end());
    updateTimestepMenu();
    rebuildGroups();
    refreshOverlays();
    plot_->replot();
}

bool EmbeddingView::isShown(int index) const { return shownTimesteps_.contains(points_[static_cast<std::size_t>(index)].timestep); }

void EmbeddingView::setLayout(std::vector<double> xy) {
    if (xy.size() != 2 * points_.size()) throw std::invalid_argument("EmbeddingView::setLayout: need points x 2 values");
    cancelJob(false);
    layout_ = std::move(xy);
    iteration_ = 0;
    kl_ = std::numeric_limits<double>::quiet_NaN();
    resumable_ = false;
    autoFit_ = true;
    rebuildGroups();
    refreshOverlays();
    fitAxes();
    plot_->replot();
    updateControls();
}

// ---------------------------------------------------------------- controls

void EmbeddingView::setProjection(Projection p) {
    if (projectionBox_->currentIndex() != (p == Projection::Pca ? 1 : 0)) {
        projectionBox_->setCurrentIndex(p == Projection::Pca ? 1 : 0);  // re-enters through the signal
        return;
    }
    if (p == projection_) return;
    projection_ = p;
    cancelJob(false);
    resumable_ = false;
    plot_->xAxis->setLabel(p == Projection::Pca ? tr("PC 1") : tr("t-SNE 1"));
    plot_->yAxis->setLabel(p == Projection::Pca ? tr("PC 2") : tr("t-SNE 2"));
    updateControls();
    plot_->replot();
    maybeAutoRun();
}

void EmbeddingView::setColourBy(ColourBy c) {
    if (colourBox_->currentIndex() != static_cast<int>(c)) {
        colourBox_->setCurrentIndex(static_cast<int>(c));
        return;
    }
    colourBy_ = c;
    rebuildGroups();
    plot_->replot();
}

void EmbeddingView::setPerplexity(double p) { perplexityBox_->setValue(p); }
double EmbeddingView::perplexity() const { return perplexityBox_->value(); }
void EmbeddingView::setIterations(int iterations) { iterationsBox_->setValue(iterations); }
int EmbeddingView::iterations() const { return iterationsBox_->value(); }
void EmbeddingView::setNeighbourCount(int k) { neighboursBox_->setValue(k); }
int EmbeddingView::neighbourCount() const { return neighboursBox_->value(); }


void EmbeddingView::updateControls() {
    const bool tsne = projection_ == Projection::Tsne;
    perplexityBox_->setEnabled(tsne);
    iterationsBox_->setEnabled(tsne);
    if (resumable_ && tsne && perplexity() != layoutPerplexity_) resumable_ = false;
    runButton_->setText(running_ ? tr("Pause") : resumable_ && iteration_ < iterations() ? tr("Resume") : tr("Run"));
    runButton_->setEnabled(points_.size() >= 2);
    status_->setText(statusText());
}

QString EmbeddingView::statusText() const {
    if (points_.empty()) return tr("No embeddings");
    QString head = tr("%n point(s)", nullptr, static_cast<int>(points_.size()));
    // Which encoder's space the map shows.
    if (folds_.size() > 1)
        head += QStringLiteral(" · ") +
                (fold_ >= 0 ? tr("fold %1 of %2").arg(foldNumber(fold_)).arg(folds_.size())
                            : tr("all %1 folds (separate encoders)").arg(folds_.size()));
    if (projection_ == Projection::Pca) return pcaText_.isEmpty() ? head : head + QStringLiteral(" · ") + pcaText_;
    if (layout_.empty()) return running_ ? head + QStringLiteral(" · ") + tr("t-SNE: neighbours and affinities…") : head;
    const QString kl = std::isnan(kl_) ? QString() : QStringLiteral(" · KL %1").arg(localNumber(kl_));
    if (running_) return head + QStringLiteral(" · ") + tr("t-SNE: iteration %1 / %2").arg(iteration_).arg(iterations()) + kl;
    if (resumable_) return head + QStringLiteral(" · ") + tr("t-SNE paused at iteration %1").arg(iteration_) + kl;
    return head + QStringLiteral(" · ") + tr("t-SNE: %1 iterations").arg(iteration_) + kl;
}

void EmbeddingView::updateFoldBox() {
    const QSignalBlocker block(foldBox_);
    foldBox_->clear();
    for (int f : folds_) foldBox_->addItem(tr("Fold %1").arg(foldNumber(f)), f);
    foldBox_->addItem(tr("All folds (separate encoders)"), -1);
    foldBox_->setCurrentIndex(foldBox_->findData(fold_));
    foldBox_->setVisible(folds_.size() > 1);  // one fold or none known: nothing to choose
}

void EmbeddingView::updateTimestepMenu() {
    timestepMenu_->clear();
    const QList<int> all = timesteps();
    for (int t : all) {
        QAction* a = timestepMenu_->addAction(t == 0 ? tr("t = 0 (clean)") : tr("t = %1 (noisy view)").arg(t));
        a->setCheckable(true);
        a->setChecked(shownTimesteps_.contains(t));
        connect(a, &QAction::toggled, this, [this, t](bool on) {
            QList<int> shown = shownTimesteps_;
            if (on && !shown.contains(t)) shown << t;
            if (!on) shown.removeAll(t);
            setShownTimesteps(shown);
        });
    }
    timestepButton_->setEnabled(all.size() > 1);
    timestepButton_->setToolTip(all.size() > 1
                                    ? tr("Show or hide the embeddings of noisy views z_t over the clean ones")
                                    : tr("These embeddings hold one view only (t = %1): no noisy views to overlay")
                                          .arg(all.isEmpty() ? 0 : all.first()));
}

// ---------------------------------------------------------------- computation

void EmbeddingView::run() {
    if (running_ || points_.size() < 2) return;
    startJob(resumable_ && projection_ == Projection::Tsne && !layout_.empty() && iteration_ < iterations());
}

void EmbeddingView::pause() {
    if (running_) layouts_->pause();
}

void EmbeddingView::cancelJob(bool wait) {
    layouts_->cancel(wait);
    setRunning(false);
}

void EmbeddingView::setRunning(bool running) {
    if (running_ == running) return;
    running_ = running;
    updateControls();
    Q_EMIT runningChanged(running);
}

void EmbeddingView::startJob(bool resume) {
    const std::size_t n = points_.size();
    embed::TsneSettings s;
    // Perplexity must stay below the number of points; small inputs get (n - 1) / 3.
    s.perplexity = std::min(perplexity(), std::max(1.0, (static_cast<double>(n) - 1.0) / 3.0));
    s.iterations = iterations();
    s.snapshotEvery = kSnapshotEvery;
    s.threads = 0;
    if (resume) {
        s.initialXy = layout_;
        s.startIteration = iteration_;
    } else {
        iteration_ = 0;
        kl_ = std::numeric_limits<double>::quiet_NaN();
        autoFit_ = true;
    }
    runTsne_ = projection_ == Projection::Tsne;
    runIterations_ = s.iterations;
    layoutPerplexity_ = perplexity();
    resumable_ = false;
    layouts_->start(runTsne_, values_, n, static_cast<std::size_t>(dims_), s);
    setRunning(true);
    updateControls();
}

void EmbeddingView::takeSnapshot(const EmbeddingLayoutUpdate& update) {
    if (update.xy.size() != 2 * points_.size()) return;
    layout_ = update.xy;
    iteration_ = update.iteration;
    kl_ = update.kl;
    if (groups_.empty()) rebuildGroups();
    else {
        for (Group& g : groups_) {
            QVector<double> x, y;
            x.reserve(static_cast<int>(g.members.size()));
            y.reserve(static_cast<int>(g.members.size()));
            for (int i : g.members) {
                x << layout_[2 * static_cast<std::size_t>(i)];
                y << layout_[2 * static_cast<std::size_t>(i) + 1];
            }
            g.graph->setData(x, y);
        }
    }
    refreshOverlays();
    if (autoFit_) fitAxes();
    plot_->replot(QCustomPlot::rpQueuedReplot);
    updateControls();
    Q_EMIT iterationChanged(iteration_, kl_);
}

void EmbeddingView::jobEnded(const EmbeddingLayoutUpdate& last, const QString& error, bool cancelled) {
    if (last.xy.size() == 2 * points_.size()) {
        layout_ = last.xy;
        if (runTsne_) {
            iteration_ = last.iteration;
            kl_ = last.kl;
        } else {
            pcaText_ = last.pcaText;
        }
    }
    resumable_ = cancelled && runTsne_ && !layout_.empty() && iteration_ < runIterations_;
    rebuildGroups();
    refreshOverlays();
    if (autoFit_) fitAxes();
    plot_->replot();
    setRunning(false);
    updateControls();
    if (!error.isEmpty()) status_->setText(tr("Map failed: %1").arg(error));
    else if (!cancelled) Q_EMIT layoutFinished();
}

}  // namespace dacl::ui
