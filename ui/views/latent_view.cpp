#include "ui/views/latent_view.h"

#include "ui/plots/palette.h"
#include "ui/plots/plot_style.h"
#include "ui/views/latent_timeline.h"
#include "ui/loaders/thread_pools.h"

#include "ui/plots/custom_plot.h"
#include "ui/plots/empty_plot.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace dacl::ui {

namespace {

// Label groups of the projection, in legend order; the last one collects unlabelled records.
const char* const kGroupLabels[] = {"N", "A", "O", "~", ""};
constexpr int kGroups = 5;

int groupOf(const std::string& label) {
    for (int g = 0; g < kGroups - 1; ++g)
        if (label == kGroupLabels[g]) return g;
    return kGroups - 1;
}

QString groupName(int g) {
    switch (g) {
    case 0: return LatentView::tr("N (normal)");
    case 1: return LatentView::tr("A (atrial fibrillation)");
    case 2: return LatentView::tr("O (other rhythm)");
    case 3: return LatentView::tr("~ (noisy)");
    default: return LatentView::tr("unlabelled");
    }
}

QColor groupColour(int g) {
    switch (g) {
    case 0: return palette::colour(0);  // blue
    case 1: return palette::colour(3);  // vermillion
    case 2: return palette::colour(2);  // green
    case 3: return palette::colour(4);  // purple
    default: return QColor(150, 150, 150);
    }
}

QCustomPlot* makePlot(QWidget* parent, const QString& title) {
    auto* plot = new QCustomPlot(parent);
    plot->setMinimumHeight(180);
    plot->setInteractions(QCP::Interactions());
    setPlotTitle(*plot, title);
    return plot;
}

QString number(double v, int digits = 3) { return QLocale().toString(v, 'g', digits); }

}  // namespace

