#pragma once
// What the desktop app has open, in one object that the views observe (the idea of Tiled's
// MapDocument): the dataset and its current record, the results file and its current run, with
// the run's model and out-of-fold predictions read on worker threads. MainWindow changes it and
// connects the views to its signals; nothing pushes the current record or run into views by hand.
#include "core/data/dataset.h"
#include "ui/loaders/latest_loader.h"
#include "ui/models/run_predictions.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace dacl::ml {
class RunModel;
}

namespace dacl::ui {

class StudioDocument : public QObject {
    Q_OBJECT
public:
    explicit StudioDocument(QObject* parent = nullptr);

    // The open dataset (none before one is opened). Replacing it first clears the current record
    // (recordChanged(nullptr, -1)), because views hold a pointer into the dataset.
    const std::optional<Dataset>& dataset() const { return dataset_; }
    void setDataset(Dataset dataset);

    int record() const { return record_; }  // index into dataset()->records(); -1: none
    void setRecord(int index);

    const QString& resultsFile() const { return resultsFile_; }
    void setResultsFile(const QString& path);  // the current run becomes -1

    qint64 run() const { return run_; }  // -1: none
    // Makes a run of the results file current and loads its model and predictions in the
    // background. `reload`: load them again although the run is already current (a resumed run
    // that has finished since).
    void setRun(qint64 runId, bool reload = false);
    const std::shared_ptr<const ml::RunModel>& runModel() const { return runModel_; }

Q_SIGNALS:
    void datasetChanged();
    void recordChanged(const dacl::Dataset* dataset, int record);  // (nullptr, -1): none
    void resultsFileChanged(const QString& path);
    // The model is dropped (runModelChanged(nullptr)) before the run changes.
    void runChanged(const QString& resultsFile, qint64 runId);
    // The current run's model once loaded (null when the run changes).
    void runModelChanged(const std::shared_ptr<const dacl::ml::RunModel>& model);
    void runModelFailed(qint64 runId, const QString& reason);
    // Out-of-fold test predictions of the current run by record, each with the fold that tested
    // it; empty when there is no run or the file cannot be read.
    void runPredictionsChanged(const dacl::ui::RunPredictions& predictions);

private:
    void loadRunModel(qint64 runId);
    void loadRunPredictions(qint64 runId);

    std::optional<Dataset> dataset_;
    int record_ = -1;
    QString resultsFile_;
    qint64 run_ = -1;
    std::shared_ptr<const ml::RunModel> runModel_;
    LatestLoader modelLoader_;        // the current run's model (only the latest run's arrives)
    LatestLoader predictionsLoader_;  // and its predictions
};

}  // namespace dacl::ui
