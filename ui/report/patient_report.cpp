#include "ui/report/patient_report.h"

#include "core/common/version.h"
#include "core/data/record_file.h"
#include "core/dsp/preprocess.h"
#include "core/dsp/signal_quality.h"
#include "ui/report/patient_report_strips.h"
#include "ui/settings/core_text.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dacl::ui {

namespace {

using report::mmFont;

constexpr int kDpi = 600;
constexpr double kPageW = 297, kPageH = 210, kMargin = 10;
constexpr double kStripSeconds = 10;

QString q(const std::string& s) { return QString::fromStdString(s); }

QString fixed(double v, int decimals = 2) {
    return std::isfinite(v) ? QLocale().toString(v, 'f', decimals) : QStringLiteral("n/a");
}

// The strip's lead: the one the rhythm figures come from (a scored lead of good quality).
const assess::LeadResult* stripLead(const assess::Assessment& a) {
    for (const auto& l : a.leads)
        if (l.name == a.rhythm.lead) return &l;
    return a.leads.empty() ? nullptr : &a.leads.front();
}

// The most or least AF-like span of a lead (first of equals).
const assess::SpanProbability* extremeSpan(const assess::LeadResult& l, bool most) {
    const assess::SpanProbability* best = nullptr;
    for (const auto& s : l.spans)
        if (std::isfinite(s.p) && (!best || (most ? s.p > best->p : s.p < best->p))) best = &s;
    return best;
}

// kStripSeconds of `lead` from `startS` in millivolts, filtered 0.5-40 Hz as ECG monitors show it
// (a second of context on each side keeps the filter's edges off the paper).
std::vector<double> stripMillivolts(const Recording& rec, std::size_t lead, double startS) {
    const double fs = rec.fsOf(lead);
    const auto& x = rec.channels[lead];
    const auto n = static_cast<long>(x.size());
    const long a = std::clamp(std::lround(startS * fs), 0L, n);
    const long b = std::clamp(a + std::lround(kStripSeconds * fs), 0L, n);
    const long pad = std::lround(fs);
    const long pa = std::max(0L, a - pad), pb = std::min(n, b + pad);
    if (b <= a) return {};
    const double scale = dsp::millivoltsPerUnit(lead < rec.units.size() ? rec.units[lead] : std::string());
    std::vector<double> seg(x.begin() + pa, x.begin() + pb);
    for (double& v : seg) v = std::isfinite(v) ? v * scale : 0.0;
    dsp::PreprocessSettings band;
    band.targetFs = fs;
    band.lowHz = 0.5;
    band.highHz = std::min(40.0, 0.45 * fs);
    if (seg.size() > 30) seg = dsp::bandpass(seg, fs, band);
    return std::vector<double>(seg.begin() + (a - pa), seg.begin() + (b - pa));
}

class PatientReport {
    Q_DECLARE_TR_FUNCTIONS(PatientReport)

public:
    PatientReport(const assess::Assessment& a, const Recording& rec, QPainter& p) : a_(a), rec_(rec), p_(p) {}

    void draw() {
        drawTitle();
        drawHeaderFields(QRectF(kMargin, 19, 120, 44));
        drawResult(QRectF(kMargin + 128, 19, kPageW - 2 * kMargin - 128, 48));
        drawStrips(66);
        drawFooter();
    }

private:
    // Draws wrapped text from the top left of `r` (its height only bounds nothing: lines run on
    // below) and returns the height it took, so that the next block starts under it.
    double text(const QRectF& r, const QString& s, double points, bool bold = false, bool italic = false,
                const QColor& colour = Qt::black, Qt::Alignment align = Qt::AlignLeft) {
        p_.setFont(mmFont(points, kDpi, bold, italic));
        p_.setPen(colour);
        QRectF used;
        p_.drawText(QRectF(r.left(), r.top(), r.width(), 100), Qt::TextWordWrap | align | Qt::AlignTop, s, &used);
        return used.height();
    }

