#include "core/pipeline/latent_spans.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dacl::ml {

int cropFrames(const SpanGrid& grid, int rowFrames) {
    if (!(grid.frameS > 0)) throw std::invalid_argument("span grid: the frame period must be > 0");
    double longest = 0;
    for (std::size_t k = 0; k < grid.size(); ++k) longest = std::max(longest, grid.endS[k] - grid.startS[k]);
    // Centres c0 + i*frameS inside [a, a + longest): at most floor(longest / frameS) + 1 of them.
    const int needed = static_cast<int>(std::floor(longest / grid.frameS)) + 1;
    return std::clamp(needed, 1, rowFrames);
}

Matrix latentSpanCrops(const Matrix& latents, const SpanGrid& grid, std::size_t first, std::size_t last,
                       const std::vector<float>& emptyFrame) {
    if (latents.rows == 0 || latents.rows != grid.rowStartS.size())
        throw std::invalid_argument("latent span crops: one latent row per span row needed");
    const float* row0 = latents.row(0);
    const int L = LatentRowLayout::frames(row0), d = LatentRowLayout::channels(row0);
    if (emptyFrame.size() != static_cast<std::size_t>(d)) throw std::invalid_argument("latent span crops: empty frame size");
    const int Lc = cropFrames(grid, L);
    Matrix crops(last - first, LatentRowLayout::kHeader + static_cast<std::size_t>(d) * Lc);
    for (std::size_t k = first; k < last; ++k) {
        const double a = grid.startS[k], b = grid.endS[k];
        // The last row starting at or before a (within rounding of the sample grid).
        const auto after = std::upper_bound(grid.rowStartS.begin(), grid.rowStartS.end(), a + 1e-9);
        const std::size_t r = after == grid.rowStartS.begin() ? 0 : static_cast<std::size_t>(after - grid.rowStartS.begin()) - 1;
        const float* src = latents.row(r);
        float* dst = crops.row(k - first);
        const int valid = LatentRowLayout::valid(src);
        int v = 0;
        for (int f = 0; f < valid && v < Lc; ++f) {
            const double centre = grid.rowStartS[r] + f * grid.frameS;
            if (centre < a || centre >= b) continue;
            for (int c = 0; c < d; ++c)
                dst[LatentRowLayout::kHeader + static_cast<std::size_t>(c) * Lc + v] =
                    src[LatentRowLayout::kHeader + static_cast<std::size_t>(c) * L + f];
            ++v;
        }
        if (v == 0) {
            for (int c = 0; c < d; ++c) dst[LatentRowLayout::kHeader + static_cast<std::size_t>(c) * Lc] = emptyFrame[c];
            v = 1;
        }
        dst[0] = static_cast<float>(v);
        dst[1] = static_cast<float>(Lc);
        dst[2] = static_cast<float>(d);
    }
    return crops;
}

}  // namespace dacl::ml
