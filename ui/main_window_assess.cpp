// The main window's Assessment of one recording file: File → Open recording…, a
// dropped file and `dacl-studio FILE` open the file as a one-record dataset (openDataset); once it
// is open the ECG view shows it and the Assessment dock assesses it with the current run (or the
// best finished run of the task). The run that judged it becomes the current run, so its
// probability over time shows as the band under the ECG trace.
#include "ui/main_window.h"

#include "ui/settings/app_settings.h"
#include "ui/studio_document.h"
#include "ui/views/assessment_panel.h"
#include "ui/views/dataset_view.h"
#include "ui/views/ecg_view.h"
#include "ui/views/probability_band.h"
#include "ui/views/problems_panel.h"
#include "ui/views/runs_view.h"

#include <QDockWidget>
#include <QTabWidget>
#include <QTableView>

#include <algorithm>
#include <map>

namespace dacl::ui {

void MainWindow::buildAssessment() {
    assessmentPanel_ = new AssessmentPanel(this);
    assessmentDock_ = new QDockWidget(tr("Assessment"), this);
    assessmentDock_->setObjectName(QStringLiteral("assessmentDock"));
    assessmentDock_->setWidget(assessmentPanel_);
    addDockWidget(Qt::RightDockWidgetArea, assessmentDock_);
    assessmentDock_->hide();  // until a recording file is opened

    connect(assessmentPanel_, &AssessmentPanel::assessmentFailed, problems_, &ProblemsPanel::addProblem);
    connect(assessmentPanel_, &AssessmentPanel::reportFailed, problems_, &ProblemsPanel::addProblem);
    connect(assessmentPanel_, &AssessmentPanel::assessmentShown, this, [this] {
        offerAssessedSpans();
        showAssessedRun(assessmentPanel_->assessment().run.runId);
    });
    // Failed or cancelled: the ECG view's band stops waiting and scores the file itself.
    connect(assessmentPanel_, &AssessmentPanel::busyChanged, this, [this](bool busy) {
        if (!busy && !assessmentPanel_->hasAssessment()) ecgView_->probabilityBand()->dropExpectation();
    });
    // A tachogram point: the ECG view centres that beat.
    connect(assessmentPanel_, &AssessmentPanel::timeSelected, this, [this](double seconds) {
        tabs_->setCurrentWidget(ecgView_);
        const auto [t0, t1] = ecgView_->visibleTimeRange();
        ecgView_->setVisibleStart(std::max(0.0, seconds - (t1 - t0) / 2));
    });
    connect(assessmentPanel_, &AssessmentPanel::leadChosen, this, [this](int signal) {
        if (signal >= 0) ecgView_->setLead(signal);
    });
}

void MainWindow::assessOpenedRecording(const QString& file) {
    const auto& dataset = document_->dataset();
    if (!dataset || dataset->size() != 1) {
        ecgView_->probabilityBand()->dropExpectation();
        return;
    }
    // The one record on screen.
    datasetView_->table()->selectRow(0);
    tabs_->setCurrentWidget(ecgView_);
    QStringList leads;
    for (const SignalSpec& s : dataset->header(0).signalSpecs()) leads << QString::fromStdString(s.description);
    assessmentPanel_->setAvailableLeads(leads);
    assessmentDock_->show();
    assessmentDock_->raise();

    assess::AssessOptions options;
    options.resultsFile = settings_->resultsFile().toStdString();
    options.runId = document_->run() > 0 ? document_->run() : 0;  // 0: the best finished run of the task
    options.threads = settings_->threads();
    assessmentPanel_->assess(file, options);
    if (!assessmentPanel_->isBusy()) ecgView_->probabilityBand()->dropExpectation();  // refused at once
}

void MainWindow::offerAssessedSpans() {
    const assess::Assessment& a = assessmentPanel_->assessment();
    std::map<int, ProbabilityBand::OfferedLead> leads;
    for (const assess::LeadResult& l : a.leads) {
        ProbabilityBand::OfferedLead o;
        for (const assess::SpanProbability& s : l.spans) {
            o.spans.startS.push_back(s.startS);
            o.spans.endS.push_back(s.endS);
            o.spans.score.push_back(s.p);
        }
        o.score = l.pAf;
        o.fused = l.fused;
        leads[l.index] = std::move(o);
    }
    ecgView_->probabilityBand()->offerPrediction(QString::fromStdString(a.file), a.run.runId, std::move(leads));
}

void MainWindow::showAssessedRun(qint64 runId) {
    if (runId <= 0 || runId == document_->run()) return;
    // The best finished run judged the recording: make it current so that the ECG view's band
    // shows its probability over time (and the runs view says which run it is).
    runsView_->selectRuns({runId});
    setCurrentRun(runId);
}

}  // namespace dacl::ui