    void drawTitle() {
        text(QRectF(kMargin, kMargin - 1, 200, 8), tr("ECG assessment: %1").arg(q(a_.recordName)), 15, true);
        text(QRectF(kPageW - kMargin - 80, kMargin, 80, 5),
             tr("Report of %1").arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))), 7.5);
        text(QRectF(kPageW - kMargin - 80, kMargin + 3.5, 80, 5),
             tr("%1 file %2").arg(q(a_.format), QFileInfo(q(a_.file)).fileName()), 7.5);
    }

    void drawHeaderFields(const QRectF& r) {
        double y = r.top();
        text(QRectF(r.left(), y, r.width(), 5), tr("Patient and recording"), 9, true);
        y += 5;
        const std::size_t rows = 10;
        for (std::size_t i = 0; i < a_.headerFields.size() && y < r.bottom(); ++i) {
            if (i + 1 == rows && a_.headerFields.size() > rows) {
                text(QRectF(r.left(), y, r.width(), 4), tr("… %n more field(s) in the file's header", nullptr,
                                                           static_cast<int>(a_.headerFields.size() - i)), 7.5, false, true);
                break;
            }
            const auto& [key, value] = a_.headerFields[i];
            // A long label wraps too: the row is as tall as the taller of label and value.
            const double keyHeight = text(QRectF(r.left(), y, 30, 4), coreText(key), 7.5, true);
            y += std::max({3.6, keyHeight, text(QRectF(r.left() + 30, y, r.width() - 30, 8), headerValueText(key, value), 7.5)});
        }
    }

    void drawResult(const QRectF& r) {
        double y = r.top();
        text(QRectF(r.left(), y, r.width(), 5), tr("Result"), 9, true);
        y += 5;
        const bool binary = std::isfinite(a_.threshold);
        const QString words = a_.positive ? tr("Atrial fibrillation suspected: the model's p(AF) is at or above the run's threshold.")
                                          : tr("No atrial fibrillation detected: the model's p(AF) is below the run's threshold.");
        y += text(QRectF(r.left(), y, r.width(), 6), words, 10.5, true, false, a_.positive ? QColor(170, 20, 20) : QColor(20, 110, 40));
        QString numbers;
        if (binary)
            numbers = tr("p(AF) %1 — %2 the run's threshold %3 (sensitivity %4, specificity %5 in cross-validation)")
                          .arg(fixed(a_.combinedPAf), a_.positive ? tr("at or above") : tr("below"), fixed(a_.threshold),
                               fixed(a_.sensitivity), fixed(a_.specificity));
        else
            numbers = tr("p(AF) %1 (the run has no binary threshold: the class with the largest probability, weighted as the run fitted on validation, decides)")
                          .arg(fixed(a_.combinedPAf));
        y += text(QRectF(r.left(), y, r.width(), 6), numbers, 9.5) + 0.8;
        QStringList leads;
        for (const auto& l : a_.leads)
            leads << tr("%1 %2 (%3)").arg(q(l.name), fixed(l.pAf), q(l.quality));
        y += text(QRectF(r.left(), y, r.width(), 8),
                  tr("Leads: %1; combined: %2").arg(leads.join(QStringLiteral(", ")), coreText(a_.combinedRule)), 7.5) + 0.5;
        const auto& h = a_.rhythm;
        y += text(QRectF(r.left(), y, r.width(), 8),
                  tr("Rhythm (lead %1, %2 beats): heart rate %3 bpm, RMSSD %4 ms, pNN50 %5, sample entropy %6, "
                     "P-wave coherence %7")
                      .arg(q(h.lead)).arg(h.beats)
                      .arg(fixed(h.heartRateBpm, 0), fixed(h.rmssdMs, 0), fixed(h.pnn50), fixed(h.sampleEntropy),
                           fixed(h.pWaveCoherence)), 7.5) + 0.5;
        for (const auto& w : a_.warnings) {
            if (y > r.bottom()) break;
            y += text(QRectF(r.left(), y, r.width(), 8), tr("Warning: %1").arg(q(w)), 7.5, false, false, QColor(170, 90, 0));
        }
    }

    void drawStrips(double top) {
        const assess::LeadResult* lead = stripLead(a_);
        const assess::SpanProbability* most = lead ? extremeSpan(*lead, true) : nullptr;
        const assess::SpanProbability* least = lead ? extremeSpan(*lead, false) : nullptr;
        std::vector<std::pair<double, double>> marks;
        const double stripW = report::kCalibrationMm + kStripSeconds * report::kMmPerSecond, stripH = 35;
        double y = top;
        int k = 0;
        for (const auto* span : {most, least}) {
            ++k;
            if (!span) continue;
            const double start = span->startS, end = std::min(a_.durationS, start + kStripSeconds);
            marks.emplace_back(start, end);
            const QString title = k == 1 ? tr("%1. Most AF-like 10 s: p(AF) %2, %3 – %4, lead %5")
                                         : tr("%1. Least AF-like 10 s: p(AF) %2, %3 – %4, lead %5");
            text(QRectF(kMargin, y, stripW, 4),
                 title.arg(k).arg(fixed(span->p), report::clockText(start), report::clockText(end), q(lead->name)), 7.5, true);
            text(QRectF(kMargin + stripW - 90, y, 90, 4), tr("25 mm/s, 10 mm/mV, 0.5–40 Hz"), 7.5, false, false, Qt::black,
                 Qt::AlignRight);
            const QRectF area(kMargin, y + 4, stripW, stripH);
            report::drawEcgStrip(p_, area, stripMillivolts(rec_, static_cast<std::size_t>(lead->index), start),
                                 rec_.fsOf(static_cast<std::size_t>(lead->index)));
            y += 4 + stripH + 2.5;
        }
        if (!lead) return;
        text(QRectF(kMargin, y, 200, 4),
             tr("p(AF) over the whole record (%1, lead %2): green low, red high; boxes 1 and 2 mark the strips")
                 .arg(report::clockText(a_.durationS), q(lead->name)), 7.5, true);
        report::drawProbabilityBand(p_, QRectF(kMargin, y + 9, stripW, 6), lead->spans, a_.durationS, marks, kDpi);
        bottom_ = y + 9 + 6 + 5;
    }

    void drawFooter() {
        const auto& r = a_.run;
        double y = std::max(bottom_, 160.0);
        const QString provenance =
            tr("Run %1 '%2' (task %3, created %4, DACL Studio %5, settings digest %6, cross-validated AUROC %7). Chosen: %8. %9.")
                .arg(r.runId).arg(q(r.name), q(r.task), q(r.createdAt), q(r.version), q(r.settingsDigest), fixed(r.runAuroc, 3),
                     coreText(r.chosenHow), coreText(a_.thresholdHow));
        y += text(QRectF(kMargin, y, kPageW - 2 * kMargin, 12), provenance, 7) + 1;
        y += text(QRectF(kMargin, y, kPageW - 2 * kMargin, 6),
                  tr("Printed by DACL Studio %1 from %2.").arg(q(softwareVersion()), q(a_.file)), 7) + 2;
        p_.setPen(QPen(QColor(120, 120, 120), 0.2));
        p_.drawLine(QPointF(kMargin, y), QPointF(kPageW - kMargin, y));
        text(QRectF(kMargin, y + 1, kPageW - 2 * kMargin, 14),
             tr("Intended use: research software, not a diagnosis. DACL Studio is not a medical device. p(AF) is a "
                "machine-learning estimate from research data; it can be wrong, above all on noisy recordings, other leads "
                "or patients unlike the training data. A qualified clinician must read the ECG itself before any decision."),
             7.5, false, true);
    }

    const assess::Assessment& a_;
    const Recording& rec_;
    QPainter& p_;
    double bottom_ = 0;  // under the band: where the footer may start
};

}  // namespace

