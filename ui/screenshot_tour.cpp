#include "ui/screenshot_tour.h"

#include "ui/jobs/job_queue.h"
#include "ui/jobs/latency_probe.h"
#include "ui/main_window.h"
#include "ui/views/dataset_view.h"
#include "ui/views/diffusion_view.h"
#include "ui/views/ecg_view.h"
#include "ui/views/assessment_panel.h"
#include "ui/views/embedding_view.h"
#include "ui/views/probability_band.h"
#include "ui/views/latent_view.h"
#include "ui/views/roc_view.h"
#include "ui/views/runs_view.h"
#include "ui/views/scattering_view.h"
#include "ui/views/training_form.h"
#include "ui/views/training_view.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTabWidget>
#include <QTableView>
#include <QThread>
#include <QTimer>

#include <functional>

namespace dacl::ui {

namespace {

// Spins the event loop until `done` holds or the time is up; false on timeout.
bool waitUntil(const std::function<bool()>& done, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs) return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(10);
    }
    return true;
}

void settle(int ms) {
    waitUntil([] { return false; }, ms);
}

// The table row of the first record with this label (so the tour shows an AF record).
int rowWithLabel(const DatasetView& view, const QString& label) {
    const QAbstractItemModel* m = view.table()->model();
    for (int row = 0; row < m->rowCount(); ++row)
        if (m->index(row, 1).data(Qt::UserRole).toString() == label) return row;
    return 0;
}

}  // namespace

