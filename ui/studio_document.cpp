#include "ui/studio_document.h"

#include "core/pipeline/run_model.h"
#include "core/store/results_store.h"
#include "ui/loaders/thread_pools.h"


namespace dacl::ui {

namespace {

struct ModelLoad {
    std::shared_ptr<const ml::RunModel> model;
    QString error;
};

}  // namespace

StudioDocument::StudioDocument(QObject* parent) : QObject(parent), modelLoader_(this, backgroundThreadPool()), predictionsLoader_(this, backgroundThreadPool()) {}

void StudioDocument::setDataset(Dataset dataset) {
    setRecord(-1);  // views let go of their pointer into the old dataset first
    dataset_ = std::move(dataset);
    Q_EMIT datasetChanged();
}

void StudioDocument::setRecord(int index) {
    const bool valid = dataset_ && index >= 0 && index < static_cast<int>(dataset_->records().size());
    const int record = valid ? index : -1;
    if (record == record_) return;
    record_ = record;
    Q_EMIT recordChanged(valid ? &*dataset_ : nullptr, record_);
}

void StudioDocument::setResultsFile(const QString& path) {
    resultsFile_ = path;  // announced even when unchanged: the first call sets up the views
    Q_EMIT resultsFileChanged(path);
    setRun(-1);
}

void StudioDocument::setRun(qint64 runId, bool reload) {
    if (runId <= 0) runId = -1;
    if (runId == run_ && !reload) return;
    run_ = runId;
    runModel_.reset();
    modelLoader_.drop();
    predictionsLoader_.drop();
    Q_EMIT runModelChanged(nullptr);
    Q_EMIT runChanged(resultsFile_, run_);
    if (run_ <= 0) {
        Q_EMIT runPredictionsChanged({});
        return;
    }
    loadRunPredictions(run_);
    loadRunModel(run_);
}

void StudioDocument::loadRunModel(qint64 runId) {
    modelLoader_.start(
        [db = resultsFile_.toStdString(), runId]() -> ModelLoad {
            try {
                return {std::make_shared<const ml::RunModel>(ml::RunModel::load(db, runId)), {}};
            } catch (const std::exception& e) {
                return {nullptr, QString::fromStdString(e.what())};
            }
        },
        [this, runId](const ModelLoad& r) {
            if (!r.model) {
                Q_EMIT runModelFailed(runId, r.error);
                return;
            }
            runModel_ = r.model;
            Q_EMIT runModelChanged(runModel_);
        });
}

void StudioDocument::loadRunPredictions(qint64 runId) {
    predictionsLoader_.start(
        [db = resultsFile_.toStdString(), runId] {
            RunPredictions out;
            try {
                store::OpenOptions options;
                options.create = false;
                store::ResultsStore store(db, options);
                out = readRunPredictions(store, runId);
            } catch (const std::exception&) {
                // No predictions to show (the runs view reports unreadable files).
            }
            return out;
        },
        [this](const RunPredictions& p) { Q_EMIT runPredictionsChanged(p); });
}

}  // namespace dacl::ui
