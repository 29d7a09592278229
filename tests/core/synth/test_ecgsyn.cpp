// The synthetic ECG generator: the ECGSYN model itself, and the physiology of each class
// (rates, RR irregularity, P waves, f-waves, ectopic beats, noise), checked on the signal
// with the same R-peak detector the app uses.
#include "core/dsp/butterworth.h"
#include "core/dsp/rpeaks.h"
#include "core/synth/ecgsyn.h"
#include "core/synth/synthetic_record.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

using namespace dacl;
using namespace dacl::synth;

namespace {

constexpr double kPi = 3.14159265358979323846;

double medianOf(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

double cv(const std::vector<double>& v) {
    double m = 0, ss = 0;
    for (double x : v) m += x;
    m /= double(v.size());
    for (double x : v) ss += (x - m) * (x - m);
    return std::sqrt(ss / double(v.size())) / m;
}

std::vector<double> trueRr(const SynthRecord& r) { return dsp::rrIntervals(r.rPeaks, r.spec.fs); }

SynthRecord randomRecord(char label, std::uint64_t seed) {
    Rng rng(seed);
    return generateRecord(randomSpec(label, rng), seed);
}

// The same record without any noise or artefact (noise has its own random stream, so the
// ECG itself is unchanged).
SynthRecord cleanTwin(const SynthRecord& r, std::uint64_t seed) {
    RecordSpec s = r.spec;
    s.whiteNoiseMv = s.emgMv = s.motionMv = 0;
    s.contactLoss = false;
    return generateRecord(s, seed);
}

// Detections vs truth within 50 ms, ignoring beats within 150 ms of either end (a QRS cut
// by the record boundary is not a complete beat).
struct Score {
    int truth = 0, detected = 0, matched = 0;
    double se() const { return truth ? double(matched) / truth : 1; }
    double ppv() const { return detected ? double(matched) / detected : 1; }
};
Score score(const SynthRecord& r, const std::vector<long>& det) {
    const long n = static_cast<long>(r.mv.size()), edge = std::lround(0.15 * r.spec.fs);
    const long tol = std::lround(0.05 * r.spec.fs);
    auto inside = [&](long i) { return i >= edge && i < n - edge; };
    Score s;
    for (long d : det)
        if (inside(d)) ++s.detected;
    for (long t : r.rPeaks) {
        if (!inside(t)) continue;
        ++s.truth;
        for (long d : det)
            if (std::labs(d - t) <= tol) {
                ++s.matched;
                break;
            }
    }
    return s;
}

// Ensemble average of the signal over beats, from `fromS` to `toS` seconds around each R peak
// (beats whose preceding RR is at least `minRrS`); returns its peak-to-peak amplitude after
// removing the straight line between its end points.
double averagedWavePeakToPeak(const SynthRecord& r, double fromS, double toS, double minRrS) {
    const double fs = r.spec.fs;
    const long a = std::lround(fromS * fs), b = std::lround(toS * fs), len = b - a;
    std::vector<double> avg(static_cast<std::size_t>(len), 0.0);
    int count = 0;
    for (std::size_t k = 1; k < r.rPeaks.size(); ++k) {
        const long R = r.rPeaks[k];
        if (R + a < 0 || R + b > static_cast<long>(r.mv.size())) continue;
        if (double(R - r.rPeaks[k - 1]) / fs < minRrS || r.beatTypes[k] != 'N') continue;
        for (long i = 0; i < len; ++i) avg[i] += r.mv[R + a + i];
        ++count;
    }
    if (count == 0) return 0;
    for (double& v : avg) v /= count;
    double lo = 1e9, hi = -1e9;
    for (long i = 0; i < len; ++i) {
        const double line = avg[0] + (avg[len - 1] - avg[0]) * double(i) / double(len - 1);
        lo = std::min(lo, avg[i] - line);
        hi = std::max(hi, avg[i] - line);
    }
    return hi - lo;
}

// Power at frequency f of the samples in the T–Q gaps (from 0.45 s after an R peak to 0.25 s
// before the next), i.e. where there is no QRS, T or P wave: a DFT over those sample times.
double tqPower(const SynthRecord& r, double f) {
    const double fs = r.spec.fs;
    double re = 0, im = 0;
    int used = 0;
    for (std::size_t k = 0; k + 1 < r.rPeaks.size(); ++k) {
        const long a = r.rPeaks[k] + std::lround(0.45 * fs), b = r.rPeaks[k + 1] - std::lround(0.25 * fs);
        if (b - a < std::lround(0.1 * fs)) continue;
        double mean = 0;
        for (long i = a; i < b; ++i) mean += r.mv[i];
        mean /= double(b - a);
        for (long i = a; i < b; ++i) {
            re += (r.mv[i] - mean) * std::cos(2 * kPi * f * i / fs);
            im -= (r.mv[i] - mean) * std::sin(2 * kPi * f * i / fs);
            ++used;
        }
    }
    return used ? (re * re + im * im) / used : 0;
}

double bandPower(const std::vector<double>& x, double fs) {
    const std::vector<double> y = dsp::filtfilt(dsp::butterworthBandpass(2, 0.5, 40, fs), x);
    double s = 0;
    for (double v : y) s += v * v;
    return s / double(y.size());
}

}  // namespace

class TestEcgsyn : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void closedFormMatchesThePaperOde() {
        // The 3-D system of McSharry et al. integrated by RK4 vs. our closed-form solution,
        // for varying RR and with respiratory baseline wander.
        const Morphology m = paperMorphology();
        std::vector<Beat> beats;
        std::vector<double> rTimes;
        int k = 0;
        for (double t = -4.3; t < 13; t += 0.8 + 0.15 * std::sin(1.3 * k++)) {
            Beat b;
            b.rTime = t;
            b.waves = m;
            beats.push_back(b);
            rTimes.push_back(t);
        }
        const Baseline baseline{0.005, 0.25, 0.3};
        const std::vector<double> closed = ecgsynSignal(beats, 0, 3000, 300, baseline);
        const std::vector<double> ode = integrateEcgsynOde(rTimes, m, 0, 3000, 300, baseline, 8);
        double diff = 0, peak = 0;
        for (int i = 0; i < 3000; ++i) {
            diff = std::max(diff, std::abs(closed[i] - ode[i]));
            peak = std::max(peak, std::abs(ode[i]));
        }
        QVERIFY2(diff < 0.01 * peak, qPrintable(QString("max difference %1 of the peak").arg(diff / peak)));
        // And the R wave is where θ = 0 and about a·b²/(2π) high.
        for (double r : rTimes) {
            const long i = std::lround(r * 300);
            if (i < 30 || i > 2970) continue;
            const long best = std::max_element(ode.begin() + i - 30, ode.begin() + i + 30) - ode.begin();
            QVERIFY(std::labs(best - i) <= 1);
        }
    }

