#pragma once
// Record preprocessing (method.md §1): resample to one rate, zero-phase band-pass, robust
// standardisation, and cutting into windows that remember where they came from.
#include <algorithm>
#include <string>
#include <vector>

namespace dacl::dsp {

// Every field is a user setting stored with each run.
struct PreprocessSettings {
    double targetFs = 300;      // Hz; band-limited resampling (resample.h)
    double lowHz = 0.5;         // band-pass edges (Hz); lowHz <= 0 disables the high-pass,
    double highHz = 40;         // highHz >= targetFs/2 disables the low-pass
    int filterOrder = 4;        // Butterworth prototype order; zero-phase doubles its effect
    bool robustStandardise = true;
    int lead = 0;               // which signal of a multi-lead record (used by callers)
};

enum class PadMode {
    Zero,     // append zeros (the isoelectric level after standardisation): no invented beats
    Reflect,  // mirror the record at its end (x[n-2], x[n-3], ...; repeats if still short)
};

struct WindowSettings {
    int samples = 3072;         // N (10.24 s at 300 Hz)
    PadMode pad = PadMode::Zero;
};

struct Window {
    std::string record;         // record id
    double startS = 0;          // start time in the record (s)
    std::vector<float> samples; // exactly N samples
};

// Resample -> band-pass -> (optional) robust standardisation. Non-finite input samples are
// replaced by the last finite value before them (0 at the start) so that one bad sample
// does not poison the filters. Throws std::invalid_argument for fs <= 0 or bad settings.
std::vector<double> preprocess(const std::vector<double>& lead, double fs,
                               const PreprocessSettings& settings = {});

// Zero-phase Butterworth band-pass as configured in `settings`, at rate fs.
std::vector<double> bandpass(const std::vector<double>& x, double fs, const PreprocessSettings& settings);

// (x − median) / (1.4826·MAD): the scale equals the standard deviation for Gaussian data
// but ignores the few huge artefacts that ECG records contain. If MAD is 0 (e.g. a mostly
// flat record) the standard deviation is used instead; if that is 0 too the result is
// x − median (all zeros).
std::vector<double> robustStandardise(const std::vector<double>& x);
double median(std::vector<double> v);  // of a copy; 0 for an empty vector

// Hop between window starts: N/2 for training, N for evaluation (method.md §1).
inline int windowHop(int windowSamples, bool training) {
    return training ? std::max(1, windowSamples / 2) : windowSamples;
}

// Windows of `settings.samples` samples starting at 0, hop, 2·hop, ... . So that the end of
// the record is not lost, when the last regular window stops short of the end one more
// window is added that ends exactly at the record end (it overlaps its predecessor more
// than `hop`). A record shorter than N gives one window starting at 0, padded at the end
// per `settings.pad`. An empty record gives no window. Throws std::invalid_argument for
// samples < 1, hop < 1 or fs <= 0.
std::vector<Window> makeWindows(const std::string& record, const std::vector<double>& x, double fs,
                                int hop, const WindowSettings& settings = {});

// makeWindows()'s rule on its own, for every span grid of the project (sequence spans, the
// probability over time, the ECG view's window marks): the starts of windows of `length`
// samples in n samples. n <= length gives {0}. length and hop must be >= 1.
std::vector<long> windowStarts(long n, long length, long hop);

}  // namespace dacl::dsp