LatentView::LatentView(QWidget* parent)
    : QWidget(parent), recordLoader_(this, viewThreadPool()), projectionLoader_(this, backgroundThreadPool()) {
    info_ = new QLabel(this);
    info_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    info_->setWordWrap(true);
    status_ = new QLabel(this);
    status_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    progressTimer_ = new QTimer(this);
    progressTimer_->setInterval(200);
    connect(progressTimer_, &QTimer::timeout, this, [this] {
        if (projectionBusy_ && projectionDone_ && dataset_)
            status_->setText(tr("Projecting the dataset: %1 of %2 records…")
                                 .arg(projectionDone_->load())
                                 .arg(dataset_->size()));
    });
    buildPlots();

    auto* top = new QHBoxLayout;
    top->addWidget(info_, 1);
    top->addWidget(status_);
    auto* windowPage = new QWidget(this);
    auto* left = new QVBoxLayout(windowPage);
    left->setContentsMargins(0, 0, 0, 0);
    left->addWidget(latentPlot_, 3);
    left->addWidget(reconPlot_, 2);
    timeline_ = new LatentTimeline(this);
    pages_ = new QStackedWidget(this);
    pages_->addWidget(windowPage);
    pages_->addWidget(timeline_);
    auto* plots = new QHBoxLayout;
    plots->addWidget(pages_, 3);
    plots->addWidget(projectionPlot_, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addLayout(plots, 1);
    clearAll(tr("No run selected: choose a finished run (Runs view) or finish a training job."));
}

LatentView::~LatentView() { cancelProjection(); }

void LatentView::buildPlots() {
    // μ ± σ of the current window, the record's other windows faintly behind.
    latentPlot_ = makePlot(this, tr("VAE latent of the window: μ ± σ per dimension"));
    latentPlot_->xAxis->setLabel(tr("Latent dimension"));
    latentPlot_->yAxis->setLabel(tr("z (standardised latent units)"));
    latentPlot_->legend->setVisible(true);
    latentPlot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    meanGraph_ = latentPlot_->addGraph();
    meanGraph_->setName(tr("μ, current window"));
    meanGraph_->setPen(QPen(palette::colour(0), 2));
    meanGraph_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, palette::colour(0), 6));
    stdBars_ = new QCPErrorBars(latentPlot_->xAxis, latentPlot_->yAxis);
    stdBars_->setName(tr("± σ of q(z | f)"));
    stdBars_->setDataPlottable(meanGraph_);
    stdBars_->setPen(QPen(palette::colour(0), 1.2));
    stdBars_->setWhiskerWidth(6);

    // Reconstruction error of every window over time.
    reconPlot_ = makePlot(this, tr("Reconstruction error of each window"));
    reconPlot_->xAxis->setLabel(tr("Window centre in record (s)"));
    reconPlot_->yAxis->setLabel(tr("MSE of decode(μ) (feature units²)"));
    reconPlot_->legend->setVisible(true);
    reconPlot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    reconBars_ = new QCPBars(reconPlot_->xAxis, reconPlot_->yAxis);
    reconBars_->setName(tr("windows"));
    reconBars_->setPen(Qt::NoPen);
    reconBars_->setBrush(QColor(170, 190, 215));
    reconCurrent_ = new QCPBars(reconPlot_->xAxis, reconPlot_->yAxis);
    reconCurrent_->setName(tr("current window"));
    reconCurrent_->setPen(Qt::NoPen);
    reconCurrent_->setBrush(palette::colour(0));
    reconMedian_ = new QCPItemStraightLine(reconPlot_);
    reconMedian_->setPen(QPen(QColor(90, 90, 90), 1, Qt::DashLine));
    reconMedian_->setVisible(false);
    reconMedianLabel_ = new QCPItemText(reconPlot_);
    reconMedianLabel_->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    reconMedianLabel_->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    reconMedianLabel_->position->setTypeY(QCPItemPosition::ptPlotCoords);
    reconMedianLabel_->setColor(QColor(70, 70, 70));
    reconMedianLabel_->setBrush(QColor(255, 255, 255, 210));
    reconMedianLabel_->setVisible(false);

    // The dataset, one point per record.
    projectionPlot_ = makePlot(this, tr("Records of the dataset: PCA of the mean latent μ"));
    projectionPlot_->setMouseTracking(true);
    projectionPlot_->legend->setVisible(true);
    projectionPlot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    for (int g = 0; g < kGroups; ++g) {
        QCPGraph* graph = projectionPlot_->addGraph();
        graph->setName(groupName(g));
        graph->setLineStyle(QCPGraph::lsNone);
        QColor c = groupColour(g);
        QColor fill = c;
        fill.setAlpha(150);
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c, fill, 6));
        graph->setPen(QPen(c));
        classGraphs_.push_back(graph);
    }
    currentPoint_ = projectionPlot_->addGraph();
    currentPoint_->setName(tr("current record"));
    currentPoint_->setLineStyle(QCPGraph::lsNone);
    currentPoint_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 2.5), Qt::NoBrush, 16));
    connect(projectionPlot_, &QCustomPlot::mouseMove, this, &LatentView::onProjectionMove);
    connect(projectionPlot_, &QCustomPlot::mousePress, this, &LatentView::onProjectionPress);

    for (QCustomPlot* p : {latentPlot_, reconPlot_, projectionPlot_}) applyPlotStyle(*p);
}

// ---------------------------------------------------------------- requests

void LatentView::setModel(std::shared_ptr<const ml::RunModel> model) {
    if (model == model_) return;
    model_ = std::move(model);
    latent_ = ml::RecordLatent();
    sequence_ = SequenceLatent();
    pages_->setCurrentIndex(isSequence() ? 1 : 0);
    projection_ = ml::LatentProjection();
    startProjection();
    startRecord();
}

void LatentView::setRecord(const Dataset* dataset, int recordIndex) {
    const bool newDataset = dataset != dataset_;
    dataset_ = dataset;
    const int record =
        dataset && recordIndex >= 0 && static_cast<std::size_t>(recordIndex) < dataset->size() ? recordIndex : -1;
    const bool newRecord = record != requestedRecord_ || newDataset;
    requestedRecord_ = record;
    if (newDataset) {
        projection_ = ml::LatentProjection();
        startProjection();
    }
    if (newRecord) {
        window_ = 0;
        startRecord();
    } else {
        updateProjectionPlot();
    }
}

