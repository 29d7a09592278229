// R-peak detection: beats at known positions in a constructed signal, robustness to
// polarity, scale, artefacts and edge cases, and plausible rates on real PhysioNet 2017
// records (read straight from the MAT v4 bytes, independently of the data layer).
#include "core/dsp/rpeaks.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

using namespace dacl::dsp;

namespace {

const std::string kData = std::string(DACL_SHARED_DIR) + "/data/physionet2017/";

// PhysioNet 2017 .mat: a 20-byte MAT v4 header (type 30 = int16, 1 row, N columns), the name
// "val\0", then N little-endian int16 samples at 1000 adu/mV.
std::vector<double> readPhysionetMat(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::vector<char> b((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    if (b.size() < 24) return {};
    std::int32_t h[5];
    std::memcpy(h, b.data(), 20);
    if (h[0] != 30 || h[1] != 1 || b.size() < std::size_t(20 + h[4] + 2L * h[2])) return {};
    std::vector<double> x(static_cast<std::size_t>(h[2]));
    for (std::size_t i = 0; i < x.size(); ++i) {
        std::int16_t v;
        std::memcpy(&v, b.data() + 20 + h[4] + 2 * i, 2);
        x[i] = v / 1000.0;
    }
    return x;
}

std::vector<std::pair<std::string, char>> physionetLabels() {
    std::vector<std::pair<std::string, char>> out;
    std::ifstream f(kData + "REFERENCE.csv");
    std::string line;
    while (std::getline(f, line))
        if (line.size() >= 8 && line[6] == ',') out.emplace_back(line.substr(0, 6), line[7]);
    return out;
}

// Matches detections to truth within `tol` samples (each used once).
struct Score {
    int truth = 0, detected = 0, matched = 0;
    double sensitivity() const { return truth ? double(matched) / truth : 1; }
    double ppv() const { return detected ? double(matched) / detected : 1; }
};
Score score(const std::vector<long>& truth, const std::vector<long>& det, long tol) {
    Score s;
    s.truth = int(truth.size());
    s.detected = int(det.size());
    std::size_t j = 0;
    for (long t : truth) {
        while (j < det.size() && det[j] < t - tol) ++j;
        if (j < det.size() && std::labs(det[j] - t) <= tol) {
            ++s.matched;
            ++j;
        }
    }
    return s;
}

double cv(const std::vector<double>& v) {
    double m = 0, ss = 0;
    for (double x : v) m += x;
    m /= double(v.size());
    for (double x : v) ss += (x - m) * (x - m);
    return std::sqrt(ss / double(v.size())) / m;
}

// A constructed ECG-like signal: narrow biphasic QRS, broad T wave, small P wave, baseline
// wander and noise, beats at irregular known times.
struct Constructed {
    std::vector<double> x;
    std::vector<long> beats;
};
Constructed constructed(double fs, double seconds, unsigned seed) {
    std::mt19937_64 eng(seed);
    auto uni = [&] { return double(eng() >> 11) * (1.0 / 9007199254740992.0); };
    Constructed c;
    const long n = static_cast<long>(seconds * fs);
    c.x.assign(static_cast<std::size_t>(n), 0.0);
    auto bump = [&](double centre, double width, double height) {
        const long lo = std::max(0L, long((centre - 5 * width) * fs)), hi = std::min(n, long((centre + 5 * width) * fs));
        for (long i = lo; i < hi; ++i) c.x[i] += height * std::exp(-0.5 * std::pow((i / fs - centre) / width, 2));
    };
    for (double t = 0.4; t < seconds - 0.4; t += 0.45 + 0.6 * uni()) {  // 50–130 bpm, irregular
        bump(t - 0.16, 0.025, 0.12);         // P
        bump(t - 0.02, 0.008, -0.15);        // Q
        bump(t, 0.010, 1.0);                 // R
        bump(t + 0.025, 0.010, -0.3);        // S
        bump(t + 0.25, 0.045, 0.35);         // T
        c.beats.push_back(std::lround(t * fs));
    }
    for (long i = 0; i < n; ++i)
        c.x[i] += 0.3 * std::sin(2 * 3.14159265358979 * 0.25 * i / fs) + 0.02 * (uni() - 0.5);
    return c;
}

}  // namespace

class TestRPeaks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void findsConstructedBeats_data() {
        QTest::addColumn<double>("fs");
        QTest::newRow("300 Hz") << 300.0;
        QTest::newRow("250 Hz") << 250.0;
        QTest::newRow("500 Hz") << 500.0;
    }
    void findsConstructedBeats() {
        QFETCH(double, fs);
        for (unsigned seed = 1; seed <= 5; ++seed) {
            const Constructed c = constructed(fs, 60, seed);
            const std::vector<long> det = detectRPeaks(c.x, fs);
            const Score s = score(c.beats, det, std::lround(0.05 * fs));
            QVERIFY2(s.sensitivity() >= 0.99 && s.ppv() >= 0.99,
                     qPrintable(QString("seed %1: Se %2 PPV %3").arg(seed).arg(s.sensitivity()).arg(s.ppv())));
            // Located on the R wave itself, not merely near the QRS.
            const Score exact = score(c.beats, det, std::lround(0.01 * fs));
            QVERIFY(exact.sensitivity() >= 0.99);
            for (std::size_t i = 1; i < det.size(); ++i) QVERIFY(det[i] - det[i - 1] >= std::lround(0.2 * fs));
        }
    }

    void invariantToPolarityAndScale() {
        const Constructed c = constructed(300, 30, 9);
        const std::vector<long> det = detectRPeaks(c.x, 300);
        std::vector<double> inverted = c.x, scaled = c.x;
        for (double& v : inverted) v = -v;
        for (double& v : scaled) v *= 1000;  // e.g. adu instead of mV
        QVERIFY(detectRPeaks(inverted, 300) == det);
        QVERIFY(detectRPeaks(scaled, 300) == det);
    }

    void largeArtefactDoesNotBlindTheDetector() {
        // A 15 mV electrode pop in the first second, 15× the QRS.
        Constructed c = constructed(300, 40, 3);
        for (long i = 60; i < 120; ++i) c.x[i] += 15.0 * std::sin(3.14159265358979 * (i - 60) / 60.0);
        const std::vector<long> det = detectRPeaks(c.x, 300);
        std::vector<long> laterTruth, laterDet;
        for (long b : c.beats)
            if (b > 600) laterTruth.push_back(b);
        for (long d : det)
            if (d > 600) laterDet.push_back(d);
        const Score s = score(laterTruth, laterDet, 15);
        QVERIFY2(s.sensitivity() >= 0.98 && s.ppv() >= 0.98,
                 qPrintable(QString("Se %1 PPV %2").arg(s.sensitivity()).arg(s.ppv())));
    }

    void heartRate() {
        // Regular beats every 0.8 s: 75 bpm; one missed beat does not move the median.
        std::vector<long> peaks;
        for (int k = 0; k < 20; ++k) peaks.push_back(100 + 240 * k);
        QCOMPARE(heartRateBpm(peaks, 300), 75.0);
        peaks.erase(peaks.begin() + 10);
        QCOMPARE(heartRateBpm(peaks, 300), 75.0);
        QCOMPARE(rrIntervals({0, 300, 900}, 300), (std::vector<double>{1.0, 2.0}));
        QCOMPARE(heartRateBpm({}, 300), 0.0);
        QCOMPARE(heartRateBpm({42}, 300), 0.0);
    }

    void degenerateInput() {
        QVERIFY(detectRPeaks(std::vector<double>(3000, 0.0), 300).empty());  // flat line: no beats
        QVERIFY(detectRPeaks(std::vector<double>(100, 1.0), 300).empty());   // shorter than 0.5 s
        QVERIFY(detectRPeaks({}, 300).empty());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, detectRPeaks(std::vector<double>(3000), 20));
        // Non-finite samples are held, not propagated.
        Constructed c = constructed(300, 20, 4);
        for (long i = 1000; i < 1010; ++i) c.x[i] = std::nan("");
        const std::vector<long> det = detectRPeaks(c.x, 300);
        QVERIFY(score(c.beats, det, 15).sensitivity() >= 0.95);
    }

