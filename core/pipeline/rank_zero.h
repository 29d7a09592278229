#pragma once
// Decisions that every rank of a distributed run must share. Rank 0 alone holds the results file
// (the others keep private ones), so it decides what a run does and the others follow: they must
// make the same collective calls in the same order.
#include "core/ml/distributed.h"

#include <nlohmann/json.hpp>

#include <functional>

namespace dacl::ml {

// Rank 0's `decide()` on every rank (the others do not call it). Should rank 0's decide() throw,
// the others throw a runtime_error with its message too, instead of waiting for an answer that
// never comes; rank 0 rethrows its own error.
nlohmann::json decidedByRankZero(DistributedGroup& group, const std::function<nlohmann::json()>& decide);

}  // namespace dacl::ml
