#pragma once
// What the ECG view shows for one record and lead, computed off the GUI thread: the lead in mV,
// its 0.5–40 Hz band-passed copy, R peaks (core's robust detector), and the evaluation windows
// the method cuts (same preprocessing and window rule as the feature job, so window k here is
// window k everywhere); optionally every other voltage lead for the stacked display, min/max
// pyramids for drawing hours of signal, and the record's annotations. Plain C++ (no widgets),
// so it runs in QtConcurrent and tests can call it.
#include "core/data/dataset.h"
#include "core/dsp/min_max_decimation.h"
#include "core/features/feature_job.h"
#include "ui/views/ecg_annotations.h"

#include <cstddef>
#include <string>
#include <vector>

namespace dacl::ui {

// One row of the stacked display. The row of the strip's own lead keeps its samples in
// EcgStrip::millivolts / filtered (not copied twice); other rows hold theirs here.
struct EcgLeadRow {
    int lead = 0;
    std::string name;
    std::vector<double> millivolts, filtered;
    dsp::MinMaxPyramid pyramid, filteredPyramid;
    // Centre of the robust range (0.5 and 99.5 percentiles) and its width, raw and filtered:
    // the view centres each row on its own baseline and picks a gain at which all rows fit.
    // The median (the isoelectric line, where the calibration pulse starts) too.
    double centreMv = 0, spanMv = 0, medianMv = 0, filteredCentreMv = 0, filteredSpanMv = 0, filteredMedianMv = 0;
};

struct EcgStripOptions {
    bool allLeads = false;     // fill EcgStrip::rows with every voltage lead, pyramids included
    bool annotations = false;  // read `<record>.atr` beside the header into EcgStrip::annotations
};

struct EcgStrip {
    int recordIndex = -1;
    int lead = 0;
    std::string name;
    std::string label;
    double fs = 0;                          // the record's own rate (samples shown at i / fs)
    std::vector<std::string> leadNames;     // one per signal of the record
    std::vector<double> millivolts;         // the lead in mV, as recorded
    std::vector<double> filtered;           // zero-phase band-pass of `millivolts` (mV)
    dsp::MinMaxPyramid pyramid, filteredPyramid;  // of millivolts / filtered (options.allLeads)
    std::vector<long> rPeaks;               // sample indices, detectRPeaksRobust on the raw lead
    double heartRateBpm = 0;                // 60 / median RR (0 with fewer than two peaks)
    std::vector<double> windowStartS;       // evaluation windows (seconds in the record)
    double windowLengthS = 0;               // N / target rate
    std::vector<EcgLeadRow> rows;           // stacked rows in lead order (options.allLeads)
    std::vector<EcgAnnotation> annotations; // options.annotations
    std::string annotationError;            // a bad annotation file (the signal still shows)
    std::string error;                      // non-empty: nothing else is valid
    std::string errorFile;
};

// Factor turning the unit string of a WFDB signal into mV (1 for "mV", 1e-3 for "uV"/"µV",
// 1000 for "V"); 0 when the unit is not a voltage.
double millivoltsPerUnit(const std::string& units);

// Evaluation-window start times of a record (seconds), exactly as computeFeatures() cuts the
// record on the evaluation grid (hop settings.evalHop, or N when it is 0); from the record's
// length alone, without preprocessing it.
std::vector<double> evaluationWindowStarts(const std::vector<double>& lead, double fs,
                                           const features::FeatureSettings& settings);

// Centre and width of the 0.5–99.5 % range of `x`, and its median (from a subsample of at most
// ~1 M samples); all 0 without finite samples.
void robustRange(const std::vector<double>& x, double& centre, double& span, double& median);

// The samples of a row (the strip's own lead lives in the strip itself).
const std::vector<double>& rowSamples(const EcgStrip& strip, const EcgLeadRow& row, bool filtered);
const dsp::MinMaxPyramid& rowPyramid(const EcgStrip& strip, const EcgLeadRow& row, bool filtered);

// Never throws: failures come back in `error` / `errorFile`.
EcgStrip loadEcgStrip(const Dataset& dataset, std::size_t recordIndex, int lead,
                      const features::FeatureSettings& settings, const EcgStripOptions& options = {});

}  // namespace dacl::ui
