#pragma once
// t-SNE input similarities (van der Maaten & Hinton 2008; van der Maaten 2014).
// p_{j|i} = exp(-beta_i d_ij^2) / sum_k exp(-beta_i d_ik^2), with beta_i found by bisection so
// that the row's Shannon entropy (natural log) equals log(perplexity); the joint P is
// (p_{j|i} + p_{i|j}) / 2n, which sums to 1.
#include "core/common/progress.h"

#include <cstddef>
#include <vector>

namespace dacl::embed {

class WorkerPool;
struct Neighbours;

// Fills p[0..m) with the conditional probabilities of one row given its squared distances
// d2[0..m) and returns beta. Bisection as scikit-learn's (tolerance 1e-5 in entropy, at most 100
// steps); distances are shifted by their minimum first so that exp() cannot underflow to 0.
double calibrateRow(const double* d2, std::size_t m, double perplexity, double* p);

// Conditional probabilities of the kNN graph (n x k, same layout as nb.index).
std::vector<double> conditionalAffinities(const Neighbours& nb, double perplexity, WorkerPool& pool);

// Symmetric joint P in compressed sparse rows: row i's columns ascending, values sum to 1.
struct SparseP {
    std::size_t n = 0;
    std::vector<std::size_t> rowStart;  // n + 1
    std::vector<int> col;
    std::vector<double> val;
};
SparseP symmetrise(const Neighbours& nb, const std::vector<double>& conditional);

// Dense joint P (n x n) over all pairs for exact t-SNE, floored at machine epsilon like
// scikit-learn's. data: n x dim row-major.
std::vector<double> denseAffinities(const double* data, std::size_t n, std::size_t dim, double perplexity,
                                    WorkerPool& pool, ProgressSink& progress);

}  // namespace dacl::embed
