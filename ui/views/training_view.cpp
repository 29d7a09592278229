#include "ui/views/training_view.h"

#include "core/ml/runtime_info.h"
#include "ui/jobs/run_metrics_poller.h"
#include "ui/report/fold_number.h"
#include "ui/report/report_figures.h"
#include "ui/report/run_status_text.h"
#include "ui/settings/core_text.h"
#include "ui/views/training_form.h"

#include "ui/plots/custom_plot.h"
#include "ui/plots/empty_plot.h"
#include "ui/plots/plot_style.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace dacl::ui {

namespace {

enum QueueColumn { ColJob, ColState, ColProgress };

// Rates and scores (0..1 or tiny) would be flattened on a loss axis: they get the right one.
bool secondAxis(const QString& name) {
    return name.endsWith(QLatin1String(".lr")) || name.contains(QLatin1String("auroc"));
}

// β follows a fixed warm-up schedule: not a result worth a curve.
bool hidden(const QString& name) { return name.endsWith(QLatin1String(".beta")); }

QColor seriesColour(int index) {
    static const QColor palette[] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
                                     QColor(214, 39, 40),  QColor(148, 103, 189), QColor(140, 86, 75),
                                     QColor(227, 119, 194), QColor(127, 127, 127)};
    return palette[index % 8];
}

void setupPlot(QCustomPlot* plot, const QString& xLabel, const QString& yLabel, const QString& y2Label) {
    plot->xAxis->setLabel(xLabel);
    plot->yAxis->setLabel(yLabel);
    plot->yAxis2->setLabel(y2Label);
    // Beside the axes, not over the newest epochs at the top right: wide, low plots spare width.
    placeLegendRightOf(*plot);
    plot->legend->setVisible(false);  // with the first curve (redraw)
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->setMinimumHeight(160);
}

// The VAE's losses (~0.5) and the contrastive loss (~6) share the loss axis: when the curves on
// an axis span more than a factor of 5, a log scale keeps all of them readable.
void useLogScaleIfSpread(QCPAxis* axis) {
    double lo = std::numeric_limits<double>::infinity(), hi = 0;
    for (QCPGraph* g : axis->graphs())
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) {
            lo = std::min(lo, it->value);
            hi = std::max(hi, it->value);
        }
    const bool log = lo > 0 && std::isfinite(lo) && hi / lo > 5;
    if (log == (axis->scaleType() == QCPAxis::stLogarithmic)) return;
    axis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    axis->setTicker(log ? QSharedPointer<QCPAxisTicker>(new QCPAxisTickerLog) : QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
}

QCPGraph* findGraph(const QCustomPlot* plot, const QString& name) {
    for (int i = 0; i < plot->graphCount(); ++i)
        if (plot->graph(i)->property("series").toString() == name) return plot->graph(i);
    return nullptr;
}

}  // namespace

TrainingView::TrainingView(QWidget* parent) : QWidget(parent) {
    poller_ = new RunMetricsPoller(this);
    connect(poller_, &RunMetricsPoller::updated, this, &TrainingView::applySnapshot);
    buildUi();
    const RuntimeInfo info = runtimeInfo();
    updateDevice(QString::fromStdString(info.device), info.threads);
    redraw();  // the empty plots say what will appear in them
}

TrainingView::~TrainingView() = default;

