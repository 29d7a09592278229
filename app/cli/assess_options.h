#pragma once
// The Assessment's options from the flags that `dacl assess`, `dacl bench assess` and
// `dacl report --input` share (--db, --run, --task, --lead, --set, --threads).
#include "core/assess/assessment.h"

#include <string>
#include <vector>

namespace dacl::cli {

inline assess::AssessOptions assessOptions(const std::string& db, long long run, const std::string& task,
                                           const std::string& lead, const std::vector<std::string>& settings,
                                           int threads = 0) {
    assess::AssessOptions o;
    o.resultsFile = db;
    o.runId = run;
    o.task = task;
    o.lead = lead;
    o.threads = threads;
    o.predictSettings = assess::settingPairs(settings);  // std::invalid_argument names a malformed --set
    return o;
}

}  // namespace dacl::cli
