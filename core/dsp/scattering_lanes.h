#pragma once
// Internal to the scattering engine: first- and second-order paths computed with lane FFTs
// (lane_fft.h), several wavelets per SIMD register instead of one FFTW call per wavelet
// (issue 19). The engine still computes the input's FFT and the order-0 path with FFTW.
//
// Grouping: up to eight first-order wavelets with the same subsampling j1 share one lane group
// (their transforms have one length). Its second-order paths are grouped by the second
// wavelet: every lane of the group has the child n2 when j2 > j1, at the same resolution, so
// the lanes stay where they are. Per group: fold the spectrum into the lanes (first order: the
// group's wavelets as one dense bins x lanes matrix over the union of their arcs; second order
// and low-pass: one filter for all lanes, a vertical fold), one inverse FFT for all lanes,
// modulus, one real forward FFT, then the low-pass rows. (Grouping second-order paths by j2
// across parents filled more lanes but needed a scalar fold per lane: 24 % of the time.)
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
        std::vector<Path> second;                      // all second-order paths, in row order
        std::vector<int> need1;                        // negative bins of U1's spectrum read, per n1
        int minLanes = 1;                              // smaller groups are left to the FFTW path
    };
    struct Buffers {
        LaneBuffer<R> W, Zc, F, lp, F1;
    };

    explicit LanePaths(Setup s);
    std::unique_ptr<Buffers> makeBuffers() const;
    // Whether first-order path n1 (and its children) is computed here; the others are groups
    // with fewer than Setup::minLanes wavelets, which FFTW computes faster one by one.
    bool handles(int n1) const { return handled_[static_cast<std::size_t>(n1)] != 0; }
    // Rows 1.. of one signal's output from the full spectrum F0 of its padded input (length L,
    // negative frequencies filled as far as the first-order arcs read).
    void run(const fft::Cpx<double>* F0, R* out, Buffers& b) const;

private:
    struct Child {
        int n2;
        std::vector<int> rows;  // per lane
    };
    struct Group {
        int level;                    // resolution 2^level: transforms of length L >> level
        std::vector<Path> lanes;      // first-order paths, up to V
        std::vector<int> rows;        // their output rows, per lane
        int start = 0, len = 0;       // union of the lanes' arcs (bins of the length-L spectrum)
        std::vector<R> weights;       // len x V: each lane's wavelet on the union (0 off its arc)
        int need = 0;                 // negative bins of U1's spectrum to mirror
        int top = 0;                  // highest bin of U1's spectrum read (real FFT up to there)
        std::vector<Child> children;  // second-order paths, by n2
    };
    void transformGroup(int level, int need, int top, const std::vector<int>& rows, R* F, Buffers& b, R* out) const;
    void lowpass(const R* F, int level, const std::vector<int>& rows, Buffers& b, R* out) const;

    Setup s_;
    int LJ_ = 1;
    std::vector<Group> groups_;
    std::vector<char> handled_;  // per n1
    std::vector<int> lowTop_;    // per level: highest bin the low-pass reads
    std::vector<lanes::LaneFft<R>> fft_;       // by level
    std::vector<lanes::LaneRealFft<R>> rfft_;  // by level
    lanes::LaneFft<R> fftJ_;
    std::size_t maxM_ = 1;
};

extern template class LanePaths<double>;
extern template class LanePaths<float>;

}  // namespace dacl::dsp::detail
