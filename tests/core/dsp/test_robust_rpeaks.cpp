// The method.md §3 R-peak rule: its threshold and spacing rules on exactly constructed
// pulses, beats of ECGSYN records found where the generator put them, robustness to a huge
// artefact, polarity and bad input, and plausible rates on real PhysioNet 2017 records.
#include "core/data/dataset.h"
#include "core/dsp/preprocess.h"
#include "core/dsp/robust_rpeaks.h"
#include "core/dsp/rpeaks.h"
#include "core/synth/synthetic_record.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

using namespace dacl;
using dsp::detectRPeaksRobust;

namespace {

const std::string kData = std::string(DACL_SHARED_DIR) + "/data/physionet2017";

// Distance (samples) from each of `from` to the nearest of `to`; huge when `to` is empty.
std::vector<long> nearest(const std::vector<long>& from, const std::vector<long>& to) {
    std::vector<long> d;
    for (long f : from) {
        long best = std::numeric_limits<long>::max();
        const auto it = std::lower_bound(to.begin(), to.end(), f);
        if (it != to.end()) best = *it - f;
        if (it != to.begin()) best = std::min(best, f - *std::prev(it));
        d.push_back(best);
    }
    return d;
}
long countFurther(const std::vector<long>& d, long tol) {
    return std::count_if(d.begin(), d.end(), [tol](long v) { return v > tol; });
}

// Identical narrow QRS-like pulses (a Gaussian R with a small S) at the given times and
// heights: the filters are linear, so a pulse's envelope peak scales with height².
std::vector<double> pulses(double fs, double seconds, const std::vector<std::pair<double, double>>& beats) {
    std::vector<double> x(static_cast<std::size_t>(seconds * fs), 0.0);
    for (const auto& [t, h] : beats)
        for (std::size_t i = 0; i < x.size(); ++i) {
            const double u = double(i) / fs - t;
            x[i] += h * (std::exp(-0.5 * std::pow(u / 0.010, 2)) - 0.3 * std::exp(-0.5 * std::pow((u - 0.025) / 0.010, 2)));
        }
    return x;
}

synth::SynthRecord record(synth::Rhythm rhythm, double bpm, std::uint64_t seed, double fs = 300) {
    synth::RecordSpec s;
    s.label = rhythm == synth::Rhythm::AtrialFibrillation ? 'A' : 'N';
    s.rhythm = rhythm;
    s.meanHrBpm = bpm;
    s.durationS = 30;
    s.fs = fs;
    return synth::generateRecord(s, seed);
}

}  // namespace

