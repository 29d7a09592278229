#pragma once
// Heart rate, RR tachogram and RR-irregularity figures of one lead, from the R peaks of the
// detector the model itself uses (dsp/robust_rpeaks.h on the lead prepared as the model prepares
// it) and the definitions of dsp/rr_features.h, so that the figures a clinician reads are the
// ones the rhythm booster saw. Torch-free.
#include "core/dsp/atrial_features.h"
#include "core/dsp/preprocess.h"
#include "core/assess/assessment.h"

#include <vector>

namespace dacl::assess {

// R peaks (seconds) of `lead` at `fs`, and the P and QRS windows of those beats: the lead
// resampled, band-passed and standardised by `prep` (the run's preprocess settings) once, then the
// robust detector. Empty for a record too short to tell.
struct ModelBeats {
    std::vector<double> peakS;
    dsp::BeatWindows windows;
};
ModelBeats modelBeats(const std::vector<double>& lead, double fs, const dsp::PreprocessSettings& prep);

// Figures from R peaks in seconds (ascending) on a grid of `fs` Hz: heart rate = 60 / median RR,
// RMSSD in ms, pNN50 as a fraction, sample entropy; NaN where rr_features.h leaves them undefined.
// The P-wave coherence comes from `beats`, the windows of those beats (NaN when there are none).
RhythmFigures rhythmFigures(const std::string& leadName, const std::vector<double>& peakS, double fs,
                            const dsp::BeatWindows& beats);

}  // namespace dacl::assess
