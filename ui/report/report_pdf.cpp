// The run report as A4 PDF: vector plots, a running header and footer, "Page n of m" (a first
// pass measures, a second paints), headings kept with what follows them.
#include "ui/report/report_writer.h"

#include "ui/report/report_document.h"

#include "ui/plots/custom_plot.h"

#include <QFontMetricsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>

#include <cmath>
#include <stdexcept>

namespace dacl::ui {

using namespace report;

namespace {

QFont font(double pt, bool bold = false, bool italic = false) {
    QFont f(QStringLiteral("DejaVu Sans"));
    // No ligatures: "fi"/"ff" drawn as one glyph come out of the PDF as U+FB01/U+FB00, so that
    // "finished" or a fingerprint with "ff" could not be found or pasted as typed.
    f.setStyleStrategy(QFont::PreferNoShaping);
    f.setPointSizeF(pt);
    f.setBold(bold);
    f.setItalic(italic);
    return f;
}

class PdfLayout {
public:
    static constexpr double kDpi = 300;
    static constexpr double kMargin = 18, kTop = 19, kBottom = 16;  // mm

    PdfLayout(QPdfWriter& writer, QCPPainter* painter, const ReportData& d)
        : writer_(writer), p_(painter), d_(d) {
        const QSizeF page = writer.pageLayout().fullRectPoints().size();
        pageW_ = page.width() / 72.0 * 25.4;
        pageH_ = page.height() / 72.0 * 25.4;
    }

    int pages() const { return page_; }

    void run(const std::vector<Block>& doc) {
        page_ = 1;
        y_ = kTop;
        decorate();
        for (std::size_t i = 0; i < doc.size(); ++i) {
            const Block& b = doc[i];
            switch (b.kind) {
            case Block::Title: text(b.text, font(17, true), QColor(20, 20, 20), 2); break;
            case Block::Subtitle: text(b.text, font(9.5), QColor(90, 90, 90), 4); break;
            case Block::Heading: {
                // Keep a heading with what follows it: its paragraphs and the first figure or the
                // start of the first table.
                double next = 0;
                for (std::size_t k = i + 1; k < doc.size(); ++k) {
                    const Block& n = doc[k];
                    if (n.kind == Block::Paragraph || n.kind == Block::Note) {
                        next += measure(n.text, font(9.5), contentW()) + 2;
                        continue;
                    }
                    if (n.kind == Block::Figures) next += figuresHeight(n) + 3;
                    else if (n.kind == Block::TableBlock) next += 25;
                    break;
                }
                space(2.5);
                ensure(8 + std::min(next, 150.0));
                text(b.text, font(12.5, true), QColor(0, 0x50, 0x80), 1.5);
                line();
                break;
            }
            case Block::Paragraph: text(b.text, font(9.5), Qt::black, 2); break;
            case Block::Note: text(b.text, font(9, false, true), QColor(80, 80, 80), 2.5); break;
            case Block::TableBlock: table(b.table); break;
            case Block::Figures: figures(b); break;
            case Block::PageBreak: newPage(); break;
            }
        }
    }

    void setTotalPages(int n) { total_ = n; }

private:
    double px(double mm) const { return mm / 25.4 * kDpi; }
    double contentW() const { return pageW_ - 2 * kMargin; }
    double bottom() const { return pageH_ - kBottom; }

    void ensure(double mm) {
        if (y_ + mm > bottom() && y_ > kTop + 1) newPage();
    }
    void space(double mm) { y_ += mm; }

    void newPage() {
        if (p_) writer_.newPage();
        ++page_;
        y_ = kTop;
        decorate();
    }

