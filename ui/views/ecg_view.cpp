#include "ui/views/ecg_view.h"

#include "ui/plots/ecg_paper.h"
#include "ui/plots/palette.h"
#include "ui/views/ecg_overview.h"
#include "ui/views/probability_band.h"
#include "ui/views/view_thread_pool.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QScreen>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>

namespace dacl::ui {

namespace {

constexpr double kMinMmPerSecond = 0.5;
constexpr double kMaxMmPerSecond = 1000;
constexpr double kCalibrationWidthMm = 12;  // paper before the trace that holds the 1 mV pulse
constexpr double kPulseSeconds = 0.2;       // the standard 1 mV, 200 ms calibration pulse
constexpr double kCursorGrabPixels = 6;

QString labelName(const std::string& label) {
    if (label == "N") return EcgView::tr("Normal");
    if (label == "A") return EcgView::tr("AF");
    if (label == "O") return EcgView::tr("Other rhythm");
    if (label == "~") return EcgView::tr("Noisy");
    return EcgView::tr("unlabelled");
}

QString formatNumber(double v) { return QLocale().toString(v, 'g', 4); }

// Selects `value` in a combo of presets; a non-preset value gets (or updates) a last extra item.
void selectValue(QComboBox* combo, double value, int presets, const QString& customText) {
    QSignalBlocker block(combo);
    for (int i = 0; i < presets; ++i)
        if (std::abs(combo->itemData(i).toDouble() - value) < 1e-9) {
            while (combo->count() > presets) combo->removeItem(presets);
            combo->setCurrentIndex(i);
            return;
        }
    if (combo->count() == presets) combo->addItem(customText, value);
    combo->setItemText(presets, customText);
    combo->setItemData(presets, value);
    combo->setCurrentIndex(presets);
}

// The smallest of `steps` whose spacing is at least `minPixels` (labels never crowd).
double labelStep(std::initializer_list<double> steps, double pixelsPerUnit, double minPixels) {
    for (double s : steps)
        if (s * pixelsPerUnit >= minPixels) return s;
    return *(steps.end() - 1);
}

void setFixedTicks(QCPAxis* axis, double step) {
    auto t = axis->ticker().dynamicCast<QCPAxisTickerFixed>();
    if (!t) {
        t.reset(new QCPAxisTickerFixed);
        t->setScaleStrategy(QCPAxisTickerFixed::ssNone);
        axis->setTicker(t);
    }
    t->setTickStep(step);
}

QCPItemPosition* placeXData(QCPItemPosition* p, QCPAxisRect* rect, double x, double yRatio) {
    p->setAxisRect(rect);
    p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    p->setTypeX(QCPItemPosition::ptPlotCoords);
    p->setTypeY(QCPItemPosition::ptAxisRectRatio);
    p->setCoords(x, yRatio);
    return p;
}

}  // namespace

EcgView::EcgView(QWidget* parent) : QWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    buildToolbar();
    buildPlot();
    overview_ = new EcgOverview(this);
    overview_->setMinimumHeight(120);
    connect(overview_, &EcgOverview::timeRequested, this, [this](double t) {
        const double span = visibleSpanS();
        setVisibleStart(std::clamp(t - span / 2, 0.0, std::max(0.0, stripDurationS() - span)));
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Lead"), this));
    bar->addWidget(leadCombo_);
    bar->addSpacing(8);
    bar->addWidget(speedCombo_);
    bar->addWidget(gainCombo_);
    bar->addWidget(filterBox_);
    auto* fit = new QToolButton(this);
    fit->setText(tr("Fit"));
    fit->setToolTip(tr("Show the whole record (F)"));
    connect(fit, &QToolButton::clicked, this, &EcgView::fitToWindow);
    bar->addWidget(fit);
    bar->addStretch(1);
    bar->addWidget(readout_);
    layout->addLayout(bar);
    layout->addWidget(info_);
    // The calibrated strip above, the whole record below; the user can move the divider.
    auto* split = new QSplitter(Qt::Vertical, this);
    band_ = new ProbabilityBand(this);
    band_->follow(plot_, traceRect_->axis(QCPAxis::atBottom));
    split->addWidget(plot_);
    split->addWidget(band_);
    split->addWidget(overview_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 0);
    split->setStretchFactor(2, 2);
    split->setChildrenCollapsible(false);
    layout->addWidget(split, 1);
    clearPlot(tr("No record selected"));
}

EcgView::~EcgView() = default;

void EcgView::buildToolbar() {
    leadCombo_ = new QComboBox(this);
    leadCombo_->setEnabled(false);
    connect(leadCombo_, &QComboBox::activated, this, [this](int i) { setLead(i); });

    speedCombo_ = new QComboBox(this);
    for (double v : speedPresets()) speedCombo_->addItem(tr("%1 mm/s").arg(formatNumber(v)), v);
    speedCombo_->setToolTip(tr("Paper speed"));
    connect(speedCombo_, &QComboBox::activated, this,
            [this](int i) { setMmPerSecond(speedCombo_->itemData(i).toDouble()); });

    gainCombo_ = new QComboBox(this);
    for (double v : gainPresets()) gainCombo_->addItem(tr("%1 mm/mV").arg(formatNumber(v)), v);
    gainCombo_->setToolTip(tr("Gain"));
    connect(gainCombo_, &QComboBox::activated, this,
            [this](int i) { setMmPerMillivolt(gainCombo_->itemData(i).toDouble()); });

    filterBox_ = new QCheckBox(tr("Filtered (0.5–40 Hz)"), this);
    filterBox_->setToolTip(tr("Show the zero-phase band-passed signal that the method uses"));
    connect(filterBox_, &QCheckBox::toggled, this, &EcgView::setFiltered);

    info_ = new QLabel(this);
    info_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    readout_ = new QLabel(this);
    readout_->setToolTip(tr("Drag the two cursors on the strip to measure an interval"));
    QFont bold = readout_->font();
    bold.setBold(true);
    readout_->setFont(bold);
    readout_->setMinimumWidth(QFontMetrics(bold).horizontalAdvance(tr("Δt 0000 ms   ΔmV +00.00   000.0 bpm")) + 8);
    readout_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    syncScaleCombos();
}

void EcgView::buildPlot() {
    using namespace ecgpaper;
    plot_ = new QCustomPlot(this);
    plot_->setMouseTracking(true);
    plot_->setInteractions(QCP::Interactions());  // gestures are ours (see onMouse*)
    plot_->setFocusPolicy(Qt::NoFocus);
    plot_->setMinimumHeight(200);
    plot_->setBackground(palette().window());

    // Column 0: the calibration paper (x in mm), column 1: the trace (x in seconds).
    traceRect_ = plot_->axisRect();
    calRect_ = new QCPAxisRect(plot_);
    plot_->plotLayout()->insertColumn(0);
    plot_->plotLayout()->addElement(0, 0, calRect_);
    plot_->plotLayout()->setColumnSpacing(0);
    auto* group = new QCPMarginGroup(plot_);
    traceRect_->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    calRect_->setMarginGroup(QCP::msTop | QCP::msBottom, group);

    auto paperRect = [](QCPAxisRect* r) {
        r->setBackground(QBrush(paperColour()));
        for (QCPAxis* a : r->axes()) a->setVisible(false);
        r->axis(QCPAxis::atTop)->grid()->setVisible(false);
        r->axis(QCPAxis::atRight)->grid()->setVisible(false);
    };
    paperRect(traceRect_);
    paperRect(calRect_);

    timeTicker_.reset(new PaperTicker);
    mvTicker_.reset(new PaperTicker);
    calTimeTicker_.reset(new PaperTicker);
    calMvTicker_.reset(new PaperTicker);
    makeGridAxis(traceRect_->axis(QCPAxis::atBottom), timeTicker_);
    makeGridAxis(traceRect_->axis(QCPAxis::atLeft), mvTicker_);
    makeGridAxis(calRect_->axis(QCPAxis::atBottom), calTimeTicker_);
    makeGridAxis(calRect_->axis(QCPAxis::atLeft), calMvTicker_);
    calTimeTicker_->setMajorStep(5);

    // Readable round-number labels on their own axes, independent of the 5 mm grid.
    QFont labelFont = font();
    labelFont.setPointSizeF(std::max(9.0, labelFont.pointSizeF()));
    timeLabels_ = traceRect_->addAxis(QCPAxis::atBottom);
    timeLabels_->setLabel(tr("Time (s)"));
    timeLabels_->grid()->setVisible(false);
    timeLabels_->setTickLabelFont(labelFont);
    timeLabels_->setLabelFont(labelFont);
    timeLabels_->setSubTicks(false);
    mvLabels_ = calRect_->addAxis(QCPAxis::atLeft);
    mvLabels_->setLabel(tr("mV"));
    mvLabels_->grid()->setVisible(false);
    mvLabels_->setTickLabelFont(labelFont);
    mvLabels_->setLabelFont(labelFont);
    mvLabels_->setSubTicks(false);
    traceRect_->setAutoMargins(QCP::msTop | QCP::msBottom | QCP::msRight);
    traceRect_->setMargins(QMargins(0, 0, 0, 0));
    traceRect_->setMinimumMargins(QMargins(0, 8, 12, 0));
    calRect_->setAutoMargins(QCP::msLeft | QCP::msTop | QCP::msBottom);
    calRect_->setMargins(QMargins(0, 0, 0, 0));

    plot_->addLayer(QStringLiteral("windows"), plot_->layer(QStringLiteral("grid")), QCustomPlot::limAbove);
    plot_->addLayer(QStringLiteral("cursors"), plot_->layer(QStringLiteral("main")), QCustomPlot::limAbove);

    QCPAxis* tx = traceRect_->axis(QCPAxis::atBottom);
    QCPAxis* ty = traceRect_->axis(QCPAxis::atLeft);
    trace_ = plot_->addGraph(tx, ty);
    trace_->setPen(QPen(traceColour(), 1.4));
    trace_->setAntialiased(true);
    peaks_ = plot_->addGraph(tx, ty);
    peaks_->setLineStyle(QCPGraph::lsNone);
    peaks_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(150, 90, 0), palette::colour(1), 6));
    pulse_ = plot_->addGraph(calRect_->axis(QCPAxis::atBottom), calRect_->axis(QCPAxis::atLeft));
    pulse_->setPen(QPen(traceColour(), 1.4));
    pulse_->setLineStyle(QCPGraph::lsLine);


