#pragma once
// The current run's out-of-fold test predictions as the Dataset table shows them: for each tested
// record its probability, fold, true and predicted class, and the task that names the classes.
#include "core/store/results_store.h"

#include <QHash>
#include <QMetaType>
#include <QString>

#include <cstdint>
#include <limits>
#include <optional>

namespace dacl::ui {

struct RecordPrediction {
    double probability = 0;        // of the run's positive class (challenge4: AF)
    int fold = 0;                  // as stored: 0-based (shown 1-based)
    int label = 0;                 // true task label
    std::optional<int> predicted;  // predicted task label; nullopt when the run stored none
    double threshold = std::numeric_limits<double>::quiet_NaN();  // the fold's (binary tasks)
};

struct RunPredictions {
    QHash<QString, RecordPrediction> byRecord;  // empty: no run
    QString task;                               // names the labels ("af_vs_rest", …)
};

// Each tested record once, with the fold that tested it. Throws StoreError for an unknown run.
RunPredictions readRunPredictions(store::ResultsStore& store, std::int64_t runId);

}  // namespace dacl::ui

Q_DECLARE_METATYPE(dacl::ui::RunPredictions)
