// Scattering1D beyond the golden cases: other N, J, Q (compared with a slow, literal
// implementation of the reference README's definition), structural rules, batch/threads, and
// the edge inputs of issue 3 §6.
#include "core/dsp/lane_fft.h"
#include "core/dsp/scattering.h"

#include <QtTest>

#include <fftw3.h>

#include <atomic>
#include <cmath>
#include <complex>
#include <random>
#include <stdexcept>
#include <thread>

using dacl::dsp::Scattering1D;
using dacl::dsp::ScatteringConfig;
using Cd = std::complex<double>;

namespace {

ScatteringConfig cfg(int N, int J, int Q1, int Q2 = 1, int maxOrder = 2) {
    ScatteringConfig c;
    c.N = N;
    c.J = J;
    c.Q1 = Q1;
    c.Q2 = Q2;
    c.maxOrder = maxOrder;
    c.effort = dacl::dsp::fft::Effort::Estimate;  // many configurations: keep planning instant
    return c;
}

std::vector<double> noise(int N, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> g(0.0, 1.0);
    std::vector<double> x(N);
    for (double& v : x) v = g(rng);
    return x;
}

// Full-length complex DFT (sign -1 forward, +1 inverse with 1/n): no real-input transforms, no
// folding, no band limits.
std::vector<Cd> dft(std::vector<Cd> a, int sign) {
    const int n = static_cast<int>(a.size());
    std::vector<Cd> out(n);
    fftw_plan p = fftw_plan_dft_1d(n, reinterpret_cast<fftw_complex*>(a.data()),
                                   reinterpret_cast<fftw_complex*>(out.data()), sign > 0 ? FFTW_BACKWARD : FFTW_FORWARD,
                                   FFTW_ESTIMATE);
    fftw_execute(p);
    fftw_destroy_plan(p);
    if (sign > 0)
        for (auto& v : out) v /= n;
    return out;
}

// Circular convolution of u (length M) with a filter given by its DFT, then keeping every
// 2^k-th sample: the README's "y = IDFT(DFT(u) * h)" and "↓k" taken literally.
std::vector<Cd> convDecimate(const std::vector<double>& u, const std::vector<double>& h, int k) {
    std::vector<Cd> U = dft(std::vector<Cd>(u.begin(), u.end()), -1);
    for (std::size_t i = 0; i < U.size(); ++i) U[i] *= h[i];
    const std::vector<Cd> y = dft(U, +1);
    std::vector<Cd> out;
    for (std::size_t t = 0; t < y.size(); t += (std::size_t{1} << k)) out.push_back(y[t]);
    return out;
}

// The whole transform as the README writes it.
std::vector<double> literalScattering(const Scattering1D& s, const std::vector<double>& x) {
    const int N = s.config().N, J = s.config().J, L = s.paddedLength(), pl = s.padLeft();
    std::vector<double> u0(L);
    for (int i = 0; i < L; ++i) {
        int k = i - pl;  // reflect about the end samples without repeating them
        if (k < 0) k = -k;
        if (k > N - 1) k = 2 * (N - 1) - k;
        u0[i] = x[k];
    }
    const int nF = s.nFrames(), start = s.frameStartIndex();
    std::vector<double> out(s.outputSize());
    auto storeRow = [&](int row, const std::vector<Cd>& v) {
        for (int f = 0; f < nF; ++f) out[row * nF + f] = v.at(start + f).real();
    };
    auto modulus = [](const std::vector<Cd>& v) {
        std::vector<double> m(v.size());
        for (std::size_t i = 0; i < v.size(); ++i) m[i] = std::abs(v[i]);
        return m;
    };
    storeRow(0, convDecimate(u0, s.phi(), J));
    for (int r = 1; r < s.nPaths(); ++r) {
        const auto& p = s.paths()[r];
        const int k1 = std::min(p.j1, J);
        const auto u1 = modulus(convDecimate(u0, s.psi1(p.n1), k1));
        if (p.order == 1) {
            storeRow(r, convDecimate(u1, s.phiLevel(k1), J - k1));
        } else {
            const int k2 = std::max(std::min(p.j2, J) - k1, 0);
            const auto u2 = modulus(convDecimate(u1, s.psi2Level(p.n2, k1), k2));
            storeRow(r, convDecimate(u2, s.phiLevel(k1 + k2), J - k1 - k2));
        }
    }
    return out;
}

double worstRowRelative(const std::vector<double>& a, const std::vector<double>& ref, int nPaths, int nF) {
    double worst = 0;
    for (int r = 0; r < nPaths; ++r) {
        double scale = 0, diff = 0;
        for (int f = 0; f < nF; ++f) {
            scale = std::max(scale, std::abs(ref[r * nF + f]));
            diff = std::max(diff, std::abs(a[r * nF + f] - ref[r * nF + f]));
        }
        worst = std::max(worst, scale > 0 ? diff / scale : diff);
    }
    return worst;
}

int ceilDiv(int a, int b) { return (a + b - 1) / b; }

}  // namespace