void TrainingView::buildUi() {
    // Left: the form of a run, its buttons and the queue.
    form_ = new TrainingForm(this);
    connect(form_, &TrainingForm::problem, this, [this](const QString& file, const QString& reason) {
        appendLog(tr("Cannot use %1: %2").arg(QDir::toNativeSeparators(file), reason));
    });

    start_ = new QPushButton(tr("&Start"), this);
    start_->setToolTip(tr("Queue a training and evaluation run on the current dataset"));
    cancel_ = new QPushButton(tr("&Cancel"), this);
    cancel_->setToolTip(tr("Cancel the selected job (or the running one)"));
    connect(start_, &QPushButton::clicked, this, [this] { startDemoRun(); });
    connect(cancel_, &QPushButton::clicked, this, &TrainingView::cancelJob);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(start_);
    buttons->addWidget(cancel_);

    queueList_ = new QTreeWidget(this);
    queueList_->setHeaderLabels({tr("Job"), tr("State"), tr("Progress")});
    queueList_->setRootIsDecorated(false);
    queueList_->header()->setStretchLastSection(false);
    queueList_->header()->setSectionResizeMode(ColJob, QHeaderView::Stretch);
    queueList_->header()->setSectionResizeMode(ColState, QHeaderView::ResizeToContents);
    queueList_->header()->setSectionResizeMode(ColProgress, QHeaderView::ResizeToContents);
    queueList_->setUniformRowHeights(false);  // two-line job titles (onJobAdded)

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(form_);
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(new QLabel(tr("Queue"), left));
    leftLayout->addWidget(queueList_, 1);

    // Right: run line, progress, the two plots and the log.
    runLabel_ = new QLabel(tr("No run"), this);
    foldChoice_ = new QComboBox(this);
    foldChoice_->setToolTip(tr("Which fold's curves to show"));
    foldChoice_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(foldChoice_, QOverload<int>::of(&QComboBox::activated), this,
            [this](int index) { setShownFold(foldChoice_->itemData(index).toInt()); });
    device_ = new QLabel(this);
    auto* runLine = new QHBoxLayout;
    runLine->addWidget(runLabel_, 1);
    runLine->addWidget(new QLabel(tr("Fold"), this));
    runLine->addWidget(foldChoice_);
    runLine->addWidget(device_);

    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1);
    progress_->setValue(0);
    stage_ = new QLabel(this);
    eta_ = new QLabel(this);
    auto* progressLine = new QHBoxLayout;
    progressLine->addWidget(stage_, 1);
    progressLine->addWidget(progress_, 2);
    progressLine->addWidget(eta_);

    epochPlot_ = new QCustomPlot(this);
    setupPlot(epochPlot_, tr("Epoch"), tr("Loss"), tr("AUROC"));
    // Whole epochs only (the default ticker would label 2.5).
    QSharedPointer<QCPAxisTickerFixed> epochs(new QCPAxisTickerFixed);
    epochs->setTickStep(1);
    epochs->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    epochPlot_->xAxis->setTicker(epochs);
    stepPlot_ = new QCustomPlot(this);
    setupPlot(stepPlot_, tr("Step"), tr("Loss"), tr("Learning rate"));

    log_ = new QPlainTextEdit(this);
    log_->setReadOnly(true);
    log_->setMaximumBlockCount(10000);  // a long run must not grow the widget without bound

    auto* plots = new QSplitter(Qt::Vertical, this);
    plots->addWidget(epochPlot_);
    plots->addWidget(stepPlot_);
    plots->addWidget(log_);
    plots->setStretchFactor(0, 3);
    plots->setStretchFactor(1, 3);
    plots->setStretchFactor(2, 1);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(runLine);
    rightLayout->addLayout(progressLine);
    rightLayout->addWidget(plots, 1);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({300, 900});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);
}

// ---- configuration ----

void TrainingView::setJobQueue(JobQueue* queue) {
    if (queue_) disconnect(queue_, nullptr, this, nullptr);
    queue_ = queue;
    queueList_->clear();
    if (!queue_) return;
    connect(queue_, &JobQueue::jobAdded, this, &TrainingView::onJobAdded);
    connect(queue_, &JobQueue::jobStateChanged, this, &TrainingView::onJobState);
    connect(queue_, &JobQueue::jobStarted, this, &TrainingView::onJobStarted);
    connect(queue_, &JobQueue::jobRunCreated, this, &TrainingView::onJobRun);
    // A stored epoch point of this app's own job: the curves read it at once instead of at the next poll.
    connect(queue_, &JobQueue::jobEvent, poller_, [p = poller_](int, const dacl::PipelineEvent& e) { p->pipelineEvent(e); });
    connect(queue_, &JobQueue::jobEvent, this, [this](int id, const dacl::PipelineEvent& e) {
        if (id != followedJob_) return;
        overall_.onEvent(e);
        showOverallProgress(QString());
    });
    connect(queue_, &JobQueue::jobProgress, this, &TrainingView::onJobProgress);
    connect(queue_, &JobQueue::jobFinished, this, &TrainingView::onJobFinished);
    connect(queue_, &JobQueue::jobLog, this, [this](int id, const QString& message) {
        appendLog(QStringLiteral("[%1] %2").arg(id).arg(message));
    });
    for (const JobQueue::Job& j : queue_->jobs()) {
        onJobAdded(j.id, j.title);
        onJobState(j.id, j.state);
    }
}

void TrainingView::setDataDirectory(const QString& directory) { dataDir_ = directory; }
void TrainingView::setResultsFile(const QString& path) { resultsFile_ = path; }
void TrainingView::setBaseSettings(const Settings& settings) {
    base_ = settings;
    // The settings' representation is the form's starting choice; the user may change it there.
    form_->setRepresentation(QString::fromStdString(settings.getString("repr")));
}

