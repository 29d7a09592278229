#pragma once
// Dataset view: the sortable, filterable table of records with class counts and search.
// Selecting a row makes that record the current record everywhere (currentRecordChanged).
#include "core/data/dataset.h"
#include "ui/models/run_predictions.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QProgressBar;
class QLineEdit;
class QComboBox;
class QTableView;
class QSortFilterProxyModel;

namespace dacl::ui {

class RecordHeartRates;
class RecordTableModel;

class DatasetView : public QWidget {
    Q_OBJECT
public:
    explicit DatasetView(QWidget* parent = nullptr);

    // Also starts computing every record's heart rate in the background (cancelling the
    // previous dataset's computation); the column shows "…" until a record's rate is known.
    void setDataset(std::optional<Dataset> dataset);
    QTableView* table() const { return table_; }
    RecordTableModel* model() const { return model_; }
    // The current run's test predictions (fold and prediction columns); empty: no run.
    void setRunPredictions(const RunPredictions& predictions);
    bool heartRatesComplete() const;
    int visibleRecordCount() const;
    QString countsText() const;

    // Filters shown rows: label letter ("" = all) and record-id substring.
    void setClassFilter(const QString& label);
    void setSearchText(const QString& text);
    // Shows only these record ids (e.g. a rectangle selection in the embedding view); {} = all.
    void setRecordSubset(const QStringList& records);
    // Selects the row of this record id (it becomes the current record); false if not shown.
    bool selectRecord(const QString& record);

Q_SIGNALS:
    // Index into Dataset::records(), or -1 when nothing is selected.
    void currentRecordChanged(int recordIndex);
    void heartRatesFinished();

private:
    void applyFilter();
    void fitColumns(int first, int last);

    RecordTableModel* model_;
    QSortFilterProxyModel* proxy_;
    QTableView* table_;
    QLabel* counts_;
    QPushButton* subsetNote_;
    QLineEdit* search_;
    QComboBox* classFilter_;
    QProgressBar* heartRateProgress_;
    RecordHeartRates* heartRates_;
};

}  // namespace dacl::ui
