#include "ui/report/report_figures.h"

#include "ui/plots/palette.h"
#include "ui/plots/plot_style.h"
#include "core/store/metric_names.h"
#include "ui/report/fold_number.h"
#include "ui/report/number_text.h"

#include "ui/plots/custom_plot.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace dacl::ui {

namespace {

const PlotFonts kPrint{9, 10, 9, 10, true};

std::unique_ptr<QCustomPlot> newPlot() {
    auto plot = std::make_unique<QCustomPlot>();
    plot->setAttribute(Qt::WA_DontShowOnScreen);
    plot->setNoAntialiasingOnDrag(false);
    plot->setAntialiasedElements(QCP::aeAll);
    return plot;
}

QString num3(double v) { return localNumber(v, 3, QObject::tr("n/a")); }

QString aurocLegend(const RocCurveSet& c) {
    QString s = num3(c.auroc);
    if (std::isfinite(c.ciLow) && std::isfinite(c.ciHigh)) s += QLatin1Char(' ') + localInterval(c.ciLow, c.ciHigh);
    return s;
}

QString curveName(const RocCurveSet& c) {
    return c.fold ? QObject::tr("Fold %1").arg(foldNumber(*c.fold)) : QObject::tr("All folds");
}

// Single-fold runs show that fold as the main (thick) curve; otherwise the pooled one is.
bool isMain(const ReportData& d, const RocCurveSet& c) {
    bool hasPooled = false;
    for (const auto& x : d.curves) hasPooled = hasPooled || !x.fold;
    return !c.fold || !hasPooled;
}

QPen curvePen(const ReportData& d, const RocCurveSet& c) {
    if (isMain(d, c)) return QPen(palette::colour(0), 2.0);
    QPen pen(palette::colour(1 + *c.fold), 1.1);
    pen.setStyle(Qt::DashLine);
    return pen;
}

void unitAxes(QCustomPlot& p, const QString& x, const QString& y) {
    p.xAxis->setLabel(x);
    p.yAxis->setLabel(y);
    p.xAxis->setRange(0, 1);
    p.yAxis->setRange(0, 1.02);
    p.xAxis->ticker()->setTickCount(5);
    p.yAxis->ticker()->setTickCount(5);
}

// Draw order: folds first, the main curve last (on top).
std::vector<const RocCurveSet*> drawOrder(const ReportData& d) {
    std::vector<const RocCurveSet*> out;
    for (const auto& c : d.curves)
        if (!isMain(d, c)) out.push_back(&c);
    for (const auto& c : d.curves)
        if (isMain(d, c)) out.push_back(&c);
    return out;
}

QColor classColour(int label, bool binary) {
    static const int binaryOrder[] = {0, 3};        // blue, vermillion
    static const int fourOrder[] = {0, 3, 2, 4};    // blue, vermillion, green, purple
    if (label < 0) return QColor(150, 150, 150);
    return palette::colour(binary ? binaryOrder[std::min(label, 1)] : fourOrder[label % 4]);
}

// Moves the legend out of the data area into one row under the axes.
void legendBelow(QCustomPlot& p, bool visible, int columns) {
    p.legend->setVisible(visible);
    if (!visible) return;
    // One row under the axes: spacer | legend | spacer, so that the legend keeps its natural width
    // and sits centred instead of spreading its entries over the whole figure.
    auto* row = new QCPLayoutGrid;
    p.plotLayout()->addElement(p.plotLayout()->rowCount(), 0, row);
    p.plotLayout()->setRowStretchFactor(p.plotLayout()->rowCount() - 1, 0.001);
    row->setMargins(QMargins(0, 0, 0, 0));
    row->addElement(0, 0, new QCPLayoutElement(&p));
    row->addElement(0, 1, p.legend);
    row->addElement(0, 2, new QCPLayoutElement(&p));
    row->setColumnStretchFactors({1, 0.001, 1});
    p.legend->setWrap(columns);
    p.legend->setFillOrder(QCPLegend::foColumnsFirst);
    p.legend->setBorderPen(Qt::NoPen);
    p.legend->setBrush(Qt::NoBrush);
    p.legend->setIconSize(22, 10);
    p.legend->setMargins(QMargins(2, 1, 2, 1));
    p.legend->setColumnSpacing(14);
}

}  // namespace