    // Running header and footer on every page.
    void decorate() {
        if (!p_) return;
        p_->save();
        p_->setFont(font(8));
        p_->setPen(QColor(110, 110, 110));
        const QString left = QObject::tr("DACL Studio · run %1 · %2").arg(d_.run.id).arg(QString::fromStdString(d_.run.name));
        p_->drawText(QRectF(px(kMargin), px(9), px(contentW()), px(5)), Qt::AlignLeft | Qt::AlignVCenter, left);
        p_->drawText(QRectF(px(kMargin), px(9), px(contentW()), px(5)), Qt::AlignRight | Qt::AlignVCenter, d_.generatedAt);
        p_->setPen(QPen(QColor(200, 200, 200), px(0.2)));
        p_->drawLine(QPointF(px(kMargin), px(14.5)), QPointF(px(pageW_ - kMargin), px(14.5)));
        p_->setPen(QColor(110, 110, 110));
        const QString footer = total_ > 0 ? QObject::tr("Page %1 of %2").arg(page_).arg(total_) : QObject::tr("Page %1").arg(page_);
        p_->drawText(QRectF(px(kMargin), px(pageH_ - 11), px(contentW()), px(5)), Qt::AlignHCenter | Qt::AlignVCenter, footer);
        p_->restore();
    }

    double measure(const QString& s, const QFont& f, double widthMm, int flags = Qt::TextWordWrap) const {
        if (s.isEmpty()) return 0;
        const QFontMetricsF fm(f, &writer_);
        return fm.boundingRect(QRectF(0, 0, px(widthMm), 1e7), flags, s).height() / kDpi * 25.4;
    }

    void text(const QString& s, const QFont& f, const QColor& colour, double after) {
        const double h = measure(s, f, contentW());
        ensure(h);
        if (p_) {
            p_->setFont(f);
            p_->setPen(colour);
            p_->drawText(QRectF(px(kMargin), px(y_), px(contentW()), px(h + 1)), Qt::TextWordWrap | Qt::AlignLeft, s);
        }
        y_ += h + after;
    }

    void line() {
        if (p_) {
            p_->setPen(QPen(QColor(0, 0x72, 0xB2), px(0.3)));
            p_->drawLine(QPointF(px(kMargin), px(y_)), QPointF(px(pageW_ - kMargin), px(y_)));
        }
        y_ += 2.5;
    }

    void table(const Table& t) {
        const std::size_t cols = t.header.isEmpty() ? (t.rows.empty() ? 0 : t.rows.front().size()) : static_cast<std::size_t>(t.header.size());
        if (cols == 0) return;
        std::vector<double> w(cols, 1.0);
        double sum = 0;
        for (std::size_t c = 0; c < cols; ++c) sum += w[c] = c < t.widths.size() ? t.widths[c] : 1.0;
        for (double& x : w) x = x / sum * contentW();
        const double pad = 1.2;
        const QFont body = font(9), bold = font(9, true);
        auto rowHeight = [&](const std::vector<Cell>& row) {
            double h = 0;
            for (std::size_t c = 0; c < cols && c < row.size(); ++c)
                h = std::max(h, measure(row[c].text, row[c].bold ? bold : body, w[c] - 2 * pad));
            return h + 2 * pad;
        };
        std::vector<Cell> header;
        for (const QString& h : t.header) header.push_back({h, true});
        auto drawRow = [&](const std::vector<Cell>& row, double h, bool isHeader, bool shaded) {
            if (p_) {
                if (isHeader || shaded)
                    p_->fillRect(QRectF(px(kMargin), px(y_), px(contentW()), px(h)), isHeader ? QColor(230, 238, 245) : QColor(247, 247, 247));
                double x = kMargin;
                for (std::size_t c = 0; c < cols && c < row.size(); ++c) {
                    p_->setFont(row[c].bold ? bold : body);
                    p_->setPen(Qt::black);
                    const bool right = c < t.right.size() && t.right[c];
                    p_->drawText(QRectF(px(x + pad), px(y_ + pad), px(w[c] - 2 * pad), px(h)),
                                 Qt::TextWordWrap | (right ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop, row[c].text);
                    x += w[c];
                }
                p_->setPen(QPen(QColor(215, 215, 215), px(0.15)));
                p_->drawLine(QPointF(px(kMargin), px(y_ + h)), QPointF(px(pageW_ - kMargin), px(y_ + h)));
            }
            y_ += h;
        };
        const double hh = header.empty() ? 0 : rowHeight(header);
        ensure(hh + (t.rows.empty() ? 0 : rowHeight(t.rows.front())));
        if (!header.empty()) drawRow(header, hh, true, false);
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            const double h = rowHeight(t.rows[r]);
            if (y_ + h > bottom()) {
                newPage();
                if (!header.empty()) drawRow(header, hh, true, false);  // repeated on the new page
            }
            drawRow(t.rows[r], h, false, r % 2 == 1);
        }
        y_ += 3;
    }