void TrainingView::setTask(const QString& task) { form_->setTask(task); }
void TrainingView::setFolds(int folds) { form_->setFolds(folds); }
void TrainingView::setVaeEpochs(int epochs) { form_->setVaeEpochs(epochs); }
void TrainingView::setEncoderEpochs(int epochs) { form_->setEncoderEpochs(epochs); }
void TrainingView::setEncoderWidth(int channels) { form_->setEncoderWidth(channels); }
void TrainingView::setTMax(int tMax) { form_->setTMax(tMax); }

ml::PipelineRequest TrainingView::demoRequest() const { return form_->request(dataDir_, resultsFile_, base_); }

int TrainingView::startDemoRun() {
    if (!queue_) {
        appendLog(tr("No job queue: cannot start."));
        return 0;
    }
    if (dataDir_.isEmpty()) {
        appendLog(tr("Open a dataset first."));
        return 0;
    }
    if (resultsFile_.isEmpty()) {
        appendLog(tr("No results file is set (see Settings)."));
        return 0;
    }
    return queue_->enqueuePipeline(demoRequest(), form_->describe(dataDir_));
}

void TrainingView::cancelJob() {
    if (!queue_) return;
    int id = 0;
    if (QTreeWidgetItem* item = queueList_->currentItem()) id = item->data(ColJob, Qt::UserRole).toInt();
    const auto job = id ? queue_->job(id) : std::nullopt;
    if (!job || (job->state != JobQueue::State::Queued && job->state != JobQueue::State::Running))
        id = queue_->runningJob();
    if (id) queue_->cancel(id);
}

// ---- job signals ----

QTreeWidgetItem* TrainingView::queueItem(int id) const {
    for (int i = 0; i < queueList_->topLevelItemCount(); ++i)
        if (queueList_->topLevelItem(i)->data(ColJob, Qt::UserRole).toInt() == id) return queueList_->topLevelItem(i);
    return nullptr;
}

void TrainingView::onJobAdded(int id, const QString& title) {
    if (queueItem(id)) return;
    // "af_vs_rest on demo (2 folds, 360 records, classes N A)": what it trains on goes on a second
    // line rather than being cut off in the narrow queue.
    QString shown = title;
    if (const int open = shown.indexOf(QStringLiteral(" (")); open > 0) shown.replace(open, 1, QLatin1Char('\n'));
    auto* item = new QTreeWidgetItem(queueList_, {shown, JobQueue::stateText(JobQueue::State::Queued), QString()});
    item->setData(ColJob, Qt::UserRole, id);
    item->setToolTip(ColJob, title);
}

void TrainingView::onJobState(int id, JobQueue::State state) {
    if (QTreeWidgetItem* item = queueItem(id)) {
        item->setText(ColState, JobQueue::stateText(state));
        if (state == JobQueue::State::Finished) item->setText(ColProgress, QStringLiteral("100 %"));
    }
}

void TrainingView::onJobStarted(int id) {
    if (!followJobs_) return;
    followedJob_ = id;
    progress_->setRange(0, 0);  // busy until the first report
    stage_->setText(tr("Starting…"));
    eta_->clear();
    const auto job = queue_ ? queue_->job(id) : std::nullopt;
    followedPipeline_ = job && job->kind == JobQueue::Kind::Pipeline;
    overall_.start(true);
    stageDetail_.clear();
    jobClock_.start();
    appendLog(tr("Job %1 started: %2").arg(id).arg(job ? job->title : QString()));
}

void TrainingView::onJobRun(int id, qint64 runId, const QString& dbPath) {
    if (id != followedJob_) return;
    appendLog(tr("Job %1 writes run %2 of %3").arg(id).arg(runId).arg(QDir::toNativeSeparators(dbPath)));
    setRun(dbPath, runId);
}

void TrainingView::onJobProgress(int id, const QString& stage, qint64 done, qint64 total, double eta) {
    if (QTreeWidgetItem* item = queueItem(id); item && total > 0)
        item->setText(ColProgress, QStringLiteral("%1 %").arg(100 * done / total));
    if (id != followedJob_) return;
    if (followedPipeline_) {
        overall_.onStageProgress(done, total);
        showOverallProgress(stage);
        return;
    }
    if (total > 0) {
        progress_->setRange(0, static_cast<int>(std::min<qint64>(total, 1 << 30)));
        progress_->setValue(static_cast<int>(std::min(done, total)));
    }
    stage_->setText(stage);
    eta_->setText(eta >= 0 ? tr("%1 left").arg(formatDuration(eta)) : QString());
}

