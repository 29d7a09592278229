#pragma once
// The two O(T²C) products of a Scattering Transformer layer, vectorised across independent
// outputs only: every output value is summed in the same order, with separate multiplies and
// adds (this file is built with -ffp-contract=off), as the textbook loops sum it, so the results
// are bit-identical to them on every CPU (AVX-512: register tiles; AVX2 or none: clones of
// plain loops, picked by the loader).
#include <cstddef>

namespace dacl::dsp::kernels {

// G = X Xᵀ for X (T x C, row-major) given also as XT (C x T); G is T x T, both triangles.
void gram(const double* X, const double* XT, int T, int C, double* G);

// AX = A X for A (T x T) and X (T x C), row-major; AX is T x C.
void attend(const double* A, const double* X, int T, int C, double* AX);

// a <- softmax(scale · a) over one row of n values, shifted by the row's maximum for stability:
// the textbook row loop, with the maximum found 8 lanes at a time (the maximum of finite values
// does not depend on the order; a zero's sign cannot change a - max) and vector division.
void softmaxRow(double* a, int n, double scale);

}  // namespace dacl::dsp::kernels
