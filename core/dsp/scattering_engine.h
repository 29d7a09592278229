#pragma once
// Internal to Scattering1D: the per-precision compute engine (FFT plans, band-limited filter
// slices, per-thread workspaces). Not for use outside core/dsp/scattering*.
//
// How it stays exact yet fast:
//  - Every convolution is a product in the Fourier domain followed by decimation, done as in the
//    reference by summing the 2^k aliased blocks of the product spectrum and running an inverse
//    FFT of the shorter length (equal to keeping every 2^k-th sample of the full convolution).
//  - Each filter is stored only on the circular arc of bins where it exceeds 1e-20 of its peak
//    (float: 1e-10): the rest cannot change a result by more than FFT rounding already does.
//    Only those bins are multiplied and folded.
//  - Real signals (the padded input, |.| after each wavelet) use real-input FFTs; the low-pass
//    stages use a symmetrised phi (its real part is all the reference keeps) and a c2r transform
//    of length N_padded / 2^J.
//  - The spectrum of U1 is computed once per first-order path and reused by S1 and by all its
//    second-order children; only pairs with j2 > j1 are computed.
//  - The padded input and its FFT are double even in the float engine: a band with little energy
//    (high frequencies of an ECG) would otherwise inherit float rounding relative to the whole
//    signal's energy (row-relative errors ~5e-5 instead of ~1e-6). The cost is one double FFT.
//  - Measured and rejected: batched FFTW plans (howmany = 2..8 of one length ran at
//    0.98-1.06x the single plans) and two real FFTs per complex one (u + iv: no faster than
//    FFTW's real transforms with wisdom, plus the split); the plans' own speed is what wisdom buys.
//  - Filter slices are pre-scaled by 1/length (an exact power of two) so FFTW's unnormalised
//    inverse transforms need no extra pass.
//  - By default (ScatteringConfig::laneFft) orders 1 and 2 run on lane FFTs, eight wavelets of
//    one resolution per SIMD register (scattering_lanes.h, lane_fft.h); groups of fewer than
//    kMinLanes wavelets, the input's FFT and order 0 stay with FFTW. Same-run speed-up over
//    FFTW with wisdom: 1.3-1.4x in double, 1.2-1.3x in single precision (BENCHMARKS.md).
#include "core/dsp/fft.h"
#include "core/dsp/scattering_lanes.h"

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace dacl::dsp {
class Scattering1D;
}

namespace dacl::dsp::detail {

template <class R> struct Arc {
    int start = 0;         // first bin, in [0, source length)
    int len = 0;           // number of bins (wraps modulo the source length)
    int negNeed = 0;       // how many top bins (negative frequencies) of the source it reads
    std::vector<R> w;      // filter values on the arc, scaled by 1/source length, each twice
                           // (once per real/imaginary component, for straight SIMD loops)
};

// Bounds [lo, hi) of the entries of a reused buffer that may be nonzero.
struct Dirty {
    int lo = 0, hi = 0;
};

template <class R> class ScatteringEngine {
public:
    explicit ScatteringEngine(const Scattering1D& s);
    ~ScatteringEngine();

    // One worker's loop: signals s = next++ < count (x: count x N, all finite; out: count x
    // outStride). Callable from many threads at once; each takes its own workspace from a pool,
    // so nothing is allocated per signal once the pool is warm.
    void work(const R* x, std::size_t count, R* out, std::size_t outStride, std::atomic<std::size_t>& next) const;

    // Nominal floating-point operations of one signal's transform with this plan: 5 n log2 n
    // per complex FFT, 2.5 n log2 n per real one, 2 per bin of a real filter applied to a
    // complex spectrum, 4 per sample of a modulus. For the distance to the hardware limit.
    double flopsPerSignal() const { return flops_; }

private:
    struct Workspace;
    std::unique_ptr<Workspace> acquire() const;
    void release(std::unique_ptr<Workspace> ws) const;
    void run(const R* x, R* out, Workspace& ws) const;
    struct Child {
        int n2, row;
    };
    template <class S> void lowpass(const fft::Cpx<S>* F, int level, R* outRow, Workspace& ws) const;
    const fft::Plan<R>& r2c(int level) const;
    const fft::Plan<R>& c2c(int level) const;

    int N_ = 0, L_ = 0, J_ = 0, LJ_ = 0, padLeft_ = 0, indStart_ = 0, nFrames_ = 0, maxOrder_ = 2;
    std::vector<Arc<R>> phi_;                  // by level 0..J-1 (symmetrised)
    std::vector<Arc<R>> psi1_;                 // level 0
    std::vector<int> j1_, j2_;
    std::vector<std::vector<Arc<R>>> psi2_;    // [n2][level], levels 0..j2-1
    std::vector<std::vector<Child>> children_; // [n1]: second-order paths with j2 > j1
    int need0_ = 0;                            // negative-frequency bins read from F0
    std::vector<int> need1_;                   // ... from the spectrum of U1, per n1
    std::vector<fft::Plan<R>> r2c_, c2c_;      // by level; only the needed ones are made
    fft::Plan<R> c2rJ_;
    fft::Plan<double> r2cInput_;               // the input's FFT is always double (see above)
    std::unique_ptr<LanePaths<R>> lanes_;      // orders 1 and 2 with lane FFTs (config().laneFft)
    std::vector<char> viaFftw_;                // per n1: computed here with FFTW (not by lanes_)
    double flops_ = 0;

    mutable std::mutex poolMutex_;
    mutable std::vector<std::unique_ptr<Workspace>> pool_;
};

extern template class ScatteringEngine<double>;
extern template class ScatteringEngine<float>;

}  // namespace dacl::dsp::detail