void LatentView::setWindow(int windowIndex) {
    const int count = windowCount();
    window_ = count > 0 ? std::clamp(windowIndex, 0, count - 1) : std::max(0, windowIndex);
    if (isSequence()) {
        if (recordBusy_ || sequence_.recordIndex != requestedRecord_ || !sequence_.error.empty()) return;
        updateSequenceWindow();
        if (count > 0) Q_EMIT windowShown(requestedRecord_, window_);
        return;
    }
    if (recordBusy_ || latent_.recordIndex != requestedRecord_) return;  // applied when it arrives
    updateLatentPlot();
    updateReconPlot();
    updateInfo();
    if (count > 0) Q_EMIT windowShown(requestedRecord_, window_);
}

void LatentView::startRecord() {
    recordLoader_.drop();
    if (!model_ || !dataset_ || requestedRecord_ < 0) {
        recordBusy_ = false;
        latent_ = ml::RecordLatent();
        sequence_ = SequenceLatent();
        clearAll(!model_ ? tr("No run selected: choose a finished run (Runs view) or finish a training job.")
                         : tr("No record selected."));
        return;
    }
    recordBusy_ = true;
    info_->setStyleSheet(QString());
    info_->setText(tr("Encoding %1…").arg(QString::fromStdString(dataset_->records()[requestedRecord_].name)));
    if (isSequence()) {
        startSequenceRecord();
        return;
    }
    recordLoader_.start([model = model_, dataset = *dataset_, record = static_cast<std::size_t>(requestedRecord_)] {
        return ml::computeRecordLatent(*model, dataset, record);
    }, [this](ml::RecordLatent latent) { showLatent(std::move(latent)); });
}

void LatentView::cancelProjection() {
    if (projectionCancel_) projectionCancel_->store(true);
    projectionCancel_.reset();
}

void LatentView::startProjection() {
    cancelProjection();
    projectionLoader_.drop();
    projectionBusy_ = false;
    progressTimer_->stop();
    status_->clear();
    updateProjectionPlot();
    if (!model_ || !dataset_) return;
    projectionBusy_ = true;
    projectionCancel_ = std::make_shared<std::atomic<bool>>(false);
    projectionDone_ = std::make_shared<std::atomic<std::size_t>>(0);
    progressTimer_->start();
    projectionLoader_.start(
        [model = model_, dataset = *dataset_, cancel = projectionCancel_, done = projectionDone_] {
            const auto progress = [done](std::size_t k, std::size_t) { done->store(k); };
            return ml::computeLatentProjection(*model, dataset, *cancel, progress);
        },
        [this](ml::LatentProjection projection) { showProjection(std::move(projection)); });
}

// ---------------------------------------------------------------- results

void LatentView::showLatent(ml::RecordLatent latent) {
    recordBusy_ = false;
    latent_ = std::move(latent);
    if (!latent_.error.empty()) {
        const QString file = QString::fromStdString(latent_.errorFile);
        const QString reason = QString::fromStdString(latent_.error);
        clearAll(tr("Cannot show %1: %2").arg(file.isEmpty() ? tr("the record") : file, reason));
        info_->setStyleSheet(QStringLiteral("color: #b00020;"));
        Q_EMIT loadFailed(file, reason);
        return;
    }
    setWindow(window_);
    updateProjectionPlot();
}

void LatentView::showProjection(ml::LatentProjection projection) {
    projectionBusy_ = false;
    progressTimer_->stop();
    projection_ = std::move(projection);
    if (!projection_.error.empty()) {
        status_->setText(tr("No projection: %1").arg(QString::fromStdString(projection_.error)));
    } else {
        status_->setText(projection_.skipped ? tr("%1 records projected, %2 unreadable").arg(projection_.size()).arg(projection_.skipped)
                                             : tr("%1 records projected").arg(projection_.size()));
    }
    updateProjectionPlot();
    updateReconPlot();
    if (projection_.error.empty()) Q_EMIT projectionReady(static_cast<int>(projection_.size()));
}

void LatentView::clearAll(const QString& message) {
    info_->setStyleSheet(QString());
    info_->setText(message);
    for (QCPGraph* g : otherWindows_) latentPlot_->removeGraph(g);
    otherWindows_.clear();
    meanGraph_->data()->clear();
    stdBars_->data()->clear();
    reconBars_->data()->clear();
    reconCurrent_->data()->clear();
    reconMedian_->setVisible(false);
    reconMedianLabel_->setVisible(false);
    // Error messages stay in the info line; an empty plot says what it will show and how.
    const QString how = !model_ ? trainOrSelectRunHint() : selectRecordHint();
    const bool error = model_ && dataset_ && requestedRecord_ >= 0;
    setEmptyPlotText(*latentPlot_, error ? message : tr("The VAE latent of the current window appears here.") + QLatin1Char('\n') + how);
    setEmptyPlotText(*reconPlot_, error ? QString() : tr("How well the VAE reconstructs each window appears here.") + QLatin1Char('\n') + how);
    for (QCustomPlot* p : {latentPlot_, reconPlot_}) p->legend->setVisible(false);
    latentPlot_->replot();
    reconPlot_->replot();
    timeline_->clear(message);
    updateProjectionPlot();
}

