// The lane FFTs (issue 19): every transform against a literal DFT in both precisions and all
// lengths the scattering uses (radix-8 stages plus a radix-4 or radix-2 one, blocks in and out
// of the L1 size), the folds against literal sums, and the determinism the scattering relies
// on: a lane's result depends on its own input only, bit for bit.
#include "core/dsp/lane_fft.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <memory>
#include <random>
#include <vector>

using namespace dacl::dsp::lanes;
using Cd = std::complex<double>;

namespace {

template <class R> struct Aligned {
    explicit Aligned(std::size_t n) : p(static_cast<R*>(std::aligned_alloc(64, ((n * sizeof(R) + 63) / 64) * 64))) {
        std::fill(p.get(), p.get() + n, R(0));
    }
    struct Free {
        void operator()(R* q) const { std::free(q); }
    };
    std::unique_ptr<R[], Free> p;
    R* data() { return p.get(); }
};

template <class R> constexpr int V = kLanes<R>;
template <class R> R re(const R* a, int k, int v) { return a[2 * k * V<R> + v]; }
template <class R> R im(const R* a, int k, int v) { return a[(2 * k + 1) * V<R> + v]; }

Cd dft(const std::vector<Cd>& x, int k, int sign) {
    const int n = static_cast<int>(x.size());
    Cd s = 0;
    for (int t = 0; t < n; ++t) s += x[t] * std::polar(1.0, sign * 2 * M_PI * static_cast<double>((1LL * k * t) % n) / n);
    return s;
}

// Random lane signals: x[v][t].
std::vector<std::vector<Cd>> randomLanes(int n, int lanes, unsigned seed) {
    std::mt19937 g(seed);
    std::normal_distribution<double> d;
    std::vector<std::vector<Cd>> x(lanes, std::vector<Cd>(n));
    for (auto& s : x)
        for (auto& c : s) c = {d(g), d(g)};
    return x;
}

template <class R> void store(const std::vector<std::vector<Cd>>& x, R* a) {
    for (int v = 0; v < V<R>; ++v)
        for (std::size_t k = 0; k < x[v].size(); ++k) {
            a[2 * k * V<R> + v] = static_cast<R>(x[v][k].real());
            a[(2 * k + 1) * V<R> + v] = static_cast<R>(x[v][k].imag());
        }
}

// Inverse (bit-reversed out), modulus pack, real forward, against literal DFTs; errors relative
// to the signal's size (sqrt n for the complex transform, the mean modulus times n for the real one).
template <class R> void checkChain(int n, double tol) {
    const auto x = randomLanes(n, V<R>, static_cast<unsigned>(n));
    Aligned<R> w(2 * n * V<R>);
    store(x, w.data());
    const LaneFft<R> f(n);
    f.inverseToBitReversed(w.data());
    std::vector<std::vector<double>> u(V<R>, std::vector<double>(n));
    double worst = 0;
    for (int v = 0; v < V<R>; ++v)
        for (int t = 0; t < n; ++t) {
            const int p = f.bitReversed(t);
            const Cd got(re(w.data(), p, v), im(w.data(), p, v));
            worst = std::max(worst, std::abs(got - dft(x[v], t, +1)) / std::sqrt(static_cast<double>(n)));
            u[v][t] = std::abs(got);
        }
    QVERIFY2(worst <= tol, qPrintable(QString("n=%1 inverse %2").arg(n).arg(worst)));

    Aligned<R> z(2 * std::max(1, n / 2) * V<R>), X(2 * (n / 2 + 1) * V<R>);
    laneModulusPack(w.data(), z.data(), n);
    LaneRealFft<R>(n).forward(z.data(), X.data());
    worst = 0;
    for (int v = 0; v < V<R>; ++v) {
        std::vector<Cd> uc(u[v].begin(), u[v].end());
        for (int k = 0; k <= n / 2; ++k) {
            const Cd got(re(X.data(), k, v), im(X.data(), k, v));
            worst = std::max(worst, std::abs(got - dft(uc, k, -1)) / n);
        }
    }
    QVERIFY2(worst <= tol, qPrintable(QString("n=%1 real forward %2").arg(n).arg(worst)));
}

// |w| packed by laneModulusPack against std::hypot, for w built from the given magnitudes.
template <class R> void checkModulus(std::initializer_list<double> mags) {
    const int n = 4;  // two packed elements per lane
    Aligned<R> w(2 * n * V<R>), z(n * V<R>);
    std::vector<double> m(mags);
    for (int i = 0; i < 2 * n * V<R>; ++i) w.data()[i] = static_cast<R>(m[i % m.size()] * ((i % 3) ? 1 : -1));
    laneModulusPack(w.data(), z.data(), n);
    for (int i = 0; i < n / 2; ++i)
        for (int half = 0; half < 2; ++half)
            for (int v = 0; v < V<R>; ++v) {
                const int k = i + half * n / 2;  // element packed into z[i] (re: k = i, im: k = i + n/2)
                const double exact = std::hypot(double(re(w.data(), k, v)), double(im(w.data(), k, v)));
                const double got = z.data()[(2 * i + half) * V<R> + v];
                // (A subnormal square itself carries few bits: a looser bound there.)
                const bool sub = exact * exact < std::numeric_limits<R>::min();
                const double tol = sub ? 1e-3 : 4 * std::numeric_limits<R>::epsilon();
                QVERIFY2(std::isfinite(got) && std::abs(got - exact) <= tol * exact,
                         qPrintable(QString("%1 vs %2").arg(got).arg(exact)));
            }
}

}  // namespace

