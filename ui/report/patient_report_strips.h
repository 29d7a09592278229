#pragma once
// The calibrated pictures of the patient report, drawn with QPainter in millimetres (the caller
// scales the painter so that one unit is 1 mm on paper): ECG paper strips at 25 mm/s and
// 10 mm/mV with a 1-mV calibration pulse, and the p(AF)-over-time band of the whole record.
// Qt Gui only (no widgets), so that the headless CLI can print the report.
#include "core/assess/assessment.h"

#include <QColor>
#include <QFont>
#include <QRectF>

#include <vector>

class QPainter;

namespace dacl::ui::report {

inline constexpr double kMmPerSecond = 25.0;   // paper speed
inline constexpr double kMmPerMv = 10.0;       // gain
inline constexpr double kCalibrationMm = 8.0;  // room left of the trace for the 1-mV pulse

// A font of `points` on a painter scaled to millimetres at `dpi` device pixels per inch.
QFont mmFont(double points, int dpi, bool bold = false, bool italic = false);

// Colour of a probability on the band: green (0) through yellow to red (1).
QColor probabilityColour(double p);

// ECG paper (1-mm and 5-mm grid) over `rect`, the 1-mV calibration pulse at its left and
// `mv` (millivolts at `fs` Hz, starting at the strip's left edge after the pulse) at 25 mm/s and
// 10 mm/mV around its median; whatever leaves the strip is clipped, never rescaled.
void drawEcgStrip(QPainter& p, const QRectF& rect, const std::vector<double>& mv, double fs);

// The probability over time of the whole record as a coloured band in `rect` (grey where no span
// lies), with a time axis under it and the marks of `strips` (start, end in s) labelled 1, 2 ...
void drawProbabilityBand(QPainter& p, const QRectF& rect, const std::vector<assess::SpanProbability>& spans,
                         double durationS, const std::vector<std::pair<double, double>>& strips, int dpi);

// "0:30", "1:00:00" or "12 s": a time on the record's clock for axis ticks.
QString clockText(double seconds);

}  // namespace dacl::ui::report
