// The feature cache's layout 2 on real PhysioNet 2017 records (repr = sequence rows): the row
// block is page-aligned and read in place through a mapping, identical to the copied rows; a
// file of the previous layout (header first, "DACLFT01") is rejected and recomputed, never
// misread; truncated, damaged or inconsistent files are rejected before anything is mapped.
#include "core/common/settings.h"
#include "core/features/feature_cache.h"
#include "core/features/feature_job.h"

#include <QtTest>

#include <QTemporaryDir>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

using namespace dacl;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kRecords = {"A00001", "A00002", "A00003", "A00004"};

features::FeatureSettings sequenceSettings() {
    features::FeatureSettings s = features::FeatureSettings::fromSettings(Settings());
    s.threads = 2;
    return s;
}

std::string readAll(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
}

void writeAll(const std::string& path, const std::string& bytes) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

template <class T> T at(const std::string& bytes, std::size_t offset) {
    T v;
    std::memcpy(&v, bytes.data() + offset, sizeof v);
    return v;
}

// The JSON header of a layout-2 file.
nlohmann::json headerOf(const std::string& bytes) {
    const auto h = at<std::uint64_t>(bytes, 8), n = at<std::uint64_t>(bytes, 16);
    return nlohmann::json::parse(bytes.substr(h, n));
}

// The same set in layout 1, as the previous version wrote it: "DACLFT01" | u64 n | header | f32
// features | i32 record | f64 startS | u8 eval | byte-wise FNV-1a of everything before it.
std::string layout1(const std::string& v2) {
    const nlohmann::json h = headerOf(v2);
    const std::size_t rows = h.at("rows"), dim = h.at("dim");
    const std::string header = h.dump();
    std::string out = "DACLFT01";
    const std::uint64_t n = header.size();
    out.append(reinterpret_cast<const char*>(&n), 8);
    out += header;
    out += v2.substr(features::cache::kRowOffset, rows * dim * 4 + rows * (4 + 8 + 1));
    std::uint64_t sum = 1469598103934665603ULL;
    for (unsigned char c : out) sum = (sum ^ c) * 1099511628211ULL;
    out.append(reinterpret_cast<const char*>(&sum), 8);
    return out;
}

// File-backed pages resident in this process (kB).
long residentFileKb() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("RssFile:", 0) == 0) return std::stol(line.substr(8));
    return -1;
}

bool sameRows(const features::FeatureSet& a, const features::FeatureSet& b) {
    return a.rows() == b.rows() && a.dim == b.dim && a.record == b.record && a.startS == b.startS &&
           a.evalGrid == b.evalGrid &&
           std::memcmp(a.rowData(), b.rowData(), a.rows() * static_cast<std::size_t>(a.dim) * sizeof(float)) == 0;
}

}  // namespace