    // Green and blue: both stand out from the red paper and from each other.
    const QColor cursorColours[2] = {palette::colour(2), palette::colour(0)};
    for (int k = 0; k < 2; ++k) {
        auto* line = new QCPItemStraightLine(plot_);
        line->setLayer(QStringLiteral("cursors"));
        line->setClipAxisRect(traceRect_);
        line->setPen(QPen(cursorColours[k], 1.5));
        placeXData(line->point1, traceRect_, 0, 0);
        placeXData(line->point2, traceRect_, 0, 1);
        cursorLines_[k] = line;
        auto* label = new QCPItemText(plot_);
        label->setLayer(QStringLiteral("cursors"));
        label->setClipAxisRect(traceRect_);
        label->setText(k == 0 ? tr("C1") : tr("C2"));
        label->setColor(Qt::white);
        label->setBrush(cursorColours[k]);
        label->setPadding(QMargins(3, 1, 3, 1));
        label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        placeXData(label->position, traceRect_, 0, 1);
        cursorLabels_[k] = label;
    }

    message_ = new QCPItemText(plot_);
    message_->setLayer(QStringLiteral("cursors"));
    message_->setClipAxisRect(traceRect_);
    message_->position->setAxisRect(traceRect_);
    message_->position->setType(QCPItemPosition::ptAxisRectRatio);
    message_->position->setCoords(0.5, 0.5);
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    message_->setFont(big);
    message_->setColor(QColor(90, 90, 90));

