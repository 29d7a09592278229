// Min/max decimation draws a long signal with two points per pixel column: each column's
// points are exactly the lowest and highest sample in it (a one-sample spike is never lost),
// the pyramid gives the same extrema as a scan of the samples, and zoomed in the samples
// themselves come back.
#include "core/dsp/min_max_decimation.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <random>

using namespace dacl::dsp;

class TestMinMaxDecimation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pyramidRangesEqualAScan() {
        std::mt19937 rng(7);
        std::normal_distribution<double> noise;
        std::vector<double> x(200003);
        for (double& v : x) v = noise(rng);
        x[12345] = std::numeric_limits<double>::quiet_NaN();  // ignored, not propagated
        const MinMaxPyramid p(x);
        QVERIFY(p.levelCount() >= 3);
        std::uniform_int_distribution<std::size_t> pos(0, x.size());
        for (int trial = 0; trial < 2000; ++trial) {
            std::size_t a = pos(rng), b = pos(rng);
            if (a > b) std::swap(a, b);
            double lo, hi;
            p.range(x, a, b, lo, hi);
            double slo = std::numeric_limits<double>::infinity(), shi = -slo;
            for (std::size_t i = a; i < b; ++i)
                if (std::isfinite(x[i])) slo = std::min(slo, x[i]), shi = std::max(shi, x[i]);
            QCOMPARE(lo, slo);
            QCOMPARE(hi, shi);
        }
    }

    void eachColumnHoldsItsExtremaAndSpikesSurvive() {
        const double fs = 200;
        std::vector<double> x(static_cast<std::size_t>(3600 * fs));  // an hour
        for (std::size_t i = 0; i < x.size(); ++i) x[i] = std::sin(2 * M_PI * 1.2 * i / fs);
        x[321987] = 9.0;
        x[654321] = -7.0;
        const MinMaxPyramid p(x);
        const int columns = 1000;
        const DecimatedTrace d = decimateMinMax(x, &p, fs, 0, 3600, columns);
        QVERIFY(!d.raw);
        QCOMPARE(static_cast<int>(d.t.size()), 2 * columns);
        QCOMPARE(*std::max_element(d.v.begin(), d.v.end()), 9.0);
        QCOMPARE(*std::min_element(d.v.begin(), d.v.end()), -7.0);
        // Column c covers samples [round(c·dt·fs), round((c+1)·dt·fs)): its points are their extrema.
        const double dt = 3600.0 / columns;
        for (int c : {0, 447, 999}) {
            const auto a = static_cast<std::size_t>(std::llround(c * dt * fs)), b = static_cast<std::size_t>(std::llround((c + 1) * dt * fs));
            const auto [lo, hi] = std::minmax_element(x.begin() + static_cast<long>(a), x.begin() + static_cast<long>(b));
            QCOMPARE(d.v[2 * static_cast<std::size_t>(c)], *lo);
            QCOMPARE(d.v[2 * static_cast<std::size_t>(c) + 1], *hi);
            QCOMPARE(d.t[2 * static_cast<std::size_t>(c)], (c + 0.5) * dt);
        }
        // Without a pyramid: the same drawing.
        const DecimatedTrace slow = decimateMinMax(x, nullptr, fs, 0, 3600, columns);
        QCOMPARE(slow.v, d.v);
    }

    void zoomedInTheSamplesComeBack() {
        std::vector<double> x(1000);
        for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<double>(i) * 0.5;
        const DecimatedTrace d = decimateMinMax(x, nullptr, 100, 2.0, 3.0, 500);  // 100 samples, 500 px
        QVERIFY(d.raw);
        QCOMPARE(d.t.front(), 1.99);  // one sample before the range and one after
        QCOMPARE(d.t.back(), 3.01);
        QCOMPARE(d.v.size(), std::size_t(103));
        for (std::size_t i = 0; i < d.t.size(); ++i) QCOMPARE(d.v[i], x[static_cast<std::size_t>(std::lround(d.t[i] * 100))]);
        QVERIFY(decimateMinMax({}, nullptr, 100, 0, 1, 10).t.empty());
    }
};

QTEST_APPLESS_MAIN(TestMinMaxDecimation)
#include "test_min_max_decimation.moc"
