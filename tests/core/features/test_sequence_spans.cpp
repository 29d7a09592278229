// Sequence rows (repr = sequence) from real PhysioNet 2017 records: spans of 30.72 s, the valid
// frames and their exact zero padding, the rhythm channels against the record's R peaks, the RR
// features in the header, and the span grid of records longer than a span.
#include "core/common/settings.h"
#include "core/data/signal_reader.h"
#include "core/data/wfdb_header.h"
#include "core/dsp/preprocess.h"
#include "core/dsp/robust_rpeaks.h"
#include "core/features/feature_job.h"
#include "core/features/record_features.h"
#include "core/features/sequence_layout.h"

#include <QtTest>

#include <atomic>

#include <cmath>

using namespace dacl;
using features::SequenceLayout;

namespace {

Recording physionet(const std::string& name) {
    return readRecording(parseHeader(std::string(DACL_SHARED_DIR) + "/data/physionet2017/" + name + ".hea"));
}

features::FeatureSettings sequenceSettings(bool rhythm = true) {
    Settings s;
    s.set("seq.rhythm=" + std::string(rhythm ? "true" : "false"));
    return features::FeatureSettings::fromSettings(s);
}

}  // namespace

class TestSequenceSpans : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultsAreTheMethodsV2() {
        const auto fs = sequenceSettings();
        QVERIFY(fs.sequence);
        QCOMPARE(fs.window.samples, 9216);
        QCOMPARE(fs.J, 5);
        features::RecordFeaturizer f(fs);
        QCOMPARE(f.framesPerSpan(), 288);
    }

    // A long recording's spans are spread over threads (the Assessment of a day-long file): the
    // rows are the same to the bit and in the same order as on one thread.
    void threadsGiveTheSameRows() {
        const Recording rec = physionet("A00001");
        std::vector<double> longLead;
        for (int k = 0; k < 8; ++k) longLead.insert(longLead.end(), rec.channels[0].begin(), rec.channels[0].end());
        features::RecordFeaturizer f(sequenceSettings());
        const auto one = f.compute(longLead, rec.fs, "long", nullptr, 1);
        const auto two = f.compute(longLead, rec.fs, "long", nullptr, 2);
        QVERIFY(one.size() >= 8);
        QVERIFY(one.startS == two.startS);
        QVERIFY(one.features == two.features);
        QVERIFY(one.peaks == two.peaks);
        std::atomic<bool> stop{true};
        QCOMPARE(static_cast<int>(f.compute(longLead, rec.fs, "long", &stop, 2).size()), 0);  // stopped: nothing half-done
    }

    void aThirtySecondRecordIsOneMaskedSpan() {
        const Recording rec = physionet("A00001");  // 9,000 samples at 300 Hz: 30 s
        const auto fs = sequenceSettings();
        features::RecordFeaturizer f(fs);
        const auto w = f.compute(rec.channels[0], rec.fs, rec.name);
        QCOMPARE(static_cast<int>(w.size()), 1);
        QCOMPARE(w.startS[0], 0.0);
        const float* row = w.features.data();
        const SequenceLayout l = SequenceLayout::of(row);
        QCOMPARE(l.frames, 288);
        QCOMPARE(l.dim(), f.dim());
        const int V = SequenceLayout::validFrames(row);
        QCOMPARE(V, 282);  // frames at 0, 32, ... below 9,000 samples
        for (int t = V; t < l.frames; ++t)
            for (int c = 0; c < l.channels; ++c) QCOMPARE(l.frame(row, t)[c], 0.0f);
        for (int t = 0; t < V; ++t)
            for (int c = 0; c < l.channels; ++c) QVERIFY(std::isfinite(l.frame(row, t)[c]));
        // Rhythm channels: an RR interval of a normal record, in seconds, close to the record's median.
        const auto peaks = dsp::detectRPeaksRobust(dsp::preprocess(rec.channels[0], rec.fs, fs.preprocess), 300.0);
        const double medianRr = 60.0 / SequenceLayout::rhythmFeatures(row)[1];
        QVERIFY(peaks.size() > 20);
        int near = 0;
        for (int t = 0; t < V; ++t) {
            const float rr = l.frame(row, t)[l.channels - 2];
            QVERIFY(rr >= 0.2f && rr <= 2.5f);
            near += std::abs(rr - medianRr) < 0.15 * medianRr;
        }
        QVERIFY2(near > V * 8 / 10, "RR channel follows the rhythm");
        QCOMPARE(SequenceLayout::rhythmFeatures(row)[0], static_cast<float>(peaks.size()));  // beats
    }

    void shortRecordsAreMaskedAndLongOnesSlide() {
        features::RecordFeaturizer f(sequenceSettings());
        const Recording rec = physionet("A00001");
        std::vector<double> nine(rec.channels[0].begin(), rec.channels[0].begin() + 2700);  // 9 s
        const auto shortW = f.compute(nine, rec.fs, "short");
        QCOMPARE(static_cast<int>(shortW.size()), 1);
        QCOMPARE(SequenceLayout::validFrames(shortW.features.data()), 85);
        std::vector<double> seventy;  // 70 s: spans at 0, 15.36, 30.72 and one ending at the end
        for (int k = 0; k < 3; ++k) seventy.insert(seventy.end(), rec.channels[0].begin(), rec.channels[0].end());
        seventy.resize(21000);
        const auto longW = f.compute(seventy, rec.fs, "long");
        QCOMPARE(static_cast<int>(longW.size()), 4);
        QCOMPARE(longW.startS[1], 15.36);
        QCOMPARE(longW.startS[3], (21000 - 9216) / 300.0);
        for (std::size_t k = 0; k < longW.size(); ++k)
            QCOMPARE(SequenceLayout::validFrames(longW.features.data() + k * longW.dim), 288);
    }

    void withoutRhythmTheChannelsAreThePaths() {
        features::RecordFeaturizer with(sequenceSettings(true)), without(sequenceSettings(false));
        QCOMPARE(with.dim() - without.dim(), 2 * 288);
        const Recording rec = physionet("A00004");
        const auto a = with.compute(rec.channels[0], rec.fs, rec.name), b = without.compute(rec.channels[0], rec.fs, rec.name);
        const SequenceLayout la = SequenceLayout::of(a.features.data()), lb = SequenceLayout::of(b.features.data());
        QCOMPARE(la.channels, lb.channels + 2);
        for (int c = 0; c < lb.channels; ++c) QCOMPARE(la.frame(a.features.data(), 10)[c], lb.frame(b.features.data(), 10)[c]);
    }
};

QTEST_APPLESS_MAIN(TestSequenceSpans)
#include "test_sequence_spans.moc"
