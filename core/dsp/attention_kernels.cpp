#include "core/dsp/attention_kernels.h"

#include "core/dsp/cpu_clones.h"

#include <algorithm>

namespace dacl::dsp::kernels {

namespace {
constexpr int kLanes = 32;  // G entries of one row summed side by side (four AVX-512 registers; 16 and 64 were slower)
}

DACL_CLONES void gram(const double* X, const double* XT, int T, int C, double* G) {
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

DACL_CLONES void attend(const double* A, const double* X, int T, int C, double* AX) {
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

}  // namespace dacl::dsp::kernels
