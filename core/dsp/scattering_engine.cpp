#include "core/dsp/scattering_engine.h"

#include "core/dsp/scattering.h"
#include "core/dsp/scattering_kernels.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace dacl::dsp::detail {

using fft::Buffer;
using fft::Cpx;
using fft::Traits;

template <class R> struct ScatteringEngine<R>::Workspace {
    explicit Workspace(int L, int LJ)
        : xpad(L), F0(L), W1(L), w1(L), U1(L), F1(L), W2(std::max(1, L / 2)), w2(std::max(1, L / 2)),
          U2(std::max(1, L / 2)), F2(std::max(1, L / 2)), Z(LJ), z(LJ) {}
    Buffer<double> xpad;
    Buffer<Cpx<double>> F0;
    Buffer<Cpx<R>> W1, w1;
    Buffer<R> U1;
    Buffer<Cpx<R>> F1, W2, w2;
    Buffer<R> U2;
    Buffer<Cpx<R>> F2, Z;
    Buffer<R> z;
    Dirty W1dirty, W2dirty, Zdirty;
    std::unique_ptr<typename LanePaths<R>::Buffers> lanes;
};

namespace {

// Lane groups with fewer wavelets than this go through FFTW one by one: a group costs as much
// as a full one, about 5 FFTW transforms' time in double and 6 in single precision (8 lanes,
// 1.6x and 1.3x faster per transform; `dacl bench scatter`, BENCHMARKS.md session 13).
template <class R> constexpr int kMinLanes = 5;
template <> constexpr int kMinLanes<float> = 6;

// Relative magnitude below which filter bins are dropped: far below what FFT rounding in the
// same precision already contributes.
template <class R> constexpr double kArcThreshold = 1e-20;
template <> constexpr double kArcThreshold<float> = 1e-10;

template <class R> Arc<R> makeArc(const std::vector<double>& h) {
    const int M = static_cast<int>(h.size());
    double peak = 0;
    for (double v : h) peak = std::max(peak, std::abs(v));
    Arc<R> a;
    if (peak == 0) return a;
    const double thr = kArcThreshold<R> * peak;
    // The arc is the complement of the longest circular run of negligible bins.
    int bestLen = 0, bestEnd = 0, run = 0;
    for (int i = 0; i < 2 * M; ++i) {
        if (std::abs(h[i % M]) <= thr) {
            if (++run > bestLen) { bestLen = std::min(run, M); bestEnd = i % M; }
        } else {
            run = 0;
        }
    }
    a.len = M - bestLen;
    a.start = bestLen == 0 ? 0 : (bestEnd + 1) % M;
    a.w.resize(2 * static_cast<std::size_t>(a.len));
    for (int i = 0; i < a.len; ++i) {
        const int k = (a.start + i) % M;
        a.w[2 * i] = a.w[2 * i + 1] = static_cast<R>(h[k] / M);
        if (k > M / 2) a.negNeed = std::max(a.negNeed, M - k);
    }
    return a;
}

// The real part of IDFT(F * h) for a Hermitian F equals IDFT(F * (h + h(-.))/2).
std::vector<double> symmetrised(const std::vector<double>& h) {
    const std::size_t M = h.size();
    std::vector<double> s(M);
    for (std::size_t k = 0; k < M; ++k) s[k] = 0.5 * (h[k] + h[(M - k) % M]);
    return s;
}

struct Range {
    int lo, hi;
};

template <class R> void zero(Cpx<R>* p, int lo, int hi) {
    if (hi > lo) std::memset(static_cast<void*>(p + lo), 0, sizeof(Cpx<R>) * (hi - lo));
}

// dst[0..Mdst) = sum over aliased blocks of src * filter, for the filter's arc only:
// dst[m] = sum_{k = m mod Mdst} src[k] * w(k). Mdst divides Msrc; both are powers of two.
// `dirty` bounds the nonzero entries the buffer may still hold from earlier use: only those
// outside the new arc are cleared (consecutive wavelets overlap, so this saves most clearing).
template <class S, class R>
void foldProduct(const Cpx<S>* src, int Msrc, const Arc<R>& a, Cpx<R>* dst, int Mdst, Dirty& dirty) {
    const int mask = Mdst - 1, smask = Msrc - 1;
    const bool assign = a.len > 0 && a.len <= Mdst;  // every destination bin is hit at most once
    const int oldHi = std::min(dirty.hi, Mdst);
    if (assign) {
        const int d0 = a.start & mask;
        Range p[2] = {{d0, std::min(Mdst, d0 + a.len)}, {0, std::max(0, d0 + a.len - Mdst)}};
        if (p[1].hi > 0) std::swap(p[0], p[1]);
        // Clear [dirty.lo, oldHi) except the arc's pieces, which are overwritten below.
        int pos = dirty.lo;
        for (const Range& r : p) {
            if (r.hi <= r.lo) continue;
            zero(dst, pos, std::min(r.lo, oldHi));
            pos = std::max(pos, r.hi);
        }
        zero(dst, pos, oldHi);
        int lo = Mdst, hi = 0;
        for (const Range& r : p)
            if (r.hi > r.lo) { lo = std::min(lo, r.lo); hi = std::max(hi, r.hi); }
        if (dirty.hi > Mdst) { lo = std::min(lo, std::max(dirty.lo, Mdst)); hi = dirty.hi; }
        dirty = {lo, hi};
    } else {
        zero(dst, dirty.lo, oldHi);
        dirty = {0, std::max(Mdst, dirty.hi)};
    }
    int k = a.start, i = 0;
    while (i < a.len) {
        const int d = k & mask;
        const int n = std::min(a.len - i, Mdst - d);
        R* o = reinterpret_cast<R*>(dst + d);
        const S* s = reinterpret_cast<const S*>(src + k);
        const R* w = a.w.data() + 2 * static_cast<std::size_t>(i);
        if (assign) kernels::mul(o, s, w, 2 * static_cast<std::size_t>(n));
        else kernels::mulAdd(o, s, w, 2 * static_cast<std::size_t>(n));
        i += n;
        k = (k + n) & smask;
    }
}

// Fill the top `need` bins of a real signal's spectrum (negative frequencies) from the lower half
// that r2c produced: only as far as any filter reading this spectrum reaches.
template <class R> void mirrorTail(Cpx<R>* F, int M, int need) {
    for (int k = std::max(M / 2 + 1, M - need); k < M; ++k) F[k] = std::conj(F[M - k]);
}

}  // namespace

