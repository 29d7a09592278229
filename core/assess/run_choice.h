#pragma once
// Which run's model assesses a recording, and what the reader of a result must know about it:
// provenance (name, date, version, settings digest), the validation threshold with its
// sensitivity and specificity, and the lead the run was trained on. Torch-free; reads the store only.
#include "core/assess/assessment.h"

#include <string>

namespace dacl::assess {

// runId > 0: that run. 0: the best finished run of `task` that has a final model: the highest
// stored AUROC (final_metrics "auroc", the cross-validated mean), ties to the newer run.
// Throws std::runtime_error naming the file when there is none.
RunProvenance chooseRun(const std::string& resultsFile, long long runId, const std::string& task);

struct RunFacts {
    RunProvenance provenance;              // chosenHow as given by chooseRun
    double threshold = kNaN;               // final model: Youden threshold on its validation records
    double sensitivity = kNaN, specificity = kNaN;
    std::string thresholdHow;              // where the three numbers come from, in words
    int trainedLead = 0;                   // data.lead of the run
    std::string trainedLeadLabel;          // that lead's label in the training data ("" = unknown)
};

// Reads the facts of run `provenance.runId` (the rest of `provenance` is filled in).
RunFacts runFacts(const std::string& resultsFile, RunProvenance provenance);

}  // namespace dacl::assess
