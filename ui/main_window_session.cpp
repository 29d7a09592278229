// The session: what was open when the app last ran (dataset folder, record, run, tab) is kept in
// the settings as it changes and comes back at the next start; a first start shows the welcome
// panel above the demo dataset.
#include "ui/main_window.h"

#include "ui/models/runs_model.h"
#include "ui/settings/app_settings.h"
#include "ui/studio_document.h"
#include "ui/views/dataset_view.h"
#include "ui/views/runs_view.h"
#include "ui/views/training_view.h"
#include "ui/views/welcome_panel.h"

#include <QDir>
#include <QFileInfo>
#include <QStatusBar>
#include <QTabWidget>

namespace dacl::ui {

namespace {
QString directoryOf(const Dataset& dataset) { return QDir::cleanPath(QString::fromStdString(dataset.directory())); }
}  // namespace

void MainWindow::connectSession() {
    connect(welcome_, &WelcomePanel::openDatasetRequested, this, &MainWindow::chooseDataset);
    connect(welcome_, &WelcomePanel::openRecordingRequested, this, &MainWindow::chooseRecording);
    connect(welcome_, &WelcomePanel::trainDemoRequested, this, &MainWindow::trainOnDemo);

    // A dataset folder is what a session comes back to; one recording file opened for its
    // assessment is not.
    connect(document_, &StudioDocument::datasetChanged, this, [this] {
        if (document_->dataset() && QFileInfo(directoryOf(*document_->dataset())).isDir())
            settings_->setSessionDataset(directoryOf(*document_->dataset()));
    });
    connect(document_, &StudioDocument::recordChanged, this, [this](const Dataset* dataset, int record) {
        if (dataset && record >= 0 && directoryOf(*dataset) == settings_->sessionDataset())
            settings_->setSessionRecord(QString::fromStdString(dataset->records()[static_cast<std::size_t>(record)].name));
    });
    connect(document_, &StudioDocument::runChanged, this, [this](const QString&, qint64 run) {
        if (!restore_.runPending) settings_->setSessionRun(run);  // not the -1 of the start-up
    });
    connect(tabs_, &QTabWidget::currentChanged, this, [this](int index) {
        if (const QWidget* tab = tabs_->widget(index)) settings_->setSessionTab(tab->objectName());
    });

    connect(this, &MainWindow::datasetLoaded, this, [this] {
        const QString dir = directoryOf(*document_->dataset());
        const bool demo = dir == QDir::cleanPath(demoDatasetDirectory());
        if (!demo) welcome_->hide();  // the user has taken the first step
        if (restore_.datasetPending) {
            restore_.datasetPending = false;
            if (dir == restore_.dataset) restoreRecord();  // else the user opened another one meanwhile
        }
        if (demo && trainWhenDemoLoaded_) {
            trainWhenDemoLoaded_ = false;
            trainOnDemo();
        }
    });
    connect(this, &MainWindow::loadFailed, this, [this] {
        if (!restore_.datasetPending) return;
        restore_.datasetPending = false;
        noteRestore(tr("The last dataset %1 could not be opened; the demo dataset is open instead.")
                        .arg(QDir::toNativeSeparators(restore_.dataset)));
        openDemoDataset();
    });
    connect(runsView_, &RunsView::refreshed, this, [this] {
        if (restore_.runPending) restoreRun();
    });
}

QWidget* MainWindow::datasetTab() const { return welcome_->parentWidget(); }

void MainWindow::restoreSession() {
    QString dataset = settings_->sessionDataset();
    const QStringList recent = settings_->recentDatasets();
    if (dataset.isEmpty() && !recent.isEmpty() && QFileInfo(recent.front()).isDir()) dataset = recent.front();
    restore_.record = settings_->sessionRecord();
    restore_.run = settings_->sessionRun();
    const QString tab = settings_->sessionTab();
    for (int i = 0; i < tabs_->count(); ++i)
        if (!tab.isEmpty() && tabs_->widget(i)->objectName() == tab) tabs_->setCurrentIndex(i);

    // The runs are read on a worker thread: the run comes back once they are in the table.
    restore_.runPending = restore_.run > 0;
    if (restore_.runPending && runsView_->refreshCount() > 0) restoreRun();

    if (dataset.isEmpty() && recent.isEmpty()) {  // a first start
        welcome_->show();
        tabs_->setCurrentWidget(datasetTab());
        openDemoDataset();
        return;
    }
    if (!QFileInfo(dataset).isDir()) {
        noteRestore(tr("The last dataset %1 is gone; the demo dataset is open instead.").arg(QDir::toNativeSeparators(dataset)));
        openDemoDataset();
        return;
    }
    restore_.dataset = QDir::cleanPath(dataset);
    restore_.datasetPending = true;
    openDataset(dataset);
}

void MainWindow::restoreRecord() {
    if (restore_.record.isEmpty()) return;
    if (!datasetView_->selectRecord(restore_.record))
        noteRestore(tr("Record %1 is no longer in the dataset.").arg(restore_.record));
}

void MainWindow::restoreRun() {
    restore_.runPending = false;
    if (runsView_->model()->rowOf(restore_.run)) {
        runsView_->selectRuns({restore_.run});  // the runs view makes it current (currentRunChanged)
        return;
    }
    settings_->setSessionRun(-1);
    noteRestore(tr("Run %1 is no longer in the results file.").arg(restore_.run));
}

// Notes of a restore stay a while in the status bar, over the usual status text.
void MainWindow::noteRestore(const QString& note) {
    restore_.notes << note;
    statusBar()->showMessage(restore_.notes.join(QStringLiteral("  ")), 30000);
}

void MainWindow::trainOnDemo() {
    welcome_->hide();
    const auto& dataset = document_->dataset();
    if (!dataset || directoryOf(*dataset) != QDir::cleanPath(demoDatasetDirectory())) {
        trainWhenDemoLoaded_ = true;  // once it has loaded
        openDemoDataset();
        return;
    }
    tabs_->setCurrentWidget(trainingView_);
    trainingView_->startDemoRun();
}

}  // namespace dacl::ui
