#pragma once
// The pooled Scattering-Transformer feature of every window of a set of records: the input of
// every method. Training uses all windows (hop window.train_hop); evaluation uses the windows on
// the evaluation grid (hop window.eval_hop), flagged in `eval`.
#include "core/common/progress.h"
#include "core/common/settings.h"
#include "core/data/dataset.h"
#include "core/features/feature_job.h"
#include "core/ml/row_view.h"

#include <memory>
#include <string>
#include <vector>

namespace dacl::ml {

struct WindowTable {
    RowView features;            // one row per window, read in place from `storage`
    std::shared_ptr<const RowStorage> storage;  // holds the rows: the feature cache's mapping, or a copy
    std::vector<int> record;     // dataset record index of each window
    std::vector<double> startS;  // window start in its record (s)
    std::vector<char> eval;      // 1 when the window lies on the evaluation grid

    // Rows of windows whose record is in `records` (a sorted list); evalOnly keeps grid windows.
    std::vector<std::size_t> rowsOf(const std::vector<int>& sortedRecords, bool evalOnly) const;
};

// Applied to a record's lead before preprocessing (noise corruption for robustness).
using SignalTransform = features::SignalTransform;

// Features of `records` (dataset indices), computed by the feature job (core/features): clean
// features are cached on disk under cacheDir, transformed ones are not. Records that cannot be
// read are skipped and reported through progress.log. evalOnly computes only the evaluation grid.
// Cached rows are memory-mapped (feature_cache.h), not copied.
WindowTable computeWindowTable(const Dataset& dataset, const std::vector<std::size_t>& records,
                               const Settings& settings, ProgressSink& progress,
                               const std::string& cacheDir, bool evalOnly = false,
                               const SignalTransform& transform = {});

// The table of a feature set (its arrays move).
WindowTable windowTableOf(features::FeatureSet&& set);

}  // namespace dacl::ml
