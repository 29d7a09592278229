#include "core/dsp/rhythm_channels.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dacl::dsp {

RhythmChannels rhythmChannels(const std::vector<long>& peaks, double fs, const std::vector<double>& frameCentres) {
    if (!(fs > 0) || !std::isfinite(fs)) throw std::invalid_argument("rhythmChannels: sampling rate must be positive");
    if (!std::is_sorted(peaks.begin(), peaks.end()))
        throw std::invalid_argument("rhythmChannels: R peaks must be ascending");
    const std::size_t frames = frameCentres.size();
    RhythmChannels out{std::vector<float>(frames, float(kRrMaxS)), std::vector<float>(frames, 0.0f)};
    if (peaks.size() < 2) return out;

    std::vector<double> rr(peaks.size() - 1), drr(peaks.size() - 1, 0.0);
    for (std::size_t k = 0; k < rr.size(); ++k) {
        rr[k] = std::clamp(double(peaks[k + 1] - peaks[k]) / fs, kRrMinS, kRrMaxS);
        if (k > 0) drr[k] = std::abs(rr[k] - rr[k - 1]);
    }
    for (std::size_t f = 0; f < frames; ++f) {
        const double c = frameCentres[f];
        std::size_t k = 0;
        if (std::isfinite(c)) {
            // Number of peaks at or before c, minus one, is the interval starting at or before c.
            const auto after = std::upper_bound(peaks.begin(), peaks.end(), c,
                                                [](double v, long p) { return v < double(p); });
            const std::size_t atOrBefore = static_cast<std::size_t>(after - peaks.begin());
            k = std::min(atOrBefore == 0 ? 0 : atOrBefore - 1, rr.size() - 1);
        }
        out.rr[f] = float(rr[k]);
        out.drr[f] = float(drr[k]);
    }
    return out;
}

}  // namespace dacl::dsp