    connect(plot_, &QCustomPlot::afterLayout, this, &EcgView::applyScale);
    connect(plot_, &QCustomPlot::mousePress, this, &EcgView::onMousePress);
    connect(plot_, &QCustomPlot::mouseMove, this, &EcgView::onMouseMove);
    connect(plot_, &QCustomPlot::mouseRelease, this, &EcgView::onMouseRelease);
    connect(plot_, &QCustomPlot::mouseWheel, this, &EcgView::onMouseWheel);
}

// ---------------------------------------------------------------- data

void EcgView::setRecord(const Dataset* dataset, int recordIndex) {
    dataset_ = dataset;
    requested_ = dataset && recordIndex >= 0 && static_cast<std::size_t>(recordIndex) < dataset->size()
                     ? recordIndex
                     : -1;
    highlight_ = 0;
    ++generation_;
    band_->setRecord(dataset_, requested_, lead_);
    if (requested_ < 0) {
        loading_ = false;
        strip_ = EcgStrip{};
        clearPlot(tr("No record selected"));
        return;
    }
    startLoad(false);
}

void EcgView::setFeatureSettings(const features::FeatureSettings& settings) {
    settings_ = settings;
    if (requested_ >= 0) {
        ++generation_;
        startLoad(true);
    }
}

void EcgView::setModel(std::shared_ptr<const ml::RunModel> model) { band_->setModel(std::move(model)); }

void EcgView::setLead(int lead) {
    if (lead < 0 || lead == lead_) return;
    lead_ = lead;
    band_->setRecord(dataset_, requested_, lead_);
    if (requested_ >= 0) {
        ++generation_;
        startLoad(true);
    }
}

void EcgView::startLoad(bool keepPosition) {
    loading_ = true;
    const QString name = QString::fromStdString(dataset_->records()[requested_].name);
    info_->setStyleSheet(QString());
    info_->setText(tr("Loading %1…").arg(name));
    if (strip_.recordIndex != requested_) {
        message_->setText(tr("Loading %1…").arg(name));
        message_->setVisible(true);
        replot();
    }
    const int generation = generation_;
    auto* watcher = new QFutureWatcher<EcgStrip>(this);
    connect(watcher, &QFutureWatcher<EcgStrip>::finished, this, [this, watcher, generation, keepPosition] {
        watcher->deleteLater();
        if (generation != generation_) return;  // the user has moved on
        showStrip(watcher->result(), keepPosition);
    });
    // Datasets share state when copied: the worker keeps its own handle, whatever happens here.
    watcher->setFuture(QtConcurrent::run(viewThreadPool(),
        [dataset = *dataset_, index = static_cast<std::size_t>(requested_), lead = lead_, settings = settings_] {
            EcgStrip s = loadEcgStrip(dataset, index, lead, settings);
            // A lead chosen for another record that this one lacks: show its first lead.
            if (!s.error.empty() && lead > 0 && !s.leadNames.empty() &&
                static_cast<std::size_t>(lead) >= s.leadNames.size())
                s = loadEcgStrip(dataset, index, 0, settings);
            return s;
        }));
}

