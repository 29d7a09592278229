#pragma once
// Atrial-activity features: is there one P wave before every QRS? AF is irregular RR intervals
// *and* no P waves (fibrillatory waves instead). RR features alone cannot tell AF from other
// irregular rhythms (sinus arrhythmia, frequent ectopic beats), which keep their P waves; most of
// the records that rank highest without being AF are such rhythms (BENCHMARKS, session 12).
//
// Per beat k (an R peak), two short windows of the preprocessed ECG, each minus its own mean:
//   P window   [R − 250 ms, R − 70 ms): where the P wave of a conducted beat lies,
//   QRS window [R − 50 ms, R + 50 ms].
// A beat takes part when both windows lie inside the signal and the RR interval before it is at
// least 300 ms (so the P window holds no part of the previous QRS). Over K such beats, with m
// the mean window and E the mean energy of a window, the coherent share of the energy is
//   coherence = (K·‖m‖² − E) / ((K − 1)·E),
// an unbiased estimate (in expectation independent of K) of ‖s‖² / (‖s‖² + σ²) for windows
// s + noise: about 1 for a P wave that repeats, about 0 for fibrillatory waves or noise.
//
// Features, in order (NaN where undefined: fewer than 3 beats, or a flat signal):
//   p_coherence      the coherence of the P windows;
//   p_corr_median    median correlation of each P window with the mean of the others;
//   p_to_qrs         RMS of the coherent P wave over RMS of the mean QRS: a small P wave
//                    that repeats is still a P wave, whatever the lead's gain;
//   qrs_coherence    the coherence of the QRS windows (ectopic beats and noise lower it).
// The beats' windows are kept (BeatWindows) so that the features of any stretch of a long
// recording (a 10-s span of `dacl predict`) come from its own beats without the signal.
#include <cstddef>
#include <string>
#include <vector>

namespace dacl::dsp {

constexpr int kAtrialFeatureCount = 4;
const std::vector<std::string>& atrialFeatureNames();

struct BeatWindows {
    int pLength = 0, qrsLength = 0;  // samples per window
    std::vector<long> peak;          // R peak (sample) of every beat that takes part, ascending
    std::vector<float> p, qrs;       // beats x pLength, beats x qrsLength (mean removed)
    std::size_t size() const { return peak.size(); }
};

// The windows of the beats at `peaks` (ascending samples) of `x` sampled at fs.
BeatWindows beatWindows(const std::vector<double>& x, const std::vector<long>& peaks, double fs);

// The features of the beats [first, last) of `beats`.
std::vector<double> atrialFeatures(const BeatWindows& beats, std::size_t first, std::size_t last);
// Of all of them.
std::vector<double> atrialFeatures(const BeatWindows& beats);

}  // namespace dacl::dsp
