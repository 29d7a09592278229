#pragma once
// Inner loops of the scattering engine, compiled for AVX-512/AVX2 as well as the baseline and
// picked at run time (the project builds for generic x86-64). Internal to core/dsp/scattering*.
#include <cstddef>

namespace dacl::dsp::kernels {

// dst[i] = src[i] * w[i] (assign) or dst[i] += src[i] * w[i], i < n. Complex arrays are passed
// as interleaved reals with the real filter duplicated per component (w = f0 f0 f1 f1 ...).
void mul(double* dst, const double* src, const double* w, std::size_t n);
void mul(float* dst, const float* src, const float* w, std::size_t n);
void mul(float* dst, const double* src, const float* w, std::size_t n);
void mulAdd(double* dst, const double* src, const double* w, std::size_t n);
void mulAdd(float* dst, const float* src, const float* w, std::size_t n);
void mulAdd(float* dst, const double* src, const float* w, std::size_t n);

// u[t] = |c[t]| for n interleaved complex values c.
void modulus(const double* c, double* u, std::size_t n);
void modulus(const float* c, float* u, std::size_t n);

}  // namespace dacl::dsp::kernels
