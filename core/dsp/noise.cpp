#include "core/dsp/noise.h"

#include "core/common/random.h"

#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>

namespace dacl::dsp {

namespace {

constexpr double kPi = 3.14159265358979323846;

// Box–Muller on a 64-bit Mersenne twister: identical numbers on every platform, unlike
// std::normal_distribution whose algorithm is implementation-defined.
class Gaussian {
public:
    explicit Gaussian(std::uint64_t seed) : rng_(seed) {}
    double uniform() { return openUnitInterval(rng_()); }
    double next() {
        if (hasSpare_) {
            hasSpare_ = false;
            return spare_;
        }
        const double u1 = uniform(), u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        spare_ = r * std::sin(2 * kPi * u2);
        hasSpare_ = true;
        return r * std::cos(2 * kPi * u2);
    }

private:
    std::mt19937_64 rng_;
    double spare_ = 0;
    bool hasSpare_ = false;
};

void normalise(std::vector<double>& n) {
    const double p = power(n);
    if (p <= 0) return;
    const double mean = std::accumulate(n.begin(), n.end(), 0.0) / static_cast<double>(n.size());
    const double scale = 1.0 / std::sqrt(p);
    for (double& v : n) v = (v - mean) * scale;
}

// Muscle noise: broadband above ~20 Hz with a slowly varying envelope (bursts of contraction).
std::vector<double> muscle(std::size_t n, double fs, Gaussian& g) {
    std::vector<double> white(n), out(n);
    for (double& v : white) v = g.next();
    // First difference of white noise emphasises high frequencies (EMG spectrum peaks 50–150 Hz).
    for (std::size_t i = 1; i < n; ++i) out[i] = white[i] - white[i - 1];
    const double burstHz = 0.3 + 0.4 * g.uniform();
    const double phase = 2 * kPi * g.uniform();
    for (std::size_t i = 0; i < n; ++i)
        out[i] *= 0.6 + 0.4 * std::sin(2 * kPi * burstHz * static_cast<double>(i) / fs + phase);
    return out;
}

// Baseline wander: respiration (0.15–0.4 Hz) plus slower drift, random phases.
std::vector<double> wander(std::size_t n, double fs, Gaussian& g) {
    std::vector<double> out(n, 0.0);
    const double freqs[] = {0.05 + 0.1 * g.uniform(), 0.15 + 0.25 * g.uniform(), 0.4 + 0.2 * g.uniform()};
    const double amps[] = {1.0, 0.7, 0.3};
    for (int k = 0; k < 3; ++k) {
        const double phase = 2 * kPi * g.uniform();
        for (std::size_t i = 0; i < n; ++i)
            out[i] += amps[k] * std::sin(2 * kPi * freqs[k] * static_cast<double>(i) / fs + phase);
    }
    return out;
}

// Electrode motion: abrupt offsets (electrode displacement) that decay back over ~0.5 s,
// at random times about every 2 s, plus a little wideband noise.
std::vector<double> motion(std::size_t n, double fs, Gaussian& g) {
    std::vector<double> out(n, 0.0);
    const double decay = std::exp(-1.0 / (0.5 * fs));
    double level = 0.0;
    const double ratePerSample = 1.0 / (2.0 * fs);
    for (std::size_t i = 0; i < n; ++i) {
        if (g.uniform() < ratePerSample) level += (g.uniform() < 0.5 ? -1.0 : 1.0) * (0.5 + g.uniform());
        level *= decay;
        out[i] = level + 0.05 * g.next();
    }
    return out;
}

}  // namespace

const std::vector<NoiseKind>& allNoiseKinds() {
    static const std::vector<NoiseKind> kinds = {NoiseKind::White, NoiseKind::Muscle,
                                                 NoiseKind::BaselineWander, NoiseKind::ElectrodeMotion};
    return kinds;
}

std::string toString(NoiseKind kind) {
    switch (kind) {
    case NoiseKind::White: return "white";
    case NoiseKind::Muscle: return "muscle";
    case NoiseKind::BaselineWander: return "baseline_wander";
    case NoiseKind::ElectrodeMotion: return "electrode_motion";
    }
    return "?";
}

double power(const std::vector<double>& x) {
    if (x.empty()) return 0.0;
    const double mean = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
    double s = 0;
    for (double v : x) s += (v - mean) * (v - mean);
    return s / static_cast<double>(x.size());
}

std::vector<double> makeNoise(NoiseKind kind, std::size_t samples, double fs, std::uint64_t seed) {
    if (fs <= 0) throw std::invalid_argument("makeNoise: sampling rate must be positive");
    Gaussian g(seed);
    std::vector<double> n;
    switch (kind) {
    case NoiseKind::White:
        n.resize(samples);
        for (double& v : n) v = g.next();
        break;
    case NoiseKind::Muscle: n = muscle(samples, fs, g); break;
    case NoiseKind::BaselineWander: n = wander(samples, fs, g); break;
    case NoiseKind::ElectrodeMotion: n = motion(samples, fs, g); break;
    }
    normalise(n);
    return n;
}

std::vector<double> corrupt(const std::vector<double>& x, double fs, NoiseKind kind, double snrDb,
                            std::uint64_t seed) {
    const std::vector<double> n = makeNoise(kind, x.size(), fs, seed);
    const double scale = std::sqrt(power(x) / std::pow(10.0, snrDb / 10.0));
    std::vector<double> y(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) y[i] = x[i] + scale * n[i];
    return y;
}

}  // namespace dacl::dsp
