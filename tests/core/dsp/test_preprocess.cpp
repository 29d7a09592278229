// Preprocessing (method.md §1): band-limited resampling, zero-phase Butterworth band-pass,
// robust standardisation and windowing.
#include "core/dsp/butterworth.h"
#include "core/dsp/preprocess.h"
#include "core/dsp/resample.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

using namespace dacl::dsp;

namespace {

constexpr double kPi = 3.14159265358979323846;

std::vector<double> sine(double f, double fs, long n, double amp = 1.0, double phase = 0.0) {
    std::vector<double> x(static_cast<std::size_t>(n));
    for (long i = 0; i < n; ++i) x[i] = amp * std::sin(2 * kPi * f * double(i) / fs + phase);
    return x;
}

double rms(const std::vector<double>& x, long from, long to) {
    double s = 0;
    for (long i = from; i < to; ++i) s += x[i] * x[i];
    return std::sqrt(s / double(to - from));
}

double maxAbsDiff(const std::vector<double>& a, const std::vector<double>& b, long from, long to) {
    double m = 0;
    for (long i = from; i < to; ++i) m = std::max(m, std::abs(a[i] - b[i]));
    return m;
}

// Amplitude of the component at frequency f (least-squares fit of sin and cos), over [from, to).
double amplitudeAt(const std::vector<double>& x, double f, double fs, long from, long to) {
    double ss = 0, sc = 0, cc = 0, xs = 0, xc = 0;
    for (long i = from; i < to; ++i) {
        const double s = std::sin(2 * kPi * f * i / fs), c = std::cos(2 * kPi * f * i / fs);
        ss += s * s;
        cc += c * c;
        sc += s * c;
        xs += x[i] * s;
        xc += x[i] * c;
    }
    const double det = ss * cc - sc * sc;
    const double a = (xs * cc - xc * sc) / det, b = (xc * ss - xs * sc) / det;
    return std::hypot(a, b);
}

}  // namespace

