#pragma once
// Digital Butterworth filters as cascades of second-order sections, and zero-phase
// (forward-backward) filtering. Designed from the analog prototype with the bilinear
// transform and frequency pre-warping; second-order sections keep a 0.5 Hz high-pass at
// 300 Hz numerically stable where a single transfer-function polynomial would not be.
#include <vector>

namespace dacl::dsp {

// One biquad, normalised so that a0 = 1:
//   y[n] = b0 x[n] + b1 x[n-1] + b2 x[n-2] - a1 y[n-1] - a2 y[n-2]
struct Biquad {
    double b0 = 1, b1 = 0, b2 = 0, a1 = 0, a2 = 0;
};

using Sos = std::vector<Biquad>;

// `order` is the order of the low-pass prototype (as in scipy.signal.butter): a low- or
// high-pass has `order` poles, a band-pass 2·order. Frequencies in Hz; throws
// std::invalid_argument unless 0 < lowHz < highHz < fs/2 (band-pass), 0 < cutoff < fs/2,
// and 1 <= order <= 12.
Sos butterworthLowpass(int order, double cutoffHz, double fs);
Sos butterworthHighpass(int order, double cutoffHz, double fs);
Sos butterworthBandpass(int order, double lowHz, double highHz, double fs);

// |H(e^{jw})| of the cascade at frequency f (Hz): for tests and for the UI's filter plot.
double sosMagnitude(const Sos& sos, double f, double fs);

// Causal filtering (one pass, starting from rest).
std::vector<double> sosFilter(const Sos& sos, const std::vector<double>& x);

// Zero-phase filtering: forward then backward pass, so the magnitude response is squared
// and the phase is zero (no delay, a symmetric pulse stays symmetric). Edge transients are
// suppressed by extending the signal at both ends by its mirror image (x[k], k = 1, 2, ...)
// and starting each pass from the filter's steady state for a constant input equal to its
// first sample. Mirroring keeps the level continuous at the ends; odd reflection
// (2·x[0] − x[k], scipy's default) would create a step of 2·(x[end] − mean) when a record
// ends on an R wave, which a 0.5 Hz high-pass turns into a transient lasting seconds.
// `padLength` < 0 picks a length from the slowest pole's decay (5 time constants), capped
// at n − 1.
std::vector<double> filtfilt(const Sos& sos, const std::vector<double>& x, int padLength = -1);

}  // namespace dacl::dsp