    void waveOrderAndTiming() {
        // Noise-free normal beats: P before R, T after, at physiological delays.
        RecordSpec s;
        s.meanHrBpm = 60;
        s.hrStdBpm = 0.5;
        s.whiteNoiseMv = 0;
        s.baselineWanderMv = 0;
        const SynthRecord r = generateRecord(s, 11);
        const double fs = s.fs;
        const double iso = medianOf(r.mv);  // isoelectric level
        int checked = 0;
        for (long R : r.rPeaks) {
            if (R < 150 || R + 200 > static_cast<long>(r.mv.size())) continue;
            const long top = std::max_element(r.mv.begin() + R - 30, r.mv.begin() + R + 30) - r.mv.begin();
            QVERIFY(std::labs(top - R) <= 1);  // the truth marks the R wave's peak
            QVERIFY2(std::abs(r.mv[R] - iso - s.rAmplitudeMv) < 0.1 * s.rAmplitudeMv,
                     qPrintable(QString("R height %1 mV").arg(r.mv[R] - iso)));
            const long p = std::max_element(r.mv.begin() + R - long(0.3 * fs), r.mv.begin() + R - long(0.08 * fs)) -
                           r.mv.begin();
            const long t = std::max_element(r.mv.begin() + R + long(0.15 * fs), r.mv.begin() + R + long(0.5 * fs)) -
                           r.mv.begin();
            const double prMs = 1000.0 * (R - p) / fs, rtMs = 1000.0 * (t - R) / fs;
            QVERIFY2(prMs > 120 && prMs < 250, qPrintable(QString("P peak %1 ms before R").arg(prMs)));
            QVERIFY2(rtMs > 200 && rtMs < 400, qPrintable(QString("T peak %1 ms after R").arg(rtMs)));
            // Heights above the lowest point before them (the T–P baseline): visible and
            // smaller than R, as in lead I.
            const double pBase = *std::min_element(r.mv.begin() + R - long(0.4 * fs), r.mv.begin() + p);
            const double pHeight = r.mv[p] - pBase, tHeight = r.mv[t] - iso;
            QVERIFY2(pHeight > 0.05 && pHeight < 0.3 * s.rAmplitudeMv, qPrintable(QString("P %1 mV").arg(pHeight)));
            QVERIFY2(tHeight > 0.05 && tHeight < 0.8 * s.rAmplitudeMv, qPrintable(QString("T %1 mV").arg(tHeight)));
            ++checked;
        }
        QVERIFY(checked >= 25);
    }