class TestFeatureCacheLayout : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    std::string data_;
    std::optional<Dataset> dataset_;
    features::FeatureSet fresh_;  // computed without a cache

    features::CacheOptions mapped(const QTemporaryDir& dir) const {
        features::CacheOptions c{dir.path().toStdString()};
        c.mapRows = true;
        return c;
    }

    // Computes the rows into a fresh cache file; its path.
    std::string written(const features::CacheOptions& cache) const {
        NullProgress quiet;
        features::computeFeatures(*dataset_, sequenceSettings(), quiet, cache);
        return features::featureCachePath(*dataset_, sequenceSettings(), cache);
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        data_ = tmp_.filePath("data").toStdString();
        fs::create_directories(data_);
        const std::string shared = std::string(DACL_SHARED_DIR) + "/data/physionet2017/";
        std::ofstream reference(data_ + "/REFERENCE.csv");
        for (const auto& r : kRecords) {
            for (const char* ext : {".hea", ".mat"}) fs::copy_file(shared + r + ext, data_ + "/" + r + ext);
            reference << r << ",N\n";
        }
        reference.close();
        dataset_.emplace(Dataset::open(data_));
        QCOMPARE(dataset_->size(), kRecords.size());
        NullProgress quiet;
        fresh_ = features::computeFeatures(*dataset_, sequenceSettings(), quiet);
        QVERIFY(fresh_.rows() >= kRecords.size());
        QVERIFY(fresh_.dim > 1000);  // sequence rows
    }

    void rowsAreMappedInPlaceFromAPageAlignedBlock() {
        QTemporaryDir dir;
        NullProgress quiet;
        const auto cache = mapped(dir);
        // Computed, written, then mapped back: the computed copy is gone.
        const auto first = features::computeFeatures(*dataset_, sequenceSettings(), quiet, cache);
        QVERIFY(!first.fromCache);
        QVERIFY(first.mappedRows != nullptr);
        QVERIFY(first.features.empty());
        QVERIFY(sameRows(first, fresh_));
        const std::string path = features::featureCachePath(*dataset_, sequenceSettings(), cache);
        const std::string bytes = readAll(path);
        QCOMPARE(bytes.substr(0, 8), std::string("DACLFT02"));
        QCOMPARE(reinterpret_cast<std::uintptr_t>(first.mappedRows) % 4096, std::uintptr_t{0});
        QVERIFY(std::memcmp(bytes.data() + features::cache::kRowOffset, fresh_.rowData(),
                            fresh_.rows() * static_cast<std::size_t>(fresh_.dim) * sizeof(float)) == 0);

        const auto hit = features::computeFeatures(*dataset_, sequenceSettings(), quiet, cache);
        QVERIFY(hit.fromCache);
        QVERIFY(hit.mappedRows != nullptr);
        QVERIFY(sameRows(hit, fresh_));
        // Without mapRows the same file is copied into the set, as every other caller wants it.
        features::CacheOptions copied{cache.dir};
        const auto copy = features::computeFeatures(*dataset_, sequenceSettings(), quiet, copied);
        QVERIFY(copy.fromCache);
        QVERIFY(copy.mappedRows == nullptr);
        QCOMPARE(copy.features.size(), copy.rows() * static_cast<std::size_t>(copy.dim));
        QVERIFY(sameRows(copy, fresh_));

        // The mapping outlives the file's name: a rewrite (rename over it) or removal does not
        // change rows already mapped.
        fs::remove(path);
        QVERIFY(sameRows(hit, fresh_));
    }

    void previousLayoutIsRecomputedNotMisread() {
        QTemporaryDir dir;
        NullProgress quiet;
        const auto cache = mapped(dir);
        const std::string path = written(cache);
        const std::string v2 = readAll(path);
        const std::string key = headerOf(v2).at("key");
        writeAll(path, layout1(v2));
        features::FeatureSet out;
        QVERIFY(!features::cache::load(path, key, out, true));
        QVERIFY(!features::cache::load(path, key, out, false));

        const auto again = features::computeFeatures(*dataset_, sequenceSettings(), quiet, cache);
        QVERIFY(!again.fromCache);
        QVERIFY(sameRows(again, fresh_));
        QCOMPARE(readAll(path), v2);  // rewritten in layout 2, byte for byte
        QVERIFY(features::computeFeatures(*dataset_, sequenceSettings(), quiet, cache).fromCache);
    }

    // Each damage is rejected by load (no crash, no SIGBUS from mapping past the end) and the
    // job recomputes the rows.
    void damagedFilesAreRejectedBeforeMapping_data() {
        QTest::addColumn<int>("kind");
        QTest::newRow("empty") << 0;
        QTest::newRow("cut inside the preamble") << 1;
        QTest::newRow("cut inside the row block") << 2;
        QTest::newRow("last byte missing") << 3;
        QTest::newRow("a feature byte changed") << 4;
        QTest::newRow("header offset past the end") << 5;
        QTest::newRow("header offset short of the arrays") << 6;
        QTest::newRow("one byte appended") << 7;
    }
    void damagedFilesAreRejectedBeforeMapping() {
        QFETCH(int, kind);
        QTemporaryDir dir;
        NullProgress quiet;
        const auto cache = mapped(dir);
        const std::string path = written(cache);
        std::string bytes = readAll(path);
        const std::string key = headerOf(bytes).at("key");
        const auto headerAt = at<std::uint64_t>(bytes, 8);
        auto setHeaderAt = [&](std::uint64_t v) { std::memcpy(bytes.data() + 8, &v, 8); };
        switch (kind) {
        case 0: bytes.clear(); break;
        case 1: bytes.resize(100); break;
        case 2: bytes.resize(features::cache::kRowOffset + 5000); break;
        case 3: bytes.pop_back(); break;
        case 4: bytes[features::cache::kRowOffset + 777] ^= 0x40; break;
        case 5: setHeaderAt(bytes.size() + 4096); break;
        case 6: setHeaderAt(headerAt - 13); break;
        case 7: bytes.push_back('\0'); break;
        }
        writeAll(path, bytes);
        features::FeatureSet out;
        QVERIFY(!features::cache::load(path, key, out, true));
        QVERIFY(out.rows() == 0 && out.mappedRows == nullptr);
        const auto again = features::computeFeatures(*dataset_, sequenceSettings(), quiet, cache);
        QVERIFY(!again.fromCache);
        QVERIFY(sameRows(again, fresh_));
    }

    // Rows streamed a record at a time make the very file save() writes in one go; a writer that
    // is not finished leaves nothing behind.
    void streamedRowsMakeTheSameFile() {
        QTemporaryDir dir;
        const std::string whole = dir.filePath("whole.bin").toStdString(), streamed = dir.filePath("streamed.bin").toStdString();
        features::cache::save(whole, "key", fresh_);
        {
            features::cache::RowWriter w(streamed, fresh_.dim);
            for (std::size_t r = 0; r < fresh_.rows();) {
                std::size_t n = 1;
                while (r + n < fresh_.rows() && fresh_.record[r + n] == fresh_.record[r]) ++n;
                w.append(fresh_.row(r), n);
                r += n;
            }
            QCOMPARE(w.rows(), fresh_.rows());
            QVERIFY(!fs::exists(streamed));  // only the temporary file exists until finish()
            w.finish("key", fresh_);
        }
        QCOMPARE(readAll(streamed), readAll(whole));
        features::FeatureSet back;
        QVERIFY(features::cache::load(streamed, "key", back, true));
        QVERIFY(sameRows(back, fresh_));

        const std::string abandoned = dir.filePath("abandoned.bin").toStdString();
        {
            features::cache::RowWriter w(abandoned, fresh_.dim);
            w.append(fresh_.row(0), 1);
        }
        QCOMPARE(std::distance(fs::directory_iterator(dir.path().toStdString()), fs::directory_iterator{}), 2L);
        QVERIFY(!fs::exists(abandoned));
    }

    // After a pass over every row, release() drops the mapped pages from this process's resident
    // memory (RssFile); the rows read the same afterwards.
    void releaseDropsReadPagesFromResidentMemory() {
        QTemporaryDir dir;
        const auto cache = mapped(dir);
        const std::string path = written(cache);
        features::FeatureSet set;
        const std::string key = headerOf(readAll(path)).at("key");
        QVERIFY(features::cache::load(path, key, set, true));
        const double blockKb = static_cast<double>(set.rows() * static_cast<std::size_t>(set.dim) * sizeof(float)) / 1024;
        QVERIFY(blockKb > 300);
        double sum = 0;
        for (std::size_t i = 0; i < set.rows() * static_cast<std::size_t>(set.dim); ++i) sum += set.mappedRows[i];
        const long touched = residentFileKb();
        set.mapping->release();
        const long released = residentFileKb();
        QVERIFY2(static_cast<double>(touched - released) > 0.8 * blockKb,
                 qPrintable(QString("RssFile %1 kB -> %2 kB, block %3 kB").arg(touched).arg(released).arg(blockKb)));
        QVERIFY(sameRows(set, fresh_));
        QVERIFY(std::isfinite(sum));
    }

    // The key in the header must be the one asked for (a hash collision of file names).
    void anotherKeyIsRejected() {
        QTemporaryDir dir;
        const auto cache = mapped(dir);
        const std::string path = written(cache);
        const std::string key = headerOf(readAll(path)).at("key");
        features::FeatureSet out;
        QVERIFY(features::cache::load(path, key, out, true));
        QVERIFY(!features::cache::load(path, key + " ", out, true));
    }
};

QTEST_GUILESS_MAIN(TestFeatureCacheLayout)
#include "test_feature_cache_layout.moc"