void writePatientReport(const assess::Assessment& a, const Recording& recording, const QString& pdfPath) {
    {
        QFile probe(pdfPath);  // fail with the file's name before drawing anything
        if (!probe.open(QIODevice::WriteOnly))
            throw std::runtime_error(pdfPath.toStdString() + ": cannot write the report (" + probe.errorString().toStdString() + ")");
    }
    QPdfWriter pdf(pdfPath);
    pdf.setResolution(kDpi);
    pdf.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(0, 0, 0, 0)));
    pdf.setTitle(QCoreApplication::translate("PatientReport", "ECG assessment: %1").arg(q(a.recordName)));
    pdf.setCreator(QStringLiteral("DACL Studio ") + q(softwareVersion()));
    QPainter painter;
    if (!painter.begin(&pdf)) throw std::runtime_error(pdfPath.toStdString() + ": cannot write the report");
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(kDpi / 25.4, kDpi / 25.4);  // from here on one unit is 1 mm
    PatientReport(a, recording, painter).draw();
    if (!painter.end()) throw std::runtime_error(pdfPath.toStdString() + ": writing the report failed (disk full?)");
}

void writePatientReport(const assess::Assessment& a, const QString& pdfPath) {
    writePatientReport(a, readRecordFile(recordFilePath(a.file)), pdfPath);
}

}  // namespace dacl::ui