QVector<double> LatentView::shownMean() const {
    QVector<double> v;
    for (auto it = meanGraph_->data()->constBegin(); it != meanGraph_->data()->constEnd(); ++it) v.push_back(it->value);
    return v;
}

QVector<double> LatentView::shownStd() const {
    QVector<double> v;
    for (int i = 0; i < stdBars_->dataCount(); ++i) v.push_back(stdBars_->data()->at(i).errorPlus);
    return v;
}

QVector<double> LatentView::shownReconError() const {
    QVector<double> v;
    for (auto it = reconBars_->data()->constBegin(); it != reconBars_->data()->constEnd(); ++it) v.push_back(it->value);
    return v;
}

QPointF LatentView::shownRecordPoint() const {
    if (currentPoint_->data()->isEmpty()) return {std::nan(""), std::nan("")};
    const auto it = currentPoint_->data()->constBegin();
    return {it->key, it->value};
}

void LatentView::updateLatentPlot() {
    for (QCPGraph* g : otherWindows_) latentPlot_->removeGraph(g);
    otherWindows_.clear();
    meanGraph_->data()->clear();
    stdBars_->data()->clear();
    const std::size_t n = latent_.windows();
    if (n == 0) {
        latentPlot_->replot();
        return;
    }
    setEmptyPlotText(*latentPlot_, {});
    latentPlot_->legend->setVisible(true);
    const auto d = latent_.mu.cols;
    QVector<double> dims(static_cast<int>(d));
    for (std::size_t c = 0; c < d; ++c) dims[static_cast<int>(c)] = static_cast<double>(c + 1);
    double low = 0, high = 0;
    for (std::size_t w = 0; w < n; ++w) {
        QVector<double> mu(static_cast<int>(d));
        for (std::size_t c = 0; c < d; ++c) {
            mu[static_cast<int>(c)] = latent_.mu(w, c);
            low = std::min(low, latent_.mu(w, c) - (w == static_cast<std::size_t>(window_) ? latent_.sigma(w, c) : 0.0));
            high = std::max(high, latent_.mu(w, c) + (w == static_cast<std::size_t>(window_) ? latent_.sigma(w, c) : 0.0));
        }
        if (w == static_cast<std::size_t>(window_)) {
            meanGraph_->setData(dims, mu, true);
            QVector<double> sigma(static_cast<int>(d));
            for (std::size_t c = 0; c < d; ++c) sigma[static_cast<int>(c)] = latent_.sigma(w, c);
            stdBars_->setData(sigma);
            continue;
        }
        QCPGraph* g = latentPlot_->addGraph();
        g->setData(dims, mu, true);
        g->setPen(QPen(QColor(120, 120, 120, 90), 1));
        g->setName(tr("other windows of the record"));
        g->removeFromLegend();
        if (otherWindows_.isEmpty()) g->addToLegend();
        otherWindows_.push_back(g);
    }
    // The faint lines go below the current window's (the grid layer is under the main one).
    for (QCPGraph* g : otherWindows_) g->setLayer(QStringLiteral("grid"));
    latentPlot_->xAxis->setRange(0.4, static_cast<double>(d) + 0.6);
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(d > 16 ? 4.0 : 1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssNone);
    latentPlot_->xAxis->setTicker(ticker);
    const double pad = 0.08 * std::max(1.0, high - low);
    latentPlot_->yAxis->setRange(low - pad, high + pad + 0.25 * (high - low));  // room for the legend
    setPlotTitle(*latentPlot_, tr("VAE latent of window %1 of %2 (%3–%4 s): μ ± σ per dimension")
                                   .arg(window_ + 1)
                                   .arg(n)
                                   .arg(number(latent_.startS[static_cast<std::size_t>(window_)], 4))
                                   .arg(number(latent_.endS[static_cast<std::size_t>(window_)], 4)));
    applyPlotStyle(*latentPlot_);
    latentPlot_->replot();
}