class TestLaneFft : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void transformsMatchTheLiteralDft_data() {
        QTest::addColumn<int>("n");
        // 1, 2, 4: no radix-8 stage; 8..2048: radix-8 with radix-4/2 tails; from 512 (double)
        // or 1024 (float) they exceed the L1 block and take the depth-first path.
        for (int n : {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048}) QTest::addRow("n%d", n) << n;
    }
    void transformsMatchTheLiteralDft() {
        QFETCH(int, n);
        checkChain<double>(n, 1e-12);  // (mostly the literal DFT's own rounding)
        checkChain<float>(n, 1e-5);
    }

    void forwardFromBitReversedInvertsTheInverse() {
        const int n = 2048;
        const auto x = randomLanes(n, V<double>, 7);
        Aligned<double> a(2 * n * V<double>);
        store(x, a.data());
        const LaneFft<double> f(n);
        f.inverseToBitReversed(a.data());
        f.forwardFromBitReversed(a.data());
        double worst = 0;
        for (int v = 0; v < V<double>; ++v)
            for (int k = 0; k < n; ++k) worst = std::max(worst, std::abs(Cd(re(a.data(), k, v), im(a.data(), k, v)) / double(n) - x[v][k]));
        QVERIFY2(worst < 1e-13, qPrintable(QString::number(worst)));
    }

    // A lane's bits depend on its own input only: the same signal in every lane, next to
    // different neighbours in a second call, gives identical bytes, and so does a repeat.
    void lanesAreIndependentAndRepeatable() {
        const int n = 2048;
        const auto same = randomLanes(n, 1, 3)[0];
        auto mixed = randomLanes(n, V<float>, 4);
        Aligned<float> a(2 * n * V<float>), b(2 * n * V<float>), c(2 * n * V<float>);
        store(std::vector<std::vector<Cd>>(V<float>, same), a.data());
        mixed[5] = same;
        store(mixed, b.data());
        store(std::vector<std::vector<Cd>>(V<float>, same), c.data());
        const LaneFft<float> f(n);
        for (float* p : {a.data(), b.data(), c.data()}) f.inverseToBitReversed(p);
        for (int k = 0; k < 2 * n; ++k)
            for (int v = 0; v < V<float>; ++v) {
                const float ref = a.data()[k * V<float>];
                QCOMPARE(std::memcmp(&a.data()[k * V<float> + v], &ref, sizeof ref), 0);
                QCOMPARE(std::memcmp(&b.data()[k * V<float> + 5], &ref, sizeof ref), 0);
                QCOMPARE(std::memcmp(&c.data()[k * V<float> + v], &ref, sizeof ref), 0);
            }
    }

    // Folds: a wrapped arc shorter than M (assign: the rest is cleared) and one longer than M
    // (aliased blocks summed), against literal sums, in both forms.
    void foldsMatchLiteralSums() {
        const int L = 64, M = 16;
        std::mt19937 g(11);
        std::normal_distribution<double> d;
        std::vector<double> F0(2 * L);
        for (auto& v : F0) v = d(g);
        for (const auto& [start, len] : {std::pair{60, 10}, std::pair{50, 40}}) {
            std::vector<double> wg(static_cast<std::size_t>(len) * V<double>);
            for (auto& v : wg) v = d(g);
            Aligned<double> W(2 * M * V<double>);
            std::fill(W.data(), W.data() + 2 * M * V<double>, 99.0);  // stale values must go
            laneFoldDense(W.data(), M, F0.data(), L, start, len, wg.data());
            std::vector<double> arcW(2 * static_cast<std::size_t>(len));
            for (int i = 0; i < len; ++i) arcW[2 * i] = arcW[2 * i + 1] = d(g);
            Aligned<double> F(2 * L * V<double>), W2(2 * M * V<double>);
            for (int i = 0; i < 2 * L * V<double>; ++i) F.data()[i] = d(g);
            std::fill(W2.data(), W2.data() + 2 * M * V<double>, 99.0);
            laneFoldVertical(W2.data(), M, F.data(), L, start, len, arcW.data());
            for (int m = 0; m < M; ++m)
                for (int v = 0; v < V<double>; ++v) {
                    Cd dense = 0, vert = 0;
                    for (int i = 0; i < len; ++i) {
                        const int k = (start + i) % L;
                        if (k % M != m) continue;
                        dense += Cd(F0[2 * k], F0[2 * k + 1]) * wg[i * V<double> + v];
                        vert += Cd(re(F.data(), k, v), im(F.data(), k, v)) * arcW[2 * i];
                    }
                    QVERIFY(std::abs(Cd(re(W.data(), m, v), im(W.data(), m, v)) - dense) < 1e-12);
                    QVERIFY(std::abs(Cd(re(W2.data(), m, v), im(W2.data(), m, v)) - vert) < 1e-12);
                }
        }
    }

    // A real FFT asked for bins 0..kEnd only (the low-pass reads a few) gives exactly those of
    // the full transform and writes nothing above them.
    void realForwardUpToABin() {
        const int n = 512, kEnd = 37;
        const auto x = randomLanes(n, V<float>, 9);
        Aligned<float> w(2 * n * V<float>), z1(n * V<float>), z2(n * V<float>);
        Aligned<float> full(2 * (n / 2 + 1) * V<float>), part(2 * (n / 2 + 1) * V<float>);
        store(x, w.data());
        LaneFft<float>(n).inverseToBitReversed(w.data());
        laneModulusPack(w.data(), z1.data(), n);
        laneModulusPack(w.data(), z2.data(), n);
        std::fill(part.data(), part.data() + 2 * (n / 2 + 1) * V<float>, -7.0f);
        const LaneRealFft<float> rf(n);
        rf.forward(z1.data(), full.data());
        rf.forward(z2.data(), part.data(), kEnd);
        const std::size_t cut = 2 * static_cast<std::size_t>(kEnd + 1) * V<float>;
        QCOMPARE(std::memcmp(full.data(), part.data(), cut * sizeof(float)), 0);
        for (std::size_t i = cut; i < 2 * static_cast<std::size_t>(n / 2 + 1) * V<float>; ++i) QCOMPARE(part.data()[i], -7.0f);
    }

    // The modulus (AVX-512: from the reciprocal-square-root estimate) over the whole range:
    // zeros, subnormal squares (|c| ~1e-20 in float, ~1e-160 in double), ordinary and large values.
    void modulusOverTheWholeRange() {
        checkModulus<float>({0.0, 3e-20, 1.5e-20, 2.0, 7e-3, 1e15});
        checkModulus<double>({0.0, 3e-160, 1.5e-160, 2.0, 7e-3, 1e150});
    }

    // Every compiled variant this CPU can run (the others are what machines without AVX-512
    // or AVX2 use): correct against the literal DFT; AVX2 and baseline (no fused multiply-add,
    // the exact sqrt) give the same bits, AVX-512 agrees with them to rounding.
    void everyVariantAgrees() {
        const LaneVariant best = laneVariant();
        auto chainBytes = [](int n) {
            const auto x = randomLanes(n, V<float>, 5);
            Aligned<float> w(2 * n * V<float>), z(n * V<float>), X(2 * (n / 2 + 1) * V<float>);
            store(x, w.data());
            LaneFft<float>(n).inverseToBitReversed(w.data());
            laneModulusPack(w.data(), z.data(), n);
            LaneRealFft<float>(n).forward(z.data(), X.data());
            return std::vector<float>(X.data(), X.data() + 2 * (n / 2 + 1) * V<float>);
        };
        std::vector<std::vector<float>> out;
        for (LaneVariant v : {LaneVariant::Avx512, LaneVariant::Avx2, LaneVariant::Baseline}) {
            if (!useLaneVariant(v)) {
                QVERIFY(v != LaneVariant::Baseline);  // the baseline runs everywhere
                out.emplace_back();
                continue;
            }
            QCOMPARE(laneVariant(), v);
            for (int n : {2, 64, 1024}) {
                checkChain<double>(n, 1e-12);
                checkChain<float>(n, 1e-5);
            }
            out.push_back(chainBytes(1024));
        }
        QVERIFY(useLaneVariant(best));
        const std::vector<float>& base = out[2];
        if (!out[1].empty()) QVERIFY(out[1] == base);
        if (!out[0].empty()) {
            double worst = 0, scale = 0;
            for (std::size_t i = 0; i < base.size(); ++i) {
                worst = std::max(worst, double(std::abs(out[0][i] - base[i])));
                scale = std::max(scale, double(std::abs(base[i])));
            }
            QVERIFY2(worst <= 1e-5 * scale, qPrintable(QString::number(worst / scale)));
        }
    }

    void lengthMustBeAPowerOfTwo() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LaneFft<double>(12));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LaneRealFft<float>(0));
    }
};

QTEST_APPLESS_MAIN(TestLaneFft)
#include "test_lane_fft.moc"
