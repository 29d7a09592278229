#pragma once
// Final metrics of a run from its fold results (mean, std and the AUROC's 95 % bootstrap interval
// over the pooled out-of-fold test predictions), and the JSON summary that `dacl pipeline --json`
// prints and `dacl runs show` reuses.
#include "core/common/settings.h"
#include "core/store/results_store.h"

#include <nlohmann/json.hpp>

namespace dacl::ml {

void storeFinalMetrics(store::ResultsStore& db, std::int64_t runId, const Settings& settings);

nlohmann::json summarise(store::ResultsStore& db, std::int64_t runId);

}  // namespace dacl::ml