void LatentView::updateReconPlot() {
    reconBars_->data()->clear();
    reconCurrent_->data()->clear();
    const std::size_t n = latent_.windows();
    double top = 0;
    if (n > 0) {
        QVector<double> centre(static_cast<int>(n)), err(static_cast<int>(n));
        for (std::size_t w = 0; w < n; ++w) {
            centre[static_cast<int>(w)] = 0.5 * (latent_.startS[w] + latent_.endS[w]);
            err[static_cast<int>(w)] = latent_.reconError[w];
            top = std::max(top, latent_.reconError[w]);
        }
        double gap = latent_.endS[0] - latent_.startS[0];
        for (int w = 1; w < centre.size(); ++w) gap = std::min(gap, centre[w] - centre[w - 1]);
        const double width = 0.8 * std::max(gap, 0.5);
        reconBars_->setWidth(width);
        reconCurrent_->setWidth(width);
        reconBars_->setData(centre, err, true);
        reconCurrent_->addData(centre[window_], err[window_]);
        reconPlot_->xAxis->setRange(0, std::max(latent_.endS.back(), centre.back() + 0.5 * width));
        setEmptyPlotText(*reconPlot_, {});
        reconPlot_->legend->setVisible(true);
    }
    // The dataset's median as a reference, once the projection has it.
    if (!projection_.reconError.empty() && n > 0) {
        std::vector<double> all = projection_.reconError;
        std::nth_element(all.begin(), all.begin() + static_cast<long>(all.size() / 2), all.end());
        const double median = all[all.size() / 2];
        reconMedian_->point1->setCoords(0, median);
        reconMedian_->point2->setCoords(1, median);
        reconMedian_->setVisible(true);
        reconMedianLabel_->position->setCoords(0.01, median);
        reconMedianLabel_->setText(tr("median of the dataset's records: %1").arg(number(median)));
        reconMedianLabel_->setVisible(true);
        top = std::max(top, median);
    } else {
        reconMedian_->setVisible(false);
        reconMedianLabel_->setVisible(false);
    }
    reconPlot_->yAxis->setRange(0, top > 0 ? top * 1.35 : 1.0);
    reconPlot_->replot();
}

void LatentView::updateProjectionPlot() {
    for (QCPGraph* g : classGraphs_) g->data()->clear();
    currentPoint_->data()->clear();
    const ml::LatentProjection& p = projection_;
    if (dataset_ && p.error.empty() && p.size() > 0) {
        for (std::size_t i = 0; i < p.size(); ++i) {
            const auto record = static_cast<std::size_t>(p.records[i]);
            if (record >= dataset_->size()) continue;
            classGraphs_[groupOf(dataset_->records()[record].label)]->addData(p.pc1[i], p.pc2[i]);
            if (p.records[i] == requestedRecord_) currentPoint_->addData(p.pc1[i], p.pc2[i]);
        }
        projectionPlot_->xAxis->setLabel(tr("PC1 (%1 % of variance)").arg(number(100 * p.explained[0], 3)));
        projectionPlot_->yAxis->setLabel(tr("PC2 (%1 % of variance)").arg(number(100 * p.explained[1], 3)));
        for (int g = 0; g < kGroups; ++g) {
            // Only groups present in the dataset get a legend entry.
            if (classGraphs_[g]->data()->isEmpty()) classGraphs_[g]->removeFromLegend();
            else if (!projectionPlot_->legend->hasItemWithPlottable(classGraphs_[g])) classGraphs_[g]->addToLegend();
        }
        projectionPlot_->rescaleAxes();
        for (QCPAxis* a : {projectionPlot_->xAxis, projectionPlot_->yAxis}) a->scaleRange(1.1, a->range().center());
        setEmptyPlotText(*projectionPlot_, {});
        projectionPlot_->legend->setVisible(true);
    } else {
        projectionPlot_->xAxis->setLabel(tr("PC1"));
        projectionPlot_->yAxis->setLabel(tr("PC2"));
        projectionPlot_->legend->setVisible(false);
        setEmptyPlotText(*projectionPlot_, projectionBusy_ ? tr("Projecting the dataset…")
                                           : !model_ ? tr("Every record of the dataset as a point appears here.") + QLatin1Char('\n') + trainOrSelectRunHint()
                                           : !dataset_ ? tr("Every record of the dataset as a point appears here.\nOpen a dataset.")
                                                       : QString::fromStdString(projection_.error));
    }
    applyPlotStyle(*projectionPlot_);
    projectionPlot_->replot();
}

