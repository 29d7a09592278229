#pragma once
// Internal to the scattering engine: first- and second-order paths computed with lane FFTs
// (lane_fft.h), several wavelets per SIMD register instead of one FFTW call per wavelet
// (issue 19). The engine still computes the input's FFT and the order-0 path with FFTW.
//
// Grouping: first-order wavelets with the same subsampling j1 share one lane group (their
// transforms have one length); second-order paths are grouped by j2 across all parents, so
// that groups are full (the parents' spectra U1 are all kept until the second order is done).
// Per group: fold each lane's filter arc into its lane, one inverse FFT for all lanes, modulus,
// one real forward FFT, then the low-pass: the same phi for every lane, so its fold is vertical.
#include "core/dsp/fft.h"
#include "core/dsp/lane_fft.h"

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <vector>

namespace dacl::dsp::detail {

template <class R> struct Arc;

// A 64-byte aligned, zeroed array (lane blocks are loaded as whole AVX-512 registers).
template <class R> class LaneBuffer {
public:
    LaneBuffer() = default;
    explicit LaneBuffer(std::size_t n);
    R* data() { return p_.get(); }
    const R* data() const { return p_.get(); }

private:
    struct Free {
        void operator()(R* p) const { std::free(p); }
    };
    std::unique_ptr<R[], Free> p_;
};

template <class R> class LanePaths {
public:
    static constexpr int V = lanes::kLanes<R>;
    struct Path {
        int n1, n2, row;  // n2 = -1: first order
    };
    struct Setup {
        int L, J, indStart, nFrames;
        const std::vector<Arc<R>>* phi;                // by level
        const std::vector<Arc<R>>* psi1;               // level 0
        const std::vector<int>* j1;
        const std::vector<std::vector<Arc<R>>>* psi2;  // [n2][level]
        const std::vector<int>* j2;
        std::vector<Path> second;                      // all second-order paths
        std::vector<int> need1;                        // negative bins of U1's spectrum read, per n1
    };
    struct Buffers {
        LaneBuffer<R> W, Zc, F, lp, F1;
    };

    explicit LanePaths(Setup s);
    std::unique_ptr<Buffers> makeBuffers() const;
    // Rows 1.. of one signal's output from the full spectrum F0 of its padded input (length L,
    // negative frequencies filled as far as the first-order arcs read).
    void run(const fft::Cpx<double>* F0, R* out, Buffers& b) const;

private:
    struct Group {
        int level;                  // resolution 2^level: transforms of length L >> level
        std::vector<Path> lanes;    // up to V
        std::size_t f1Offset = 0;   // first order: where this group's spectra sit in Buffers::F1
        int need = 0;               // negative bins to mirror after the real FFT
    };
    template <class S> void foldLane(const S* src, std::size_t srcStride, int Msrc, const Arc<R>& a, int lane, int M) const;
    void transformGroup(const Group& g, R* F, Buffers& b, R* out) const;
    void lowpass(const R* F, const Group& g, Buffers& b, R* out) const;

    Setup s_;
    int LJ_ = 1;
    std::vector<Group> first_, second_;
    std::vector<std::pair<int, int>> laneOf_;  // n1 -> (first-order group, lane)
    std::vector<lanes::LaneFft<R>> fft_;       // by level
    std::vector<lanes::LaneRealFft<R>> rfft_;  // by level
    lanes::LaneFft<R> fftJ_;
    std::size_t f1Size_ = 0, maxM_ = 1;
};

extern template class LanePaths<double>;
extern template class LanePaths<float>;

}  // namespace dacl::dsp::detail