    double figuresHeight(const Block& b) const {
        double h = 0;
        const double scale = fitScale(b);
        for (const Figure& f : b.figures)
            h = std::max(h, f.heightMm * scale + 1.5 + measure(f.caption, font(9, false, true), f.widthMm * scale));
        return h;
    }

    double fitScale(const Block& b) const {
        double total = 0;
        for (const Figure& f : b.figures) total += f.widthMm;
        total += 4 * (static_cast<double>(b.figures.size()) - 1);
        return total > contentW() ? contentW() / total : 1.0;
    }

    void figures(const Block& b) {
        const double scale = fitScale(b);
        ensure(figuresHeight(b));
        double total = 0;
        for (const Figure& f : b.figures) total += f.widthMm * scale;
        total += 4 * (static_cast<double>(b.figures.size()) - 1);
        double x = kMargin + (contentW() - total) / 2;
        double maxH = 0;
        for (const Figure& f : b.figures) {
            const double w = f.widthMm * scale, h = f.heightMm * scale;
            const double capH = measure(f.caption, font(9, false, true), w);
            if (p_) {
                const QRectF target(px(x), px(y_), px(w), px(h));
                if (f.raster) {
                    const QImage image = renderFigure(f, QSize(static_cast<int>(std::lround(target.width())), static_cast<int>(std::lround(target.height()))), kDpi);
                    p_->drawImage(target, image);
                } else {
                    p_->save();
                    f.paint(*p_, target, kDpi);
                    p_->restore();
                }
                p_->setFont(font(9, false, true));
                p_->setPen(QColor(60, 60, 60));
                p_->drawText(QRectF(px(x), px(y_ + h + 1.5), px(w), px(capH + 1)), Qt::TextWordWrap | Qt::AlignLeft, f.caption);
            }
            maxH = std::max(maxH, h + 1.5 + capH);
            x += w + 4;
        }
        y_ += maxH + 3;
    }

    QPdfWriter& writer_;
    QCPPainter* p_;  // null: measuring pass (counts pages)
    const ReportData& d_;
    double pageW_ = 210, pageH_ = 297;
    double y_ = 0;
    int page_ = 1;
    int total_ = 0;
};

}  // namespace

void writeReportPdf(const ReportData& data, const QString& path) {
    checkWritable(path);
    const std::vector<Block> doc = buildDocument(data);
    QPdfWriter writer(path);
    writer.setResolution(static_cast<int>(PdfLayout::kDpi));
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setTitle(QObject::tr("DACL run report: run %1").arg(data.run.id));
    writer.setCreator(QStringLiteral("DACL Studio ") + data.reportSoftware);
    // First pass measures (page count for "Page n of m"), second paints.
    PdfLayout measure(writer, nullptr, data);
    measure.run(doc);
    QCPPainter painter;
    if (!painter.begin(&writer)) throw std::runtime_error((path + QStringLiteral(": cannot write the PDF file")).toStdString());
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNonCosmetic);
    painter.setRenderHint(QPainter::Antialiasing);
    PdfLayout layout(writer, &painter, data);
    layout.setTotalPages(measure.pages());
    layout.run(doc);
    if (!painter.end()) throw std::runtime_error((path + QStringLiteral(": writing the PDF failed")).toStdString());
}

}  // namespace dacl::ui
