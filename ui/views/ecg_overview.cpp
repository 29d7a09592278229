#include "ui/views/ecg_overview.h"

#include "ui/views/probability_band.h"
#include "ui/views/sequence_heatmap.h"

#include "ui/plots/custom_plot.h"
#include "ui/plots/empty_plot.h"

#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace dacl::ui {

namespace {

constexpr double kBandRow = 0.6;  // height of the episode and probability rows (a lead row is 1)
constexpr double kHrRow = 0.9;
constexpr double kHrLow = 30, kHrHigh = 180;  // bpm shown by the heart-rate row

QColor familyColour(int family, int alpha) {
    static const QColor colours[4] = {QColor(0, 158, 115), QColor(213, 94, 0), QColor(204, 121, 167),
                                      QColor(120, 120, 120)};
    QColor c = colours[std::clamp(family, 0, 3)];
    c.setAlpha(alpha);
    return c;
}

}  // namespace

EcgOverview::EcgOverview(QWidget* parent) : QWidget(parent) {
    plot_ = new QCustomPlot(this);
    plot_->setInteractions(QCP::Interactions());
    plot_->setBackground(palette().window());
    plot_->axisRect()->setBackground(Qt::white);
    plot_->yAxis->setVisible(false);
    plot_->yAxis->grid()->setVisible(false);
    plot_->xAxis->grid()->setPen(QPen(QColor(225, 225, 225), 1));
    plot_->axisRect()->setAutoMargins(QCP::msBottom | QCP::msTop | QCP::msRight);
    plot_->axisRect()->setMargins(QMargins(8, 0, 0, 0));
    plot_->addLayer(QStringLiteral("marks"), plot_->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    connect(plot_, &QCustomPlot::mousePress, this, &EcgOverview::onMouse);
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
        if (e->buttons() & Qt::LeftButton) onMouse(e);
    });
    setToolTip(tr("The whole record: click or drag to show that part on the strip"));
    rebuild();
}

void EcgOverview::clear() {
    leads_.clear();
    fs_ = duration_ = 0;
    episodes_.clear();
    pStart_.clear();
    pEnd_.clear();
    p_.clear();
    hasProbability_ = false;
    hrT_.clear();
    hrBpm_.clear();
    rebuild();
}

void EcgOverview::setHeartRate(const std::vector<long>& peaks, double fs) {
    hrT_.clear();
    hrBpm_.clear();
    for (std::size_t i = 1; fs > 0 && i < peaks.size(); ++i) {
        const double rr = (peaks[i] - peaks[i - 1]) / fs;
        if (rr < 0.24 || rr > 3) continue;  // a missed or extra beat, not a rate
        hrT_.push_back(peaks[i] / fs);
        hrBpm_.push_back(60 / rr);
    }
    rebuild();
}

void EcgOverview::setLeads(const QVector<Lead>& leads, double fs) {
    leads_.clear();
    for (const Lead& l : leads)
        if (l.samples && !l.samples->empty()) leads_.push_back(l);
    fs_ = fs > 0 ? fs : 0;
    duration_ = leads_.isEmpty() || fs_ <= 0 ? 0 : static_cast<double>(leads_.front().samples->size()) / fs_;
    rebuild();
}

void EcgOverview::setAnnotations(const std::vector<EcgAnnotation>& annotations) {
    episodes_.clear();
    for (const auto& a : annotations)
        if (a.isEpisode()) episodes_.push_back(a);
    rebuild();
}

void EcgOverview::setProbability(const std::vector<double>& startS, const std::vector<double>& endS,
                                 const std::vector<double>& p) {
    pStart_ = startS;
    pEnd_ = endS;
    p_ = p;
    hasProbability_ = !p_.empty() && p_.size() == pStart_.size() && p_.size() == pEnd_.size();
    rebuild();
}

QStringList EcgOverview::leadLabels() const {
    QStringList names;
    for (const Lead& l : leads_) names << l.name;
    return names;
}

