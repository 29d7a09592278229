#pragma once
// 1-D wavelet scattering transform (orders 0, 1, 2), numerically identical to kymatio 0.4.0.dev0
// `Scattering1D(J, shape=N, Q=(Q1, Q2), max_order)` with T = stride = 2^J, oversampling 0,
// reflect padding (the specification is shared/reference/scattering1d/README.md).
//
// A Scattering1D is built once per configuration (filters, FFTW plans) and then transforms any
// number of signals of length N, from any number of threads at once. Output: nPaths() rows (paths
// in kymatio's order: order 0, order 1 by n1, order 2 by (n1, n2)) x nFrames() columns,
// row-major.
//
// Edge cases (all defined, all tested):
//  - NaN or Inf in a signal: std::invalid_argument naming the sample; no output is written.
//  - N < 2^J works as in kymatio (the padding caps at a power of two <= 3N-2, the low-pass is
//    then wider than the signal) as long as the padded length is >= 2^J and at least one frame
//    results; otherwise the constructor throws std::invalid_argument saying how short N is.
//  - Configurations that kymatio rejects by assertion (first-order wavelets that alias, or a
//    second-order wavelet above its parent) throw std::invalid_argument.
#include "core/dsp/fft.h"
#include "core/dsp/morlet.h"

#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace dacl::dsp {

struct ScatteringConfig {
    int N = 3072;     // signal length (samples)
    int J = 7;        // averaging scale T = 2^J (also the output stride)
    int Q1 = 8;       // first-order wavelets per octave
    int Q2 = 1;       // second-order wavelets per octave
    int maxOrder = 2; // 1 or 2
    // Planner effort for the FFT plans; results agree to rounding either way. FFTW_MEASURE picks
    // its algorithm by timing, so two processes could round differently (features differed by
    // ~1e-4, run AUROCs by ~5e-4). Wisdom (the default) takes the plans recorded in the
    // machine's wisdom file (fft_wisdom.h): as fast as MEASURE and the same in every process
    // that reads the same file; without a file it is Estimate.
    fft::Effort effort = fft::Effort::Wisdom;
    // First- and second-order FFTs: several wavelets per SIMD register with the in-house lane
    // FFTs (lane_fft.h; no planner, the same bits in every process), or one FFTW plan call per
    // wavelet (false: the earlier path, kept for comparison in `dacl bench scatter`). The
    // input's FFT and the order-0 path use FFTW with `effort` either way. On CPUs where the
    // lanes do not pay (lanes::lanesPay: neither AVX-512 nor AVX2) FFTW is used anyway.
    bool laneFft = true;
    // With laneFft: the lane FFTs even where lanes::lanesPay says FFTW is faster (`dacl bench
    // scatter --lane-variant` measures every variant this way).
    bool laneFftAlways = false;
};

// Names the computation whose rounding the default configuration's numbers carry (the lane
// FFTs since issue 19's session 13): part of the feature cache key, so that features cached by
// an earlier computation are recomputed rather than mixed with new ones. Change it whenever the
// default path's bits change.
inline constexpr const char* kScatteringNumerics = "lane-fft-1";

// One output row. Unused fields: j = -1, n = -1, xi = sigma = NaN.
struct ScatteringPath {
    int order = 0;
    int j1 = -1, j2 = -1;
    double xi1, sigma1, xi2, sigma2;
    int n1 = -1, n2 = -1;
};

namespace detail {
template <class R> class ScatteringEngine;
}

class Scattering1D {
public:
    explicit Scattering1D(const ScatteringConfig& config);
    ~Scattering1D();
    Scattering1D(const Scattering1D&) = delete;
    Scattering1D& operator=(const Scattering1D&) = delete;

    const ScatteringConfig& config() const { return cfg_; }
    int nPaths() const { return static_cast<int>(paths_.size()); }
    int nFrames() const { return indEnd_ - indStart_; }
    std::size_t outputSize() const { return static_cast<std::size_t>(nPaths()) * nFrames(); }
    int paddedLength() const { return L_; }
    int padLeft() const { return padLeft_; }
    int padRight() const { return padRight_; }
    // Index of the first kept sample at resolution 2^J (kymatio's ind_start).
    int frameStartIndex() const { return indStart_; }
    // Original-signal sample at which frame i sits: frameStartIndex()*2^J - padLeft() + i*2^J.
    int framePosition(int i) const { return (indStart_ + i) * (1 << cfg_.J) - padLeft_; }
    const std::vector<ScatteringPath>& paths() const { return paths_; }

    // Filter bank (DFT of length paddedLength(), level 0 = full resolution).
    const WaveletParams& phiParams() const { return phiParams_; }
    const std::vector<WaveletParams>& psi1Params() const { return psi1Params_; }
    const std::vector<WaveletParams>& psi2Params() const { return psi2Params_; }
    const std::vector<double>& phi() const { return phi_; }
    const std::vector<double>& psi1(int n1) const { return psi1_.at(n1); }
    const std::vector<double>& psi2(int n2) const { return psi2_.at(n2); }  // empty if maxOrder < 2
    std::vector<double> phiLevel(int level) const { return periodizeSum(phi_, level); }
    std::vector<double> psi2Level(int n2, int level) const { return periodizeSum(psi2_.at(n2), level); }

    // One signal x[0..N) -> out[0..outputSize()). Thread-safe.
    void transform(const double* x, double* out) const;
    // Single precision: about 2x faster, row-relative error ~1e-6 (<= 1e-4 guaranteed by tests).
    void transform(const float* x, float* out) const;
    // `count` signals stored back to back (count x N) -> count x outputSize(), over `threads`
    // threads (<= 0: all cores). Same numbers as transform() on each signal, bit for bit.
    void transformBatch(const double* x, std::size_t count, double* out, int threads) const;
    void transformBatch(const float* x, std::size_t count, float* out, int threads) const;

    // Nominal FLOPs of one signal's transform in this precision (see ScatteringEngine); builds
    // that precision's plans if they are not built yet.
    double flopsPerSignal(bool float32) const;

private:
    template <class R> const detail::ScatteringEngine<R>& engine() const;
    template <class R> void batch(const R* x, std::size_t count, R* out, int threads) const;

    ScatteringConfig cfg_;
    int L_ = 0, padLeft_ = 0, padRight_ = 0, indStart_ = 0, indEnd_ = 0;
    WaveletParams phiParams_;
    std::vector<WaveletParams> psi1Params_, psi2Params_;
    std::vector<double> phi_;
    std::vector<std::vector<double>> psi1_, psi2_;
    std::vector<ScatteringPath> paths_;

    // Engines are built on first use of each precision (plans cost time; most users need one).
    mutable std::once_flag onceD_, onceF_;
    mutable std::unique_ptr<detail::ScatteringEngine<double>> engineD_;
    mutable std::unique_ptr<detail::ScatteringEngine<float>> engineF_;
};

}  // namespace dacl::dsp
