#pragma once
// Thin C++ layer over FFTW3 (double and float) shared by every FFT user in core.
//
// Why a layer: FFTW's planner is not thread-safe (only fftw_execute* is), so every plan in the
// process must be created and destroyed under one mutex; plans are made once and then run from
// many threads through the new-array execute functions, which require buffers with the same
// SIMD alignment as the planning buffers (guaranteed here by allocating all with fftw_malloc).
#include <fftw3.h>

#include <complex>
#include <cstddef>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>

namespace dacl::dsp::fft {

// The one lock around FFTW's planner (plan creation and destruction) in this process.
std::mutex& plannerMutex();

// Planner effort. Estimate plans instantly and reproducibly. Measure and Patient time candidate
// algorithms (seconds per configuration), so their plans, and the rounding, may differ between
// processes: for benchmarks and for making wisdom only. Wisdom takes the plan recorded in the
// process's wisdom file (fft_wisdom.h) without timing anything, and falls back to Estimate
// where the file is missing, stale or does not cover the size: fast and reproducible.
enum class Effort { Estimate, Measure, Patient, Wisdom };

template <class R> struct Traits;

template <> struct Traits<double> {
    using Complex = fftw_complex;
    using Plan = fftw_plan;
    static void* malloc(std::size_t bytes) { return fftw_malloc(bytes); }
    static void free(void* p) { fftw_free(p); }
    static int alignmentOf(void* p) { return fftw_alignment_of(static_cast<double*>(p)); }
    static Plan r2c(int n, double* in, Complex* out, unsigned f) { return fftw_plan_dft_r2c_1d(n, in, out, f); }
    static Plan c2r(int n, Complex* in, double* out, unsigned f) { return fftw_plan_dft_c2r_1d(n, in, out, f); }
    static Plan c2c(int n, Complex* in, Complex* out, int sign, unsigned f) {
        return fftw_plan_dft_1d(n, in, out, sign, f);
    }
    static void destroy(Plan p) { fftw_destroy_plan(p); }
    static void execR2c(Plan p, double* in, Complex* out) { fftw_execute_dft_r2c(p, in, out); }
    static void execC2r(Plan p, Complex* in, double* out) { fftw_execute_dft_c2r(p, in, out); }
    static void execC2c(Plan p, Complex* in, Complex* out) { fftw_execute_dft(p, in, out); }
};

template <> struct Traits<float> {
    using Complex = fftwf_complex;
    using Plan = fftwf_plan;
    static void* malloc(std::size_t bytes) { return fftwf_malloc(bytes); }
    static void free(void* p) { fftwf_free(p); }
    static int alignmentOf(void* p) { return fftwf_alignment_of(static_cast<float*>(p)); }
    static Plan r2c(int n, float* in, Complex* out, unsigned f) { return fftwf_plan_dft_r2c_1d(n, in, out, f); }
    static Plan c2r(int n, Complex* in, float* out, unsigned f) { return fftwf_plan_dft_c2r_1d(n, in, out, f); }
    static Plan c2c(int n, Complex* in, Complex* out, int sign, unsigned f) {
        return fftwf_plan_dft_1d(n, in, out, sign, f);
    }
    static void destroy(Plan p) { fftwf_destroy_plan(p); }
    static void execR2c(Plan p, float* in, Complex* out) { fftwf_execute_dft_r2c(p, in, out); }
    static void execC2r(Plan p, Complex* in, float* out) { fftwf_execute_dft_c2r(p, in, out); }
    static void execC2c(Plan p, Complex* in, Complex* out) { fftwf_execute_dft(p, in, out); }
};

template <class T> struct RealOf { using type = T; };
template <class R> struct RealOf<std::complex<R>> { using type = R; };

// An fftw_malloc'ed array of T (SIMD-aligned, as new-array execution requires). T is a real
// type or std::complex<R>, which is layout-compatible with fftw_complex.
template <class T> class Buffer {
public:
    Buffer() = default;
    explicit Buffer(std::size_t n) : n_(n), p_(static_cast<T*>(alloc(n))) {
        for (std::size_t i = 0; i < n_; ++i) p_[i] = T{};
    }
    T* data() { return p_.get(); }
    const T* data() const { return p_.get(); }
    std::size_t size() const { return n_; }
    T& operator[](std::size_t i) { return p_[i]; }
    const T& operator[](std::size_t i) const { return p_[i]; }

private:
    using R = typename RealOf<T>::type;
    static void* alloc(std::size_t n) {
        void* p = Traits<R>::malloc(n ? n * sizeof(T) : 1);
        if (!p) throw std::bad_alloc();
        // Plans are made on fftw_malloc'ed buffers; new-array execution needs the same alignment.
        if (Traits<R>::alignmentOf(p) != 0) {
            Traits<R>::free(p);
            throw std::logic_error("fftw_malloc returned a buffer without SIMD alignment");
        }
        return p;
    }
    struct Free {
        void operator()(T* p) const { Traits<R>::free(p); }
    };
    std::size_t n_ = 0;
    std::unique_ptr<T[], Free> p_;
};

// Owns one plan; creation and destruction take plannerMutex().
template <class R> class Plan {
public:
    using P = typename Traits<R>::Plan;
    Plan() = default;
    explicit Plan(P p) : p_(p) {}
    Plan(Plan&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
    Plan& operator=(Plan&& o) noexcept {
        if (this != &o) { reset(); p_ = o.p_; o.p_ = nullptr; }
        return *this;
    }
    Plan(const Plan&) = delete;
    Plan& operator=(const Plan&) = delete;
    ~Plan() { reset(); }
    P get() const { return p_; }

    // Out-of-place plans of length n. Planning buffers are scratch (Measure overwrites them).
    // r2c and c2r may overwrite their input when executed; c2cBackward preserves it.
    static Plan r2c(int n, Effort e);
    static Plan c2r(int n, Effort e);
    static Plan c2cBackward(int n, Effort e);

private:
    void reset();
    P p_ = nullptr;
};

template <class R> using Cpx = std::complex<R>;

// Complex views for FFTW calls on std::complex buffers (same layout by the C++ standard).
template <class R> inline typename Traits<R>::Complex* asFftw(Cpx<R>* p) {
    return reinterpret_cast<typename Traits<R>::Complex*>(p);
}

// Inverse DFT with the 1/n factor, any n: for one-off computations (filter design), not hot loops.
void inverseDft(const Cpx<double>* in, Cpx<double>* out, int n);

}  // namespace dacl::dsp::fft
