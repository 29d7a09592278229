#pragma once
// Table model over the records of a dataset: what the Dataset view shows and sorts.
#include "core/data/dataset.h"

#include <QAbstractTableModel>

#include <optional>

namespace dacl::ui {

class RecordTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Label, Duration, SamplingRate, ColumnCount };

    explicit RecordTableModel(QObject* parent = nullptr);

    void setDataset(std::optional<Dataset> dataset);
    const std::optional<Dataset>& dataset() const { return dataset_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::optional<Dataset> dataset_;
};

}  // namespace dacl::ui
