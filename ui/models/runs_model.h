#pragma once
// Table model of the runs in a results file, refreshed in place from snapshots (read on a worker
// thread) so that selection and scroll position survive live updates.
#include "core/store/results_store.h"
#include "ui/report/run_dataset.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

namespace dacl::ui {

// One run as the runs view shows it: the stored run plus what the table derives from it.
struct RunRow {
    store::RunInfo info;
    std::optional<store::FinalMetric> auroc;
    QString method;       // "dacl" or the baseline's name
    QString keySettings;  // settings that differ from the defaults, plus folds and limit
    QDateTime started;    // started_at, or created_at for a run that never started
    QDateTime finished;
    RunDataset dataset;   // where its records came from

    bool sameAs(const RunRow& other) const;
};

// Reads every run and its AUROC (runs on the store's thread).
std::vector<RunRow> loadRunRows(store::ResultsStore& store);

// "2026-01-31T12:00:00Z" → UTC QDateTime (invalid for "").
QDateTime parseStoreTime(const std::string& iso);
// "0.912 [0.871, 0.948]" in the locale of the user ("0,912 [0,871; 0,948]" in German), or "–".
QString formatAuroc(const std::optional<store::FinalMetric>& auroc);
// Settings of a run that differ from the defaults (and folds/limit of its request), "k=v, …".
QString keySettingsOf(const store::RunInfo& run);

class RunsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // The AUROC before the long settings text, which takes what width is left: at 1280 px the
    // headline result is on screen without scrolling.
    enum Column { Id, Name, Status, Started, Finished, Dataset, Records, Task, Method, Auroc, Settings, ColumnCount };
    enum Role { SortRole = Qt::UserRole, RunIdRole, StatusRole };

    explicit RunsModel(QObject* parent = nullptr);

    // Applies a snapshot: rows of runs that are gone are removed, changed rows updated in place,
    // new runs appended. Returns true when anything changed.
    bool update(std::vector<RunRow> rows);
    void clear();

    const std::vector<RunRow>& rows() const { return rows_; }
    const RunRow* rowOf(qint64 runId) const;
    int rowIndexOf(qint64 runId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    // Editing the name cell shows the new name at once and asks for it to be stored.
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;

Q_SIGNALS:
    void renameRequested(qint64 runId, const QString& name);

private:
    std::vector<RunRow> rows_;
};

}  // namespace dacl::ui
