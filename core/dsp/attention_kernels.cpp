#include "core/dsp/attention_kernels.h"

#include "core/dsp/cpu_clones.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace dacl::dsp::kernels {

namespace {
constexpr int kLanes = 32;  // G entries of one row summed side by side (four AVX-512 registers; 16 and 64 were slower)
}

// Without AVX-512: one clone per instruction set, auto-vectorised.
namespace portable {

DACL_CLONES void gramClones(const double* X, const double* XT, int T, int C, double* G) {
    for (int i = 0; i < T; ++i) {
        const double* xi = X + static_cast<std::size_t>(i) * C;
        double* gi = G + static_cast<std::size_t>(i) * T;
        // Upper triangle from the block holding the diagonal: G(i, j) for j >= i.
        int j = i - i % kLanes;
        for (; j + kLanes <= T; j += kLanes) {
            double acc[kLanes] = {};
            for (int c = 0; c < C; ++c) {
                const double v = xi[c];
                const double* xt = XT + static_cast<std::size_t>(c) * T + j;
                for (int l = 0; l < kLanes; ++l) acc[l] += v * xt[l];
            }
            for (int l = std::max(0, i - j); l < kLanes; ++l) gi[j + l] = acc[l];
        }
        for (j = std::max(j, i); j < T; ++j) {
            double d = 0;
            for (int c = 0; c < C; ++c) d += xi[c] * XT[static_cast<std::size_t>(c) * T + j];
            gi[j] = d;
        }
        for (int k = i + 1; k < T; ++k) G[static_cast<std::size_t>(k) * T + i] = gi[k];
    }
}

DACL_CLONES void attendClones(const double* A, const double* X, int T, int C, double* AX) {
    std::fill(AX, AX + static_cast<std::size_t>(T) * C, 0.0);
    int i = 0;
    // Four output rows share each row of X as it streams past.
    for (; i + 4 <= T; i += 4) {
        double* o0 = AX + static_cast<std::size_t>(i) * C;
        double *o1 = o0 + C, *o2 = o1 + C, *o3 = o2 + C;
        const double* a0 = A + static_cast<std::size_t>(i) * T;
        const double *a1 = a0 + T, *a2 = a1 + T, *a3 = a2 + T;
        for (int j = 0; j < T; ++j) {
            const double w0 = a0[j], w1 = a1[j], w2 = a2[j], w3 = a3[j];
            const double* xj = X + static_cast<std::size_t>(j) * C;
            for (int c = 0; c < C; ++c) {
                const double x = xj[c];
                o0[c] += w0 * x;
                o1[c] += w1 * x;
                o2[c] += w2 * x;
                o3[c] += w3 * x;
            }
        }
    }
    for (; i < T; ++i) {
        double* o = AX + static_cast<std::size_t>(i) * C;
        const double* a = A + static_cast<std::size_t>(i) * T;
        for (int j = 0; j < T; ++j) {
            const double w = a[j];
            const double* xj = X + static_cast<std::size_t>(j) * C;
            for (int c = 0; c < C; ++c) o[c] += w * xj[c];
        }
    }
}

}  // namespace portable

