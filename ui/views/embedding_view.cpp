#include "ui/views/embedding_view.h"

#include "core/common/csv.h"
#include "core/common/progress.h"
#include "core/embed/pca.h"
#include "core/embed/tsne.h"
#include "core/ml/pipeline/run_model.h"
#include "core/store/results_store.h"
#include "ui/plots/palette.h"
#include "ui/plots/plot_export.h"
#include "ui/plots/plot_style.h"

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHash>
#include <QSet>
#include <QSignalBlocker>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtConcurrent>
#include "ui/plots/custom_plot.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>

namespace dacl::ui {

namespace {

constexpr int kSnapshotEvery = 5;      // iterations between live layouts (coalesced in the GUI)
constexpr int kUnknown = -1;            // group key of points without the coloured attribute
const QColor kUnknownColour(0x99, 0x99, 0x99);

// Cancellation of a running job from the GUI thread; core polls it every iteration.
class CancelFlag : public ProgressSink {
public:
    explicit CancelFlag(const std::atomic<bool>& flag) : flag_(flag) {}
    void report(const std::string&, std::size_t, std::size_t) override {}
    bool cancelled() const override { return flag_.load(); }

private:
    const std::atomic<bool>& flag_;
};

// What loadRun reads on its worker thread.
struct LoadedRun {
    std::vector<EmbeddingPoint> points;
    std::vector<double> values;
    int dims = 0;
    QStringList classNames;
    QString error;
};

LoadedRun readRun(const QString& dbPath, qint64 runId) {
    LoadedRun out;
    store::OpenOptions options;
    options.create = false;
    store::ResultsStore db(dbPath.toStdString(), options);
    const store::RunInfo info = db.run(runId);
    for (const std::string& name : ml::taskClassNames(info.task)) out.classNames << QString::fromStdString(name);
    // Predictions by (record, fold): probability, label and predicted class.
    std::map<std::pair<std::string, int>, store::Prediction> byRecord;
    for (auto& p : db.predictions(runId)) byRecord[{p.record, p.fold.value_or(-1)}] = std::move(p);
    for (const store::Embedding& e : db.embeddings(runId)) {
        if (e.window) continue;  // record level only
        if (e.vector.empty()) continue;
        if (out.dims == 0) out.dims = static_cast<int>(e.vector.size());
        if (static_cast<int>(e.vector.size()) != out.dims)
            throw std::runtime_error(dbPath.toStdString() + ": run " + std::to_string(runId) +
                                     " has embeddings of different lengths (" + std::to_string(out.dims) + " and " +
                                     std::to_string(e.vector.size()) + ")");
        EmbeddingPoint p;
        p.record = QString::fromStdString(e.record);
        p.fold = e.fold.value_or(-1);
        p.timestep = e.t;
        const auto it = byRecord.find({e.record, p.fold});
        if (it != byRecord.end()) {
            p.label = it->second.label;
            p.probability = it->second.score;
            p.predicted = it->second.predicted.value_or(-1);
        }
        if (e.label) p.label = *e.label;
        out.points.push_back(p);
        out.values.insert(out.values.end(), e.vector.begin(), e.vector.end());
    }
    return out;
}

QString csvField(const QString& s) { return QString::fromStdString(dacl::csvField(s.toStdString())); }

}  // namespace

struct EmbeddingView::Job {
    std::atomic<bool> cancel{false};
    std::mutex mutex;               // guards the fields below
    std::vector<double> latest;     // newest layout from the worker
    int latestIteration = 0;
    double latestKl = std::numeric_limits<double>::quiet_NaN();
    bool pending = false;           // a takeSnapshot() call is queued
    QString pcaText;
    QFuture<void> future;
    bool tsne = true;
    int total = 0;
    double perplexity = 0;
};

EmbeddingView::EmbeddingView(QWidget* parent) : QWidget(parent) {
    pool_.setMaxThreadCount(2);  // one map computation and one file read at most
    buildUi();
    updateFoldBox();
    updateControls();
}

EmbeddingView::~EmbeddingView() {
    cancelJob(true);
    pool_.waitForDone();
}

void EmbeddingView::buildUi() {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    layout->addLayout(bar);

    foldBox_ = new QComboBox(this);  // items: updateFoldBox()
    foldBox_->setObjectName(QStringLiteral("foldBox"));
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
    selectButton_ = new QToolButton(this);
    selectButton_->setText(tr("Select"));
    selectButton_->setCheckable(true);
    selectButton_->setToolTip(tr("Drag a rectangle to select records (otherwise dragging pans)"));
    auto* fitButton = new QToolButton(this);
    fitButton->setText(tr("Fit"));
    fitButton->setToolTip(tr("Zoom to all points and follow the layout while it runs"));
    auto* exportButton = new QToolButton(this);
    exportButton->setText(tr("Export"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto* exportMenu = new QMenu(exportButton);
    exportButton->setMenu(exportMenu);

    bar->addWidget(foldBox_);
    bar->addWidget(projectionBox_);
    bar->addWidget(new QLabel(tr("Colour:"), this));
    bar->addWidget(colourBox_);
    bar->addWidget(new QLabel(tr("Perplexity:"), this));
    bar->addWidget(perplexityBox_);
    bar->addWidget(new QLabel(tr("Iterations:"), this));
    bar->addWidget(iterationsBox_);
    bar->addWidget(runButton_);
    bar->addWidget(new QLabel(tr("Neighbours:"), this));
    bar->addWidget(neighboursBox_);
    bar->addWidget(timestepButton_);
    bar->addWidget(selectButton_);
    bar->addWidget(fitButton);
    bar->addWidget(exportButton);
    bar->addStretch(1);

    plot_ = new QCustomPlot(this);
    plot_->setMinimumSize(320, 240);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    // Smooth pan and zoom over ~10^4 points: no antialiasing while dragging.
    plot_->setNoAntialiasingOnDrag(true);
    plot_->legend->setVisible(true);
    plot_->xAxis->setLabel(tr("t-SNE 1"));
    plot_->yAxis->setLabel(tr("t-SNE 2"));
    applyPlotStyle(*plot_);
    plot_->legend->setBrush(QColor(255, 255, 255, 210));
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
    layout->addWidget(plot_, 1);
    status_ = new QLabel(this);
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
    connect(selectButton_, &QToolButton::toggled, this, [this](bool on) { setSelectMode(on); });
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
    connect(plot_->selectionRect(), &QCPSelectionRect::accepted, this, [this](const QRect& r, QMouseEvent*) {
        const double x0 = plot_->xAxis->pixelToCoord(r.left()), x1 = plot_->xAxis->pixelToCoord(r.right());
        const double y0 = plot_->yAxis->pixelToCoord(r.bottom()), y1 = plot_->yAxis->pixelToCoord(r.top());
        selectInRect(QRectF(QPointF(std::min(x0, x1), std::min(y0, y1)), QPointF(std::max(x0, x1), std::max(y0, y1))));
    });
    plot_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(plot_, &QWidget::customContextMenuRequested, this, &EmbeddingView::showContextMenu);
}

// ---------------------------------------------------------------- data

void EmbeddingView::setEmbeddings(std::vector<EmbeddingPoint> points, int dims, std::vector<double> values,
                                  QStringList classNames) {
    if (dims < 0 || values.size() != points.size() * static_cast<std::size_t>(std::max(dims, 0)))
        throw std::invalid_argument("EmbeddingView::setEmbeddings: values must hold points x dims numbers");
    ++loadGeneration_;  // a pending loadRun no longer applies
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
    const int generation = ++loadGeneration_;
    status_->setText(tr("Loading embeddings of run %1…").arg(runId));
    (void)QtConcurrent::run(&pool_, [this, dbPath, runId, generation] {
        auto result = std::make_shared<LoadedRun>();
        try {
            *result = readRun(dbPath, runId);
        } catch (const std::exception& e) {
            result->error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(this, [this, result, dbPath, runId, generation] {
            if (generation != loadGeneration_) return;
            if (!result->error.isEmpty()) {
                status_->setText(result->error);
                Q_EMIT loadFailed(dbPath, result->error);
                return;
            }
            if (result->points.empty()) {
                const QString reason = tr("run %1 has no record embeddings").arg(runId);
                clear();
                status_->setText(reason);
                Q_EMIT loadFailed(dbPath, reason);
                return;
            }
            const int n = static_cast<int>(result->points.size());
            setEmbeddings(std::move(result->points), result->dims, std::move(result->values),
                          std::move(result->classNames));
            Q_EMIT loaded(n);
        }, Qt::QueuedConnection);
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

void EmbeddingView::setSelectMode(bool on) {
    if (selectButton_->isChecked() != on) selectButton_->setChecked(on);
    plot_->setSelectionRectMode(on ? QCP::srmCustom : QCP::srmNone);
}
bool EmbeddingView::selectMode() const { return selectButton_->isChecked(); }

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
    // Which encoder's space the map shows (folds are 0-based in the data, 1-based on screen).
    if (folds_.size() > 1)
        head += QStringLiteral(" · ") +
                (fold_ >= 0 ? tr("fold %1 of %2").arg(fold_ + 1).arg(folds_.size())
                            : tr("all %1 folds (separate encoders)").arg(folds_.size()));
    if (projection_ == Projection::Pca) return pcaText_.isEmpty() ? head : head + QStringLiteral(" · ") + pcaText_;
    if (layout_.empty()) return running_ ? head + QStringLiteral(" · ") + tr("t-SNE: neighbours and affinities…") : head;
    const QString kl = std::isnan(kl_) ? QString() : QStringLiteral(" · KL %1").arg(kl_, 0, 'f', 3);
    if (running_) return head + QStringLiteral(" · ") + tr("t-SNE: iteration %1 / %2").arg(iteration_).arg(iterations()) + kl;
    if (resumable_) return head + QStringLiteral(" · ") + tr("t-SNE paused at iteration %1").arg(iteration_) + kl;
    return head + QStringLiteral(" · ") + tr("t-SNE: %1 iterations").arg(iteration_) + kl;
}

void EmbeddingView::updateFoldBox() {
    const QSignalBlocker block(foldBox_);
    foldBox_->clear();
    for (int f : folds_) foldBox_->addItem(tr("Fold %1").arg(f + 1), f);
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
    if (job_ && running_) job_->cancel.store(true);
}

void EmbeddingView::cancelJob(bool wait) {
    if (!job_) return;
    job_->cancel.store(true);
    if (wait) job_->future.waitForFinished();
    job_.reset();  // queued calls of the old job are ignored from now on
    setRunning(false);
}

void EmbeddingView::setRunning(bool running) {
    if (running_ == running) return;
    running_ = running;
    updateControls();
    Q_EMIT runningChanged(running);
}

void EmbeddingView::startJob(bool resume) {
    cancelJob(false);
    auto job = std::make_shared<Job>();
    job->tsne = projection_ == Projection::Tsne;
    job->total = iterations();
    const std::size_t n = points_.size();
    // Perplexity must stay below the number of points; small inputs get (n - 1) / 3.
    job->perplexity = std::min(perplexity(), std::max(1.0, (static_cast<double>(n) - 1.0) / 3.0));
    embed::TsneSettings s;
    s.perplexity = job->perplexity;
    s.iterations = job->total;
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
    layoutPerplexity_ = perplexity();
    resumable_ = false;
    job_ = job;
    setRunning(true);
    auto values = std::make_shared<const std::vector<double>>(values_);
    const auto dims = static_cast<std::size_t>(dims_);
    job->future = QtConcurrent::run(&pool_, [this, job, values, n, dims, s] {
        CancelFlag sink(job->cancel);
        QString error;
        bool cancelled = false;
        try {
            if (job->tsne) {
                const embed::TsneResult r = embed::tsne(
                    *values, n, dims, s, sink, [this, job](int it, const std::vector<double>& xy, double kl) {
                        std::lock_guard<std::mutex> lock(job->mutex);
                        job->latest = xy;
                        job->latestIteration = it;
                        job->latestKl = kl;
                        if (job->pending) return;  // the GUI has one update queued: it will take this one
                        job->pending = true;
                        QMetaObject::invokeMethod(this, [this, job] { takeSnapshot(job); }, Qt::QueuedConnection);
                    });
                std::lock_guard<std::mutex> lock(job->mutex);
                job->latest = r.xy;
                job->latestIteration = r.iterations;
                job->latestKl = r.klDivergence;
            } else {
                const int k = std::min<int>(2, static_cast<int>(dims));
                const embed::PcaResult r = embed::pca(*values, n, dims, k);
                double total = 0;
                std::vector<double> xy(2 * n, 0.0);
                for (std::size_t i = 0; i < n; ++i)
                    for (int c = 0; c < k; ++c) xy[2 * i + static_cast<std::size_t>(c)] = r.scores[i * static_cast<std::size_t>(k) + static_cast<std::size_t>(c)];
                // Share of the total variance (the trace of the covariance) on each axis.
                std::vector<double> mean(dims, 0.0);
                for (std::size_t i = 0; i < n; ++i)
                    for (std::size_t d = 0; d < dims; ++d) mean[d] += (*values)[i * dims + d] / static_cast<double>(n);
                for (std::size_t i = 0; i < n; ++i)
                    for (std::size_t d = 0; d < dims; ++d) {
                        const double v = (*values)[i * dims + d] - mean[d];
                        total += v * v / static_cast<double>(n - 1);
                    }
                std::lock_guard<std::mutex> lock(job->mutex);
                job->latest = std::move(xy);
                job->pcaText = total > 0 ? EmbeddingView::tr("PCA: PC 1 %1 %, PC 2 %2 % of the variance")
                                               .arg(100.0 * r.explainedVariance[0] / total, 0, 'f', 1)
                                               .arg(k > 1 ? 100.0 * r.explainedVariance[1] / total : 0.0, 0, 'f', 1)
                                         : EmbeddingView::tr("PCA: no variance");
            }
        } catch (const Cancelled&) {
            cancelled = true;
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(this, [this, job, error, cancelled] { jobEnded(job, error, cancelled); },
                                  Qt::QueuedConnection);
    });
    updateControls();
}

void EmbeddingView::takeSnapshot(const std::shared_ptr<Job>& job) {
    if (job != job_) return;
    {
        std::lock_guard<std::mutex> lock(job->mutex);
        job->pending = false;
        if (job->latest.size() != 2 * points_.size()) return;
        layout_.swap(job->latest);
        job->latest.clear();
        iteration_ = job->latestIteration;
        kl_ = job->latestKl;
    }
    const bool first = groups_.empty();
    if (first) rebuildGroups();
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

void EmbeddingView::jobEnded(const std::shared_ptr<Job>& job, const QString& error, bool cancelled) {
    if (job != job_) return;
    {
        std::lock_guard<std::mutex> lock(job->mutex);
        job->pending = true;  // no snapshot may follow
        if (job->latest.size() == 2 * points_.size()) {
            layout_.swap(job->latest);
            if (job->tsne) {
                iteration_ = job->latestIteration;
                kl_ = job->latestKl;
            } else {
                pcaText_ = job->pcaText;
            }
        }
    }
    job_.reset();
    resumable_ = cancelled && job->tsne && !layout_.empty() && iteration_ < job->total;
    rebuildGroups();
    refreshOverlays();
    if (autoFit_) fitAxes();
    plot_->replot();
    setRunning(false);
    updateControls();
    if (!error.isEmpty()) status_->setText(tr("Map failed: %1").arg(error));
    else if (!cancelled) Q_EMIT layoutFinished();
}

// ---------------------------------------------------------------- drawing

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
    case ColourBy::Fold: return key == kUnknown ? tr("no fold") : tr("fold %1").arg(key + 1);  // 1-based on screen
    case ColourBy::Timestep: return tr("t = %1").arg(key);
    }
    return {};
}

void EmbeddingView::rebuildGroups() {
    for (Group& g : groups_) plot_->removeGraph(g.graph);
    groups_.clear();
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
    const bool severalTimesteps = timesteps().size() > 1;
    const std::vector<int> keyOrder(keys.begin(), keys.end());
    for (auto& [k, idx] : members) {
        const int key = k.first == std::numeric_limits<int>::max() ? kUnknown : k.first;
        const int t = k.second;
        QColor colour = kUnknownColour;
        if (key != kUnknown) {
            if (colourBy_ == ColourBy::Correctness) colour = palette::colour(key == 1 ? 2 : 3);  // green / vermillion
            else colour = palette::colour(static_cast<int>(std::lower_bound(keyOrder.begin(), keyOrder.end(), key) - keyOrder.begin()));
        }
        QCPGraph* g = plot_->addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        if (t == 0) g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, 5));
        else g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(colour, 1.3), Qt::NoBrush, 7));
        QString name = groupName(key);
        if (severalTimesteps && colourBy_ != ColourBy::Timestep) name += QStringLiteral(" · t = %1").arg(t);
        g->setName(name);
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

// ---------------------------------------------------------------- interaction

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
        lines << tr("P(%1) = %2").arg(classNames_.size() > 1 ? classNames_[1] : tr("positive")).arg(p.probability, 0, 'f', 3);
    if (p.predicted >= 0) lines << tr("Predicted: %1").arg(className(p.predicted));
    if (p.fold >= 0) lines << tr("Fold: %1").arg(p.fold + 1);
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

void EmbeddingView::selectInRect(const QRectF& plotRect) {
    selected_.clear();
    if (layout_.size() == 2 * points_.size())
        for (std::size_t i = 0; i < points_.size(); ++i) {
            if (!isShown(static_cast<int>(i))) continue;
            const double x = layout_[2 * i], y = layout_[2 * i + 1];
            if (x >= plotRect.left() && x <= plotRect.right() && y >= plotRect.top() && y <= plotRect.bottom())
                selected_ << static_cast<int>(i);
        }
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

void EmbeddingView::onMouseMove(QMouseEvent* event) {
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
}

void EmbeddingView::onMouseRelease(QMouseEvent* event) {
    if (!pressed_ || event->button() != Qt::LeftButton) return;
    pressed_ = false;
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
    auto fail = [&](const QString& why) {
        if (error) *error = path + QStringLiteral(": ") + why;
        return false;
    };
    if (layout_.size() != 2 * points_.size() || points_.empty()) return fail(tr("no layout to export"));
    auto className = [&](int c) { return c < 0 ? QString() : c < classNames_.size() ? classNames_[c] : QString::number(c); };
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) return fail(f.errorString());
    QByteArray out = "record,label,predicted,probability,fold,t,x,y\n";
    for (std::size_t i = 0; i < points_.size(); ++i) {
        const EmbeddingPoint& p = points_[i];
        QStringList row{csvField(p.record), csvField(className(p.label)), csvField(className(p.predicted)),
                        std::isnan(p.probability) ? QString() : QString::number(p.probability, 'g', 9),
                        p.fold >= 0 ? QString::number(p.fold) : QString(), QString::number(p.timestep),
                        QString::number(layout_[2 * i], 'g', 12), QString::number(layout_[2 * i + 1], 'g', 12)};
        out += row.join(',').toUtf8() + '\n';
    }
    if (f.write(out) != out.size() || !f.commit()) return fail(f.errorString());
    return true;
}

void EmbeddingView::exportLayoutInteractive() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export layout"), QStringLiteral("embedding-layout.csv"),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportLayoutCsv(path, &error)) QMessageBox::warning(this, tr("Export layout"), error);
}

}  // namespace dacl::ui