void EcgOverview::rebuild() {
    plot_->clearGraphs();
    plot_->clearItems();
    plot_->clearPlottables();
    map_ = nullptr;
    const int leads = static_cast<int>(leads_.size());
    const double pRow = hasProbability_ ? kBandRow : 0;
    const double eRow = episodes_.empty() ? 0 : kBandRow;
    const double hRow = hrT_.empty() ? 0 : kHrRow;
    // Bottom to top: p band, episodes, heart rate, leads.
    const double height = std::max(1, leads) + pRow + eRow + hRow;
    probabilityRowY_ = pRow / 2;
    episodeRowY_ = pRow + eRow / 2;
    hrRowBottom_ = pRow + eRow;
    const bool longRecord = duration_ > 600;
    if (longRecord) {
        QSharedPointer<QCPAxisTickerTime> t(new QCPAxisTickerTime);
        t->setTimeFormat(QStringLiteral("%h:%m:%s"));
        plot_->xAxis->setTicker(t);
        plot_->xAxis->setLabel(tr("Whole record (h:min:s)"));
    } else {
        plot_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        plot_->xAxis->setLabel(tr("Whole record (s)"));
    }
    plot_->xAxis->setRange(0, duration_ > 0 ? duration_ : 1);
    plot_->yAxis->setRange(0, height);

    // One envelope per lead: the band between each pixel column's minimum and maximum.
    const int columns = std::max(100, plot_->axisRect()->width());
    builtColumns_ = plot_->axisRect()->width();
    for (int k = 0; k < leads && duration_ > 0; ++k) {
        const Lead& l = leads_[k];
        const auto d = dsp::decimateMinMax(*l.samples, l.pyramid, fs_, 0, duration_, columns);
        const double rowCentre = height - 0.5 - k;
        const double scale = 0.9 / std::max(l.span, 0.2);  // the robust range fills 90 % of the row
        auto y = [&](double v) { return std::clamp(rowCentre + (v - l.centre) * scale, rowCentre - 0.5, rowCentre + 0.5); };
        QVector<double> t, lo, hi;
        if (d.raw) {
            for (std::size_t i = 0; i < d.t.size(); ++i) t.push_back(d.t[i]), lo.push_back(y(d.v[i]));
            hi = lo;
        } else {
            for (std::size_t i = 0; i + 1 < d.t.size(); i += 2)
                t.push_back(d.t[i]), lo.push_back(y(d.v[i])), hi.push_back(y(d.v[i + 1]));
        }
        QCPGraph* low = plot_->addGraph();
        QCPGraph* high = plot_->addGraph();
        const QPen pen(QColor(40, 40, 40), 1.0);
        low->setPen(pen);
        high->setPen(pen);
        low->setData(t, lo, true);
        high->setData(t, hi, true);
        high->setBrush(QColor(110, 110, 110));
        high->setChannelFillGraph(low);
        auto* label = new QCPItemText(plot_);
        label->setLayer(QStringLiteral("marks"));
        label->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(0.002, rowCentre + 0.45);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->setText(l.name);
        label->setColor(QColor(0, 70, 120));
        label->setBrush(QColor(255, 255, 255, 220));
        label->setPadding(QMargins(2, 0, 2, 0));
    }

    // Heart rate: each beat's rate, or each column's mean when beats outnumber the columns.
    if (!hrT_.empty() && duration_ > 0) {
        QVector<double> t, y;
        auto toRow = [&](double bpm) {
            return hrRowBottom_ + 0.08 + 0.84 * (std::clamp(bpm, kHrLow, kHrHigh) - kHrLow) / (kHrHigh - kHrLow);
        };
        if (static_cast<int>(hrT_.size()) <= columns) {
            for (std::size_t i = 0; i < hrT_.size(); ++i) t.push_back(hrT_[i]), y.push_back(toRow(hrBpm_[i]));
        } else {
            std::vector<double> sum(static_cast<std::size_t>(columns), 0.0);
            std::vector<int> count(sum.size(), 0);
            for (std::size_t i = 0; i < hrT_.size(); ++i) {
                const auto c = static_cast<std::size_t>(std::clamp(static_cast<int>(hrT_[i] / duration_ * columns), 0, columns - 1));
                sum[c] += hrBpm_[i];
                ++count[c];
            }
            for (int c = 0; c < columns; ++c) {
                t.push_back((c + 0.5) * duration_ / columns);
                y.push_back(count[static_cast<std::size_t>(c)] ? toRow(sum[static_cast<std::size_t>(c)] / count[static_cast<std::size_t>(c)])
                                                                : std::nan(""));
            }
        }
        QCPGraph* hr = plot_->addGraph();
        hr->setPen(QPen(QColor(0, 114, 178), 1.2));
        hr->setData(t, y, true);
        auto* label = new QCPItemText(plot_);
        label->setLayer(QStringLiteral("marks"));
        label->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(0.002, hrRowBottom_ + kHrRow - 0.04);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->setText(tr("HR %1–%2 bpm").arg(kHrLow).arg(kHrHigh));
        label->setColor(QColor(0, 114, 178));
        label->setBrush(QColor(255, 255, 255, 220));
        label->setPadding(QMargins(2, 0, 2, 0));
        auto* line = new QCPItemStraightLine(plot_);
        line->setPen(QPen(QColor(225, 225, 225), 1));
        line->point1->setCoords(0, hrRowBottom_);
        line->point2->setCoords(1, hrRowBottom_);
    }

    // Episodes as coloured spans with their text where it fits.
    const double pxPerS = duration_ > 0 ? plot_->axisRect()->width() / duration_ : 0;
    for (const EcgAnnotation& e : episodes_) {
        const int family = annotationFamily(e.text);
        auto* r = new QCPItemRect(plot_);
        r->setLayer(QStringLiteral("marks"));
        r->setPen(Qt::NoPen);
        r->setBrush(familyColour(family, 170));
        r->topLeft->setCoords(e.onsetS, episodeRowY_ + kBandRow / 2 * 0.9);
        r->bottomRight->setCoords(e.onsetS + std::max(e.durationS, 1.5 / std::max(pxPerS, 1e-9)), episodeRowY_ - kBandRow / 2 * 0.9);
        const QString text = QString::fromStdString(e.text);
        if (e.durationS * pxPerS > QFontMetrics(font()).horizontalAdvance(text) + 6) {
            auto* label = new QCPItemText(plot_);
            label->setLayer(QStringLiteral("marks"));
            label->setClipToAxisRect(true);
            label->position->setCoords(e.onsetS, episodeRowY_);
            label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
            label->setPadding(QMargins(3, 0, 3, 0));
            label->setText(text);
            label->setColor(Qt::white);
        }
    }

    if (hasProbability_ && duration_ > 0) {
        map_ = addHeatmap(plot_->axisRect(), probabilityGradient());
        map_->setDataRange(QCPRange(0, 1));
        const double cell = std::max(0.1, duration_ / std::max(columns, 1));
        const int cells = std::max(1, static_cast<int>(std::ceil(duration_ / cell)));
        const std::vector<double> row = cellProbabilities(pStart_, pEnd_, p_, cell, cells);
        std::vector<double> values = row;
        values.insert(values.end(), row.begin(), row.end());
        fillHeatmap(map_, values.data(), 2, cells, 0.5 * cell, cell);
        map_->data()->setValueRange(QCPRange(pRow * 0.25, pRow * 0.75));
        auto* label = new QCPItemText(plot_);
        label->setLayer(QStringLiteral("marks"));
        label->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(0.002, probabilityRowY_);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        label->setText(tr("p"));
        label->setBrush(QColor(255, 255, 255, 220));
        label->setPadding(QMargins(2, 0, 2, 0));
    }

    visible_ = new QCPItemRect(plot_);
    visible_->setLayer(QStringLiteral("marks"));
    visible_->setPen(QPen(QColor(213, 94, 0), 2));
    visible_->setBrush(QColor(213, 94, 0, 30));
    highlight_ = new QCPItemRect(plot_);
    highlight_->setLayer(QStringLiteral("marks"));
    highlight_->setPen(Qt::NoPen);
    highlight_->setBrush(QColor(0, 114, 178, 45));
    placeRect(visible_, visibleA_, visibleB_);
    placeRect(highlight_, highlightA_, highlightB_);
    setEmptyPlotText(*plot_, duration_ > 0 ? QString()
                                           : tr("The whole record appears here as a timeline: click it to move the strip."));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void EcgOverview::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    // The envelope has one column per pixel: rebuild when the width changes noticeably.
    plot_->replot();
    if (duration_ > 0 && std::abs(plot_->axisRect()->width() - builtColumns_) > 8) rebuild();
}

