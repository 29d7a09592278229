#pragma once
// Which signal of a record is the ECG lead to analyse. EDF files from sleep labs and monitors
// mix ECG with EEG, respiration, SpO2 and others; all are listed, but the default is an ECG lead,
// preferring II, then I, MLII, V1..V6, other limb leads, then any label that says ECG/EKG.
// `data.lead` (an index) keeps working; `--lead NAME` looks a label up.
#include "core/data/recording.h"

#include <optional>
#include <string>
#include <vector>

namespace dacl {

// True when a label names an ECG lead ("II", "ECG II", "EKG", "V5", "MLII", "ECG1", "Lead I").
bool isEcgLabel(const std::string& label);

// True when a label names a known non-ECG signal (EEG, EOG, EMG, resp, SpO2, pleth, "EDF Annotations", ...).
bool isNonEcgLabel(const std::string& label);

// The index of the default lead among `labels`: the best-ranked ECG label; else the first signal
// not known to be something else; else 0. Also right for unlabelled records (0).
std::size_t defaultLeadIndex(const std::vector<std::string>& labels);
std::size_t defaultLead(const Recording& rec);

// Indices of every ECG-labelled signal, in file order; when none is labelled ECG, every signal not
// known to be something else; never empty for a non-empty list (falls back to the default).
std::vector<std::size_t> ecgLeadIndices(const std::vector<std::string>& labels);

// A signal by label, case-insensitive and ignoring spaces, '-' and an "ECG"/"EKG"/"Lead" prefix
// ("ii", "ECG II", "Lead II" all find "II"); nullopt when none matches.
std::optional<std::size_t> findLead(const std::vector<std::string>& labels, const std::string& name);

// The lead a job uses from `rec`: `requested` (data.lead, 0-based) when >= 0, else the default
// ECG lead. Throws std::invalid_argument naming the record when `requested` does not exist. Read
// that channel at rec.fsOf(lead), not rec.fs: EDF signals may have different rates.
std::size_t chooseLead(const Recording& rec, long requested);

// "--lead" text: a 0-based index ("0", "1") or a label. Throws std::invalid_argument naming the
// labels there are when it matches nothing.
std::size_t resolveLead(const std::vector<std::string>& labels, const std::string& nameOrIndex);

}  // namespace dacl
