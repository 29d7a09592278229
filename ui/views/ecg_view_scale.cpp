// EcgView: physical scale, stacked rows, decimated traces and navigation.
#include "ui/plots/ecg_paper.h"
#include "ui/views/ecg_overview.h"
#include "ui/views/ecg_view.h"
#include "ui/views/ecg_view_helpers.h"

#include "ui/plots/custom_plot.h"

#include <QComboBox>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QScreen>

#include <algorithm>
#include <cmath>

namespace dacl::ui {

using namespace ecgview;

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
    pageSeconds_ = 0;  // a chosen speed: pages are one strip wide again
    {
        QSignalBlocker block(pageCombo_);
        pageCombo_->setCurrentIndex(0);
    }
    syncScaleCombos();
    replot();
}

void EcgView::setMmPerMillivolt(double mmPerMillivolt) {
    if (!(mmPerMillivolt > 0) || !std::isfinite(mmPerMillivolt)) return;
    mmPerMv_ = std::clamp(mmPerMillivolt, 0.5, 200.0);
    autoGain_ = false;  // the user's gain stays until Fit or setAutoGain(true)
    syncScaleCombos();
    replot();
}

void EcgView::setAutoGain(bool on) {
    autoGain_ = on;
    if (on && strip_.recordIndex >= 0) {
        chooseGain();
        syncScaleCombos();
        replot();
    }
}

void EcgView::chooseGain() {
    // The largest of 10, 5, 2.5, 1.25 … mm/mV at which every row's robust range (plus a
    // margin) fits its share of the strip: 10 mm/mV for ordinary leads, smaller for tall QRS
    // complexes or many leads. Rows are centred, so an offset (a trace at +5 mV) costs nothing.
    const double heightMm = stripHeightPixels() > 0 ? stripHeightPixels() / dotsPerMm() : 0;
    double widest = 0;
    for (const Row& r : rows_) widest = std::max(widest, filtered_ ? r.lead->filteredSpanMv : r.lead->spanMv);
    double gain = 10;
    if (heightMm > 0 && !rows_.isEmpty() && widest > 0) {
        const double rowMm = heightMm / rows_.size();
        while (gain > 0.6 && 1.15 * widest * gain > rowMm) gain /= 2;
    }
    mmPerMv_ = std::max(gain, 0.5);
    syncScaleCombos();
}

void EcgView::setPageSeconds(double seconds) {
    pageSeconds_ = seconds > 0 && std::isfinite(seconds) ? seconds : 0;
    {
        QSignalBlocker block(pageCombo_);
        const int i = pageCombo_->findData(pageSeconds_);
        pageCombo_->setCurrentIndex(i >= 0 ? i : 0);
    }
    if (pageSeconds_ == 0) {
        mmPerSecond_ = 25;
        syncScaleCombos();
    }
    // applyScale() derives the speed from the strip width; the page starts at a page boundary.
    if (pageSeconds_ > 0) t0_ = std::floor(t0_ / pageSeconds_ + 1e-9) * pageSeconds_;
    replot();
}

int EcgView::pageIndex() const {
    const double span = visibleSpanS();
    return span > 0 ? static_cast<int>(std::floor(t0_ / span + 1e-6)) : 0;
}

int EcgView::pageCount() const {
    const double span = visibleSpanS();
    return span > 0 ? std::max(1, static_cast<int>(std::ceil(stripDurationS() / span - 1e-6))) : 1;
}

void EcgView::updatePageLabel() {
    if (strip_.recordIndex < 0) {
        pageLabel_->clear();
        return;
    }
    pageLabel_->setText(tr("page %1 of %2").arg(std::min(pageIndex() + 1, pageCount())).arg(pageCount()));
}

void EcgView::syncScaleCombos() {
    selectValue(speedCombo_, mmPerSecond_, static_cast<int>(speedPresets().size()),
                tr("%1 mm/s (zoomed)").arg(QLocale().toString(mmPerSecond_, 'g', 3)));
    selectValue(gainCombo_, mmPerMv_, static_cast<int>(gainPresets().size()),
                tr("%1 mm/mV").arg(QLocale().toString(mmPerMv_, 'g', 3)));
}

int EcgView::stripWidthPixels() const { return traceRect_->width(); }
int EcgView::stripHeightPixels() const { return traceRect_->height(); }

double EcgView::visibleSpanS() const { return stripWidthPixels() / dotsPerMm() / mmPerSecond_; }

double EcgView::stripDurationS() const {
    return strip_.fs > 0 ? static_cast<double>(strip_.millivolts.size()) / strip_.fs : 0;
}

double EcgView::centreOf(const EcgLeadRow& lead) const { return filtered_ ? lead.filteredCentreMv : lead.centreMv; }

double EcgView::rowShift(int row) const {
    if (row < 0 || row >= rows_.size()) return 0;
    return rows_[row].baseline - centreOf(*rows_[row].lead);
}

