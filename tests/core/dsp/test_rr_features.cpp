// RR-interval features: exact values on constructed beat trains, their thresholds, sample
// entropy's ordering, and NaN where a feature is undefined.
#include "core/dsp/rpeaks.h"
#include "core/dsp/rr_features.h"

#include <QtTest>

#include <cmath>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace dacl::dsp;

namespace {

// Peaks from RR intervals given in samples.
std::vector<long> train(const std::vector<long>& rrSamples, long start = 100) {
    std::vector<long> p = {start};
    for (long r : rrSamples) p.push_back(p.back() + r);
    return p;
}

// Features by name; an unknown name throws (a typo must not read as 0).
struct Named {
    std::map<std::string, double> byName;
    double operator[](const std::string& name) const { return byName.at(name); }
};
Named named(const std::vector<double>& f) {
    Named m;
    for (std::size_t i = 0; i < f.size(); ++i) m.byName[rrFeatureNames().at(i)] = f[i];
    return m;
}

bool near(double a, double b) { return std::abs(a - b) < 1e-9; }

}  // namespace

class TestRrFeatures : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void names() {
        const auto& n = rrFeatureNames();
        QCOMPARE(int(n.size()), 20);
        QCOMPARE(kRrFeatureCount, 20);
        QCOMPARE(std::set<std::string>(n.begin(), n.end()).size(), n.size());
        QCOMPARE(n.front(), std::string("beats"));
        QCOMPARE(n[10], std::string("sample_entropy"));
        QCOMPARE(n.back(), std::string("frac_rr_20pct_from_median"));
        QCOMPARE(int(rrFeatures(train({300, 300}), 300).size()), 20);
    }

    void constantRhythm() {
        // 20 beats every 0.8 s at 300 Hz: 75 bpm, no variability at all.
        const auto f = named(rrFeatures(train(std::vector<long>(19, 240)), 300));
        QCOMPARE(f["beats"], 20.0);
        QCOMPARE(f["heart_rate_bpm"], 75.0);
        QVERIFY(near(f["rr_mean"], 0.8) && near(f["rr_median"], 0.8));
        for (const char* zero : {"sdnn", "rr_cv", "rmssd", "pnn50", "pnn20", "rmssd_over_mean", "sd1", "sd2",
                                 "frac_drr_over_12_5pct", "median_drr_over_median", "iqr_over_median",
                                 "frac_rr_20pct_from_median"})
            QVERIFY2(near(f[zero], 0), zero);
        QVERIFY(near(f["min_over_median"], 1) && near(f["max_over_median"], 1));
        QVERIFY(std::isnan(f["sd1_over_sd2"]));  // 0/0
        QVERIFY(std::isfinite(f["sample_entropy"]));
    }

    void alternatingRhythm() {
        // 0.6, 1.0, 0.6, ... (21 intervals, 20 differences of ±0.4 s, mean 0):
        // RMSSD = 0.4, SD1 = 0.4/√2, SD2 = 0 (every pair sums to 1.6 s).
        std::vector<long> rr;
        for (int i = 0; i < 21; ++i) rr.push_back(i % 2 ? 300 : 180);
        const auto f = named(rrFeatures(train(rr), 300));
        const double mean = (11 * 0.6 + 10 * 1.0) / 21;
        const double sdnn = std::sqrt((11 * std::pow(0.6 - mean, 2) + 10 * std::pow(1.0 - mean, 2)) / 21);
        QVERIFY(near(f["rr_median"], 0.6));
        QVERIFY(near(f["heart_rate_bpm"], 100));
        QVERIFY(near(f["rr_mean"], mean));
        QVERIFY(near(f["sdnn"], sdnn));
        QVERIFY(near(f["rr_cv"], sdnn / mean));
        QVERIFY(near(f["rmssd"], 0.4));
        QVERIFY(near(f["rmssd_over_mean"], 0.4 / mean));
        QVERIFY(near(f["sd1"], 0.4 / std::sqrt(2.0)));
        QVERIFY(near(f["sd2"], 0));
        QVERIFY(near(f["pnn50"], 1) && near(f["pnn20"], 1));
        QVERIFY(near(f["frac_drr_over_12_5pct"], 1));
        QVERIFY(near(f["median_drr_over_median"], 0.4 / 0.6));
        QVERIFY(near(f["max_over_median"], 1.0 / 0.6));
        QVERIFY(near(f["frac_rr_20pct_from_median"], 10.0 / 21));
    }

    void differenceThresholds() {
        // Alternating 0.80 / 0.84 s: |ΔRR| = 40 ms is over 20 ms but not over 50 ms, and
        // under 12.5 % of the median (100 ms).
        std::vector<long> rr;
        for (int i = 0; i < 10; ++i) rr.push_back(i % 2 ? 84 : 80);  // at 100 Hz
        const auto f = named(rrFeatures(train(rr), 100));
        QVERIFY(near(f["pnn50"], 0));
        QVERIFY(near(f["pnn20"], 1));
        QVERIFY(near(f["frac_drr_over_12_5pct"], 0));
        QVERIFY(near(f["frac_rr_20pct_from_median"], 0));
    }

    void distributionShape() {
        // RR 0.5 ... 0.9 s: median 0.7, quartiles 0.6 and 0.8 (linear interpolation); only 0.5
        // and 0.9 lie more than 20 % (0.14 s) from the median.
        const auto f = named(rrFeatures(train({50, 90, 70, 60, 80}), 100));
        QVERIFY(near(f["rr_median"], 0.7));
        QVERIFY(near(f["min_over_median"], 0.5 / 0.7));
        QVERIFY(near(f["max_over_median"], 0.9 / 0.7));
        QVERIFY(near(f["iqr_over_median"], 0.2 / 0.7));
        QVERIFY(near(f["frac_rr_20pct_from_median"], 0.4));
    }

    void sampleEntropy() {
        // Hand count for RR 1, 1, 1, 1, 5 s (r = 0.2·1.6): length-2 templates at 0..2 all
        // match (B = 3), length-3 ones only (0, 1) (A = 1): −ln(2/4) = ln 2.
        const auto hand = named(rrFeatures(train({100, 100, 100, 100, 500}), 100));
        QVERIFY(near(hand["sample_entropy"], std::log(2.0)));
        // Irregular (AF-like) RR is far less predictable than a regular alternation.
        std::mt19937 eng(7);
        std::uniform_int_distribution<long> rrDist(120, 360);
        std::vector<long> irregular, regular;
        for (int i = 0; i < 60; ++i) {
            irregular.push_back(rrDist(eng));
            regular.push_back(i % 2 ? 250 : 230);
        }
        const double sIrregular = named(rrFeatures(train(irregular), 300))["sample_entropy"];
        const double sRegular = named(rrFeatures(train(regular), 300))["sample_entropy"];
        QVERIFY(std::isfinite(sIrregular) && std::isfinite(sRegular));
        QVERIFY2(sIrregular > sRegular + 1, qPrintable(QString("%1 vs %2").arg(sIrregular).arg(sRegular)));
        // Smoothing keeps it finite when no length-3 template matches.
        QVERIFY(std::isfinite(named(rrFeatures(train({100, 200, 400, 800}), 100))["sample_entropy"]));
    }

    // The sorted search finds exactly the pairs that comparing every pair finds: on a long,
    // tie-rich series (whole-sample RR, sinus with AF bursts) the value equals the textbook count.
    void sampleEntropyEqualsEveryPairCount() {
        std::mt19937 eng(11);
        std::uniform_int_distribution<long> af(100, 400), sinus(240, 250);
        std::vector<long> rrSamples;
        for (int i = 0; i < 3000; ++i) rrSamples.push_back((i / 500) % 2 ? af(eng) : sinus(eng));
        const std::vector<long> peaks = train(rrSamples);
        const auto f = named(rrFeatures(peaks, 300));
        std::vector<double> rr;
        for (std::size_t i = 1; i < peaks.size(); ++i) rr.push_back(double(peaks[i] - peaks[i - 1]) / 300);
        const double r = 0.2 * f["sdnn"];
        double a = 0, b = 0;
        for (std::size_t i = 0; i + 2 < rr.size(); ++i)
            for (std::size_t j = i + 1; j + 2 < rr.size(); ++j) {
                if (std::max(std::abs(rr[i] - rr[j]), std::abs(rr[i + 1] - rr[j + 1])) > r) continue;
                ++b;
                if (std::abs(rr[i + 2] - rr[j + 2]) <= r) ++a;
            }
        QVERIFY(b > 1000);  // the series has plenty of matches to count
        QCOMPARE(f["sample_entropy"], -std::log((a + 1) / (b + 1)));
    }

    void undefinedFeaturesAreNaN() {
        const auto count = [](const std::vector<double>& f) {
            int nan = 0;
            for (double v : f) nan += std::isnan(v);
            return nan;
        };
        for (const std::vector<long>& p : {std::vector<long>{}, std::vector<long>{42}}) {
            const auto f = rrFeatures(p, 300);
            QCOMPARE(f[0], double(p.size()));
            QCOMPARE(count(f), 19);
        }
        // 2 beats: rate and level only; 3: + dispersion and ΔRR; 4: + Poincaré; 5: + entropy.
        auto f2 = named(rrFeatures(train({240}), 300));
        QCOMPARE(f2["heart_rate_bpm"], 75.0);
        QVERIFY(std::isnan(f2["sdnn"]) && std::isnan(f2["rmssd"]) && std::isnan(f2["sd1"]));
        QCOMPARE(count(rrFeatures(train({240}), 300)), 12);  // 8 defined: beats, 3 level, 4 shape
        auto f3 = named(rrFeatures(train({240, 300}), 300));
        QVERIFY(near(f3["sdnn"], 0.1) && near(f3["rmssd"], 0.2));
        QVERIFY(std::isnan(f3["sd1"]) && std::isnan(f3["sample_entropy"]));
        auto f4 = named(rrFeatures(train({240, 300, 270}), 300));
        QVERIFY(std::isfinite(f4["sd1"]) && std::isfinite(f4["sd1_over_sd2"]) && std::isnan(f4["sample_entropy"]));
        QCOMPARE(count(rrFeatures(train({240, 300, 270, 250}), 300)), 0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, rrFeatures({0, 300}, 0));
    }

    void heartRateMatchesTheDetectorHelper() {
        const std::vector<long> p = train({250, 260, 240, 500, 255, 245});
        QCOMPARE(rrFeatures(p, 300)[1], heartRateBpm(p, 300));
    }
};

QTEST_APPLESS_MAIN(TestRrFeatures)
#include "test_rr_features.moc"
