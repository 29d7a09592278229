// The main window's views and how they are linked: the document (ui/studio_document.h) holds the
// current record (dataset view → ECG, scattering, latent, diffusion) and the current run (runs
// view → model, predictions, embeddings, ROC); the views observe it. Everything that reads files
// or models happens on worker threads, except the one row of a run read when a record chosen in
// its views is missing from the open dataset.
#include "ui/main_window.h"

#include "core/pipeline/run_model.h"
#include "core/store/results_store.h"
#include "ui/jobs/job_queue.h"
#include "ui/jobs/report_job.h"
#include "ui/report/report_data.h"
#include "ui/settings/app_settings.h"
#include "ui/studio_document.h"
#include "ui/views/dataset_view.h"
#include "ui/views/diffusion_view.h"
#include "ui/views/ecg_view.h"
#include "ui/views/embedding_view.h"
#include "ui/views/latent_view.h"
#include "ui/views/problems_panel.h"
#include "ui/views/roc_view.h"
#include "ui/views/runs_view.h"
#include "ui/views/scattering_view.h"
#include "ui/views/training_view.h"
#include "ui/views/welcome_panel.h"

#include <QAction>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

#include <utility>

namespace dacl::ui {

void MainWindow::buildViews() {
    // The Dataset tab: the welcome panel of a first start above the table.
    auto* datasetPage = new QWidget(tabs_);
    welcome_ = new WelcomePanel(datasetPage);
    welcome_->hide();
    datasetView_ = new DatasetView(datasetPage);
    auto* datasetLayout = new QVBoxLayout(datasetPage);
    datasetLayout->setContentsMargins(0, 0, 0, 0);
    datasetLayout->addWidget(welcome_);
    datasetLayout->addWidget(datasetView_, 1);
    ecgView_ = new EcgView(tabs_);
    scatteringView_ = new ScatteringView(tabs_);
    latentView_ = new LatentView(tabs_);
    diffusionView_ = new DiffusionView(tabs_);
    trainingView_ = new TrainingView(tabs_);
    runsView_ = new RunsView(tabs_);
    embeddingView_ = new EmbeddingView(tabs_);
    rocView_ = new RocView(tabs_);
    // Object names, not titles (translated) or positions, say which tab a session had open.
    struct Tab {
        QWidget* page;
        const char* name;
        QString title;
    };
    const Tab pages[] = {{datasetPage, "datasetTab", tr("Dataset")},       {ecgView_, "ecgTab", tr("ECG")},
                         {scatteringView_, "scatteringTab", tr("Scattering")}, {latentView_, "latentTab", tr("Latent")},
                         {diffusionView_, "diffusionTab", tr("Diffusion")},  {trainingView_, "trainingTab", tr("Training")},
                         {runsView_, "runsTab", tr("Runs")},                 {embeddingView_, "embeddingTab", tr("Embedding")},
                         {rocView_, "rocTab", tr("ROC")}};
    for (const Tab& tab : pages) {
        tab.page->setObjectName(QLatin1String(tab.name));
        tabs_->addTab(tab.page, tab.title);
    }
}

void MainWindow::connectViews() {
    // The current record: chosen in the dataset view, shown by every per-record view.
    connect(datasetView_, &DatasetView::currentRecordChanged, document_, [this](int record) { document_->setRecord(record); });
    connect(document_, &StudioDocument::datasetChanged, this, [this] {
        if (document_->dataset()) datasetView_->setDataset(*document_->dataset());
    });
    connect(document_, &StudioDocument::recordChanged, ecgView_, &EcgView::setRecord);
    connect(document_, &StudioDocument::recordChanged, scatteringView_, &ScatteringView::setRecord);
    connect(document_, &StudioDocument::recordChanged, latentView_, &LatentView::setRecord);
    connect(document_, &StudioDocument::recordChanged, diffusionView_, &DiffusionView::setRecord);
    // The current window: chosen on the ECG strip, followed by every per-window view.
    connect(ecgView_, &EcgView::windowSelected, scatteringView_, &ScatteringView::setWindow);
    connect(ecgView_, &EcgView::windowSelected, latentView_, &LatentView::setWindow);
    connect(ecgView_, &EcgView::windowSelected, diffusionView_, &DiffusionView::setWindow);
    connect(scatteringView_, &ScatteringView::windowShown, ecgView_,
            [this](int, int window) { ecgView_->setWindowHighlight(window); });
    // Records chosen in other views.
    connect(latentView_, &LatentView::recordActivated, this, [this](int record) {
        const auto& dataset = document_->dataset();
        if (dataset && record >= 0 && record < static_cast<int>(dataset->records().size()))
            datasetView_->selectRecord(QString::fromStdString(dataset->records()[record].name));
    });
    connect(embeddingView_, &EmbeddingView::recordActivated, this,
            [this](const QString& record) { showRunRecord(record, document_->run()); });
    connect(rocView_, &RocView::recordActivated, this, &MainWindow::showRunRecord);
    connect(this, &MainWindow::datasetLoaded, this, [this] {
        const QString record = std::exchange(pendingRecord_, QString());
        if (!record.isEmpty() && datasetView_->selectRecord(record)) tabs_->setCurrentWidget(ecgView_);
    });
    connect(embeddingView_, &EmbeddingView::selectionChanged, datasetView_, &DatasetView::setRecordSubset);
    // Problems go to the non-blocking panel.
    connect(ecgView_, &EcgView::loadFailed, problems_, &ProblemsPanel::addProblem);
    connect(scatteringView_, &ScatteringView::loadFailed, problems_, &ProblemsPanel::addProblem);
    connect(latentView_, &LatentView::loadFailed, problems_, &ProblemsPanel::addProblem);
    connect(embeddingView_, &EmbeddingView::loadFailed, problems_, &ProblemsPanel::addProblem);

    // Screen calibration from the settings.
    ecgView_->setDotsPerMm(settings_->dotsPerMmCalibrated() ? settings_->dotsPerMm() : 0.0);
    connect(settings_, &AppSettings::dotsPerMmChanged, ecgView_, &EcgView::setDotsPerMm);

    // The results file and the current run.
    connect(document_, &StudioDocument::resultsFileChanged, runsView_, &RunsView::setResultsFile);
    connect(document_, &StudioDocument::resultsFileChanged, rocView_, &RocView::setResultsFile);
    connect(document_, &StudioDocument::runChanged, this, &MainWindow::showRun);
    connect(document_, &StudioDocument::runModelChanged, this, &MainWindow::showRunModel);
    connect(document_, &StudioDocument::runModelFailed, this, [this](qint64 runId, const QString& reason) {
        runModelError_ = tr("Run %1 has no model to show: %2").arg(runId).arg(reason);
        status_->setText(runModelError_);
    });
    connect(document_, &StudioDocument::runPredictionsChanged, datasetView_, &DatasetView::setRunPredictions);
    connect(settings_, &AppSettings::resultsFileChanged, document_, [this](const QString& path) { document_->setResultsFile(path); });
    document_->setResultsFile(settings_->resultsFile());
    connect(runsView_, &RunsView::currentRunChanged, this, &MainWindow::setCurrentRun);
    connect(runsView_, &RunsView::selectedRunsChanged, this, [this](const QList<qint64>& runs) {
        if (!runs.isEmpty()) rocView_->setRuns(runs);
    });
    connect(runsView_, &RunsView::resumeRequested, this,
            [this](qint64 run) { jobs_->enqueueResume(settings_->resultsFile(), run); });
    connect(runsView_, &RunsView::reportRequested, this, &MainWindow::exportReport);
    // A finished job's run becomes the current run (a resumed one loads its final model again).
    connect(jobs_, &JobQueue::jobFinished, this, [this](int, JobQueue::State state, qint64 run, const QString&) {
        runsView_->refresh();
        if (state == JobQueue::State::Finished && run > 0) {
            const QList<qint64> before = runsView_->selectedRunIds();
            runsView_->selectRuns({run});  // a changed selection reloads the ROC view (selectedRunsChanged)
            document_->setRun(run, /*reload=*/true);  // so does a run that is not selected (showRun)
            // A resumed run that was already selected: nothing changed, so nothing told the ROC
            // view that the job added folds.
            if (before.contains(run) && runsView_->selectedRunIds() == before) rocView_->setRuns(before);
        }
    });
}

const std::optional<Dataset>& MainWindow::dataset() const { return document_->dataset(); }
int MainWindow::currentRecord() const { return document_->record(); }
qint64 MainWindow::currentRunId() const { return document_->run(); }
bool MainWindow::hasRunModel() const { return document_->runModel() != nullptr; }
void MainWindow::setCurrentRun(qint64 runId) { document_->setRun(runId); }

void MainWindow::showRun(const QString& resultsFile, qint64 runId) {
    if (exportReportAction_) exportReportAction_->setEnabled(runId > 0);
    // The previous run's model error is stale now (other messages stay).
    if (!runModelError_.isEmpty() && status_->text() == runModelError_) status_->clear();
    runModelError_.clear();
    if (runId <= 0) {
        embeddingView_->clear();
        return;
    }
    // A selection in the runs view has already given the ROC view its runs (selectedRunsChanged);
    // only a run made current from elsewhere (a finished job) needs them here.
    if (!runsView_->selectedRunIds().contains(runId)) rocView_->setRuns({runId});
    embeddingView_->loadRun(resultsFile, runId);
    trainingView_->setRun(resultsFile, runId);
}

void MainWindow::showRunRecord(const QString& record, qint64 runId) {
    openRunDataset_->hide();
    datasetView_->setRecordSubset({});
    if (datasetView_->selectRecord(record)) {
        runRecordLoader_.drop();  // an earlier click's message would be stale now
        tabs_->setCurrentWidget(ecgView_);
        return;
    }
    // Where the run's records are: read off the GUI thread, since opening the results file can wait
    // on a job that is writing it.
    const std::string db = document_->resultsFile().toStdString();
    runRecordLoader_.start(
        [db, runId] {
            ReportDataset where;
            try {
                store::OpenOptions options;
                options.create = false;
                options.readOnly = true;
                store::ResultsStore st(db, options);
                where = chooseReportDataset(st.run(runId), db);
            } catch (const std::exception&) {
                // An unknown run or an unreadable file: the message says the dataset is unknown.
            }
            return where;
        },
        [this, record, runId](const ReportDataset& where) { explainMissingRecord(record, runId, where); });
}

void MainWindow::explainMissingRecord(const QString& record, qint64 runId, const ReportDataset& where) {
    const QString dir = QString::fromStdString(where.dir), runDir = QString::fromStdString(where.runDir);
    const QString open = document_->dataset() ? QString::fromStdString(document_->dataset()->directory()) : QString();
    QString message = open.isEmpty() ? tr("Record %1 cannot be shown: no dataset is open.").arg(record)
                                     : tr("Record %1 is not in the open dataset (%2).").arg(record, open);
    if (!dir.isEmpty() && !open.isEmpty() && QDir(dir) == QDir(open)) {
        message += QLatin1Char(' ') + tr("Run %1 used this dataset, but its table does not show the record (skipped when the dataset "
                                                   "was opened, or filtered out).").arg(runId);
    } else if (!dir.isEmpty()) {
        message += QLatin1Char(' ') + tr("Run %1 used %2.").arg(runId).arg(dir);
        openRunDataset_->setText(tr("Open the run's dataset"));
        openRunDataset_->setToolTip(dir);
        openRunDataset_->disconnect();
        connect(openRunDataset_, &QPushButton::clicked, this, [this, dir, record] {
            openRunDataset_->hide();
            pendingRecord_ = record;  // shown once the dataset has loaded
            openDataset(dir);
        });
        openRunDataset_->show();
    } else if (!runDir.isEmpty()) {
        message += QLatin1Char(' ') + tr("Run %1 used %2, which is not on this computer.").arg(runId).arg(runDir);
    } else {
        message += QLatin1Char(' ') + tr("Run %1 does not say which dataset it used.").arg(runId);
    }
    status_->setText(message);
}

void MainWindow::showRunModel(const std::shared_ptr<const ml::RunModel>& model) {
    if (model) {
        // The ECG and scattering views cut the run's windows (repr = sequence: its 30.72-s spans),
        // so that a window clicked there is the same span row in the latent and diffusion views.
        const features::FeatureSettings runFeatures = features::FeatureSettings::fromSettings(model->settings());
        ecgView_->setFeatureSettings(runFeatures);
        scatteringView_->setFeatureSettings(runFeatures);
    }
    ecgView_->setModel(model);
    latentView_->setModel(model);
    diffusionView_->setModel(model);
    if (model) Q_EMIT runModelLoaded(document_->run());
}

void MainWindow::exportReport(qint64 runId) {
    if (runId <= 0) return;
    // The report reads the run's own dataset; the open one only stands in when that is missing.
    const auto& dataset = document_->dataset();
    const QString openDataset = dataset ? QString::fromStdString(dataset->directory()) : QString();
    auto* dialog = new ExportReportDialog(settings_->resultsFile(), runId, openDataset, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

}  // namespace dacl::ui