TourResult runScreenshotTour(MainWindow& w, const QString& directory, QSize size) {
    TourResult result;
    auto fail = [&](const QString& why) {
        result.error = why;
        return result;
    };
    if (!QDir().mkpath(directory)) return fail(QStringLiteral("cannot create %1").arg(directory));
    const QDir dir(directory);
    w.resize(size);
    w.show();

    bool loaded = false;
    QString loadError;
    QObject::connect(&w, &MainWindow::datasetLoaded, &w, [&] { loaded = true; });
    QObject::connect(&w, &MainWindow::loadFailed, &w, [&](const QString& e) { loadError = e; });
    w.openDemoDataset();
    if (!waitUntil([&] { return loaded || !loadError.isEmpty(); }, 300000) || !loaded)
        return fail(QStringLiteral("the demo dataset did not open: %1").arg(loadError));

    // A short demo run, so that latent, diffusion, training, runs, embedding and ROC have content.
    TrainingView* training = w.trainingView();
    training->setFolds(2);
    training->setVaeEpochs(15);
    training->setEncoderEpochs(4);
    training->setEncoderWidth(16);
    training->form()->setLimit(360);  // a stratified subset, as a first look at a dataset would use
    bool jobDone = false;
    JobQueue::State jobState = JobQueue::State::Queued;
    QString jobError;
    QObject::connect(w.jobQueue(), &JobQueue::jobFinished, &w,
                     [&](int, JobQueue::State s, qint64, const QString& e) {
                         jobDone = true;
                         jobState = s;
                         jobError = e;
                     });
    w.tabs()->setCurrentWidget(training);
    LatencyProbe probe;
    probe.start();
    if (training->startDemoRun() == 0) return fail(QStringLiteral("the demo run could not start"));
    {
        // A plain event loop (not waitUntil's polling, whose sleeps would count as stalls).
        QEventLoop loop;
        QObject::connect(w.jobQueue(), &JobQueue::jobFinished, &loop, &QEventLoop::quit);
        QTimer::singleShot(900000, &loop, &QEventLoop::quit);
        if (!jobDone) loop.exec();
    }
    if (!jobDone) return fail(QStringLiteral("the demo run did not finish"));
    probe.stop();
    result.responsiveness = probe.summary();
    if (jobState != JobQueue::State::Finished) return fail(QStringLiteral("the demo run failed: %1").arg(jobError));

    // The finished run becomes the current run (the main window loads its model).
    RunsView* runs = w.runsView();
    runs->refresh();
    if (!waitUntil([&] { return !runs->visibleRunIds().isEmpty(); }, 30000))
        return fail(QStringLiteral("the runs view shows no run"));
    const qint64 runId = w.currentRunId();
    if (runId <= 0) return fail(QStringLiteral("no current run after the demo run"));
    if (!waitUntil([&] { return w.hasRunModel(); }, 60000)) return fail(QStringLiteral("the run's model did not load"));

    // The current record: the first AF record of the table.
    DatasetView* dataset = w.datasetView();
    dataset->table()->selectRow(rowWithLabel(*dataset, QStringLiteral("A")));
    const int record = w.currentRecord();

    struct Shot {
        const char* file;
        QWidget* view;
        std::function<bool()> ready;
    };
    EcgView* ecg = w.ecgView();
    ScatteringView* scattering = w.scatteringView();
    LatentView* latent = w.latentView();
    DiffusionView* diffusion = w.diffusionView();
    EmbeddingView* embedding = w.embeddingView();
    RocView* roc = w.rocView();
    const std::vector<Shot> shots = {
        {"dataset.png", w.datasetTab(), [] { return true; }},
        {"ecg.png", ecg,
         [&] { return !ecg->isLoading() && ecg->shownRecordIndex() == record && !ecg->probabilityBand()->isBusy(); }},
        {"scattering.png", scattering, [&] { return !scattering->isLoading() && scattering->windowIndex() >= 0; }},
        {"latent.png", latent, [&] { return !latent->isBusy() && latent->windowCount() > 0; }},
        {"diffusion.png", diffusion,
         [&] {
             if (diffusion->isBusy() || diffusion->windowCount() == 0) return false;
             if (diffusion->timestep() != 100) diffusion->setTimestep(100);
             return true;
         }},
        {"training.png", training, [] { return true; }},
        {"runs.png", runs, [&] { return !runs->visibleRunIds().isEmpty(); }},
        {"embedding.png", embedding,
         [&] {
             // The map of one fold (the view's default: each fold has its own encoder).
             if (embedding->isRunning() || embedding->layout().empty()) return false;
             // Show the noisy views at t = 100 (rings) over the clean map (discs).
             if (embedding->timesteps().contains(100) && !embedding->shownTimesteps().contains(100))
                 embedding->setShownTimesteps({0, 100});
             return true;
         }},
        {"roc.png", roc, [&] { return !roc->curves().empty(); }},
    };
    auto save = [&](const char* file) -> bool {
        settle(400);  // let queued repaints land
        const QImage image = w.grab().toImage();
        if (image.width() < 1280 || image.height() < 800) {
            result.error = QStringLiteral("%1: window smaller than 1280×800").arg(QString::fromLatin1(file));
            return false;
        }
        const QString path = dir.filePath(QString::fromLatin1(file));
        if (!image.save(path)) {
            result.error = QStringLiteral("cannot write %1").arg(path);
            return false;
        }
        result.written << path;
        return true;
    };
    for (const Shot& shot : shots) {
        w.tabs()->setCurrentWidget(shot.view);
        if (!waitUntil(shot.ready, 180000))
            return fail(QStringLiteral("%1: the view did not finish loading").arg(QString::fromLatin1(shot.file)));
        if (!save(shot.file)) return result;
    }

    // The same AF record opened as a file (File → Open recording…): the Assessment dock beside
    // the ECG view with the current run's band.
    const QString recordFile = QString::fromStdString(w.dataset()->header(static_cast<std::size_t>(record)).path);
    AssessmentPanel* panel = w.assessmentPanel();
    bool assessed = false;
    QString assessError;
    QObject::connect(panel, &AssessmentPanel::assessmentShown, &w, [&] { assessed = true; });
    QObject::connect(panel, &AssessmentPanel::assessmentFailed, &w,
                     [&](const QString&, const QString& e) { assessError = e; });
    w.openDataset(recordFile);
    if (!waitUntil([&] { return assessed || !assessError.isEmpty(); }, 300000) || !assessed)
        return fail(QStringLiteral("assessment.png: %1 was not assessed: %2").arg(recordFile, assessError));
    if (!waitUntil([&] { return !ecg->isLoading() && ecg->shownRecordIndex() == 0 && ecg->probabilityBand()->hasModel() &&
                                !ecg->probabilityBand()->isBusy() && ecg->probabilityBand()->shownRecordIndex() == 0 &&
                                // the other views of the new one-record dataset settle too
                                !latent->isBusy() && latent->windowCount() > 0; },
                   180000))
        return fail(QStringLiteral("assessment.png: the ECG view or its band did not finish loading"));
    if (!save("assessment.png")) return result;

    // Page 1 of its patient report, rendered as poppler renders it for print preview.
    const QString pdf = dir.filePath(QStringLiteral("patient-report.pdf"));
    bool written = false;
    QString reportError;
    QObject::connect(panel, &AssessmentPanel::reportWritten, &w, [&] { written = true; });
    QObject::connect(panel, &AssessmentPanel::reportFailed, &w,
                     [&](const QString&, const QString& e) { reportError = e; });
    panel->writeReport(pdf);
    if (!waitUntil([&] { return written || !reportError.isEmpty(); }, 180000) || !written)
        return fail(QStringLiteral("patient-report.png: the report was not written: %1").arg(reportError));
    QProcess render;
    render.start(QStringLiteral("pdftoppm"), {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("80"),
                                              QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"),
                                              QStringLiteral("1"), QStringLiteral("-singlefile"), pdf,
                                              dir.filePath(QStringLiteral("patient-report"))});
    if (!render.waitForFinished(120000) || render.exitStatus() != QProcess::NormalExit || render.exitCode() != 0)
        return fail(QStringLiteral("patient-report.png: pdftoppm (poppler-utils) failed: %1")
                        .arg(render.errorString() + QString::fromLocal8Bit(render.readAllStandardError())));
    QFile::remove(pdf);
    result.written << dir.filePath(QStringLiteral("patient-report.png"));
    result.ok = true;
    return result;
}

}  // namespace dacl::ui