void EcgView::showStrip(EcgStrip strip, bool keepPosition) {
    loading_ = false;
    if (!strip.error.empty()) {
        const QString file = QString::fromStdString(strip.errorFile);
        const QString reason = QString::fromStdString(strip.error);
        strip_ = EcgStrip{};
        clearPlot(tr("Could not show this record"));
        info_->setStyleSheet(QStringLiteral("color: #b00020;"));
        info_->setText(file.isEmpty() ? reason : tr("%1: %2").arg(file, reason));
        Q_EMIT loadFailed(file, reason);
        return;
    }
    const bool sameRecord = keepPosition && strip.recordIndex == strip_.recordIndex;
    strip_ = std::move(strip);
    lead_ = strip_.lead;
    {
        QSignalBlocker block(leadCombo_);
        leadCombo_->clear();
        for (const auto& n : strip_.leadNames) leadCombo_->addItem(QString::fromStdString(n));
        leadCombo_->setCurrentIndex(lead_);
        leadCombo_->setEnabled(strip_.leadNames.size() > 1);
    }
    message_->setVisible(false);
    baselineMv_ = dsp::median(strip_.millivolts);
    updateSignalGraph();
    rebuildWindowItems();
    overview_->setSignal(shownSamples(), strip_.fs, strip_.windowLengthS);
    if (!sameRecord) {
        t0_ = 0;
        yCentre_ = 0;
        // Centre on the middle of the signal's robust range (0.5 and 99.5 percentiles).
        std::vector<double> v = shownSamples();
        if (!v.empty()) {
            const auto lo = v.begin() + static_cast<long>(0.005 * (v.size() - 1));
            const auto hi = v.begin() + static_cast<long>(0.995 * (v.size() - 1));
            std::nth_element(v.begin(), lo, v.end());
            const double a = *lo;
            std::nth_element(v.begin(), hi, v.end());
            yCentre_ = (a + *hi) / 2;
        }
        // Cursors on the first two beats on screen, so Δt reads the first RR interval.
        const double span = visibleSpanS() > 0 ? visibleSpanS() : 10;
        if (strip_.rPeaks.size() >= 2 && strip_.rPeaks[1] / strip_.fs < span) {
            cursor_[0] = strip_.rPeaks[0] / strip_.fs;
            cursor_[1] = strip_.rPeaks[1] / strip_.fs;
        } else {
            cursor_[0] = span / 3;
            cursor_[1] = 2 * span / 3;
        }
    }
    updateHighlight();
    updateCursorItems();
    updateInfo();
    replot();
    Q_EMIT recordShown(strip_.recordIndex);
}

void EcgView::clearPlot(const QString& message) {
    trace_->data()->clear();
    peaks_->data()->clear();
    for (auto* l : windowLines_) plot_->removeItem(l);
    for (auto* l : windowLabels_) plot_->removeItem(l);
    for (auto* b : windowBands_) plot_->removeItem(b);
    windowLines_.clear();
    windowLabels_.clear();
    windowBands_.clear();
    windowRows_.clear();
    for (int k = 0; k < 2; ++k) {
        cursorLines_[k]->setVisible(false);
        cursorLabels_[k]->setVisible(false);
    }
    message_->setText(message);
    message_->setVisible(true);
    overview_->clear();
    info_->setStyleSheet(QString());
    info_->setText(message);
    readout_->clear();
    replot();
}

const std::vector<double>& EcgView::shownSamples() const {
    return filtered_ ? strip_.filtered : strip_.millivolts;
}

void EcgView::setFiltered(bool filtered) {
    if (filtered == filtered_) return;
    filtered_ = filtered;
    {
        QSignalBlocker block(filterBox_);
        filterBox_->setChecked(filtered);
    }
    if (strip_.recordIndex < 0) return;
    updateSignalGraph();
    overview_->setSignal(shownSamples(), strip_.fs, strip_.windowLengthS);
    updateHighlight();
    updateCursorItems();
    replot();
}

void EcgView::updateSignalGraph() {
    const auto& x = shownSamples();
    QVector<double> t(static_cast<int>(x.size())), v(static_cast<int>(x.size()));
    for (std::size_t i = 0; i < x.size(); ++i) {
        t[static_cast<int>(i)] = static_cast<double>(i) / strip_.fs;
        v[static_cast<int>(i)] = x[i];
    }
    trace_->setData(t, v, true);
    QVector<double> pt, pv;
    for (long p : strip_.rPeaks) {
        if (p < 0 || static_cast<std::size_t>(p) >= x.size()) continue;
        pt.push_back(static_cast<double>(p) / strip_.fs);
        pv.push_back(x[static_cast<std::size_t>(p)]);
    }
    peaks_->setData(pt, pv, true);
}

