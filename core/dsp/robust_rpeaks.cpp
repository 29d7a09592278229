#include "core/dsp/robust_rpeaks.h"

#include "core/dsp/butterworth.h"
#include "core/dsp/preprocess.h"
#include "core/dsp/rpeaks.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dacl::dsp {
namespace {

// Centred moving average of `w` samples; near the ends the mean of the samples available,
// so that a beat close to the record edge is not damped below the threshold.
std::vector<double> movingAverage(const std::vector<double>& v, long w) {
    const long n = static_cast<long>(v.size()), half = w / 2;
    std::vector<double> cum(v.size() + 1, 0.0), out(v.size());
    for (long i = 0; i < n; ++i) cum[i + 1] = cum[i] + v[i];
    for (long i = 0; i < n; ++i) {
        const long a = std::max(0L, i - half), b = std::min(n, i - half + w);
        out[i] = (cum[b] - cum[a]) / double(b - a);
    }
    return out;
}

// Each 2-s segment's maximum of the envelope. A trailing segment shorter than 1 s is left out
// (it may hold no beat at all) unless it is the only one.
std::vector<double> segmentMaxima(const std::vector<double>& env, long segment) {
    const long n = static_cast<long>(env.size());
    std::vector<double> maxima;
    for (long s = 0; s < n; s += segment) {
        const long e = std::min(n, s + segment);
        if (e - s < segment / 2 && !maxima.empty()) break;
        maxima.push_back(*std::max_element(env.begin() + s, env.begin() + e));
    }
    return maxima;
}

// A threshold per 2-s segment: 0.35 x the median of the segment maxima within `reach`
// segments of its own. The envelope is the squared slope, so a stretch at half the amplitude
// has a quarter of the energy: one threshold for a whole Holter recording would lose every beat
// of its quieter hours (and a mixed recording's quieter episodes). Kept per segment, not per
// sample: a day at 300 Hz has 26 M samples but 43 k segments.
struct SegmentThresholds {
    std::vector<double> value;
    long segment = 1;
    // The trailing short segment (left out of the maxima) takes its predecessor's threshold.
    double at(long i) const { return value[static_cast<std::size_t>(std::min<long>(static_cast<long>(value.size()) - 1, i / segment))]; }
};

SegmentThresholds localThresholds(const std::vector<double>& env, long segment, long reach) {
    const std::vector<double> maxima = segmentMaxima(env, segment);
    const long m = static_cast<long>(maxima.size());
    std::vector<double> median35(maxima.size());
    std::vector<double> window;
    for (long k = 0; k < m; ++k) {
        window.assign(maxima.begin() + std::max(0L, k - reach), maxima.begin() + std::min(m, k + reach + 1));
        median35[static_cast<std::size_t>(k)] = 0.35 * median(window);
    }
    // Where the amplitude falls, the last loud beat reaches into the first quiet segment and can
    // tip its median: each segment takes the lowest threshold of itself and its two neighbours.
    SegmentThresholds out{median35, segment};
    for (long k = 0; k < m; ++k) {
        double& t = out.value[static_cast<std::size_t>(k)];
        if (k > 0) t = std::min(t, median35[static_cast<std::size_t>(k - 1)]);
        if (k + 1 < m) t = std::min(t, median35[static_cast<std::size_t>(k + 1)]);
    }
    return out;
}

// Local maxima above `threshold`, thinned so that no two are closer than `distance`
// samples: the highest survive (as scipy.signal.find_peaks with height and distance).
std::vector<long> thinnedPeaks(const std::vector<double>& env, const SegmentThresholds& threshold, long distance) {
    const long n = static_cast<long>(env.size());
    std::vector<long> peaks;
    for (long i = 1; i + 1 < n; ++i)
        if (env[i] > threshold.at(i) && env[i] > env[i - 1] && env[i] >= env[i + 1]) peaks.push_back(i);
    std::vector<std::size_t> order(peaks.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return env[peaks[a]] > env[peaks[b]]; });
    std::vector<char> removed(peaks.size(), 0);
    for (std::size_t k : order) {
        if (removed[k]) continue;
        for (std::size_t j = k; j-- > 0 && peaks[k] - peaks[j] < distance;) removed[j] = 1;
        for (std::size_t j = k + 1; j < peaks.size() && peaks[j] - peaks[k] < distance; ++j) removed[j] = 1;
    }
    std::vector<long> kept;
    for (std::size_t k = 0; k < peaks.size(); ++k)
        if (!removed[k]) kept.push_back(peaks[k]);
    return kept;
}

}  // namespace

std::vector<long> detectRPeaksRobust(const std::vector<double>& input, double fs) {
    const std::vector<double> x = detail::detectorInput(input, fs);
    const long n = static_cast<long>(x.size());
    if (n < static_cast<long>(0.5 * fs)) return {};
    const auto samples = [fs](double seconds) { return std::max(1L, std::lround(seconds * fs)); };

    const std::vector<double> band = filtfilt(butterworthBandpass(2, 5.0, 15.0, fs), x);
    // A flat or offset-only record leaves rounding noise in the band; it has no beats.
    double bandMax = 0, scale = 0;
    for (long i = 0; i < n; ++i) {
        bandMax = std::max(bandMax, std::abs(band[i]));
        scale = std::max(scale, std::abs(x[i]));
    }
    if (!(bandMax > 1e-9 * scale)) return {};

    std::vector<double> energy(x.size(), 0.0);
    for (long i = 1; i < n; ++i) energy[i] = (band[i] - band[i - 1]) * (band[i] - band[i - 1]);
    const std::vector<double> env = movingAverage(energy, samples(0.150));

    // Neighbourhood of ±5 segments (±10 s): local enough for a Holter's quiet hours and for
    // paroxysmal episodes, wide enough that a few artefact segments do not move the median.
    const std::vector<long> coarse = thinnedPeaks(env, localThresholds(env, samples(2.0), 5), samples(0.25));

    const long reach = samples(0.075);
    std::vector<long> peaks;
    for (long c : coarse) {
        long best = c;
        for (long k = std::max(0L, c - reach); k <= std::min(n - 1, c + reach); ++k)
            if (std::abs(band[k]) > std::abs(band[best])) best = k;
        peaks.push_back(best);
    }
    // Peaks >= 250 ms apart moved by <= 75 ms each stay ordered; sort/unique only guards
    // the contract against rounding of the two spans at very low rates.
    std::sort(peaks.begin(), peaks.end());
    peaks.erase(std::unique(peaks.begin(), peaks.end()), peaks.end());
    return peaks;
}

}  // namespace dacl::dsp