std::unique_ptr<QCustomPlot> makeRocFigure(const ReportData& d) {
    auto p = newPlot();
    auto* chance = new QCPItemStraightLine(p.get());
    chance->point1->setCoords(0, 0);
    chance->point2->setCoords(1, 1);
    chance->setPen(QPen(QColor(160, 160, 160), 1, Qt::DashLine));
    for (const RocCurveSet* c : drawOrder(d)) {
        auto* curve = new QCPCurve(p->xAxis, p->yAxis);
        QVector<double> t, x, y;
        for (std::size_t k = 0; k < c->roc.size(); ++k) {
            t << static_cast<double>(k);
            x << c->roc[k].fpr;
            y << c->roc[k].tpr;
        }
        curve->setData(t, x, y, true);
        curve->setPen(curvePen(d, *c));
        curve->setName(curveName(*c) + QStringLiteral("  ") + aurocLegend(*c));
    }
    unitAxes(*p, QObject::tr("False positive rate (1 − specificity)"), QObject::tr("True positive rate (sensitivity)"));
    p->legend->setVisible(true);
    p->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    applyPlotStyle(*p, kPrint);
    setPlotTitle(*p, QObject::tr("ROC (AUROC [95 % CI])"), kPrint);
    return p;
}

std::unique_ptr<QCustomPlot> makePrFigure(const ReportData& d) {
    auto p = newPlot();
    double prevalence = std::numeric_limits<double>::quiet_NaN();
    for (const RocCurveSet* c : drawOrder(d)) {
        if (c->pr.empty()) continue;
        auto* curve = new QCPCurve(p->xAxis, p->yAxis);
        QVector<double> t, x, y;
        for (std::size_t k = 0; k < c->pr.size(); ++k) {
            t << static_cast<double>(k);
            x << c->pr[k].recall;
            y << c->pr[k].precision;
        }
        curve->setData(t, x, y, true);
        curve->setPen(curvePen(d, *c));
        curve->setName(curveName(*c) + QStringLiteral("  ") + QObject::tr("AP %1").arg(num3(c->auprc)));
        if (isMain(d, *c)) prevalence = c->prevalence;
    }
    if (std::isfinite(prevalence)) {
        auto* line = new QCPItemStraightLine(p.get());
        line->point1->setCoords(0, prevalence);
        line->point2->setCoords(1, prevalence);
        line->setPen(QPen(QColor(160, 160, 160), 1, Qt::DashLine));
    }
    unitAxes(*p, QObject::tr("Recall (sensitivity)"), QObject::tr("Precision (PPV)"));
    p->legend->setVisible(true);
    p->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignLeft);
    applyPlotStyle(*p, kPrint);
    setPlotTitle(*p, QObject::tr("Precision–recall (AP)"), kPrint);
    return p;
}

