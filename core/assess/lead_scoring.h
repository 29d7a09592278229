#pragma once
// One recording through a run's final model, lead by lead, and the one rule that combines the
// leads: what `dacl predict` writes per record and what the single-recording assessment shows.
// One implementation, so that the CLI's summary and the Assessment panel can never disagree.
// Torch-free (run_model.h is the torch-free face of the model).
#include "core/data/recording.h"
#include "core/dsp/signal_quality.h"
#include "core/pipeline/run_model.h"

#include <string>
#include <vector>

namespace dacl::assess {

// The rule of the combined row, in words (the Assessment shows it; predict's header documents it).
inline constexpr const char* kCombinedRule = "mean of the leads' p";

struct ScoredLead {
    int index = 0;                    // 0-based signal index in the file
    ml::RecordPrediction prediction;  // the record score, classes and the probability over time
    dsp::SignalQuality quality;       // a flat, noisy or non-ECG lead is flagged
};

// The leads to score: `lead` (>= 0) alone, else every ECG-labelled signal (an EDF file's EEG,
// respiration or SpO2 signals are not scored; see lead_choice.h). Throws InputError naming
// `file` when the record has no samples or no such lead.
std::vector<std::size_t> leadsToScore(const Recording& rec, int lead, const std::string& file);

// Each lead through the model at its own rate (an EDF lead whose rate differs goes alone) with its
// signal quality. Exceptions of the model (e.g. std::invalid_argument) pass through.
std::vector<ScoredLead> scoreLeads(const ml::RunModel& model, const Recording& rec, const std::vector<std::size_t>& leads);

struct CombinedScore {
    double score = 0;                 // mean of the leads' record scores
    std::vector<double> classMean;    // mean of the leads' class means (challenge4)
    int predicted = 0;                // binary: score >= threshold; challenge4: arg-max of classMean
    std::size_t spans = 0;            // spans of every lead together
    const dsp::SignalQuality* flagged = nullptr;  // the first lead that is not ok (nullptr: all ok)
};

// The combined answer of several leads (also defined for one lead: that lead's own values).
// Throws std::invalid_argument for no leads.
CombinedScore combineLeads(const ml::RunModel& model, const std::vector<ScoredLead>& leads);

}  // namespace dacl::assess
