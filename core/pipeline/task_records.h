#pragma once
// Which records a run learns from: the dataset's records that have a label of the run's task,
// restricted to the classes and record names asked for (a saved record list), then reduced to a
// stratified subset of `limit` records when asked. The folds are drawn from these.
#include "core/pipeline/pipeline.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dacl {
class Dataset;
}

namespace dacl::ml {

struct TaskRecords {
    std::vector<int> recordLabel;  // the task's class per dataset index; -1 for records left out
    std::size_t count = 0;         // records with a class
};

// Stratum of a record for stratified splits: the code of its class letter (N, A, O, other).
int stratumOf(const std::string& label);

// Throws std::runtime_error naming the dataset when names of the list are not in it, or when
// fewer than 10 records remain.
TaskRecords selectTaskRecords(const Dataset& dataset, const PipelineRequest& req, std::uint64_t seed);

}  // namespace dacl::ml
