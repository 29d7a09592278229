#include "ui/views/ecg_view.h"

#include "ui/plots/ecg_paper.h"
#include "ui/plots/empty_plot.h"
#include "ui/plots/palette.h"
#include "ui/views/ecg_overview.h"
#include "ui/views/ecg_view_helpers.h"
#include "ui/views/probability_band.h"
#include "ui/loaders/thread_pools.h"

#include "ui/plots/custom_plot.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QScreen>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace dacl::ui {

using namespace ecgview;

namespace {

QString labelName(const std::string& label) {
    if (label == "N") return EcgView::tr("Normal");
    if (label == "A") return EcgView::tr("AF");
    if (label == "O") return EcgView::tr("Other rhythm");
    if (label == "~") return EcgView::tr("Noisy");
    return EcgView::tr("unlabelled");
}

// "30 s" for a strip, "8 h 40 min 5 s" for a Holter record.
QString formatDuration(double s) {
    if (s < 600) return EcgView::tr("%1 s").arg(formatNumber(s));
    const long total = std::lround(s);
    const long h = total / 3600, m = total % 3600 / 60, sec = total % 60;
    return h > 0 ? EcgView::tr("%1 h %2 min %3 s").arg(h).arg(m).arg(sec) : EcgView::tr("%1 min %2 s").arg(m).arg(sec);
}

}  // namespace

EcgView::EcgView(QWidget* parent) : QWidget(parent), loader_(this, viewThreadPool()) {
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
    bar->addSpacing(8);
    bar->addWidget(pageCombo_);
    bar->addWidget(prevPage_);
    bar->addWidget(nextPage_);
    bar->addStretch(1);
    layout->addLayout(bar);
    // The cursor readout sits on the info line: with the Assessment panel docked beside the
    // view, the controls' row must fit a 1280-px screen.
    auto* infoRow = new QHBoxLayout;
    infoRow->addWidget(info_, 1);
    infoRow->addWidget(readout_);
    infoRow->addSpacing(12);
    infoRow->addWidget(pageLabel_);
    layout->addLayout(infoRow);
    // The calibrated strip above, the whole record below; the user can move the divider.
    auto* split = new QSplitter(Qt::Vertical, this);
    band_ = new ProbabilityBand(this);
    band_->follow(plot_, traceRect_->axis(QCPAxis::atBottom));
    split->addWidget(plot_);
    split->addWidget(band_);
    split->addWidget(overview_);
    // The run's p over time goes into the whole-record timeline too (a day at a glance).
    connect(band_, &ProbabilityBand::predictionShown, this, [this](int record) {
        if (record == strip_.recordIndex)
            overview_->setProbability(band_->spans().startS, band_->spans().endS, band_->spans().score);
    });
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 0);
    split->setStretchFactor(2, 2);
    split->setChildrenCollapsible(false);
    layout->addWidget(split, 1);
    clearPlot(tr("No record selected"), noRecordText());
}

EcgView::~EcgView() = default;

QString EcgView::noRecordText() {
    return tr("The ECG of the selected record appears here on ECG paper: every lead, its R peaks and windows.") +
           QLatin1Char('\n') + selectRecordHint();
}

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
    // A long record's line must not push the page counter out of a narrow window.
    info_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    readout_ = new QLabel(this);
    readout_->setToolTip(tr("Drag the two cursors on the strip to measure an interval"));
    QFont bold = readout_->font();
    bold.setBold(true);
    readout_->setFont(bold);
    readout_->setMinimumWidth(QFontMetrics(bold).horizontalAdvance(tr("Δt 0000 ms   ΔmV +00.00   000.0 bpm")) + 8);
    readout_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    pageCombo_ = new QComboBox(this);
    pageCombo_->addItem(tr("Page: strip width"), 0.0);
    for (double v : pagePresets()) pageCombo_->addItem(tr("Page: %1 s").arg(formatNumber(v)), v);
    pageCombo_->setToolTip(tr("How much of the record one page shows"));
    connect(pageCombo_, &QComboBox::activated, this,
            [this](int i) { setPageSeconds(pageCombo_->itemData(i).toDouble()); });
    prevPage_ = new QToolButton(this);
    prevPage_->setText(tr("◀"));
    prevPage_->setToolTip(tr("Previous page (Page Up)"));
    connect(prevPage_, &QToolButton::clicked, this, &EcgView::pageBack);
    nextPage_ = new QToolButton(this);
    nextPage_->setText(tr("▶"));
    nextPage_->setToolTip(tr("Next page (Page Down)"));
    connect(nextPage_, &QToolButton::clicked, this, &EcgView::pageForward);
    pageLabel_ = new QLabel(this);
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
    // Row graphs (one per lead) are made per record in buildRows(); peaks go on top of them.
    peaks_ = plot_->addGraph(tx, ty);
    peaks_->setLayer(QStringLiteral("cursors"));
    peaks_->setLineStyle(QCPGraph::lsNone);
    peaks_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(150, 90, 0), palette::colour(1), 6));
    peaks_->removeFromLegend();  // the strip has no legend: its marks are explained by the info line


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
    loader_.drop();
    band_->setRecord(dataset_, requested_, lead_);
    if (requested_ < 0) {
        loading_ = false;
        strip_ = EcgStrip{};
        clearPlot(tr("No record selected"), noRecordText());
        return;
    }
    startLoad(false);
}