// A pipeline job: one bar over all its stages and folds, the stage named, the whole job's ETA.
void TrainingView::showOverallProgress(const QString& detail) {
    if (!detail.isEmpty()) stageDetail_ = detail;
    progress_->setRange(0, kOverallSteps);
    progress_->setValue(static_cast<int>(overall_.fraction() * kOverallSteps));
    const QString named = overall_.stageText();
    stage_->setText(stageDetail_.isEmpty() ? named : named + QStringLiteral(" — ") + stageDetail_);
    const double eta = overall_.etaSeconds(static_cast<double>(jobClock_.elapsed()) / 1000.0);
    eta_->setText(eta >= 0 ? tr("%1 left").arg(formatDuration(eta)) : QString());
}

void TrainingView::onJobFinished(int id, JobQueue::State state, qint64 runId, const QString& error) {
    QString line = tr("Job %1 %2").arg(id).arg(JobQueue::stateText(state));
    if (runId) line += tr(" (run %1)").arg(runId);
    if (!error.isEmpty()) line += QStringLiteral(": ") + error;
    appendLog(line);
    if (id != followedJob_) return;
    progress_->setRange(0, 1);
    progress_->setValue(state == JobQueue::State::Finished ? 1 : 0);
    stage_->setText(JobQueue::stateText(state));
    eta_->clear();
    poller_->pollNow();  // the last epoch and the final status
}

// ---- the run's curves ----

void TrainingView::setRun(const QString& dbPath, qint64 runId) {
    if (runId == runId_ && dbPath == poller_->dbPath()) return;  // already shown (and polled)
    runId_ = runId;
    runStatus_.clear();
    snapshot_.reset();
    userPickedFold_ = false;
    shownFold_ = -1;
    foldChoice_->clear();
    redraw();
    runLabel_->setText(runId ? tr("Run %1 of %2").arg(runId).arg(QDir::toNativeSeparators(dbPath)) : tr("No run"));
    poller_->setRun(dbPath, runId);
}

void TrainingView::applySnapshot(const std::shared_ptr<const RunSnapshot>& snapshot) {
    if (snapshot->runId != runId_) return;
    if (!snapshot->found) {
        runLabel_->setText(tr("Run %1: %2").arg(runId_).arg(snapshot->readError));
        return;
    }
    snapshot_ = snapshot;
    if (runStatus_ != snapshot->status) {
        runStatus_ = snapshot->status;
        if (!snapshot->error.isEmpty() && snapshot->status != QLatin1String("running"))
            appendLog(tr("Run %1: %2").arg(runId_).arg(coreText(snapshot->error)));
    }
    runLabel_->setText(tr("Run %1 “%2”: %3").arg(runId_).arg(snapshot->name, runStatusText(snapshot->status)));
    if (!snapshot->device.isEmpty()) updateDevice(snapshot->device, snapshot->threads);

    // Folds with curves, in the order the pipeline produces them (folds, then the final model).
    QList<int> folds;
    for (const MetricCurve& c : snapshot->curves)
        if (!folds.contains(c.fold)) folds.push_back(c.fold);
    std::sort(folds.begin(), folds.end(), [](int a, int b) { return (a < 0 ? 1 << 20 : a) < (b < 0 ? 1 << 20 : b); });
    if (foldChoice_->count() != folds.size()) {
        foldChoice_->clear();
        for (int f : folds) foldChoice_->addItem(f < 0 ? tr("Final model") : tr("Fold %1").arg(foldNumber(f)), f);
    }
    if (!folds.isEmpty()) {
        // Follow the fold being trained unless the user chose one.
        const int fold = userPickedFold_ && folds.contains(shownFold_) ? shownFold_ : folds.back();
        foldChoice_->setCurrentIndex(foldChoice_->findData(fold));
        shownFold_ = fold;
    }
    redraw();
    Q_EMIT curvesUpdated(runId_, snapshot->points);
}

void TrainingView::setShownFold(int fold) {
    userPickedFold_ = true;
    const int i = foldChoice_->findData(fold);
    if (i >= 0) foldChoice_->setCurrentIndex(i);
    shownFold_ = fold;
    redraw();
}