class TestRobustRPeaks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void thresholdIsAFractionOfTheMedianSegmentMaximum() {
        // Unit beats every second; the beat at 10 s has height 0.5 (envelope 0.25 < 0.35 of
        // the unit maximum) and is missed, the one at 15 s has 0.7 (0.49) and is kept.
        std::vector<std::pair<double, double>> beats;
        for (int k = 1; k < 30; ++k) beats.emplace_back(k, k == 10 ? 0.5 : k == 15 ? 0.7 : 1.0);
        const std::vector<long> det = detectRPeaksRobust(pulses(300, 30.5, beats), 300);
        QCOMPARE(long(det.size()), 28L);
        QVERIFY(countFurther(nearest({3000}, det), 30) == 1);
        QVERIFY(countFurther(nearest({4500}, det), 3) == 0);
    }

    // A long recording whose middle third is at 0.4 of the amplitude (envelope 0.16, under
    // 0.35 of a record-wide median): its beats are found too, and no extra ones appear at the
    // changes of amplitude.
    void quietStretchesKeepTheirBeats() {
        std::vector<std::pair<double, double>> beats;
        std::vector<long> truth;
        for (int k = 1; k < 180; ++k) {
            beats.emplace_back(k, k >= 60 && k < 120 ? 0.4 : 1.0);
            truth.push_back(300L * k);
        }
        const std::vector<long> det = detectRPeaksRobust(pulses(300, 180.5, beats), 300);
        QCOMPARE(countFurther(nearest(truth, det), 3), 0L);
        QCOMPARE(countFurther(nearest(det, truth), 3), 0L);
    }

    void peaksAreAtLeastAQuarterSecondApart() {
        // At 0.2 s the smaller of two pulses is dropped; at 0.3 s both stay.
        std::vector<std::pair<double, double>> beats;
        for (int k = 1; k < 20; ++k) beats.emplace_back(k, 1.0);
        beats.emplace_back(5.2, 0.9);
        beats.emplace_back(12.3, 0.9);
        const std::vector<long> det = detectRPeaksRobust(pulses(300, 20.5, beats), 300);
        QCOMPARE(long(det.size()), 20L);
        QVERIFY(countFurther(nearest({1560}, det), 3) == 1);  // 5.2 s: dropped
        QVERIFY(countFurther(nearest({3690}, det), 3) == 0);  // 12.3 s: kept
        QVERIFY(countFurther(nearest({1500}, det), 3) == 0);  // the larger of the pair survives
    }

    void findsSyntheticBeats_data() {
        QTest::addColumn<int>("rhythm");
        QTest::addColumn<double>("bpm");
        QTest::newRow("sinus 70") << int(synth::Rhythm::Sinus) << 70.0;
        QTest::newRow("brady 45") << int(synth::Rhythm::Bradycardia) << 45.0;
        QTest::newRow("tachy 150") << int(synth::Rhythm::Tachycardia) << 150.0;
        QTest::newRow("af 100") << int(synth::Rhythm::AtrialFibrillation) << 100.0;
    }
    void findsSyntheticBeats() {
        QFETCH(int, rhythm);
        QFETCH(double, bpm);
        for (std::uint64_t seed = 1; seed <= 4; ++seed) {
            const synth::SynthRecord r = record(synth::Rhythm(rhythm), bpm, seed);
            const std::vector<long> det = detectRPeaksRobust(dsp::preprocess(r.mv, 300), 300);
            const long tol = 6;  // 20 ms at 300 Hz
            const long missed = countFurther(nearest(r.rPeaks, det), tol);
            const long extra = countFurther(nearest(det, r.rPeaks), tol);
            QVERIFY2(missed == 0 && extra == 0, qPrintable(QString("seed %1: %2 of %3 beats missed, %4 extra")
                                                               .arg(seed).arg(missed).arg(r.rPeaks.size()).arg(extra)));
            QVERIFY(std::adjacent_find(det.begin(), det.end(), std::greater_equal<long>()) == det.end());
        }
    }

    void otherSamplingRates() {
        for (double fs : {125.0, 500.0}) {
            const synth::SynthRecord r = record(synth::Rhythm::Sinus, 80, 7, fs);
            const std::vector<long> det = detectRPeaksRobust(r.mv, fs);
            const long tol = std::lround(0.02 * fs);
            QCOMPARE(countFurther(nearest(r.rPeaks, det), tol), 0L);
            QCOMPARE(countFurther(nearest(det, r.rPeaks), tol), 0L);
        }
    }

    void artefactSpikeDoesNotBlindTheDetector() {
        const synth::SynthRecord r = record(synth::Rhythm::Sinus, 75, 3);
        std::vector<double> x = dsp::preprocess(r.mv, 300);
        double qrs = 0;
        for (long p : r.rPeaks) qrs = std::max(qrs, std::abs(x[p]));
        // Two 40-ms electrode pops 20× the largest QRS, at 8.1 s and 21.3 s.
        std::vector<long> spikes = {2430, 6390};
        for (long c : spikes)
            for (long i = c - 6; i <= c + 6; ++i) x[i] += 20 * qrs * std::sin(3.14159265358979 * (i - c + 6) / 12.0);
        const std::vector<long> det = detectRPeaksRobust(x, 300);
        std::vector<long> truthAway;
        for (long p : r.rPeaks)
            if (std::abs(p - spikes[0]) > 300 && std::abs(p - spikes[1]) > 300) truthAway.push_back(p);
        QVERIFY(truthAway.size() > 25);
        QCOMPARE(countFurther(nearest(truthAway, det), 6), 0L);
        QVERIFY(long(det.size()) <= long(r.rPeaks.size()) + 2);  // at most the two spikes extra
    }

    void polarityAndScaleDoNotMatter() {
        const synth::SynthRecord r = record(synth::Rhythm::Sinus, 65, 9);
        const std::vector<double> x = dsp::preprocess(r.mv, 300);
        const std::vector<long> det = detectRPeaksRobust(x, 300);
        QVERIFY(det.size() > 25);
        std::vector<double> inverted = x, scaled = x;
        for (double& v : inverted) v = -v;
        for (double& v : scaled) v *= 1000;
        QVERIFY(detectRPeaksRobust(inverted, 300) == det);
        QVERIFY(detectRPeaksRobust(scaled, 300) == det);
        // A lead recorded inverted by the generator (R waves negative) is found as well.
        synth::RecordSpec s = r.spec;
        s.inverted = true;
        const synth::SynthRecord inv = synth::generateRecord(s, 9);
        const std::vector<long> detInv = detectRPeaksRobust(dsp::preprocess(inv.mv, 300), 300);
        QCOMPARE(countFurther(nearest(inv.rPeaks, detInv), 6), 0L);
        QCOMPARE(countFurther(nearest(detInv, inv.rPeaks), 6), 0L);
    }

    void badInput() {
        QVERIFY(detectRPeaksRobust({}, 300).empty());
        QVERIFY(detectRPeaksRobust(std::vector<double>(100, 1.0), 300).empty());   // < 0.5 s
        QVERIFY(detectRPeaksRobust(std::vector<double>(3000, 0.0), 300).empty());  // flat
        QVERIFY(detectRPeaksRobust(std::vector<double>(3000, 2.5), 300).empty());  // offset only
        QVERIFY(detectRPeaksRobust(std::vector<double>(3000, std::nan("")), 300).empty());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, detectRPeaksRobust(std::vector<double>(3000), 40));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, detectRPeaksRobust(std::vector<double>(3000), std::nan("")));
        // A run of NaN and an infinity are held at the last finite value, not propagated.
        const synth::SynthRecord r = record(synth::Rhythm::Sinus, 70, 4);
        std::vector<double> x = dsp::preprocess(r.mv, 300);
        for (long i = 3000; i < 3010; ++i) x[i] = std::nan("");
        x[5000] = std::numeric_limits<double>::infinity();
        const std::vector<long> det = detectRPeaksRobust(x, 300);
        QVERIFY(countFurther(nearest(r.rPeaks, det), 6) <= 1);
        QVERIFY(countFurther(nearest(det, r.rPeaks), 6) <= 1);
    }

    void plausibleOnRealRecords() {
        if (!std::ifstream(kData + "/REFERENCE.csv")) QSKIP("PhysioNet 2017 data not found under " DACL_SHARED_DIR);
        const Dataset ds = Dataset::open(kData);
        // The first 50 normal-rhythm records, preprocessed as the pipeline does.
        int normal = 0, plausible = 0;
        for (std::size_t i = 0; i < ds.size() && normal < 50; ++i) {
            if (ds.records()[i].label != "N") continue;
            ++normal;
            const auto rec = ds.signal(i);
            const std::vector<double> x = dsp::preprocess(rec->channels[0], rec->fs);
            const std::vector<long> peaks = detectRPeaksRobust(x, 300);
            const double hr = dsp::heartRateBpm(peaks, 300);
            if (hr >= 40 && hr <= 180) ++plausible;
            // Beat count agrees with the median rate: no runs of missed or doubled beats.
            const double expected = hr / 60.0 * double(x.size()) / 300.0;
            QVERIFY2(std::abs(double(peaks.size()) - expected) < 0.15 * expected + 2,
                     qPrintable(QString("%1: %2 beats at %3 bpm").arg(ds.records()[i].name.c_str()).arg(peaks.size()).arg(hr)));
        }
        QCOMPARE(normal, 50);
        QVERIFY2(plausible >= 49, qPrintable(QString("%1 of 50 in 40-180 bpm").arg(plausible)));
    }
};

QTEST_APPLESS_MAIN(TestRobustRPeaks)
#include "test_robust_rpeaks.moc"