void EcgView::setFeatureSettings(const features::FeatureSettings& settings) {
    settings_ = settings;
    if (requested_ >= 0) startLoad(true);
}

void EcgView::setModel(std::shared_ptr<const ml::RunModel> model) { band_->setModel(std::move(model)); }

void EcgView::setLead(int lead) {
    if (lead < 0 || lead == lead_) return;
    lead_ = lead;
    band_->setRecord(dataset_, requested_, lead_);
    if (requested_ >= 0) startLoad(true);
}

void EcgView::setAnnotations(int recordIndex, std::vector<EcgAnnotation> annotations) {
    extraRecord_ = recordIndex;
    extraAnnotations_ = std::move(annotations);
    if (strip_.recordIndex < 0) return;
    mergeAnnotations();
    updateInfo();
    replot();
}

void EcgView::mergeAnnotations() {
    annotations_ = strip_.annotations;
    if (strip_.recordIndex >= 0 && extraRecord_ == strip_.recordIndex)
        annotations_.insert(annotations_.end(), extraAnnotations_.begin(), extraAnnotations_.end());
    std::stable_sort(annotations_.begin(), annotations_.end(),
                     [](const EcgAnnotation& a, const EcgAnnotation& b) { return a.onsetS < b.onsetS; });
    episodes_.clear();
    marks_.clear();
    for (const auto& a : annotations_) (a.isEpisode() ? episodes_ : marks_).push_back(a);
    overview_->setAnnotations(annotations_);
}

void EcgView::startLoad(bool keepPosition) {
    loading_ = true;
    const QString name = QString::fromStdString(dataset_->records()[requested_].name);
    info_->setStyleSheet(QString());
    info_->setText(tr("Loading %1…").arg(name));
    if (strip_.recordIndex != requested_) {
        setEmptyPlotText(*plot_, tr("Loading %1…").arg(name));
        replot();
    }
    // Datasets share state when copied: the worker keeps its own handle, whatever happens here.
    loader_.start(
        [dataset = *dataset_, index = static_cast<std::size_t>(requested_), lead = lead_, settings = settings_] {
            EcgStripOptions options;
            options.allLeads = true;
            options.annotations = true;
            EcgStrip s = loadEcgStrip(dataset, index, lead, settings, options);
            // A lead chosen for another record that this one lacks: show its first lead.
            if (!s.error.empty() && lead > 0 && !s.leadNames.empty() &&
                static_cast<std::size_t>(lead) >= s.leadNames.size())
                s = loadEcgStrip(dataset, index, 0, settings, options);
            return s;
        },
        [this, keepPosition](EcgStrip strip) { showStrip(std::move(strip), keepPosition); });
}

