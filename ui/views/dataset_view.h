#pragma once
// Dataset view: the sortable, filterable table of records with class counts and search.
// Selecting a row makes that record the current record everywhere (currentRecordChanged).
#include "core/data/dataset.h"

#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QComboBox;
class QTableView;
class QSortFilterProxyModel;

namespace dacl::ui {

class RecordTableModel;

class DatasetView : public QWidget {
    Q_OBJECT
public:
    explicit DatasetView(QWidget* parent = nullptr);

    void setDataset(std::optional<Dataset> dataset);
    QTableView* table() const { return table_; }
    int visibleRecordCount() const;
    QString countsText() const;

    // Filters shown rows: label letter ("" = all) and record-id substring.
    void setClassFilter(const QString& label);
    void setSearchText(const QString& text);

Q_SIGNALS:
    // Index into Dataset::records(), or -1 when nothing is selected.
    void currentRecordChanged(int recordIndex);

private:
    void applyFilter();

    RecordTableModel* model_;
    QSortFilterProxyModel* proxy_;
    QTableView* table_;
    QLabel* counts_;
    QLineEdit* search_;
    QComboBox* classFilter_;
};

}  // namespace dacl::ui