void EcgView::layoutRows() {
    // Row r's centre sits (n-1)/2 - r row pitches above the strip's centre, on a 5 mm line.
    const int n = static_cast<int>(rows_.size());
    const double heightMm = stripHeightPixels() / dotsPerMm();
    const double pitchMm = n > 0 ? heightMm / n : 0;
    for (int r = 0; r < n; ++r) {
        const double mm = std::round(((n - 1) / 2.0 - r) * pitchMm / 5) * 5;
        rows_[r].baseline = mm / mmPerMv_;
        // The label sits at the row's left, a little above its centre (clear of the bands on top).
        rows_[r].label->position->setCoords(0.004, rows_[r].baseline + 0.2 * pitchMm / mmPerMv_);
    }
}

void EcgView::applyScale() {
    const double dpmm = dotsPerMm();
    if (pageSeconds_ > 0 && traceRect_->width() > 0) {
        mmPerSecond_ = std::clamp(traceRect_->width() / dpmm / pageSeconds_, kMinMmPerSecond, kMaxMmPerSecond);
        syncScaleCombos();
    }
    const double spanT = traceRect_->width() / dpmm / mmPerSecond_;
    const double spanV = traceRect_->height() / dpmm / mmPerMv_;
    layoutRows();
    const QCPRange time(t0_, t0_ + spanT), mv(yPan_ - spanV / 2, yPan_ + spanV / 2);
    traceRect_->axis(QCPAxis::atBottom)->setRange(time);
    timeLabels_->setRange(time);
    traceRect_->axis(QCPAxis::atLeft)->setRange(mv);
    calRect_->axis(QCPAxis::atLeft)->setRange(mv);
    // The mV labels read the chosen lead's own millivolts; with stacked rows each row has its
    // own baseline, so only the calibration pulses give the scale.
    const double shift = rowShift(primaryRow_);
    mvLabels_->setRange(mv.lower - shift, mv.upper - shift);
    // (Without a record there is no scale to read at all: no labels either.)
    mvLabels_->setTickLabels(rows_.size() == 1);
    mvLabels_->setLabel(rows_.size() == 1 ? tr("mV") : QString());
    // Seconds for a strip, hours:minutes:seconds once it spans more than ten minutes.
    if (spanT > 600) {
        if (!timeLabels_->ticker().dynamicCast<QCPAxisTickerTime>()) {
            QSharedPointer<QCPAxisTickerTime> t(new QCPAxisTickerTime);
            t->setTimeFormat(QStringLiteral("%h:%m:%s"));
            timeLabels_->setTicker(t);
            timeLabels_->setLabel(tr("Time (h:min:s)"));
        }
        timeLabels_->ticker()->setTickCount(std::max(2, traceRect_->width() / 110));
    } else {
        if (timeLabels_->ticker().dynamicCast<QCPAxisTickerTime>()) {
            timeLabels_->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
            timeLabels_->setLabel(tr("Time (s)"));
        }
        setFixedTicks(timeLabels_, labelStep({0.2, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300}, dpmm * mmPerSecond_, 60));
    }
    setFixedTicks(mvLabels_, labelStep({0.5, 1, 2, 5, 10, 20, 50}, dpmm * mmPerMv_, 28));
    const bool minor = dpmm >= 2.5;  // a 1 mm grid finer than 2.5 px is a grey haze
    timeTicker_->setMajorStep(5 / mmPerSecond_);
    mvTicker_->setMajorStep(5 / mmPerMv_);
    calMvTicker_->setMajorStep(5 / mmPerMv_);
    for (auto* t : {timeTicker_.data(), mvTicker_.data(), calTimeTicker_.data(), calMvTicker_.data()})
        t->setMinorVisible(minor);

    // The calibration paper (its width is set before layout, in replot()) holds, for each row,
    // a pulse 1 mV high and 200 ms wide at the current speed (kept between 2 and 8 mm so it
    // stays visible), standing on the row's isoelectric line (its median).
    calRect_->axis(QCPAxis::atBottom)->setRange(0, calRect_->width() / dpmm);
    const double w = std::clamp(kPulseSeconds * mmPerSecond_, 2.0, 8.0);
    for (int r = 0; r < rows_.size(); ++r) {
        const double b = (filtered_ ? rows_[r].lead->filteredMedianMv : rows_[r].lead->medianMv) + rowShift(r);
        rows_[r].pulse->setData(QVector<double>{1, 2.5, 2.5, 2.5 + w, 2.5 + w, kCalibrationWidthMm - 1},
                                QVector<double>{b, b, b + 1, b + 1, b, b}, true);
    }

    // Ticks are computed in the layout's preparation step, which ran before this (afterLayout):
    // recompute them so that the grid of this very frame follows the new ranges.
    traceRect_->update(QCPLayoutElement::upPreparation);
    calRect_->update(QCPLayoutElement::upPreparation);

    if (cursorsPending_ && strip_.recordIndex >= 0 && traceRect_->width() >= 50) placeDefaultCursors();
    updateTraces();
    updatePeaks();
    placeWindowItems();
    placeAnnotationItems();
    if (strip_.recordIndex >= 0) overview_->setVisibleRange(t0_, t0_ + spanT);
    updatePageLabel();
}