    void heartRateAsRequested_data() {
        QTest::addColumn<int>("rhythm");
        QTest::addColumn<double>("bpm");
        QTest::newRow("sinus 50") << int(Rhythm::Sinus) << 50.0;
        QTest::newRow("sinus 75") << int(Rhythm::Sinus) << 75.0;
        QTest::newRow("sinus 100") << int(Rhythm::Sinus) << 100.0;
        QTest::newRow("brady 42") << int(Rhythm::Bradycardia) << 42.0;
        QTest::newRow("tachy 140") << int(Rhythm::Tachycardia) << 140.0;
        QTest::newRow("af 110") << int(Rhythm::AtrialFibrillation) << 110.0;
    }
    void heartRateAsRequested() {
        QFETCH(int, rhythm);
        QFETCH(double, bpm);
        RecordSpec s;
        s.rhythm = Rhythm(rhythm);
        s.meanHrBpm = bpm;
        s.durationS = 60;
        for (std::uint64_t seed = 1; seed <= 3; ++seed) {
            const SynthRecord r = generateRecord(s, seed);
            // True mean rate (beats per minute over the record) and the detector's estimate.
            const std::vector<double> rr = trueRr(r);
            const double mean = 60.0 / (std::accumulate(rr.begin(), rr.end(), 0.0) / double(rr.size()));
            QVERIFY2(std::abs(mean - bpm) < 0.05 * bpm, qPrintable(QString("true mean %1 bpm").arg(mean)));
            const std::vector<long> det = dsp::detectRPeaks(r.mv, s.fs);
            const double detMean = 60.0 * double(det.size() - 1) / (double(det.back() - det.front()) / s.fs);
            QVERIFY2(std::abs(detMean - bpm) < 0.06 * bpm, qPrintable(QString("detected %1 bpm").arg(detMean)));
        }
    }

    void detectorFindsGeneratedBeats() {
        // Normal records: sensitivity and positive predictivity >= 0.99 within 50 ms.
        Score all;
        for (std::uint64_t seed = 100; seed < 130; ++seed) {
            const SynthRecord r = randomRecord('N', seed);
            const Score s = score(r, dsp::detectRPeaks(r.mv, r.spec.fs));
            QVERIFY2(s.se() >= 0.97 && s.ppv() >= 0.97,
                     qPrintable(QString("seed %1: Se %2 PPV %3").arg(seed).arg(s.se()).arg(s.ppv())));
            all.truth += s.truth;
            all.detected += s.detected;
            all.matched += s.matched;
        }
        QVERIFY2(all.se() >= 0.99 && all.ppv() >= 0.99,
                 qPrintable(QString("N: Se %1 PPV %2 over %3 beats").arg(all.se()).arg(all.ppv()).arg(all.truth)));
        QVERIFY(all.truth > 1000);
        // AF and other rhythms (ectopic beats included) are harder but still well detected.
        for (char label : {'A', 'O'}) {
            Score cls;
            for (std::uint64_t seed = 200; seed < 220; ++seed) {
                const SynthRecord r = randomRecord(label, seed);
                const Score s = score(r, dsp::detectRPeaks(r.mv, r.spec.fs));
                cls.truth += s.truth;
                cls.detected += s.detected;
                cls.matched += s.matched;
            }
            QVERIFY2(cls.se() >= 0.97 && cls.ppv() >= 0.97,
                     qPrintable(QString("%1: Se %2 PPV %3").arg(label).arg(cls.se()).arg(cls.ppv())));
        }
    }