void EcgView::rebuildWindowItems() {
    for (auto* l : windowLines_) plot_->removeItem(l);
    for (auto* l : windowLabels_) plot_->removeItem(l);
    for (auto* b : windowBands_) plot_->removeItem(b);
    windowLines_.clear();
    windowLabels_.clear();
    windowBands_.clear();
    windowRows_.clear();
    // Each window: dashed boundaries on the paper and a labelled band along the top edge (the
    // paper itself stays clean). The last window may overlap its predecessor: its band sits in
    // a second row so that the two never hide each other.
    const QPen pen(QColor(0, 114, 178, 150), 1.0, Qt::DashLine);
    auto addLine = [&](double t) {
        auto* line = new QCPItemStraightLine(plot_);
        line->setLayer(QStringLiteral("windows"));
        line->setClipAxisRect(traceRect_);
        line->setPen(pen);
        placeXData(line->point1, traceRect_, t, 0);
        placeXData(line->point2, traceRect_, t, 1);
        windowLines_.push_back(line);
    };
    const int n = windowCount();
    for (int w = 0; w < n; ++w) {
        const double start = strip_.windowStartS[w];
        const bool overlaps = w > 0 && start < strip_.windowStartS[w - 1] + strip_.windowLengthS - 1e-9;
        addLine(start);
        auto* band = new QCPItemRect(plot_);
        band->setLayer(QStringLiteral("cursors"));
        band->setClipAxisRect(traceRect_);
        band->setPen(QPen(QColor(0, 114, 178), 1.0));
        placeXData(band->topLeft, traceRect_, start, 0);
        placeXData(band->bottomRight, traceRect_, start + strip_.windowLengthS, 0);
        windowBands_.push_back(band);
        auto* label = new QCPItemText(plot_);
        label->setLayer(QStringLiteral("cursors"));
        label->setClipAxisRect(traceRect_);
        label->setText(overlaps ? tr("Window %1 (overlaps %2)").arg(w + 1).arg(w) : tr("Window %1").arg(w + 1));
        label->setPadding(QMargins(4, 0, 4, 0));
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        placeXData(label->position, traceRect_, start, 0);
        windowLabels_.push_back(label);
        windowRows_.push_back(overlaps ? 1 : 0);
    }
    if (n > 0) addLine(strip_.windowStartS.back() + strip_.windowLengthS);
    updateHighlight();
    placeWindowBands();
}

void EcgView::placeWindowBands() {
    // Bands are a fixed number of pixels high: convert to the axis rect's height ratio.
    const double h = std::max(1, traceRect_->height());
    const QFontMetrics fm(font());
    const double band = fm.height() + 4;
    for (int w = 0; w < windowBands_.size(); ++w) {
        const double top = windowRows_[w] * band / h, bottom = (windowRows_[w] + 1) * band / h;
        const double a = strip_.windowStartS[w];
        windowBands_[w]->topLeft->setCoords(a, top);
        windowBands_[w]->bottomRight->setCoords(a + strip_.windowLengthS, bottom);
        windowLabels_[w]->position->setCoords(a, (top + bottom) / 2);
    }
}

void EcgView::setWindowHighlight(int windowIndex) {
    highlight_ = windowIndex;
    updateHighlight();
    if (strip_.recordIndex >= 0 && windowIndex >= 0 && windowIndex < windowCount()) {
        // Bring the window into view when none of it is visible.
        const double a = strip_.windowStartS[windowIndex], b = a + strip_.windowLengthS;
        const auto [v0, v1] = visibleTimeRange();
        if (b <= v0 || a >= v1) setVisibleStart(a);
    }
    replot();
}

void EcgView::updateHighlight() {
    for (int w = 0; w < windowBands_.size(); ++w) {
        const bool current = w == highlight_;
        windowBands_[w]->setBrush(current ? QColor(0, 114, 178, 220) : QColor(0, 114, 178, 40));
        windowLabels_[w]->setColor(current ? Qt::white : QColor(0, 70, 120));
        QFont f = font();
        f.setBold(current);
        windowLabels_[w]->setFont(f);
    }
    if (overview_ && strip_.recordIndex >= 0 && highlight_ >= 0 && highlight_ < windowCount())
        overview_->setHighlight(strip_.windowStartS[highlight_], strip_.windowStartS[highlight_] + strip_.windowLengthS);
    else if (overview_)
        overview_->setHighlight(0, 0);
}

int EcgView::windowAt(double seconds) const {
    // The latest window that contains the time: the last, overlapping window owns its tail.
    for (int w = windowCount() - 1; w >= 0; --w)
        if (seconds >= strip_.windowStartS[w] && seconds < strip_.windowStartS[w] + strip_.windowLengthS) return w;
    return -1;
}

