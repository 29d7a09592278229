#include "core/dsp/rr_features.h"

#include "core/dsp/preprocess.h"
#include "core/dsp/rpeaks.h"
#include "core/dsp/sample_entropy.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace dacl::dsp {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double mean(const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return s / double(v.size());
}

double populationStd(const std::vector<double>& v) {
    const double m = mean(v);
    double ss = 0;
    for (double x : v) ss += (x - m) * (x - m);
    return std::sqrt(ss / double(v.size()));
}

// Linear-interpolation quantile of a sorted, non-empty vector (numpy's default).
double quantileSorted(const std::vector<double>& s, double q) {
    const double pos = q * double(s.size() - 1);
    const std::size_t lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, s.size() - 1);
    return s[lo] + (pos - double(lo)) * (s[hi] - s[lo]);
}

double fractionAbove(const std::vector<double>& v, double limit) {
    std::size_t count = 0;
    for (double x : v) count += std::abs(x) > limit;
    return double(count) / double(v.size());
}

}  // namespace

const std::vector<std::string>& rrFeatureNames() {
    static const std::vector<std::string> names = {
        "beats", "heart_rate_bpm", "rr_mean", "rr_median", "sdnn", "rr_cv", "rmssd", "pnn50", "pnn20",
        "rmssd_over_mean", "sample_entropy", "frac_drr_over_12_5pct", "median_drr_over_median", "sd1", "sd2",
        "sd1_over_sd2", "min_over_median", "max_over_median", "iqr_over_median", "frac_rr_20pct_from_median"};
    return names;
}

std::vector<double> rrFeatures(const std::vector<long>& peaks, double fs) {
    if (!(fs > 0) || !std::isfinite(fs)) throw std::invalid_argument("rrFeatures: sampling rate must be positive");
    std::vector<double> f(kRrFeatureCount, kNaN);
    f[0] = double(peaks.size());
    const std::vector<double> rr = rrIntervals(peaks, fs);
    if (rr.empty()) return f;

    std::vector<double> sorted = rr;
    std::sort(sorted.begin(), sorted.end());
    const double med = median(rr), avg = mean(rr);
    if (!(med > 0)) return f;  // repeated peak indices: no usable rate
    f[1] = 60.0 / med;
    f[2] = avg;
    f[3] = med;
    f[16] = sorted.front() / med;
    f[17] = sorted.back() / med;
    f[18] = (quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25)) / med;
    std::size_t far = 0;
    for (double x : rr) far += std::abs(x - med) > 0.2 * med;
    f[19] = double(far) / double(rr.size());
    if (rr.size() < 2) return f;

    const double sdnn = populationStd(rr);
    std::vector<double> d(rr.size() - 1);
    double ss = 0;
    for (std::size_t i = 0; i < d.size(); ++i) {
        d[i] = rr[i + 1] - rr[i];
        ss += d[i] * d[i];
    }
    const double rmssd = std::sqrt(ss / double(d.size()));
    std::vector<double> absD(d.size());
    for (std::size_t i = 0; i < d.size(); ++i) absD[i] = std::abs(d[i]);
    f[4] = sdnn;
    f[5] = sdnn / avg;
    f[6] = rmssd;
    f[7] = fractionAbove(d, 0.050);
    f[8] = fractionAbove(d, 0.020);
    f[9] = rmssd / avg;
    f[11] = fractionAbove(d, 0.125 * med);
    f[12] = median(absD) / med;
    if (rr.size() < 3) return f;

    std::vector<double> across(d.size()), along(d.size());
    for (std::size_t i = 0; i < d.size(); ++i) {
        across[i] = d[i] / std::sqrt(2.0);
        along[i] = (rr[i + 1] + rr[i]) / std::sqrt(2.0);
    }
    f[13] = populationStd(across);
    f[14] = populationStd(along);
    f[15] = f[14] > 0 ? f[13] / f[14] : kNaN;
    if (rr.size() >= 4) f[10] = sampleEntropy(rr, 2, 0.2 * sdnn);
    return f;
}

}  // namespace dacl::dsp
