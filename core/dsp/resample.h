#pragma once
// Band-limited sample-rate conversion (windowed-sinc, polyphase). Not linear interpolation:
// linear interpolation attenuates the QRS band unevenly and aliases when downsampling.
#include <vector>

namespace dacl::dsp {

// fsOut/fsIn as L/M. Integer rates use their exact ratio (gcd), as do other rates whose
// exact ratio has terms <= maxTerm (e.g. 256.7 -> 300 Hz is 3000/2567). Otherwise the last
// continued-fraction convergent with L, M <= maxTerm is used; output sample times are then
// off by a relative error below 1/maxTerm (2.4e-4), i.e. < 1 sample in 4096.
struct RationalRatio {
    long up = 1;    // L
    long down = 1;  // M
};
RationalRatio rationalRatio(double fsIn, double fsOut, long maxTerm = 4096);

// Resamples x from fsIn to fsOut (Hz). Output length is round(n·fsOut/fsIn); output sample j
// lies at input time j·M/L samples. The anti-aliasing / interpolation low-pass is a
// Kaiser-windowed sinc (β = 8.6, ~85 dB stopband) cut off at 0.9 × the lower of the two
// Nyquist frequencies, 32 zero crossings per side at the lower rate; each polyphase branch
// is normalised to unit DC gain. Beyond the ends the signal is continued by odd
// reflection (2·x[0] − x[k]) so that no step is created at the edges.
// Equal rates return x unchanged. Throws std::invalid_argument for non-positive or
// non-finite rates.
std::vector<double> resample(const std::vector<double>& x, double fsIn, double fsOut);

}  // namespace dacl::dsp
