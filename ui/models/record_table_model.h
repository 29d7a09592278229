#pragma once
// Table model over the records of a dataset: what the Dataset view shows and sorts.
// Heart rates arrive later (computed in the background); fold and prediction come from the
// current run. Qt::UserRole holds the sort key (numbers as numbers, unknown as invalid).
// Folds are stored 0-based and shown 1-based, as everywhere in the app.
#include "core/data/dataset.h"
#include "ui/models/run_predictions.h"

#include <QAbstractTableModel>
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

    // The current run's test predictions by record name; empty: no run. The prediction cell
    // reads "AF · 0.87 ✓": predicted class, probability of the positive class, right or wrong.
    void setRunPredictions(const RunPredictions& predictions);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const RecordPrediction* predictionOf(const QString& record) const;
    QString className(int label) const;  // short name of a task label ("AF", "non-AF")
    QString predictionText(const RecordPrediction& p) const;
    QString predictionToolTip(const RecordPrediction& p) const;

    std::optional<Dataset> dataset_;
    std::vector<double> heartRate_;
    std::vector<char> heartRateKnown_;
    RunPredictions predictions_;
};

}  // namespace dacl::ui
