#pragma once
// The warnings a reader needs before trusting an assessment's number: the file was resampled,
// it is shorter than one model span, a lead is noisy, flat or not an ECG, or the lead is not the
// kind the run was trained on. Plain sentences, in the order a reader should weigh them.
#include "core/assess/assessment.h"

#include <string>
#include <vector>

namespace dacl::assess {

// "I", "II", "V1" ... of a label, or "" for a label that names no particular lead ("ECG",
// "EKG 1", "signal 1", ""). Case, spaces, '-' and an ECG/EKG/Lead/ML prefix are ignored.
std::string leadClass(const std::string& label);

// Whether a lead labelled `label` is of the kind the run was trained on. A training label that
// names no lead ("ECG", as PhysioNet 2017's single-lead AliveCor recordings) counts as lead I,
// what those devices record; an unknown training label ("") or a file label naming no lead
// cannot be judged and counts as seen.
bool leadSeenInTraining(const std::string& label, const std::string& trainedLabel);

struct WarningInputs {
    double spanS = 10;              // the model's span (probability over time / pooled window)
    int trainedLead = 0;
    std::string trainedLeadLabel;   // "" = unknown
};

// Fills a.warnings from a's leads, duration and model rate.
void addWarnings(Assessment& a, const WarningInputs& in);

}  // namespace dacl::assess
