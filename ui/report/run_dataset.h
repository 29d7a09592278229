#pragma once
// The dataset a run learned from, read once from what the run stored (settings JSON "dataset",
// written since runs record their provenance; older runs have only their request's "data", as it
// was given). The Runs table, the window's context line and the run report all read it here.
#include "core/store/results_store.h"

#include <QString>

#include <string>

namespace dacl::ui {

struct RunDataset {
    QString name;            // folder (or file) name; empty when unknown
    QString path;            // the recorded absolute path, else the request's folder as given
    QString requestPath;     // the request's "data" as given ("" when the run does not say)
    bool recorded = false;   // `path` is the absolute path recorded with the run
    qint64 records = -1;     // records the folder held; -1 unknown
    qint64 taskRecords = -1; // of those, used by the run's task (after any limit); -1 unknown
    QString fingerprint;     // of the records' contents (data_fingerprint)
};
RunDataset runDatasetOf(const store::RunInfo& run);

// "physionet2017 (8,528 records, 1,000 used)" in the user's locale; "" when the run does not say.
QString describeRunDataset(const RunDataset& dataset);

}  // namespace dacl::ui
