#include "ui/views/probability_band.h"

#include "core/common/error.h"
#include "core/dsp/rr_features.h"
#include "ui/plots/plot_style.h"
#include "ui/views/sequence_heatmap.h"
#include "ui/loaders/thread_pools.h"

#include "ui/plots/custom_plot.h"

#include <QFileInfo>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace dacl::ui {

namespace {

struct Scored {
    int record = -1;
    ml::RecordPrediction prediction;
    std::string error, errorFile;
};

}  // namespace

QCPColorGradient probabilityGradient() {
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0.0, QColor(250, 250, 250));
    g.setColorStopAt(0.5, QColor(253, 174, 97));
    g.setColorStopAt(1.0, QColor(165, 0, 38));
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

std::vector<double> cellProbabilities(const std::vector<double>& startS, const std::vector<double>& endS,
                                      const std::vector<double>& p, double cellSeconds, int cells) {
    std::vector<double> sum(static_cast<std::size_t>(std::max(cells, 0)), 0.0);
    std::vector<int> count(sum.size(), 0);
    for (std::size_t i = 0; i < startS.size() && i < endS.size() && i < p.size(); ++i) {
        // Cells whose centre lies in [start, end): k >= start/cell - 0.5 and k < end/cell - 0.5.
        const long a = std::max(0L, static_cast<long>(std::ceil(startS[i] / cellSeconds - 0.5)));
        const long b = std::min(static_cast<long>(cells), static_cast<long>(std::ceil(endS[i] / cellSeconds - 0.5)));
        for (long k = a; k < b; ++k) {
            sum[static_cast<std::size_t>(k)] += p[i];
            ++count[static_cast<std::size_t>(k)];
        }
    }
    for (std::size_t k = 0; k < sum.size(); ++k) sum[k] = count[k] ? sum[k] / count[k] : std::nan("");
    return sum;
}

namespace {

// Colour cells per record: 0.1 s, coarser for long records (a Holter day stays ~4,000 cells).
double cellSeconds(double duration) { return std::max(0.1, duration / 4000.0); }

QString number(double v, int digits = 3) { return QLocale().toString(v, 'g', digits); }

}  // namespace

ProbabilityBand::ProbabilityBand(QWidget* parent) : QWidget(parent), loader_(this, viewThreadPool()) {
    plot_ = new QCustomPlot(this);
    plot_->setInteractions(QCP::Interactions());
    plot_->setMinimumHeight(70);
    plot_->setMaximumHeight(90);
    QCPAxisRect* rect = plot_->axisRect();
    rect->setAutoMargins(QCP::msNone);
    rect->setMargins(QMargins(60, 4, 20, 4));
    plot_->xAxis->setTickLabels(false);
    plot_->yAxis->setRange(-0.06, 1.06);  // a p line at 0 or 1 stays visible inside the band
    plot_->yAxis->setLabel(tr("p"));
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(0.5);
    plot_->yAxis->setTicker(ticker);
    map_ = addHeatmap(rect, probabilityGradient());
    map_->setDataRange(QCPRange(0, 1));
    line_ = plot_->addGraph();
    line_->setPen(QPen(QColor(30, 30, 30), 1.5));
    threshold_ = new QCPItemStraightLine(plot_);
    threshold_->setPen(QPen(QColor(60, 60, 60), 1, Qt::DashLine));
    label_ = new QCPItemText(plot_);
    label_->position->setType(QCPItemPosition::ptAxisRectRatio);
    label_->position->setCoords(0.005, 0.06);
    label_->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    label_->setBrush(QColor(255, 255, 255, 215));
    label_->setPadding(QMargins(3, 1, 3, 1));
    label_->setClipToAxisRect(true);
    applyPlotStyle(*plot_);
    plot_->xAxis->grid()->setVisible(false);
    plot_->yAxis->grid()->setVisible(false);
    plot_->setMouseTracking(true);
    connect(plot_, &QCustomPlot::mouseMove, this, &ProbabilityBand::onMove);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    setVisible(false);
}

void ProbabilityBand::follow(QCustomPlot* plot, QCPAxis* timeAxis) {
    followed_ = plot;
    timeAxis_ = timeAxis;
    connect(plot, &QCustomPlot::afterReplot, this, &ProbabilityBand::align);
}

