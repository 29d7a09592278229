#pragma once
// The run report as a document: a list of blocks (headings, paragraphs, tables, figures) that the
// PDF layout (report_pdf.cpp) and the HTML writer (report_html.cpp) each render in their own way,
// so that both formats say the same thing.
#include "ui/report/report_data.h"

#include <QImage>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

class QCPPainter;
class QRectF;

namespace dacl::ui::report {

struct Cell {
    QString text;
    bool bold = false;
};

struct Table {
    QStringList header;
    std::vector<std::vector<Cell>> rows;
    std::vector<double> widths;  // relative column widths
    std::vector<bool> right;     // right-aligned columns (numbers)
};

struct Figure {
    double widthMm = 80, heightMm = 60;
    QString caption;
    QString alt;
    bool raster = false;  // many points: embedded as a 300 dpi image rather than vectors
    std::function<void(QCPPainter&, const QRectF&, double dpi)> paint;
};

struct Block {
    enum Kind { Title, Subtitle, Heading, Paragraph, Note, TableBlock, Figures, PageBreak } kind;
    QString text;
    Table table;
    std::vector<Figure> figures;
};

// The report's content, in reading order.
std::vector<Block> buildDocument(const ReportData& d);

// The figure painted on a white image of `pixels` at `dpi` (raster figures of the PDF, every
// figure of the HTML file).
QImage renderFigure(const Figure& f, QSize pixels, double dpi);

// Throws std::runtime_error naming `path` when it cannot be opened for writing.
void checkWritable(const QString& path);

}  // namespace dacl::ui::report
