// Rhythm channels: the RR interval around each frame centre and its change from the
// previous interval, at the boundaries, with clipping, and with too few beats.
#include "core/dsp/rhythm_channels.h"

#include <QtTest>

#include <stdexcept>
#include <vector>

using namespace dacl::dsp;

class TestRhythmChannels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void piecewiseConstantBetweenPeaks() {
        // Peaks at 100, 400, 1000 (300 Hz): intervals 1 s and 2 s.
        const std::vector<long> peaks = {100, 400, 1000};
        const std::vector<double> centres = {0, 99.9, 100, 399.5, 400, 999, 1000, 5000};
        const RhythmChannels c = rhythmChannels(peaks, 300, centres);
        QCOMPARE(c.rr, (std::vector<float>{1, 1, 1, 1, 2, 2, 2, 2}));
        QCOMPARE(c.drr, (std::vector<float>{0, 0, 0, 0, 1, 1, 1, 1}));
    }

    void drrComparesWithThePreviousInterval() {
        // Intervals 0.8, 0.6, 0.9 s: |ΔRR| = 0, 0.2, 0.3.
        const RhythmChannels c = rhythmChannels({0, 240, 420, 690}, 300, {120, 330, 500});
        QCOMPARE(c.rr.size(), std::size_t(3));
        QVERIFY(qFuzzyCompare(c.rr[0], 0.8f) && qFuzzyCompare(c.rr[1], 0.6f) && qFuzzyCompare(c.rr[2], 0.9f));
        QCOMPARE(c.drr[0], 0.0f);
        QVERIFY(std::abs(c.drr[1] - 0.2f) < 1e-6f);
        QVERIFY(std::abs(c.drr[2] - 0.3f) < 1e-6f);
    }

    void clippedToThePhysiologicalRange() {
        // 0.1 s (a doubled beat) -> 0.2 s; 10 s (missed beats) -> 2.5 s; the change uses the
        // clipped values, so a long gap adds at most 2.3 s.
        const RhythmChannels c = rhythmChannels({0, 30, 3030}, 300, {10, 1000});
        QCOMPARE(c.rr, (std::vector<float>{float(kRrMinS), float(kRrMaxS)}));
        QVERIFY(std::abs(c.drr[1] - float(kRrMaxS - kRrMinS)) < 1e-6f);
    }

    void fewerThanTwoPeaksMeansNoBeatsSeen() {
        for (const std::vector<long>& peaks : {std::vector<long>{}, std::vector<long>{500}}) {
            const RhythmChannels c = rhythmChannels(peaks, 300, {0, 500, 1000});
            QCOMPARE(c.rr, (std::vector<float>(3, float(kRrMaxS))));
            QCOMPARE(c.drr, (std::vector<float>(3, 0.0f)));
        }
        const RhythmChannels none = rhythmChannels({0, 300}, 300, {});
        QVERIFY(none.rr.empty() && none.drr.empty());
    }

    void framesOfAScatteringGrid() {
        // Frame f centred at f·32 samples; regular beats every 0.75 s -> rr 0.75 everywhere.
        std::vector<long> peaks;
        for (long p = 50; p < 9216; p += 225) peaks.push_back(p);
        std::vector<double> centres;
        for (int f = 0; f < 288; ++f) centres.push_back(32.0 * f);
        const RhythmChannels c = rhythmChannels(peaks, 300, centres);
        QCOMPARE(c.rr.size(), std::size_t(288));
        for (std::size_t f = 0; f < 288; ++f) {
            QCOMPARE(c.rr[f], 0.75f);
            QCOMPARE(c.drr[f], 0.0f);
        }
    }

    void badArguments() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, rhythmChannels({300, 100}, 300, {0}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, rhythmChannels({100, 300}, 0, {0}));
        // A non-finite centre gets the first interval instead of undefined behaviour.
        const RhythmChannels c = rhythmChannels({0, 300, 900}, 300, {std::nan("")});
        QCOMPARE(c.rr, std::vector<float>{1.0f});
    }
};

QTEST_APPLESS_MAIN(TestRhythmChannels)
#include "test_rhythm_channels.moc"