void EcgView::updateInfo() {
    if (strip_.recordIndex < 0) return;
    QStringList parts;
    parts << QString::fromStdString(strip_.name) << labelName(strip_.label)
          << tr("%1 s at %2 Hz").arg(formatNumber(stripDurationS()), formatNumber(strip_.fs))
          << tr("%n R peak(s)", nullptr, static_cast<int>(strip_.rPeaks.size()));
    if (strip_.heartRateBpm > 0) parts << tr("median HR %1 bpm").arg(std::lround(strip_.heartRateBpm));
    parts << tr("%n window(s) of %1 s", nullptr, windowCount()).arg(formatNumber(strip_.windowLengthS));
    info_->setStyleSheet(QString());
    info_->setText(parts.join(QStringLiteral("  ·  ")));
}

// ---------------------------------------------------------------- scale and navigation

double EcgView::dotsPerMm() const {
    if (dotsPerMmOverride_ > 0) return dotsPerMmOverride_;
    const QScreen* s = screen() ? screen() : QGuiApplication::primaryScreen();
    const double dpi = s ? s->physicalDotsPerInch() : 0;
    // Some systems report nonsense (0 or a placeholder); assume a 96-DPI screen then.
    return dpi >= 40 && dpi <= 1200 ? dpi / 25.4 : 96.0 / 25.4;
}

void EcgView::setDotsPerMm(double dotsPerMm) {
    dotsPerMmOverride_ = dotsPerMm > 0 && std::isfinite(dotsPerMm) ? dotsPerMm : 0;
    replot();
}

void EcgView::setMmPerSecond(double mmPerSecond) {
    if (!(mmPerSecond > 0) || !std::isfinite(mmPerSecond)) return;
    mmPerSecond_ = std::clamp(mmPerSecond, kMinMmPerSecond, kMaxMmPerSecond);
    syncScaleCombos();
    replot();
}

void EcgView::setMmPerMillivolt(double mmPerMillivolt) {
    if (!(mmPerMillivolt > 0) || !std::isfinite(mmPerMillivolt)) return;
    mmPerMv_ = std::clamp(mmPerMillivolt, 0.5, 200.0);
    syncScaleCombos();
    replot();
}

void EcgView::syncScaleCombos() {
    selectValue(speedCombo_, mmPerSecond_, static_cast<int>(speedPresets().size()),
                tr("%1 mm/s (zoomed)").arg(QLocale().toString(mmPerSecond_, 'f', 1)));
    selectValue(gainCombo_, mmPerMv_, static_cast<int>(gainPresets().size()),
                tr("%1 mm/mV").arg(QLocale().toString(mmPerMv_, 'f', 1)));
}

int EcgView::stripWidthPixels() const { return traceRect_->width(); }
int EcgView::stripHeightPixels() const { return traceRect_->height(); }

double EcgView::visibleSpanS() const { return stripWidthPixels() / dotsPerMm() / mmPerSecond_; }

double EcgView::stripDurationS() const {
    return strip_.fs > 0 ? static_cast<double>(strip_.millivolts.size()) / strip_.fs : 0;
}

void EcgView::applyScale() {
    const double dpmm = dotsPerMm();
    const double spanT = traceRect_->width() / dpmm / mmPerSecond_;
    const double spanV = traceRect_->height() / dpmm / mmPerMv_;
    const QCPRange time(t0_, t0_ + spanT), mv(yCentre_ - spanV / 2, yCentre_ + spanV / 2);
    traceRect_->axis(QCPAxis::atBottom)->setRange(time);
    timeLabels_->setRange(time);
    traceRect_->axis(QCPAxis::atLeft)->setRange(mv);
    calRect_->axis(QCPAxis::atLeft)->setRange(mv);
    mvLabels_->setRange(mv);
    setFixedTicks(timeLabels_, labelStep({0.2, 0.5, 1, 2, 5, 10, 20, 30, 60, 120}, dpmm * mmPerSecond_, 60));
    setFixedTicks(mvLabels_, labelStep({0.5, 1, 2, 5, 10}, dpmm * mmPerMv_, 28));
    const bool minor = dpmm >= 2.5;  // a 1 mm grid finer than 2.5 px is a grey haze
    timeTicker_->setMajorStep(5 / mmPerSecond_);
    mvTicker_->setMajorStep(5 / mmPerMv_);
    calMvTicker_->setMajorStep(5 / mmPerMv_);
    for (auto* t : {timeTicker_.data(), mvTicker_.data(), calTimeTicker_.data(), calMvTicker_.data()})
        t->setMinorVisible(minor);

    // The calibration paper (its width is set before layout, in replot()) holds a pulse 1 mV
    // high and 200 ms wide at the current speed (kept between 2 and 8 mm so it stays visible).
    calRect_->axis(QCPAxis::atBottom)->setRange(0, calRect_->width() / dpmm);
    const double w = std::clamp(kPulseSeconds * mmPerSecond_, 2.0, 8.0);
    const double b = baselineMv_;
    pulse_->setData(QVector<double>{1, 2.5, 2.5, 2.5 + w, 2.5 + w, kCalibrationWidthMm - 1},
                    QVector<double>{b, b, b + 1, b + 1, b, b}, true);
    pulse_->setVisible(strip_.recordIndex >= 0);
    placeWindowBands();
    if (strip_.recordIndex >= 0) overview_->setVisibleRange(t0_, t0_ + spanT);
}

