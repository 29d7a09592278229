#include "core/dsp/scattering_kernels.h"

#include "core/dsp/cpu_clones.h"

#include <cmath>

#ifdef DACL_X86_DISPATCH
#include <immintrin.h>
#endif

namespace dacl::dsp::kernels {

namespace {
template <class D, class S, class W> inline void mulT(D* d, const S* s, const W* w, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) d[i] = static_cast<D>(s[i] * w[i]);
}
template <class D, class S, class W> inline void mulAddT(D* d, const S* s, const W* w, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) d[i] += static_cast<D>(s[i] * w[i]);
}
}  // namespace

DACL_CLONES void mul(double* d, const double* s, const double* w, std::size_t n) { mulT(d, s, w, n); }
DACL_CLONES void mul(float* d, const float* s, const float* w, std::size_t n) { mulT(d, s, w, n); }
DACL_CLONES void mul(float* d, const double* s, const float* w, std::size_t n) { mulT(d, s, w, n); }
DACL_CLONES void mulAdd(double* d, const double* s, const double* w, std::size_t n) { mulAddT(d, s, w, n); }
DACL_CLONES void mulAdd(float* d, const float* s, const float* w, std::size_t n) { mulAddT(d, s, w, n); }
DACL_CLONES void mulAdd(float* d, const double* s, const float* w, std::size_t n) { mulAddT(d, s, w, n); }

// The modulus needs explicit intrinsics: std::sqrt may set errno, which keeps GCC from
// vectorising it unless the whole project were built with -fno-math-errno.
namespace {

template <class R> void modulusScalar(const R* c, R* u, std::size_t n) {
    for (std::size_t t = 0; t < n; ++t) u[t] = std::sqrt(c[2 * t] * c[2 * t] + c[2 * t + 1] * c[2 * t + 1]);
}

#ifdef DACL_X86_DISPATCH
__attribute__((target("avx2"))) void modulusAvx2(const double* c, double* u, std::size_t n) {
    std::size_t t = 0;
    for (; t + 4 <= n; t += 4) {
        const __m256d a = _mm256_loadu_pd(c + 2 * t);      // r0 i0 r1 i1
        const __m256d b = _mm256_loadu_pd(c + 2 * t + 4);  // r2 i2 r3 i3
        const __m256d h = _mm256_hadd_pd(_mm256_mul_pd(a, a), _mm256_mul_pd(b, b));  // |c0|² |c2|² |c1|² |c3|²
        _mm256_storeu_pd(u + t, _mm256_sqrt_pd(_mm256_permute4x64_pd(h, _MM_SHUFFLE(3, 1, 2, 0))));
    }
    modulusScalar(c + 2 * t, u + t, n - t);
}

__attribute__((target("avx2"))) void modulusAvx2(const float* c, float* u, std::size_t n) {
    std::size_t t = 0;
    for (; t + 8 <= n; t += 8) {
        const __m256 a = _mm256_loadu_ps(c + 2 * t);
        const __m256 b = _mm256_loadu_ps(c + 2 * t + 8);
        // Per 128-bit lane: |c0|² |c1|² |c4|² |c5|² | |c2|² |c3|² |c6|² |c7|²; fix the 64-bit chunks.
        const __m256 h = _mm256_hadd_ps(_mm256_mul_ps(a, a), _mm256_mul_ps(b, b));
        const __m256 o = _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(h), _MM_SHUFFLE(3, 1, 2, 0)));
        _mm256_storeu_ps(u + t, _mm256_sqrt_ps(o));
    }
    modulusScalar(c + 2 * t, u + t, n - t);
}

__attribute__((target("avx512f"))) void modulusAvx512(const double* c, double* u, std::size_t n) {
    const __m512i even = _mm512_set_epi64(14, 12, 10, 8, 6, 4, 2, 0);
    const __m512i odd = _mm512_set_epi64(15, 13, 11, 9, 7, 5, 3, 1);
    std::size_t t = 0;
    for (; t + 8 <= n; t += 8) {
        const __m512d a = _mm512_loadu_pd(c + 2 * t);
        const __m512d b = _mm512_loadu_pd(c + 2 * t + 8);
        const __m512d re = _mm512_permutex2var_pd(a, even, b);
        const __m512d im = _mm512_permutex2var_pd(a, odd, b);
        // re*re + im*im rounded as the scalar code does it (no fused multiply-add); the maskz
        // form of sqrt avoids a GCC 12 false "uninitialised" warning in the plain one.
        _mm512_storeu_pd(u + t, _mm512_maskz_sqrt_pd(0xFF, _mm512_add_pd(_mm512_mul_pd(re, re), _mm512_mul_pd(im, im))));
    }
    modulusScalar(c + 2 * t, u + t, n - t);
}

__attribute__((target("avx512f"))) void modulusAvx512(const float* c, float* u, std::size_t n) {
    const __m512i even = _mm512_set_epi32(30, 28, 26, 24, 22, 20, 18, 16, 14, 12, 10, 8, 6, 4, 2, 0);
    const __m512i odd = _mm512_set_epi32(31, 29, 27, 25, 23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1);
    std::size_t t = 0;
    for (; t + 16 <= n; t += 16) {
        const __m512 a = _mm512_loadu_ps(c + 2 * t);
        const __m512 b = _mm512_loadu_ps(c + 2 * t + 16);
        const __m512 re = _mm512_permutex2var_ps(a, even, b);
        const __m512 im = _mm512_permutex2var_ps(a, odd, b);
        _mm512_storeu_ps(u + t, _mm512_maskz_sqrt_ps(0xFFFF, _mm512_add_ps(_mm512_mul_ps(re, re), _mm512_mul_ps(im, im))));
    }
    modulusScalar(c + 2 * t, u + t, n - t);
}

bool haveAvx512() {
    static const bool yes = __builtin_cpu_supports("avx512f");
    return yes;
}

bool haveAvx2() {
    static const bool yes = __builtin_cpu_supports("avx2");
    return yes;
}
#endif

}  // namespace

void modulus(const double* c, double* u, std::size_t n) {
#ifdef DACL_X86_DISPATCH
    if (haveAvx512()) return modulusAvx512(c, u, n);
    if (haveAvx2()) return modulusAvx2(c, u, n);
#endif
    modulusScalar(c, u, n);
}

void modulus(const float* c, float* u, std::size_t n) {
#ifdef DACL_X86_DISPATCH
    if (haveAvx512()) return modulusAvx512(c, u, n);
    if (haveAvx2()) return modulusAvx2(c, u, n);
#endif
    modulusScalar(c, u, n);
}

}  // namespace dacl::dsp::kernels
