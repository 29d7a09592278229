// Runs view over a real results file written through the core store API: the table shows exactly
// the stored runs, filters and sorts them, renames into the file, deletes, offers resume for an
// interrupted run, compares settings ("differences only" = exactly the differing keys) and
// curves, and shows a run written by another thread while it is open, keeping the selection.
#include "core/common/settings.h"
#include "core/store/metric_names.h"
#include "core/store/results_store.h"
#include "ui/views/run_compare_panel.h"
#include "ui/views/runs_view.h"

#include "ui/plots/custom_plot.h"

#include <QComboBox>
#include <QDir>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <QAbstractItemModelTester>

#include <cmath>
#include <set>
#include <thread>

using namespace dacl;
using namespace dacl::store;
using dacl::ui::RunsModel;
using dacl::ui::RunsView;

namespace {

// train.epochs is stored at its default value: the key summary leaves defaults out.
std::string settingsJson(int vaeEpochs, double lr, int folds) {
    return R"({"settings":{"seed":2017,"vae.epochs":)" + std::to_string(vaeEpochs) + R"(,"train.lr":)" +
           std::to_string(lr) + R"(,"train.epochs":)" + std::to_string(Settings().getInt("train.epochs")) +
           R"(},"request":{"folds":)" + std::to_string(folds) +
           R"(,"task":"af_vs_rest"}})";
}

std::int64_t addRun(ResultsStore& st, const std::string& name, const std::string& task, const std::string& settings,
                    RunStatus status, std::optional<double> auroc) {
    NewRun r;
    r.name = name;
    r.task = task;
    r.settingsJson = settings;
    r.seed = 7;
    r.dataFingerprint = "abc";
    r.softwareVersion = "0.1.0";
    r.device = "cpu";
    const std::int64_t id = st.createRun(r);
    if (status != RunStatus::Queued) {
        st.startRun(id);
        if (status != RunStatus::Running) st.endRun(id, status, status == RunStatus::Failed ? "boom" : "");
    }
    if (auroc) st.setFinalMetric(id, {metric::kAuroc, *auroc, 0.02, *auroc - 0.05, *auroc + 0.04});
    return id;
}

QList<qint64> sorted(QList<qint64> v) {
    std::sort(v.begin(), v.end());
    return v;
}

}  // namespace

class TestRunsView : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    QString path_;
    std::int64_t a_ = 0, b_ = 0, c_ = 0, d_ = 0;

