#pragma once
// Table model over the records of a dataset: what the Dataset view shows and sorts.
// Heart rates arrive later (computed in the background); fold and prediction come from the
// current run. Qt::UserRole holds the sort key (numbers as numbers, unknown as invalid).
#include "core/data/dataset.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QVector>

#include <optional>
#include <vector>

namespace dacl::ui {

class RecordTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Label, Duration, SamplingRate, HeartRate, Fold, Prediction, ColumnCount };

    explicit RecordTableModel(QObject* parent = nullptr);

    // Resets heart rates to "not yet known" and keeps the run's values (matched by record name).
    void setDataset(std::optional<Dataset> dataset);
    const std::optional<Dataset>& dataset() const { return dataset_; }

    // NaN: not computable (unreadable record or fewer than two beats).
    void setHeartRates(const QVector<int>& records, const QVector<double>& bpm);
    // NaN while not yet known or when not computable; see heartRateKnown().
    double heartRate(int record) const;
    bool heartRateKnown(int record) const;

    // Probability (of the run's positive class) and fold per record name; empty: no run.
    void setRunPredictions(const QHash<QString, double>& probabilityByRecord,
                           const QHash<QString, int>& foldByRecord);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::optional<Dataset> dataset_;
    std::vector<double> heartRate_;
    std::vector<char> heartRateKnown_;
    QHash<QString, double> probability_;
    QHash<QString, int> fold_;
};

}  // namespace dacl::ui
