#pragma once
// Exact k nearest neighbours in Euclidean space (squared distances), for t-SNE's sparse
// affinities. Brute force, blocked so that it vectorises without reassociating sums: every
// distance is summed over dimensions in the same order whatever the thread count, and ties
// are broken by index, so the neighbour lists are deterministic.
#include "core/common/progress.h"

#include <cstddef>
#include <vector>

namespace dacl::embed {

class WorkerPool;

struct Neighbours {
    std::size_t n = 0, k = 0;
    std::vector<int> index;      // n*k, row i: its k nearest other points, nearest first
    std::vector<double> dist2;   // n*k, squared Euclidean distances, ascending
};

// data: n x dim, row-major. k < n. Polls progress.cancelled() (throws Cancelled) and reports
// the stage "nearest neighbours". The points themselves are never their own neighbours.
Neighbours exactKnn(const double* data, std::size_t n, std::size_t dim, std::size_t k, WorkerPool& pool,
                    ProgressSink& progress);

}  // namespace dacl::embed