void LatentView::updateInfo() {
    if (!model_ || !dataset_ || requestedRecord_ < 0 || latent_.windows() == 0) return;
    const auto& entry = dataset_->records()[static_cast<std::size_t>(requestedRecord_)];
    const auto w = static_cast<std::size_t>(window_);
    double norm = 0, meanSigma = 0;
    for (std::size_t c = 0; c < latent_.mu.cols; ++c) {
        norm += latent_.mu(w, c) * latent_.mu(w, c);
        meanSigma += latent_.sigma(w, c) / static_cast<double>(latent_.mu.cols);
    }
    info_->setStyleSheet(QString());
    info_->setText(tr("Run %1 (%2) · record %3%4 · window %5 of %6 · ‖μ‖ = %7 · mean σ = %8 · reconstruction MSE = %9")
                       .arg(model_->runId())
                       .arg(QString::fromStdString(model_->task()))
                       .arg(QString::fromStdString(entry.name))
                       .arg(entry.label.empty() ? QString() : tr(" (label %1)").arg(QString::fromStdString(entry.label)))
                       .arg(window_ + 1)
                       .arg(latent_.windows())
                       .arg(number(std::sqrt(norm)))
                       .arg(number(meanSigma))
                       .arg(number(latent_.reconError[w])));
}

// ---------------------------------------------------------------- hover and click

QPointF LatentView::projectionPixel(int recordIndex) const {
    for (std::size_t i = 0; i < projection_.size(); ++i)
        if (projection_.records[i] == recordIndex)
            return {projectionPlot_->xAxis->coordToPixel(projection_.pc1[i]),
                    projectionPlot_->yAxis->coordToPixel(projection_.pc2[i])};
    return {std::nan(""), std::nan("")};
}

int LatentView::nearestProjected(const QPointF& pixel, double maxDistance) const {
    int best = -1;
    double bestD = maxDistance * maxDistance;
    for (std::size_t i = 0; i < projection_.size(); ++i) {
        const double dx = projectionPlot_->xAxis->coordToPixel(projection_.pc1[i]) - pixel.x();
        const double dy = projectionPlot_->yAxis->coordToPixel(projection_.pc2[i]) - pixel.y();
        if (dx * dx + dy * dy <= bestD) {
            bestD = dx * dx + dy * dy;
            best = static_cast<int>(i);
        }
    }
    return best;
}

QString LatentView::describeProjectionAt(const QPointF& pixel) const {
    if (!dataset_ || !model_) return {};
    const int i = nearestProjected(pixel, 8);
    if (i < 0) return {};
    const auto k = static_cast<std::size_t>(i);
    const auto& entry = dataset_->records()[static_cast<std::size_t>(projection_.records[k])];
    const QString positive = QString::fromStdString(model_->classNames()[static_cast<std::size_t>(model_->positiveClass())]);
    return tr("%1%2\nscore p(%3) = %4\nPC1 %5, PC2 %6\nclick to open")
        .arg(QString::fromStdString(entry.name))
        .arg(entry.label.empty() ? QString() : tr(" · label %1").arg(QString::fromStdString(entry.label)))
        .arg(positive)
        .arg(number(projection_.score[k]))
        .arg(number(projection_.pc1[k]))
        .arg(number(projection_.pc2[k]));
}

void LatentView::onProjectionMove(QMouseEvent* event) {
    const QString text = describeProjectionAt(event->position());
    if (text == hoverText_) return;
    hoverText_ = text;
    if (text.isEmpty()) QToolTip::hideText();
    else QToolTip::showText(event->globalPosition().toPoint(), text, projectionPlot_);
}

void LatentView::onProjectionPress(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return;
    const int i = nearestProjected(event->position(), 8);
    if (i >= 0) Q_EMIT recordActivated(projection_.records[static_cast<std::size_t>(i)]);
}

}  // namespace dacl::ui