void EcgView::updateTraces() {
    const auto [t0, t1] = visibleTimeRange();
    const int columns = std::max(1, stripWidthPixels());
    decimated_ = false;
    for (int r = 0; r < rows_.size(); ++r) {
        const Row& row = rows_[r];
        const auto d = dsp::decimateMinMax(rowSamples(strip_, *row.lead, filtered_), &rowPyramid(strip_, *row.lead, filtered_),
                                           strip_.fs, t0, t1, columns);
        const double shift = rowShift(r);
        QVector<double> t(static_cast<int>(d.t.size())), v(static_cast<int>(d.v.size()));
        for (std::size_t i = 0; i < d.t.size(); ++i) {
            t[static_cast<int>(i)] = d.t[i];
            v[static_cast<int>(i)] = d.v[i] + shift;
        }
        row.graph->setData(t, v, true);
        // A zigzag of column extrema stroked with a wide antialiased pen costs Qt's stroker
        // hundreds of ms per frame; a 1-px aliased pen draws the same columns at once.
        row.graph->setPen(QPen(ecgpaper::traceColour(), d.raw ? 1.4 : 1.0));
        row.graph->setAntialiased(d.raw);
        if (r == primaryRow_) decimated_ = !d.raw;
    }
}

void EcgView::updatePeaks() {
    // Markers only while they are apart: a day of beats on one strip would be one orange bar.
    const auto [t0, t1] = visibleTimeRange();
    const double fs = strip_.fs > 0 ? strip_.fs : 1;
    const auto a = std::lower_bound(strip_.rPeaks.begin(), strip_.rPeaks.end(), static_cast<long>(t0 * fs));
    const auto b = std::upper_bound(a, strip_.rPeaks.end(), static_cast<long>(t1 * fs));
    peaks_->setVisible(!rows_.isEmpty() && (b - a) * 6 <= std::max(1, stripWidthPixels()));
    const double shift = rowShift(primaryRow_);
    if (shift == peaksShift_ && filtered_ == peaksFiltered_) return;
    peaksShift_ = shift;
    peaksFiltered_ = filtered_;
    const auto& x = shownSamples();
    QVector<double> pt, pv;
    pt.reserve(static_cast<int>(strip_.rPeaks.size()));
    pv.reserve(pt.capacity());
    for (long p : strip_.rPeaks) {
        if (p < 0 || static_cast<std::size_t>(p) >= x.size()) continue;
        pt.push_back(static_cast<double>(p) / strip_.fs);
        pv.push_back(x[static_cast<std::size_t>(p)] + shift);
    }
    peaks_->setData(pt, pv, true);
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
    // A new page: the cursors come along onto its first RR interval when neither is in view.
    const auto [a, b] = visibleTimeRange();
    if (strip_.recordIndex >= 0 && !(cursor_[0] >= a && cursor_[0] <= b) && !(cursor_[1] >= a && cursor_[1] <= b)) {
        placeDefaultCursors();
        replot();
    }
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
    yPan_ = 0;
    setAutoGain(true);
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
    const double shift = rowShift(primaryRow_);
    return {r.lower - shift, r.upper - shift};
}

QCPAxis* EcgView::timeAxis() const { return traceRect_->axis(QCPAxis::atBottom); }
QCPAxis* EcgView::millivoltAxis() const { return traceRect_->axis(QCPAxis::atLeft); }

QStringList EcgView::rowLabels() const {
    QStringList names;
    for (const Row& r : rows_) names << r.label->text();
    return names;
}

double EcgView::rowCentrePixel(int row) const {
    if (row < 0 || row >= rows_.size()) return std::nan("");
    return millivoltAxis()->coordToPixel(rows_[row].baseline);
}

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
    if (!trace_) return t;
    t.reserve(trace_->dataCount());
    for (auto it = trace_->data()->constBegin(); it != trace_->data()->constEnd(); ++it) t.push_back(it->key);
    return t;
}

QVector<double> EcgView::displayedMillivolts() const {
    QVector<double> v;
    if (!trace_) return v;
    const double shift = rowShift(primaryRow_);
    v.reserve(trace_->dataCount());
    for (auto it = trace_->data()->constBegin(); it != trace_->data()->constEnd(); ++it) v.push_back(it->value - shift);
    return v;
}

QVector<double> EcgView::rPeakTimes() const {
    QVector<double> t;
    for (auto it = peaks_->data()->constBegin(); it != peaks_->data()->constEnd(); ++it) t.push_back(it->key);
    return t;
}

QVector<double> EcgView::rPeakMillivolts() const {
    QVector<double> v;
    const double shift = rowShift(primaryRow_);
    for (auto it = peaks_->data()->constBegin(); it != peaks_->data()->constEnd(); ++it) v.push_back(it->value - shift);
    return v;
}

double EcgView::calibrationPulseMillivolts() const {
    // The first row's pulse (each row has its own, all alike).
    if (!pulse_) return 0;
    double lo = 0, hi = 0;
    int k = 0;
    for (auto it = pulse_->data()->constBegin(); it != pulse_->data()->constEnd(); ++it, ++k) {
        lo = k == 0 ? it->value : std::min(lo, it->value);
        hi = k == 0 ? it->value : std::max(hi, it->value);
    }
    return hi - lo;
}

}  // namespace dacl::ui
