#include "core/dsp/rr_features.h"

#include "core/dsp/preprocess.h"
#include "core/dsp/rpeaks.h"

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

// Sample entropy (Richman & Moorman 2000) with template length m, tolerance r, and +1 on
// both counts so that short or very irregular series (no length-m+1 match) stay finite:
// B (A) counts the pairs of templates of length m (m + 1) whose values all lie within r.
//
// Every pair is compared only when its first two values can match: templates go into a grid of
// cells a little wider than r over those two values, and a template meets only the templates of
// its own and the eight neighbouring cells. A day's ~100,000 intervals need a few million
// comparisons instead of 5·10⁹; the counts, and so the result, are exactly those of comparing
// every pair (each candidate pair gets the same exact test).
double sampleEntropy(const std::vector<double>& v, int m, double r) {
    const std::size_t n = v.size() - std::size_t(m);  // same start set for m and m+1
    const auto within = [&](std::size_t i, std::size_t j, int len) {
        for (int k = 0; k < len; ++k)
            if (!(std::abs(v[i + k] - v[j + k]) <= r)) return false;
        return true;
    };
    double b = 0, a = 0;
    if (!(r > 0)) {  // r = 0 (all intervals equal): compare every pair, there is no grid to draw
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = i + 1; j < n; ++j)
                if (within(i, j, m)) {
                    ++b;
                    a += within(i, j, m + 1);
                }
        return -std::log((a + 1) / (b + 1));
    }
    // |x − y| <= r puts floor(x / w) and floor(y / w) at most one cell apart for w > r (the
    // margin is far above the rounding of the division).
    const double w = r * (1 + 1e-6);
    const int second = m >= 2 ? 1 : 0;
    struct Entry {
        long long x, y;
        std::size_t i;
        bool operator<(const Entry& o) const { return x != o.x ? x < o.x : y != o.y ? y < o.y : i < o.i; }
    };
    std::vector<Entry> grid(n);
    for (std::size_t i = 0; i < n; ++i)
        grid[i] = {static_cast<long long>(std::floor(v[i] / w)), static_cast<long long>(std::floor(v[i + second] / w)), i};
    std::vector<Entry> cells = grid;
    std::sort(cells.begin(), cells.end());
    for (std::size_t i = 0; i < n; ++i)
        for (long long dx = -1; dx <= 1; ++dx)
            for (long long dy = -1; dy <= 1; ++dy) {
                // Templates of cell (x + dx, y + dy) after i: each pair is counted once.
                const Entry from{grid[i].x + dx, grid[i].y + dy, i + 1};
                for (auto it = std::lower_bound(cells.begin(), cells.end(), from);
                     it != cells.end() && it->x == from.x && it->y == from.y; ++it)
                    if (within(i, it->i, m)) {
                        ++b;
                        a += within(i, it->i, m + 1);
                    }
            }
    return -std::log((a + 1) / (b + 1));
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
