#pragma once
// Power-of-two FFTs of many same-length signals at once, one signal per SIMD lane (issue 19).
//
// Why: the scattering transform runs dozens of FFTs of one length per resolution (one per
// wavelet). Stored lane-interleaved, every butterfly is the same vertical operation on
// kLanes<R> signals (one SIMD register), with one broadcast
// twiddle, no shuffles and no planner: the algorithm is fixed by n alone.
//
// Algorithm: in-place radix-8 (then one radix-4 or radix-2 stage), decimation in frequency
// for the inverse (natural order in, bit-reversed out) and in time for the forward transform
// (bit-reversed in, natural out), so no reordering pass is needed between an inverse FFT, a
// pointwise modulus and a forward FFT. Blocks of up to kL1Elements elements get all their
// remaining stages at once while they sit in the L1 cache (an out-of-place Stockham version
// that streamed every stage through the cache was 1.3-1.7x slower than FFTW from n = 256 up).
//
// Layout of a "lane block" array of n complex elements: element k of lane v has its real part
// at p[2*k*V + v] and its imaginary part at p[(2*k+1)*V + v], V = kLanes<R>. Arrays should be
// 64-byte aligned (loads that split cache lines cost ~1.4x).
//
// Determinism: every lane is computed by the same sequence of operations, independent of the
// other lanes, and the variant (AVX-512, AVX2, baseline) is picked once per process from the
// CPU: the same input gives the same bits in every process on one machine, with no planner.
// Across machines the bits may differ, as FFTW's do: the AVX-512 variant fuses multiply-adds and
// takes the modulus from the 14-bit reciprocal square root refined by Newton steps (within an
// ulp or two), while the AVX2 and baseline variants are compiled without contraction and use
// the correctly rounded sqrt. Twiddles come from std::cos/std::sin in double.
#include <cstddef>
#include <vector>

namespace dacl::dsp::lanes {

// Eight lanes in both precisions: one AVX-512 register of doubles, one AVX register of floats
// (on narrower registers a lane block is two or four vectors, handled one after the other).
// The scattering's wavelet groups have eight members (Q = 8 per octave); sixteen float lanes
// left half of every register empty and cost 1.3-1.5x per used lane more than they saved.
template <class R> constexpr int kLanes = 8;

// The compiled variants of the kernels. A process uses the widest its CPU supports (AVX-512 needs
// AVX-512F and VL); tests and benchmarks may choose a narrower one for the whole process with
// useLaneVariant (false, and no change, when the CPU lacks it).
enum class LaneVariant { Avx512, Avx2, Baseline };
LaneVariant laneVariant();
bool useLaneVariant(LaneVariant v);
// Whether the lane FFTs beat one FFTW call per transform in the scattering with the current
// variant: AVX-512 and AVX2, in both precisions. The baseline variant (16-byte vectors) does not
// (J 7, N 3072 on this project's AVX-512 VM, forcing each variant with `dacl bench scatter
// --lane-variant`, same-run ratio over FFTW with wisdom: AVX2 1.01-1.13x double, 1.18-1.28x
// float; baseline 0.83x / 0.95x; BENCHMARKS.md session 14).
template <class R> bool lanesPay() { return laneVariant() != LaneVariant::Baseline; }

template <class R> class LaneFft {
public:
    explicit LaneFft(int n = 1);  // n: a power of two >= 1
    int size() const { return n_; }
    // Unnormalised inverse DFT (sign +1) of all lanes of x (n lane blocks), in place; time
    // index t of the result is at element bitReversed(t).
    void inverseToBitReversed(R* x) const;
    // Unnormalised forward DFT (sign -1) of x whose element bitReversed(t) holds sample t, in
    // place; the result is in natural order.
    void forwardFromBitReversed(R* x) const;
    int bitReversed(int t) const { return rev_[static_cast<std::size_t>(t)]; }

private:
    struct Stage {
        int radix, len;    // butterfly radix, sub-transform length
        std::size_t tw;    // offset of this stage's twiddles (2 (radix - 1) values per index j)
    };
    void apply(const Stage& st, R* x, int count, bool dif) const;
    void difFrom(R* x, int len, std::size_t stage) const;
    void ditFrom(R* x, int len, std::size_t stage) const;
    int n_ = 1;
    std::vector<Stage> stages_;  // decreasing len
    std::vector<R> twForward_, twInverse_;
    std::vector<int> rev_;
};

// Forward DFT of real lane signals u of length n (power of two >= 1), given as the n/2-element
// complex lane array z[t] = u[2t] + i u[2t+1] stored bit-reversed (laneModulusPack writes it so).
template <class R> class LaneRealFft {
public:
    explicit LaneRealFft(int n = 1);
    int size() const { return n_; }
    // z: max(1, n/2) lane blocks (overwritten); X: receives bins 0..n/2 as lane blocks, or
    // only 0..kEnd when kEnd >= 0 (the others are not needed: a low-pass reads a few bins).
    void forward(R* z, R* X, int kEnd = -1) const;

private:
    int n_ = 1;
    LaneFft<R> half_;
    std::vector<R> w_;  // cos, -sin of 2 pi k / n, k = 0..n/2
};

// The modulus of an inverse FFT's bit-reversed output w (n lane blocks) packed for
// LaneRealFft<R>(n): z[i] = |w[i]| + i |w[i + n/2]|, i < n/2 (which is u[2t] + i u[2t+1] in
// bit-reversed order); for n = 1, z[0] = |w[0]|.
void laneModulusPack(const double* w, double* z, int n);
void laneModulusPack(const float* w, float* z, int n);

// Folds of a spectrum into the lanes of W (M lane blocks, M a power of two), over bins
// k = start + i (mod the source length), i < len, each added into element k mod M; with
// assign (len <= M: every element is hit at most once) the covered elements are overwritten
// and the others set to zero, otherwise W is cleared first.
// Dense: one real source spectrum F0 (L interleaved complex doubles, L a power of two) and a
// weight per bin and lane, wg[i*V + v]; products are rounded in double, then to R.
void laneFoldDense(double* W, int M, const double* F0, int L, int start, int len, const double* wg);
void laneFoldDense(float* W, int M, const double* F0, int L, int start, int len, const float* wg);
// Vertical: a lane array F of Msrc blocks, one weight per bin for every lane (w[2i]).
void laneFoldVertical(double* W, int M, const double* F, int Msrc, int start, int len, const double* w);
void laneFoldVertical(float* W, int M, const float* F, int Msrc, int start, int len, const float* w);

extern template class LaneFft<double>;
extern template class LaneFft<float>;
extern template class LaneRealFft<double>;
extern template class LaneRealFft<float>;

}  // namespace dacl::dsp::lanes
