#include "core/embed/knn.h"

#include "core/embed/parallel.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace dacl::embed {

namespace {

constexpr std::size_t kRowBlock = 8;  // rows per task; a multiple of kTileRows
constexpr std::size_t kTileRows = 4;  // register tile: 4 rows x 4 columns of partial sums
constexpr std::size_t kTileCols = 8;

// Squared distances of rows [r0, r0+rows) to every point, into out (rows x n). The data is also
// read column-major (dims x n) so that a 4 x 4 tile of sums stays in registers while the loop
// runs over dimensions; each sum is accumulated in dimension order (vectorised across columns,
// never reassociated), so every distance is the same whatever the blocking or thread count.
void distanceRows(const std::vector<double>& byDim, const double* data, std::size_t n, std::size_t dim,
                  std::size_t r0, std::size_t rows, std::vector<double>& out) {
    const std::size_t fullCols = n - n % kTileCols;
    for (std::size_t rt = 0; rt < rows; rt += kTileRows) {
        const std::size_t tr = std::min(kTileRows, rows - rt);
        const double* xr[kTileRows];
        for (std::size_t r = 0; r < kTileRows; ++r) xr[r] = data + (r0 + rt + std::min(r, tr - 1)) * dim;
        for (std::size_t j = 0; j < fullCols; j += kTileCols) {
            double acc[kTileRows][kTileCols] = {};
            const double* col = byDim.data() + j;
            for (std::size_t d = 0; d < dim; ++d, col += n) {
                for (std::size_t r = 0; r < kTileRows; ++r) {
                    const double xi = xr[r][d];
                    for (std::size_t c = 0; c < kTileCols; ++c) {
                        const double t = xi - col[c];
                        acc[r][c] += t * t;
                    }
                }
            }
            for (std::size_t r = 0; r < tr; ++r)
                for (std::size_t c = 0; c < kTileCols; ++c) out[(rt + r) * n + j + c] = acc[r][c];
        }
        for (std::size_t j = fullCols; j < n; ++j)
            for (std::size_t r = 0; r < tr; ++r) {
                double a = 0;
                for (std::size_t d = 0; d < dim; ++d) {
                    const double t = xr[r][d] - byDim[d * n + j];
                    a += t * t;
                }
                out[(rt + r) * n + j] = a;
            }
    }
}

}  // namespace

Neighbours exactKnn(const double* data, std::size_t n, std::size_t dim, std::size_t k, WorkerPool& pool,
                    ProgressSink& progress) {
    if (k == 0 || k >= n) throw std::invalid_argument("nearest neighbours: k must be in 1..n-1");
    std::vector<double> byDim(dim * n);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t d = 0; d < dim; ++d) byDim[d * n + i] = data[i * dim + d];

    Neighbours nb;
    nb.n = n;
    nb.k = k;
    nb.index.resize(n * k);
    nb.dist2.resize(n * k);
    const std::size_t blocks = (n + kRowBlock - 1) / kRowBlock;
    // Progress and cancellation between super-blocks, from this thread only.
    const std::size_t perStep = std::max<std::size_t>(1, std::min<std::size_t>(blocks, 64));
    for (std::size_t b0 = 0; b0 < blocks; b0 += perStep) {
        if (progress.cancelled()) throw Cancelled();
        progress.report("nearest neighbours", b0 * kRowBlock, n);
        const std::size_t b1 = std::min(blocks, b0 + perStep);
        pool.run(b1 - b0, [&](std::size_t begin, std::size_t end) {
            std::vector<double> dist(kRowBlock * n);
            std::vector<std::pair<double, int>> heap;
            heap.reserve(k);
            for (std::size_t b = b0 + begin; b < b0 + end; ++b) {
                const std::size_t r0 = b * kRowBlock;
                const std::size_t rows = std::min(kRowBlock, n - r0);
                distanceRows(byDim, data, n, dim, r0, rows, dist);
                for (std::size_t r = 0; r < rows; ++r) {
                    const std::size_t i = r0 + r;
                    // A max-heap of the k best (distance, index) pairs: ties go to the lower index,
                    // so the lists are unique. Most candidates fail the first comparison.
                    heap.clear();
                    const double* row = &dist[r * n];
                    for (std::size_t j = 0; j < n; ++j) {
                        if (j == i) continue;
                        const std::pair<double, int> c{row[j], static_cast<int>(j)};
                        if (heap.size() < k) {
                            heap.push_back(c);
                            std::push_heap(heap.begin(), heap.end());
                        } else if (c < heap.front()) {
                            std::pop_heap(heap.begin(), heap.end());
                            heap.back() = c;
                            std::push_heap(heap.begin(), heap.end());
                        }
                    }
                    std::sort_heap(heap.begin(), heap.end());
                    for (std::size_t q = 0; q < k; ++q) {
                        nb.dist2[i * k + q] = heap[q].first;
                        nb.index[i * k + q] = heap[q].second;
                    }
                }
            }
        }, 1);
    }
    progress.report("nearest neighbours", n, n);
    return nb;
}

}  // namespace dacl::embed
