#include "core/dsp/atrial_features.h"

#include "core/dsp/preprocess.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace dacl::dsp {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Window offsets from the R peak, in seconds (header comment).
constexpr double kPStart = -0.250, kPEnd = -0.070, kQrsHalf = 0.050, kMinRr = 0.300;

// Mean window m and mean energy E of rows [first, last) of a beats x len array.
struct Ensemble {
    std::vector<double> mean;
    double energy = 0;
    double count = 0;  // windows averaged
};

double windowEnergy(const float* row, int len) {
    double e = 0;
    for (int i = 0; i < len; ++i) e += static_cast<double>(row[i]) * row[i];
    return e;
}

// Over the windows of rows [first, last) whose energy is at most kOutlier x the median window
// energy: an artefact in one window would otherwise outweigh the P waves of all the others.
constexpr double kOutlier = 4.0;

Ensemble ensemble(const std::vector<float>& w, int len, std::size_t first, std::size_t last) {
    Ensemble e;
    e.mean.assign(static_cast<std::size_t>(len), 0.0);
    std::vector<double> energy;
    for (std::size_t k = first; k < last; ++k) energy.push_back(windowEnergy(w.data() + k * static_cast<std::size_t>(len), len));
    const double limit = kOutlier * median(energy);
    for (std::size_t k = first; k < last; ++k) {
        if (energy[k - first] > limit) continue;
        const float* row = w.data() + k * static_cast<std::size_t>(len);
        for (int i = 0; i < len; ++i) e.mean[static_cast<std::size_t>(i)] += row[i];
        e.energy += energy[k - first];
        e.count += 1;
    }
    if (e.count == 0) return e;
    for (double& v : e.mean) v /= e.count;
    e.energy /= e.count;
    return e;
}

double squaredNorm(const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x * x;
    return s;
}

// Unbiased coherent energy per window: (K‖m‖² − E) / (K − 1), floored at 0.
double coherentEnergy(const Ensemble& e) {
    const double K = e.count;
    return K < 2 ? 0.0 : std::max(0.0, (K * squaredNorm(e.mean) - e.energy) / (K - 1));
}

double coherence(const Ensemble& e) {
    const double K = e.count;
    if (K < 3 || !(e.energy > 1e-12)) return kNaN;
    return (K * squaredNorm(e.mean) - e.energy) / ((K - 1) * e.energy);
}

// Median over beats of corr(window k, mean of the other windows): the template without the
// beat itself, so that few beats do not inflate it.
double leaveOneOutCorrelation(const std::vector<float>& w, int len, std::size_t first, std::size_t last) {
    const double K = static_cast<double>(last - first);
    Ensemble e;  // the plain mean of all windows (the median correlation is robust on its own)
    e.mean.assign(static_cast<std::size_t>(len), 0.0);
    for (std::size_t k = first; k < last; ++k)
        for (int i = 0; i < len; ++i) e.mean[static_cast<std::size_t>(i)] += w[k * static_cast<std::size_t>(len) + static_cast<std::size_t>(i)] / K;
    std::vector<double> corr, other(static_cast<std::size_t>(len));
    for (std::size_t k = first; k < last; ++k) {
        const float* row = w.data() + k * static_cast<std::size_t>(len);
        double xy = 0, xx = 0, yy = 0, mx = 0, my = 0;
        for (int i = 0; i < len; ++i) {
            other[static_cast<std::size_t>(i)] = (K * e.mean[static_cast<std::size_t>(i)] - row[i]) / (K - 1);
            mx += row[i];
            my += other[static_cast<std::size_t>(i)];
        }
        mx /= len;
        my /= len;
        for (int i = 0; i < len; ++i) {
            const double a = row[i] - mx, b = other[static_cast<std::size_t>(i)] - my;
            xy += a * b;
            xx += a * a;
            yy += b * b;
        }
        if (xx > 1e-12 && yy > 1e-12) corr.push_back(xy / std::sqrt(xx * yy));
    }
    return corr.empty() ? kNaN : median(corr);
}

void appendWindow(const std::vector<double>& x, long from, int len, std::vector<float>& out) {
    double mean = 0;
    for (int i = 0; i < len; ++i) mean += x[static_cast<std::size_t>(from + i)];
    mean /= len;
    for (int i = 0; i < len; ++i) out.push_back(static_cast<float>(x[static_cast<std::size_t>(from + i)] - mean));
}

}  // namespace

const std::vector<std::string>& atrialFeatureNames() {
    static const std::vector<std::string> names = {"p_coherence", "p_corr_median", "p_to_qrs", "qrs_coherence"};
    return names;
}

BeatWindows beatWindows(const std::vector<double>& x, const std::vector<long>& peaks, double fs) {
    if (!(fs > 0) || !std::isfinite(fs)) throw std::invalid_argument("sampling rate must be positive, got " + std::to_string(fs));
    BeatWindows b;
    const long pStart = std::lround(kPStart * fs), pEnd = std::lround(kPEnd * fs), half = std::lround(kQrsHalf * fs);
    const long minRr = std::lround(kMinRr * fs);
    b.pLength = static_cast<int>(std::max(1L, pEnd - pStart));
    b.qrsLength = static_cast<int>(2 * half + 1);
    const long n = static_cast<long>(x.size());
    for (std::size_t k = 1; k < peaks.size(); ++k) {
        const long r = peaks[k];
        if (r - peaks[k - 1] < minRr || r + pStart < 0 || r + half >= n) continue;
        b.peak.push_back(r);
        appendWindow(x, r + pStart, b.pLength, b.p);
        appendWindow(x, r - half, b.qrsLength, b.qrs);
    }
    return b;
}

std::vector<double> atrialFeatures(const BeatWindows& b, std::size_t first, std::size_t last) {
    std::vector<double> f(kAtrialFeatureCount, kNaN);
    last = std::min(last, b.size());
    if (first >= last || last - first < 3) return f;
    const Ensemble p = ensemble(b.p, b.pLength, first, last), q = ensemble(b.qrs, b.qrsLength, first, last);
    f[0] = coherence(p);
    f[1] = leaveOneOutCorrelation(b.p, b.pLength, first, last);
    const double qrsPower = squaredNorm(q.mean) / b.qrsLength;
    if (qrsPower > 1e-12 && p.count >= 3) f[2] = std::sqrt(coherentEnergy(p) / b.pLength / qrsPower);
    f[3] = coherence(q);
    return f;
}

std::vector<double> atrialFeatures(const BeatWindows& b) { return atrialFeatures(b, 0, b.size()); }

}  // namespace dacl::dsp
