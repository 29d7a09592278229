#pragma once
// The one-page patient report of a single-recording assessment, as PDF: header
// fields, the result in words and numbers with the run's threshold, calibrated strips (25 mm/s,
// 10 mm/mV) of the most and the least AF-like span, the p(AF)-over-time band of the whole
// record, the run's provenance and the intended-use note. A4 landscape (a 10-s strip at 25 mm/s
// is 250 mm wide). Qt Gui only: needs a QGuiApplication (the offscreen platform will do), no widgets.
#include "core/data/recording.h"
#include "core/assess/assessment.h"

#include <QString>

namespace dacl::ui {

// Writes the report of `a` to `pdfPath`; the strips come from `recording`, the file `a` assessed.
// Throws std::runtime_error naming the file when it cannot be written.
void writePatientReport(const assess::Assessment& a, const Recording& recording, const QString& pdfPath);

// The same, reading the recording again from a.file (InputError when it can no longer be read).
void writePatientReport(const assess::Assessment& a, const QString& pdfPath);

}  // namespace dacl::ui
