#include "core/dsp/scattering_lanes.h"

#include "core/dsp/scattering_engine.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <tuple>
#include <utility>

namespace dacl::dsp::detail {

template <class R> LaneBuffer<R>::LaneBuffer(std::size_t n) {
    const std::size_t bytes = ((std::max<std::size_t>(n, 1) * sizeof(R) + 63) / 64) * 64;
    p_.reset(static_cast<R*>(std::aligned_alloc(64, bytes)));
    if (!p_) throw std::bad_alloc();
    std::memset(static_cast<void*>(p_.get()), 0, bytes);
}

namespace {

constexpr std::size_t blocks(std::size_t n, int V) { return n * 2 * static_cast<std::size_t>(V); }

// The shortest circular range of bins [start, start + len) of a length-L spectrum that holds all
// the given arcs (the complement of the longest run of bins no arc covers).
template <class R> std::pair<int, int> unionOf(const std::vector<const Arc<R>*>& arcs, int L) {
    std::vector<char> covered(static_cast<std::size_t>(L), 0);
    for (const Arc<R>* a : arcs)
        for (int i = 0; i < a->len; ++i) covered[static_cast<std::size_t>((a->start + i) & (L - 1))] = 1;
    int bestLen = 0, bestEnd = 0, run = 0;
    for (int i = 0; i < 2 * L; ++i) {
        if (!covered[static_cast<std::size_t>(i % L)]) {
            if (++run > bestLen) { bestLen = std::min(run, L); bestEnd = i % L; }
        } else {
            run = 0;
        }
    }
    if (bestLen == L) return {0, 0};
    return {bestLen == 0 ? 0 : (bestEnd + 1) % L, L - bestLen};
}

// The highest non-negative bin (<= M/2) an arc reads from a length-M spectrum; its negative
// bins are the mirrored ones (Arc::negNeed).
template <class R> int topBin(const Arc<R>& a, int M) {
    if (a.len >= M) return M / 2;
    int top = 0;
    for (int i = 0; i < a.len; ++i) {
        const int k = (a.start + i) & (M - 1);
        if (k <= M / 2) top = std::max(top, k);
    }
    return top;
}

}  // namespace

template <class R> LanePaths<R>::LanePaths(Setup s) : s_(std::move(s)) {
    LJ_ = s_.L >> s_.J;
    fftJ_ = lanes::LaneFft<R>(LJ_);
    for (int l = 0; l <= s_.J; ++l) {
        fft_.emplace_back(s_.L >> l);
        rfft_.emplace_back(s_.L >> l);
    }
    for (int l = 0; l <= s_.J && l < static_cast<int>(s_.phi->size()); ++l)
        lowTop_.push_back(std::max(topBin((*s_.phi)[l], s_.L >> l), (*s_.phi)[l].negNeed));
    const std::vector<int>& j1 = *s_.j1;
    // Consecutive wavelets of one j1 (the bank is ordered by j1) fill groups of V.
    for (std::size_t n1 = 0; n1 < j1.size(); ++n1) {
        if (groups_.empty() || groups_.back().level != j1[n1] || static_cast<int>(groups_.back().lanes.size()) == V) {
            Group g;
            g.level = j1[n1];
            groups_.push_back(g);
        }
        Group& g = groups_.back();
        g.lanes.push_back({static_cast<int>(n1), -1, 1 + static_cast<int>(n1)});
        g.rows.push_back(1 + static_cast<int>(n1));
        g.need = std::max(g.need, s_.need1[n1]);
    }
    handled_.assign(j1.size(), 0);
    groups_.erase(std::remove_if(groups_.begin(), groups_.end(),
                                 [&](const Group& g) { return static_cast<int>(g.lanes.size()) < s_.minLanes; }),
                  groups_.end());
    for (Group& g : groups_) {
        for (const Path& p : g.lanes) handled_[static_cast<std::size_t>(p.n1)] = 1;
        std::vector<const Arc<R>*> arcs;
        for (const Path& p : g.lanes) arcs.push_back(&(*s_.psi1)[p.n1]);
        std::tie(g.start, g.len) = unionOf(arcs, s_.L);
        g.weights.assign(static_cast<std::size_t>(g.len) * V, R(0));
        for (std::size_t v = 0; v < arcs.size(); ++v) {
            const Arc<R>& a = *arcs[v];
            for (int i = 0; i < a.len; ++i) {
                const int off = (a.start + i - g.start) & (s_.L - 1);  // inside [0, g.len)
                g.weights[static_cast<std::size_t>(off) * V + v] = a.w[2 * static_cast<std::size_t>(i)];
            }
        }
        // Second order: the children of the group's wavelets, by n2 (all lanes share j1, so all
        // have the same children).
        for (const Path& c : s_.second) {
            int lane = -1;
            for (std::size_t v = 0; v < g.lanes.size(); ++v)
                if (g.lanes[v].n1 == c.n1) lane = static_cast<int>(v);
            if (lane < 0) continue;
            auto it = std::find_if(g.children.begin(), g.children.end(), [&](const Child& ch) { return ch.n2 == c.n2; });
            if (it == g.children.end()) {
                g.children.push_back({c.n2, std::vector<int>(g.lanes.size(), -1)});
                it = g.children.end() - 1;
            }
            it->rows[static_cast<std::size_t>(lane)] = c.row;
        }
        const int M1 = s_.L >> g.level;
        g.top = std::max(lowTop_[g.level], g.need);
        for (const Child& c : g.children) g.top = std::max(g.top, topBin((*s_.psi2)[c.n2][g.level], M1));
    }
    maxM_ = static_cast<std::size_t>(s_.L);
}

template <class R> std::unique_ptr<typename LanePaths<R>::Buffers> LanePaths<R>::makeBuffers() const {
    auto b = std::make_unique<Buffers>();
    b->W = LaneBuffer<R>(blocks(maxM_, V));
    b->Zc = LaneBuffer<R>(blocks(std::max<std::size_t>(1, maxM_ / 2), V));
    b->F = LaneBuffer<R>(blocks(maxM_, V));
    b->lp = LaneBuffer<R>(blocks(static_cast<std::size_t>(LJ_), V));
    b->F1 = LaneBuffer<R>(blocks(maxM_, V));
    return b;
}

// W holds the group's folded spectra: inverse FFT, modulus, real FFT into F, negative
// frequencies as far as the readers of F need, then the low-pass rows.
template <class R>
void LanePaths<R>::transformGroup(int level, int need, int top, const std::vector<int>& rows, R* F, Buffers& b,
                                  R* out) const {
    const int M = s_.L >> level;
    fft_[level].inverseToBitReversed(b.W.data());
    lanes::laneModulusPack(b.W.data(), b.Zc.data(), M);
    rfft_[level].forward(b.Zc.data(), F, top);
    for (int k = std::max(M / 2 + 1, M - need); k < M; ++k) {
        const R* src = F + blocks(static_cast<std::size_t>(M - k), V);
        R* dst = F + blocks(static_cast<std::size_t>(k), V);
        for (int v = 0; v < V; ++v) {
            dst[v] = src[v];
            dst[V + v] = -src[V + v];
        }
    }
    lowpass(F, level, rows, b, out);
}

// S = (U * phi_level) decimated to resolution 2^J: the same filter for every lane.
template <class R>
void LanePaths<R>::lowpass(const R* F, int level, const std::vector<int>& rows, Buffers& b, R* out) const {
    const Arc<R>& a = (*s_.phi)[level];
    R* lp = b.lp.data();
    lanes::laneFoldVertical(lp, LJ_, F, s_.L >> level, a.start, a.len, a.w.data());
    fftJ_.inverseToBitReversed(lp);
    for (std::size_t v = 0; v < rows.size(); ++v) {
        if (rows[v] < 0) continue;  // (every lane of a group has the same children; defensive)
        R* row = out + static_cast<std::size_t>(rows[v]) * s_.nFrames;
        for (int f = 0; f < s_.nFrames; ++f) row[f] = lp[blocks(static_cast<std::size_t>(fftJ_.bitReversed(s_.indStart + f)), V) + v];
    }
}

template <class R> void LanePaths<R>::run(const fft::Cpx<double>* F0, R* out, Buffers& b) const {
    const double* f0 = reinterpret_cast<const double*>(F0);
    for (const Group& g : groups_) {
        const int M1 = s_.L >> g.level;
        lanes::laneFoldDense(b.W.data(), M1, f0, s_.L, g.start, g.len, g.weights.data());
        transformGroup(g.level, g.need, g.top, g.rows, b.F1.data(), b, out);
        for (const Child& c : g.children) {
            const int j2 = (*s_.j2)[c.n2];
            const Arc<R>& a = (*s_.psi2)[c.n2][g.level];
            lanes::laneFoldVertical(b.W.data(), s_.L >> j2, b.F1.data(), M1, a.start, a.len, a.w.data());
            transformGroup(j2, (*s_.phi)[j2].negNeed, lowTop_[j2], c.rows, b.F.data(), b, out);
        }
    }
}
template class LaneBuffer<double>;
template class LaneBuffer<float>;
template class LanePaths<double>;
template class LanePaths<float>;

}  // namespace dacl::dsp::detail
