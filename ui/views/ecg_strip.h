#pragma once
// What the ECG view shows for one record and lead, computed off the GUI thread: the lead in mV,
// its 0.5–40 Hz band-passed copy, core's R peaks, and the evaluation windows the method cuts
// (same preprocessing and window rule as the feature job, so window k here is window k
// everywhere). Plain C++ (no widgets), so it runs in QtConcurrent and tests can call it.
#include "core/data/dataset.h"
#include "core/features/feature_job.h"

#include <cstddef>
#include <string>
#include <vector>

namespace dacl::ui {

struct EcgStrip {
    int recordIndex = -1;
    int lead = 0;
    std::string name;
    std::string label;
    double fs = 0;                          // the record's own rate (samples shown at i / fs)
    std::vector<std::string> leadNames;     // one per signal of the record
    std::vector<double> millivolts;         // the lead in mV, as recorded
    std::vector<double> filtered;           // zero-phase band-pass of `millivolts` (mV)
    std::vector<long> rPeaks;               // sample indices, core's detector on the raw lead
    double heartRateBpm = 0;                // 60 / median RR (0 with fewer than two peaks)
    std::vector<double> windowStartS;       // evaluation windows (seconds in the record)
    double windowLengthS = 0;               // N / target rate
    std::string error;                      // non-empty: nothing else is valid
    std::string errorFile;
};

// Factor turning the unit string of a WFDB signal into mV (1 for "mV", 1e-3 for "uV"/"µV",
// 1000 for "V"); 0 when the unit is not a voltage.
double millivoltsPerUnit(const std::string& units);

// Evaluation-window start times of a record (seconds), exactly as computeFeatures() cuts the
// record on the evaluation grid (hop settings.evalHop, or N when it is 0).
std::vector<double> evaluationWindowStarts(const std::vector<double>& lead, double fs,
                                           const features::FeatureSettings& settings);

// Never throws: failures come back in `error` / `errorFile`.
EcgStrip loadEcgStrip(const Dataset& dataset, std::size_t recordIndex, int lead,
                      const features::FeatureSettings& settings);

}  // namespace dacl::ui
