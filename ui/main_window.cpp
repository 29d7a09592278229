#include "ui/main_window.h"

#include "core/ml/runtime_info.h"
#include "core/synth/demo_dataset.h"
#include "ui/jobs/job_queue.h"
#include "ui/jobs/qt_progress.h"
#include "ui/settings/app_settings.h"
#include "ui/settings/core_text.h"
#include "ui/studio_document.h"
#include "ui/settings/settings_dialog.h"
#include "ui/views/context_bar.h"
#include "ui/views/dataset_view.h"
#include "ui/views/elided_label.h"
#include "ui/views/ecg_view.h"
#include "ui/views/probability_band.h"
#include "ui/views/problems_panel.h"
#include "ui/views/runs_view.h"
#include "ui/views/training_form.h"
#include "ui/views/training_view.h"
#include "ui/loaders/thread_pools.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QMimeData>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace dacl::ui {

namespace {
constexpr int kDemoRecords = 400;
constexpr std::uint64_t kDemoSeed = 2017;

// What a worker thread hands back: the dataset, or the reason it could not be opened.
struct LoadResult {
    std::optional<Dataset> dataset;
    QString error;
};
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("DACL Studio"));
    setAcceptDrops(true);
    settings_ = new AppSettings(this);
    document_ = new StudioDocument(this);
    jobs_ = new JobQueue(this);
    tabs_ = new QTabWidget(this);
    buildViews();
    // Only the shown tab's minimum size counts: a wide view on a hidden tab must not push the
    // window past a 1280-px screen when the Assessment panel is docked beside the ECG.
    auto onlyShownTabCounts = [this](int shown) {
        for (int i = 0; i < tabs_->count(); ++i)
            tabs_->widget(i)->setSizePolicy(i == shown ? QSizePolicy::Preferred : QSizePolicy::Ignored,
                                            i == shown ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    };
    connect(tabs_, &QTabWidget::currentChanged, this, onlyShownTabCounts);
    onlyShownTabCounts(tabs_->currentIndex());
    // Every tab under one line that says which dataset and run it shows.
    contextBar_ = new ContextBar(document_, runsView_->model(), this);
    connect(contextBar_, &ContextBar::changed, this, [this] { setWindowTitle(contextBar_->windowTitle()); });
    auto* central = new QWidget(this);
    auto* column = new QVBoxLayout(central);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addWidget(contextBar_);
    column->addWidget(tabs_, 1);
    setCentralWidget(central);

    problems_ = new ProblemsPanel(this);
    auto* problemsDock = new QDockWidget(tr("Problems"), this);
    problemsDock->setObjectName(QStringLiteral("problemsDock"));
    problemsDock->setWidget(problems_);
    addDockWidget(Qt::BottomDockWidgetArea, problemsDock);
    resizeDocks({problemsDock}, {110}, Qt::Vertical);  // a strip; the views get the space

    // Jobs: the training view lists and starts them; their failures go to the problems panel.
    trainingView_->setJobQueue(jobs_);
    trainingView_->setResultsFile(settings_->resultsFile());
    Settings base;
    settings_->applyTo(base);
    trainingView_->setBaseSettings(base);
    connect(jobs_, &JobQueue::problem, problems_, &ProblemsPanel::addProblem);
    connect(settings_, &AppSettings::resultsFileChanged, trainingView_, &TrainingView::setResultsFile);
    auto computeChanged = [this] {
        Settings s;
        settings_->applyTo(s);
        trainingView_->setBaseSettings(s);
    };
    connect(settings_, &AppSettings::threadsChanged, this, computeChanged);
    connect(settings_, &AppSettings::deviceChanged, this, computeChanged);
    connect(this, &MainWindow::datasetLoaded, trainingView_, [this] {
        trainingView_->setDataDirectory(QString::fromStdString(document_->dataset()->directory()));
        trainingView_->form()->setDatasetClasses(document_->dataset()->classCounts());
    });
    connectViews();
    connectSession();
    buildAssessment();

    status_ = new ElidedLabel(this);  // a long folder path must not widen the window
    progress_ = new QProgressBar(this);
    progress_->setMaximumWidth(240);
    progress_->hide();
    statusBar()->addWidget(status_, 1);
    openRunDataset_ = new QPushButton(this);
    openRunDataset_->setObjectName(QStringLiteral("openRunDataset"));
    openRunDataset_->hide();
    statusBar()->addWidget(openRunDataset_);
    statusBar()->addPermanentWidget(progress_);

    buildMenus();
    resize(1280, 800);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open dataset…"), QKeySequence::Open, this, &MainWindow::chooseDataset);
    file->addAction(tr("Open &recording…"), this, &MainWindow::chooseRecording);
    file->addAction(tr("Open &demo dataset"), this, &MainWindow::openDemoDataset);
    recentMenu_ = file->addMenu(tr("Open &recent"));
    rebuildRecentMenu(settings_->recentDatasets());
    connect(settings_, &AppSettings::recentDatasetsChanged, this, &MainWindow::rebuildRecentMenu);
    file->addSeparator();
    exportReportAction_ = file->addAction(tr("&Export report…"), this, [this] { exportReport(document_->run()); });
    exportReportAction_->setEnabled(false);
    file->addAction(tr("&Settings…"), QKeySequence::Preferences, this, &MainWindow::openSettings);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About DACL Studio"), this, &MainWindow::showAbout);
}

QString MainWindow::demoDatasetDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/demo-dataset");
}

