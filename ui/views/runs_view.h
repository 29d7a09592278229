#pragma once
// Runs view: every run of one results file with status, dates, task, method, key settings and
// AUROC [95 % CI]; sort, filter, rename, delete, resume; two or more selected runs are compared
// (settings side by side, curves overlaid). The file is re-read about once a second on a worker
// thread, so runs written by a job in another thread or process appear live, and selection and
// scroll position survive each refresh.
#include "ui/loaders/latest_request.h"
#include "ui/models/runs_model.h"

#include <QDate>
#include <QList>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;

namespace dacl::ui {

class RunComparePanel;
class StoreThread;

class RunsView : public QWidget {
    Q_OBJECT
public:
    explicit RunsView(QWidget* parent = nullptr);
    ~RunsView() override;

    // Shows the runs of this results file (reads start at once, then every pollInterval()).
    // An empty path clears the view.
    void setResultsFile(const QString& path);
    QString resultsFile() const;
    void setPollInterval(int ms);
    int pollInterval() const;
    // Re-reads the file now (also what the timer does).
    void refresh();

    // ---- filters (what the filter bar sets) ----
    void setSearchText(const QString& text);       // name, id, task, method or settings
    void setStatusFilter(const QString& status);   // store spelling ("finished"…); "" = all
    void setTaskFilter(const QString& task);       // "" = all
    void setLastDays(int days);                    // started within the last N days; 0 = any time
    void setDateRange(const QDate& from, const QDate& to);  // inclusive, local dates
    void clearDateFilter();
    void setAurocMinimum(double minimum);          // 0 = no filter; runs without AUROC then hidden

    // ---- actions ----
    // Stores a new name (as editing the name cell does); the table follows the file.
    void renameRun(qint64 runId, const QString& name);
    // Deletes without asking (the Delete button asks once for all selected runs).
    void deleteRuns(const QList<qint64>& runIds);
    void deleteSelectedRuns();  // asks for confirmation
    // Emits resumeRequested for the selected run when it can be resumed.
    void resumeSelectedRun();
    static bool canResume(const store::RunInfo& run);

    // ---- state, for the window and for tests ----
    QList<qint64> visibleRunIds() const;  // in table order
    QList<qint64> selectedRunIds() const;
    void selectRuns(const QList<qint64>& runIds);
    qint64 currentRunId() const;          // -1 when none
    RunsModel* model() const { return model_; }
    QTableView* table() const { return table_; }
    RunComparePanel* comparePanel() const { return compare_; }
    QString lastError() const { return lastError_; }
    // The text shown instead of the table while the file has no runs (or does not exist yet:
    // nothing has been trained); empty while runs or an error are shown.
    QString emptyStateText() const;
    int refreshCount() const { return refreshes_; }

Q_SIGNALS:
    void currentRunChanged(qint64 runId);  // -1 when the selection becomes empty
    // Every selected run, in table order (e.g. for the ROC view, which overlays several runs).
    void selectedRunsChanged(const QList<qint64>& runIds);
    void resumeRequested(qint64 runId);
    // "Export report…" from the table's context menu.
    void reportRequested(qint64 runId);
    // After each snapshot of the file has been applied to the table.
    void refreshed();
    void errorOccurred(const QString& message);

private:
    void applyRows(std::vector<RunRow> rows);
    void applyFilter();
    void updateTaskChoices();
    void selectionChanged();
    void reportError(const QString& message);
    void clearActionError();
    void clearPollError();
    void showEmptyState(bool empty);

    StoreThread* store_;
    RunsModel* model_;
    QSortFilterProxyModel* proxy_;
    QTableView* table_;
    QStackedWidget* tableStack_;  // the table, or the empty state in its place
    QLabel* emptyState_;
    QTimer* timer_;
    QLineEdit* search_;
    QComboBox* status_;
    QComboBox* task_;
    QComboBox* dateMode_;
    QSpinBox* lastDays_;
    QDateEdit* from_;
    QDateEdit* to_;
    QDoubleSpinBox* aurocMin_;
    QPushButton* renameButton_;
    QPushButton* deleteButton_;
    QPushButton* resumeButton_;
    QLabel* summary_;
    QLabel* error_;
    QSplitter* split_;
    RunComparePanel* compare_;
    QLabel* compareHint_;

    QString path_;
    bool pollInFlight_ = false;
    bool pollError_ = false;
    int polls_ = 0;
    int refreshes_ = 0;
    LatestRequest requests_;  // results of reads for a previous file are ignored
    qint64 lastCurrent_ = -1;
    QList<qint64> lastSelected_;
    QString lastError_;
};

}  // namespace dacl::ui
