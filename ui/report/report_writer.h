#pragma once
// Writes a run report as PDF (A4, vector plots, numbered pages) or as one self-contained HTML
// file (plots inline as base64 PNG). Needs a QApplication (the plots are QCustomPlot widgets,
// never shown) and must run on the GUI thread; load the ReportData on a worker thread first.
#include "ui/report/report_data.h"

#include <QString>

namespace dacl::ui {

// Throws std::runtime_error naming the file when it cannot be written.
void writeReportPdf(const ReportData& data, const QString& path);
void writeReportHtml(const ReportData& data, const QString& path);
// By suffix: .pdf, .html or .htm (case-insensitive); anything else is an error.
void writeReport(const ReportData& data, const QString& path);

}  // namespace dacl::ui
