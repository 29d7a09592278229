#include "core/synth/ecgsyn.h"

#include "core/synth/oscillator.h"

#include <cmath>
#include <stdexcept>

namespace dacl::synth {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kTwoPi = 2 * kPi;

// The events active between R peak k and R peak k+1, scaled for that interval's rate and
// expressed in its phase φ = 2π (t − R_k)/RR ∈ [0, 2π): beat k's waves around φ = 0, beat
// k+1's around φ = 2π.
struct Interval {
    double start = 0, rr = 1, omega = kTwoPi;
    int count = 0;
    std::array<WaveEvent, 10> events;
};

WaveEvent scaled(const WaveEvent& e, int index, double hr) {
    const double f = std::sqrt(hr / 60.0), f2 = std::sqrt(f);
    WaveEvent s = e;
    s.b = e.b * f;
    if (index == kP || index == kT) s.theta = e.theta * f2;
    else if (index == kQ || index == kS) s.theta = e.theta * f;
    return s;
}

Interval makeInterval(const Beat& cur, const Beat& next) {
    Interval iv;
    iv.start = cur.rTime;
    iv.rr = next.rTime - cur.rTime;
    if (!(iv.rr > 0)) throw std::invalid_argument("ECGSYN beats must have increasing R times");
    iv.omega = kTwoPi / iv.rr;
    const double hr = 60.0 / iv.rr;
    for (int i = 0; i < 5; ++i) {
        if (cur.waves[i].a != 0) iv.events[iv.count++] = scaled(cur.waves[i], i, hr);
        if (next.waves[i].a != 0) {
            WaveEvent e = scaled(next.waves[i], i, hr);
            e.theta += kTwoPi;
            iv.events[iv.count++] = e;
        }
    }
    return iv;
}

// G(t) = Σ (a b²/ω) exp(−Δθ²/2b²), skipping events more than 7 widths away (< 3e-11).
double gaussians(const Interval& iv, double t) {
    const double phi = kTwoPi * (t - iv.start) / iv.rr;
    double g = 0;
    for (int i = 0; i < iv.count; ++i) {
        const WaveEvent& e = iv.events[i];
        const double d = phi - e.theta;
        if (std::abs(d) > 7 * e.b) continue;
        g += e.a * e.b * e.b / iv.omega * std::exp(-d * d / (2 * e.b * e.b));
    }
    return g;
}

std::vector<Interval> intervalsOf(const std::vector<Beat>& beats, double t0, long n, double fs) {
    if (beats.size() < 2) throw std::invalid_argument("ECGSYN needs at least two beats");
    if (!(fs > 0)) throw std::invalid_argument("ECGSYN sampling rate must be positive");
    if (beats.front().rTime > t0) throw std::invalid_argument("ECGSYN beats must start before the first sample");
    if (beats.back().rTime < t0 + double(n) / fs)
        throw std::invalid_argument("ECGSYN beats must cover the record");
    std::vector<Interval> intervals;
    intervals.reserve(beats.size() - 1);
    for (std::size_t k = 0; k + 1 < beats.size(); ++k) intervals.push_back(makeInterval(beats[k], beats[k + 1]));
    return intervals;
}

double baselineAt(const Baseline& b, double t) {
    return b.amplitude * std::sin(kTwoPi * b.freqHz * t + b.phase);
}

}  // namespace

Morphology paperMorphology() {
    Morphology m;
    m[kP] = {-kPi / 3, 1.2, 0.25};
    m[kQ] = {-kPi / 12, -5.0, 0.1};
    m[kR] = {0.0, 30.0, 0.1};
    m[kS] = {kPi / 12, -7.5, 0.1};
    m[kT] = {kPi / 2, 0.75, 0.4};
    return m;
}

