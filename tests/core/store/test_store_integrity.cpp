// The results store against damage and hostile machines (issue 18 §5, §7): artefact BLOBs carry
// a checksum, so bytes flipped in the file are named (run and artefact) instead of loading as a
// model; BLOBs from before checksums still load; a file opened read-only lists and reads; a
// file-size limit makes a write fail with a clear error and leaves the file sound.
#include "core/store/artefact_checksum.h"
#include "core/store/metric_names.h"
#include "core/store/results_store.h"
#include "core/store/schema.h"

#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <csignal>
#include <fstream>
#include <functional>
#include <iterator>

using namespace dacl::store;

namespace {

std::string errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return {};
}

// A model-like BLOB: a recognisable 16-byte header, then pseudo-random bytes.
std::vector<unsigned char> blob(std::size_t n) {
    std::vector<unsigned char> b(n);
    const char* marker = "DACL-TEST-MODEL!";
    std::uint32_t x = 12345;
    for (std::size_t i = 0; i < n; ++i) {
        x = x * 1664525u + 1013904223u;
        b[i] = i < 16 ? static_cast<unsigned char>(marker[i]) : static_cast<unsigned char>(x >> 24);
    }
    return b;
}

std::vector<char> readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeFile(const std::string& path, const std::vector<char>& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void rawExec(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    const std::string msg = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    QVERIFY2(rc == SQLITE_OK, msg.c_str());
}

}  // namespace

class TestStoreIntegrity : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    std::string file(const char* name) { return dir_.filePath(name).toStdString(); }

    // A finished run named "damaged-run" holding a 20 kB model artefact; returns the run id.
    std::int64_t runWithModel(const std::string& path) {
        ResultsStore st(path);
        NewRun nr;
        nr.name = "damaged-run";
        nr.task = "af_vs_rest";
        const std::int64_t id = st.createRun(nr);
        Artefact a;
        a.kind = metric::kModel;
        a.name = "representation";
        a.data = blob(20000);
        st.addArtefact(id, a);
        return id;
    }

private Q_SLOTS:
    void fnv1aIsTheStandardHash() {
        // Published FNV-1a 64 test vectors.
        QCOMPARE(fnv1a64(nullptr, 0), 0xcbf29ce484222325ULL);
        const std::string a = "a", foobar = "foobar";
        QCOMPARE(fnv1a64(reinterpret_cast<const unsigned char*>(a.data()), a.size()), 0xaf63dc4c8601ec8cULL);
        QCOMPARE(fnv1a64(reinterpret_cast<const unsigned char*>(foobar.data()), foobar.size()), 0x85944171f73967e8ULL);
    }

    void flippedBytesInTheFileAreNamed() {
        const std::string path = file("flip.db");
        const std::int64_t id = runWithModel(path);
        {
            ResultsStore st(path);  // intact: loads, byte for byte
            QCOMPARE(st.namedArtefact(id, metric::kModel, "representation")->data, blob(20000));
        }
        // Flip bytes inside the stored BLOB in the file itself (SQLite has no checksums of its own).
        std::vector<char> bytes = readFile(path);
        const std::string marker = "DACL-TEST-MODEL!";
        const auto at = std::search(bytes.begin(), bytes.end(), marker.begin(), marker.end());
        QVERIFY(at != bytes.end());
        const auto offset = static_cast<std::size_t>(at - bytes.begin()) + 2000;
        bytes[offset] = static_cast<char>(bytes[offset] ^ 0x10);
        bytes[offset + 1] = static_cast<char>(bytes[offset + 1] ^ 0x01);
        writeFile(path, bytes);

        ResultsStore st(path);
        const std::string e = errorOf([&] { st.namedArtefact(id, metric::kModel, "representation"); });
        QVERIFY2(e.find(path) == 0, e.c_str());
        QVERIFY2(e.find("run " + std::to_string(id) + " ('damaged-run')") != std::string::npos, e.c_str());
        QVERIFY2(e.find("model/representation") != std::string::npos && e.find("damaged") != std::string::npos, e.c_str());
        QVERIFY(!errorOf([&] { st.latestArtefact(id, metric::kModel); }).empty());
        QVERIFY(!errorOf([&] { st.artefacts(id, true); }).empty());
        QCOMPARE(st.artefacts(id, false).size(), std::size_t(1));  // listing without data still works
    }

    void blobsWithoutAChecksumStillLoad() {
        // A file of schema version 1 (before checksums), written as that version did.
        const std::string path = file("v1.db");
        rawExec(path, std::string(migrations()[0]) + "PRAGMA user_version = 1;" +
                          "INSERT INTO runs (name, created_at) VALUES ('old', '2026-01-01T00:00:00Z');"
                          "INSERT INTO artefacts (run_id, kind, name, data, created_at) "
                          "VALUES (1, 'model', 'probe', x'0102030405', '2026-01-01T00:00:00Z');");
        {
            OpenOptions ro;
            ro.readOnly = true;  // read-only: not migrated, no checksum column
            ResultsStore st(path, ro);
            QCOMPARE(st.schemaVersion(), 1);
            QCOMPARE(st.namedArtefact(1, "model", "probe")->data, (std::vector<unsigned char>{1, 2, 3, 4, 5}));
        }
        ResultsStore st(path);  // migrated to 2: the old BLOB has no checksum and loads unchecked
        QCOMPARE(st.schemaVersion(), ResultsStore::kSchemaVersion);
        QCOMPARE(st.namedArtefact(1, "model", "probe")->data, (std::vector<unsigned char>{1, 2, 3, 4, 5}));
    }

    void readOnlyOpenReadsAndRefusesWritesClearly() {
        const std::string path = file("ro.db");
        const std::int64_t id = runWithModel(path);
        OpenOptions ro;
        ro.readOnly = true;
        ResultsStore st(path, ro);
        QVERIFY(st.readOnly());
        QCOMPARE(st.listRuns().size(), std::size_t(1));
        QVERIFY(st.namedArtefact(id, metric::kModel, "representation").has_value());
        const std::string e = errorOf([&] { st.renameRun(id, "new"); });
        QVERIFY2(e.find(path) == 0 && e.find("read-only") != std::string::npos, e.c_str());
    }

    void aFileSizeLimitFailsTheWriteAndKeepsTheFile() {
        const std::string path = file("limit.db");
        const std::int64_t id = runWithModel(path);
        std::signal(SIGXFSZ, SIG_IGN);  // as the CLI does: the write fails with EFBIG instead
        rlimit old{};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
        rlimit tight = old;
        tight.rlim_cur = 256 * 1024;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &tight), 0);
        std::string e;
        {
            ResultsStore st(path);
            std::vector<Embedding> many;
            for (int i = 0; i < 400; ++i) many.push_back({0, "A" + std::to_string(i), std::nullopt, 0, 0, std::vector<float>(512, 1.0f)});
            e = errorOf([&] { st.addEmbeddings(id, many); });
        }
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &old), 0);
        std::signal(SIGXFSZ, SIG_DFL);
        QVERIFY2(e.find(path) == 0 && e.find("file-size limit") != std::string::npos, e.c_str());
        ResultsStore st(path);  // nothing half-written: the earlier run and its model are intact
        QCOMPARE(st.integrityCheck(), std::string("ok"));
        QCOMPARE(st.embeddings(id).size(), std::size_t(0));
        QCOMPARE(st.namedArtefact(id, metric::kModel, "representation")->data, blob(20000));
    }
};

QTEST_APPLESS_MAIN(TestStoreIntegrity)
#include "test_store_integrity.moc"