template <class R> ScatteringEngine<R>::ScatteringEngine(const Scattering1D& s) {
    const ScatteringConfig& cfg = s.config();
    N_ = cfg.N;
    J_ = cfg.J;
    L_ = s.paddedLength();
    LJ_ = L_ >> J_;
    padLeft_ = s.padLeft();
    indStart_ = s.frameStartIndex();
    nFrames_ = s.nFrames();
    maxOrder_ = cfg.maxOrder;

    for (int l = 0; l < J_; ++l) phi_.push_back(makeArc<R>(symmetrised(s.phiLevel(l))));
    const auto& p1 = s.psi1Params();
    for (std::size_t n1 = 0; n1 < p1.size(); ++n1) {
        psi1_.push_back(makeArc<R>(s.psi1(static_cast<int>(n1))));
        j1_.push_back(p1[n1].j);
    }
    children_.resize(p1.size());
    std::vector<bool> levelUsed(J_ + 1, false), c2cUsed(J_ + 1, false);
    for (int j : j1_) levelUsed[j] = c2cUsed[j] = true;
    if (maxOrder_ >= 2) {
        const auto& p2 = s.psi2Params();
        for (std::size_t n2 = 0; n2 < p2.size(); ++n2) {
            j2_.push_back(p2[n2].j);
            std::vector<Arc<R>> levels;
            for (int l = 0; l < std::max(0, p2[n2].j); ++l)
                levels.push_back(makeArc<R>(s.psi2Level(static_cast<int>(n2), l)));
            psi2_.push_back(std::move(levels));
        }
        const auto& paths = s.paths();
        for (std::size_t row = 0; row < paths.size(); ++row) {
            if (paths[row].order != 2) continue;
            children_[paths[row].n1].push_back({paths[row].n2, static_cast<int>(row)});
            levelUsed[paths[row].j2] = c2cUsed[paths[row].j2] = true;
        }
    }
    need0_ = phi_[0].negNeed;
    for (const auto& a : psi1_) need0_ = std::max(need0_, a.negNeed);
    need1_.resize(psi1_.size());
    for (std::size_t n1 = 0; n1 < psi1_.size(); ++n1) {
        need1_[n1] = phi_[j1_[n1]].negNeed;
        for (const Child& c : children_[n1]) need1_[n1] = std::max(need1_[n1], psi2_[c.n2][j1_[n1]].negNeed);
    }
    r2c_.resize(J_ + 1);
    c2c_.resize(J_ + 1);
    viaFftw_.assign(psi1_.size(), 1);
    if (cfg.laneFft && (cfg.laneFftAlways || lanes::lanesPay<R>())) {
        typename LanePaths<R>::Setup ls{L_, J_, indStart_, nFrames_, &phi_, &psi1_, &j1_, &psi2_, &j2_, {}, need1_};
        for (std::size_t n1 = 0; n1 < children_.size(); ++n1)
            for (const Child& c : children_[n1]) ls.second.push_back({static_cast<int>(n1), c.n2, c.row});
        ls.minLanes = kMinLanes<R>;
        lanes_ = std::make_unique<LanePaths<R>>(std::move(ls));
        std::fill(levelUsed.begin(), levelUsed.end(), false);
        std::fill(c2cUsed.begin(), c2cUsed.end(), false);
        for (std::size_t n1 = 0; n1 < psi1_.size(); ++n1) {
            viaFftw_[n1] = !lanes_->handles(static_cast<int>(n1));
            if (!viaFftw_[n1]) continue;
            levelUsed[j1_[n1]] = c2cUsed[j1_[n1]] = true;
            for (const Child& c : children_[n1]) levelUsed[j2_[c.n2]] = c2cUsed[j2_[c.n2]] = true;
        }
    }
    for (int l = 0; l <= J_; ++l) {
        if (levelUsed[l]) r2c_[l] = fft::Plan<R>::r2c(L_ >> l, cfg.effort);
        if (c2cUsed[l]) c2c_[l] = fft::Plan<R>::c2cBackward(L_ >> l, cfg.effort);
    }
    r2cInput_ = fft::Plan<double>::r2c(L_, cfg.effort);
    c2rJ_ = fft::Plan<R>::c2r(LJ_, cfg.effort);

    auto complexFft = [](int n) { return 5.0 * n * std::log2(static_cast<double>(n)); };
    auto realFft = [&](int n) { return 0.5 * complexFft(n); };
    auto lowpassFlops = [&](int level) { return 2.0 * phi_[level].len + realFft(LJ_); };
    flops_ = realFft(L_) + lowpassFlops(0);
    for (std::size_t n1 = 0; n1 < psi1_.size(); ++n1) {
        const int M1 = L_ >> j1_[n1];
        flops_ += 2.0 * psi1_[n1].len + complexFft(M1) + 4.0 * M1 + realFft(M1) + lowpassFlops(j1_[n1]);
        for (const Child& c : children_[n1]) {
            const int M2 = L_ >> j2_[c.n2];
            flops_ += 2.0 * psi2_[c.n2][j1_[n1]].len + complexFft(M2) + 4.0 * M2 + realFft(M2) + lowpassFlops(j2_[c.n2]);
        }
    }
}

