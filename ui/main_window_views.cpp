// The main window's views and how they are linked: one current record (dataset view, ECG,
// scattering, latent, diffusion) and one current run (runs view → model, predictions,
// embeddings, ROC). Everything that reads files or models happens on worker threads.
#include "ui/main_window.h"

#include "core/ml/pipeline/run_model.h"
#include "core/store/results_store.h"
#include "ui/jobs/job_queue.h"
#include "ui/jobs/report_job.h"
#include "ui/settings/app_settings.h"
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

#include <QAction>
#include <QFutureWatcher>
#include <QHash>
#include <QLabel>
#include <QTabWidget>
#include <QtConcurrent>

namespace dacl::ui {

namespace {

struct ModelLoad {
    std::shared_ptr<const ml::RunModel> model;
    QString error;
};

struct RunPredictions {
    QHash<QString, double> probability;
    QHash<QString, int> fold;
};

}  // namespace

void MainWindow::buildViews() {
    datasetView_ = new DatasetView(tabs_);
    ecgView_ = new EcgView(tabs_);
    scatteringView_ = new ScatteringView(tabs_);
    latentView_ = new LatentView(tabs_);
    diffusionView_ = new DiffusionView(tabs_);
    trainingView_ = new TrainingView(tabs_);
    runsView_ = new RunsView(tabs_);
    embeddingView_ = new EmbeddingView(tabs_);
    rocView_ = new RocView(tabs_);
    tabs_->addTab(datasetView_, tr("Dataset"));
    tabs_->addTab(ecgView_, tr("ECG"));
    tabs_->addTab(scatteringView_, tr("Scattering"));
    tabs_->addTab(latentView_, tr("Latent"));
    tabs_->addTab(diffusionView_, tr("Diffusion"));
    tabs_->addTab(trainingView_, tr("Training"));
    tabs_->addTab(runsView_, tr("Runs"));
    tabs_->addTab(embeddingView_, tr("Embedding"));
    tabs_->addTab(rocView_, tr("ROC"));
}

void MainWindow::connectViews() {
    // The current record.
    connect(datasetView_, &DatasetView::currentRecordChanged, this, &MainWindow::setCurrentRecord);
    // The current window: chosen on the ECG strip, followed by every per-window view.
    connect(ecgView_, &EcgView::windowSelected, scatteringView_, &ScatteringView::setWindow);
    connect(ecgView_, &EcgView::windowSelected, latentView_, &LatentView::setWindow);
    connect(ecgView_, &EcgView::windowSelected, diffusionView_, &DiffusionView::setWindow);
    connect(scatteringView_, &ScatteringView::windowShown, ecgView_,
            [this](int, int window) { ecgView_->setWindowHighlight(window); });
    // Records chosen in other views.
    connect(latentView_, &LatentView::recordActivated, this, [this](int record) {
        if (dataset_ && record >= 0 && record < static_cast<int>(dataset_->records().size()))
            datasetView_->selectRecord(QString::fromStdString(dataset_->records()[record].name));
    });
    connect(embeddingView_, &EmbeddingView::recordActivated, this, [this](const QString& record) {
        datasetView_->setRecordSubset({});
        if (datasetView_->selectRecord(record)) tabs_->setCurrentWidget(ecgView_);
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
    runsView_->setResultsFile(settings_->resultsFile());
    rocView_->setResultsFile(settings_->resultsFile());
    connect(settings_, &AppSettings::resultsFileChanged, this, [this](const QString& path) {
        runsView_->setResultsFile(path);
        rocView_->setResultsFile(path);
        setCurrentRun(-1);
    });
    connect(runsView_, &RunsView::currentRunChanged, this, &MainWindow::setCurrentRun);
    connect(runsView_, &RunsView::selectedRunsChanged, this, [this](const QList<qint64>& runs) {
        if (!runs.isEmpty()) rocView_->setRuns(runs);
    });
    connect(runsView_, &RunsView::resumeRequested, this,
            [this](qint64 run) { jobs_->enqueueResume(settings_->resultsFile(), run); });
    connect(runsView_, &RunsView::reportRequested, this, &MainWindow::exportReport);
    // A finished job's run becomes the current run.
    connect(jobs_, &JobQueue::jobFinished, this, [this](int, JobQueue::State state, qint64 run, const QString&) {
        runsView_->refresh();
        if (state == JobQueue::State::Finished && run > 0) {
            if (run == currentRun_) currentRun_ = -1;  // a resumed run: load its final model again
            runsView_->selectRuns({run});
            setCurrentRun(run);
        }
    });
}

void MainWindow::setCurrentRecord(int recordIndex) {
    currentRecord_ = recordIndex;
    const Dataset* d = dataset_ && recordIndex >= 0 ? &*dataset_ : nullptr;
    const int r = d ? recordIndex : -1;
    ecgView_->setRecord(d, r);
    scatteringView_->setRecord(d, r);
    latentView_->setRecord(d, r);
    diffusionView_->setRecord(d, r);
}

void MainWindow::setCurrentRun(qint64 runId) {
    if (runId == currentRun_) return;
    currentRun_ = runId;
    if (exportReportAction_) exportReportAction_->setEnabled(runId > 0);
    runModel_.reset();
    latentView_->setModel(nullptr);
    diffusionView_->setModel(nullptr);
    ecgView_->setModel(nullptr);
    if (runId <= 0) {
        datasetView_->setRunPredictions({}, {});
        embeddingView_->clear();
        return;
    }
    const QString db = settings_->resultsFile();
    // A selection in the runs view has already given the ROC view its runs (selectedRunsChanged);
    // only a run made current from elsewhere (a finished job) needs them here.
    if (!runsView_->selectedRunIds().contains(runId)) rocView_->setRuns({runId});
    embeddingView_->loadRun(db, runId);
    trainingView_->setRun(db, runId);
    loadRunPredictions(runId);
    loadRunModel(runId);
}

void MainWindow::loadRunModel(qint64 runId) {
    const std::string db = settings_->resultsFile().toStdString();
    auto* watcher = new QFutureWatcher<ModelLoad>(this);
    connect(watcher, &QFutureWatcher<ModelLoad>::finished, this, [this, watcher, runId] {
        const ModelLoad r = watcher->result();
        watcher->deleteLater();
        if (runId != currentRun_) return;  // another run was chosen meanwhile
        if (!r.model) {
            status_->setText(tr("Run %1 has no model to show: %2").arg(runId).arg(r.error));
            return;
        }
        runModel_ = r.model;
        // The ECG and scattering views cut the run's windows (repr = sequence: its 30.72-s spans),
        // so that a window clicked there is the same span row in the latent and diffusion views.
        const features::FeatureSettings runFeatures = features::FeatureSettings::fromSettings(runModel_->settings());
        ecgView_->setFeatureSettings(runFeatures);
        scatteringView_->setFeatureSettings(runFeatures);
        ecgView_->setModel(runModel_);
        latentView_->setModel(runModel_);
        diffusionView_->setModel(runModel_);
        Q_EMIT runModelLoaded(runId);
    });
    watcher->setFuture(QtConcurrent::run([db, runId]() -> ModelLoad {
        try {
            return {std::make_shared<const ml::RunModel>(ml::RunModel::load(db, runId)), {}};
        } catch (const std::exception& e) {
            return {nullptr, QString::fromStdString(e.what())};
        }
    }));
}

void MainWindow::loadRunPredictions(qint64 runId) {
    const std::string db = settings_->resultsFile().toStdString();
    auto* watcher = new QFutureWatcher<RunPredictions>(this);
    connect(watcher, &QFutureWatcher<RunPredictions>::finished, this, [this, watcher, runId] {
        const RunPredictions p = watcher->result();
        watcher->deleteLater();
        if (runId == currentRun_) datasetView_->setRunPredictions(p.probability, p.fold);
    });
    watcher->setFuture(QtConcurrent::run([db, runId]() -> RunPredictions {
        RunPredictions out;
        try {
            store::OpenOptions options;
            options.create = false;
            store::ResultsStore store(db, options);
            // Out-of-fold test predictions: each record once, with the fold that tested it.
            for (const store::Prediction& p : store.predictions(runId)) {
                if (!p.fold) continue;
                const QString record = QString::fromStdString(p.record);
                out.probability.insert(record, p.score);
                out.fold.insert(record, *p.fold);
            }
        } catch (const std::exception&) {
            // No predictions to show (the run view reports unreadable files).
        }
        return out;
    }));
}

void MainWindow::exportReport(qint64 runId) {
    if (runId <= 0) return;
    const QString dataDir = dataset_ ? QString::fromStdString(dataset_->directory()) : QString();
    auto* dialog = new ExportReportDialog(settings_->resultsFile(), runId, dataDir, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

}  // namespace dacl::ui