// J 7, N 3072 of one noise signal in double with the default configuration (lane FFTs where
// they pay) and with FFTW per wavelet, under lane variant v; false when this CPU lacks v.
struct DefaultAndFftw {
    std::vector<double> lanes, fftw;
    int paths = 0, frames = 0;
    bool lanesPay64 = false, lanesPay32 = false;
};
bool underVariant(dacl::dsp::lanes::LaneVariant v, unsigned seed, DefaultAndFftw& out) {
    namespace lanes = dacl::dsp::lanes;
    const lanes::LaneVariant best = lanes::laneVariant();
    if (!lanes::useLaneVariant(v)) return false;
    out.lanesPay64 = lanes::lanesPay<double>();
    out.lanesPay32 = lanes::lanesPay<float>();
    ScatteringConfig lc = cfg(3072, 7, 8), fc = lc;
    fc.laneFft = false;
    const Scattering1D sl(lc), sf(fc);
    const auto x = noise(3072, seed);
    out.lanes.resize(sl.outputSize());
    out.fftw.resize(sl.outputSize());
    sl.transform(x.data(), out.lanes.data());
    sf.transform(x.data(), out.fftw.data());
    out.paths = sl.nPaths();
    out.frames = sl.nFrames();
    lanes::useLaneVariant(best);
    return true;
}