private Q_SLOTS:
    void init() {
        QVERIFY(dir_.isValid());
        path_ = dir_.filePath(QStringLiteral("r%1.sqlite").arg(QRandomGenerator::global()->generate()));
        ResultsStore st(path_.toStdString());
        a_ = addRun(st, "alpha", "af_vs_rest", settingsJson(60, 0.001, 5), RunStatus::Finished, 0.91);
        b_ = addRun(st, "beta", "af_vs_rest", settingsJson(10, 0.003, 5), RunStatus::Finished, 0.72);
        c_ = addRun(st, "gamma", "challenge4", settingsJson(60, 0.001, 2), RunStatus::Interrupted, std::nullopt);
        d_ = addRun(st, "delta", "af_vs_normal", settingsJson(60, 0.001, 5), RunStatus::Failed, std::nullopt);
        // Training curves for the comparison: val AUROC per epoch of two folds.
        for (int fold = 0; fold < 2; ++fold)
            for (int e = 0; e < 4; ++e) {
                st.addMetric(a_, {fold, e, std::nullopt, "val_auroc", 0.5 + 0.1 * e + 0.01 * fold});
                st.addMetric(b_, {fold, e, std::nullopt, "val_auroc", 0.5 + 0.05 * e});
                st.addMetric(a_, {fold, e, e * 10, "loss", 1.0 / (e + 1)});
            }
        for (int e = 0; e < 2; ++e) st.addMetric(a_, {std::nullopt, e, std::nullopt, "final.dacl.loss", 1.0 / (e + 1)});
    }

    void rowsEqualTheStore() {
        RunsView view;
        view.setResultsFile(path_);
        QTRY_COMPARE(view.model()->rowCount(), 4);
        ResultsStore st(path_.toStdString());
        QList<qint64> stored;
        for (const auto& r : st.listRuns()) stored << r.id;
        QCOMPARE(sorted(view.visibleRunIds()), sorted(stored));
        for (const auto& r : st.listRuns()) {
            const int row = view.model()->rowIndexOf(r.id);
            QVERIFY(row >= 0);
            auto cell = [&](int col) { return view.model()->index(row, col).data().toString(); };
            QCOMPARE(cell(RunsModel::Name), QString::fromStdString(r.name));
            QCOMPARE(cell(RunsModel::Task), QString::fromStdString(r.task));
            QCOMPARE(view.model()->index(row, 0).data(RunsModel::StatusRole).toString(), QString::fromLatin1(toString(r.status)));
            const auto auroc = st.finalMetric(r.id, metric::kAuroc);
            if (auroc)
                QCOMPARE(cell(RunsModel::Auroc), QStringLiteral("%1 [%2, %3]").arg(auroc->mean, 0, 'f', 3)
                                                     .arg(auroc->ciLow, 0, 'f', 3).arg(auroc->ciHigh, 0, 'f', 3));
            else
                QCOMPARE(cell(RunsModel::Auroc), QStringLiteral("–"));
        }
        // Key settings list what differs from the defaults: beta changed vae.epochs and train.lr.
        const QString keyB = view.model()->index(view.model()->rowIndexOf(b_), RunsModel::Settings).data().toString();
        QVERIFY2(keyB.contains(QStringLiteral("vae.epochs=10")) && keyB.contains(QStringLiteral("train.lr=")), qPrintable(keyB));
        QVERIFY2(!keyB.contains(QStringLiteral("train.epochs")), qPrintable(keyB));  // the default
    }

    // Each run names the dataset it learned from (folder name, record count; path and fingerprint
    // in the tooltip); a run stored before that was recorded still names its request's folder.
    void eachRunSaysWhichDatasetItLearnedFrom() {
        {
            ResultsStore st(path_.toStdString());
            const std::string withDataset =
                R"({"settings":{},"request":{"data":"../data/afdb","folds":5,"task":"af_vs_rest"},)"
                R"("dataset":{"path":"/srv/ecg/afdb","name":"afdb","records":12345,"skipped":2,"task_records":8528}})";
            addRun(st, "epsilon", "af_vs_rest", withDataset, RunStatus::Finished, 0.95);
            addRun(st, "zeta", "af_vs_rest", R"({"settings":{},"request":{"data":"/data/physionet2017/","folds":5}})",
                   RunStatus::Finished, 0.80);
        }
        RunsView view;
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QLocale::setDefault(QLocale(QLocale::German));
        view.setResultsFile(path_);
        QTRY_COMPARE(view.model()->rowCount(), 6);
        auto rowOf = [&](const QString& name) {
            for (int r = 0; r < view.model()->rowCount(); ++r)
                if (view.model()->index(r, RunsModel::Name).data().toString() == name) return r;
            return -1;
        };
        const int eps = rowOf(QStringLiteral("epsilon")), zeta = rowOf(QStringLiteral("zeta"));
        QVERIFY(eps >= 0 && zeta >= 0);
        auto cell = [&](int row, int column, int role = Qt::DisplayRole) { return view.model()->index(row, column).data(role); };
        QCOMPARE(cell(eps, RunsModel::Dataset).toString(), QStringLiteral("afdb"));
        QCOMPARE(cell(eps, RunsModel::Records).toString(), QStringLiteral("8.528"));  // German grouping
        QCOMPARE(cell(eps, RunsModel::Auroc).toString(), QStringLiteral("0,950 [0,900; 0,990]"));
        const QString tip = cell(eps, RunsModel::Dataset, Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("/srv/ecg/afdb")) && tip.contains(QStringLiteral("abc")) &&
                     tip.contains(QStringLiteral("12.345")),
                 qPrintable(tip));
        QCOMPARE(cell(zeta, RunsModel::Dataset).toString(), QStringLiteral("physionet2017"));
        QCOMPARE(cell(zeta, RunsModel::Records).toString(), QStringLiteral("–"));
        QVERIFY(cell(zeta, RunsModel::Dataset, Qt::ToolTipRole).toString().contains(QStringLiteral("/data/physionet2017")));
        QCOMPARE(view.model()->headerData(RunsModel::Dataset, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("Dataset"));
        // Record counts sort as numbers, unknown first in ascending order.
        QCOMPARE(cell(eps, RunsModel::Records, RunsModel::SortRole).toLongLong(), 8528);
        QCOMPARE(cell(zeta, RunsModel::Records, RunsModel::SortRole).toLongLong(), -1);
        QLocale::setDefault(QLocale::c());
    }

    void filtersAndSorting() {
        RunsView view;
        view.setResultsFile(path_);
        QTRY_COMPARE(view.model()->rowCount(), 4);
        view.setStatusFilter(QStringLiteral("finished"));
        QCOMPARE(sorted(view.visibleRunIds()), sorted({a_, b_}));
        view.setStatusFilter({});
        view.setTaskFilter(QStringLiteral("challenge4"));
        QCOMPARE(view.visibleRunIds(), QList<qint64>{c_});
        view.setTaskFilter({});
        view.setSearchText(QStringLiteral("DELT"));
        QCOMPARE(view.visibleRunIds(), QList<qint64>{d_});
        view.setSearchText({});
        view.setAurocMinimum(0.8);
        QCOMPARE(view.visibleRunIds(), QList<qint64>{a_});
        view.setAurocMinimum(0);
        view.setLastDays(7);  // created just now
        QCOMPARE(view.visibleRunIds().size(), 4);
        view.setDateRange(QDate(2001, 1, 1), QDate(2001, 12, 31));
        QVERIFY(view.visibleRunIds().isEmpty());
        view.clearDateFilter();
        QCOMPARE(view.visibleRunIds().size(), 4);

        view.table()->sortByColumn(RunsModel::Auroc, Qt::DescendingOrder);
        const QList<qint64> order = view.visibleRunIds();
        QCOMPARE(order.mid(0, 2), (QList<qint64>{a_, b_}));  // 0.91, 0.72, then runs without AUROC
        view.table()->sortByColumn(RunsModel::Name, Qt::AscendingOrder);
        QCOMPARE(view.visibleRunIds(), (QList<qint64>{a_, b_, d_, c_}));  // alpha beta delta gamma
    }

    void renamePersistsInTheFile() {
        RunsView view;
        view.setResultsFile(path_);
        QTRY_COMPARE(view.model()->rowCount(), 4);
        // As the user does it: edit the name cell.
        auto* proxy = qobject_cast<QSortFilterProxyModel*>(view.table()->model());
        QModelIndex nameCell;
        for (int r = 0; r < proxy->rowCount(); ++r)
            if (proxy->index(r, 0).data(RunsModel::RunIdRole).toLongLong() == b_) nameCell = proxy->index(r, RunsModel::Name);
        QVERIFY(nameCell.isValid());
        QVERIFY(proxy->flags(nameCell) & Qt::ItemIsEditable);
        QVERIFY(proxy->setData(nameCell, QStringLiteral("beta (lr sweep)")));
        QTRY_VERIFY_WITH_TIMEOUT([&] {
            ResultsStore st(path_.toStdString());
            return st.run(b_).name == "beta (lr sweep)";
        }(), 5000);
        QTRY_COMPARE(view.model()->index(view.model()->rowIndexOf(b_), RunsModel::Name).data().toString(),
                     QStringLiteral("beta (lr sweep)"));
        QVERIFY(view.lastError().isEmpty());
    }

    void deleteRemovesTheRunFromFileAndTable() {
        RunsView view;
        view.setResultsFile(path_);
        QTRY_COMPARE(view.model()->rowCount(), 4);
        view.deleteRuns({d_});
        QTRY_COMPARE(view.model()->rowCount(), 3);
        QVERIFY(!view.visibleRunIds().contains(d_));
        ResultsStore st(path_.toStdString());
        QVERIFY(!st.findRun(d_));
    }

    void resumeOnlyForResumableRuns() {
        RunsView view;
        view.setResultsFile(path_);
        QTRY_COMPARE(view.model()->rowCount(), 4);
        QSignalSpy spy(&view, &RunsView::resumeRequested);
        view.selectRuns({a_});  // finished: nothing to resume
        view.resumeSelectedRun();
        QCOMPARE(spy.count(), 0);
        view.selectRuns({c_});  // interrupted
        QCOMPARE(view.currentRunId(), static_cast<qint64>(c_));
        view.resumeSelectedRun();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.first().first().toLongLong(), static_cast<qint64>(c_));
    }

    void differencesOnlyShowsExactlyTheDifferingKeys() {
        RunsView view;
        view.setResultsFile(path_);
        QTRY_COMPARE(view.model()->rowCount(), 4);
        QSignalSpy current(&view, &RunsView::currentRunChanged);
        QSignalSpy selected(&view, &RunsView::selectedRunsChanged);
        view.selectRuns({a_, b_});
        QCOMPARE(sorted(view.selectedRunIds()), sorted({a_, b_}));
        QVERIFY(current.count() >= 1);
        QCOMPARE(sorted(selected.last().first().value<QList<qint64>>()), sorted({a_, b_}));
        ui::RunComparePanel* panel = view.comparePanel();
        QCOMPARE(sorted(panel->runIds()), sorted({a_, b_}));
        panel->setDifferencesOnly(false);
        QVERIFY(panel->visibleKeys().contains(QStringLiteral("train.epochs")));  // equal, still listed
        panel->setDifferencesOnly(true);
        // alpha and beta differ in vae.epochs and train.lr only (task, seed, data, version, folds equal).
        QStringList keys = panel->visibleKeys();
        keys.sort();
        QCOMPARE(keys, (QStringList{QStringLiteral("train.lr"), QStringLiteral("vae.epochs")}));

        // Curves: the stored metric names; mean over folds per epoch, one curve per run.
        QTRY_VERIFY(panel->metricNames().contains(QStringLiteral("val_auroc")));
        QVERIFY(panel->metricNames().contains(QStringLiteral("loss")));
        // The picker reads as words, not stored keys ("final.dacl.loss").
        auto* picker = panel->findChild<QComboBox*>(QStringLiteral("metricPicker"));
        QVERIFY(picker);
        QVERIFY(picker->findText(QStringLiteral("Contrastive loss of the encoder (final model)")) >= 0);
        QVERIFY(picker->findText(QStringLiteral("final.dacl.loss")) < 0);
        panel->setMetric(QStringLiteral("val_auroc"));
        QCustomPlot* plot = panel->curvesPlot();
        QCOMPARE(plot->graphCount(), 2);
        for (int g = 0; g < 2; ++g) {
            QCPGraph* graph = plot->graph(g);
            QCOMPARE(graph->dataCount(), 4);
            const bool isA = graph->name().startsWith(QString::number(a_) + QStringLiteral(" "));
            for (int e = 0; e < 4; ++e) {
                const double expected = isA ? 0.5 + 0.1 * e + 0.005 : 0.5 + 0.05 * e;
                QVERIFY(std::abs(graph->data()->at(e)->value - expected) < 1e-9);
            }
        }
        panel->setShowFolds(true);
        QCOMPARE(plot->graphCount(), 4);
        QStringList names;  // folds 1 and 2 of each run (stored as 0 and 1)
        for (int g = 0; g < plot->graphCount(); ++g) names << plot->graph(g)->name().section(QStringLiteral(", "), -1);
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("fold 1"), QStringLiteral("fold 1"), QStringLiteral("fold 2"), QStringLiteral("fold 2")}));
    }

    void runWrittenByAnotherThreadAppearsAndSelectionSurvives() {
        // Enough runs to scroll.
        {
            ResultsStore st(path_.toStdString());
            for (int i = 0; i < 60; ++i) addRun(st, "filler " + std::to_string(i), "af_vs_rest", "{}", RunStatus::Finished, 0.6);
        }
        RunsView view;
        view.resize(900, 500);
        view.show();
        view.setResultsFile(path_);
        QTRY_COMPARE(view.model()->rowCount(), 64);
        view.table()->sortByColumn(RunsModel::Id, Qt::AscendingOrder);
        view.selectRuns({b_});
        QScrollBar* bar = view.table()->verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > 10);
        bar->setValue(bar->maximum() / 2);
        const int scroll = bar->value();

        std::int64_t written = 0;
        std::thread writer([&] {
            ResultsStore own(path_.toStdString());  // the writer's own connection
            written = addRun(own, "written live", "af_vs_rest", "{}", RunStatus::Running, std::nullopt);
            own.addMetric(written, {0, 0, std::nullopt, "val_auroc", 0.6});
        });
        writer.join();
        QTRY_VERIFY_WITH_TIMEOUT(view.visibleRunIds().contains(written), 5000);
        QCOMPARE(view.model()->rowCount(), 65);
        QCOMPARE(view.selectedRunIds(), QList<qint64>{b_});
        QCOMPARE(view.currentRunId(), static_cast<qint64>(b_));
        QCOMPARE(bar->value(), scroll);

        // A change to an existing run (finished, with AUROC) shows up in place.
        {
            ResultsStore own(path_.toStdString());
            own.endRun(written, RunStatus::Finished);
            own.setFinalMetric(written, {metric::kAuroc, 0.8, 0, 0.75, 0.85});
        }
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->index(view.model()->rowIndexOf(written), 0).data(RunsModel::StatusRole).toString(),
                                  QStringLiteral("finished"), 5000);
        QCOMPARE(view.selectedRunIds(), QList<qint64>{b_});
    }

    void missingFileIsAnEmptyStateNotAnErrorNorCreated() {
        // Before the first training job there is no results file: no runs yet, not an error.
        RunsView view;
        view.setPollInterval(50);
        QSignalSpy errors(&view, &RunsView::errorOccurred);
        QSignalSpy refreshed(&view, &RunsView::refreshed);
        const QString missing = dir_.filePath(QStringLiteral("missing.sqlite"));
        view.setResultsFile(missing);
        QTRY_VERIFY(refreshed.count() >= 3);
        QCOMPARE(errors.count(), 0);
        QVERIFY2(view.lastError().isEmpty(), qPrintable(view.lastError()));
        QVERIFY(view.emptyStateText().contains(QStringLiteral("No runs yet")));
        view.resize(1000, 600);
        view.grab().save(QDir::temp().filePath(QStringLiteral("dacl-runs-empty.png")));  // for a look
        QVERIFY(!QFileInfo::exists(missing));
        QCOMPARE(view.model()->rowCount(), 0);

        // The first job creates the file: its runs replace the empty state.
        QVERIFY(QFile::copy(path_, missing + QStringLiteral(".part")));  // appears whole, as SQLite's would
        QVERIFY(QFile::rename(missing + QStringLiteral(".part"), missing));
        QTRY_COMPARE(view.model()->rowCount(), 4);
        QVERIFY(view.emptyStateText().isEmpty());
        QCOMPARE(errors.count(), 0);
    }

    void corruptFileIsStillAnError() {
        const QString corrupt = dir_.filePath(QStringLiteral("corrupt.sqlite"));
        {
            QFile f(corrupt);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(4096, 'x'));  // not an SQLite file
        }
        RunsView view;
        QSignalSpy errors(&view, &RunsView::errorOccurred);
        view.setResultsFile(corrupt);
        QTRY_VERIFY(errors.count() >= 1);
        QVERIFY2(view.lastError().contains(QStringLiteral("corrupt.sqlite")), qPrintable(view.lastError()));
        QVERIFY(view.emptyStateText().isEmpty());
    }
};

QTEST_MAIN(TestRunsView)
#include "test_runs_view.moc"
