#include "ui/report/report_document.h"

#include "ui/plots/plot_export.h"
#include "ui/report/fold_number.h"
#include "ui/report/report_figures.h"
#include "ui/report/number_text.h"
#include "ui/report/run_status_text.h"

#include "ui/plots/custom_plot.h"

#include <QDir>
#include <QFile>

#include <cmath>
#include <memory>
#include <stdexcept>

namespace dacl::ui::report {

namespace {

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

}  // namespace

std::vector<Block> buildDocument(const ReportData& d) {
    std::vector<Block> doc;
    auto add = [&](Block::Kind k, const QString& text = {}) {
        Block b{k, text, {}, {}};
        doc.push_back(b);
        return &doc.back();
    };
    const QString name = d.run.name.empty() ? QObject::tr("(unnamed)") : QString::fromStdString(d.run.name);
    const QString dataset = describeRunDataset(d.runDataset);
    add(Block::Title, dataset.isEmpty() ? QObject::tr("DACL run report: %1").arg(name)
                                        : QObject::tr("DACL run report: %1 on %2").arg(name, d.runDataset.name));
    add(Block::Subtitle, QObject::tr("Run %1 · %2 · %3 · %4 · report generated %5 by DACL Studio %6")
                             .arg(d.run.id)
                             .arg(QString::fromStdString(d.run.task), runStatusText(d.run.status),
                                  dataset.isEmpty() ? QObject::tr("dataset not recorded") : dataset, d.generatedAt,
                                  d.reportSoftware));
    {
        Table t;
        t.widths = {1.1, 1.6, 1.0, 1.6};
        auto row = [&](const QString& k1, const QString& v1, const QString& k2, const QString& v2) {
            t.rows.push_back({{k1, true}, {v1}, {k2, true}, {v2}});
        };
        row(QObject::tr("Run ID"), QString::number(d.run.id), QObject::tr("Status"), runStatusText(d.run.status));
        row(QObject::tr("Task"), d.taskDescription, QObject::tr("Folds"), QString::number(d.folds));
        row(QObject::tr("Created"), isoShort(d.run.createdAt), QObject::tr("Finished"), isoShort(d.run.finishedAt));
        row(QObject::tr("Software version"), QString::fromStdString(d.run.softwareVersion), QObject::tr("Seed"), QString::number(d.run.seed));
        row(QObject::tr("Dataset"), dataset.isEmpty() ? QStringLiteral("–") : dataset, QObject::tr("Dataset folder"),
            d.runDataset.path.isEmpty() ? QStringLiteral("–") : QDir::toNativeSeparators(d.runDataset.path));
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
            t.rows.push_back({{cls}, {QString::number(n)}, {QStringLiteral("%1 %").arg(localNumber(100.0 * n / std::max(1, total), 1))}});
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
                                       e.fold ? QObject::tr(" (test record of fold %1)").arg(foldNumber(*e.fold)) : QString()));
        const double shown = std::min(e.fs > 0 ? e.samples.size() / e.fs : 0.0, 3 * (174.0 - 7) / 25.0);
        f.caption = QObject::tr("First %1 s of the %2 s record, lead %3, at 25 mm/s and 10 mm/mV on a 1 mm / 5 mm grid; "
                                "the pulse at the start of each row is 1 mV.")
                        .arg(localNumber(shown, 1))
                        .arg(localNumber(e.fs > 0 ? e.samples.size() / e.fs : 0, 1))
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
            std::vector<Cell> row{{foldNumber(fold)}};
            for (const QString& c : d.foldColumns) {
                const std::string k = c.toStdString();
                QString text = values.count(k) ? num3(values.at(k)) : QStringLiteral("–");
                if (k == "auroc" && values.count("auroc_ci_low") && values.count("auroc_ci_high"))
                    text += QLatin1Char(' ') + localInterval(values.at("auroc_ci_low"), values.at("auroc_ci_high"));
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
            if (n == "auroc" && m->ciHigh > m->ciLow) s += QLatin1Char(' ') + localInterval(m->ciLow, m->ciHigh);
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

QImage renderFigure(const Figure& f, QSize pixels, double dpi) {
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    image.setDotsPerMeterX(static_cast<int>(dpi / 0.0254));
    image.setDotsPerMeterY(static_cast<int>(dpi / 0.0254));
    image.fill(Qt::white);
    QCPPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    f.paint(p, QRectF(0, 0, image.width(), image.height()), dpi);
    return image;
}

void checkWritable(const QString& path) {
    QFile probe(path);
    if (!probe.open(QIODevice::WriteOnly)) throw std::runtime_error((path + QStringLiteral(": cannot write the report (") + probe.errorString() + QStringLiteral(")")).toStdString());
    probe.close();
}

}  // namespace dacl::ui::report
