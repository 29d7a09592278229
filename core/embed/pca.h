#pragma once
// Principal component analysis of the rows of a matrix (also t-SNE's initial layout).
#include <cstddef>
#include <vector>

namespace dacl::embed {

struct PcaResult {
    std::vector<double> scores;             // n x k, row-major: centred data projected on the components
    std::vector<double> explainedVariance;  // k: variance along each component (ddof 1), descending
    std::vector<double> components;         // k x dim, row-major: unit directions
};

// data: n x dim row-major, n >= 2, 1 <= components <= dim. Exact (symmetric eigendecomposition
// of the covariance, or of the Gram matrix when dim > n). Signs are fixed so that each
// component's largest-magnitude coordinate is positive, which makes the result deterministic.
// Throws std::invalid_argument on bad sizes or non-finite values.
PcaResult pca(const std::vector<double>& data, std::size_t n, std::size_t dim, int components);

// Eigenvalues (descending) and unit eigenvectors (rows of `vectors`, m x m) of a symmetric m x m
// matrix a (row-major), by cyclic Jacobi rotations: slow for large m, but accurate and simple.
void symmetricEigen(std::vector<double> a, std::size_t m, std::vector<double>& values, std::vector<double>& vectors);

}  // namespace dacl::embed