class TestScatteringProperties : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Exactness for configurations without golden files: the fast engine (band-limited filter
    // slices, spectrum folding, real FFTs, float-free) against the literal definition.
    void matchesLiteralDefinition_data() {
        QTest::addColumn<int>("N");
        QTest::addColumn<int>("J");
        QTest::addColumn<int>("Q1");
        QTest::addColumn<int>("Q2");
        QTest::addColumn<int>("maxOrder");
        QTest::newRow("N1000_J5_Q4,2") << 1000 << 5 << 4 << 2 << 2;
        QTest::newRow("N777_J4_Q3") << 777 << 4 << 3 << 1 << 2;
        QTest::newRow("N5000_J8_Q8") << 5000 << 8 << 8 << 1 << 2;
        QTest::newRow("N3072_J6_Q12_order1") << 3072 << 6 << 12 << 1 << 1;
        QTest::newRow("N100_J7_Q8_shorter_than_2^J") << 100 << 7 << 8 << 1 << 2;
        QTest::newRow("N18300_J7_Q8_long_record") << 18300 << 7 << 8 << 1 << 2;
    }
    void matchesLiteralDefinition() {
        QFETCH(int, N);
        QFETCH(int, J);
        QFETCH(int, Q1);
        QFETCH(int, Q2);
        QFETCH(int, maxOrder);
        const Scattering1D s(cfg(N, J, Q1, Q2, maxOrder));
        const auto x = noise(N, 7);
        std::vector<double> fast(s.outputSize());
        s.transform(x.data(), fast.data());
        const auto ref = literalScattering(s, x);
        const double err = worstRowRelative(fast, ref, s.nPaths(), s.nFrames());
        qInfo("N=%d J=%d Q=(%d,%d): %d paths x %d frames, padded %d, worst row-relative error %.3g", N, J, Q1, Q2,
              s.nPaths(), s.nFrames(), s.paddedLength(), err);
        QVERIFY(err <= 1e-12);
        for (double v : fast) QVERIFY(std::isfinite(v));
    }

    // The two wavelet FFT paths (issue 19): lane FFTs (the default, several wavelets per SIMD
    // register, small groups still through FFTW) and FFTW per wavelet agree to rounding in both
    // precisions; their bits differ, so the switch does change the computation.
    void laneAndFftwPathsAgree() {
        struct Case {
            int N, J, Q1, Q2, order;
        };
        for (const Case c : {Case{3072, 7, 8, 1, 2}, Case{9216, 6, 8, 1, 2}, Case{1000, 5, 4, 2, 2}, Case{300, 3, 1, 1, 2},
                             Case{64, 2, 8, 1, 1}}) {
            ScatteringConfig lc = cfg(c.N, c.J, c.Q1, c.Q2, c.order), fc = lc;
            lc.laneFft = true;
            fc.laneFft = false;
            const Scattering1D sl(lc), sf(fc);
            const auto x = noise(c.N, 21);
            std::vector<double> a(sl.outputSize()), b(sl.outputSize());
            sl.transform(x.data(), a.data());
            sf.transform(x.data(), b.data());
            const double err = worstRowRelative(a, b, sl.nPaths(), sl.nFrames());
            QVERIFY2(err <= 1e-13, qPrintable(QString("N=%1 J=%2: %3").arg(c.N).arg(c.J).arg(err)));
            const bool grouped = c.Q1 == 8 && c.N >= 3072;  // groups big enough for lanes in both precisions
            if (grouped && dacl::dsp::lanes::lanesPay<double>()) QVERIFY(a != b);
            const std::vector<float> xf(x.begin(), x.end());
            std::vector<float> af(a.size()), bf(a.size());
            sl.transform(xf.data(), af.data());
            sf.transform(xf.data(), bf.data());
            const std::vector<double> ad(af.begin(), af.end()), bd(bf.begin(), bf.end());
            const double errf = worstRowRelative(ad, bd, sl.nPaths(), sl.nFrames());
            QVERIFY2(errf <= 2e-5, qPrintable(QString("float N=%1 J=%2: %3").arg(c.N).arg(c.J).arg(errf)));
            if (grouped && dacl::dsp::lanes::lanesPay<float>()) QVERIFY(af != bf);
        }
    }

    // Where the lane FFTs do not pay (neither AVX-512 nor AVX2; forced here to the baseline
    // variant, which every CPU can run), the default configuration takes FFTW's path: the same
    // bits as laneFft = false.
    void lanesOnlyWhereTheyPay() {
        DefaultAndFftw r;
        QVERIFY(underVariant(dacl::dsp::lanes::LaneVariant::Baseline, 5, r));
        QVERIFY(!r.lanesPay64 && !r.lanesPay32);
        QVERIFY(r.lanes == r.fftw);
    }

    // CPUs with AVX2 but not AVX-512 (forced here) take the lane FFTs in both precisions: their
    // four-double kernels beat FFTW since session 14 (the 64-byte vectors split in two ran at
    // 0.21x, so float64 took FFTW's path). The default then gives the lanes' bits, within rounding
    // of FFTW's path.
    void avx2TakesTheLanesInBothPrecisions() {
        DefaultAndFftw r;
        if (!underVariant(dacl::dsp::lanes::LaneVariant::Avx2, 9, r)) QSKIP("this CPU has no AVX2");
        QVERIFY(r.lanesPay64 && r.lanesPay32);
        QVERIFY(r.lanes != r.fftw);
        QVERIFY(worstRowRelative(r.lanes, r.fftw, r.paths, r.frames) <= 1e-13);
    }

    // Padding, frame and path rules (README "Padding", "Frames", "Path selection") for a grid.
    void structuralRules() {
        for (int N : {64, 300, 1000, 3072, 5000, 18300}) {
            for (int J : {2, 4, 6, 7, 9}) {
                for (int Q : {1, 2, 8, 16}) {
                    std::unique_ptr<Scattering1D> sp;
                    try {
                        sp = std::make_unique<Scattering1D>(cfg(N, J, Q, 1, 2));
                    } catch (const std::invalid_argument& e) {
                        // Only signals too short for 2^J are refused.
                        QVERIFY2(std::string(e.what()).find("too short") != std::string::npos, e.what());
                        QVERIFY(N < 3 * (1 << J));
                        continue;
                    }
                    const Scattering1D& s = *sp;
                    const int L = s.paddedLength();
                    QVERIFY((L & (L - 1)) == 0);
                    QVERIFY(L >= N && L <= 3 * N - 2);
                    QCOMPARE(s.padLeft(), (L - N) / 2);
                    QCOMPARE(s.padLeft() + N + s.padRight(), L);
                    QVERIFY(s.padLeft() <= N - 1 && s.padRight() <= N - 1);
                    // L = 2^ceil(log2(N + 6 s)) unless capped by 3N - 2, with s the half support of phi.
                    if (L < 3 * N - 2 && 2 * L <= 3 * N - 2) {
                        QVERIFY(L >= N);
                        QVERIFY(L / 2 < N + 6 * dacl::dsp::temporalHalfSupport(
                                                    dacl::dsp::gaussFourier(N, 0.1 / (1 << J))));
                    }
                    // Repeated ceil-halving J times is one ceil division by 2^J.
                    QCOMPARE(s.frameStartIndex(), ceilDiv(s.padLeft(), 1 << J));
                    QCOMPARE(s.nFrames(), ceilDiv(s.padLeft() + N, 1 << J) - ceilDiv(s.padLeft(), 1 << J));
                    QVERIFY(s.nFrames() >= 1);
                    // Paths: 1 + K1 + #{(n1, n2): j2 > j1}, in (order, n1, n2) order, with xi2 < xi1.
                    const auto& p1 = s.psi1Params();
                    const auto& p2 = s.psi2Params();
                    int pairs = 0;
                    for (const auto& a : p1)
                        for (const auto& b : p2) pairs += b.j > a.j;
                    QCOMPARE(s.nPaths(), 1 + static_cast<int>(p1.size()) + pairs);
                    for (int r = 1; r < s.nPaths(); ++r) {
                        const auto& a = s.paths()[r - 1];
                        const auto& b = s.paths()[r];
                        QVERIFY(std::make_tuple(a.order, a.n1, a.n2) < std::make_tuple(b.order, b.n1, b.n2));
                        if (b.order == 2) {
                            QVERIFY(b.j2 > b.j1);
                            QVERIFY(b.xi2 < b.xi1);
                        }
                    }
                }
            }
        }
    }

    // Filter bank: decreasing centre frequencies, constant-Q spacing, zero mean, unit L1 norm,
    // and the subsampling exponent rule.
    void filterBankRules() {
        const Scattering1D s(cfg(2000, 6, 4, 2, 2));
        const int L = s.paddedLength();
        for (const auto* bank : {&s.psi1Params(), &s.psi2Params()}) {
            for (std::size_t n = 1; n < bank->size(); ++n) QVERIFY((*bank)[n].xi < (*bank)[n - 1].xi);
        }
        QCOMPARE(s.psi1Params()[1].xi * std::pow(2.0, 1.0 / 4), s.psi1Params()[0].xi);
        for (std::size_t n = 0; n < s.psi1Params().size(); ++n) {
            const auto& h = s.psi1(static_cast<int>(n));
            QVERIFY(std::abs(h[0]) < 1e-12);
            const auto t = dft(std::vector<Cd>(h.begin(), h.end()), +1);
            double l1 = 0;
            for (const auto& v : t) l1 += std::abs(v);
            QVERIFY(std::abs(l1 - 1) < 1e-12);
            const auto& p = s.psi1Params()[n];
            QCOMPARE(p.j, static_cast<int>(std::floor(-std::log2(std::min(p.xi + 5 * p.sigma, 0.5)))) - 1);
        }
        QCOMPARE(static_cast<int>(s.phi().size()), L);
        QVERIFY(std::abs(s.phi()[0] - 1) < 1e-12);  // positive, unit-L1 low-pass: unit DC gain
    }

    // Batches over threads give the same numbers as one signal at a time, bit for bit; so does
    // calling transform() from several threads at once on one shared object.
    void batchAndThreadsEqualSingle() {
        const Scattering1D s(cfg(1500, 6, 8));
        const int count = 9;
        std::vector<double> x;
        for (int i = 0; i < count; ++i) {
            const auto xi = noise(1500, 100 + i);
            x.insert(x.end(), xi.begin(), xi.end());
        }
        std::vector<double> single(count * s.outputSize()), batch(single.size()), shared(single.size());
        for (int i = 0; i < count; ++i) s.transform(x.data() + i * 1500, single.data() + i * s.outputSize());
        s.transformBatch(x.data(), count, batch.data(), 3);
        QVERIFY(single == batch);
        std::vector<std::thread> threads;
        for (int i = 0; i < count; ++i)
            threads.emplace_back([&, i] { s.transform(x.data() + i * 1500, shared.data() + i * s.outputSize()); });
        for (auto& t : threads) t.join();
        QVERIFY(single == shared);

        const std::vector<float> xf(x.begin(), x.end());
        std::vector<float> fsingle(single.size()), fbatch(single.size());
        for (int i = 0; i < count; ++i) s.transform(xf.data() + i * 1500, fsingle.data() + i * s.outputSize());
        s.transformBatch(xf.data(), count, fbatch.data(), 2);
        QVERIFY(fsingle == fbatch);
        // float32 stays within the documented 1e-4 of each row's maximum.
        const std::vector<double> fd(fsingle.begin(), fsingle.end());
        QVERIFY(worstRowRelative(fd, single, count * s.nPaths(), s.nFrames()) <= 1e-4);
    }

    // Orders >= 1 are moduli averaged by a positive low-pass: non-negative. Scaling the input by
    // a scales order 0 by a and orders 1-2 by |a|.
    void nonNegativeAndHomogeneous() {
        const Scattering1D s(cfg(2048, 7, 8));
        const auto x = noise(2048, 3);
        std::vector<double> a(s.outputSize()), b(s.outputSize());
        s.transform(x.data(), a.data());
        std::vector<double> y(x);
        for (double& v : y) v *= -2.5;
        s.transform(y.data(), b.data());
        const int nF = s.nFrames();
        for (int r = 0; r < s.nPaths(); ++r) {
            const double factor = r == 0 ? -2.5 : 2.5;
            for (int f = 0; f < nF; ++f) {
                if (r > 0) QVERIFY(a[r * nF + f] >= 0);
                QVERIFY(std::abs(b[r * nF + f] - factor * a[r * nF + f]) <= 1e-12 * (1 + std::abs(b[r * nF + f])));
            }
        }
    }

    // A pure tone puts most first-order energy in the wavelet centred nearest to its frequency.
    void toneLandsInItsBand() {
        const Scattering1D s(cfg(4096, 7, 8));
        for (double f0 : {0.3, 0.12, 0.05}) {
            std::vector<double> x(4096);
            for (int n = 0; n < 4096; ++n) x[n] = std::cos(2 * M_PI * f0 * n);
            std::vector<double> out(s.outputSize());
            s.transform(x.data(), out.data());
            int best = -1, nearest = -1;
            double bestE = -1, bestD = 1;
            for (int n1 = 0; n1 < static_cast<int>(s.psi1Params().size()); ++n1) {
                double e = 0;
                for (int f = 0; f < s.nFrames(); ++f) e += out[(1 + n1) * s.nFrames() + f];
                if (e > bestE) { bestE = e; best = n1; }
                const double d = std::abs(s.psi1Params()[n1].xi - f0);
                if (d < bestD) { bestD = d; nearest = n1; }
            }
            QVERIFY2(std::abs(best - nearest) <= 1, qPrintable(QString("f0=%1 best=%2 nearest=%3").arg(f0).arg(best).arg(nearest)));
        }
    }

    // §6 edge inputs.
    void constantSignal() {
        const Scattering1D s(cfg(3072, 7, 8));
        const std::vector<double> x(3072, 4.25);
        std::vector<double> out(s.outputSize());
        s.transform(x.data(), out.data());
        for (int f = 0; f < s.nFrames(); ++f) QVERIFY(std::abs(out[f] - 4.25) < 1e-12);
        for (std::size_t i = s.nFrames(); i < out.size(); ++i) {
            QVERIFY(std::isfinite(out[i]));
            QVERIFY(std::abs(out[i]) < 1e-12);  // wavelets have zero mean
        }
        std::vector<float> outf(s.outputSize());
        const std::vector<float> xf(3072, 4.25f);
        s.transform(xf.data(), outf.data());
        for (int f = 0; f < s.nFrames(); ++f) QVERIFY(std::abs(outf[f] - 4.25f) < 1e-5f);
        for (std::size_t i = s.nFrames(); i < outf.size(); ++i) QVERIFY(std::abs(outf[i]) < 1e-5f);
    }

    void zeroSignal() {
        const Scattering1D s(cfg(3072, 7, 8));
        const std::vector<double> x(3072, 0.0);
        std::vector<double> out(s.outputSize(), 1.0);
        s.transform(x.data(), out.data());
        for (double v : out) QCOMPARE(v, 0.0);
        std::vector<float> outf(s.outputSize(), 1.0f);
        const std::vector<float> xf(3072, 0.0f);
        s.transform(xf.data(), outf.data());
        for (float v : outf) QCOMPARE(v, 0.0f);
    }

    void nonFiniteInputIsAnError() {
        const Scattering1D s(cfg(1024, 6, 8));
        std::vector<double> x = noise(1024, 1);
        std::vector<double> out(s.outputSize(), -7.0);
        x[17] = std::nan("");
        try {
            s.transform(x.data(), out.data());
            QFAIL("NaN accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("sample 17 is NaN") != std::string::npos, e.what());
        }
        QVERIFY(std::all_of(out.begin(), out.end(), [](double v) { return v == -7.0; }));  // nothing written
        x[17] = 0;
        x[1000] = -INFINITY;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.transform(x.data(), out.data()));
        // In a batch the message names the signal.
        std::vector<float> xf(3 * 1024, 0.5f);
        xf[2 * 1024 + 5] = INFINITY;
        std::vector<float> of(3 * s.outputSize());
        try {
            s.transformBatch(xf.data(), 3, of.data(), 2);
            QFAIL("Inf accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("signal 2, sample 5 is infinite") != std::string::npos, e.what());
        }
    }

    // N shorter than 2^J: kymatio's rules still apply while the padded length reaches 2^J and a
    // frame remains (checked against the definition above); beyond that a clear error.
    void shorterThanTwoToTheJ() {
        const Scattering1D s(cfg(100, 7, 8));
        QCOMPARE(s.paddedLength(), 256);
        QCOMPARE(s.nFrames(), 1);
        for (int N : {64, 10, 1}) {
            try {
                Scattering1D t(cfg(N, 7, 8));
                QFAIL("accepted a signal too short for J");
            } catch (const std::invalid_argument& e) {
                QVERIFY2(std::string(e.what()).find("too short for J = 7") != std::string::npos, e.what());
            }
        }
    }

    void invalidConfigurations() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Scattering1D(cfg(1024, 0, 8)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Scattering1D(cfg(1024, 6, 0)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Scattering1D(cfg(1024, 6, 8, 0)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Scattering1D(cfg(1024, 6, 8, 1, 3)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Scattering1D(cfg(0, 6, 8)));
    }

    // A 61 s record at 300 Hz in one piece.
    void longRecord() {
        const Scattering1D s(cfg(18300, 7, 8));
        QCOMPARE(s.nPaths(), 176);
        QCOMPARE(s.nFrames(), ceilDiv(s.padLeft() + 18300, 128) - ceilDiv(s.padLeft(), 128));
        const auto x = noise(18300, 11);
        std::vector<float> out(s.outputSize());
        const std::vector<float> xf(x.begin(), x.end());
        s.transform(xf.data(), out.data());
        for (float v : out) QVERIFY(std::isfinite(v));
    }
};

QTEST_APPLESS_MAIN(TestScatteringProperties)
#include "test_scattering_properties.moc"
