#include "core/dsp/fft.h"

#include "core/dsp/fft_wisdom.h"

#include <stdexcept>
#include <string>

namespace dacl::dsp::fft {

std::mutex& plannerMutex() {
    static std::mutex m;
    return m;
}

namespace {

template <class P> P checked(P p, const char* kind, int n) {
    if (!p) throw std::runtime_error(std::string("FFTW could not plan a ") + kind + " of length " + std::to_string(n));
    return p;
}

unsigned rigorFlags(Effort e) {
    switch (e) {
        case Effort::Measure: return FFTW_MEASURE;
        case Effort::Patient: return FFTW_PATIENT;
        default: return FFTW_ESTIMATE;
    }
}

// Plans with `make(flags)` under the planner lock. Every plan first makes sure the wisdom file
// has been read, so that no plan in the process is made before the import (ESTIMATE plans use
// imported wisdom where it exists: the order would otherwise change the numbers).
// Effort::Wisdom: the file's rigor with FFTW_WISDOM_ONLY (no timing, NULL when the file does
// not cover the problem), then ESTIMATE.
template <class Make> auto planLocked(Effort e, int n, const char* kind, Make make) {
    std::lock_guard<std::mutex> lock(plannerMutex());
    detail::ensureWisdomLocked();
    if (e == Effort::Wisdom) {
        unsigned rigor = 0;
        if (detail::wisdomRigorLocked(rigor)) {
            if (auto p = make(rigor | FFTW_WISDOM_ONLY)) {
                detail::countWisdomPlanLocked(true, n);
                return p;
            }
        }
        detail::countWisdomPlanLocked(false, n);
    }
    return checked(make(rigorFlags(e)), kind, n);
}

}  // namespace

template <class R> Plan<R> Plan<R>::r2c(int n, Effort e) {
    Buffer<R> in(n);
    Buffer<Cpx<R>> out(n / 2 + 1);
    // The input of every real FFT here is scratch: letting FFTW overwrite it allows faster plans.
    return Plan(planLocked(e, n, "real FFT", [&](unsigned f) {
        return Traits<R>::r2c(n, in.data(), asFftw(out.data()), f | FFTW_DESTROY_INPUT);
    }));
}

template <class R> Plan<R> Plan<R>::c2r(int n, Effort e) {
    Buffer<Cpx<R>> in(n / 2 + 1);
    Buffer<R> out(n);
    return Plan(planLocked(e, n, "real inverse FFT",
                           [&](unsigned f) { return Traits<R>::c2r(n, asFftw(in.data()), out.data(), f); }));
}

template <class R> Plan<R> Plan<R>::c2cBackward(int n, Effort e) {
    Buffer<Cpx<R>> in(n), out(n);
    return Plan(planLocked(e, n, "complex inverse FFT", [&](unsigned f) {
        return Traits<R>::c2c(n, asFftw(in.data()), asFftw(out.data()), FFTW_BACKWARD, f);
    }));
}

template <class R> void Plan<R>::reset() {
    if (!p_) return;
    std::lock_guard<std::mutex> lock(plannerMutex());
    Traits<R>::destroy(p_);
    p_ = nullptr;
}

template class Plan<double>;
template class Plan<float>;

void inverseDft(const Cpx<double>* in, Cpx<double>* out, int n) {
    Buffer<Cpx<double>> a(n), b(n);
    Plan<double> p = Plan<double>::c2cBackward(n, Effort::Estimate);
    for (int i = 0; i < n; ++i) a[i] = in[i];
    Traits<double>::execC2c(p.get(), asFftw(a.data()), asFftw(b.data()));
    for (int i = 0; i < n; ++i) out[i] = b[i] / static_cast<double>(n);
}

}  // namespace dacl::dsp::fft