template <class R> ScatteringEngine<R>::~ScatteringEngine() = default;

template <class R> const fft::Plan<R>& ScatteringEngine<R>::r2c(int level) const { return r2c_[level]; }
template <class R> const fft::Plan<R>& ScatteringEngine<R>::c2c(int level) const { return c2c_[level]; }

template <class R> std::unique_ptr<typename ScatteringEngine<R>::Workspace> ScatteringEngine<R>::acquire() const {
    {
        std::lock_guard<std::mutex> lock(poolMutex_);
        if (!pool_.empty()) {
            auto ws = std::move(pool_.back());
            pool_.pop_back();
            return ws;
        }
    }
    auto ws = std::make_unique<Workspace>(L_, LJ_);
    if (lanes_) ws->lanes = lanes_->makeBuffers();
    return ws;
}

template <class R> void ScatteringEngine<R>::release(std::unique_ptr<Workspace> ws) const {
    std::lock_guard<std::mutex> lock(poolMutex_);
    pool_.push_back(std::move(ws));
}

// S = (U * phi_level) decimated to resolution 2^J, frames [indStart, indStart + nFrames).
// F is the full spectrum of U at resolution 2^level.
template <class R>
template <class S>
void ScatteringEngine<R>::lowpass(const Cpx<S>* F, int level, R* outRow, Workspace& ws) const {
    foldProduct(F, L_ >> level, phi_[level], ws.Z.data(), LJ_, ws.Zdirty);
    Traits<R>::execC2r(c2rJ_.get(), fft::asFftw(ws.Z.data()), ws.z.data());
    std::memcpy(outRow, ws.z.data() + indStart_, sizeof(R) * nFrames_);
}