    void afRhythmIsIrregularlyIrregular() {
        std::vector<double> cvN, cvA, detCvN, detCvA;
        for (std::uint64_t seed = 1; seed <= 12; ++seed) {
            const SynthRecord n = randomRecord('N', seed), a = randomRecord('A', seed);
            cvN.push_back(cv(trueRr(n)));
            cvA.push_back(cv(trueRr(a)));
            detCvN.push_back(cv(dsp::rrIntervals(dsp::detectRPeaks(n.mv, 300), 300)));
            detCvA.push_back(cv(dsp::rrIntervals(dsp::detectRPeaks(a.mv, 300), 300)));
            // Irregular beat to beat, not just slowly varying: successive RR differences are
            // large in AF (RMSSD / mean RR), small in sinus rhythm.
            auto rmssdRel = [](const std::vector<double>& rr) {
                double s = 0, m = 0;
                for (std::size_t i = 1; i < rr.size(); ++i) s += std::pow(rr[i] - rr[i - 1], 2);
                for (double v : rr) m += v;
                return std::sqrt(s / double(rr.size() - 1)) / (m / double(rr.size()));
            };
            QVERIFY(rmssdRel(trueRr(a)) > 0.15);
            QVERIFY(rmssdRel(trueRr(n)) < 0.10);  // respiratory arrhythmia: a few % of RR
        }
        QVERIFY2(*std::min_element(cvA.begin(), cvA.end()) > 2 * *std::max_element(cvN.begin(), cvN.end()),
                 qPrintable(QString("min AF CV %1, max N CV %2")
                                .arg(*std::min_element(cvA.begin(), cvA.end()))
                                .arg(*std::max_element(cvN.begin(), cvN.end()))));
        QVERIFY(medianOf(cvA) > 4 * medianOf(cvN));
        QVERIFY(medianOf(detCvA) > 4 * medianOf(detCvN));  // also as the detector sees it
    }

    void afHasNoPWavesButFibrillatoryWaves() {
        std::vector<double> pN, pA;
        for (std::uint64_t seed = 1; seed <= 10; ++seed) {
            const SynthRecord n = randomRecord('N', seed), a = randomRecord('A', seed);
            // Atrial activity locked to the QRS (a P wave) survives ensemble averaging over
            // the PR window; fibrillatory waves are not locked to it and average out.
            pN.push_back(averagedWavePeakToPeak(n, -0.30, -0.06, 0.6));
            pA.push_back(averagedWavePeakToPeak(a, -0.30, -0.06, 0.6));
        }
        QVERIFY2(medianOf(pA) < 0.3 * medianOf(pN),
                 qPrintable(QString("PR-window average: AF %1 mV, normal %2 mV").arg(medianOf(pA)).arg(medianOf(pN))));
        QVERIFY(*std::min_element(pN.begin(), pN.end()) > 0.04);  // every normal record has a P wave

        // f-waves: the T–Q gaps of AF oscillate at the requested atrial rate (4–9 Hz).
        for (double fHz : {4.5, 6.0, 8.0}) {
            RecordSpec s;
            s.rhythm = Rhythm::AtrialFibrillation;
            s.meanHrBpm = 55;  // long enough T–Q gaps in the sinus twin
            s.fWaveHz = fHz;
            s.fWaveMv = 0.06;
            s.durationS = 60;
            const SynthRecord a = generateRecord(s, 5);
            double best = 0, bestF = 0;
            for (double f = 3; f <= 12; f += 0.1) {
                const double p = tqPower(a, f);
                if (p > best) best = p, bestF = f;
            }
            QVERIFY2(std::abs(bestF - fHz) < 0.6, qPrintable(QString("f-wave peak at %1 Hz, wanted %2").arg(bestF).arg(fHz)));
            RecordSpec ns = s;
            ns.rhythm = Rhythm::Sinus;
            const SynthRecord n = generateRecord(ns, 5);
            QVERIFY(tqPower(a, fHz) > 20 * tqPower(n, fHz));
        }
    }

