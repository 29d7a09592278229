// Noise corruptions hit the requested SNR, have the spectral character of their kind, and are
// reproducible for a seed (every method is evaluated on the same corrupted records).
#include "core/dsp/noise.h"

#include <QtTest>

#include <cmath>

using namespace dacl::dsp;

namespace {
std::vector<double> ecgLike(std::size_t n, double fs) {
    std::vector<double> x(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double t = static_cast<double>(i) / fs;
        const double phase = std::fmod(t, 0.8) - 0.3;
        x[i] = std::exp(-phase * phase / (2 * 0.01 * 0.01)) + 0.1 * std::sin(2 * M_PI * 1.25 * t);
    }
    return x;
}

// Share of the power above `hz` estimated from the first difference (a high-pass proxy).
double highFrequencyShare(const std::vector<double>& n, double fs, double hz) {
    // Power of a moving-average low-pass of length fs/hz versus total.
    const std::size_t w = static_cast<std::size_t>(fs / hz);
    std::vector<double> low(n.size(), 0.0);
    double acc = 0;
    for (std::size_t i = 0; i < n.size(); ++i) {
        acc += n[i];
        if (i >= w) acc -= n[i - w];
        low[i] = acc / static_cast<double>(std::min(i + 1, w));
    }
    return 1.0 - power(low) / power(n);
}
}  // namespace

class TestNoise : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void reachesTheRequestedSnr() {
        const double fs = 300;
        const auto x = ecgLike(9000, fs);
        for (NoiseKind kind : allNoiseKinds()) {
            for (double snr : {24.0, 12.0, 6.0, 0.0}) {
                const auto y = corrupt(x, fs, kind, snr, 7);
                std::vector<double> n(x.size());
                for (std::size_t i = 0; i < x.size(); ++i) n[i] = y[i] - x[i];
                const double measured = 10 * std::log10(power(x) / power(n));
                QVERIFY2(std::abs(measured - snr) < 1e-6, qPrintable(QString::fromStdString(toString(kind))));
            }
        }
    }

    void kindsHaveTheirSpectralCharacter() {
        const double fs = 300;
        const auto wander = makeNoise(NoiseKind::BaselineWander, 30000, fs, 1);
        const auto muscle = makeNoise(NoiseKind::Muscle, 30000, fs, 1);
        const auto white = makeNoise(NoiseKind::White, 30000, fs, 1);
        // Baseline wander lives below 1 Hz (almost nothing above 10 Hz); muscle noise mostly above 20 Hz, more than white noise.
        QVERIFY(highFrequencyShare(wander, fs, 10.0) < 0.05);
        QVERIFY(highFrequencyShare(white, fs, 10.0) > 0.9);
        QVERIFY(highFrequencyShare(muscle, fs, 20.0) > highFrequencyShare(white, fs, 20.0));
        QVERIFY(highFrequencyShare(muscle, fs, 20.0) > 0.9);
    }

    void reproducibleForASeed() {
        QCOMPARE(makeNoise(NoiseKind::ElectrodeMotion, 3000, 300, 5),
                 makeNoise(NoiseKind::ElectrodeMotion, 3000, 300, 5));
        QVERIFY(makeNoise(NoiseKind::White, 3000, 300, 5) != makeNoise(NoiseKind::White, 3000, 300, 6));
    }
};

QTEST_APPLESS_MAIN(TestNoise)
#include "test_noise.moc"
