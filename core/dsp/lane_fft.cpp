#include "core/dsp/lane_fft.h"

#include "core/dsp/cpu_clones.h"

#if DACL_X86_DISPATCH
#include <immintrin.h>
#endif

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace dacl::dsp::lanes {

namespace {

// The kernels (lane_fft_kernels.inc) work on lane blocks (kLanes<R> values) through GCC vector
// types as wide as the variant's registers (AVX-512: 8 doubles or 8 floats; AVX2: 4 doubles or
// 8 floats; baseline: 16 bytes). They are compiled three times, each copy for its own
// instruction set, and the widest the CPU has is picked once at run time. The vector types must
// be compiled inside each target region: GCC lowers vector types a function's target lacks
// before inlining, so auto-vectorised plain loops (tried first) ran as scalar code.
// The kernels pass vectors only between always-inlined functions of one copy, so the ABI note
// GCC gives for them outside AVX-512 does not apply.
#pragma GCC diagnostic ignored "-Wpsabi"
#if DACL_X86_DISPATCH
#pragma GCC push_options
// Fused multiply-adds here (the file is otherwise built without contraction): 4-8 % of the
// scattering's time; the bits then differ from the other variants' (see lane_fft.h).
#pragma GCC target("avx512f,avx512vl,fma")
#pragma GCC optimize("fp-contract=fast")
namespace avx512 {
#define DACL_LANE_BYTES_D 64
#define DACL_LANE_BYTES_F 32
#define DACL_LANE_RSQRT 1
#include "core/dsp/lane_fft_kernels.inc"
#undef DACL_LANE_RSQRT
#undef DACL_LANE_BYTES_F
#undef DACL_LANE_BYTES_D
}  // namespace avx512
#pragma GCC pop_options

#pragma GCC push_options
#pragma GCC target("avx2")
namespace avx2 {
// Four doubles per register: a lane block's eight double lanes are two vectors.
#define DACL_LANE_BYTES_D 32
#define DACL_LANE_BYTES_F 32
#define DACL_LANE_SQRT_F(x) _mm256_sqrt_ps((__m256)(x))
#define DACL_LANE_SQRT_D(x) _mm256_sqrt_pd((__m256d)(x))
#include "core/dsp/lane_fft_kernels.inc"
#undef DACL_LANE_SQRT_D
#undef DACL_LANE_SQRT_F
#undef DACL_LANE_BYTES_F
#undef DACL_LANE_BYTES_D
}  // namespace avx2
#pragma GCC pop_options
#endif

namespace portable {
// 16-byte vectors: SSE2 on x86-64, NEON on ARM.
#define DACL_LANE_BYTES_D 16
#define DACL_LANE_BYTES_F 16
#include "core/dsp/lane_fft_kernels.inc"
#undef DACL_LANE_BYTES_F
#undef DACL_LANE_BYTES_D
}  // namespace portable

bool cpuHas(LaneVariant v) {
#if DACL_X86_DISPATCH
    __builtin_cpu_init();
    if (v == LaneVariant::Avx512) return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl");
    if (v == LaneVariant::Avx2) return __builtin_cpu_supports("avx2");
#endif
    return v == LaneVariant::Baseline;
}

LaneVariant bestVariant() {
    static const LaneVariant best = cpuHas(LaneVariant::Avx512) ? LaneVariant::Avx512
                                    : cpuHas(LaneVariant::Avx2) ? LaneVariant::Avx2
                                                                : LaneVariant::Baseline;
    return best;
}

std::atomic<int> chosen{-1};  // useLaneVariant's choice; -1: the best one

}  // namespace

LaneVariant laneVariant() {
    const int c = chosen.load(std::memory_order_relaxed);
    return c < 0 ? bestVariant() : static_cast<LaneVariant>(c);
}

bool useLaneVariant(LaneVariant v) {
    if (!cpuHas(v)) return false;
    chosen.store(static_cast<int>(v), std::memory_order_relaxed);
    return true;
}

namespace {

#if DACL_X86_DISPATCH
#define DACL_LANE_DISPATCH(call)                          \
    switch (laneVariant()) {                              \
    case LaneVariant::Avx512: return avx512::call;        \
    case LaneVariant::Avx2: return avx2::call;            \
    case LaneVariant::Baseline: break;                    \
    }                                                     \
    return portable::call
#else
#define DACL_LANE_DISPATCH(call) return portable::call
#endif

template <bool Inv, class R> void dif4(R* x, int len, int count, const R* tw) {
    DACL_LANE_DISPATCH(dif4<Inv>(x, len, count, tw));
}
template <bool Inv, class R> void dit4(R* x, int len, int count, const R* tw) {
    DACL_LANE_DISPATCH(dit4<Inv>(x, len, count, tw));
}
template <bool Inv, class R> void dif8(R* x, int len, int count, const R* tw) {
    DACL_LANE_DISPATCH(dif8<Inv>(x, len, count, tw));
}
template <bool Inv, class R> void dit8(R* x, int len, int count, const R* tw) {
    DACL_LANE_DISPATCH(dit8<Inv>(x, len, count, tw));
}
template <class R> void pairs2(R* x, int count) { DACL_LANE_DISPATCH(pairs2(x, count)); }
template <class R> void realPost(int h, const R* Z, const R* w, R* X, int kEnd) {
    DACL_LANE_DISPATCH(realPost(h, Z, w, X, kEnd));
}
template <class R> void modulusPack(const R* w, R* z, int h) { DACL_LANE_DISPATCH(modulusPack(w, z, h)); }
template <bool Assign, class R> void foldDense(R* W, int M, const double* F0, int L, int start, int len, const R* wg) {
    DACL_LANE_DISPATCH(foldDense<Assign>(W, M, F0, L, start, len, wg));
}
template <bool Assign, class R> void foldVertical(R* W, int M, const R* F, int Msrc, int start, int len, const R* w) {
    DACL_LANE_DISPATCH(foldVertical<Assign>(W, M, F, Msrc, start, len, w));
}

// Zero the elements of W (M blocks) outside the circular range [d0, d0 + len), len <= M.
template <class R> void zeroOutside(R* W, int M, int d0, int len) {
    const std::size_t B = 2 * kLanes<R>;
    auto zero = [&](int lo, int hi) {
        if (hi > lo) std::memset(static_cast<void*>(W + lo * B), 0, sizeof(R) * B * static_cast<std::size_t>(hi - lo));
    };
    if (d0 + len <= M) {
        zero(0, d0);
        zero(d0 + len, M);
    } else {
        zero(d0 + len - M, d0);
    }
}

// Clears what a fold into W will not overwrite; true when the fold may assign (len <= M).
template <class R> bool prepareFold(R* W, int M, int start, int len) {
    if (len <= M) {
        zeroOutside(W, M, start & (M - 1), len);
        return true;
    }
    std::memset(static_cast<void*>(W), 0, sizeof(R) * 2 * kLanes<R> * static_cast<std::size_t>(M));
    return false;
}

template <class R> void foldDenseAny(R* W, int M, const double* F0, int L, int start, int len, const R* wg) {
    if (prepareFold(W, M, start, len)) foldDense<true>(W, M, F0, L, start, len, wg);
    else foldDense<false>(W, M, F0, L, start, len, wg);
}

template <class R> void foldVerticalAny(R* W, int M, const R* F, int Msrc, int start, int len, const R* w) {
    if (prepareFold(W, M, start, len)) foldVertical<true>(W, M, F, Msrc, start, len, w);
    else foldVertical<false>(W, M, F, Msrc, start, len, w);
}

// Sub-transforms of up to this many elements (32 KB) get all their remaining stages in one go,
// while they sit in the L1 cache.
template <class R> constexpr int kL1Elements = 32 * 1024 / (2 * kLanes<R> * static_cast<int>(sizeof(R)));

bool isPowerOfTwo(int n) { return n >= 1 && (n & (n - 1)) == 0; }

constexpr double kTwoPi = 6.283185307179586476925286766559;

}  // namespace

template <class R> LaneFft<R>::LaneFft(int n) : n_(n) {
    if (!isPowerOfTwo(n)) throw std::invalid_argument("lane FFT length must be a power of two");
    // Radix-8 stages while three or more bits remain (one pass through memory per three bits),
    // then one radix-4 or radix-2 stage for the rest.
    auto addStage = [&](int radix, int len) {
        stages_.push_back({radix, len, twForward_.size()});
        for (int j = 0; j < len / radix; ++j)
            for (int r = 1; r < radix; ++r) {
                const double a = kTwoPi * static_cast<double>(r) * j / len;
                const double c = std::cos(a), sn = std::sin(a);
                twForward_.push_back(static_cast<R>(c));
                twForward_.push_back(static_cast<R>(-sn));
                twInverse_.push_back(static_cast<R>(c));
                twInverse_.push_back(static_cast<R>(sn));
            }
    };
    int len = n;
    for (; len >= 8; len /= 8) addStage(8, len);
    if (len == 4) addStage(4, 4);
    if (len == 2) stages_.push_back({2, 2, 0});
    int bits = 0;
    while ((1 << bits) < n) ++bits;
    rev_.resize(static_cast<std::size_t>(n));
    for (int t = 0; t < n; ++t) {
        int r = 0;
        for (int b = 0; b < bits; ++b) r |= ((t >> b) & 1) << (bits - 1 - b);
        rev_[static_cast<std::size_t>(t)] = r;
    }
}

// One stage on `count` consecutive sub-transforms: the inverse's DIF or the forward's DIT.
template <class R> void LaneFft<R>::apply(const Stage& st, R* x, int count, bool dif) const {
    const R* tw = (dif ? twInverse_ : twForward_).data() + st.tw;
    if (st.radix == 2) return pairs2(x, count);
    if (st.radix == 8) return dif ? dif8<true>(x, st.len, count, tw) : dit8<false>(x, st.len, count, tw);
    dif ? dif4<true>(x, st.len, count, tw) : dit4<false>(x, st.len, count, tw);
}

// x: one sub-transform of length len = stages_[stage].len. Depth first: a block small enough
// for L1 runs all its remaining stages before the next block is touched; a larger one (len >
// the L1 block, so a radix-8 stage) takes its stage over the whole block, then its eighths.
template <class R> void LaneFft<R>::difFrom(R* x, int len, std::size_t stage) const {
    if (len <= kL1Elements<R>) {
        for (std::size_t k = stage; k < stages_.size(); ++k) apply(stages_[k], x, len / stages_[k].len, true);
        return;
    }
    const std::size_t q = static_cast<std::size_t>(len / 8) * 2 * kLanes<R>;
    apply(stages_[stage], x, 1, true);
    for (int c = 0; c < 8; ++c) difFrom(x + c * q, len / 8, stage + 1);
}

// The mirror: the eighths first, then the whole block's stage.
template <class R> void LaneFft<R>::ditFrom(R* x, int len, std::size_t stage) const {
    if (len <= kL1Elements<R>) {
        for (std::size_t k = stages_.size(); k-- > stage;) apply(stages_[k], x, len / stages_[k].len, false);
        return;
    }
    const std::size_t q = static_cast<std::size_t>(len / 8) * 2 * kLanes<R>;
    for (int c = 0; c < 8; ++c) ditFrom(x + c * q, len / 8, stage + 1);
    apply(stages_[stage], x, 1, false);
}

template <class R> void LaneFft<R>::inverseToBitReversed(R* x) const { difFrom(x, n_, 0); }
template <class R> void LaneFft<R>::forwardFromBitReversed(R* x) const { ditFrom(x, n_, 0); }

template <class R> LaneRealFft<R>::LaneRealFft(int n) : n_(n), half_(std::max(1, n / 2)) {
    if (!isPowerOfTwo(n)) throw std::invalid_argument("lane FFT length must be a power of two");
    for (int k = 0; k <= n / 2; ++k) {
        const double a = kTwoPi * k / n;
        w_.push_back(static_cast<R>(std::cos(a)));
        w_.push_back(static_cast<R>(-std::sin(a)));
    }
}

template <class R> void LaneRealFft<R>::forward(R* z, R* X, int kEnd) const {
    constexpr int V = kLanes<R>;
    if (n_ == 1) {  // X[0] = u[0], the real part of z[0]
        for (int v = 0; v < V; ++v) {
            X[v] = z[v];
            X[V + v] = 0;
        }
        return;
    }
    half_.forwardFromBitReversed(z);
    realPost(n_ / 2, z, w_.data(), X, kEnd < 0 ? n_ / 2 : std::min(kEnd, n_ / 2));
}

namespace {
template <class R> void modulusPackAny(const R* w, R* z, int n) {
    constexpr int V = kLanes<R>;
    if (n > 1) return modulusPack(w, z, n / 2);
    for (int v = 0; v < V; ++v) {  // one sample: z[0] = |w[0]|
        z[v] = std::sqrt(w[v] * w[v] + w[V + v] * w[V + v]);
        z[V + v] = 0;
    }
}
}  // namespace

void laneModulusPack(const double* w, double* z, int n) { modulusPackAny(w, z, n); }
void laneFoldDense(double* W, int M, const double* F0, int L, int start, int len, const double* wg) {
    foldDenseAny(W, M, F0, L, start, len, wg);
}
void laneFoldDense(float* W, int M, const double* F0, int L, int start, int len, const float* wg) {
    foldDenseAny(W, M, F0, L, start, len, wg);
}
void laneFoldVertical(double* W, int M, const double* F, int Msrc, int start, int len, const double* w) {
    foldVerticalAny(W, M, F, Msrc, start, len, w);
}
void laneFoldVertical(float* W, int M, const float* F, int Msrc, int start, int len, const float* w) {
    foldVerticalAny(W, M, F, Msrc, start, len, w);
}
void laneModulusPack(const float* w, float* z, int n) { modulusPackAny(w, z, n); }

template class LaneFft<double>;
template class LaneFft<float>;
template class LaneRealFft<double>;
template class LaneRealFft<float>;

}  // namespace dacl::dsp::lanes
