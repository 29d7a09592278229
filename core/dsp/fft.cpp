#include "core/dsp/fft.h"

#include <stdexcept>
#include <string>

namespace dacl::dsp::fft {

std::mutex& plannerMutex() {
    static std::mutex m;
    return m;
}

namespace {
unsigned flags(Effort e) { return e == Effort::Measure ? FFTW_MEASURE : FFTW_ESTIMATE; }

template <class P> P checked(P p, const char* kind, int n) {
    if (!p) throw std::runtime_error(std::string("FFTW could not plan a ") + kind + " of length " + std::to_string(n));
    return p;
}
}  // namespace

template <class R> Plan<R> Plan<R>::r2c(int n, Effort e) {
    Buffer<R> in(n);
    Buffer<Cpx<R>> out(n / 2 + 1);
    std::lock_guard<std::mutex> lock(plannerMutex());
    // The input of every real FFT here is scratch: letting FFTW overwrite it allows faster plans.
    return Plan(checked(Traits<R>::r2c(n, in.data(), asFftw(out.data()), flags(e) | FFTW_DESTROY_INPUT), "real FFT", n));
}

template <class R> Plan<R> Plan<R>::c2r(int n, Effort e) {
    Buffer<Cpx<R>> in(n / 2 + 1);
    Buffer<R> out(n);
    std::lock_guard<std::mutex> lock(plannerMutex());
    return Plan(checked(Traits<R>::c2r(n, asFftw(in.data()), out.data(), flags(e)), "real inverse FFT", n));
}

template <class R> Plan<R> Plan<R>::c2cBackward(int n, Effort e) {
    Buffer<Cpx<R>> in(n), out(n);
    std::lock_guard<std::mutex> lock(plannerMutex());
    return Plan(checked(Traits<R>::c2c(n, asFftw(in.data()), asFftw(out.data()), FFTW_BACKWARD, flags(e)),
                        "complex inverse FFT", n));
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
