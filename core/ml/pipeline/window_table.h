#pragma once
// The pooled Scattering-Transformer feature of every window of a set of records: the input of
// every method. Training uses all windows (hop window.train_hop); evaluation uses the windows on
// the evaluation grid (hop window.eval_hop), flagged in `eval`.
#include "core/common/progress.h"
#include "core/common/settings.h"
#include "core/data/dataset.h"
#include "core/ml/matrix.h"

#include <functional>
#include <string>
#include <vector>

namespace dacl::ml {

struct WindowTable {
    Matrix features;             // one row per window
    std::vector<int> record;     // dataset record index of each window
    std::vector<double> startS;  // window start in its record (s)
    std::vector<char> eval;      // 1 when the window lies on the evaluation grid

    // Rows of windows whose record is in `records` (a sorted list); evalOnly keeps grid windows.
    std::vector<std::size_t> rowsOf(const std::vector<int>& sortedRecords, bool evalOnly) const;
};

// Applied to a record's chosen lead (in its own units and rate) before preprocessing: used to
// corrupt test records with noise. Empty = the record as recorded.
using SignalTransform = std::function<std::vector<double>(const std::vector<double>& lead, double fs,
                                                          std::size_t recordIndex)>;

// Features of `records` (dataset indices). Clean features are cached on disk under cacheDir
// (keyed by the data fingerprint and every feature setting); transformed ones are not.
// Records that cannot be read are skipped and reported through progress.log.
WindowTable computeWindowTable(const Dataset& dataset, const std::vector<std::size_t>& records,
                               const Settings& settings, ProgressSink& progress,
                               const std::string& cacheDir, bool evalOnly = false,
                               const SignalTransform& transform = {});

}  // namespace dacl::ml
