#pragma once
// Single-recording assessment: one file, one run's model -> p(AF) per lead and combined,
// probability over time, RR rhythm figures, the run's validation threshold, and warnings a reader needs
// before trusting the number. Shared by the GUI Assessment panel, `dacl assess` and `dacl report`.
// Torch-free and Qt-free header: the implementation lives in dacl_ml.
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "core/common/progress.h"

namespace dacl::assess {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Probability over time, fused per span as `dacl predict` does.
struct SpanProbability {
    double startS = 0, endS = 0, p = 0;
};

struct LeadResult {
    int index = -1;
    std::string name;
    double fileFsHz = 0;                  // the lead's own rate in the file
    double pAf = 0;                       // record-level p(AF) of this lead
    bool fused = false;                   // pAf includes the run's RR-interval booster
    std::string quality, qualityReason;   // dsp/signal_quality verdict ("ok", "flat", "noise", "not_ecg" ...)
    std::vector<SpanProbability> spans;
    bool seenInTraining = true;           // lead name/label class the run was trained on
};

// From the lead used for rhythm (the first scored ECG lead).
struct RhythmFigures {
    std::string lead;
    std::vector<double> rPeakS;
    std::vector<double> rrS;              // RR tachogram: rrS[i] ends at rPeakS[i+1]
    int beats = 0;
    double heartRateBpm = kNaN, rmssdMs = kNaN, pnn50 = kNaN, sampleEntropy = kNaN;
    // Coherent share of the energy before each QRS (dsp/atrial_features.h): near 1 when one P wave
    // precedes every beat, near 0 without P waves (AF).
    double pWaveCoherence = kNaN;
};

struct RunProvenance {
    long long runId = 0;
    std::string name, task, createdAt, version, settingsDigest, chosenHow;
    double runAuroc = kNaN;
};

struct Assessment {
    std::string file, recordName, format;  // format: "WFDB", "MAT", "EDF+", "BDF", "CSV"
    std::vector<std::pair<std::string, std::string>> headerFields;  // patient/recording fields, in file order
    double durationS = 0;
    double modelFsHz = 300;
    std::vector<LeadResult> leads;         // leads scored
    double combinedPAf = kNaN;
    std::string combinedRule;              // the same rule as `dacl predict` (one rule, in core)
    RhythmFigures rhythm;
    double threshold = kNaN, sensitivity = kNaN, specificity = kNaN;  // the run's validation threshold and its sens/spec
    std::string thresholdHow;              // where threshold, sensitivity and specificity come from, in words
    bool positive = false;                 // combinedPAf >= threshold
    RunProvenance run;
    // e.g. "resampled from 200 Hz to 300 Hz", "record (6.2 s) is shorter than the model's span (10 s)",
    // "lead II: much noise (signal quality: ...)", "lead 'V1' was not seen in training (trained on lead 0 'I')"
    std::vector<std::string> warnings;
};

struct AssessOptions {
    std::string resultsFile;
    long long runId = 0;                   // 0 = best finished run of `task` (run.chosenHow says so)
    std::string task = "af_vs_rest";
    std::string lead;                      // "" = every ECG-like lead; else name or index
    std::vector<std::pair<std::string, std::string>> predictSettings;  // predict.* overrides as `--set`
    int threads = 0;                       // feature threads and, when > 0, LibTorch's (0: every core, LibTorch as configured)
};

// "key=value" texts as `--set` gives them, as AssessOptions::predictSettings; std::invalid_argument
// naming the text when it has no '=' or no key.
std::vector<std::pair<std::string, std::string>> settingPairs(const std::vector<std::string>& assignments);

// Throws InputError (file + reason) for unreadable input, std::runtime_error for a missing/unsuitable run.
// Progress and cancellation via core/common/progress.h (ProgressSink*), may be null.
// Thread-safe to call on a worker thread.
Assessment assessRecording(const std::string& file, const AssessOptions& options, ProgressSink* progress);

}  // namespace dacl::assess
