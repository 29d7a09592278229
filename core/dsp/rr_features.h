#pragma once
// The 20 RR-interval features of method.md §3, per record, for the rhythm booster (gradient
// boosting) and the RR-feature baseline. AF shows as irregular, uncorrelated RR intervals,
// so most features measure dispersion of RR and of successive differences ΔRR, scaled by
// the median RR where a rate-free measure is wanted.
#include <string>
#include <vector>

namespace dacl::dsp {

constexpr int kRrFeatureCount = 20;

// In the order rrFeatures() returns them:
//   beats, heart_rate_bpm, rr_mean, rr_median, sdnn, rr_cv, rmssd, pnn50, pnn20,
//   rmssd_over_mean, sample_entropy, frac_drr_over_12_5pct, median_drr_over_median,
//   sd1, sd2, sd1_over_sd2, min_over_median, max_over_median, iqr_over_median,
//   frac_rr_20pct_from_median
const std::vector<std::string>& rrFeatureNames();

// Features of the RR intervals between consecutive `peaks` (ascending sample indices at
// rate fs). Times in seconds; pnn50, pnn20 and the frac_* features are fractions in [0, 1];
// standard deviations are population ones (divide by n). Definitions:
//   heart_rate_bpm = 60 / median RR; rr_cv = sdnn / rr_mean;
//   pnnX = fraction of |ΔRR| > X ms; frac_drr_over_12_5pct: |ΔRR| > 0.125·median RR;
//   sample_entropy = −ln((A + 1) / (B + 1)) with B (A) the pairs of RR templates of length
//     2 (3) within r = 0.2·sdnn (Chebyshev distance <= r), over the same N − 2 start
//     positions; the +1 keeps it finite for short series;
//   sd1, sd2 = standard deviations of the Poincaré points (RR_n, RR_n+1) across and along
//     the identity line, i.e. of (RR_n+1 − RR_n)/√2 and (RR_n+1 + RR_n)/√2;
//   iqr = 75th − 25th percentile with linear interpolation (as numpy);
//   frac_rr_20pct_from_median = fraction of RR with |RR − median| > 0.2·median.
// NaN (missing for the booster) where undefined: beats is always set; every other feature
// needs >= 2 beats (1 RR); sdnn, rr_cv and the ΔRR features (rmssd … median_drr_over_median
// except sample_entropy) need >= 3 beats; sd1, sd2, sd1_over_sd2 need >= 4 beats (two
// Poincaré points), and sd1_over_sd2 also sd2 > 0; sample_entropy needs >= 5 beats (two
// templates of length 3). Throws std::invalid_argument if fs is not positive and finite.
std::vector<double> rrFeatures(const std::vector<long>& peaks, double fs);

}  // namespace dacl::dsp
