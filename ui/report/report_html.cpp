// The run report as one self-contained HTML file: plots inline as base64 PNG at 200 dpi.
#include "ui/report/report_writer.h"

#include "ui/report/report_document.h"

#include "ui/plots/custom_plot.h"

#include <QBuffer>
#include <QFile>
#include <QImage>

#include <cmath>
#include <stdexcept>

namespace dacl::ui {

using namespace report;

namespace {

QString pngDataUri(const Figure& f, double dpi) {
    const QImage image = renderFigure(f, QSize(static_cast<int>(std::lround(f.widthMm / 25.4 * dpi)), static_cast<int>(std::lround(f.heightMm / 25.4 * dpi))), dpi);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return QStringLiteral("data:image/png;base64,") + QString::fromLatin1(bytes.toBase64());
}

QString esc(const QString& s) { return s.toHtmlEscaped(); }

}  // namespace

void writeReportHtml(const ReportData& data, const QString& path) {
    checkWritable(path);
    const std::vector<Block> doc = buildDocument(data);
    QString html;
    html += QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>") +
            esc(QObject::tr("DACL run report: run %1").arg(data.run.id)) + QStringLiteral("</title>\n");
    html += QStringLiteral(
        "<style>body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:10pt;max-width:190mm;margin:12mm auto;color:#111}"
        "h1{font-size:17pt;margin-bottom:2pt}h2{font-size:12.5pt;color:#005080;border-bottom:1px solid #0072B2;margin-top:16pt}"
        ".sub{color:#5a5a5a}.note{color:#505050;font-style:italic;font-size:9pt}"
        "table{border-collapse:collapse;width:100%;font-size:9pt;margin:4pt 0 8pt}"
        "th{background:#e6eef5;text-align:left;padding:3pt}td{padding:3pt;border-bottom:1px solid #ddd;vertical-align:top}"
        "tr:nth-child(even) td{background:#f7f7f7}td.r,th.r{text-align:right}"
        ".figs{display:flex;flex-wrap:wrap;gap:4mm;justify-content:center}figure{margin:0}"
        "figcaption{font-size:9pt;font-style:italic;color:#3c3c3c}img{display:block}"
        "@media print{.pb{page-break-before:always}}</style></head><body>\n");
    for (const Block& b : doc) {
        switch (b.kind) {
        case Block::Title: html += QStringLiteral("<h1>") + esc(b.text) + QStringLiteral("</h1>\n"); break;
        case Block::Subtitle: html += QStringLiteral("<p class=\"sub\">") + esc(b.text) + QStringLiteral("</p>\n"); break;
        case Block::Heading: html += QStringLiteral("<h2>") + esc(b.text) + QStringLiteral("</h2>\n"); break;
        case Block::Paragraph: html += QStringLiteral("<p>") + esc(b.text) + QStringLiteral("</p>\n"); break;
        case Block::Note: html += QStringLiteral("<p class=\"note\">") + esc(b.text) + QStringLiteral("</p>\n"); break;
        case Block::PageBreak: html += QStringLiteral("<div class=\"pb\"></div>\n"); break;
        case Block::TableBlock: {
            const Table& t = b.table;
            html += QStringLiteral("<table>");
            auto cls = [&](int c) { return c < static_cast<int>(t.right.size()) && t.right[static_cast<std::size_t>(c)] ? QStringLiteral(" class=\"r\"") : QString(); };
            if (!t.header.isEmpty()) {
                html += QStringLiteral("<tr>");
                for (int c = 0; c < t.header.size(); ++c) html += QStringLiteral("<th%1>%2</th>").arg(cls(c), esc(t.header[c]));
                html += QStringLiteral("</tr>");
            }
            for (const auto& row : t.rows) {
                html += QStringLiteral("<tr>");
                for (int c = 0; c < static_cast<int>(row.size()); ++c) {
                    const Cell& cell = row[static_cast<std::size_t>(c)];
                    const QString text = cell.bold ? QStringLiteral("<b>") + esc(cell.text) + QStringLiteral("</b>") : esc(cell.text);
                    html += QStringLiteral("<td%1>%2</td>").arg(cls(c), text);
                }
                html += QStringLiteral("</tr>");
            }
            html += QStringLiteral("</table>\n");
            break;
        }
        case Block::Figures: {
            html += QStringLiteral("<div class=\"figs\">");
            for (const Figure& f : b.figures)
                html += QStringLiteral("<figure style=\"width:%1mm\"><img src=\"%2\" alt=\"%3\" style=\"width:%1mm\">"
                                       "<figcaption>%4</figcaption></figure>")
                            .arg(f.widthMm)
                            .arg(pngDataUri(f, 200), esc(f.alt), esc(f.caption));
            html += QStringLiteral("</div>\n");
            break;
        }
        }
    }
    html += QStringLiteral("</body></html>\n");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw std::runtime_error((path + QStringLiteral(": cannot write the report (") + file.errorString() + QStringLiteral(")")).toStdString());
    const QByteArray bytes = html.toUtf8();
    if (file.write(bytes) != bytes.size() || !file.flush())
        throw std::runtime_error((path + QStringLiteral(": write failed (") + file.errorString() + QStringLiteral(")")).toStdString());
}

}  // namespace dacl::ui