void EcgView::replot(bool queued) {
    const int calWidth = static_cast<int>(std::lround(kCalibrationWidthMm * dotsPerMm()));
    if (calRect_->minimumSize().width() != calWidth) {
        calRect_->setMinimumSize(calWidth, 0);
        calRect_->setMaximumSize(calWidth, QWIDGETSIZE_MAX);
    }
    // A replot lays out first (afterLayout -> applyScale), so ranges follow the widget's size;
    // programmatic changes replot at once so that getters see them, mouse drags are queued.
    plot_->replot(queued ? QCustomPlot::rpQueuedReplot : QCustomPlot::rpRefreshHint);
}

void EcgView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    replot();
}

void EcgView::setVisibleStart(double seconds) {
    if (!std::isfinite(seconds)) return;
    t0_ = seconds;
    replot();
}

void EcgView::pageForward() {
    // One strip width on, but not past the last full strip (and never backwards).
    const double span = visibleSpanS();
    setVisibleStart(std::max(t0_, std::min(t0_ + span, stripDurationS() - span)));
}

void EcgView::pageBack() { setVisibleStart(std::max(0.0, t0_ - visibleSpanS())); }
void EcgView::goToStart() { setVisibleStart(0); }
void EcgView::goToEnd() { setVisibleStart(std::max(0.0, stripDurationS() - visibleSpanS())); }

void EcgView::fitToWindow() {
    if (strip_.recordIndex < 0 || stripDurationS() <= 0) return;
    const double widthMm = stripWidthPixels() / dotsPerMm();
    setMmPerSecond(widthMm / stripDurationS());
    const auto& x = shownSamples();
    const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
    yCentre_ = (*lo + *hi) / 2;
    setVisibleStart(0);
}

void EcgView::zoomTime(double factor, double anchorSeconds) {
    if (!(factor > 0)) return;
    const double old = mmPerSecond_;
    setMmPerSecond(mmPerSecond_ * factor);
    // The anchor keeps its pixel: (anchor - t0) * speed is constant.
    setVisibleStart(anchorSeconds - (anchorSeconds - t0_) * old / mmPerSecond_);
}

std::pair<double, double> EcgView::visibleTimeRange() const {
    const QCPRange r = traceRect_->axis(QCPAxis::atBottom)->range();
    return {r.lower, r.upper};
}

std::pair<double, double> EcgView::visibleMillivoltRange() const {
    const QCPRange r = traceRect_->axis(QCPAxis::atLeft)->range();
    return {r.lower, r.upper};
}

QCPAxis* EcgView::timeAxis() const { return traceRect_->axis(QCPAxis::atBottom); }
QCPAxis* EcgView::millivoltAxis() const { return traceRect_->axis(QCPAxis::atLeft); }

void EcgView::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
    case Qt::Key_PageDown: pageForward(); break;
    case Qt::Key_PageUp: pageBack(); break;
    case Qt::Key_Home: goToStart(); break;
    case Qt::Key_End: goToEnd(); break;
    case Qt::Key_Right: setVisibleStart(t0_ + visibleSpanS() / 10); break;
    case Qt::Key_Left: setVisibleStart(std::max(0.0, t0_ - visibleSpanS() / 10)); break;
    case Qt::Key_F: fitToWindow(); break;
    default: QWidget::keyPressEvent(event); return;
    }
    event->accept();
}

// ---------------------------------------------------------------- plotted content (for tests)

QVector<double> EcgView::displayedTimes() const {
    QVector<double> t;
    t.reserve(trace_->dataCount());
    for (auto it = trace_->data()->constBegin(); it != trace_->data()->constEnd(); ++it) t.push_back(it->key);
    return t;
}

QVector<double> EcgView::displayedMillivolts() const {
    QVector<double> v;
    v.reserve(trace_->dataCount());
    for (auto it = trace_->data()->constBegin(); it != trace_->data()->constEnd(); ++it) v.push_back(it->value);
    return v;
}

QVector<double> EcgView::rPeakTimes() const {
    QVector<double> t;
    for (auto it = peaks_->data()->constBegin(); it != peaks_->data()->constEnd(); ++it) t.push_back(it->key);
    return t;
}

QVector<double> EcgView::rPeakMillivolts() const {
    QVector<double> v;
    for (auto it = peaks_->data()->constBegin(); it != peaks_->data()->constEnd(); ++it) v.push_back(it->value);
    return v;
}

QVector<double> EcgView::windowBoundaryTimes() const {
    QVector<double> t;
    for (const auto* line : windowLines_) t.push_back(line->point1->coords().x());
    return t;
}