std::unique_ptr<QCustomPlot> makeEmbeddingFigure(const ReportData& d) {
    auto p = newPlot();
    const std::size_t n = d.mapLabels.size();
    std::map<int, std::pair<QVector<double>, QVector<double>>> byClass;
    QVector<double> wrongX, wrongY;
    for (std::size_t i = 0; i < n && 2 * i + 1 < d.mapXY.size(); ++i) {
        auto& [x, y] = byClass[d.mapLabels[i]];
        x << d.mapXY[2 * i];
        y << d.mapXY[2 * i + 1];
        if (d.mapCorrect[i] == 0) {
            wrongX << d.mapXY[2 * i];
            wrongY << d.mapXY[2 * i + 1];
        }
    }
    const double size = n > 3000 ? 3 : n > 500 ? 4.5 : 6;
    for (auto& [label, xy] : byClass) {
        QCPGraph* g = p->addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        QColor c = classColour(label, d.binary);
        c.setAlpha(200);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c, size));
        g->setData(xy.first, xy.second);
        const QString name = label >= 0 && label < static_cast<int>(d.classNames.size())
                                 ? d.classNames[static_cast<std::size_t>(label)]
                                 : QObject::tr("unlabelled");
        g->setName(QStringLiteral("%1 (n = %2)").arg(name).arg(xy.first.size()));
    }
    if (!wrongX.isEmpty()) {
        QCPGraph* g = p->addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCross, QPen(Qt::black, 1.0), Qt::NoBrush, size + 2));
        g->setData(wrongX, wrongY);
        g->setName(QObject::tr("misclassified (n = %1)").arg(wrongX.size()));
    }
    p->rescaleAxes();
    for (QCPAxis* a : {p->xAxis, p->yAxis}) a->scaleRange(1.08, a->range().center());
    p->xAxis->setLabel(d.mapMethod + QObject::tr(" dimension 1"));
    p->yAxis->setLabel(d.mapMethod + QObject::tr(" dimension 2"));
    applyPlotStyle(*p, kPrint);
    legendBelow(*p, true, 2);
    setPlotTitle(*p, QObject::tr("Embeddings of test records (%1), by true class").arg(d.mapMethod), kPrint);
    return p;
}

namespace {
// The pipeline's curve names (core/ml: "<model>.<quantity>"): title and short axis label.
const std::map<std::string, std::pair<QString, QString>>& knownCurves() {
    static const std::map<std::string, std::pair<QString, QString>> known = {
        {"vae.train_loss", {QObject::tr("VAE training loss"), QObject::tr("Loss")}},
        {"vae.val_recon", {QObject::tr("VAE validation reconstruction error"), QObject::tr("Error")}},
        {"vae.beta", {QObject::tr("VAE β (KL weight)"), QObject::tr("β")}},
        {"dacl.loss", {QObject::tr("Contrastive loss of the encoder"), QObject::tr("Loss")}},
        {"dacl.step_loss", {QObject::tr("Contrastive loss per step"), QObject::tr("Loss")}},
        {"dacl.lr", {QObject::tr("Encoder learning rate"), QObject::tr("Learning rate")}},
        {"dacl.val_auroc", {QObject::tr("Validation AUROC"), QObject::tr("AUROC")}},
        {"dacl.ft_loss", {QObject::tr("Fine-tuning loss"), QObject::tr("Loss")}},
        {"dacl.ft_lr", {QObject::tr("Fine-tuning learning rate"), QObject::tr("Learning rate")}},
        {"dacl.ft_val_auroc", {QObject::tr("Fine-tuning validation AUROC"), QObject::tr("AUROC")}},
        {"dae.loss", {QObject::tr("Denoising autoencoder loss"), QObject::tr("Loss")}},
    };
    return known;
}
}  // namespace

QString curveTitle(const std::string& name) {
    // The final model's series are the folds' series under a prefix.
    const std::string finalPrefix = store::metric::kFinalModelSeries;
    if (name.rfind(finalPrefix, 0) == 0 && name.size() > finalPrefix.size())
        return QObject::tr("%1 (final model)").arg(curveTitle(name.substr(finalPrefix.size())));
    const auto it = knownCurves().find(name);
    if (it != knownCurves().end()) return it->second.first;
    QString s = QString::fromStdString(name);
    s.replace(QLatin1Char('.'), QLatin1Char(' ')).replace(QLatin1Char('_'), QLatin1Char(' '));
    s.replace(QStringLiteral("auroc"), QStringLiteral("AUROC")).replace(QStringLiteral("vae"), QStringLiteral("VAE"));
    if (!s.isEmpty()) s[0] = s[0].toUpper();
    return s;
}

