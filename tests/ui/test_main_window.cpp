// The desktop window starts (offscreen), generates and opens the demo dataset, lists its records,
// filters them, and reports a bad record in the problems panel without losing the others.
#include "ui/main_window.h"
#include "common/tiny_run.h"
#include "core/common/progress.h"
#include "core/synth/demo_dataset.h"
#include "ui/jobs/job_queue.h"
#include "ui/settings/app_settings.h"
#include "ui/models/record_table_model.h"
#include "ui/views/dataset_view.h"
#include "ui/views/ecg_view.h"
#include "ui/views/welcome_panel.h"
#include "ui/views/training_view.h"
#include "ui/views/embedding_view.h"
#include "ui/views/problems_panel.h"
#include "ui/views/roc_view.h"
#include "ui/views/runs_view.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QUrl>
#include <QSignalSpy>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using dacl::ui::MainWindow;

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void opensDemoDatasetAndListsRecords() {
        QDir(MainWindow::demoDatasetDirectory()).removeRecursively();
        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
        w.openDemoDataset();
        QVERIFY(loaded.wait(120000));
        const int n = loaded.at(0).at(0).toInt();
        QCOMPARE(n, 400);
        QTableView* table = w.datasetView()->table();
        QCOMPARE(table->model()->rowCount(), 400);
        // Every class of the demo set is present and the filter shows exactly that class.
        const auto counts = w.dataset()->classCounts();
        for (const char* label : {"N", "A", "O", "~"}) {
            QVERIFY2(counts.count(label) && counts.at(label) > 0, label);
            w.datasetView()->setClassFilter(QString::fromLatin1(label));
            QCOMPARE(w.datasetView()->visibleRecordCount(), counts.at(label));
        }
        w.datasetView()->setClassFilter(QString());
        const QString first = QString::fromStdString(w.dataset()->records().front().name);
        w.datasetView()->setSearchText(first);
        QCOMPARE(w.datasetView()->visibleRecordCount(), 1);
        // What the user sees is a real window of the expected size.
        const QImage shot = w.grab().toImage();
        QVERIFY(shot.width() >= 1280 && shot.height() >= 800);
    }

    void selectingARowAnnouncesTheRecord() {
        MainWindow w;
        QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
        w.openDemoDataset();
        QVERIFY(loaded.wait(120000));
        QSignalSpy current(w.datasetView(), &dacl::ui::DatasetView::currentRecordChanged);
        QTableView* table = w.datasetView()->table();
        table->selectRow(3);
        QCOMPARE(current.count(), 1);
        const int recordIndex = current.at(0).at(0).toInt();
        QCOMPARE(QString::fromStdString(w.dataset()->records().at(recordIndex).name),
                 table->model()->index(3, 0).data().toString());
    }

    void badRecordIsReportedAndTheRestLoads() {
        QTemporaryDir dir;
        const QString demo = MainWindow::demoDatasetDirectory();
        // Two good records copied from the demo set, one header that points at a missing file.
        QStringList names;
        {
            QFile records(demo + "/RECORDS");
            QVERIFY(records.open(QIODevice::ReadOnly));
            names = QString::fromLatin1(records.readAll()).split('\n', Qt::SkipEmptyParts).mid(0, 2);
        }
        for (const QString& n : names) {
            QVERIFY(QFile::copy(demo + "/" + n + ".hea", dir.filePath(n + ".hea")));
            QVERIFY(QFile::copy(demo + "/" + n + ".mat", dir.filePath(n + ".mat")));
        }
        QFile bad(dir.filePath("BAD001.hea"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("BAD001 1 0 9000\nBAD001.mat 16+24 1000/mV 16 0 0 0 0 ECG\n");
        bad.close();

        MainWindow w;
        QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
        w.openDataset(dir.path());
        QVERIFY(loaded.wait(30000));
        QCOMPARE(loaded.at(0).at(0).toInt(), 2);
        QCOMPARE(w.problemsPanel()->count(), 1);
    }

    void recentDatasetsReopenFromTheFileMenu() {
        QTemporaryDir a, b;
        dacl::NullProgress quiet;
        dacl::synth::writeDemoDataset(a.path().toStdString(), 3, 11, quiet);
        dacl::synth::writeDemoDataset(b.path().toStdString(), 5, 12, quiet);
        MainWindow w;
        w.appSettings()->clearRecentDatasets();
        QVERIFY(!w.recentDatasetsMenu()->isEnabled());
        QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
        w.openDataset(a.path());
        QVERIFY(loaded.wait(30000));
        w.openDataset(b.path());
        QVERIFY(loaded.wait(30000));
        // Most recent first, then a separator and "Clear list".
        QStringList listed;
        for (QAction* action : w.recentDatasetsMenu()->actions())
            if (action->data().isValid()) listed << action->data().toString();
        QCOMPARE(listed, (QStringList{b.path(), a.path()}));
        QVERIFY(w.recentDatasetsMenu()->isEnabled());
        // Choosing the older entry opens that dataset and moves it to the top.
        for (QAction* action : w.recentDatasetsMenu()->actions())
            if (action->data().toString() == a.path()) action->trigger();
        QVERIFY(loaded.wait(30000));
        QCOMPARE(loaded.last().at(0).toInt(), 3);
        QCOMPARE(w.appSettings()->recentDatasets().first(), a.path());
        // A second window (the next start) sees the same list.
        MainWindow next;
        QCOMPARE(next.appSettings()->recentDatasets(), (QStringList{a.path(), b.path()}));
        w.appSettings()->clearRecentDatasets();
        QVERIFY(!w.recentDatasetsMenu()->isEnabled());
    }

    // Opening a large folder and, before it has loaded, a small one: the window shows the one
    // asked for last, whichever finishes first, and never flips back to the first.
    void theDatasetAskedForLastIsTheOneShown() {
        QTemporaryDir large, small;
        dacl::NullProgress quiet;
        dacl::synth::writeDemoDataset(large.path().toStdString(), 200, 11, quiet);
        dacl::synth::writeDemoDataset(small.path().toStdString(), 3, 12, quiet);
        MainWindow w;
        QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
        w.openDataset(large.path());
        w.openDataset(small.path());
        QVERIFY(loaded.wait(30000));
        QTest::qWait(3000);  // the large folder's load ends meanwhile; its result must be dropped
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(loaded.at(0).at(0).toInt(), 3);
        QCOMPARE(static_cast<int>(w.dataset()->records().size()), 3);
    }

    // A recording file dropped on the window (as from a file manager) opens as a one-record
    // dataset; a dropped file that is not a recording is reported, not a crash.
    void droppedRecordingFileOpens() {
        QTemporaryDir dir;
        const QString csv = dir.filePath("patient.csv");
        {
            QFile f(csv);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("# fs=250\nII,V1\n");
            for (int i = 0; i < 2500; ++i) {  // 10 s of a 1-Hz spike train
                const double v = (i % 250) < 5 ? 1.0 : 0.0;
                f.write(QByteArray::number(v) + "," + QByteArray::number(0.5 * v) + "\n");
            }
        }
        // Qt routes a real drop to dropEvent(); the test hands the event to it directly.
        struct DropTarget : MainWindow {
            using MainWindow::dropEvent;
        } w;
        QVERIFY(w.acceptDrops());
        QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
        QSignalSpy failed(&w, &MainWindow::loadFailed);
        auto drop = [&w](const QString& path) {
            QMimeData mime;
            mime.setUrls({QUrl::fromLocalFile(path)});
            QDropEvent event(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
            w.dropEvent(&event);
        };
        drop(csv);
        QVERIFY2(loaded.wait(30000), qPrintable(failed.isEmpty() ? QString("nothing loaded") : failed.front().at(0).toString()));
        QCOMPARE(loaded.takeFirst().at(0).toInt(), 1);
        QCOMPARE(w.datasetView()->model()->rowCount(QModelIndex()), 1);

        const QString junk = dir.filePath("notes.edf");
        {
            QFile f(junk);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("this is not an EDF header");
        }
        drop(junk);
        QVERIFY(failed.wait(30000));
        QVERIFY2(failed.takeFirst().at(0).toString().contains("notes.edf"), "the error names the file");
    }

    // A resumed run that the Runs view already shows as selected gains folds while its job runs;
    // when the job finishes, the ROC view must show them (it kept the old curves until the run
    // was selected again). The job's end is the queue's real jobFinished signal for that run.
    void aFinishedJobReloadsTheCurvesOfItsSelectedRun() {
        QTemporaryDir dir;
        const dacl::testing::TinyRun run = dacl::testing::makeTinyRun(dir.path(), 12, "af_vs_rest", {"repr=pooled"});
        MainWindow w;
        w.appSettings()->setResultsFile(run.dbPath);
        dacl::ui::RunsView* runs = w.runsView();
        dacl::ui::RocView* roc = w.rocView();
        runs->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(runs->visibleRunIds().contains(run.runId), 30000);
        runs->selectRuns({run.runId});
        QTRY_VERIFY_WITH_TIMEOUT(roc->runs() == QList<qint64>{run.runId} && roc->curves().size() == 1, 30000);

        // The resumed job adds a second test fold to the run.
        {
            dacl::store::ResultsStore store(run.dbPath.toStdString());
            std::vector<dacl::store::Prediction> more;
            for (auto p : store.predictions(run.runId))
                if (p.fold == 0) {
                    p.fold = 1;
                    more.push_back(p);
                }
            QVERIFY(!more.empty());
            store.addPredictions(run.runId, more);
        }
        QSignalSpy loaded(roc, &dacl::ui::RocView::loaded);
        Q_EMIT w.jobQueue()->jobFinished(1, dacl::ui::JobQueue::State::Finished, run.runId, QString());
        // Two folds and the pooled curve.
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() && roc->curves().size() == 3, 30000);
        QCOMPARE(runs->selectedRunIds(), QList<qint64>{run.runId});
    }

    // "Run 2 has no model to show" in the status bar belongs to run 2: once another run is made
    // current and its model loads, the message is gone.
    void aStaleModelErrorLeavesTheStatusBar() {
        QTemporaryDir dir;
        const dacl::testing::TinyRun run = dacl::testing::makeTinyRun(dir.path(), 12, "af_vs_rest", {"repr=pooled"});
        qint64 modelless = 0;
        {
            dacl::store::ResultsStore store(run.dbPath.toStdString());
            dacl::store::NewRun r;
            r.name = "no model";
            r.task = "af_vs_rest";
            modelless = store.createRun(r);
        }
        MainWindow w;
        w.appSettings()->setResultsFile(run.dbPath);
        auto statusText = [&w] {
            QString text;
            for (const QLabel* label : w.statusBar()->findChildren<QLabel*>()) text += label->text();
            return text;
        };
        w.setCurrentRun(modelless);
        QTRY_VERIFY_WITH_TIMEOUT(statusText().contains(QStringLiteral("has no model")), 30000);
        QSignalSpy modelLoaded(&w, &MainWindow::runModelLoaded);
        w.setCurrentRun(run.runId);
        QTRY_VERIFY_WITH_TIMEOUT(!modelLoaded.isEmpty(), 60000);
        QVERIFY2(!statusText().contains(QStringLiteral("has no model")), qPrintable(statusText()));
    }

    // Dataset folder, record, run and tab chosen in one window come back in the next one (the
    // next start), after the dataset and the runs have loaded.
    void theLastSessionComesBack() {
        QSettings().clear();
        QTemporaryDir dir;
        const dacl::testing::TinyRun run = dacl::testing::makeTinyRun(dir.path(), 12, "af_vs_rest", {"repr=pooled"});
        QString record;
        {
            MainWindow w;
            w.appSettings()->setResultsFile(run.dbPath);
            QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
            w.openDataset(run.dataDir);
            QVERIFY(loaded.wait(30000));
            record = QString::fromStdString(w.dataset()->records().at(5).name);
            QVERIFY(w.datasetView()->selectRecord(record));
            QTRY_VERIFY_WITH_TIMEOUT(w.runsView()->visibleRunIds().contains(run.runId), 30000);
            w.runsView()->selectRuns({run.runId});
            QCOMPARE(w.currentRunId(), static_cast<qint64>(run.runId));
            w.tabs()->setCurrentWidget(w.rocView());
        }
        MainWindow next;
        QSignalSpy loaded(&next, &MainWindow::datasetLoaded);
        next.restoreSession();
        QVERIFY(loaded.wait(30000));
        QCOMPARE(QDir::cleanPath(QString::fromStdString(next.dataset()->directory())), QDir::cleanPath(run.dataDir));
        QVERIFY(next.currentRecord() >= 0);
        QCOMPARE(QString::fromStdString(next.dataset()->records().at(next.currentRecord()).name), record);
        QTRY_COMPARE_WITH_TIMEOUT(next.currentRunId(), static_cast<qint64>(run.runId), 30000);
        QCOMPARE(next.runsView()->selectedRunIds(), QList<qint64>{run.runId});
        QCOMPARE(next.tabs()->currentWidget(), static_cast<QWidget*>(next.rocView()));
        QVERIFY(!next.welcomePanel()->isVisibleTo(&next));
        QVERIFY(next.statusBar()->currentMessage().isEmpty());
    }

    // A dataset folder or run that has gone since: the demo dataset and no run, said in the
    // status bar, never an error dialog or a stuck window.
    void whatHasGoneFallsBackQuietly() {
        QSettings().clear();
        QTemporaryDir dir;
        const QString gone = dir.filePath(QStringLiteral("removed-dataset"));
        {
            dacl::ui::AppSettings settings;
            settings.setResultsFile(dir.filePath(QStringLiteral("none-yet.sqlite")));
            settings.setSessionDataset(gone);
            settings.setSessionRecord(QStringLiteral("A00001"));
            settings.setSessionRun(7);
        }
        MainWindow w;
        QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
        w.restoreSession();
        QVERIFY(loaded.wait(120000));
        QCOMPARE(QDir::cleanPath(QString::fromStdString(w.dataset()->directory())), QDir::cleanPath(MainWindow::demoDatasetDirectory()));
        QCOMPARE(w.currentRunId(), qint64(-1));
        const QString message = w.statusBar()->currentMessage();
        QVERIFY2(message.contains(QDir::toNativeSeparators(gone)) && message.contains(QStringLiteral("demo dataset")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("Run 7")), qPrintable(message));
        QCOMPARE(w.problemsPanel()->count(), 0);
        QVERIFY(!w.welcomePanel()->isVisibleTo(&w));
        // The demo is now the session to come back to; the gone run is forgotten.
        QCOMPARE(w.appSettings()->sessionDataset(), QDir::cleanPath(MainWindow::demoDatasetDirectory()));
        QCOMPARE(w.appSettings()->sessionRun(), qint64(-1));
        QSettings().clear();
    }

    // A first start (nothing ever opened): the welcome panel above the demo dataset says what to
    // do next; "Train on the demo dataset" starts the demo run in the Training tab.
    void firstStartWelcomesAndTrainsOnTheDemo() {
        QSettings().clear();
        QTemporaryDir dir;
        MainWindow w;
        w.appSettings()->setResultsFile(dir.filePath(QStringLiteral("results.sqlite")));
        w.show();
        QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
        w.restoreSession();
        dacl::ui::WelcomePanel* welcome = w.welcomePanel();
        QVERIFY(welcome->isVisible());
        QCOMPARE(w.tabs()->currentWidget(), w.datasetTab());
        for (QPushButton* b : {welcome->openDatasetButton(), welcome->openRecordingButton(), welcome->trainDemoButton()})
            QVERIFY(b->isVisible() && b->isEnabled() && !b->text().isEmpty());
        QVERIFY(loaded.wait(120000));
        QVERIFY(welcome->isVisible());  // the demo below it is no step of the user's
        w.grab().save(QDir::temp().filePath(QStringLiteral("dacl-welcome.png")));
        welcome->trainDemoButton()->click();
        QVERIFY(!welcome->isVisible());
        QCOMPARE(w.tabs()->currentWidget(), static_cast<QWidget*>(w.trainingView()));
        QCOMPARE(w.jobQueue()->jobs().size(), 1);
        w.jobQueue()->cancelAll();
        QSettings().clear();
    }

    // A record chosen in the embedding view that the open dataset lacks (here: none is open) is
    // explained in the status bar with the run's own dataset, and the offered button opens that
    // dataset and then shows the record.
    void aRunRecordMissingFromTheOpenDatasetOffersTheRunsDataset() {
        QTemporaryDir dir;
        const dacl::testing::TinyRun run = dacl::testing::makeTinyRun(dir.path(), 12, "af_vs_rest", {"repr=pooled"});
        QString record;
        {
            dacl::store::ResultsStore store(run.dbPath.toStdString());
            record = QString::fromStdString(store.predictions(run.runId).at(0).record);
        }
        MainWindow w;
        w.appSettings()->setResultsFile(run.dbPath);
        w.setCurrentRun(run.runId);
        auto statusText = [&w] {
            QString text;
            for (const QLabel* label : w.statusBar()->findChildren<QLabel*>()) text += label->text();
            return text;
        };
        Q_EMIT w.embeddingView()->recordActivated(record);  // as a click on its point
        // The run's dataset is looked up off the GUI thread: the message follows.
        QTRY_VERIFY2_WITH_TIMEOUT(statusText().contains(record), qPrintable(statusText()), 10000);
        QTRY_VERIFY2_WITH_TIMEOUT(statusText().contains(QDir(run.dataDir).absolutePath()), qPrintable(statusText()), 10000);
        auto* open = w.statusBar()->findChild<QPushButton*>(QStringLiteral("openRunDataset"));
        QVERIFY(open);
        QVERIFY(!open->isHidden());
        QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
        open->click();
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 30000);
        QVERIFY(w.dataset());
        QCOMPARE(QDir(QString::fromStdString(w.dataset()->directory())).absolutePath(), QDir(run.dataDir).absolutePath());
        QCOMPARE(w.tabs()->currentWidget(), static_cast<QWidget*>(w.ecgView()));
        QVERIFY(w.currentRecord() >= 0);
        QCOMPARE(QString::fromStdString(w.dataset()->records()[static_cast<std::size_t>(w.currentRecord())].name), record);
        QVERIFY(open->isHidden());
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
