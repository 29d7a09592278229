#include "ui/report/report_writer.h"

#include <QFileInfo>

#include <stdexcept>

namespace dacl::ui {

void writeReport(const ReportData& data, const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("pdf")) writeReportPdf(data, path);
    else if (suffix == QLatin1String("html") || suffix == QLatin1String("htm")) writeReportHtml(data, path);
    else throw std::runtime_error((path + QStringLiteral(": the report file must end in .pdf, .html or .htm")).toStdString());
}

}  // namespace dacl::ui