void ProbabilityBand::align() {
    if (!timeAxis_ || !isVisible()) return;
    // The same pixels as the trace: the left edge of its axis rect and its right margin.
    const QRect r = timeAxis_->axisRect()->rect();
    const QPoint topLeft = followed_->mapTo(window(), r.topLeft());
    const QPoint mine = plot_->mapTo(window(), QPoint(0, 0));
    const int left = std::max(0, topLeft.x() - mine.x());
    const int right = std::max(0, plot_->width() - left - r.width());
    plot_->axisRect()->setMargins(QMargins(left, 4, right, 4));
    plot_->xAxis->setRange(timeAxis_->range());
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ProbabilityBand::setModel(std::shared_ptr<const ml::RunModel> model) {
    if (model == model_) return;
    model_ = std::move(model);
    setVisible(model_ != nullptr);
    start();
}

void ProbabilityBand::setRecord(const Dataset* dataset, int recordIndex, int lead) {
    const int record = dataset && recordIndex >= 0 && static_cast<std::size_t>(recordIndex) < dataset->size() ? recordIndex : -1;
    if (dataset == dataset_ && record == record_ && lead == lead_) return;
    dataset_ = dataset;
    record_ = record;
    lead_ = lead;
    start();
}

namespace {
QString canonical(const QString& file) {
    const QString c = QFileInfo(file).canonicalFilePath();
    return c.isEmpty() ? QFileInfo(file).absoluteFilePath() : c;
}
}  // namespace

QString ProbabilityBand::shownFile() const {
    if (!dataset_ || record_ < 0) return {};
    const RecordEntry& e = dataset_->records().at(static_cast<std::size_t>(record_));
    return canonical(QString::fromStdString(e.headerPath));
}

void ProbabilityBand::expectPrediction(const QString& recordFile) {
    expected_ = canonical(recordFile);
    start();
}

void ProbabilityBand::offerPrediction(const QString& recordFile, std::int64_t runId, std::map<int, OfferedLead> leads) {
    offeredFile_ = canonical(recordFile);
    offeredRun_ = runId;
    offered_ = std::move(leads);
    if (expected_ == offeredFile_) expected_.clear();
    start();
}

void ProbabilityBand::dropExpectation() {
    if (expected_.isEmpty()) return;
    expected_.clear();
    start();
}

void ProbabilityBand::start() {
    loader_.drop();
    shownRecord_ = -1;
    spans_ = ml::SpanProbabilities();
    waiting_ = false;
    if (!model_ || !dataset_ || record_ < 0) {
        busy_ = false;
        clearBand(QString());
        return;
    }
    const QString file = shownFile();
    const auto offer = offered_.find(lead_);
    if (file == offeredFile_ && model_->runId() == offeredRun_ && offer != offered_.end()) {
        busy_ = false;
        ml::RecordPrediction p;
        p.spans = offer->second.spans;
        p.score = offer->second.score;
        p.fused = offer->second.fused;
        showPrediction(record_, p);
        return;
    }
    if (!expected_.isEmpty() && file == expected_) {
        busy_ = false;
        waiting_ = true;
        clearBand(tr("The Assessment is scoring this recording…"));
        return;
    }
    busy_ = true;
    clearBand(tr("Scoring the record with run %1…").arg(model_->runId()));
    loader_.start(
        [model = model_, dataset = *dataset_, record = record_, lead = lead_] {
            Scored s;
            s.record = record;
            try {
                s.errorFile = dataset.records().at(static_cast<std::size_t>(record)).headerPath;
                s.prediction = model->predict(*dataset.signal(static_cast<std::size_t>(record)), lead);
                s.errorFile.clear();
            } catch (const std::exception& e) {
                describeError(e, s.error, s.errorFile);
            }
            return s;
        },
        // Delivered only when no other record, lead or run was asked for meanwhile.
        [this](const Scored& s) {
            busy_ = false;
            if (!s.error.empty()) {
                clearBand(tr("No probability over time: %1").arg(QString::fromStdString(s.error)));
                Q_EMIT loadFailed(QString::fromStdString(s.errorFile), QString::fromStdString(s.error));
                return;
            }
            showPrediction(s.record, s.prediction);
        });
}

void ProbabilityBand::clearBand(const QString& message) {
    map_->data()->clear();
    line_->data()->clear();
    threshold_->setVisible(false);
    label_->setText(message);
    label_->setVisible(!message.isEmpty());
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ProbabilityBand::showPrediction(int record, const ml::RecordPrediction& p) {
    spans_ = p.spans;
    score_ = p.score;
    fused_ = p.fused;
    shownRecord_ = record;
    const std::size_t n = spans_.size();
    double end = 0;
    for (std::size_t i = 0; i < n; ++i) end = std::max(end, spans_.endS[i]);
    // Each cell: the mean p of the spans that contain its centre (spans overlap by half).
    const double cell = cellSeconds(end);
    const int cells = std::max(1, static_cast<int>(std::ceil(end / cell)));
    const std::vector<double> row = cellProbabilities(spans_.startS, spans_.endS, spans_.score, cell, cells);
    std::vector<double> values = row;
    values.insert(values.end(), row.begin(), row.end());
    // Two equal rows over the axis: the band fills the whole height behind the p line.
    fillHeatmap(map_, values.data(), 2, cells, 0.5 * cell, cell);
    map_->data()->setValueRange(QCPRange(0.22, 0.78));
    QVector<double> x, y;
    for (std::size_t i = 0; i < n; ++i) {
        x.push_back(0.5 * (spans_.startS[i] + spans_.endS[i]));
        y.push_back(spans_.score[i]);
    }
    line_->setData(x, y, true);
    const double th = model_->threshold();
    threshold_->setVisible(std::isfinite(th));
    if (std::isfinite(th)) {
        threshold_->point1->setCoords(0, th);
        threshold_->point2->setCoords(1, th);
    }
    label_->setText(summaryText());
    label_->setVisible(true);
    // The label goes where the p line is not: spans mostly sit near the record's score.
    const bool high = score_ >= 0.5;
    label_->position->setCoords(0.005, high ? 0.94 : 0.06);
    label_->setPositionAlignment(Qt::AlignLeft | (high ? Qt::AlignBottom : Qt::AlignTop));
    align();
    plot_->replot();
    Q_EMIT predictionShown(record);
}

QString ProbabilityBand::summaryText() const {
    if (!model_ || shownRecord_ < 0) return {};
    const QString positive = QString::fromStdString(model_->classNames()[static_cast<std::size_t>(model_->positiveClass())]);
    const double span = model_->isSequence() ? model_->settings().getDouble("predict.span_s")
                                             : model_->windowSamples() / model_->sampleRate();
    QString text = tr("p(%1) over time, %2-s spans · record score %3")
                       .arg(positive)
                       .arg(number(span))
                       .arg(QLocale().toString(score_, 'f', 3));
    if (fused_)
        text += model_->rhythmFeatureCount() > dsp::kRrFeatureCount ? tr(" (fused with RR and P-wave features)")
                                                                    : tr(" (with the RR-interval booster)");
    const double th = model_->threshold();
    if (std::isfinite(th)) text += tr(" · threshold %1 (dashed)").arg(QLocale().toString(th, 'f', 3));
    return text;
}

double ProbabilityBand::shownProbabilityAt(double seconds) const {
    QCPColorMapData* d = map_->data();
    if (d->isEmpty() || shownRecord_ < 0) return std::nan("");
    int k = 0, r = 0;
    d->coordToCell(seconds, 0.5, &k, &r);
    if (k < 0 || k >= d->keySize()) return std::nan("");
    return d->cell(k, 0);
}

QVector<double> ProbabilityBand::shownLineTimes() const {
    QVector<double> v;
    for (auto it = line_->data()->constBegin(); it != line_->data()->constEnd(); ++it) v.push_back(it->key);
    return v;
}

QVector<double> ProbabilityBand::shownLineValues() const {
    QVector<double> v;
    for (auto it = line_->data()->constBegin(); it != line_->data()->constEnd(); ++it) v.push_back(it->value);
    return v;
}

QString ProbabilityBand::describeAt(const QPointF& pixel) const {
    if (!model_ || shownRecord_ < 0 || !plot_->axisRect()->rect().contains(pixel.toPoint())) return {};
    const double t = plot_->xAxis->pixelToCoord(pixel.x());
    int count = 0;
    for (std::size_t i = 0; i < spans_.size(); ++i) count += t >= spans_.startS[i] && t < spans_.endS[i];
    const double p = shownProbabilityAt(t);
    if (count == 0 || !std::isfinite(p)) return {};
    const QString positive = QString::fromStdString(model_->classNames()[static_cast<std::size_t>(model_->positiveClass())]);
    return tr("t = %1 s · p(%2) = %3 (%n span(s))", nullptr, count)
        .arg(number(t, 4))
        .arg(positive)
        .arg(QLocale().toString(p, 'f', 3));
}

void ProbabilityBand::onMove(QMouseEvent* event) {
    const QString text = describeAt(event->position());
    if (text == hoverText_) return;
    hoverText_ = text;
    if (text.isEmpty()) QToolTip::hideText();
    else QToolTip::showText(event->globalPosition().toPoint(), text, plot_);
}

QColor ProbabilityBand::colourOf(double p) const { return QColor::fromRgba(map_->gradient().color(p, QCPRange(0, 1))); }

}  // namespace dacl::ui