void EcgView::showStrip(EcgStrip strip, bool keepPosition) {
    loading_ = false;
    if (!strip.error.empty()) {
        const QString file = QString::fromStdString(strip.errorFile);
        const QString reason = QString::fromStdString(strip.error);
        strip_ = EcgStrip{};
        clearPlot(tr("Could not show this record"), tr("Could not show this record: the reason is above."));
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
    buildRows();
    setEmptyPlotText(*plot_, QString());
    if (!sameRecord) {
        t0_ = 0;
        yPan_ = 0;
        if (autoGain_) chooseGain();
    }
    peaksShift_ = std::numeric_limits<double>::quiet_NaN();
    updateOverviewLeads();
    overview_->setHeartRate(strip_.rPeaks, strip_.fs);
    mergeAnnotations();
    overview_->setProbability({}, {}, {});
    if (band_->shownRecordIndex() == strip_.recordIndex)
        overview_->setProbability(band_->spans().startS, band_->spans().endS, band_->spans().score);
    if (!strip_.annotationError.empty())
        Q_EMIT loadFailed(QString::fromStdString(dataset_->records()[static_cast<std::size_t>(strip_.recordIndex)].headerPath),
                          tr("annotations not shown: %1").arg(QString::fromStdString(strip_.annotationError)));
    replot();  // lays out the rows at the new gain before the cursors look for beats in view
    if (!sameRecord) placeDefaultCursors();
    updateHighlight();
    updateCursorItems();
    updateInfo();
    replot();
    Q_EMIT recordShown(strip_.recordIndex);
}

void EcgView::buildRows() {
    for (const Row& r : rows_) {
        plot_->removeGraph(r.graph);
        plot_->removeGraph(r.pulse);
        plot_->removeItem(r.label);
    }
    rows_.clear();
    trace_ = nullptr;
    pulse_ = nullptr;
    primaryRow_ = 0;
    QCPAxis* tx = traceRect_->axis(QCPAxis::atBottom);
    QCPAxis* ty = traceRect_->axis(QCPAxis::atLeft);
    for (const EcgLeadRow& lead : strip_.rows) {
        Row r;
        r.lead = &lead;
        r.graph = plot_->addGraph(tx, ty);
        r.graph->setPen(QPen(ecgpaper::traceColour(), 1.4));
        r.graph->setAntialiased(true);
        r.pulse = plot_->addGraph(calRect_->axis(QCPAxis::atBottom), calRect_->axis(QCPAxis::atLeft));
        r.pulse->setPen(QPen(ecgpaper::traceColour(), 1.4));
        if (!pulse_) pulse_ = r.pulse;
        r.label = new QCPItemText(plot_);
        r.label->setLayer(QStringLiteral("cursors"));
        r.label->setClipAxisRect(traceRect_);
        r.label->position->setAxisRect(traceRect_);
        r.label->position->setAxes(tx, ty);
        r.label->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
        r.label->position->setTypeY(QCPItemPosition::ptPlotCoords);
        r.label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        r.label->setText(QString::fromStdString(lead.name));
        r.label->setColor(QColor(0, 70, 120));
        r.label->setBrush(QColor(255, 250, 246, 200));
        r.label->setPadding(QMargins(3, 0, 3, 0));
        QFont f = font();
        f.setBold(lead.lead == strip_.lead);
        r.label->setFont(f);
        if (lead.lead == strip_.lead) {
            primaryRow_ = static_cast<int>(rows_.size());
            trace_ = r.graph;
        }
        rows_.push_back(r);
    }
    peaks_->setVisible(!rows_.isEmpty());
}

void EcgView::updateOverviewLeads() {
    QVector<EcgOverview::Lead> leads;
    for (const Row& r : rows_) {
        EcgOverview::Lead l;
        l.name = QString::fromStdString(r.lead->name);
        l.samples = &rowSamples(strip_, *r.lead, filtered_);
        l.pyramid = &rowPyramid(strip_, *r.lead, filtered_);
        l.centre = centreOf(*r.lead);
        l.span = filtered_ ? r.lead->filteredSpanMv : r.lead->spanMv;
        leads.push_back(l);
    }
    overview_->setLeads(leads, strip_.fs);
}

void EcgView::clearPlot(const QString& message, const QString& plotText) {
    strip_.rows.clear();
    annotations_.clear();
    episodes_.clear();
    marks_.clear();
    buildRows();
    peaks_->data()->clear();
    for (int k = 0; k < 2; ++k) {
        cursorLines_[k]->setVisible(false);
        cursorLabels_[k]->setVisible(false);
    }
    setEmptyPlotText(*plot_, plotText);
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
    peaksShift_ = std::numeric_limits<double>::quiet_NaN();
    updateOverviewLeads();
    updateHighlight();
    updateCursorItems();
    replot();
}

void EcgView::updateInfo() {
    if (strip_.recordIndex < 0) return;
    QStringList parts;
    parts << QString::fromStdString(strip_.name) << labelName(strip_.label)
          << tr("%1 at %2 Hz").arg(formatDuration(stripDurationS()), formatNumber(strip_.fs))
          << tr("%n lead(s)", nullptr, rowCount())
          << tr("%n R peak(s)", nullptr, static_cast<int>(strip_.rPeaks.size()));
    if (strip_.heartRateBpm > 0) parts << tr("median HR %1 bpm").arg(std::lround(strip_.heartRateBpm));
    parts << tr("%n window(s) of %1 s", nullptr, windowCount()).arg(formatNumber(strip_.windowLengthS));
    if (!annotations_.empty()) parts << tr("%n annotation(s)", nullptr, static_cast<int>(annotations_.size()));
    info_->setStyleSheet(QString());
    info_->setText(parts.join(QStringLiteral("  ·  ")));
}

}  // namespace dacl::ui
