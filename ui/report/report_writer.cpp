#include "ui/report/report_writer.h"

#include "ui/plots/plot_export.h"
#include "ui/report/report_figures.h"

#include "ui/plots/custom_plot.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>

#include <cmath>
#include <functional>
#include <memory>
#include <stdexcept>

namespace dacl::ui {

namespace {

// ---- document model ------------------------------------------------------------------------

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

QString num3(double v) { return std::isfinite(v) ? QString::number(v, 'f', 3) : QStringLiteral("–"); }
QString interval(double lo, double hi) {
    return std::isfinite(lo) && std::isfinite(hi) ? QStringLiteral("%1 – %2").arg(num3(lo), num3(hi)) : QStringLiteral("–");
}
QString isoShort(const std::string& iso) {
    if (iso.size() < 16) return iso.empty() ? QStringLiteral("–") : QString::fromStdString(iso);
    return QString::fromStdString(iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC");
}

Figure plotFigure(std::shared_ptr<QCustomPlot> plot, double w, double h, const QString& caption, bool raster = false) {
    Figure f;
    f.widthMm = w;
    f.heightMm = h;
    f.caption = caption;
    f.alt = caption;
    f.raster = raster;
    // Report plots use pixel-sized fonts at 96 px/inch: any font DPI of 96 keeps them consistent.
    f.paint = [plot](QCPPainter& painter, const QRectF& target, double dpi) { paintPlot(*plot, painter, target, dpi, 96.0); };
    return f;
}

const MetricRow* findMetric(const ReportData& d, const std::string& name) {
    for (const auto& m : d.metrics)
        if (m.name == name) return &m;
    return nullptr;
}

QString summarySentence(const ReportData& d) {
    QStringList parts;
    if (const MetricRow* f = findMetric(d, "f1_challenge")) parts << QObject::tr("challenge F1 %1").arg(num3(f->mean));
    if (const MetricRow* a = findMetric(d, "auroc")) {
        QString s = QObject::tr("AUROC %1").arg(num3(a->mean));
        if (std::isfinite(a->ciLow)) s += QObject::tr(" (95 % CI %1)").arg(interval(a->ciLow, a->ciHigh));
        parts << s;
    }
    if (const MetricRow* m = findMetric(d, "auprc")) parts << QObject::tr("AUPRC %1").arg(num3(m->mean));
    const MetricRow* se = findMetric(d, "sensitivity");
    const MetricRow* sp = findMetric(d, "specificity");
    if (se && sp)
        parts << QObject::tr("sensitivity %1 and specificity %2 at the threshold chosen on validation records")
                     .arg(num3(se->mean), num3(sp->mean));
    int tested = 0;
    for (const auto& [_, n] : d.testClassCounts) tested += n;
    if (parts.isEmpty()) return QObject::tr("This run has no final metrics yet (status: %1).").arg(QString::fromLatin1(store::toString(d.run.status)));
    const QString over = d.folds == 1 ? QObject::tr("one test fold") : QObject::tr("mean over %1 test folds").arg(d.folds);
    const QString what = d.binary ? QObject::tr("Detection of %1").arg(d.positiveName)
                                  : QObject::tr("Classification into N, A, O and ~");
    return QObject::tr("%1: %2; %3 covering %4 records.").arg(what, parts.join(QStringLiteral(", ")), over).arg(tested);
}

std::vector<Block> buildDocument(const ReportData& d) {
    std::vector<Block> doc;
    auto add = [&](Block::Kind k, const QString& text = {}) {
        Block b{k, text, {}, {}};
        doc.push_back(b);
        return &doc.back();
    };
    const QString name = d.run.name.empty() ? QObject::tr("(unnamed)") : QString::fromStdString(d.run.name);
    add(Block::Title, QObject::tr("DACL run report: %1").arg(name));
    add(Block::Subtitle, QObject::tr("Run %1 · %2 · %3 · report generated %4 by DACL Studio %5")
                             .arg(d.run.id)
                             .arg(QString::fromStdString(d.run.task), QString::fromLatin1(store::toString(d.run.status)),
                                  d.generatedAt, d.reportSoftware));
    {
        Table t;
        t.widths = {1.1, 1.6, 1.0, 1.6};
        auto row = [&](const QString& k1, const QString& v1, const QString& k2, const QString& v2) {
            t.rows.push_back({{k1, true}, {v1}, {k2, true}, {v2}});
        };
        row(QObject::tr("Run ID"), QString::number(d.run.id), QObject::tr("Status"), QString::fromLatin1(store::toString(d.run.status)));
        row(QObject::tr("Task"), d.taskDescription, QObject::tr("Folds"), QString::number(d.folds));
        row(QObject::tr("Created"), isoShort(d.run.createdAt), QObject::tr("Finished"), isoShort(d.run.finishedAt));
        row(QObject::tr("Software version"), QString::fromStdString(d.run.softwareVersion), QObject::tr("Seed"), QString::number(d.run.seed));
        row(QObject::tr("Data fingerprint"), QString::fromStdString(d.run.dataFingerprint.empty() ? "–" : d.run.dataFingerprint),
            QObject::tr("Device"), (d.run.threads == 1 ? QObject::tr("%1, 1 thread").arg(QString::fromStdString(d.run.device))
                                 : QObject::tr("%1, %2 threads").arg(QString::fromStdString(d.run.device)).arg(d.run.threads)));
        add(Block::TableBlock)->table = t;
    }
    add(Block::Heading, QObject::tr("Summary"));
    add(Block::Paragraph, summarySentence(d));

    add(Block::Heading, QObject::tr("Metrics"));
    if (d.metrics.empty()) add(Block::Paragraph, QObject::tr("No final metrics are stored for this run."));
    else {
        Table t;
        t.header = {QObject::tr("Metric"), QObject::tr("Mean"), QObject::tr("SD over folds"), QObject::tr("95 % CI")};
        t.widths = {2.6, 0.9, 1.1, 1.6};
        t.right = {false, true, true, true};
        const std::string headline = d.binary ? "auroc" : "f1_challenge";
        for (const auto& m : d.metrics)
            t.rows.push_back({{m.label, m.name == headline}, {num3(m.mean), m.name == headline}, {num3(m.sd)}, {interval(m.ciLow, m.ciHigh)}});
        add(Block::TableBlock)->table = t;
        add(Block::Note, d.metricsNote);
    }

    if (!d.curves.empty()) {
        add(Block::Heading, QObject::tr("ROC and precision–recall curves"));
        Block* b = add(Block::Figures);
        const QString positive = d.binary ? d.positiveName : QObject::tr("AF (A) vs the other classes");
        const QString rocCaption =
            d.folds > 1 ? QObject::tr("ROC for %1: test records of each fold (dashed) and of all folds (solid); grey: chance.").arg(positive)
                        : QObject::tr("ROC for %1 on the test records; grey: chance.").arg(positive);
        b->figures.push_back(plotFigure(std::shared_ptr<QCustomPlot>(makeRocFigure(d)), 85, 70, rocCaption));
        b->figures.push_back(plotFigure(std::shared_ptr<QCustomPlot>(makePrFigure(d)), 85, 70,
                                        QObject::tr("Precision–recall; grey: prevalence of %1, the precision of a "
                                                    "random classifier.").arg(positive)));
    }

    add(Block::Heading, QObject::tr("Dataset"));
    {
        QString text = QObject::tr("Folder: %1").arg(d.dataDir.isEmpty() ? QObject::tr("unknown") : d.dataDir);
        if (!d.datasetClassCounts.empty()) {
            int total = 0;
            QStringList counts;
            for (const auto& [label, n] : d.datasetClassCounts) {
                total += n;
                counts << QStringLiteral("%1 %2").arg(QString::fromStdString(label)).arg(n);
            }
            text += QObject::tr(" — %1 labelled records (%2).").arg(total).arg(counts.join(QStringLiteral(", ")));
        }
        add(Block::Paragraph, text);
        if (!d.datasetNote.isEmpty()) add(Block::Note, d.datasetNote);
        Table t;
        t.header = {QObject::tr("Class (task label)"), QObject::tr("Test records"), QObject::tr("Share")};
        t.widths = {2.5, 1, 1};
        t.right = {false, true, true};
        int total = 0;
        for (const auto& [_, n] : d.testClassCounts) total += n;
        for (const auto& [label, n] : d.testClassCounts) {
            const QString cls = label >= 0 && label < static_cast<int>(d.classNames.size())
                                    ? QStringLiteral("%1 (%2)").arg(d.classNames[static_cast<std::size_t>(label)]).arg(label)
                                    : QString::number(label);
            t.rows.push_back({{cls}, {QString::number(n)}, {QStringLiteral("%1 %").arg(100.0 * n / std::max(1, total), 0, 'f', 1)}});
        }
        t.rows.push_back({{QObject::tr("All out-of-fold test records"), true}, {QString::number(total), true}, {QStringLiteral("100 %"), true}});
        if (!d.testClassCounts.empty()) add(Block::TableBlock)->table = t;
    }

    add(Block::Heading, QObject::tr("ECG of a test record"));
    if (d.ecg) {
        const EcgStripData& e = *d.ecg;
        Figure f;
        f.widthMm = 174;
        f.heightMm = ecgStripHeightMm(e, f.widthMm);
        QString pred;
        if (e.predicted)
            pred = QObject::tr("; predicted %1").arg(*e.predicted >= 0 && *e.predicted < static_cast<int>(d.classNames.size())
                                                        ? d.classNames[static_cast<std::size_t>(*e.predicted)]
                                                        : QString::number(*e.predicted));
        add(Block::Paragraph, QObject::tr("Record %1, true class %2: model probability of %3 %4%5%6.")
                                  .arg(e.record, e.labelName, d.positiveName, num3(e.probability), pred,
                                       e.fold ? QObject::tr(" (test record of fold %1)").arg(*e.fold + 1) : QString()));
        const double shown = std::min(e.fs > 0 ? e.samples.size() / e.fs : 0.0, 3 * (174.0 - 7) / 25.0);
        f.caption = QObject::tr("First %1 s of the %2 s record, lead %3, at 25 mm/s and 10 mm/mV on a 1 mm / 5 mm grid; "
                                "the pulse at the start of each row is 1 mV.")
                        .arg(shown, 0, 'f', 1)
                        .arg(e.fs > 0 ? e.samples.size() / e.fs : 0, 0, 'f', 1)
                        .arg(e.lead);
        if (!e.unitNote.isEmpty()) f.caption += QStringLiteral(" ") + e.unitNote;
        f.alt = QObject::tr("ECG strip of record %1").arg(e.record);
        f.paint = [e](QCPPainter& p, const QRectF& target, double dpi) { paintEcgStrip(p, target, e.fs > 0 ? dpi / 25.4 : 1, e); };
        add(Block::Figures)->figures.push_back(f);
    } else {
        add(Block::Note, d.ecgNote);
    }

    add(Block::Heading, QObject::tr("Embedding map"));
    if (!d.mapXY.empty()) {
        add(Block::Figures)->figures.push_back(
            plotFigure(std::shared_ptr<QCustomPlot>(makeEmbeddingFigure(d)), 130, 100, d.mapNote + QObject::tr(" Crosses: misclassified."), true));
    } else {
        add(Block::Note, d.mapNote);
    }

    const auto curveNames = trainingCurveNames(d);
    if (!curveNames.empty()) {
        add(Block::Heading, QObject::tr("Training curves"));
        add(Block::Note, QObject::tr("Per-epoch values during the training of each fold's models, one colour per fold."));
        for (std::size_t i = 0; i < curveNames.size(); i += 2) {
            Block* b = add(Block::Figures);
            for (std::size_t k = i; k < std::min(i + 2, curveNames.size()); ++k) {
                Figure f = plotFigure(std::shared_ptr<QCustomPlot>(makeTrainingFigure(d, curveNames[k])), 85, 62, QString());
                f.alt = curveTitle(curveNames[k]);
                b->figures.push_back(f);
            }
        }
    }

    if (!d.foldValues.empty()) {
        add(Block::Heading, QObject::tr("Per-fold results"));
        Table t;
        t.header << QObject::tr("Fold");
        t.widths.push_back(0.6);
        t.right.push_back(true);
        static const std::map<QString, QString> shortNames = {
            {QStringLiteral("auroc"), QObject::tr("AUROC [95 % CI]")}, {QStringLiteral("auprc"), QObject::tr("AUPRC")},
            {QStringLiteral("sensitivity"), QObject::tr("Sens.")},    {QStringLiteral("specificity"), QObject::tr("Spec.")},
            {QStringLiteral("precision"), QObject::tr("Prec.")},      {QStringLiteral("f1"), QObject::tr("F1")},
            {QStringLiteral("accuracy"), QObject::tr("Acc.")},        {QStringLiteral("threshold"), QObject::tr("Thr.")},
            {QStringLiteral("f1_challenge"), QObject::tr("Chall. F1")}};
        for (const QString& c : d.foldColumns) {
            const auto it = shortNames.find(c);
            QString h = it != shortNames.end() ? it->second : c;
            if (it == shortNames.end()) h.replace(QLatin1Char('_'), QLatin1Char(' '));
            t.header << h;
            t.widths.push_back(c == QLatin1String("auroc") ? 2.6 : 1.0);
            t.right.push_back(true);
        }
        for (const auto& [fold, values] : d.foldValues) {
            std::vector<Cell> row{{QString::number(fold)}};
            for (const QString& c : d.foldColumns) {
                const std::string k = c.toStdString();
                QString text = values.count(k) ? num3(values.at(k)) : QStringLiteral("–");
                if (k == "auroc" && values.count("auroc_ci_low") && values.count("auroc_ci_high"))
                    text += QStringLiteral(" [%1, %2]").arg(num3(values.at("auroc_ci_low")), num3(values.at("auroc_ci_high")));
                row.push_back({text});
            }
            t.rows.push_back(row);
        }
        add(Block::TableBlock)->table = t;
    }

    if (!d.baselines.empty()) {
        add(Block::Heading, QObject::tr("Baselines (same folds)"));
        Table t;
        const std::vector<std::pair<std::string, QString>> cols = {
            {"auroc", QObject::tr("AUROC [95 % CI]")}, {"auprc", QObject::tr("AUPRC")}, {"sensitivity", QObject::tr("Sens.")},
            {"specificity", QObject::tr("Spec.")}, {"f1", QObject::tr("F1")}, {"f1_challenge", QObject::tr("Challenge F1")}};
        t.header = {QObject::tr("Method"), QObject::tr("Status")};
        t.widths = {1.4, 0.9};
        t.right = {false, false};
        std::vector<std::string> used;
        auto has = [&](const std::string& n) {
            if (findMetric(d, n)) return true;
            for (const auto& b : d.baselines)
                if (b.metrics.count(n)) return true;
            return false;
        };
        for (const auto& [n, label] : cols)
            if (has(n)) {
                used.push_back(n);
                t.header << label;
                t.widths.push_back(n == "auroc" ? 2.0 : 0.9);
                t.right.push_back(true);
            }
        auto cellOf = [](const store::FinalMetric* m, const std::string& n) {
            if (!m) return QStringLiteral("–");
            QString s = num3(m->mean);
            if (n == "auroc" && m->ciHigh > m->ciLow) s += QStringLiteral(" [%1, %2]").arg(num3(m->ciLow), num3(m->ciHigh));
            return s;
        };
        std::vector<Cell> own{{QStringLiteral("DACL (this run)"), true}, {QString::fromLatin1(store::toString(d.run.status))}};
        for (const auto& n : used) {
            const MetricRow* m = findMetric(d, n);
            store::FinalMetric fm;
            if (m) fm = {m->name, m->mean, m->sd, m->ciLow, m->ciHigh};
            own.push_back({cellOf(m ? &fm : nullptr, n), true});
        }
        t.rows.push_back(own);
        for (const auto& b : d.baselines) {
            std::vector<Cell> row{{b.name}, {b.status}};
            for (const auto& n : used) {
                const auto it = b.metrics.find(n);
                row.push_back({cellOf(it == b.metrics.end() ? nullptr : &it->second, n)});
            }
            t.rows.push_back(row);
        }
        add(Block::TableBlock)->table = t;
    }

    if (!d.robustness.empty()) {
        add(Block::Heading, QObject::tr("Robustness"));
        add(Block::Paragraph, QObject::tr("%1 on the test records after corruption, mean over folds.").arg(d.robustnessMetric));
        for (const RobustnessTable& r : d.robustness) {
            Table t;
            t.header << r.title;
            t.widths.push_back(2.4);
            t.right.push_back(false);
            for (const QString& c : r.columns) {
                t.header << (c == QObject::tr("clean") ? c : r.columnHeader + QStringLiteral(" ") + c);
                t.widths.push_back(1);
                t.right.push_back(true);
            }
            for (int i = 0; i < r.rows.size(); ++i) {
                std::vector<Cell> row{{r.rows[i]}};
                for (double v : r.values[static_cast<std::size_t>(i)]) row.push_back({num3(v)});
                t.rows.push_back(row);
            }
            add(Block::TableBlock)->table = t;
        }
    }

    add(Block::Heading, QObject::tr("Settings"));
    {
        Table t;
        t.header = {QObject::tr("Setting"), QObject::tr("Value"), QObject::tr("Setting"), QObject::tr("Value")};
        t.widths = {1.5, 1.0, 1.5, 1.0};
        const std::size_t half = (d.settings.size() + 1) / 2;
        for (std::size_t i = 0; i < half; ++i) {
            std::vector<Cell> row;
            for (std::size_t j : {i, i + half}) {
                if (j < d.settings.size()) {
                    const SettingRow& s = d.settings[j];
                    row.push_back({s.key, s.changed});
                    row.push_back({s.value, s.changed});
                } else {
                    row.push_back({});
                    row.push_back({});
                }
            }
            t.rows.push_back(row);
        }
        add(Block::TableBlock)->table = t;
        add(Block::Note, QObject::tr("Bold: changed from the default. The run stores all settings, its seed and the data "
                                     "fingerprint, so that it can be reproduced."));
    }
    return doc;
}

// ---- PDF -----------------------------------------------------------------------------------

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
                    QImage image(static_cast<int>(std::lround(target.width())), static_cast<int>(std::lround(target.height())),
                                 QImage::Format_ARGB32_Premultiplied);
                    image.setDotsPerMeterX(static_cast<int>(kDpi / 0.0254));
                    image.setDotsPerMeterY(static_cast<int>(kDpi / 0.0254));
                    image.fill(Qt::white);
                    {
                        QCPPainter ip(&image);
                        ip.setRenderHint(QPainter::Antialiasing);
                        f.paint(ip, QRectF(0, 0, image.width(), image.height()), kDpi);
                    }
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

void checkWritable(const QString& path) {
    QFile probe(path);
    if (!probe.open(QIODevice::WriteOnly)) throw std::runtime_error((path + QStringLiteral(": cannot write the report (") + probe.errorString() + QStringLiteral(")")).toStdString());
    probe.close();
}

// ---- HTML ----------------------------------------------------------------------------------

QString pngDataUri(const Figure& f, double dpi) {
    QImage image(static_cast<int>(std::lround(f.widthMm / 25.4 * dpi)), static_cast<int>(std::lround(f.heightMm / 25.4 * dpi)),
                 QImage::Format_ARGB32_Premultiplied);
    image.setDotsPerMeterX(static_cast<int>(dpi / 0.0254));
    image.setDotsPerMeterY(static_cast<int>(dpi / 0.0254));
    image.fill(Qt::white);
    {
        QCPPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        f.paint(p, QRectF(0, 0, image.width(), image.height()), dpi);
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return QStringLiteral("data:image/png;base64,") + QString::fromLatin1(bytes.toBase64());
}

QString esc(const QString& s) { return s.toHtmlEscaped(); }

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

void writeReport(const ReportData& data, const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("pdf")) writeReportPdf(data, path);
    else if (suffix == QLatin1String("html") || suffix == QLatin1String("htm")) writeReportHtml(data, path);
    else throw std::runtime_error((path + QStringLiteral(": the report file must end in .pdf, .html or .htm")).toStdString());
}

}  // namespace dacl::ui
