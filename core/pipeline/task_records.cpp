#include "core/pipeline/task_records.h"

#include "core/data/dataset.h"
#include "core/eval/folds.h"
#include "core/eval/tasks.h"
#include "core/pipeline/model_settings.h"

#include <iterator>
#include <set>
#include <stdexcept>

namespace dacl::ml {

namespace {

constexpr std::uint64_t kSubsetPurpose = 3;  // the --limit subset's seed stream (fixed: runs resume)

}  // namespace

int stratumOf(const std::string& label) {
    if (label == "N") return eval::kClassN;
    if (label == "A") return eval::kClassA;
    if (label == "O") return eval::kClassO;
    return eval::kClassNoisy;
}

TaskRecords selectTaskRecords(const Dataset& dataset, const PipelineRequest& req, std::uint64_t seed) {
    TaskRecords out;
    out.recordLabel.assign(dataset.size(), -1);
    std::vector<std::size_t> candidates;
    std::vector<int> strata;
    const std::set<std::string> classes(req.classes.begin(), req.classes.end());
    const std::set<std::string> names(req.records.begin(), req.records.end());
    std::size_t named = 0;
    for (std::size_t i = 0; i < dataset.size(); ++i) {
        const RecordEntry& entry = dataset.records()[i];
        if (!names.empty() && !names.count(entry.name)) continue;
        ++named;
        if (!classes.empty() && !classes.count(entry.label)) continue;
        const auto label = eval::taskLabel(req.task, entry.label);
        if (!label) continue;
        out.recordLabel[i] = *label;
        candidates.push_back(i);
        strata.push_back(stratumOf(dataset.records()[i].label));
    }
    out.count = candidates.size();
    if (req.limit && *req.limit < candidates.size()) {
        const auto keep = eval::stratifiedSubset(strata, *req.limit, derivedSeed(seed, 0, kSubsetPurpose));
        std::vector<int> inTask(dataset.size(), -1);
        for (std::size_t k : keep) inTask[candidates[k]] = out.recordLabel[candidates[k]];
        out.recordLabel.swap(inTask);
        out.count = keep.size();
    }
    if (!names.empty() && named < names.size()) {
        // A saved list from another dataset (or a typo): say which names, rather than train on less.
        std::set<std::string> missing = names;
        for (const auto& entry : dataset.records()) missing.erase(entry.name);
        std::string some;
        for (auto it = missing.begin(); it != missing.end() && std::distance(missing.begin(), it) < 5; ++it)
            some += (some.empty() ? "" : ", ") + *it;
        throw std::runtime_error(req.dataDir + ": " + std::to_string(missing.size()) + " of the " + std::to_string(names.size()) +
                                 " records asked for are not in the dataset (" + some + (missing.size() > 5 ? ", …)" : ")"));
    }
    if (out.count < 10)
        throw std::runtime_error(req.dataDir + ": only " + std::to_string(out.count) + " labelled records for task " + req.task +
                                 (classes.empty() && names.empty() ? "" : " among the records and classes asked for"));
    return out;
}

}  // namespace dacl::ml
