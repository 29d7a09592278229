#include "core/dsp/scattering_lanes.h"

#include "core/dsp/scattering_engine.h"

#include <algorithm>
#include <cstring>
#include <new>
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

// dst[d] += src[k] * w_i over a filter's arc, k = start + i (mod Msrc), d = k mod M, for one lane
// of dst (re at dstRe[d * 2V], im at dstRe[d * 2V + V]); src read through (re, im, stride).
// Products rounded as the FFTW path's fold kernels round them (in S, then to R).
template <class R, class S>
void foldIntoLane(const S* srcRe, const S* srcIm, std::size_t stride, int Msrc, const Arc<R>& a, R* dstRe, int M) {
    constexpr int V = lanes::kLanes<R>;
    const int mask = M - 1, smask = Msrc - 1;
    for (int i = 0; i < a.len; ++i) {
        const int k = (a.start + i) & smask;
        const std::size_t d = static_cast<std::size_t>(k & mask) * 2 * V;
        const S w = a.w[2 * static_cast<std::size_t>(i)];
        dstRe[d] += static_cast<R>(srcRe[k * stride] * w);
        dstRe[d + V] += static_cast<R>(srcIm[k * stride] * w);
    }
}

}  // namespace

template <class R> LanePaths<R>::LanePaths(Setup s) : s_(std::move(s)) {
    LJ_ = s_.L >> s_.J;
    fftJ_ = lanes::LaneFft<R>(LJ_);
    for (int l = 0; l <= s_.J; ++l) {
        fft_.emplace_back(s_.L >> l);
        rfft_.emplace_back(s_.L >> l);
    }
    const std::vector<int>& j1 = *s_.j1;
    laneOf_.resize(j1.size());
    // First order: consecutive wavelets of one j1 (the bank is ordered by j1) fill groups of V.
    for (std::size_t n1 = 0; n1 < j1.size(); ++n1) {
        if (first_.empty() || first_.back().level != j1[n1] || static_cast<int>(first_.back().lanes.size()) == V) {
            Group g;
            g.level = j1[n1];
            g.f1Offset = f1Size_;
            f1Size_ += blocks(static_cast<std::size_t>(s_.L >> g.level), V);
            first_.push_back(g);
        }
        Group& g = first_.back();
        laneOf_[n1] = {static_cast<int>(first_.size()) - 1, static_cast<int>(g.lanes.size())};
        g.lanes.push_back({static_cast<int>(n1), -1, 1 + static_cast<int>(n1)});
        g.need = std::max(g.need, s_.need1[n1]);
    }
    // Second order: by j2, then in path order.
    std::vector<Path> paths = s_.second;
    std::stable_sort(paths.begin(), paths.end(),
                     [&](const Path& a, const Path& b) { return (*s_.j2)[a.n2] < (*s_.j2)[b.n2]; });
    for (const Path& p : paths) {
        const int level = (*s_.j2)[p.n2];
        if (second_.empty() || second_.back().level != level || static_cast<int>(second_.back().lanes.size()) == V) {
            Group g;
            g.level = level;
            g.need = (*s_.phi)[level].negNeed;
            second_.push_back(g);
        }
        second_.back().lanes.push_back(p);
    }
    maxM_ = static_cast<std::size_t>(s_.L);
}

template <class R> std::unique_ptr<typename LanePaths<R>::Buffers> LanePaths<R>::makeBuffers() const {
    auto b = std::make_unique<Buffers>();
    b->W = LaneBuffer<R>(blocks(maxM_, V));
    b->Zc = LaneBuffer<R>(blocks(std::max<std::size_t>(1, maxM_ / 2), V));
    b->F = LaneBuffer<R>(blocks(maxM_, V));
    b->lp = LaneBuffer<R>(blocks(static_cast<std::size_t>(LJ_), V));
    b->F1 = LaneBuffer<R>(std::max<std::size_t>(f1Size_, 1));
    return b;
}

