// Atrial-activity features (dsp/atrial_features.h): a P wave that repeats before every QRS gives
// coherence near 1, fibrillatory waves near 0, whatever the gain or the number of beats; a span's
// features come from its own beats; and on real PhysioNet 2017 records normal rhythm and AF are
// told apart by them.
#include "core/data/dataset.h"
#include "core/dsp/atrial_features.h"
#include "core/dsp/preprocess.h"
#include "core/dsp/robust_rpeaks.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>
#include <string>
#include <vector>

using namespace dacl;

namespace {

const std::string kData = std::string(DACL_SHARED_DIR) + "/data/physionet2017";
constexpr double kFs = 300;

double gauss(double u, double width) { return std::exp(-0.5 * (u / width) * (u / width)); }

// Beats every `rr` s (± jitter): a QRS spike at each beat, then either a P wave 160 ms before it
// (sinus) or, with `fibrillation`, a 4.5-8 Hz wave of wandering rate and amplitude all along.
struct Beats {
    std::vector<double> x;
    std::vector<long> peaks;
};

Beats ecg(bool fibrillation, double seconds, std::uint64_t seed, double gain = 1.0, double noise = 0.02) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> jitter(-0.15, 0.15), phase(0, 6.283185307179586), amp(0.05, 0.15);
    std::normal_distribution<double> white(0, noise);
    Beats b;
    b.x.assign(static_cast<std::size_t>(seconds * kFs), 0.0);
    std::vector<double> times;
    for (double t = 0.6; t < seconds - 0.3; t += 0.8 + (fibrillation ? jitter(rng) : 0.0)) times.push_back(t);
    std::uniform_real_distribution<double> rate(4.5, 8.0);
    double f = phase(rng), a = amp(rng), hz = rate(rng);
    for (std::size_t i = 0; i < b.x.size(); ++i) {
        const double t = double(i) / kFs;
        double v = white(rng);
        if (fibrillation) {
            if (i % 60 == 0) a = amp(rng), hz = rate(rng);  // amplitude and rate wander every 200 ms
            f += 2 * 3.141592653589793 * hz / kFs;
            v += a * std::sin(f);
        }
        for (double r : times) {
            v += gauss(t - r, 0.012);
            if (!fibrillation) v += 0.15 * gauss(t - r + 0.16, 0.025);
        }
        b.x[i] = gain * v;
    }
    for (double r : times) b.peaks.push_back(std::lround(r * kFs));
    return b;
}

double feature(const std::vector<double>& f, const char* name) {
    const auto& names = dsp::atrialFeatureNames();
    return f.at(static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin()));
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

