#pragma once
// Rhythm channels for the frame sequence (method.md §3): two values per scattering frame
// that carry beat-to-beat timing, which per-frame scattering paths only see blurred.
#include <vector>

namespace dacl::dsp {

// RR values are clipped to this physiological range (s); kRrMaxS also stands for "no beats
// seen" when a record has fewer than two peaks.
constexpr double kRrMinS = 0.2;
constexpr double kRrMaxS = 2.5;

struct RhythmChannels {
    std::vector<float> rr;   // s, one per frame
    std::vector<float> drr;  // s, one per frame
};

// For each frame centre (a sample position at rate fs, e.g. f·hop for scattering frames):
//   rr[f]  = the RR interval between the two consecutive peaks around the centre, clipped
//            to [kRrMinS, kRrMaxS]; piecewise constant, a centre exactly on a peak belongs
//            to the interval that starts there. Centres before the first peak take the first
//            interval, centres at or after the last peak the last interval.
//   drr[f] = |RR_k − RR_(k−1)| of the clipped intervals (so a long gap from missed beats
//            cannot dominate the channel); 0 for the first interval.
// With fewer than 2 peaks every frame gets rr = kRrMaxS and drr = 0.
// `peaks` must be ascending (as the detectors return them); throws std::invalid_argument
// otherwise, or if fs is not positive and finite. Non-finite centres get the first interval.
RhythmChannels rhythmChannels(const std::vector<long>& peaks, double fs, const std::vector<double>& frameCentres);

}  // namespace dacl::dsp
