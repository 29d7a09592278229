#pragma once
// The repulsive half of the t-SNE gradient in 2-D. With w_ij = 1 / (1 + |y_i - y_j|^2):
//   Z = sum_{i != j} w_ij        and        r_i = sum_{j != i} w_ij^2 (y_i - y_j),
// so that dC/dy_i = 4 (sum_j p_ij w_ij (y_i - y_j) - r_i / Z).
// Both computations write per-point results only and reduce them in a fixed order, so their
// output does not depend on the number of threads.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace dacl::embed {

class WorkerPool;

// O(n^2): every pair. y and r are n x 2, row-major. Returns Z.
double exactRepulsion(const double* y, std::size_t n, WorkerPool& pool, double* r);

// Barnes-Hut (van der Maaten 2014) on a quadtree: a cell of width w whose centre of mass lies at
// distance d from the point counts as one heavy point when w / d < theta. The tree is built over
// Morton-ordered points (cache-friendly) with small leaves that are always summed exactly.
class BarnesHut {
public:
    explicit BarnesHut(double theta = 0.5) : theta_(theta) {}
    double repulsion(const double* y, std::size_t n, WorkerPool& pool, double* r);

private:
    struct Node {
        double cx = 0, cy = 0;  // centre of mass
        double width2 = 0;      // squared side of the cell
        int count = 0;
        int begin = 0, end = 0; // range of Morton-ordered points
        int skip = 0;           // next node after this subtree (pre-order layout)
        bool leaf = false;
    };
    void build(const double* y, std::size_t n);
    int buildNode(int level, int begin, int end, double width);

    double theta_;
    std::vector<Node> nodes_;
    std::vector<std::uint64_t> keys_;  // (Morton code << 32) | point index, sorted
    std::vector<double> xy_;           // points in Morton order
    std::vector<double> zPart_;        // per-point share of Z, in Morton order
};

}  // namespace dacl::embed