void EcgOverview::placeRect(QCPItemRect* rect, double a, double b) {
    if (!rect) return;
    rect->setVisible(duration_ > 0 && b > a);
    if (!rect->visible()) return;
    // At least 3 px wide: a 10-s page in a 24-h record would otherwise be invisible.
    const double w = plot_->axisRect()->width();
    const double minS = w > 0 ? 3 * duration_ / w : 0;
    if (b - a < minS) {
        const double c = (a + b) / 2;
        a = c - minS / 2;
        b = c + minS / 2;
    }
    rect->topLeft->setType(QCPItemPosition::ptPlotCoords);
    rect->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
    rect->bottomRight->setType(QCPItemPosition::ptPlotCoords);
    rect->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    rect->topLeft->setCoords(a, 0);
    rect->bottomRight->setCoords(b, 1);
}

void EcgOverview::setVisibleRange(double a, double b) {
    visibleA_ = a;
    visibleB_ = b;
    placeRect(visible_, a, b);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void EcgOverview::setHighlight(double a, double b) {
    highlightA_ = a;
    highlightB_ = b;
    placeRect(highlight_, a, b);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

double EcgOverview::probabilityAt(double seconds) const {
    if (!map_ || !hasProbability_) return std::nan("");
    int k = 0, r = 0;
    map_->data()->coordToCell(seconds, probabilityRowY_, &k, &r);
    if (k < 0 || k >= map_->data()->keySize()) return std::nan("");
    return map_->data()->cell(k, 0);
}

double EcgOverview::timeAt(const QPointF& p) const {
    if (duration_ <= 0 || !plot_->axisRect()->rect().contains(p.toPoint())) return -1;
    return std::clamp(plot_->xAxis->pixelToCoord(p.x()), 0.0, duration_);
}

QPointF EcgOverview::pixelOf(double seconds) const {
    const double height = plot_->yAxis->range().upper;
    return {plot_->xAxis->coordToPixel(seconds), plot_->yAxis->coordToPixel(height - 0.5)};
}

void EcgOverview::onMouse(QMouseEvent* event) {
    const double t = timeAt(event->position());
    if (t >= 0) Q_EMIT timeRequested(t);
}

}  // namespace dacl::ui