class TestPreprocess : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rationalRatios() {
        const RationalRatio r1 = rationalRatio(500, 300);
        QCOMPARE(r1.up, 3L);
        QCOMPARE(r1.down, 5L);
        const RationalRatio r2 = rationalRatio(250, 300);
        QCOMPARE(r2.up, 6L);
        QCOMPARE(r2.down, 5L);
        const RationalRatio r3 = rationalRatio(360, 300);
        QCOMPARE(r3.up, 5L);
        QCOMPARE(r3.down, 6L);
        // A non-integer rate whose exact ratio is small enough: exact.
        const RationalRatio r4 = rationalRatio(256.7, 300);
        QCOMPARE(r4.up, 3000L);
        QCOMPARE(r4.down, 2567L);
        // One that is not: the approximation's time error stays below 1/4096.
        const RationalRatio r5 = rationalRatio(299.987654321, 300);
        QVERIFY(std::abs(double(r5.up) / double(r5.down) * 299.987654321 / 300 - 1) < 1.0 / 4096);
        QVERIFY(r5.up <= 4096 && r5.down <= 4096);
    }

    void resampleKeepsSinesBelowNyquist_data() {
        QTest::addColumn<double>("fsIn");
        QTest::addColumn<double>("freq");
        for (double f : {1.0, 10.0, 40.0, 100.0}) QTest::addRow("500->300, %g Hz", f) << 500.0 << f;
        for (double f : {1.0, 10.0, 40.0, 90.0}) QTest::addRow("250->300, %g Hz", f) << 250.0 << f;
        for (double f : {5.0, 60.0}) QTest::addRow("360->300, %g Hz", f) << 360.0 << f;
    }
    void resampleKeepsSinesBelowNyquist() {
        QFETCH(double, fsIn);
        QFETCH(double, freq);
        const double fsOut = 300;
        const long n = static_cast<long>(10 * fsIn);
        const std::vector<double> x = sine(freq, fsIn, n, 1.0, 0.3);
        const std::vector<double> y = resample(x, fsIn, fsOut);
        QCOMPARE(static_cast<long>(y.size()), std::lround(n * fsOut / fsIn));
        const std::vector<double> expected = sine(freq, fsOut, static_cast<long>(y.size()), 1.0, 0.3);
        const long edge = static_cast<long>(0.5 * fsOut), m = static_cast<long>(y.size());
        // Interior: the reconstruction is exact up to the filter's passband ripple.
        const double err = maxAbsDiff(y, expected, edge, m - edge);
        QVERIFY2(err < 2e-3, qPrintable(QString("interior max error %1").arg(err)));
        // Whole record including the ends (odd-reflection continuation).
        const double errAll = rms(std::vector<double>([&] {
                                      std::vector<double> d(y.size());
                                      for (std::size_t i = 0; i < y.size(); ++i) d[i] = y[i] - expected[i];
                                      return d;
                                  }()),
                                  0, m);
        QVERIFY2(errAll < 0.02, qPrintable(QString("whole-record rms error %1").arg(errAll)));
    }

    void resampleRemovesToneAboveNewNyquist() {
        // 200 Hz at 500 Hz would alias to 100 Hz at 300 Hz; the anti-aliasing filter must
        // remove it. (Linear interpolation leaves most of it: this test fails for it.)
        const std::vector<double> x = sine(200, 500, 5000);
        const std::vector<double> y = resample(x, 500, 300);
        const long edge = 150, m = static_cast<long>(y.size());
        const double level = rms(y, edge, m - edge) / rms(x, 0, 5000);
        QVERIFY2(level < 1e-3, qPrintable(QString("residual %1 of the input").arg(level)));
        // 170 Hz: just above the new Nyquist (150 Hz), inside the transition guard.
        const std::vector<double> y2 = resample(sine(170, 500, 5000), 500, 300);
        QVERIFY(rms(y2, edge, m - edge) / rms(x, 0, 5000) < 1e-2);
    }

    void resampleLength() {
        const struct {
            long n;
            double fsIn, fsOut;
        } cases[] = {{9000, 300, 300}, {5000, 500, 300}, {2501, 250, 300}, {1000, 360, 300},
                     {777, 128, 300},  {12345, 1000, 300}, {1001, 256.7, 300}, {3, 500, 300}};
        for (const auto& c : cases) {
            const std::vector<double> y = resample(std::vector<double>(c.n, 1.0), c.fsIn, c.fsOut);
            QCOMPARE(static_cast<long>(y.size()), std::lround(double(c.n) * c.fsOut / c.fsIn));
            // Unit DC gain everywhere, including the ends.
            for (double v : y) QVERIFY(std::abs(v - 1.0) < 1e-9);
        }
        QVERIFY(resample({}, 500, 300).empty());
    }

    void resampleEqualRatesIsIdentityAndBadRatesThrow() {
        const std::vector<double> x = sine(7, 300, 1000);
        QVERIFY(resample(x, 300, 300) == x);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, resample(x, 0, 300));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, resample(x, 300, -1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 resample(x, std::numeric_limits<double>::quiet_NaN(), 300));
    }

    void butterworthDesignHasMinus3dBAtEdges() {
        const Sos bp = butterworthBandpass(4, 0.5, 40, 300);
        QCOMPARE(bp.size(), std::size_t(4));
        QVERIFY(std::abs(sosMagnitude(bp, 0.5, 300) - std::sqrt(0.5)) < 1e-6);
        QVERIFY(std::abs(sosMagnitude(bp, 40, 300) - std::sqrt(0.5)) < 1e-6);
        QVERIFY(std::abs(sosMagnitude(bp, 10, 300) - 1.0) < 1e-3);
        QVERIFY(sosMagnitude(bp, 0.0, 300) < 1e-9);
        QVERIFY(sosMagnitude(bp, 150, 300) < 1e-9);
        // Monotone roll-off beyond the edges (Butterworth: maximally flat, no ripple).
        QVERIFY(sosMagnitude(bp, 80, 300) < sosMagnitude(bp, 60, 300));
        QVERIFY(sosMagnitude(bp, 60, 300) < sosMagnitude(bp, 45, 300));
        const Sos lp = butterworthLowpass(3, 40, 300), hp = butterworthHighpass(3, 0.5, 300);
        QVERIFY(std::abs(sosMagnitude(lp, 40, 300) - std::sqrt(0.5)) < 1e-6);
        QVERIFY(std::abs(sosMagnitude(lp, 0, 300) - 1.0) < 1e-9);
        QVERIFY(std::abs(sosMagnitude(hp, 0.5, 300) - std::sqrt(0.5)) < 1e-6);
        QVERIFY(std::abs(sosMagnitude(hp, 150, 300) - 1.0) < 1e-9);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, butterworthBandpass(4, 40, 0.5, 300));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, butterworthBandpass(4, 0.5, 200, 300));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, butterworthBandpass(0, 0.5, 40, 300));
    }

    void bandpassPassbandAndStopband() {
        const double fs = 300;
        const long n = 30 * 300, edge = 3 * 300;
        PreprocessSettings s;
        for (double f : {2.0, 10.0, 20.0}) {
            const std::vector<double> y = bandpass(sine(f, fs, n), fs, s);
            const double a = amplitudeAt(y, f, fs, edge, n - edge);
            QVERIFY2(std::abs(a - 1) < 0.01, qPrintable(QString("%1 Hz gain %2").arg(f).arg(a)));
        }
        // Zero-phase filtering squares the magnitude: at the edges the gain is 1/2.
        QVERIFY(std::abs(amplitudeAt(bandpass(sine(40, fs, n), fs, s), 40, fs, edge, n - edge) - 0.5) < 0.01);
        for (double f : {0.05, 100.0, 60.0}) {
            const std::vector<double> y = bandpass(sine(f, fs, n), fs, s);
            const double a = f < 1 ? rms(y, edge, n - edge) * std::sqrt(2.0) : amplitudeAt(y, f, fs, edge, n - edge);
            QVERIFY2(a < 0.03, qPrintable(QString("%1 Hz gain %2").arg(f).arg(a)));
        }
        // Mains (60 Hz) at least 30 dB down, baseline drift (0.05 Hz) at least 60 dB down.
        QVERIFY(amplitudeAt(bandpass(sine(60, fs, n), fs, s), 60, fs, edge, n - edge) < 0.032);
        QVERIFY(rms(bandpass(sine(0.05, fs, n), fs, s), edge, n - edge) < 1e-3);
    }

    void bandpassIsZeroPhase() {
        // A symmetric QRS-like pulse stays symmetric and in place; a causal filter shifts it.
        const long n = 3001, c = 1500;
        std::vector<double> x(n);
        for (long i = 0; i < n; ++i) x[i] = std::exp(-0.5 * std::pow((i - c) / 6.0, 2));
        const std::vector<double> y = bandpass(x, 300, PreprocessSettings{});
        const long peak = static_cast<long>(std::max_element(y.begin(), y.end()) - y.begin());
        QCOMPARE(peak, c);
        double asym = 0, top = y[c];
        for (long k = 1; k < 1400; ++k) asym = std::max(asym, std::abs(y[c + k] - y[c - k]));
        QVERIFY2(asym < 1e-6 * top, qPrintable(QString("asymmetry %1").arg(asym / top)));

        // A causal (one-pass) filter distorts the same pulse asymmetrically.
        const std::vector<double> causal = sosFilter(butterworthBandpass(4, 0.5, 40, 300), x);
        double causalAsym = 0;
        for (long k = 1; k < 100; ++k) causalAsym = std::max(causalAsym, std::abs(causal[c + k] - causal[c - k]));
        QVERIFY(causalAsym > 0.05 * top);
    }

    void bandpassEdgesHaveNoLargeTransient() {
        // A 10 Hz tone on a 2 mV offset: the offset is removed without a start-up transient at
        // either end (only the first and last 50 ms see the mirror's kink).
        const long n = 3000;
        std::vector<double> x = sine(10, 300, n);
        for (double& v : x) v += 2.0;
        const std::vector<double> y = bandpass(x, 300, PreprocessSettings{});
        const std::vector<double> expected = sine(10, 300, n);
        const double err = maxAbsDiff(y, expected, 15, n - 15);
        QVERIFY2(err < 0.05, qPrintable(QString("max error beyond 50 ms of the ends %1").arg(err)));

        // An ECG-like pulse train on an offset with wander, cut so that the record starts and
        // ends on an R wave: filtering the cut record gives what filtering the longer record
        // gave, except very close to the cuts (no level step, no seconds-long transient).
        const long total = 20 * 300;
        std::vector<double> ecg(total);
        for (long i = 0; i < total; ++i) {
            const double t = i / 300.0, phase = std::fmod(t, 0.8) - 0.4;
            ecg[i] = 0.5 + 0.2 * std::sin(2 * kPi * 0.3 * t) + std::exp(-0.5 * std::pow(phase / 0.01, 2));
        }
        const std::vector<double> full = bandpass(ecg, 300, PreprocessSettings{});
        const long a = std::lround(4.4 * 300), b = std::lround(14.8 * 300) + 1;  // R peaks at 4.4 s and 14.8 s
        const std::vector<double> cut(ecg.begin() + a, ecg.begin() + b);
        const std::vector<double> y2 = bandpass(cut, 300, PreprocessSettings{});
        double near = 0, far = 0;
        for (long i = 0; i < b - a; ++i) {
            const double d = std::abs(y2[i] - full[a + i]);
            const long dist = std::min(i, b - a - 1 - i);
            if (dist >= 150) far = std::max(far, d);
            else near = std::max(near, d);
        }
        QVERIFY2(far < 0.03, qPrintable(QString("error beyond 0.5 s of the cuts %1 mV").arg(far)));
        QVERIFY2(near < 0.3, qPrintable(QString("error near the cuts %1 mV").arg(near)));
    }

    void bandpassOptionsAndErrors() {
        const std::vector<double> x = sine(10, 300, 3000);
        PreprocessSettings off;
        off.lowHz = 0;
        off.highHz = 1000;  // both disabled
        QVERIFY(bandpass(x, 300, off) == x);
        PreprocessSettings bad;
        bad.lowHz = 50;
        bad.highHz = 40;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bandpass(x, 300, bad));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bandpass(x, 0, PreprocessSettings{}));
        PreprocessSettings order2;
        order2.filterOrder = 2;
        // Lower order: gentler roll-off, so more 80 Hz gets through.
        const std::vector<double> t = sine(80, 300, 6000);
        QVERIFY(amplitudeAt(bandpass(t, 300, order2), 80, 300, 900, 5100) >
                5 * amplitudeAt(bandpass(t, 300, PreprocessSettings{}), 80, 300, 900, 5100));
    }

    void robustStandardisationIgnoresArtefacts() {
        std::mt19937_64 eng(5);
        std::vector<double> x(20000);
        // Approximately Gaussian noise (sum of 12 uniforms), mean 3, sd 2.
        for (double& v : x) {
            double s = 0;
            for (int k = 0; k < 12; ++k) s += double(eng() >> 11) * (1.0 / 9007199254740992.0);
            v = 3.0 + 2.0 * (s - 6.0);
        }
        for (std::size_t i = 0; i < x.size(); i += 100) x[i] = 1000;  // 1 % huge artefacts
        const std::vector<double> y = robustStandardise(x);
        std::vector<double> clean;
        for (std::size_t i = 0; i < y.size(); ++i)
            if (i % 100) clean.push_back(y[i]);
        QVERIFY(std::abs(median(y)) < 0.03);
        // The clean part has unit spread (true sd 2 / estimated scale ≈ 2); a mean/std
        // standardisation would squeeze it to ~0.02 because of the artefacts.
        double ss = 0;
        for (double v : clean) ss += v * v;
        const double spread = std::sqrt(ss / double(clean.size()));
        QVERIFY2(std::abs(spread - 1) < 0.05, qPrintable(QString("clean spread %1").arg(spread)));
    }

    void robustStandardisationWithZeroMad() {
        // More than half the samples identical: MAD = 0, fall back to the standard deviation.
        std::vector<double> x(1000, 5.0);
        for (int i = 0; i < 100; ++i) x[i] = 5.0 + (i % 2 ? 1 : -1);
        const std::vector<double> y = robustStandardise(x);
        for (double v : y) QVERIFY(std::isfinite(v));
        QCOMPARE(y[500], 0.0);
        QVERIFY(std::abs(std::abs(y[0]) - 1 / std::sqrt(0.1)) < 1e-9);
        // Entirely flat: all zeros, no NaN.
        for (double v : robustStandardise(std::vector<double>(50, -3.0))) QCOMPARE(v, 0.0);
        QVERIFY(robustStandardise({}).empty());
    }

    void windowsTrainingAndEvaluation() {
        std::vector<double> x(9000);
        for (std::size_t i = 0; i < x.size(); ++i) x[i] = double(i);
        const std::vector<Window> train = makeWindows("A00001", x, 300, windowHop(3072, true));
        const std::vector<long> trainStarts = {0, 1536, 3072, 4608, 9000 - 3072};
        QCOMPARE(train.size(), trainStarts.size());
        for (std::size_t k = 0; k < train.size(); ++k) {
            QCOMPARE(train[k].record, std::string("A00001"));
            QCOMPARE(train[k].startS, double(trainStarts[k]) / 300);
            QCOMPARE(train[k].samples.size(), std::size_t(3072));
            QCOMPARE(train[k].samples.front(), float(trainStarts[k]));
            QCOMPARE(train[k].samples.back(), float(trainStarts[k] + 3071));
        }
        const std::vector<Window> eval = makeWindows("A00001", x, 300, windowHop(3072, false));
        QCOMPARE(eval.size(), std::size_t(3));
        QCOMPARE(eval[1].startS, 3072 / 300.0);
        QCOMPARE(eval[2].startS, (9000 - 3072) / 300.0);
        QCOMPARE(eval[2].samples.back(), 8999.0f);
        // A record that is an exact multiple needs no extra end window.
        QCOMPARE(makeWindows("r", std::vector<double>(6144, 1.0), 300, 3072).size(), std::size_t(2));
    }

    void shortRecordIsPadded() {
        std::vector<double> x(2700);
        for (std::size_t i = 0; i < x.size(); ++i) x[i] = 1.0 + double(i);
        const std::vector<Window> zero = makeWindows("short", x, 300, 1536);
        QCOMPARE(zero.size(), std::size_t(1));
        QCOMPARE(zero[0].startS, 0.0);
        QCOMPARE(zero[0].samples.size(), std::size_t(3072));
        QCOMPARE(zero[0].samples[2699], 2700.0f);
        for (std::size_t i = 2700; i < 3072; ++i) QCOMPARE(zero[0].samples[i], 0.0f);

        WindowSettings reflect;
        reflect.pad = PadMode::Reflect;
        const std::vector<Window> mirrored = makeWindows("short", x, 300, 1536, reflect);
        QCOMPARE(mirrored[0].samples[2700], float(x[2698]));
        QCOMPARE(mirrored[0].samples[2701], float(x[2697]));
        // Very short: reflection bounces between the ends.
        const std::vector<Window> tiny = makeWindows("tiny", {1.0, 2.0, 3.0}, 300, 4, {8, PadMode::Reflect});
        const std::vector<float> expect = {1, 2, 3, 2, 1, 2, 3, 2};
        QVERIFY(tiny[0].samples == expect);
        QVERIFY(makeWindows("empty", {}, 300, 1536).empty());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeWindows("r", x, 300, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeWindows("r", x, 300, 10, {0, PadMode::Zero}));
    }

    void preprocessEndToEnd() {
        // 12 s at 500 Hz: a 7.3 Hz "ECG" component (not commensurate with the sampling, so the
        // phases are spread evenly), 3 mV offset, 0.1 Hz wander, one NaN sample.
        const double fs = 500;
        const long n = 12 * 500;
        std::vector<double> x(n);
        for (long i = 0; i < n; ++i) {
            const double t = i / fs;
            x[i] = 3 + 0.5 * std::sin(2 * kPi * 7.3 * t) + 1.0 * std::sin(2 * kPi * 0.1 * t);
        }
        x[777] = std::numeric_limits<double>::quiet_NaN();
        const std::vector<double> y = preprocess(x, fs, PreprocessSettings{});
        QCOMPARE(static_cast<long>(y.size()), 3600L);
        for (double v : y) QVERIFY(std::isfinite(v));
        QVERIFY(std::abs(median(y)) < 0.05);
        // A pure sine of amplitude A has MAD = A·sin(π/4): standardised amplitude 1/(1.4826·0.7071).
        const double a = amplitudeAt(y, 7.3, 300, 600, 3000);
        QVERIFY2(std::abs(a - 1 / (1.4826 * std::sqrt(0.5))) < 0.03, qPrintable(QString("amplitude %1").arg(a)));
        QVERIFY(amplitudeAt(y, 0.1, 300, 600, 3000) < 0.02);  // wander removed

        PreprocessSettings raw;
        raw.robustStandardise = false;
        const std::vector<double> mv = preprocess(x, fs, raw);
        QVERIFY(std::abs(amplitudeAt(mv, 7.3, 300, 600, 3000) - 0.5) < 0.01);  // stays in mV
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, preprocess(x, -1, PreprocessSettings{}));
    }
};

QTEST_APPLESS_MAIN(TestPreprocess)
#include "test_preprocess.moc"
