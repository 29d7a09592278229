// The feature job on a small synthetic dataset: what each window's feature is, window flags,
// per-record aggregation, threads, the disk cache (hit, invalidation by settings and by data,
// damaged files), skipped records and cancellation.
#include "core/dsp/preprocess.h"
#include "core/dsp/scattering.h"
#include "core/dsp/scattering_transformer.h"
#include "core/features/feature_job.h"
#include "core/synth/demo_dataset.h"

#include <QtTest>

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace dacl;
using features::FeatureSettings;

namespace {

struct Recorder : ProgressSink {
    std::vector<std::string> logs;
    std::size_t lastDone = 0, lastTotal = 0;
    bool cancel = false;
    void report(const std::string&, std::size_t done, std::size_t total) override {
        lastDone = done;
        lastTotal = total;
    }
    bool cancelled() const override { return cancel; }
    void log(const std::string& m) override { logs.push_back(m); }
};

FeatureSettings quick() {
    FeatureSettings s;
    s.threads = 2;
    return s;
}

}  // namespace

class TestFeatureJob : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString data_;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        data_ = tmp_.filePath("data");
        NullProgress np;
        synth::writeDemoDataset(data_.toStdString(), 5, 11, np);
    }

    // Every row is the pooled ST feature of one preprocessed window, computed step by step here.
    void windowsAreTheDocumentedPipeline() {
        const Dataset d = Dataset::open(data_.toStdString());
        Recorder p;
        const auto set = features::computeFeatures(d, quick(), p);
        QCOMPARE(set.dim, 352);
        QCOMPARE(set.records.size(), d.size());
        QVERIFY(set.skipped.empty());
        QCOMPARE(set.features.size(), set.rows() * 352);
        QCOMPARE(p.lastDone, d.size());
        QCOMPARE(p.lastTotal, d.size());
        for (float v : set.features) QVERIFY(std::isfinite(v));

        // Record 2 by hand.
        const FeatureSettings fs = quick();
        const auto rec = d.signal(2);
        const auto clean = dsp::preprocess(rec->channels[0], rec->fs, fs.preprocess);
        const auto windows = dsp::makeWindows(rec->name, clean, 300, 1536, fs.window);
        std::vector<std::size_t> rows;
        for (std::size_t i = 0; i < set.rows(); ++i)
            if (set.record[i] == 2) rows.push_back(i);
        QCOMPARE(rows.size(), windows.size());
        dsp::ScatteringConfig sc;
        sc.effort = dsp::fft::Effort::Estimate;
        const dsp::Scattering1D s(sc);
        const dsp::ScatteringTransformer st({1});
        std::vector<float> S(s.outputSize());
        for (std::size_t w = 0; w < windows.size(); ++w) {
            QCOMPARE(set.startS[rows[w]], windows[w].startS);
            const long start = std::lround(windows[w].startS * 300);
            QCOMPARE(set.evalGrid[rows[w]] != 0, start % 3072 == 0 || w + 1 == windows.size());
            s.transform(windows[w].samples.data(), S.data());
            const auto tok = dsp::logScatteringTokens(S.data(), s.nPaths(), s.nFrames(), 1e-6);
            const auto f = st.pooled(tok.data(), s.nFrames(), s.nPaths());
            for (int c = 0; c < 352; ++c) QVERIFY(std::abs(set.row(rows[w])[c] - static_cast<float>(f[c])) <= 1e-4f);
        }
        QCOMPARE(set.recordNames.at(2), rec->name);
    }

    void threadsDoNotChangeResults() {
        const Dataset d = Dataset::open(data_.toStdString());
        Recorder p;
        FeatureSettings one = quick(), two = quick();
        one.threads = 1;
        two.threads = 3;
        const auto a = features::computeFeatures(d, one, p, {}, {0, 3});
        const auto b = features::computeFeatures(d, two, p, {}, {3, 0});
        QVERIFY(a.features == b.features);
        QVERIFY(a.record == b.record);
        QCOMPARE(a.records, (std::vector<std::size_t>{0, 3}));
    }

    void aggregatesByRecord() {
        const Dataset d = Dataset::open(data_.toStdString());
        Recorder p;
        const auto set = features::computeFeatures(d, quick(), p, {}, {1, 4});
        const auto agg = features::aggregateByRecord(set);
        QCOMPARE(agg.records, (std::vector<std::size_t>{1, 4}));
        for (std::size_t r = 0; r < 2; ++r) {
            std::vector<double> mean(352, 0.0);
            int n = 0;
            for (std::size_t i = 0; i < set.rows(); ++i) {
                if (set.record[i] != static_cast<int>(agg.records[r])) continue;
                ++n;
                for (int c = 0; c < 352; ++c) mean[c] += set.row(i)[c];
            }
            QCOMPARE(agg.windows[r], n);
            for (int c = 0; c < 352; ++c) QVERIFY(std::abs(agg.features[r * 352 + c] - mean[c] / n) < 1e-5);
        }
    }

    void cacheHitsAndInvalidation() {
        QTemporaryDir cacheDir;
        const features::CacheOptions cache{cacheDir.path().toStdString()};
        const Dataset d = Dataset::open(data_.toStdString());
        Recorder p;
        const auto first = features::computeFeatures(d, quick(), p, cache);
        QVERIFY(!first.fromCache);
        const std::string path = features::featureCachePath(d, quick(), cache);
        QVERIFY(QFileInfo::exists(QString::fromStdString(path)));

        const auto second = features::computeFeatures(d, quick(), p, cache);
        QVERIFY(second.fromCache);
        QVERIFY(second.features == first.features);
        QVERIFY(second.startS == first.startS && second.record == first.record && second.evalGrid == first.evalGrid);

        // The thread count is not part of the key; every numeric setting is.
        FeatureSettings other = quick();
        other.threads = 1;
        QCOMPARE(features::featureCachePath(d, other, cache), path);
        for (int k = 0; k < 6; ++k) {
            FeatureSettings changed = quick();
            if (k == 0) changed.stLayers = 0;
            if (k == 1) changed.J = 6;
            if (k == 2) changed.hop = 3072;
            if (k == 3) changed.preprocess.highHz = 35;
            if (k == 4) changed.logEps = 1e-5;
            if (k == 5) changed.float32 = false;
            QVERIFY2(features::featureCachePath(d, changed, cache) != path, qPrintable(QString::number(k)));
        }
        FeatureSettings l0 = quick();
        l0.stLayers = 0;
        const auto plain = features::computeFeatures(d, l0, p, cache);
        QVERIFY(!plain.fromCache);
        QVERIFY(plain.features != first.features);

        // A damaged file is not trusted.
        std::filesystem::resize_file(path, std::filesystem::file_size(path) - 9);
        const auto again = features::computeFeatures(d, quick(), p, cache);
        QVERIFY(!again.fromCache);
        QVERIFY(again.features == first.features);
        QVERIFY(features::computeFeatures(d, quick(), p, cache).fromCache);  // rewritten

        // Changing a data file changes the fingerprint, hence the key.
        QTemporaryDir copyDir;
        std::filesystem::copy(data_.toStdString(), copyDir.path().toStdString(),
                              std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
        const Dataset c1 = Dataset::open(copyDir.path().toStdString());
        const std::string before = features::featureCachePath(c1, quick(), cache);
        QVERIFY(!features::computeFeatures(c1, quick(), p, cache).fromCache || before == path);
        QVERIFY(features::computeFeatures(c1, quick(), p, cache).fromCache);
        const std::string mat = copyDir.filePath(QString::fromStdString(c1.records()[0].name) + ".mat").toStdString();
        std::filesystem::last_write_time(mat, std::filesystem::last_write_time(mat) + std::chrono::hours(1));
        const Dataset c2 = Dataset::open(copyDir.path().toStdString());
        QVERIFY(features::featureCachePath(c2, quick(), cache) != before);
        QVERIFY(!features::computeFeatures(c2, quick(), p, cache).fromCache);
    }

    // The key names the scattering's numerics (dsp::kScatteringNumerics): features cached
    // before the lane FFTs (issue 19, session 13) differ in the last bits and must be
    // recomputed, not mixed with new ones. The key is stored in the cache file's header.
    void keyNamesTheScatteringNumerics() {
        QTemporaryDir cacheDir;
        const features::CacheOptions cache{cacheDir.path().toStdString()};
        const Dataset d = Dataset::open(data_.toStdString());
        Recorder p;
        QVERIFY(!features::computeFeatures(d, quick(), p, cache).fromCache);
        QFile f(QString::fromStdString(features::featureCachePath(d, quick(), cache)));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        // (The key is JSON text stored as a JSON string: its quotes are escaped in the file.)
        QVERIFY(bytes.contains(QByteArray("scattering\\\":\\\"") + dacl::dsp::kScatteringNumerics));
        QCOMPARE(QByteArray(dacl::dsp::kScatteringNumerics), QByteArray("lane-fft-1"));
    }

    void recordsThatFailAreSkippedWithReason() {
        const Dataset d = Dataset::open(data_.toStdString());
        Recorder p;
        FeatureSettings s = quick();
        s.preprocess.lead = 1;  // the demo records have one lead
        const auto set = features::computeFeatures(d, s, p, {}, {0, 1});
        QCOMPARE(set.rows(), std::size_t(0));
        QCOMPARE(set.skipped.size(), std::size_t(2));
        QVERIFY2(set.skipped[0].reason.find("has no lead 1") != std::string::npos, set.skipped[0].reason.c_str());
        QVERIFY(!p.logs.empty());
    }

    void cancellationStopsWithoutCaching() {
        QTemporaryDir cacheDir;
        const features::CacheOptions cache{cacheDir.path().toStdString()};
        const Dataset d = Dataset::open(data_.toStdString());
        Recorder p;
        p.cancel = true;
        QVERIFY_THROWS_EXCEPTION(Cancelled, features::computeFeatures(d, quick(), p, cache));
        QVERIFY(!QFileInfo::exists(QString::fromStdString(features::featureCachePath(d, quick(), cache))));
    }

    void settingsRoundTrip() {
        FeatureSettings s;
        s.J = 6;
        s.Q1 = 4;
        s.stLayers = 2;
        s.window.pad = dsp::PadMode::Reflect;
        s.preprocess.lowHz = 1;
        const auto back = FeatureSettings::fromJson(s.toJson());
        QCOMPARE(back.toJson(), s.toJson());
        // Defaults are method.md's.
        const FeatureSettings def;
        QCOMPARE(def.preprocess.targetFs, 300.0);
        QCOMPARE(def.preprocess.lowHz, 0.5);
        QCOMPARE(def.preprocess.highHz, 40.0);
        QCOMPARE(def.window.samples, 3072);
        QCOMPARE(def.hop, 1536);
        QCOMPARE(def.evalHop, 3072);
        QCOMPARE(def.J, 7);
        QCOMPARE(def.Q1, 8);
        QCOMPARE(def.Q2, 1);
        QCOMPARE(def.logEps, 1e-6);
        QCOMPARE(def.stLayers, 1);
    }
};

QTEST_APPLESS_MAIN(TestFeatureJob)
#include "test_feature_job.moc"