template <class R> void ScatteringEngine<R>::run(const R* x, R* out, Workspace& ws) const {
    // Reflect padding (mirror about the end samples, not repeating them); pads are <= N-1.
    double* xp = ws.xpad.data();
    for (int i = 0; i < N_; ++i) xp[padLeft_ + i] = x[i];
    for (int k = 1; k <= padLeft_; ++k) xp[padLeft_ - k] = x[k];
    const int padRight = L_ - N_ - padLeft_;
    for (int k = 1; k <= padRight; ++k) xp[padLeft_ + N_ - 1 + k] = x[N_ - 1 - k];

    Traits<double>::execR2c(r2cInput_.get(), xp, fft::asFftw(ws.F0.data()));
    mirrorTail(ws.F0.data(), L_, need0_);
    lowpass(ws.F0.data(), 0, out, ws);
    if (lanes_) lanes_->run(ws.F0.data(), out, *ws.lanes);

    for (std::size_t n1 = 0; n1 < psi1_.size(); ++n1) {
        if (!viaFftw_[n1]) continue;
        const int k1 = j1_[n1], M1 = L_ >> k1;
        foldProduct(ws.F0.data(), L_, psi1_[n1], ws.W1.data(), M1, ws.W1dirty);
        Traits<R>::execC2c(c2c(k1).get(), fft::asFftw(ws.W1.data()), fft::asFftw(ws.w1.data()));
        kernels::modulus(reinterpret_cast<const R*>(ws.w1.data()), ws.U1.data(), M1);
        Traits<R>::execR2c(r2c(k1).get(), ws.U1.data(), fft::asFftw(ws.F1.data()));
        mirrorTail(ws.F1.data(), M1, need1_[n1]);
        lowpass(ws.F1.data(), k1, out + (1 + n1) * nFrames_, ws);

        for (const Child& c : children_[n1]) {
            const int j2 = j2_[c.n2], M2 = L_ >> j2;
            foldProduct(ws.F1.data(), M1, psi2_[c.n2][k1], ws.W2.data(), M2, ws.W2dirty);
            Traits<R>::execC2c(c2c(j2).get(), fft::asFftw(ws.W2.data()), fft::asFftw(ws.w2.data()));
            kernels::modulus(reinterpret_cast<const R*>(ws.w2.data()), ws.U2.data(), M2);
            Traits<R>::execR2c(r2c(j2).get(), ws.U2.data(), fft::asFftw(ws.F2.data()));
            mirrorTail(ws.F2.data(), M2, phi_[j2].negNeed);
            lowpass(ws.F2.data(), j2, out + static_cast<std::size_t>(c.row) * nFrames_, ws);
        }
    }
}

template <class R>
void ScatteringEngine<R>::work(const R* x, std::size_t count, R* out, std::size_t outStride,
                               std::atomic<std::size_t>& next) const {
    auto ws = acquire();
    for (std::size_t s; (s = next.fetch_add(1)) < count;) run(x + s * N_, out + s * outStride, *ws);
    release(std::move(ws));
}

template class ScatteringEngine<double>;
template class ScatteringEngine<float>;

}  // namespace dacl::dsp::detail
