#include "core/dsp/scattering.h"

#include "core/dsp/scattering_engine.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>

namespace dacl::dsp {

namespace {

int ceilLog2(long long x) {  // smallest p with 2^p >= x (x >= 1)
    int p = 0;
    while ((1LL << p) < x) ++p;
    return p;
}
int floorLog2(long long x) {  // largest p with 2^p <= x (x >= 1)
    int p = 0;
    while ((1LL << (p + 1)) <= x) ++p;
    return p;
}
int ceilHalf(int v) { return v / 2 + v % 2; }

void require(bool ok, const std::string& msg) {
    if (!ok) throw std::invalid_argument("scattering: " + msg);
}

// `signal` < 0: a single signal (not named in the message).
template <class R> void checkFinite(const R* x, int N, long long signal) {
    for (int i = 0; i < N; ++i) {
        if (!std::isfinite(x[i])) {
            const std::string which = signal < 0 ? std::string() : "signal " + std::to_string(signal) + ", ";
            throw std::invalid_argument("scattering: " + which + "sample " + std::to_string(i) + " is " +
                                        (std::isnan(x[i]) ? "NaN" : "infinite") +
                                        "; the transform needs finite input");
        }
    }
}

// Finite input can still overflow inside the transform (samples near 1e308 square to Inf, and
// Inf - Inf is NaN): such output must be an error, never NaN features with exit status 0.
template <class R> void checkFiniteOutput(const R* y, std::size_t size, const R* x, int N, long long signal) {
    for (std::size_t i = 0; i < size; ++i) {
        if (std::isfinite(y[i])) continue;
        double peak = 0;
        for (int k = 0; k < N; ++k) peak = std::max(peak, std::fabs(static_cast<double>(x[k])));
        const std::string which = signal < 0 ? std::string() : "signal " + std::to_string(signal) + ": ";
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.3g", peak);
        throw std::invalid_argument("scattering: " + which + "the result is not finite (samples reach |x| = " + buf +
                                    ", beyond what the transform can represent); rescale the signal");
    }
}

}  // namespace

Scattering1D::Scattering1D(const ScatteringConfig& config) : cfg_(config) {
    const int N = cfg_.N, J = cfg_.J;
    require(N >= 1, "N must be >= 1 (got " + std::to_string(N) + ")");
    require(J >= 1 && J <= 24, "J must be in 1..24 (got " + std::to_string(J) + ")");
    require(cfg_.Q1 >= 1 && cfg_.Q1 <= 64, "Q1 must be in 1..64 (got " + std::to_string(cfg_.Q1) + ")");
    require(cfg_.Q2 >= 1 && cfg_.Q2 <= 64, "Q2 must be in 1..64 (got " + std::to_string(cfg_.Q2) + ")");
    require(cfg_.maxOrder == 1 || cfg_.maxOrder == 2,
            "max order must be 1 or 2 (got " + std::to_string(cfg_.maxOrder) + ")");
    require(N <= (1 << 26), "N is too large (got " + std::to_string(N) + ")");

    // Padding: 3x the half support of phi at the unpadded length, rounded up to a power of two,
    // but never more than 3N-2 in total so that reflect padding needs a single mirror.
    const double sigmaLow = kScatterSigma0 / std::pow(2.0, J);
    const int minToPad = 3 * temporalHalfSupport(gaussFourier(N, sigmaLow));
    const int Jpad = std::min(ceilLog2(static_cast<long long>(N) + 2LL * minToPad), floorLog2(3LL * N - 2));
    L_ = 1 << Jpad;
    padLeft_ = (L_ - N) / 2;
    padRight_ = L_ - N - padLeft_;
    require(L_ >= (1 << J), "N = " + std::to_string(N) + " is too short for J = " + std::to_string(J) +
                                " (padded length " + std::to_string(L_) + " < 2^J); use a smaller J");
    indStart_ = padLeft_;
    indEnd_ = padLeft_ + N;
    for (int i = 0; i < J; ++i) {
        indStart_ = ceilHalf(indStart_);
        indEnd_ = ceilHalf(indEnd_);
    }
    require(indEnd_ > indStart_, "N = " + std::to_string(N) + " is too short for J = " + std::to_string(J) +
                                     " (no output frame); use a smaller J");

    phiParams_ = {0.0, sigmaLow, J};
    psi1Params_ = morletBankParams(J, cfg_.Q1);
    if (cfg_.maxOrder >= 2) psi2Params_ = morletBankParams(J, cfg_.Q2);
    // The reference asserts these anti-aliasing conditions for the filter banks it builds.
    for (const auto& p : psi1Params_)
        require(p.xi < 0.5 / std::pow(2.0, p.j), "first-order wavelets would alias for this J, Q");
    for (const auto& a : psi1Params_)
        for (const auto& b : psi2Params_)
            require(!(a.j < b.j) || a.xi > b.xi, "a second-order wavelet lies above its first-order parent");

    phi_ = gaussFourier(L_, sigmaLow);
    for (const auto& p : psi1Params_) psi1_.push_back(morletFourier(L_, p.xi, p.sigma));
    for (const auto& p : psi2Params_) psi2_.push_back(morletFourier(L_, p.xi, p.sigma));

    const double nan = std::numeric_limits<double>::quiet_NaN();
    paths_.push_back({0, -1, -1, nan, nan, nan, nan, -1, -1});
    for (int n1 = 0; n1 < static_cast<int>(psi1Params_.size()); ++n1) {
        const auto& p = psi1Params_[n1];
        paths_.push_back({1, p.j, -1, p.xi, p.sigma, nan, nan, n1, -1});
    }
    for (int n1 = 0; n1 < static_cast<int>(psi1Params_.size()); ++n1) {
        for (int n2 = 0; n2 < static_cast<int>(psi2Params_.size()); ++n2) {
            const auto& a = psi1Params_[n1];
            const auto& b = psi2Params_[n2];
            if (b.j > a.j) paths_.push_back({2, a.j, b.j, a.xi, a.sigma, b.xi, b.sigma, n1, n2});
        }
    }
}

Scattering1D::~Scattering1D() = default;

template <> const detail::ScatteringEngine<double>& Scattering1D::engine<double>() const {
    std::call_once(onceD_, [this] { engineD_ = std::make_unique<detail::ScatteringEngine<double>>(*this); });
    return *engineD_;
}

template <> const detail::ScatteringEngine<float>& Scattering1D::engine<float>() const {
    std::call_once(onceF_, [this] { engineF_ = std::make_unique<detail::ScatteringEngine<float>>(*this); });
    return *engineF_;
}

template <class R> void Scattering1D::batch(const R* x, std::size_t count, R* out, int threads) const {
    for (std::size_t s = 0; s < count; ++s)
        checkFinite(x + s * cfg_.N, cfg_.N, count > 1 ? static_cast<long long>(s) : -1);
    const auto& eng = engine<R>();
    if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    threads = static_cast<int>(std::min<std::size_t>(threads, std::max<std::size_t>(count, 1)));
    std::atomic<std::size_t> next{0};
    auto worker = [&] { eng.work(x, count, out, outputSize(), next); };
    if (threads <= 1) {
        worker();
    } else {
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
        for (auto& t : pool) t.join();
    }
    for (std::size_t s = 0; s < count; ++s)
        checkFiniteOutput(out + s * outputSize(), outputSize(), x + s * cfg_.N, cfg_.N,
                          count > 1 ? static_cast<long long>(s) : -1);
}

double Scattering1D::flopsPerSignal(bool float32) const {
    return float32 ? engine<float>().flopsPerSignal() : engine<double>().flopsPerSignal();
}

void Scattering1D::transform(const double* x, double* out) const { batch(x, 1, out, 1); }
void Scattering1D::transform(const float* x, float* out) const { batch(x, 1, out, 1); }
void Scattering1D::transformBatch(const double* x, std::size_t count, double* out, int threads) const {
    batch(x, count, out, threads);
}
void Scattering1D::transformBatch(const float* x, std::size_t count, float* out, int threads) const {
    batch(x, count, out, threads);
}

}  // namespace dacl::dsp
