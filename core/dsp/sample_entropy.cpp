#include "core/dsp/sample_entropy.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace dacl::dsp {

namespace {

// Fenwick tree of counts over ranks 0 .. n-1.
class Counts {
public:
    explicit Counts(std::size_t n) : t_(n + 1, 0) {}
    void add(std::size_t rank, int delta) {
        for (std::size_t i = rank + 1; i < t_.size(); i += i & (~i + 1)) t_[i] += delta;
    }
    // Ranks in [lo, hi] (empty when hi < lo).
    std::int64_t range(long lo, long hi) const { return hi < lo ? 0 : prefix(hi + 1) - prefix(lo); }

private:
    std::int64_t prefix(long n) const {
        std::int64_t s = 0;
        for (long i = n; i > 0; i -= i & -i) s += t_[static_cast<std::size_t>(i)];
        return s;
    }
    std::vector<std::int64_t> t_;
};

// The ranks (indices into the sorted values) of the values within r of x, as [lo, hi]: the
// difference of doubles is monotone in each of them, so the set is one interval of the order.
struct RankRange {
    long lo, hi;
};
RankRange within(const std::vector<double>& sorted, double x, double r) {
    const auto lo = std::partition_point(sorted.begin(), sorted.end(), [&](double y) { return y < x && !(x - y <= r); });
    const auto hi = std::partition_point(lo, sorted.end(), [&](double y) { return y <= x || y - x <= r; });
    return {static_cast<long>(lo - sorted.begin()), static_cast<long>(hi - sorted.begin()) - 1};
}

long rankOf(const std::vector<double>& sorted, double x) {
    return static_cast<long>(std::lower_bound(sorted.begin(), sorted.end(), x) - sorted.begin());
}

// Offline counting of "points up to position P with y-rank <= Y and z-rank in [zlo, zhi]"
// (CDQ divide and conquer over positions, a Fenwick tree over z).
struct Event {
    long pos;     // a point's position, or a query's P
    bool query;
    long y;       // a point's y-rank, or a query's Y
    long zlo, zhi;
    int sign;     // a query's weight in the sum
};

void divideAndCount(std::vector<Event>& ev, std::size_t lo, std::size_t hi, Counts& z, std::int64_t& total,
                    std::vector<Event>& scratch) {
    if (hi - lo < 2) return;
    const std::size_t mid = (lo + hi) / 2;
    divideAndCount(ev, lo, mid, z, total, scratch);
    divideAndCount(ev, mid, hi, z, total, scratch);
    // Both halves are now sorted by y (points before queries on ties): points of the left half
    // answer the queries of the right half in one merge.
    std::size_t i = lo;
    for (std::size_t j = mid; j < hi; ++j) {
        if (!ev[j].query) continue;
        for (; i < mid && ev[i].y <= ev[j].y; ++i)
            if (!ev[i].query) z.add(static_cast<std::size_t>(ev[i].zlo), 1);
        total += ev[j].sign * z.range(ev[j].zlo, ev[j].zhi);
    }
    for (std::size_t k = lo; k < i; ++k)
        if (!ev[k].query) z.add(static_cast<std::size_t>(ev[k].zlo), -1);
    const auto byY = [](const Event& a, const Event& b) { return a.y != b.y ? a.y < b.y : !a.query && b.query; };
    scratch.resize(hi - lo);
    std::merge(ev.begin() + static_cast<std::ptrdiff_t>(lo), ev.begin() + static_cast<std::ptrdiff_t>(mid),
               ev.begin() + static_cast<std::ptrdiff_t>(mid), ev.begin() + static_cast<std::ptrdiff_t>(hi), scratch.begin(), byY);
    std::copy(scratch.begin(), scratch.end(), ev.begin() + static_cast<std::ptrdiff_t>(lo));
}

}  // namespace

std::int64_t pairsWithin(const std::vector<std::vector<double>>& points, int dims, double r) {
    if (dims < 1 || dims > 3) throw std::invalid_argument("pairsWithin: 1 to 3 dimensions");
    const std::size_t n = points.size();
    if (n < 2) return 0;
    // Positions in the order of the first value: pairs within r in it are (i, j] with j up to
    // last(i), each pair once.
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return points[a][0] < points[b][0]; });
    std::vector<long> last(n);
    for (std::size_t p = 0, q = 0; p < n; ++p) {
        q = std::max(q, p);
        while (q + 1 < n && points[order[q + 1]][0] - points[order[p]][0] <= r) ++q;
        last[p] = static_cast<long>(q);
    }
    if (dims == 1) {
        std::int64_t total = 0;
        for (std::size_t p = 0; p < n; ++p) total += last[p] - static_cast<long>(p);
        return total;
    }
    std::vector<std::vector<double>> sorted(static_cast<std::size_t>(dims));
    for (int d = 1; d < dims; ++d) {
        for (const auto& pt : points) sorted[static_cast<std::size_t>(d)].push_back(pt[static_cast<std::size_t>(d)]);
        std::sort(sorted[static_cast<std::size_t>(d)].begin(), sorted[static_cast<std::size_t>(d)].end());
    }
    const auto& ys = sorted[1];
    // count(i) = Q(last(i)) − Q(i), Q(P) = points at positions <= P in i's y (and z) ranges.
    std::vector<Event> ev;
    ev.reserve(n * (dims == 3 ? 5 : 3));
    for (std::size_t p = 0; p < n; ++p) {
        const auto& pt = points[order[p]];
        const long y = rankOf(ys, pt[1]);
        const RankRange yr = within(ys, pt[1], r);
        long z = 0;
        RankRange zr{0, 0};
        if (dims == 3) {
            z = rankOf(sorted[2], pt[2]);
            zr = within(sorted[2], pt[2], r);
        }
        ev.push_back({static_cast<long>(p), false, y, z, z, 0});
        for (const auto& [P, sign] : {std::pair<long, int>{last[p], 1}, std::pair<long, int>{static_cast<long>(p), -1}}) {
            ev.push_back({P, true, yr.hi, zr.lo, zr.hi, sign});
            ev.push_back({P, true, yr.lo - 1, zr.lo, zr.hi, -sign});
        }
    }
    // By position, points before the queries of the same position (a query counts positions <= P).
    std::sort(ev.begin(), ev.end(), [](const Event& a, const Event& b) { return a.pos != b.pos ? a.pos < b.pos : !a.query && b.query; });
    Counts z(dims == 3 ? sorted[2].size() : 1);
    std::int64_t total = 0;
    std::vector<Event> scratch;
    divideAndCount(ev, 0, ev.size(), z, total, scratch);
    return total;
}

double sampleEntropy(const std::vector<double>& v, int m, double r) {
    if (m < 1 || m > 2 || v.size() <= static_cast<std::size_t>(m) + 1)
        throw std::invalid_argument("sampleEntropy: needs m = 1 or 2 and more than m + 1 values");
    const std::size_t n = v.size() - static_cast<std::size_t>(m);  // the same start set for m and m + 1
    std::vector<std::vector<double>> shortT(n), longT(n);
    for (std::size_t i = 0; i < n; ++i) {
        shortT[i].assign(v.begin() + static_cast<std::ptrdiff_t>(i), v.begin() + static_cast<std::ptrdiff_t>(i) + m);
        longT[i].assign(v.begin() + static_cast<std::ptrdiff_t>(i), v.begin() + static_cast<std::ptrdiff_t>(i) + m + 1);
    }
    const double b = static_cast<double>(pairsWithin(shortT, m, r));
    const double a = static_cast<double>(pairsWithin(longT, m + 1, r));
    return -std::log((a + 1) / (b + 1));
}

}  // namespace dacl::dsp
