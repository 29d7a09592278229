#include "core/dsp/resample.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

namespace dacl::dsp {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kKaiserBeta = 8.6;
constexpr double kCutoff = 0.9;        // fraction of the lower Nyquist frequency
constexpr double kZeroCrossings = 32;  // per side, at the lower rate

// Modified Bessel function of the first kind, order 0 (power series; converges fast for
// the arguments a Kaiser window needs).
double besselI0(double x) {
    double sum = 1, term = 1;
    const double q = x * x / 4;
    for (int k = 1; k < 200; ++k) {
        term *= q / (double(k) * k);
        sum += term;
        if (term < 1e-17 * sum) break;
    }
    return sum;
}

double sinc(double x) { return x == 0 ? 1.0 : std::sin(kPi * x) / (kPi * x); }

bool isInteger(double v) { return std::abs(v - std::round(v)) < 1e-9 * std::max(1.0, std::abs(v)); }

// Best rational approximation p/q of r with p, q <= maxTerm (continued fractions).
RationalRatio convergent(double r, long maxTerm) {
    long p0 = 0, q0 = 1, p1 = 1, q1 = 0;
    double v = r;
    for (int it = 0; it < 64; ++it) {
        const double a = std::floor(v);
        const long ai = static_cast<long>(a);
        const long p2 = ai * p1 + p0, q2 = ai * q1 + q0;
        if (p2 > maxTerm || q2 > maxTerm) break;
        p0 = p1; q0 = q1; p1 = p2; q1 = q2;
        const double frac = v - a;
        if (frac < 1e-12) break;
        v = 1.0 / frac;
    }
    if (q1 == 0 || p1 == 0) return {1, 1};
    return {p1, q1};
}

}  // namespace

RationalRatio rationalRatio(double fsIn, double fsOut, long maxTerm) {
    if (!(fsIn > 0) || !(fsOut > 0) || !std::isfinite(fsIn) || !std::isfinite(fsOut))
        throw std::invalid_argument("sampling rates must be positive and finite (got " +
                                    std::to_string(fsIn) + " Hz -> " + std::to_string(fsOut) + " Hz)");
    if (isInteger(fsIn) && isInteger(fsOut)) {
        const long a = std::lround(fsIn), b = std::lround(fsOut);
        const long g = std::gcd(a, b);
        if (b / g <= maxTerm && a / g <= maxTerm) return {b / g, a / g};
    }
    return convergent(fsOut / fsIn, maxTerm);
}

std::vector<double> resample(const std::vector<double>& x, double fsIn, double fsOut) {
    const RationalRatio r = rationalRatio(fsIn, fsOut);
    if (fsIn == fsOut || x.empty()) return x;
    const long n = static_cast<long>(x.size());
    const long L = r.up, M = r.down;
    const long nOut = std::lround(static_cast<double>(n) * fsOut / fsIn);
    if (nOut <= 0) return {};

    // Kernel g(τ) = c·sinc(c·τ)·w(τ), τ in input samples, tabulated at τ = m/L, |m| <= H.
    const double c = kCutoff * std::min(1.0, double(L) / double(M));
    const double halfWidth = kZeroCrossings / std::min(1.0, double(L) / double(M));  // input samples
    const long H = static_cast<long>(std::ceil(halfWidth * L));
    const double i0beta = besselI0(kKaiserBeta);

    // Polyphase branches: for output at upsampled position p = q·L + φ, the input k = q + d
    // contributes with tap g((φ − d·L)/L). Branch φ stores d = dFirst[φ] ... in order.
    std::vector<std::vector<double>> taps(static_cast<std::size_t>(L));
    std::vector<long> dFirst(static_cast<std::size_t>(L));
    for (long phi = 0; phi < L; ++phi) {
        // |phi − d·L| <= H  <=>  (phi − H)/L <= d <= (phi + H)/L
        const long dLo = static_cast<long>(std::ceil(double(phi - H) / L));
        const long dHi = static_cast<long>(std::floor(double(phi + H) / L));
        auto& t = taps[phi];
        dFirst[phi] = dLo;
        double sum = 0;
        for (long d = dLo; d <= dHi; ++d) {
            const double tau = double(phi - d * L) / L;
            const double u = tau / (halfWidth + 1.0 / L);
            const double w = std::abs(u) >= 1 ? 0.0 : besselI0(kKaiserBeta * std::sqrt(1 - u * u)) / i0beta;
            t.push_back(c * sinc(c * tau) * w);
            sum += t.back();
        }
        for (double& v : t) v /= sum;  // unit DC gain in every branch
    }

    auto at = [&](long k) {
        if (k < 0) return 2 * x[0] - x[std::min(-k, n - 1)];
        if (k >= n) return 2 * x[n - 1] - x[std::max(2 * (n - 1) - k, 0L)];
        return x[k];
    };

    std::vector<double> y(static_cast<std::size_t>(nOut));
    for (long j = 0; j < nOut; ++j) {
        const long long p = static_cast<long long>(j) * M;
        const long q = static_cast<long>(p / L), phi = static_cast<long>(p % L);
        const auto& t = taps[phi];
        const long k0 = q + dFirst[phi];
        const long len = static_cast<long>(t.size());
        double acc = 0;
        if (k0 >= 0 && k0 + len <= n) {
            const double* xp = x.data() + k0;
            for (long i = 0; i < len; ++i) acc += t[i] * xp[i];
        } else {
            for (long i = 0; i < len; ++i) acc += t[i] * at(k0 + i);
        }
        y[j] = acc;
    }
    return y;
}

}  // namespace dacl::dsp