class TestAtrialFeatures : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void repeatingPWavesAreCoherentFibrillationIsNot() {
        const Beats sinus = ecg(false, 30, 1), af = ecg(true, 30, 2);
        const auto fs = dsp::atrialFeatures(dsp::beatWindows(sinus.x, sinus.peaks, kFs));
        const auto fa = dsp::atrialFeatures(dsp::beatWindows(af.x, af.peaks, kFs));
        QCOMPARE(int(fs.size()), dsp::kAtrialFeatureCount);
        QVERIFY2(feature(fs, "p_coherence") > 0.8, qPrintable(QString::number(feature(fs, "p_coherence"))));
        QVERIFY2(std::abs(feature(fa, "p_coherence")) < 0.15, qPrintable(QString::number(feature(fa, "p_coherence"))));
        QVERIFY(feature(fs, "p_corr_median") > 0.9);
        QVERIFY2(feature(fa, "p_corr_median") < 0.3, qPrintable(QString::number(feature(fa, "p_corr_median"))));
        // The P wave's height is 0.15 of the QRS's; its RMS over the window is a fair share of it.
        QVERIFY(feature(fs, "p_to_qrs") > 0.05 && feature(fs, "p_to_qrs") < 0.5);
        QVERIFY(feature(fa, "p_to_qrs") < 0.5 * feature(fs, "p_to_qrs"));
        // Both keep one QRS shape.
        QVERIFY(feature(fs, "qrs_coherence") > 0.95);
        QVERIFY(feature(fa, "qrs_coherence") > 0.8);
    }

    void gainAndBeatCountDoNotMoveThem() {
        // The coherence estimate is unbiased in the number of beats: 10 s and 60 s agree.
        const Beats shortAf = ecg(true, 10, 3), longAf = ecg(true, 60, 3);
        const double a10 = feature(dsp::atrialFeatures(dsp::beatWindows(shortAf.x, shortAf.peaks, kFs)), "p_coherence");
        const double a60 = feature(dsp::atrialFeatures(dsp::beatWindows(longAf.x, longAf.peaks, kFs)), "p_coherence");
        QVERIFY2(std::abs(a10) < 0.25 && std::abs(a60) < 0.1, qPrintable(QString("%1 %2").arg(a10).arg(a60)));
        // Gain: the features are ratios.
        const Beats a = ecg(false, 20, 4, 1.0), b = ecg(false, 20, 4, 1000.0);
        const auto fa = dsp::atrialFeatures(dsp::beatWindows(a.x, a.peaks, kFs));
        const auto fb = dsp::atrialFeatures(dsp::beatWindows(b.x, b.peaks, kFs));
        for (int i = 0; i < dsp::kAtrialFeatureCount; ++i) QVERIFY(std::abs(fa[i] - fb[i]) < 1e-4);
    }

    void aSpanUsesItsOwnBeats() {
        // Sinus for 20 s, then AF: the features of the first beats are those of the sinus part
        // alone, those of the last of the AF part alone.
        const Beats sinus = ecg(false, 20, 5), af = ecg(true, 20, 6);
        Beats both = sinus;
        both.x.insert(both.x.end(), af.x.begin(), af.x.end());
        for (long p : af.peaks) both.peaks.push_back(p + static_cast<long>(sinus.x.size()));
        const dsp::BeatWindows w = dsp::beatWindows(both.x, both.peaks, kFs);
        const auto split = static_cast<std::size_t>(std::lower_bound(w.peak.begin(), w.peak.end(), long(sinus.x.size())) - w.peak.begin());
        const auto first = dsp::atrialFeatures(w, 0, split), last = dsp::atrialFeatures(w, split, w.size());
        const auto alone = dsp::atrialFeatures(dsp::beatWindows(sinus.x, sinus.peaks, kFs));
        for (int i = 0; i < dsp::kAtrialFeatureCount; ++i) QVERIFY(std::abs(first[i] - alone[i]) < 1e-9);
        QVERIFY(feature(first, "p_coherence") > 0.8);
        QVERIFY(feature(last, "p_coherence") < 0.2);
        QVERIFY(feature(dsp::atrialFeatures(w), "p_coherence") < feature(first, "p_coherence"));
    }

    void undefinedWithoutEnoughBeats() {
        const Beats b = ecg(false, 30, 7);
        const dsp::BeatWindows w = dsp::beatWindows(b.x, b.peaks, kFs);
        for (double v : dsp::atrialFeatures(w, 0, 2)) QVERIFY(std::isnan(v));
        for (double v : dsp::atrialFeatures(dsp::beatWindows(b.x, {}, kFs))) QVERIFY(std::isnan(v));
        // A flat signal has no energy to share out.
        for (double v : dsp::atrialFeatures(dsp::beatWindows(std::vector<double>(9000, 0.0), b.peaks, kFs)))
            QVERIFY(std::isnan(v));
        // Beats too close to the start or to the beat before them take no part.
        const dsp::BeatWindows edge = dsp::beatWindows(b.x, {10, 300, 360, 600, 900}, kFs);
        QCOMPARE(edge.peak, (std::vector<long>{300, 600, 900}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, dsp::beatWindows(b.x, b.peaks, 0));
    }

    void separateNormalRhythmFromAfOnRealRecords() {
        if (!std::ifstream(kData + "/REFERENCE.csv")) QSKIP("PhysioNet 2017 data not found under " DACL_SHARED_DIR);
        const Dataset ds = Dataset::open(kData);
        // The first 40 normal and 40 AF records, preprocessed and R peaks found as the pipeline does.
        std::vector<double> normal, af;
        for (std::size_t i = 0; i < ds.size() && (normal.size() < 40u || af.size() < 40u); ++i) {
            const std::string& label = ds.records()[i].label;
            std::vector<double>* into = label == "N" ? &normal : label == "A" ? &af : nullptr;
            if (!into || into->size() >= 40u) continue;
            const auto rec = ds.signal(i);
            const std::vector<double> x = dsp::preprocess(rec->channels[0], rec->fs);
            const auto f = dsp::atrialFeatures(dsp::beatWindows(x, dsp::detectRPeaksRobust(x, 300), 300));
            into->push_back(feature(f, "p_coherence"));
        }
        QCOMPARE(int(normal.size()), 40);
        QCOMPARE(int(af.size()), 40);
        // AUROC of p_coherence, normal above AF.
        double wins = 0;
        for (double n : normal)
            for (double a : af) wins += n > a ? 1.0 : n == a ? 0.5 : 0.0;
        const double auroc = wins / (40.0 * 40.0);
        QVERIFY2(auroc > 0.85, qPrintable(QString("AUROC %1, medians N %2 A %3").arg(auroc).arg(median(normal)).arg(median(af))));
    }
};

QTEST_APPLESS_MAIN(TestAtrialFeatures)
#include "test_atrial_features.moc"
