#pragma once
// Small helpers shared by the ECG view's source files (ecg_view*.cpp); not a public API.
#include "ui/plots/custom_plot.h"

#include <QComboBox>
#include <QLocale>

#include <cmath>
#include <initializer_list>

namespace dacl::ui::ecgview {

constexpr double kMinMmPerSecond = 1e-4;  // low enough to fit a day on one strip
constexpr double kMaxMmPerSecond = 1000;
constexpr double kCalibrationWidthMm = 12;  // paper before the trace that holds the 1 mV pulse
constexpr double kPulseSeconds = 0.2;       // the standard 1 mV, 200 ms calibration pulse
constexpr double kCursorGrabPixels = 6;
constexpr double kMinRateInterval = 0.2;  // s: shorter is a QRS width, not a rate (300 bpm)
constexpr double kMaxRateInterval = 6.0;  // s: 10 bpm
// A default RR interval must be physiological: 30–250 bpm.
constexpr double kMinDefaultRr = 0.24, kMaxDefaultRr = 2.0;

inline QString formatNumber(double v) { return QLocale().toString(v, 'g', 4); }

// Selects `value` in a combo of presets; a non-preset value gets (or updates) a last extra item.
inline void selectValue(QComboBox* combo, double value, int presets, const QString& customText) {
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
inline double labelStep(std::initializer_list<double> steps, double pixelsPerUnit, double minPixels) {
    for (double s : steps)
        if (s * pixelsPerUnit >= minPixels) return s;
    return *(steps.end() - 1);
}

inline void setFixedTicks(QCPAxis* axis, double step) {
    auto t = axis->ticker().dynamicCast<QCPAxisTickerFixed>();
    if (!t) {
        t.reset(new QCPAxisTickerFixed);
        t->setScaleStrategy(QCPAxisTickerFixed::ssNone);
        axis->setTicker(t);
    }
    t->setTickStep(step);
}

// x in plot coordinates of `rect`, y as a ratio of its height.
inline QCPItemPosition* placeXData(QCPItemPosition* p, QCPAxisRect* rect, double x, double yRatio) {
    p->setAxisRect(rect);
    p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    p->setTypeX(QCPItemPosition::ptPlotCoords);
    p->setTypeY(QCPItemPosition::ptAxisRectRatio);
    p->setCoords(x, yRatio);
    return p;
}

}  // namespace dacl::ui::ecgview