void MainWindow::rebuildRecentMenu(const QStringList& recent) {
    recentMenu_->clear();
    for (int i = 0; i < recent.size(); ++i) {
        const QString dir = recent.at(i);
        // "&1 /path" .. "&9": keyboard access to the first nine; a folder that has gone away
        // still opens, and the problems panel says why it cannot be read.
        const QString text = i < 9 ? QStringLiteral("&%1 %2").arg(i + 1).arg(QDir::toNativeSeparators(dir))
                                   : QDir::toNativeSeparators(dir);
        QAction* a = recentMenu_->addAction(text, this, [this, dir] { openDataset(dir); });
        a->setData(dir);
    }
    if (!recent.isEmpty()) recentMenu_->addSeparator();
    QAction* clear = recentMenu_->addAction(tr("&Clear list"), settings_, &AppSettings::clearRecentDatasets);
    clear->setEnabled(!recent.isEmpty());
    recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::openSettings() {
    auto* dialog = new SettingsDialog(settings_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::chooseDataset() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open dataset folder"));
    if (!dir.isEmpty()) openDataset(dir);
}

// One file (EDF/EDF+/BDF, WFDB header or PhysioNet .mat, CSV/TSV) opens as a one-record dataset.
void MainWindow::chooseRecording() {
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Open recording"), {},
        tr("ECG recordings (*.edf *.EDF *.bdf *.BDF *.hea *.mat *.csv *.tsv);;All files (*)"));
    if (!file.isEmpty()) openDataset(file);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.front().isLocalFile()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.front().isLocalFile()) return;
    openDataset(urls.front().toLocalFile());
    event->acceptProposedAction();
}

void MainWindow::setBusy(const QString& message, bool busy) {
    status_->setText(message);
    progress_->setVisible(busy);
    if (busy) progress_->setRange(0, 0);
}

void MainWindow::openDataset(const QString& directory) {
    setBusy(tr("Opening %1…").arg(QDir::toNativeSeparators(directory)), true);
    const std::string dir = directory.toStdString();
    datasetLoader_.start([dir]() -> LoadResult {
        try {
            return {Dataset::open(dir), {}};
        } catch (const std::exception& e) {
            return {std::nullopt, QString::fromStdString(e.what())};
        }
    }, [this, directory](LoadResult r) {
        if (!r.dataset) {
            setBusy(tr("Could not open %1").arg(directory), false);
            problems_->addProblem(directory, r.error);
            Q_EMIT loadFailed(coreText(r.error));
            return;
        }
        // A recording file is assessed: the ECG view's band waits for the Assessment's spans
        // rather than scoring the same file alongside it (set before the record shows).
        const bool recordingFile = QFileInfo(directory).isFile();
        if (recordingFile) ecgView_->probabilityBand()->expectPrediction(directory);
        setDataset(std::move(*r.dataset));
        if (recordingFile) assessOpenedRecording(directory);
    });
}

void MainWindow::openDemoDataset() {
    const QString dir = demoDatasetDirectory();
    if (QFileInfo::exists(dir + QStringLiteral("/RECORDS"))) {
        openDataset(dir);
        return;
    }
    // First use: generate the synthetic demo dataset on a worker thread, with progress.
    setBusy(tr("Generating the demo dataset…"), true);
    auto* sink = new QtProgress(this);
    connect(sink, &QtProgress::progressed, this, [this](const QString&, qint64 done, qint64 total) {
        progress_->setRange(0, static_cast<int>(total));
        progress_->setValue(static_cast<int>(done));
    });
    runThen(this, backgroundThreadPool(), [dir, sink]() -> QString {
        try {
            QDir().mkpath(dir);
            synth::writeDemoDataset(dir.toStdString(), kDemoRecords, kDemoSeed, *sink);
            return {};
        } catch (const std::exception& e) {
            return QString::fromStdString(e.what());
        }
    }, [this, sink, dir](const QString& error) {
        sink->deleteLater();
        if (!error.isEmpty()) {
            setBusy(tr("Could not generate the demo dataset"), false);
            problems_->addProblem(dir, error);
            Q_EMIT loadFailed(coreText(error));
            return;
        }
        openDataset(dir);
    });
}

void MainWindow::setDataset(Dataset dataset) {
    for (const SkippedFile& s : dataset.skipped())
        problems_->addProblem(QString::fromStdString(s.file), QString::fromStdString(s.reason));
    const int n = static_cast<int>(dataset.records().size());
    setBusy(tr("%1: %n record(s)", nullptr, n).arg(QString::fromStdString(dataset.directory())),
            false);
    settings_->addRecentDataset(QString::fromStdString(dataset.directory()));
    document_->setDataset(std::move(dataset));  // the dataset view follows (datasetChanged)
    Q_EMIT datasetLoaded(n);
}

void MainWindow::showAbout() {
    const RuntimeInfo info = runtimeInfo();
    QMessageBox::about(
        this, tr("About DACL Studio"),
        tr("<h3>DACL Studio %1</h3>"
           "<p>Diffusion-Augmented Contrastive Learning for ECG.</p>"
           "<table><tr><td>LibTorch</td><td>%2</td></tr>"
           "<tr><td>BLAS</td><td>%3</td></tr>"
           "<tr><td>Threads</td><td>%4</td></tr>"
           "<tr><td>Device</td><td>%5</td></tr></table>")
            .arg(QString::fromStdString(info.softwareVersion),
                 QString::fromStdString(info.torchVersion), QString::fromStdString(info.blas))
            .arg(info.threads)
            .arg(QString::fromStdString(info.device)));
}

}  // namespace dacl::ui
