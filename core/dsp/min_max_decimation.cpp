#include "core/dsp/min_max_decimation.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dacl::dsp {

namespace {
constexpr std::size_t kFactor = 16;
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

MinMaxPyramid::MinMaxPyramid(const std::vector<double>& x) : n_(x.size()) {
    // Level 0 summarises the samples in blocks of 16; each further level summarises 16 entries
    // of the one below, until a level has fewer than 16 entries.
    Level first;
    first.block = kFactor;
    const std::size_t m = (n_ + kFactor - 1) / kFactor;
    first.lo.assign(m, kInf);
    first.hi.assign(m, -kInf);
    for (std::size_t i = 0; i < n_; ++i) {
        const double v = x[i];
        if (!std::isfinite(v)) continue;
        const std::size_t b = i / kFactor;
        first.lo[b] = std::min(first.lo[b], v);
        first.hi[b] = std::max(first.hi[b], v);
    }
    levels_.push_back(std::move(first));
    while (levels_.back().lo.size() > kFactor) {
        const Level& below = levels_.back();
        Level up;
        up.block = below.block * kFactor;
        const std::size_t k = (below.lo.size() + kFactor - 1) / kFactor;
        up.lo.assign(k, kInf);
        up.hi.assign(k, -kInf);
        for (std::size_t i = 0; i < below.lo.size(); ++i) {
            up.lo[i / kFactor] = std::min(up.lo[i / kFactor], below.lo[i]);
            up.hi[i / kFactor] = std::max(up.hi[i / kFactor], below.hi[i]);
        }
        levels_.push_back(std::move(up));
    }
}

void MinMaxPyramid::range(const std::vector<double>& x, std::size_t begin, std::size_t end, double& lo,
                          double& hi) const {
    lo = kInf;
    hi = -kInf;
    end = std::min({end, n_, x.size()});
    // Coarsest blocks that fit wholly inside, raw samples at the ragged ends: the recursion
    // walks down one level per end, so a range costs O(levels × 16) look-ups.
    auto raw = [&](std::size_t a, std::size_t b) {
        for (std::size_t i = a; i < b; ++i)
            if (std::isfinite(x[i])) lo = std::min(lo, x[i]), hi = std::max(hi, x[i]);
    };
    std::size_t a = begin;
    while (a < end) {
        // The largest level whose block starts at `a` and ends by `end`.
        int best = -1;
        for (int l = static_cast<int>(levels_.size()) - 1; l >= 0; --l) {
            const std::size_t B = levels_[static_cast<std::size_t>(l)].block;
            if (a % B == 0 && a + B <= end) {
                best = l;
                break;
            }
        }
        if (best < 0) {
            // Raw samples up to the next level-0 block boundary (or the end).
            const std::size_t next = std::min(end, (a / kFactor + 1) * kFactor);
            raw(a, next);
            a = next;
            continue;
        }
        const Level& L = levels_[static_cast<std::size_t>(best)];
        const std::size_t b = a / L.block;
        lo = std::min(lo, L.lo[b]);
        hi = std::max(hi, L.hi[b]);
        a += L.block;
    }
}

DecimatedTrace decimateMinMax(const std::vector<double>& x, const MinMaxPyramid* pyramid, double fs, double t0,
                              double t1, int columns) {
    DecimatedTrace out;
    const long n = static_cast<long>(x.size());
    if (n == 0 || !(fs > 0) || !(t1 > t0) || columns < 1) return out;
    const long first = std::clamp(static_cast<long>(std::floor(t0 * fs)) - 1, 0L, n - 1);
    const long last = std::clamp(static_cast<long>(std::ceil(t1 * fs)) + 1, 0L, n - 1);
    const double perColumn = static_cast<double>(last - first + 1) / columns;
    if (perColumn < 4) {
        out.t.reserve(static_cast<std::size_t>(last - first + 1));
        out.v.reserve(out.t.capacity());
        for (long i = first; i <= last; ++i) {
            out.t.push_back(static_cast<double>(i) / fs);
            out.v.push_back(x[static_cast<std::size_t>(i)]);
        }
        return out;
    }
    out.raw = false;
    out.t.reserve(2 * static_cast<std::size_t>(columns));
    out.v.reserve(out.t.capacity());
    const double dt = (t1 - t0) / columns;
    for (int c = 0; c < columns; ++c) {
        const auto a = static_cast<std::size_t>(std::clamp(std::llround((t0 + c * dt) * fs), 0LL, static_cast<long long>(n)));
        const auto b = static_cast<std::size_t>(std::clamp(std::llround((t0 + (c + 1) * dt) * fs), 0LL, static_cast<long long>(n)));
        if (b <= a) continue;
        double lo = kInf, hi = -kInf;
        if (pyramid && pyramid->sampleCount() == x.size()) {
            pyramid->range(x, a, b, lo, hi);
        } else {
            for (std::size_t i = a; i < b; ++i)
                if (std::isfinite(x[i])) lo = std::min(lo, x[i]), hi = std::max(hi, x[i]);
        }
        if (lo > hi) continue;
        const double tc = t0 + (c + 0.5) * dt;
        out.t.push_back(tc);
        out.v.push_back(lo);
        out.t.push_back(tc);
        out.v.push_back(hi);
    }
    return out;
}

}  // namespace dacl::dsp
