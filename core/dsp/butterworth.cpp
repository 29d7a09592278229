#include "core/dsp/butterworth.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <stdexcept>
#include <string>

namespace dacl::dsp {
namespace {

using cplx = std::complex<double>;
constexpr double kPi = 3.14159265358979323846;

void checkOrder(int order) {
    if (order < 1 || order > 12)
        throw std::invalid_argument("Butterworth order must be 1..12, got " + std::to_string(order));
}

void checkFreq(double f, double fs, const char* what) {
    if (!(fs > 0) || !std::isfinite(fs))
        throw std::invalid_argument("sampling rate must be positive, got " + std::to_string(fs));
    if (!(f > 0) || !(f < fs / 2))
        throw std::invalid_argument(std::string(what) + " must lie in (0, fs/2) = (0, " +
                                    std::to_string(fs / 2) + ") Hz, got " + std::to_string(f));
}

// Pre-warped analog frequency (rad/s) that the bilinear transform maps onto f.
double prewarp(double f, double fs) { return 2 * fs * std::tan(kPi * f / fs); }

cplx bilinear(cplx s, double fs) { return (2 * fs + s) / (2 * fs - s); }

// Left-half-plane poles of the normalised analog Butterworth low-pass (cutoff 1 rad/s),
// only those with Im >= 0: each stands for itself and its conjugate.
std::vector<cplx> prototypePoles(int order) {
    std::vector<cplx> poles;
    for (int k = 0; k < (order + 1) / 2; ++k) {
        const double theta = kPi * (2.0 * k + order + 1) / (2.0 * order);
        cplx p = std::polar(1.0, theta);
        if (std::abs(p.imag()) < 1e-12) p = cplx(p.real(), 0.0);
        poles.push_back(p);
    }
    return poles;
}

// Biquad with the given pair of z-plane poles (conjugates, or two reals) and numerator
// coefficients; the overall gain is fixed later.
Biquad section(cplx z1, cplx z2, double b0, double b1, double b2) {
    Biquad q;
    q.b0 = b0;
    q.b1 = b1;
    q.b2 = b2;
    q.a1 = -(z1 + z2).real();
    q.a2 = (z1 * z2).real();
    return q;
}

cplx response(const Sos& sos, double f, double fs) {
    const cplx z1 = std::polar(1.0, -2 * kPi * f / fs);  // z^-1
    const cplx z2 = z1 * z1;
    cplx h = 1.0;
    for (const Biquad& q : sos) h *= (q.b0 + q.b1 * z1 + q.b2 * z2) / (1.0 + q.a1 * z1 + q.a2 * z2);
    return h;
}

// Scales the first section so that |H| = 1 at frequency f (where the analog prototype has
// unit gain: DC for low-pass, Nyquist for high-pass, the geometric centre for band-pass).
void normaliseGain(Sos& sos, double f, double fs) {
    const double g = std::abs(response(sos, f, fs));
    sos.front().b0 /= g;
    sos.front().b1 /= g;
    sos.front().b2 /= g;
}

}  // namespace

Sos butterworthLowpass(int order, double cutoffHz, double fs) {
    checkOrder(order);
    checkFreq(cutoffHz, fs, "low-pass cut-off");
    const double wc = prewarp(cutoffHz, fs);
    Sos sos;
    for (cplx p : prototypePoles(order)) {
        const cplx z = bilinear(p * wc, fs);
        if (p.imag() == 0.0)  // first-order section: zero at z = -1
            sos.push_back(section(z, 0.0, 1, 1, 0));
        else
            sos.push_back(section(z, std::conj(z), 1, 2, 1));
    }
    normaliseGain(sos, 0.0, fs);
    return sos;
}

Sos butterworthHighpass(int order, double cutoffHz, double fs) {
    checkOrder(order);
    checkFreq(cutoffHz, fs, "high-pass cut-off");
    const double wc = prewarp(cutoffHz, fs);
    Sos sos;
    for (cplx p : prototypePoles(order)) {
        const cplx z = bilinear(wc / p, fs);
        if (p.imag() == 0.0)  // zero at z = 1
            sos.push_back(section(z, 0.0, 1, -1, 0));
        else
            sos.push_back(section(z, std::conj(z), 1, -2, 1));
    }
    normaliseGain(sos, fs / 2, fs);
    return sos;
}

Sos butterworthBandpass(int order, double lowHz, double highHz, double fs) {
    checkOrder(order);
    checkFreq(lowHz, fs, "band-pass low edge");
    checkFreq(highHz, fs, "band-pass high edge");
    if (!(lowHz < highHz))
        throw std::invalid_argument("band-pass low edge must be below the high edge");
    const double w1 = prewarp(lowHz, fs), w2 = prewarp(highHz, fs);
    const double bw = w2 - w1, w0sq = w1 * w2;
    Sos sos;
    // Low-pass -> band-pass: s -> (s² + w0²)/(s·bw). Each prototype pole p gives the two
    // roots of s² − p·bw·s + w0² = 0. Every section gets one zero at z = 1 and one at z = −1.
    for (cplx p : prototypePoles(order)) {
        const cplx pb = p * bw;
        const cplx d = std::sqrt(pb * pb - 4.0 * w0sq);
        const cplx s1 = (pb + d) / 2.0, s2 = (pb - d) / 2.0;
        const cplx z1 = bilinear(s1, fs), z2 = bilinear(s2, fs);
        if (p.imag() == 0.0) {
            sos.push_back(section(z1, z2, 1, 0, -1));  // both real, or one conjugate pair
        } else {
            sos.push_back(section(z1, std::conj(z1), 1, 0, -1));
            sos.push_back(section(z2, std::conj(z2), 1, 0, -1));
        }
    }
    // The analog centre sqrt(w1·w2) maps back to this digital frequency.
    const double fc = std::atan(std::sqrt(w0sq) / (2 * fs)) * fs / kPi;
    normaliseGain(sos, fc, fs);
    return sos;
}

double sosMagnitude(const Sos& sos, double f, double fs) { return std::abs(response(sos, f, fs)); }

namespace {

// K consecutive sections of the cascade in one pass, sample by sample. Each section's
// recursion is a chain of about 16 cycles per sample; running the sections one after another
// over the whole signal waited on that chain, while K sections side by side let the CPU overlap
// K chains. Each section computes exactly what it did alone, so the output bits are the same.
template <int K> void runSections(const Biquad* q, std::vector<double>& x, double* state) {
    double z1[K], z2[K];
    for (int k = 0; k < K; ++k) {
        z1[k] = state[2 * k];
        z2[k] = state[2 * k + 1];
    }
    for (double& v : x) {
        double in = v;
        for (int k = 0; k < K; ++k) {
            const double out = q[k].b0 * in + z1[k];
            z1[k] = q[k].b1 * in - q[k].a1 * out + z2[k];
            z2[k] = q[k].b2 * in - q[k].a2 * out;
            in = out;
        }
        v = in;
    }
    for (int k = 0; k < K; ++k) {
        state[2 * k] = z1[k];
        state[2 * k + 1] = z2[k];
    }
}

// Direct form II transposed over the cascade, in place. `state` holds two values per
// section and is updated.
void runCascade(const Sos& sos, std::vector<double>& x, std::vector<double>& state) {
    std::size_t s = 0;
    for (; s + 4 <= sos.size(); s += 4) runSections<4>(&sos[s], x, &state[2 * s]);
    for (; s + 2 <= sos.size(); s += 2) runSections<2>(&sos[s], x, &state[2 * s]);
    for (; s < sos.size(); ++s) runSections<1>(&sos[s], x, &state[2 * s]);
}

// States for which a constant input u passes through the cascade without a transient.
std::vector<double> steadyState(const Sos& sos, double u) {
    std::vector<double> st(2 * sos.size());
    double in = u;
    for (std::size_t s = 0; s < sos.size(); ++s) {
        const Biquad& q = sos[s];
        const double g = (q.b0 + q.b1 + q.b2) / (1 + q.a1 + q.a2);
        const double out = g * in;
        st[2 * s] = out - q.b0 * in;
        st[2 * s + 1] = q.b2 * in - q.a2 * out;
        in = out;
    }
    return st;
}

// Samples for the slowest pole to decay to e^-5 of its value.
int defaultPad(const Sos& sos) {
    double rmax = 0;
    for (const Biquad& q : sos) {
        // Roots of z² + a1 z + a2.
        const cplx d = std::sqrt(cplx(q.a1 * q.a1 - 4 * q.a2, 0));
        rmax = std::max({rmax, std::abs((-q.a1 + d) / 2.0), std::abs((-q.a1 - d) / 2.0)});
    }
    const int minimum = 3 * (2 * static_cast<int>(sos.size()) + 1);
    if (rmax <= 0 || rmax >= 1) return minimum;
    const double tau = -1.0 / std::log(rmax);
    return std::max(minimum, static_cast<int>(std::ceil(5 * tau)));
}

}  // namespace

std::vector<double> sosFilter(const Sos& sos, const std::vector<double>& x) {
    std::vector<double> y = x;
    std::vector<double> state(2 * sos.size(), 0.0);
    runCascade(sos, y, state);
    return y;
}

std::vector<double> filtfilt(const Sos& sos, const std::vector<double>& x, int padLength) {
    const long n = static_cast<long>(x.size());
    if (n == 0 || sos.empty()) return x;
    if (n == 1) return std::vector<double>(1, x[0] * std::pow(sosMagnitude(sos, 0.0, 1.0), 2));  // DC gain²
    long pad = padLength < 0 ? defaultPad(sos) : padLength;
    pad = std::min(pad, n - 1);

    std::vector<double> ext(static_cast<std::size_t>(n + 2 * pad));
    for (long k = 0; k < pad; ++k) ext[k] = x[pad - k];
    std::copy(x.begin(), x.end(), ext.begin() + pad);
    for (long k = 0; k < pad; ++k) ext[pad + n + k] = x[n - 2 - k];

    std::vector<double> state = steadyState(sos, ext.front());
    runCascade(sos, ext, state);
    std::reverse(ext.begin(), ext.end());
    state = steadyState(sos, ext.front());
    runCascade(sos, ext, state);
    std::reverse(ext.begin(), ext.end());
    return std::vector<double>(ext.begin() + pad, ext.begin() + pad + n);
}

}  // namespace dacl::dsp
