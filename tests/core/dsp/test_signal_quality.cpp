// Signal quality (issue 18 §6): a flat line, white noise and sines (10 kHz and at a heart rate)
// are flagged with a reason; synthetic ECG of every rhythm passes; on real PhysioNet/CinC 2017
// records nearly every N/A/O record passes while the noisy class "~" is flagged far more often.
#include "core/data/dataset.h"
#include "core/dsp/signal_quality.h"
#include "core/synth/synthetic_record.h"

#include <QDir>
#include <QtTest>

#include <cmath>
#include <limits>
#include <random>

using namespace dacl;
using dsp::QualityVerdict;

namespace {

std::vector<double> sine(double hz, double fs, double seconds, double mv = 1.0) {
    std::vector<double> x(static_cast<std::size_t>(seconds * fs));
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = mv * std::sin(2 * M_PI * hz * static_cast<double>(i) / fs);
    return x;
}

std::vector<double> whiteNoise(double fs, double seconds, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> n01;
    std::vector<double> x(static_cast<std::size_t>(seconds * fs));
    for (double& v : x) v = n01(rng);
    return x;
}

}  // namespace

class TestSignalQuality : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void flatLinesAreFlat() {
        const auto q = dsp::assessSignalQuality(std::vector<double>(9000, 0.3), 300);
        QCOMPARE(q.verdict, QualityVerdict::Flat);
        QVERIFY2(q.reason.find("flat") != std::string::npos, q.reason.c_str());
        // A lead read with a gain of 1e308: every sample ~1e-308 mV.
        QCOMPARE(dsp::assessSignalQuality(sine(1.2, 300, 30, 1e-308), 300).verdict, QualityVerdict::Flat);
    }

    void whiteNoiseIsFlagged() {
        for (unsigned seed : {1u, 2u, 3u}) {
            const auto q = dsp::assessSignalQuality(whiteNoise(300, 30, seed), 300);
            QVERIFY2(q.verdict == QualityVerdict::Noisy, q.reason.c_str());
            QVERIFY2(q.reason.find("noise") != std::string::npos, q.reason.c_str());
        }
        // Noise confined to the ECG band (as a band-limited recorder would give it) has no
        // consistent beats either.
        const auto q = dsp::assessSignalQuality(whiteNoise(80, 30, 4), 80);
        QVERIFY2(!q.ok(), q.reason.c_str());
    }

    void sinesAreNotEcg() {
        // A 10 kHz tone, sampled fast enough to hold it, and a sine at a heart rate's frequency.
        const auto tone = dsp::assessSignalQuality(sine(10000, 40000, 10), 40000);
        QCOMPARE(tone.verdict, QualityVerdict::NotEcg);
        QVERIFY2(std::fabs(tone.toneHz - 10000) < 20, tone.reason.c_str());
        const auto slow = dsp::assessSignalQuality(sine(1.2, 300, 30), 300);
        QCOMPARE(slow.verdict, QualityVerdict::NotEcg);
        QVERIFY2(slow.reason.find("tone") != std::string::npos, slow.reason.c_str());
    }

    void implausibleAndShortInputIsNamed() {
        QCOMPARE(dsp::assessSignalQuality(sine(1.2, 300, 30, 1e308), 300).verdict, QualityVerdict::NotEcg);
        QCOMPARE(dsp::assessSignalQuality(sine(1.2, 300, 2), 300).verdict, QualityVerdict::TooShort);
        QCOMPARE(dsp::assessSignalQuality(sine(1.2, 30, 30), 30).verdict, QualityVerdict::NotEcg);
        std::vector<double> nan(9000, std::numeric_limits<double>::quiet_NaN());
        QVERIFY(!dsp::assessSignalQuality(nan, 300).ok());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, dsp::assessSignalQuality(nan, 0));
        QCOMPARE(dsp::millivoltsPerUnit("uV"), 1e-3);
        QCOMPARE(dsp::millivoltsPerUnit("mV"), 1.0);
    }

    void syntheticEcgOfEveryRhythmPasses() {
        int seed = 0;
        using synth::Rhythm;
        for (Rhythm r : {Rhythm::Sinus, Rhythm::AtrialFibrillation, Rhythm::VentricularEctopy, Rhythm::Bigeminy,
                         Rhythm::AtrialEctopy, Rhythm::Bradycardia, Rhythm::Tachycardia}) {
            synth::RecordSpec spec;
            spec.rhythm = r;
            const auto rec = synth::generateRecord(spec, static_cast<std::uint64_t>(++seed));
            const auto q = dsp::assessSignalQuality(rec.mv, spec.fs);
            QVERIFY2(q.ok(), (std::string(synth::rhythmName(r)) + ": " + q.reason).c_str());
        }
    }

    void realRecordsPassAndNoisyOnesAreFlagged() {
        const QString dir = QStringLiteral(DACL_SHARED_DIR "/data/physionet2017");
        if (!QDir(dir).exists()) QSKIP("PhysioNet 2017 data not found");
        const Dataset d = Dataset::open(dir.toStdString());
        // The first 400 labelled N/A/O records and every "~" record.
        int clean = 0, cleanFlagged = 0, noisy = 0, noisyFlagged = 0;
        for (std::size_t i = 0; i < d.size(); ++i) {
            const std::string& label = d.records()[i].label;
            const bool isNoisy = label == "~";
            if (!isNoisy && clean >= 400) continue;
            const auto rec = d.signal(i);
            const bool flagged = !dsp::assessSignalQuality(rec->channels[0], rec->fs).ok();
            (isNoisy ? noisy : clean) += 1;
            (isNoisy ? noisyFlagged : cleanFlagged) += flagged ? 1 : 0;
        }
        QVERIFY(clean == 400 && noisy > 200);
        // Measured on all 8,528 records: N 0.75 %, A 1.4 %, O 1.3 % flagged; "~" 47 %.
        QVERIFY2(cleanFlagged <= 12, qPrintable(QString::number(cleanFlagged)));
        QVERIFY2(noisyFlagged >= noisy * 35 / 100, qPrintable(QString("%1 of %2").arg(noisyFlagged).arg(noisy)));
    }
};

QTEST_APPLESS_MAIN(TestSignalQuality)
#include "test_signal_quality.moc"