double EcgView::calibrationPulseMillivolts() const {
    double lo = 0, hi = 0;
    bool first = true;
    for (auto it = pulse_->data()->constBegin(); it != pulse_->data()->constEnd(); ++it) {
        lo = first ? it->value : std::min(lo, it->value);
        hi = first ? it->value : std::max(hi, it->value);
        first = false;
    }
    return hi - lo;
}

// ---------------------------------------------------------------- cursors

double EcgView::valueAt(double seconds) const {
    const auto& x = shownSamples();
    if (x.empty()) return 0;
    const long i = std::clamp(std::lround(seconds * strip_.fs), 0L, static_cast<long>(x.size()) - 1);
    return x[static_cast<std::size_t>(i)];
}

void EcgView::setCursorTimes(double t1, double t2) {
    cursor_[0] = t1;
    cursor_[1] = t2;
    updateCursorItems();
    replot();
}

EcgView::CursorReadout EcgView::cursorReadout() const {
    CursorReadout r;
    r.t1 = cursor_[0];
    r.t2 = cursor_[1];
    const double dt = std::abs(r.t2 - r.t1);
    r.dtMs = dt * 1000;
    r.dMv = valueAt(r.t2) - valueAt(r.t1);
    r.bpm = dt > 0 ? 60 / dt : 0;
    return r;
}

QString EcgView::cursorReadoutText() const {
    const CursorReadout r = cursorReadout();
    const QLocale l;
    return tr("Δt %1 ms   ΔmV %2   %3 bpm")
        .arg(l.toString(r.dtMs, 'f', 0), (r.dMv >= 0 ? QStringLiteral("+") : QString()) + l.toString(r.dMv, 'f', 2),
             r.bpm > 0 ? l.toString(r.bpm, 'f', 1) : QStringLiteral("–"));
}

void EcgView::updateCursorItems() {
    const bool on = strip_.recordIndex >= 0;
    for (int k = 0; k < 2; ++k) {
        cursorLines_[k]->setVisible(on);
        cursorLabels_[k]->setVisible(on);
        cursorLines_[k]->point1->setCoords(cursor_[k], 0);
        cursorLines_[k]->point2->setCoords(cursor_[k], 1);
        cursorLabels_[k]->position->setCoords(cursor_[k], 1);
    }
    readout_->setText(on ? cursorReadoutText() : QString());
}

// ---------------------------------------------------------------- mouse

void EcgView::onMousePress(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || strip_.recordIndex < 0) return;
    const QPointF p = event->position();
    if (!traceRect_->rect().contains(p.toPoint())) return;
    pressPos_ = p;
    pressT0_ = t0_;
    pressYCentre_ = yCentre_;
    moved_ = false;
    drag_ = Drag::Pan;
    double best = kCursorGrabPixels + 1;
    for (int k = 0; k < 2; ++k) {
        const double d = std::abs(timeAxis()->coordToPixel(cursor_[k]) - p.x());
        if (d <= kCursorGrabPixels && d < best) {
            best = d;
            drag_ = k == 0 ? Drag::Cursor0 : Drag::Cursor1;
        }
    }
}

void EcgView::onMouseMove(QMouseEvent* event) {
    const QPointF p = event->position();
    if (drag_ == Drag::None) {
        // Hint that cursors can be grabbed.
        bool near = false;
        for (int k = 0; k < 2 && strip_.recordIndex >= 0; ++k)
            near = near || std::abs(timeAxis()->coordToPixel(cursor_[k]) - p.x()) <= kCursorGrabPixels;
        plot_->setCursor(near ? Qt::SizeHorCursor : Qt::ArrowCursor);
        return;
    }
    if ((p - pressPos_).manhattanLength() >= 3) moved_ = true;
    if (!moved_) return;
    if (drag_ == Drag::Pan) {
        const double dpmm = dotsPerMm();
        t0_ = pressT0_ - (p.x() - pressPos_.x()) / dpmm / mmPerSecond_;
        yCentre_ = pressYCentre_ + (p.y() - pressPos_.y()) / dpmm / mmPerMv_;
    } else {
        const int k = drag_ == Drag::Cursor0 ? 0 : 1;
        cursor_[k] = timeAxis()->pixelToCoord(p.x());
        updateCursorItems();
    }
    replot(true);
}

void EcgView::onMouseRelease(QMouseEvent* event) {
    if (drag_ == Drag::None) return;
    const bool click = !moved_ && drag_ == Drag::Pan;
    drag_ = Drag::None;
    if (!click) return;
    const int w = windowAt(timeAxis()->pixelToCoord(event->position().x()));
    if (w < 0) return;
    highlight_ = w;
    updateHighlight();
    replot();
    Q_EMIT windowSelected(w);
}

void EcgView::onMouseWheel(QWheelEvent* event) {
    if (strip_.recordIndex < 0) return;
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) return;
    zoomTime(std::pow(1.25, steps), timeAxis()->pixelToCoord(event->position().x()));
    event->accept();
}

}  // namespace dacl::ui