    void otherRhythms() {
        RecordSpec s;
        s.meanHrBpm = 70;
        s.hrStdBpm = 1;
        s.durationS = 60;
        // Bigeminy: every other beat ventricular, short coupling then compensatory pause.
        s.rhythm = Rhythm::Bigeminy;
        s.couplingRatio = 0.6;
        const SynthRecord big = generateRecord(s, 3);
        for (std::size_t k = 1; k < big.beatTypes.size(); ++k) QVERIFY(big.beatTypes[k] != big.beatTypes[k - 1]);
        const double sinusRr = 60.0 / 70;
        for (std::size_t k = 1; k + 1 < big.rPeaks.size(); ++k) {
            if (big.beatTypes[k] != 'V') continue;
            const double before = (big.rPeaks[k] - big.rPeaks[k - 1]) / 300.0;
            const double after = (big.rPeaks[k + 1] - big.rPeaks[k]) / 300.0;
            QVERIFY(std::abs(before - 0.6 * sinusRr) < 0.1 * sinusRr);
            QVERIFY(std::abs(before + after - 2 * sinusRr) < 0.15 * sinusRr);  // fully compensatory
        }
        // Ventricular beats are wide: their QRS spends longer away from baseline.
        auto width = [&](const SynthRecord& r, char type) {
            std::vector<double> w;
            for (std::size_t k = 0; k < r.rPeaks.size(); ++k) {
                const long R = r.rPeaks[k];
                if (r.beatTypes[k] != type || R < 60 || R + 60 > static_cast<long>(r.mv.size())) continue;
                const double peak = std::abs(r.mv[R]);
                int above = 0;
                for (long i = R - 60; i < R + 60; ++i) above += std::abs(r.mv[i]) > 0.5 * peak;
                w.push_back(above / 0.3);  // ms at 300 Hz
            }
            return medianOf(w);
        };
        QVERIFY2(width(big, 'V') > 1.4 * width(big, 'N'),
                 qPrintable(QString("QRS half-height width: V %1 ms, N %2 ms").arg(width(big, 'V')).arg(width(big, 'N'))));
        // Atrial premature beats reset the sinus node: the pause is not compensatory.
        s.rhythm = Rhythm::AtrialEctopy;
        s.ectopicFraction = 0.25;
        s.couplingRatio = 0.7;
        const SynthRecord pac = generateRecord(s, 4);
        int pacs = 0;
        for (std::size_t k = 1; k + 1 < pac.rPeaks.size(); ++k) {
            if (pac.beatTypes[k] != 'S') continue;
            ++pacs;
            const double pair = (pac.rPeaks[k + 1] - pac.rPeaks[k - 1]) / 300.0;
            QVERIFY(pair < 1.85 * sinusRr);
        }
        QVERIFY(pacs >= 5);

        // Every random "other" record is ectopic or outside the normal rate range.
        for (std::uint64_t seed = 1; seed <= 40; ++seed) {
            const SynthRecord o = randomRecord('O', seed);
            const bool ectopic = o.beatTypes.find_first_of("VS") != std::string::npos;
            const double hr = dsp::heartRateBpm(dsp::detectRPeaks(o.mv, 300), 300);
            QVERIFY2(ectopic || hr < 55 || hr > 100,
                     qPrintable(QString("seed %1 (%2): %3 bpm, no ectopy").arg(seed).arg(rhythmName(o.spec.rhythm)).arg(hr)));
        }
    }

