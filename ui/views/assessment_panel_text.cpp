// What the Assessment panel says: the record, the answer in numbers and words, the model, the
// leads, the rhythm and the warnings.
#include "ui/views/assessment_panel.h"

#include "ui/settings/core_text.h"

#include "ui/views/rr_tachogram.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>

#include <algorithm>
#include <cmath>

namespace dacl::ui {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

// A figure with `decimals` decimals, "–" when it is not a number (too few beats, no threshold).
QString figure(double v, int decimals = 2) {
    return std::isfinite(v) ? QLocale().toString(v, 'f', decimals) : QStringLiteral("–");
}

// A fraction as a percentage, or "not available" (a run without cross-validated figures).
QString percent(double fraction) {
    return std::isfinite(fraction) ? AssessmentPanel::tr("%1 %").arg(QLocale().toString(100 * fraction, 'f', 0))
                                   : AssessmentPanel::tr("not available");
}

QString duration(double seconds) {
    if (!(seconds > 0)) return QStringLiteral("–");
    if (seconds < 120) return AssessmentPanel::tr("%1 s").arg(QLocale().toString(seconds, 'f', 1));
    const long s = std::lround(seconds);
    if (s < 3600) return AssessmentPanel::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return AssessmentPanel::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

const QColor kPositive(165, 0, 38);  // the dark red of the probability band
const QColor kNegative(26, 110, 55);

}  // namespace

void AssessmentPanel::setAssessment(const assess::Assessment& a) {
    assessment_ = a;
    hasResult_ = !a.file.empty();
    if (!hasResult_) {
        title_->setText(tr("No recording assessed"));
        header_->clear();
        probability_->clear();
        verdict_->clear();
        threshold_->clear();
        model_->clear();
        combined_->clear();
        rhythm_->clear();
        leadTable_->setRowCount(0);
        tachogram_->clear(QString());
        showWarnings();
        return;
    }
    title_->setText(tr("<b>%1</b> · %2 · %3").arg(qs(a.recordName).toHtmlEscaped(), qs(a.format), duration(a.durationS)));
    title_->setToolTip(qs(a.file));
    QString rows;
    for (const auto& [key, value] : a.headerFields)
        rows += QStringLiteral("<tr><td><i>%1</i>&nbsp;</td><td>%2</td></tr>")
                    .arg(coreText(key).toHtmlEscaped(), headerValueText(key, value).toHtmlEscaped());
    header_->setText(rows.isEmpty() ? tr("<i>The file's header gives no patient or recording fields.</i>")
                                    : QStringLiteral("<table>%1</table>").arg(rows));

    // The answer: the combined p(AF) (one lead: that lead's p).
    const double p = a.combinedPAf;
    const bool haveThreshold = std::isfinite(a.threshold);
    probability_->setText(tr("p(AF) %1").arg(figure(p)));
    const QColor colour = !std::isfinite(p) ? palette().color(QPalette::WindowText)
                          : (haveThreshold && a.positive) ? kPositive
                                                          : kNegative;
    probability_->setStyleSheet(QStringLiteral("color: %1;").arg(colour.name()));
    verdict_->setStyleSheet(QStringLiteral("color: %1;").arg(colour.name()));
    if (!std::isfinite(p))
        verdict_->setText(tr("No probability: no lead could be scored"));
    else if (!haveThreshold)
        verdict_->setText(tr("The run has no validation threshold to compare with"));
    else if (a.positive)
        verdict_->setText(tr("Suggests AF: p(AF) %1 is at or above the run's threshold %2")
                              .arg(figure(p), figure(a.threshold)));
    else
        verdict_->setText(tr("Does not suggest AF: p(AF) %1 is below the run's threshold %2")
                              .arg(figure(p), figure(a.threshold)));
    threshold_->setText(haveThreshold ? tr("Threshold %1 · sensitivity %2 · specificity %3")
                                            .arg(figure(a.threshold), percent(a.sensitivity), percent(a.specificity)) +
                                            (a.thresholdHow.empty() ? QString() : QStringLiteral("\n") + coreText(a.thresholdHow))
                                      : QString());

    // Which model judged it, and how it was chosen.
    const assess::RunProvenance& r = a.run;
    const QString how = options_.runId > 0 ? tr("the current run")
                        : !r.chosenHow.empty() ? coreText(r.chosenHow)
                                               : tr("the best finished run of task %1").arg(qs(r.task));
    model_->setText(tr("Run %1 “%2” (task %3, %4), AUROC %5: %6")
                        .arg(r.runId)
                        .arg(qs(r.name), qs(r.task), qs(r.createdAt), figure(r.runAuroc, 3), how));

    showLeads();
    combined_->setText(a.leads.size() > 1 ? tr("Combined: p(AF) %1 (%2)").arg(figure(a.combinedPAf), coreText(a.combinedRule))
                                          : QString());
    combined_->setVisible(a.leads.size() > 1);

    const assess::RhythmFigures& rh = a.rhythm;
    rhythm_->setText(tr("Heart rate <b>%1 bpm</b> · %2 beats (lead %3)<br>"
                        "RMSSD %4 ms · pNN50 %5 % · sample entropy %6<br>"
                        "P-wave coherence %7 (1: a P wave before each beat, 0: none)")
                         .arg(figure(rh.heartRateBpm, 0))
                         .arg(rh.beats)
                         .arg(qs(rh.lead).toHtmlEscaped(), figure(rh.rmssdMs, 0), figure(100 * rh.pnn50, 0),
                              figure(rh.sampleEntropy, 2), figure(rh.pWaveCoherence, 2)));
    tachogram_->setRhythm(rh.rPeakS, rh.rrS, a.durationS);

    if (fileLeads_.isEmpty()) {
        QStringList names;
        for (const auto& lead : a.leads) {
            while (names.size() <= lead.index) names << QString();
            if (lead.index >= 0) names[lead.index] = qs(lead.name);
        }
        fillLeadChoices(names);
    }
    showWarnings();
    setBusy(false, QString());
    Q_EMIT assessmentShown();
}

void AssessmentPanel::showLeads() {
    const auto& leads = assessment_.leads;
    leadTable_->setRowCount(static_cast<int>(leads.size()));
    for (int i = 0; i < static_cast<int>(leads.size()); ++i) {
        const assess::LeadResult& l = leads[static_cast<std::size_t>(i)];
        const QString quality = l.qualityReason.empty() ? qs(l.quality)
                                                        : tr("%1 (%2)").arg(qs(l.quality), qs(l.qualityReason));
        const QStringList cells = {qs(l.name), figure(l.fileFsHz, 0), figure(l.pAf), quality};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells.at(c));
            if (c == 3 && l.quality != "ok") item->setForeground(QColor(156, 101, 0));
            leadTable_->setItem(i, c, item);
        }
    }
    leadTable_->resizeColumnsToContents();
    // As tall as its rows (up to six), so that one lead does not leave an empty box.
    const int shown = std::min(6, std::max(1, leadTable_->rowCount()));
    int height = leadTable_->horizontalHeader()->height() + 2 * leadTable_->frameWidth();
    for (int i = 0; i < shown; ++i) height += i < leadTable_->rowCount() ? leadTable_->rowHeight(i) : leadTable_->verticalHeader()->defaultSectionSize();
    leadTable_->setFixedHeight(height);
}

void AssessmentPanel::showWarnings() {
    QString html;
    for (const std::string& w : assessment_.warnings)
        html += QStringLiteral("<div>⚠ %1</div>").arg(qs(w).toHtmlEscaped());
    warnings_->setText(html);
    warnings_->setVisible(!html.isEmpty());
}

QString AssessmentPanel::probabilityText() const { return probability_->text(); }
QString AssessmentPanel::verdictText() const { return verdict_->text(); }
QString AssessmentPanel::thresholdText() const { return threshold_->text(); }
QString AssessmentPanel::headerText() const { return header_->text(); }
QString AssessmentPanel::modelText() const { return model_->text(); }
QString AssessmentPanel::rhythmText() const { return rhythm_->text(); }
QString AssessmentPanel::statusText() const { return status_->text(); }
bool AssessmentPanel::warningsVisible() const { return !warnings_->isHidden() && !warnings_->text().isEmpty(); }

QStringList AssessmentPanel::shownWarnings() const {
    QStringList out;
    if (!warningsVisible()) return out;
    for (const std::string& w : assessment_.warnings) out << qs(w);
    return out;
}

}  // namespace dacl::ui