QString curveAxisLabel(const std::string& name) {
    const auto it = knownCurves().find(name);
    if (it != knownCurves().end()) return it->second.second;
    if (name.find("loss") != std::string::npos) return QObject::tr("Loss");
    if (name.find("auroc") != std::string::npos) return QObject::tr("AUROC");
    return QObject::tr("Value");
}

std::vector<std::string> trainingCurveNames(const ReportData& d, std::size_t limit) {
    // A curve needs at least two points in some fold to say anything.
    std::set<std::string> names;
    for (const auto& c : d.training)
        if (c.x.size() >= 2) names.insert(c.name);
    std::vector<std::string> out(names.begin(), names.end());
    // Validation quality first, then losses, then the rest (learning rates last).
    auto rank = [](const std::string& n) {
        auto has = [&](const char* part) { return n.find(part) != std::string::npos; };
        if (has("auroc") || has("f1")) return 0;
        if (has("val")) return 1;
        if (has("loss")) return 2;
        if (has("lr") || has("beta")) return 4;  // schedules, set by the settings
        return 3;
    };
    std::stable_sort(out.begin(), out.end(), [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
    if (out.size() > limit) out.resize(limit);
    return out;
}

std::unique_ptr<QCustomPlot> makeTrainingFigure(const ReportData& d, const std::string& name) {
    auto p = newPlot();
    bool byStep = false;
    int shown = 0;
    for (const auto& c : d.training) {
        if (c.name != name) continue;
        QCPGraph* g = p->addGraph();
        g->setData(QVector<double>(c.x.begin(), c.x.end()), QVector<double>(c.y.begin(), c.y.end()), true);
        g->setPen(QPen(palette::colour(c.fold ? *c.fold : 6), 1.4));
        if (c.x.size() <= 25) g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
        g->setName(c.fold ? QObject::tr("Fold %1").arg(foldNumber(*c.fold)) : QObject::tr("All records"));
        byStep = c.byStep;
        ++shown;
    }
    p->rescaleAxes();
    p->yAxis->scaleRange(1.12, p->yAxis->range().center());
    // Whole epochs only, with a margin so that the first and last points are not on the frame.
    const QCPRange x = p->xAxis->range();
    const double margin = std::max(0.3, x.size() * 0.03);
    p->xAxis->setRange(x.lower - margin, x.upper + margin);
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    p->xAxis->setTicker(ticker);
    p->xAxis->setLabel(byStep ? QObject::tr("Step") : QObject::tr("Epoch"));
    p->yAxis->setLabel(curveAxisLabel(name));
    applyPlotStyle(*p, kPrint);
    legendBelow(*p, shown > 1, 4);
    setPlotTitle(*p, curveTitle(name), kPrint);
    return p;
}

// ---- ECG strip -----------------------------------------------------------------------------

namespace {
constexpr double kMmPerSecond = 25, kMmPerMv = 10, kPulseMm = 7;

int rowsFor(const EcgStripData& e, double widthMm, const EcgLayout& l) {
    const double rowSeconds = (widthMm - kPulseMm) / kMmPerSecond;
    const double duration = e.fs > 0 ? e.samples.size() / e.fs : 0;
    return std::clamp(static_cast<int>(std::ceil(duration / rowSeconds - 1e-9)), 1, l.maxRows);
}
}  // namespace

double ecgStripHeightMm(const EcgStripData& e, double widthMm, EcgLayout layout) {
    return rowsFor(e, widthMm, layout) * layout.rowHeightMm;
}

void paintEcgStrip(QPainter& p, const QRectF& target, double pxPerMm, const EcgStripData& e, EcgLayout layout) {
    const double widthMm = target.width() / pxPerMm;
    const int rows = rowsFor(e, widthMm, layout);
    const double rowSeconds = (widthMm - kPulseMm) / kMmPerSecond;
    const double heightMm = rows * layout.rowHeightMm;
    auto X = [&](double mm) { return target.left() + mm * pxPerMm; };
    auto Y = [&](double mm) { return target.top() + mm * pxPerMm; };

    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(QRectF(X(0), Y(0), widthMm * pxPerMm, heightMm * pxPerMm), QColor(255, 247, 245));
    // 1 mm grid, then 5 mm grid over it.
    for (int pass = 0; pass < 2; ++pass) {
        const double step = pass == 0 ? 1 : 5;
        p.setPen(QPen(pass == 0 ? QColor(247, 196, 190) : QColor(232, 130, 120), (pass == 0 ? 0.08 : 0.2) * pxPerMm));
        for (double x = 0; x <= widthMm + 1e-9; x += step) p.drawLine(QPointF(X(x), Y(0)), QPointF(X(x), Y(heightMm)));
        for (double y = 0; y <= heightMm + 1e-9; y += step) p.drawLine(QPointF(X(0), Y(y)), QPointF(X(widthMm), Y(y)));
    }
    const std::size_t perRow = static_cast<std::size_t>(std::floor(rowSeconds * e.fs));
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(std::max(1, static_cast<int>(std::lround(3.2 * pxPerMm))));  // 9 pt
    p.setFont(f);
    for (int r = 0; r < rows; ++r) {
        const std::size_t begin = static_cast<std::size_t>(r) * perRow;
        if (begin >= e.samples.size()) break;
        const std::size_t end = std::min(e.samples.size(), begin + perRow);
        std::vector<double> seg(e.samples.begin() + static_cast<long>(begin), e.samples.begin() + static_cast<long>(end));
        std::vector<double> sorted = seg;
        std::nth_element(sorted.begin(), sorted.begin() + static_cast<long>(sorted.size() / 2), sorted.end());
        const double median = sorted[sorted.size() / 2];
        const double top = r * layout.rowHeightMm, mid = top + layout.rowHeightMm * 0.6;
        p.save();
        p.setClipRect(QRectF(X(0), Y(top), widthMm * pxPerMm, layout.rowHeightMm * pxPerMm));
        // 1 mV calibration pulse, 0.2 s wide.
        const double base = mid;
        QPainterPath pulse;
        pulse.moveTo(X(0.5), Y(base));
        pulse.lineTo(X(1.5), Y(base));
        pulse.lineTo(X(1.5), Y(base - kMmPerMv));
        pulse.lineTo(X(1.5 + 0.2 * kMmPerSecond), Y(base - kMmPerMv));
        pulse.lineTo(X(1.5 + 0.2 * kMmPerSecond), Y(base));
        pulse.lineTo(X(kPulseMm), Y(base));
        QPainterPath trace;
        for (std::size_t i = 0; i < seg.size(); ++i) {
            const QPointF pt(X(kPulseMm + static_cast<double>(i) / e.fs * kMmPerSecond), Y(base - (seg[i] - median) * kMmPerMv));
            if (i == 0) trace.moveTo(pt);
            else trace.lineTo(pt);
        }
        p.setPen(QPen(Qt::black, 0.3 * pxPerMm, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(Qt::NoBrush);
        p.drawPath(pulse);
        p.drawPath(trace);
        p.restore();
        const double t0 = static_cast<double>(begin) / e.fs, t1 = static_cast<double>(end) / e.fs;
        const QString label = QObject::tr("%1–%2 s").arg(localNumber(t0, 1), localNumber(t1, 1));
        const QRectF box = p.fontMetrics().boundingRect(label).toRectF().translated(-p.fontMetrics().boundingRect(label).topLeft());
        const QRectF where(X(widthMm - 1) - box.width() - 0.8 * pxPerMm, Y(top + 0.8), box.width() + 0.8 * pxPerMm,
                           box.height() + 0.3 * pxPerMm);
        p.fillRect(where, QColor(255, 255, 255, 220));
        p.setPen(QColor(90, 40, 40));
        p.drawText(where, Qt::AlignCenter, label);
    }
    p.setPen(QPen(QColor(200, 110, 100), 0.25 * pxPerMm));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(X(0), Y(0), widthMm * pxPerMm, heightMm * pxPerMm));
    p.restore();
}

}  // namespace dacl::ui
