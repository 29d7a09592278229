#include "core/embed/repulsion.h"

#include "core/embed/parallel.h"

#include <algorithm>
#include <cmath>

namespace dacl::embed {

double exactRepulsion(const double* y, std::size_t n, WorkerPool& pool, double* r) {
    std::vector<double> zRow(n);
    pool.run(n, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
            const double xi = y[2 * i], yi = y[2 * i + 1];
            double z = 0, fx = 0, fy = 0;
            for (std::size_t j = 0; j < n; ++j) {
                if (j == i) continue;
                const double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
                const double w = 1.0 / (1.0 + dx * dx + dy * dy);
                z += w;
                fx += w * w * dx;
                fy += w * w * dy;
            }
            zRow[i] = z;
            r[2 * i] = fx;
            r[2 * i + 1] = fy;
        }
    });
    double Z = 0;
    for (double z : zRow) Z += z;
    return Z;
}

namespace {

constexpr int kLevels = 16;    // Morton code: 16 bits per axis
constexpr int kLeafSize = 6;   // points a leaf may hold (summed exactly when the cell is near)

std::uint32_t spreadBits(std::uint32_t v) {  // 16 bits -> every other bit of 32
    v = (v | (v << 8)) & 0x00FF00FFu;
    v = (v | (v << 4)) & 0x0F0F0F0Fu;
    v = (v | (v << 2)) & 0x33333333u;
    v = (v | (v << 1)) & 0x55555555u;
    return v;
}

}  // namespace

void BarnesHut::build(const double* y, std::size_t n) {
    double x0 = y[0], x1 = y[0], y0 = y[1], y1 = y[1];
    for (std::size_t i = 1; i < n; ++i) {
        x0 = std::min(x0, y[2 * i]);
        x1 = std::max(x1, y[2 * i]);
        y0 = std::min(y0, y[2 * i + 1]);
        y1 = std::max(y1, y[2 * i + 1]);
    }
    double side = std::max(x1 - x0, y1 - y0);
    if (!(side > 0)) side = 1;  // every point in one place
    const double scale = 65536.0 / side;
    keys_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto q = [&](double v, double lo) {
            return static_cast<std::uint32_t>(std::min(65535.0, std::max(0.0, (v - lo) * scale)));
        };
        const std::uint32_t code = spreadBits(q(y[2 * i], x0)) | (spreadBits(q(y[2 * i + 1], y0)) << 1);
        keys_[i] = (static_cast<std::uint64_t>(code) << 32) | i;
    }
    std::sort(keys_.begin(), keys_.end());
    xy_.resize(2 * n);
    for (std::size_t s = 0; s < n; ++s) {
        const std::size_t i = keys_[s] & 0xFFFFFFFFu;
        xy_[2 * s] = y[2 * i];
        xy_[2 * s + 1] = y[2 * i + 1];
    }
    nodes_.clear();
    buildNode(0, 0, static_cast<int>(n), side);
}

// Pre-order: a node is followed by its children's subtrees; `skip` jumps past them all.
int BarnesHut::buildNode(int level, int begin, int end, double width) {
    const int id = static_cast<int>(nodes_.size());
    nodes_.emplace_back();
    Node nd;
    nd.begin = begin;
    nd.end = end;
    nd.count = end - begin;
    nd.width2 = width * width;
    nd.leaf = nd.count <= kLeafSize || level == kLevels;
    if (nd.leaf) {
        double sx = 0, sy = 0;
        for (int s = begin; s < end; ++s) {
            sx += xy_[2 * s];
            sy += xy_[2 * s + 1];
        }
        nd.cx = sx / nd.count;
        nd.cy = sy / nd.count;
    } else {
        const int shift = 32 + 2 * (kLevels - 1 - level);
        double sx = 0, sy = 0;
        for (int s = begin; s < end;) {
            const auto quadrant = (keys_[s] >> shift) & 3u;
            int t = s + 1;
            while (t < end && ((keys_[t] >> shift) & 3u) == quadrant) ++t;
            const int child = buildNode(level + 1, s, t, width / 2);
            sx += nodes_[child].cx * nodes_[child].count;
            sy += nodes_[child].cy * nodes_[child].count;
            s = t;
        }
        nd.cx = sx / nd.count;
        nd.cy = sy / nd.count;
    }
    nd.skip = static_cast<int>(nodes_.size());
    nodes_[id] = nd;
    return id;
}

double BarnesHut::repulsion(const double* y, std::size_t n, WorkerPool& pool, double* r) {
    build(y, n);
    zPart_.resize(n);
    const double theta2 = theta_ * theta_;
    const Node* nodes = nodes_.data();
    const int nNodes = static_cast<int>(nodes_.size());
    pool.run(n, [&](std::size_t b, std::size_t e) {
        for (std::size_t s = b; s < e; ++s) {
            const double px = xy_[2 * s], py = xy_[2 * s + 1];
            double z = 0, fx = 0, fy = 0;
            int node = 0;
            while (node < nNodes) {
                const Node& nd = nodes[node];
                const double dx = px - nd.cx, dy = py - nd.cy;
                const double d2 = dx * dx + dy * dy;
                if (nd.width2 < theta2 * d2) {
                    const double w = 1.0 / (1.0 + d2);
                    const double cw = nd.count * w;
                    z += cw;
                    fx += cw * w * dx;
                    fy += cw * w * dy;
                    node = nd.skip;
                } else if (nd.leaf) {
                    for (int t = nd.begin; t < nd.end; ++t) {
                        if (t == static_cast<int>(s)) continue;
                        const double ex = px - xy_[2 * t], ey = py - xy_[2 * t + 1];
                        const double w = 1.0 / (1.0 + ex * ex + ey * ey);
                        z += w;
                        fx += w * w * ex;
                        fy += w * w * ey;
                    }
                    node = nd.skip;
                } else {
                    ++node;
                }
            }
            const std::size_t i = keys_[s] & 0xFFFFFFFFu;
            zPart_[s] = z;
            r[2 * i] = fx;
            r[2 * i + 1] = fy;
        }
    });
    double Z = 0;
    for (double z : zPart_) Z += z;
    return Z;
}

}  // namespace dacl::embed