// W holds the group's folded spectra: inverse FFT, modulus, real FFT into F, negative
// frequencies as far as the readers of F need, then the low-pass rows.
template <class R> void LanePaths<R>::transformGroup(const Group& g, R* F, Buffers& b, R* out) const {
    const int M = s_.L >> g.level;
    fft_[g.level].inverseToBitReversed(b.W.data());
    lanes::laneModulusPack(b.W.data(), b.Zc.data(), M);
    rfft_[g.level].forward(b.Zc.data(), F);
    for (int k = std::max(M / 2 + 1, M - g.need); k < M; ++k) {
        const R* src = F + blocks(static_cast<std::size_t>(M - k), V);
        R* dst = F + blocks(static_cast<std::size_t>(k), V);
        for (int v = 0; v < V; ++v) {
            dst[v] = src[v];
            dst[V + v] = -src[V + v];
        }
    }
    lowpass(F, g, b, out);
}

// S = (U * phi_level) decimated to resolution 2^J: the same filter for every lane.
template <class R> void LanePaths<R>::lowpass(const R* F, const Group& g, Buffers& b, R* out) const {
    const Arc<R>& a = (*s_.phi)[g.level];
    const int M = s_.L >> g.level, smask = M - 1, mask = LJ_ - 1;
    R* lp = b.lp.data();
    std::memset(static_cast<void*>(lp), 0, sizeof(R) * blocks(static_cast<std::size_t>(LJ_), V));
    for (int i = 0; i < a.len; ++i) {
        const int k = (a.start + i) & smask;
        const R w = a.w[2 * static_cast<std::size_t>(i)];
        const R* src = F + blocks(static_cast<std::size_t>(k), V);
        R* dst = lp + blocks(static_cast<std::size_t>(k & mask), V);
        for (int v = 0; v < 2 * V; ++v) dst[v] += src[v] * w;
    }
    fftJ_.inverseToBitReversed(lp);
    for (std::size_t v = 0; v < g.lanes.size(); ++v) {
        R* row = out + static_cast<std::size_t>(g.lanes[v].row) * s_.nFrames;
        for (int f = 0; f < s_.nFrames; ++f) row[f] = lp[blocks(static_cast<std::size_t>(fftJ_.bitReversed(s_.indStart + f)), V) + v];
    }
}

template <class R> void LanePaths<R>::run(const fft::Cpx<double>* F0, R* out, Buffers& b) const {
    const double* f0 = reinterpret_cast<const double*>(F0);
    for (const Group& g : first_) {
        const int M = s_.L >> g.level;
        std::memset(static_cast<void*>(b.W.data()), 0, sizeof(R) * blocks(static_cast<std::size_t>(M), V));
        for (std::size_t v = 0; v < g.lanes.size(); ++v)
            foldIntoLane(f0, f0 + 1, 2, s_.L, (*s_.psi1)[g.lanes[v].n1], b.W.data() + v, M);
        transformGroup(g, b.F1.data() + g.f1Offset, b, out);
    }
    for (const Group& g : second_) {
        const int M = s_.L >> g.level;
        std::memset(static_cast<void*>(b.W.data()), 0, sizeof(R) * blocks(static_cast<std::size_t>(M), V));
        for (std::size_t v = 0; v < g.lanes.size(); ++v) {
            const Path& p = g.lanes[v];
            const auto [group, lane] = laneOf_[p.n1];
            const int k1 = (*s_.j1)[p.n1];
            const R* F1 = b.F1.data() + first_[group].f1Offset;
            foldIntoLane(F1 + lane, F1 + V + lane, 2 * V, s_.L >> k1, (*s_.psi2)[p.n2][k1], b.W.data() + v, M);
        }
        transformGroup(g, b.F.data(), b, out);
    }
}

template class LaneBuffer<double>;
template class LaneBuffer<float>;
template class LanePaths<double>;
template class LanePaths<float>;

}  // namespace dacl::dsp::detail