void TrainingView::redraw() {
    epochPlot_->clearGraphs();
    stepPlot_->clearGraphs();
    if (snapshot_) {
        int colour = 0;
        for (const MetricCurve& c : snapshot_->curves) {
            if (c.fold != shownFold_ || hidden(c.name)) continue;
            QCustomPlot* plot = c.perStep ? stepPlot_ : epochPlot_;
            const bool right = secondAxis(c.name);
            QCPGraph* g = plot->addGraph(plot->xAxis, right ? plot->yAxis2 : plot->yAxis);
            g->setProperty("series", c.name);
            g->setName(curveTitle(c.name.toStdString()));
            QPen pen(seriesColour(colour++), 2);
            if (right) pen.setStyle(Qt::DashLine);
            g->setPen(pen);
            if (!c.perStep) g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
            g->setData(c.x, c.y, true);
        }
    }
    for (QCustomPlot* plot : {epochPlot_, stepPlot_}) {
        bool anyRight = false;
        for (int i = 0; i < plot->graphCount(); ++i) anyRight |= plot->graph(i)->valueAxis() == plot->yAxis2;
        plot->yAxis2->setVisible(anyRight);
        useLogScaleIfSpread(plot->yAxis);
        // A little room above and below, so that markers at the extremes are not cut. Without
        // curves the ranges stay: scaling them on every redraw grew them without bound.
        if (plot->graphCount() > 0) {
            plot->rescaleAxes();
            for (QCPAxis* axis : {plot->yAxis, plot->yAxis2})
                if (axis->range().size() > 0) axis->scaleRange(1.1, axis->range().center());
        }
        plot->legend->setVisible(plot->graphCount() > 0);
        setEmptyPlotText(*plot, plot->graphCount() > 0 ? QString()
                                : plot == epochPlot_ ? tr("Loss and validation AUROC per epoch appear here while a model trains.\n"
                                                          "Start a demo run on the left, or select a run in the Runs tab.")
                                                     : tr("Loss per training step appears here while a model trains."));
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void TrainingView::updateDevice(const QString& device, int threads) {
    const QString where = device.startsWith(QLatin1String("cuda")) ? tr("GPU (%1)").arg(device) : tr("CPU");
    device_->setText(tr("Device: %1, %n thread(s)", nullptr, threads).arg(where));
}

void TrainingView::appendLog(const QString& line) {
    log_->appendPlainText(QStringLiteral("%1  %2").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), line));
}

QString TrainingView::formatDuration(double seconds) {
    if (seconds < 0 || !std::isfinite(seconds)) return {};
    const auto s = static_cast<long long>(std::llround(seconds));
    if (s < 60) return tr("%1 s").arg(s);
    if (s < 3600) return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

// ---- getters ----

QStringList TrainingView::curveNames(bool perStep) const {
    QStringList out;
    const QCustomPlot* plot = perStep ? stepPlot_ : epochPlot_;
    for (int i = 0; i < plot->graphCount(); ++i) out << plot->graph(i)->property("series").toString();
    return out;
}

QVector<double> TrainingView::curveKeys(const QString& name, bool perStep) const {
    QVector<double> out;
    if (QCPGraph* g = findGraph(perStep ? stepPlot_ : epochPlot_, name))
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) out.push_back(it->key);
    return out;
}

QVector<double> TrainingView::curveValues(const QString& name, bool perStep) const {
    QVector<double> out;
    if (QCPGraph* g = findGraph(perStep ? stepPlot_ : epochPlot_, name))
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) out.push_back(it->value);
    return out;
}

bool TrainingView::onSecondAxis(const QString& name, bool perStep) const {
    const QCustomPlot* plot = perStep ? stepPlot_ : epochPlot_;
    QCPGraph* g = findGraph(plot, name);
    return g && g->valueAxis() == plot->yAxis2;
}

int TrainingView::progressValue() const { return progress_->value(); }
int TrainingView::progressMaximum() const { return progress_->maximum(); }
QString TrainingView::stageText() const { return stage_->text(); }
QString TrainingView::etaText() const { return eta_->text(); }
QString TrainingView::deviceText() const { return device_->text(); }
QString TrainingView::logText() const { return log_->toPlainText(); }
int TrainingView::queueRowCount() const { return queueList_->topLevelItemCount(); }
QString TrainingView::queueStateText(int row) const {
    const QTreeWidgetItem* item = queueList_->topLevelItem(row);
    return item ? item->text(ColState) : QString();
}

}  // namespace dacl::ui