    void plausibleOnRealRecords() {
        const auto labels = physionetLabels();
        if (labels.empty()) QSKIP("PhysioNet 2017 data not found at " DACL_SHARED_DIR "/data/physionet2017");
        // The first 60 normal-rhythm records and the first 30 AF records.
        std::map<char, std::vector<double>> cvs;
        int normal = 0, normalPlausible = 0, af = 0;
        for (const auto& [name, label] : labels) {
            if (label == 'N' && normal >= 60) continue;
            if (label == 'A' && af >= 30) continue;
            if (label != 'N' && label != 'A') continue;
            const std::vector<double> x = readPhysionetMat(kData + name + ".mat");
            QVERIFY2(!x.empty(), qPrintable(QString::fromStdString(name) + ": unreadable"));
            const std::vector<long> peaks = detectRPeaks(x, 300);
            const double hr = heartRateBpm(peaks, 300);
            if (label == 'N') {
                ++normal;
                if (hr >= 40 && hr <= 180) ++normalPlausible;
            } else {
                ++af;
            }
            // Beat count agrees with the median rate (no runs of missed or doubled beats).
            const double expectedBeats = hr / 60.0 * double(x.size()) / 300.0;
            if (label == 'N' && hr > 0)
                QVERIFY2(std::abs(double(peaks.size()) - expectedBeats) < 0.15 * expectedBeats + 2,
                         qPrintable(QString("%1: %2 beats at %3 bpm").arg(name.c_str()).arg(peaks.size()).arg(hr)));
            cvs[label].push_back(cv(rrIntervals(peaks, 300)));
        }
        QCOMPARE(normal, 60);
        QVERIFY2(normalPlausible >= 59, qPrintable(QString("%1 of 60 in 40–180 bpm").arg(normalPlausible)));
        // Real AF is irregularly irregular: its median RR variability is far above normal rhythm's.
        auto medianOf = [](std::vector<double> v) {
            std::sort(v.begin(), v.end());
            return v[v.size() / 2];
        };
        const double cvN = medianOf(cvs['N']), cvA = medianOf(cvs['A']);
        QVERIFY2(cvA > 2.5 * cvN, qPrintable(QString("median RR CV: AF %1, normal %2").arg(cvA).arg(cvN)));
    }

    void specificRealRecords() {
        // A00001 (normal) and A00004 (AF) are the first two examples of their class.
        for (const char* name : {"A00001", "A00004"}) {
            const std::vector<double> x = readPhysionetMat(kData + name + ".mat");
            if (x.empty()) QSKIP("PhysioNet 2017 data not found");
            const double hr = heartRateBpm(detectRPeaks(x, 300), 300);
            QVERIFY2(hr >= 40 && hr <= 180, qPrintable(QString("%1: %2 bpm").arg(name).arg(hr)));
        }
    }
};

QTEST_APPLESS_MAIN(TestRPeaks)
#include "test_rpeaks.moc"