std::vector<double> ecgsynSignal(const std::vector<Beat>& beats, double t0, long n, double fs,
                                 const Baseline& baseline) {
    const std::vector<Interval> intervals = intervalsOf(beats, t0, n, fs);
    const double h = 1.0 / fs;
    const double alpha = std::exp(-h);
    // u_{m+1} = α u_m + c0 s_m + c1 s_{m+1}: exact for s linear over the step.
    const double c1 = (h - 1 + alpha) / h, c0 = 1 - alpha - c1;

    std::size_t k = 0;
    auto gAt = [&](double t) {  // times never decrease, so the interval index only moves on
        while (k + 1 < intervals.size() && t >= intervals[k + 1].start) ++k;
        return gaussians(intervals[k], t);
    };

    // Start at the first beat on the output grid, with z = 0, i.e. u = −G.
    const long warm = static_cast<long>(std::floor((t0 - beats.front().rTime) * fs));
    double t = t0 - double(warm) * h;
    Oscillator z0(kTwoPi * baseline.freqHz * h, kTwoPi * baseline.freqHz * t + baseline.phase);
    double g = gAt(t);
    double s = baseline.amplitude * z0.sin() - g;
    double u = -g;
    std::vector<double> out(static_cast<std::size_t>(n));
    for (long m = -warm; m < n; ++m) {
        if (m >= 0) out[m] = g + u;
        t = t0 + double(m + 1) * h;
        z0.step();
        const double gNext = gAt(t);
        const double sNext = baseline.amplitude * z0.sin() - gNext;
        u = alpha * u + c0 * s + c1 * sNext;
        g = gNext;
        s = sNext;
    }
    return out;
}

std::vector<double> integrateEcgsynOde(const std::vector<double>& rTimes, const Morphology& waves, double t0,
                                       long n, double fs, const Baseline& baseline, int substeps) {
    if (rTimes.size() < 2 || substeps < 1) throw std::invalid_argument("ECGSYN ODE: bad arguments");
    const long warm = static_cast<long>(std::floor((t0 - rTimes.front()) * fs));
    const double h = 1.0 / (fs * substeps);
    std::size_t k = 0;
    // Angular velocity and (rate-scaled) events of the RR interval containing t.
    auto locate = [&](double t) {
        while (k + 2 < rTimes.size() && t >= rTimes[k + 1]) ++k;
    };
    struct State {
        double x, y, z;
    };
    auto deriv = [&](double t, const State& st) {
        locate(t);
        const double rr = rTimes[k + 1] - rTimes[k];
        const double omega = kTwoPi / rr, hr = 60.0 / rr;
        const double alpha = 1 - std::sqrt(st.x * st.x + st.y * st.y);
        const double theta = std::atan2(st.y, st.x);
        double dz = 0;
        for (int i = 0; i < 5; ++i) {
            const WaveEvent e = scaled(waves[i], i, hr);
            const double d = std::remainder(theta - e.theta, kTwoPi);  // wrapped to [−π, π]
            dz -= e.a * d * std::exp(-d * d / (2 * e.b * e.b));
        }
        dz -= st.z - baselineAt(baseline, t);
        return State{alpha * st.x - omega * st.y, alpha * st.y + omega * st.x, dz};
    };
    // On the limit cycle at the first beat's R peak (θ = 0): the grid starts within one
    // sample after it, so advance θ analytically to that point.
    double t = t0 - double(warm) / fs;
    const double theta0 = kTwoPi * (t - rTimes.front()) / (rTimes[1] - rTimes[0]);
    State st{std::cos(theta0), std::sin(theta0), 0.0};
    std::vector<double> out(static_cast<std::size_t>(n));
    for (long m = -warm; m < n; ++m) {
        if (m >= 0) out[m] = st.z;
        for (int sub = 0; sub < substeps; ++sub) {
            const State a = deriv(t, st);
            const State b = deriv(t + h / 2, {st.x + h / 2 * a.x, st.y + h / 2 * a.y, st.z + h / 2 * a.z});
            const State c = deriv(t + h / 2, {st.x + h / 2 * b.x, st.y + h / 2 * b.y, st.z + h / 2 * b.z});
            const State d = deriv(t + h, {st.x + h * c.x, st.y + h * c.y, st.z + h * c.z});
            st.x += h / 6 * (a.x + 2 * b.x + 2 * c.x + d.x);
            st.y += h / 6 * (a.y + 2 * b.y + 2 * c.y + d.y);
            st.z += h / 6 * (a.z + 2 * b.z + 2 * c.z + d.z);
            t += h;
        }
    }
    return out;
}

}  // namespace dacl::synth