#if DACL_X86_DISPATCH
// With AVX-512: register tiles. The tile templates must be compiled for AVX-512 themselves:
// GCC splits vector types a function's own target lacks before it inlines, so templates
// inlined into a target_clones clone ran as scalar code.
#pragma GCC push_options
#pragma GCC target("avx512f")
namespace avx512 {

// Both products are Out = L·R, each output summed over k from 0 upwards. A tile of R rows x Q
// vectors of W columns keeps its R·Q sums in registers for the whole k loop and reads each
// element of L once per tile and each vector of R once per R rows: the previous kernels kept
// the sums in memory (A·X) or one row at a time (Gram) and were load-bound. The additions per
// output are the same, in the same order, so the bits are too.
// (Explicit specialisations: GCC drops vector_size on a dependent alias template.)
template <int W> struct VecOf;
template <> struct VecOf<8> { typedef double type __attribute__((vector_size(64))); };
template <> struct VecOf<4> { typedef double type __attribute__((vector_size(32))); };
template <int W> using Vec = typename VecOf<W>::type;

// Out[i][n0 .. n0 + Q·W) for rows i in [0, R) (pointers at the tile's corner); K terms.
template <int R, int Q, int W>
__attribute__((always_inline)) inline void tile(const double* L, std::size_t ldl, const double* Rm, std::size_t ldr,
                                                int K, double* O, std::size_t ldo) {
    Vec<W> acc[R][Q] = {};
    for (int k = 0; k < K; ++k) {
        Vec<W> r[Q];
        for (int q = 0; q < Q; ++q) __builtin_memcpy(&r[q], Rm + k * ldr + q * W, sizeof(Vec<W>));
        for (int i = 0; i < R; ++i) {
            const double l = L[i * ldl + k];
            for (int q = 0; q < Q; ++q) acc[i][q] += l * r[q];
        }
    }
    for (int i = 0; i < R; ++i)
        for (int q = 0; q < Q; ++q) __builtin_memcpy(O + i * ldo + q * W, &acc[i][q], sizeof(Vec<W>));
}

// Columns [n0, N) of R rows: the widest tiles first, single columns last.
template <int R>
__attribute__((always_inline)) inline void rowBlock(const double* L, std::size_t ldl, const double* Rm, std::size_t ldr,
                                                    int K, int n0, int N, double* O, std::size_t ldo) {
    int n = n0;
    for (; n + 32 <= N; n += 32) tile<R, 4, 8>(L, ldl, Rm + n, ldr, K, O + n, ldo);
    for (; n + 8 <= N; n += 8) tile<R, 1, 8>(L, ldl, Rm + n, ldr, K, O + n, ldo);
    for (; n + 4 <= N; n += 4) tile<R, 1, 4>(L, ldl, Rm + n, ldr, K, O + n, ldo);
    for (; n < N; ++n)
        for (int i = 0; i < R; ++i) {
            double d = 0;
            for (int k = 0; k < K; ++k) d += L[i * ldl + k] * Rm[k * ldr + n];
            O[i * ldo + n] = d;
        }
}

constexpr int kRows = 4;  // rows per tile: 4 x 32 columns = 16 AVX-512 sums, leaving registers for the operands

void gram(const double* X, const double* XT, int T, int C, double* G) {
    const std::size_t t = static_cast<std::size_t>(T), c = static_cast<std::size_t>(C);
    // Upper triangle by row blocks, from the vector column holding the block's first diagonal
    // entry. The few entries left of the diagonal that tiles also write are the same dot
    // products (x_i·x_j and x_j·x_i round alike), as the mirror below writes them.
    int i = 0;
    for (; i + kRows <= T; i += kRows)
        rowBlock<kRows>(X + i * c, c, XT, t, C, i - i % 8, T, G + i * t, t);
    for (; i < T; ++i) rowBlock<1>(X + i * c, c, XT, t, C, i - i % 8, T, G + i * t, t);
    for (int r = 0; r < T; ++r)
        for (int k = r + 1; k < T; ++k) G[k * t + r] = G[r * t + k];
}

void attend(const double* A, const double* X, int T, int C, double* AX) {
    const std::size_t t = static_cast<std::size_t>(T), c = static_cast<std::size_t>(C);
    int i = 0;
    for (; i + kRows <= T; i += kRows) rowBlock<kRows>(A + i * t, t, X, c, T, 0, C, AX + i * c, c);
    for (; i < T; ++i) rowBlock<1>(A + i * t, t, X, c, T, 0, C, AX + i * c, c);
}

}  // namespace avx512
#pragma GCC pop_options

namespace {
bool hasAvx512() {
    static const bool yes = (__builtin_cpu_init(), __builtin_cpu_supports("avx512f"));
    return yes;
}
}  // namespace
#endif

void gram(const double* X, const double* XT, int T, int C, double* G) {
#if DACL_X86_DISPATCH
    if (hasAvx512()) return avx512::gram(X, XT, T, C, G);
#endif
    portable::gramClones(X, XT, T, C, G);
}

void attend(const double* A, const double* X, int T, int C, double* AX) {
#if DACL_X86_DISPATCH
    if (hasAvx512()) return avx512::attend(A, X, T, C, AX);
#endif
    portable::attendClones(A, X, T, C, AX);
}

DACL_CLONES void softmaxRow(double* a, int n, double scale) {
    for (int j = 0; j < n; ++j) a[j] *= scale;
    // Lanes kept apart: one running maximum waited on the previous comparison at every value.
    double lane[8];
    std::fill(lane, lane + 8, -INFINITY);
    int j = 0;
    for (; j + 8 <= n; j += 8)
        for (int l = 0; l < 8; ++l) lane[l] = std::max(lane[l], a[j + l]);
    double mx = -INFINITY;
    for (int l = 0; l < 8; ++l) mx = std::max(mx, lane[l]);
    for (; j < n; ++j) mx = std::max(mx, a[j]);
    double sum = 0;
    for (j = 0; j < n; ++j) sum += (a[j] = std::exp(a[j] - mx));
    for (j = 0; j < n; ++j) a[j] /= sum;
}

}  // namespace dacl::dsp::kernels
