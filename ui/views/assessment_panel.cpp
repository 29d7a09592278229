// Layout, the worker thread and the lead choice of the Assessment panel; the texts it shows are
// written in assessment_panel_text.cpp.
#include "ui/views/assessment_panel.h"

#include "core/common/error.h"
#include "ui/jobs/qt_progress.h"
#include "ui/views/rr_tachogram.h"
#include "ui/loaders/thread_pools.h"

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

#include <optional>

namespace dacl::ui {

namespace {

// What the worker hands back: the assessment, or why there is none.
struct Outcome {
    std::optional<assess::Assessment> assessment;
    QString error, errorFile;
    bool cancelled = false;
};

QLabel* wrappingLabel(QWidget* parent) {
    auto* l = new QLabel(parent);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

QLabel* sectionTitle(const QString& text, QWidget* parent) {
    auto* l = new QLabel(text, parent);
    QFont f = l->font();
    f.setBold(true);
    l->setFont(f);
    return l;
}

}  // namespace

AssessmentPanel::AssessmentPanel(QWidget* parent) : QWidget(parent), loader_(this, backgroundThreadPool()) { buildUi(); }

AssessmentPanel::~AssessmentPanel() {
    // A worker still running keeps its own reference to the sink: tell it to stop early.
    if (progress_) progress_->cancel();
}

void AssessmentPanel::buildUi() {
    auto* content = new QWidget;
    auto* v = new QVBoxLayout(content);
    v->setContentsMargins(8, 8, 8, 8);

    title_ = wrappingLabel(content);
    header_ = wrappingLabel(content);
    header_->setTextFormat(Qt::RichText);
    v->addWidget(title_);
    v->addWidget(header_);

    auto* leadRow = new QHBoxLayout;
    leadRow->addWidget(new QLabel(tr("Lead:"), content));
    leadCombo_ = new QComboBox(content);
    leadCombo_->setToolTip(tr("The lead to assess; every ECG lead gives a combined answer"));
    leadRow->addWidget(leadCombo_, 1);
    v->addLayout(leadRow);
    connect(leadCombo_, qOverload<int>(&QComboBox::activated), this, &AssessmentPanel::onLeadChoice);

    auto* busyRow = new QHBoxLayout;
    bar_ = new QProgressBar(content);
    bar_->setTextVisible(false);
    bar_->setMaximumHeight(12);
    cancelButton_ = new QPushButton(tr("Cancel"), content);
    connect(cancelButton_, &QPushButton::clicked, this, &AssessmentPanel::cancel);
    busyRow->addWidget(bar_, 1);
    busyRow->addWidget(cancelButton_);
    v->addLayout(busyRow);
    status_ = wrappingLabel(content);
    v->addWidget(status_);

    // The answer: p(AF) large, then in words against the threshold.
    probability_ = new QLabel(content);
    QFont big = probability_->font();
    big.setPointSizeF(big.pointSizeF() * 2.6);
    big.setBold(true);
    probability_->setFont(big);
    verdict_ = wrappingLabel(content);
    QFont verdictFont = verdict_->font();
    verdictFont.setPointSizeF(verdictFont.pointSizeF() * 1.15);
    verdictFont.setBold(true);
    verdict_->setFont(verdictFont);
    threshold_ = wrappingLabel(content);
    model_ = wrappingLabel(content);
    v->addWidget(probability_);
    v->addWidget(verdict_);
    v->addWidget(threshold_);

    // Warnings stand out: amber box, before the details.
    warnings_ = wrappingLabel(content);
    warnings_->setTextFormat(Qt::RichText);
    warnings_->setObjectName(QStringLiteral("assessmentWarnings"));
    warnings_->setStyleSheet(QStringLiteral(
        "QLabel#assessmentWarnings { background: #fff3cd; color: #5c4400; border: 1px solid #d39e00;"
        " border-radius: 3px; padding: 4px; }"));
    v->addWidget(warnings_);

    v->addWidget(sectionTitle(tr("Model"), content));
    v->addWidget(model_);

    v->addWidget(sectionTitle(tr("Leads"), content));
    leadTable_ = new QTableWidget(0, 4, content);
    leadTable_->setHorizontalHeaderLabels({tr("Lead"), tr("Rate (Hz)"), tr("p(AF)"), tr("Signal quality")});
    leadTable_->verticalHeader()->setVisible(false);
    leadTable_->horizontalHeader()->setStretchLastSection(true);
    leadTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    leadTable_->setSelectionMode(QAbstractItemView::NoSelection);
    leadTable_->setMaximumHeight(120);
    v->addWidget(leadTable_);
    combined_ = wrappingLabel(content);
    v->addWidget(combined_);

    v->addWidget(sectionTitle(tr("Rhythm"), content));
    rhythm_ = wrappingLabel(content);
    rhythm_->setTextFormat(Qt::RichText);
    v->addWidget(rhythm_);
    tachogram_ = new RrTachogram(content);
    tachogram_->setToolTip(tr("RR intervals over time; click a point to show its beats in the ECG view"));
    connect(tachogram_, &RrTachogram::timeClicked, this, &AssessmentPanel::timeSelected);
    v->addWidget(tachogram_);

    reportButton_ = new QPushButton(tr("Patient report…"), content);
    reportButton_->setToolTip(tr("A one-page PDF of this assessment"));
    connect(reportButton_, &QPushButton::clicked, this, &AssessmentPanel::chooseReportFile);
    v->addWidget(reportButton_);
    v->addStretch(1);

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    setMinimumWidth(340);

    setAssessment({});  // the empty state: nothing assessed
    setBusy(false, tr("Open a recording (File → Open recording…) to assess it."));
}

void AssessmentPanel::setBusy(bool busy, const QString& status) {
    const bool changed = busy != busy_;
    busy_ = busy;
    bar_->setVisible(busy);
    cancelButton_->setVisible(busy);
    status_->setText(status);
    status_->setVisible(!status.isEmpty());
    updateReportButton();
    if (changed) Q_EMIT busyChanged(busy);
}

void AssessmentPanel::assess(const QString& file, const assess::AssessOptions& options) {
    if (progress_) progress_->cancel();  // its result will be dropped (superseded)
    file_ = file;
    options_ = options;
    // The worker and this panel share the sink; whoever finishes last lets it go.
    std::shared_ptr<QtProgress> sink(new QtProgress, [](QtProgress* p) { p->deleteLater(); });
    progress_ = sink.get();
    connect(sink.get(), &QtProgress::progressed, this,
            [this, reporter = sink.get()](const QString& stage, qint64 done, qint64 total) {
                if (reporter != progress_) return;  // a newer assessment, or cancelled
                bar_->setRange(0, total > 0 ? 1000 : 0);
                if (total > 0) bar_->setValue(static_cast<int>(1000.0 * static_cast<double>(done) / total));
                status_->setText(tr("Assessing: %1").arg(stage));
            });
    hasResult_ = false;
    bar_->setRange(0, 0);
    setBusy(true, tr("Assessing %1…").arg(QFileInfo(file).fileName()));
    tachogram_->clear(tr("Assessing…"));

    const std::string path = file.toStdString();
    loader_.start([path, options, sink]() -> Outcome {
        Outcome out;
        try {
            out.assessment = assess::assessRecording(path, options, sink.get());
        } catch (const Cancelled&) {
            out.cancelled = true;
        } catch (const std::exception& e) {
            std::string error, file = path;
            describeError(e, error, file);
            out.errorFile = QString::fromStdString(file.empty() ? path : file);
            out.error = QString::fromStdString(error);
        }
        return out;
    }, [this, sink](Outcome r) {
        progress_ = nullptr;
        if (r.cancelled) {
            setBusy(false, tr("Assessment cancelled."));
            tachogram_->clear(QString());
            return;
        }
        if (!r.assessment) {
            setBusy(false, tr("Could not assess %1: %2").arg(r.errorFile, r.error));
            tachogram_->clear(QString());
            Q_EMIT assessmentFailed(r.errorFile, r.error);
            return;
        }
        setAssessment(*r.assessment);
    });
}

void AssessmentPanel::cancel() {
    if (!busy_ || !progress_) return;
    // The worker stops at its next progress poll; its result, if it still comes, is dropped.
    progress_->cancel();
    progress_ = nullptr;
    loader_.drop();
    tachogram_->clear(QString());
    setBusy(false, tr("Assessment cancelled."));
}

void AssessmentPanel::setAvailableLeads(const QStringList& names) {
    fileLeads_ = names;
    fillLeadChoices(names);
}

void AssessmentPanel::fillLeadChoices(const QStringList& names) {
    const int chosen = leadCombo_->currentData().isValid() ? leadCombo_->currentData().toInt() : -1;
    leadCombo_->clear();
    leadCombo_->addItem(tr("Every ECG lead"), -1);
    for (int i = 0; i < names.size(); ++i)
        if (!names.at(i).isEmpty()) leadCombo_->addItem(names.at(i), i);
    leadCombo_->setCurrentIndex(std::max(0, leadCombo_->findData(chosen)));
}

QStringList AssessmentPanel::leadChoices() const {
    QStringList out;
    for (int i = 0; i < leadCombo_->count(); ++i) out << leadCombo_->itemText(i);
    return out;
}

void AssessmentPanel::onLeadChoice(int comboIndex) {
    const int signal = leadCombo_->itemData(comboIndex).toInt();
    Q_EMIT leadChosen(signal);
    if (file_.isEmpty()) return;
    assess::AssessOptions options = options_;
    options.lead = signal < 0 ? std::string() : std::to_string(signal);
    assess(file_, options);
}

}  // namespace dacl::ui