    void noisyClassIsDominatedByNoise() {
        std::vector<double> snrNoisy, snrNormal;
        int detectorFailures = 0;
        for (std::uint64_t seed = 1; seed <= 10; ++seed) {
            for (char label : {'~', 'N'}) {
                const SynthRecord r = randomRecord(label, seed), clean = cleanTwin(r, seed);
                std::vector<double> noise(r.mv.size());
                for (std::size_t i = 0; i < noise.size(); ++i) noise[i] = r.mv[i] - clean.mv[i];
                const double snr = bandPower(clean.mv, 300) / bandPower(noise, 300);
                (label == '~' ? snrNoisy : snrNormal).push_back(snr);
                if (label == '~' && score(r, dsp::detectRPeaks(r.mv, 300)).se() < 0.9) ++detectorFailures;
            }
        }
        // In the ECG band, noise outweighs the ECG in "too noisy" records (SNR < 0 dB) and is
        // negligible in normal ones (> 15 dB).
        QVERIFY2(medianOf(snrNoisy) < 1.0, qPrintable(QString("median SNR of ~: %1").arg(medianOf(snrNoisy))));
        QVERIFY2(*std::min_element(snrNormal.begin(), snrNormal.end()) > 30,
                 qPrintable(QString("min SNR of N: %1").arg(*std::min_element(snrNormal.begin(), snrNormal.end()))));
        QVERIFY(detectorFailures >= 5);  // the noise really hides beats
    }

    void amplitudeLikeLeadI() {
        // R waves about 1 mV above the isoelectric level (0.6–1.6 mV), as the spec says.
        std::vector<double> r;
        for (std::uint64_t seed = 1; seed <= 20; ++seed) {
            const SynthRecord n = randomRecord('N', seed);
            const double sign = n.spec.inverted ? -1 : 1, iso = medianOf(n.mv);
            std::vector<double> heights;
            for (long R : n.rPeaks) heights.push_back(sign * (n.mv[R] - iso));
            const double h = medianOf(heights);
            QVERIFY2(std::abs(h - n.spec.rAmplitudeMv) < 0.1 * n.spec.rAmplitudeMv,
                     qPrintable(QString("seed %1: R %2 mV, spec %3 mV").arg(seed).arg(h).arg(n.spec.rAmplitudeMv)));
            r.push_back(h);
        }
        QVERIFY(medianOf(r) > 0.8 && medianOf(r) < 1.3);
        QVERIFY(*std::min_element(r.begin(), r.end()) > 0.5);
        QVERIFY(*std::max_element(r.begin(), r.end()) < 1.8);
    }

    void randomSpecsCoverPhysionetDurations() {
        Rng rng(99);
        int thirty = 0;
        double lo = 1e9, hi = 0;
        for (int i = 0; i < 400; ++i) {
            const RecordSpec s = randomSpec("NAO~"[i % 4], rng);
            lo = std::min(lo, s.durationS);
            hi = std::max(hi, s.durationS);
            thirty += s.durationS == 30.0;
        }
        QVERIFY(lo >= 9 && hi <= 61);
        QVERIFY(lo < 15 && hi > 55);
        QVERIFY(thirty > 200);  // mostly 30 s
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, randomSpec('X', rng));
    }

    void reproducibleForASeed() {
        for (char label : {'N', 'A', 'O', '~'}) {
            const SynthRecord a = randomRecord(label, 77), b = randomRecord(label, 77), c = randomRecord(label, 78);
            QVERIFY(a.mv == b.mv);  // bit-identical
            QVERIFY(a.rPeaks == b.rPeaks);
            QVERIFY(a.mv != c.mv);
        }
        // The same spec with another seed: another record, same kind.
        RecordSpec s;
        const SynthRecord x = generateRecord(s, 1), y = generateRecord(s, 2);
        QVERIFY(x.mv != y.mv);
        QCOMPARE(x.mv.size(), y.mv.size());
    }

    void rejectsBadSpecs() {
        RecordSpec s;
        s.meanHrBpm = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, generateRecord(s, 1));
        s = RecordSpec{};
        s.fs = 10;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, generateRecord(s, 1));
        s = RecordSpec{};
        s.durationS = -1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, generateRecord(s, 1));
        s = RecordSpec{};
        s.fWaveHz = 200;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, generateRecord(s, 1));
        // Another sampling rate works and keeps time (beats per second).
        s = RecordSpec{};
        s.fs = 500;
        s.meanHrBpm = 60;
        s.hrStdBpm = 0.5;
        const SynthRecord r = generateRecord(s, 1);
        QCOMPARE(r.mv.size(), std::size_t(15000));
        QVERIFY(std::abs(dsp::heartRateBpm(dsp::detectRPeaks(r.mv, 500), 500) - 60) < 3);
    }
};

QTEST_APPLESS_MAIN(TestEcgsyn)
#include "test_ecgsyn.moc"
