#pragma once
// QRS (R-peak) detection for single-lead ECG, after Pan & Tompkins (IEEE TBME 32:230,
// 1985): band-pass, derivative, squaring, 150 ms moving-window integration, adaptive signal
// and noise thresholds, T-wave discrimination and search-back for missed beats. Offline
// changes to the original: all filters are zero-phase (no delay to undo); the band is
// 3–15 Hz instead of 5–15 Hz (wide ventricular beats); the thresholds start from the median
// of 2-s maxima over the whole record and their updates are clamped (one huge artefact
// cannot blind the detector); each beat is located on the 0.5–40 Hz ECG at the extremum of
// the record's dominant QRS polarity (so inverted leads work), or of the opposite polarity
// when that deflection is clearly larger (ectopic beats).
#include <vector>

namespace dacl::dsp {

// Sample indices of R peaks, ascending, at least 200 ms apart. Non-finite samples are
// treated as the previous finite value. Returns an empty vector for records shorter than
// 0.5 s; throws std::invalid_argument if fs < 50 Hz or not finite.
std::vector<long> detectRPeaks(const std::vector<double>& x, double fs);

// RR intervals in seconds between consecutive peaks.
std::vector<double> rrIntervals(const std::vector<long>& peaks, double fs);

// 60 / median RR: robust to a missed or extra beat. 0 when there are fewer than 2 peaks.
double heartRateBpm(const std::vector<long>& peaks, double fs);

namespace detail {
// Input rules shared by the R-peak detectors (this one and robust_rpeaks.h): throws
// std::invalid_argument unless fs >= 50 Hz and finite; returns x with every non-finite
// sample replaced by the previous finite value (0 at the start).
std::vector<double> detectorInput(const std::vector<double>& x, double fs);
}  // namespace detail

}  // namespace dacl::dsp
