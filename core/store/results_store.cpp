#include "core/store/results_store.h"

#include "core/common/version.h"
#include "core/store/artefact_checksum.h"
#include "core/store/open_mode.h"
#include "core/store/schema.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <cstring>
#include <ctime>

namespace dacl::store {
namespace {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "embedding BLOBs are stored as native float32");

constexpr auto kHeartbeatEvery = std::chrono::seconds(30);

std::string isoUtc(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string nowUtc() { return isoUtc(std::time(nullptr)); }

// Seconds since the epoch of an isoUtc() string; -1 when unparsable.
std::int64_t parseIsoUtc(const std::string& s) {
    std::tm tm{};
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                    &tm.tm_min, &tm.tm_sec) != 6)
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return static_cast<std::int64_t>(timegm(&tm));
}

std::vector<float> bytesToFloats(const std::vector<unsigned char>& bytes) {
    std::vector<float> v(bytes.size() / sizeof(float));
    if (!v.empty()) std::memcpy(v.data(), bytes.data(), v.size() * sizeof(float));
    return v;
}

constexpr const char* kRunColumns =
    "id, parent_id, name, task, status, settings, seed, data_fingerprint, software_version, device, threads, "
    "created_at, started_at, finished_at, heartbeat_at, owner_pid, owner_host, owner_start, error";

RunInfo readRun(const Statement& s) {
    RunInfo r;
    r.id = s.int64(0);
    r.parentId = s.optInt64(1);
    r.name = s.text(2);
    r.task = s.text(3);
    r.status = parseRunStatus(s.text(4));
    r.settingsJson = s.text(5);
    r.seed = static_cast<std::uint64_t>(s.int64(6));
    r.dataFingerprint = s.text(7);
    r.softwareVersion = s.text(8);
    r.device = s.text(9);
    r.threads = static_cast<int>(s.int64(10));
    r.createdAt = s.text(11);
    r.startedAt = s.text(12);
    r.finishedAt = s.text(13);
    r.heartbeatAt = s.text(14);
    r.owner.pid = s.int64(15);
    r.owner.host = s.text(16);
    r.owner.startTime = s.int64(17);
    r.error = s.text(18);
    return r;
}

}  // namespace

const char* toString(RunStatus status) {
    switch (status) {
        case RunStatus::Queued: return "queued";
        case RunStatus::Running: return "running";
        case RunStatus::Finished: return "finished";
        case RunStatus::Failed: return "failed";
        case RunStatus::Cancelled: return "cancelled";
        case RunStatus::Interrupted: return "interrupted";
    }
    return "unknown";
}

RunStatus parseRunStatus(const std::string& text) {
    for (RunStatus s : {RunStatus::Queued, RunStatus::Running, RunStatus::Finished, RunStatus::Failed,
                        RunStatus::Cancelled, RunStatus::Interrupted})
        if (text == toString(s)) return s;
    throw StoreError("unknown run status '" + text + "'");
}

// ---- opening ---------------------------------------------------------------------------------

ResultsStore::ResultsStore(const std::string& path, OpenOptions options)
    : path_(path), options_(options), readOnly_(options.readOnly || mustOpenReadOnly(path)) {
    const int flags = readOnly_ ? SQLITE_OPEN_READONLY
                                : SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0);
    try {
        open(flags, false);
        try {
            configure();
        } catch (const StoreError&) {
            // A WAL file in a read-only folder whose -shm file is gone (a clean close removes it)
            // cannot be read the normal way; nobody can be writing it there, so read it as immutable.
            if (!readOnly_) throw;
            sqlite3_close(db_);
            db_ = nullptr;
            open(SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, true);
            configure();
        }
        migrate();
        detectChecksums();
        if (!readOnly_) markInterruptedRuns();  // needs a write; a read-only view shows stored statuses
    } catch (...) {
        sqlite3_close(db_);
        db_ = nullptr;
        throw;
    }
}

void ResultsStore::open(int flags, bool immutable) {
    const std::string name = immutable ? immutableUri(path_) : path_;
    if (sqlite3_open_v2(name.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw StoreError(path_ + ": cannot open results file: " + msg);
    }
}

ResultsStore::~ResultsStore() { sqlite3_close(db_); }

void ResultsStore::exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        sqlite3_free(err);  // the same text as sqlite3_errmsg(), which throwSqlite adds with the cause
        throwSqlite(db_, path_, std::string(sql).substr(0, 60));
    }
}

void ResultsStore::configure() {
    sqlite3_busy_timeout(db_, options_.busyTimeoutMs);
    sqlite3_extended_result_codes(db_, 1);
    // The first statement reads the header: a file that is not SQLite fails here. A read-only
    // connection keeps the file's journal mode (changing it is a write).
    try {
        Statement wal(db_, path_, readOnly_ ? "SELECT count(*) FROM sqlite_master" : "PRAGMA journal_mode = WAL");
        wal.step();
    } catch (const StoreError&) {
        if ((sqlite3_errcode(db_) & 0xff) == SQLITE_NOTADB)
            throw StoreError(path_ + ": not a DACL Studio results file (" + sqlite3_errmsg(db_) + ")");
        throw;
    }
    exec("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
}

int ResultsStore::schemaVersion() {
    Statement s(db_, path_, "PRAGMA user_version");
    s.step();
    return static_cast<int>(s.int64(0));
}

void ResultsStore::migrate() {
    const auto& steps = migrations();
    static_assert(kSchemaVersion >= 1);
    if (static_cast<int>(steps.size()) != kSchemaVersion) throw StoreError("schema: migration list out of date");
    int version = schemaVersion();
    if (version == kSchemaVersion) return;
    if (version > kSchemaVersion)
        throw StoreError(path_ + ": results file has schema version " + std::to_string(version) +
                         ", this DACL Studio (" + softwareVersion() + ") reads up to " +
                         std::to_string(kSchemaVersion) + "; use a newer DACL Studio");
    // A read-only file cannot be migrated: an older schema is read as it is (every version since
    // 1 only adds columns that readers do without).
    if (readOnly_) {
        if (version == 0) throw StoreError(path_ + ": not a DACL Studio results file (read-only, schema version 0)");
        return;
    }
    Transaction tx(*this);
    version = schemaVersion();  // another connection may have migrated while we waited
    if (version == 0) {
        Statement tables(db_, path_, "SELECT count(*) FROM sqlite_master");
        tables.step();
        if (tables.int64(0) > 0)
            throw StoreError(path_ + ": not a DACL Studio results file (SQLite file with other tables)");
    }
    for (; version < kSchemaVersion; ++version) {
        exec(steps[static_cast<std::size_t>(version)]);
        exec(("PRAGMA user_version = " + std::to_string(version + 1)).c_str());
    }
    tx.commit();
}

// Files of schema 2 on store artefact checksums; an older file opened read-only (it cannot be
// migrated) has no such column and its artefacts load unchecked.
void ResultsStore::detectChecksums() {
    Statement s(db_, path_, "SELECT count(*) FROM pragma_table_info('artefacts') WHERE name = 'checksum'");
    s.step();
    hasChecksums_ = s.int64(0) > 0;
}

void ResultsStore::markInterruptedRuns() {
    const ProcessOwner me = currentProcess();
    const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
    auto candidates = [&] {
        std::vector<std::pair<std::int64_t, std::string>> dead;  // id, reason
        Statement s(db_, path_,
                    "SELECT id, owner_pid, owner_host, owner_start, heartbeat_at FROM runs WHERE status = 'running'");
        while (s.step()) {
            ProcessOwner owner{s.int64(1), s.text(2), s.int64(3)};
            const std::string who = "process " + std::to_string(owner.pid) + " on " + owner.host;
            if (owner.host == me.host) {
                if (processGone(owner)) dead.emplace_back(s.int64(0), who + " ended without finishing the run");
            } else {
                const std::int64_t beat = parseIsoUtc(s.text(4));
                if (beat < 0 || now - beat > options_.staleHeartbeatSeconds)
                    dead.emplace_back(s.int64(0), who + " sent no heartbeat for " +
                                                      std::to_string(options_.staleHeartbeatSeconds) + " s");
            }
        }
        return dead;
    };
    if (candidates().empty()) return;  // the common case takes no write lock
    Transaction tx(*this);
    Statement mark(db_, path_,
                   "UPDATE runs SET status = 'interrupted', error = ? WHERE id = ? AND status = 'running'");
    for (const auto& [id, reason] : candidates()) {  // re-read under the write lock
        mark.bind(1, reason).bind(2, id).run();
        if (sqlite3_changes(db_) > 0) interruptedOnOpen_.push_back(id);
    }
    tx.commit();
}

std::string ResultsStore::integrityCheck() {
    Statement s(db_, path_, "PRAGMA integrity_check");
    std::string out;
    while (s.step()) out += (out.empty() ? "" : "\n") + s.text(0);
    return out;
}

// ---- transactions ----------------------------------------------------------------------------

ResultsStore::Transaction::Transaction(ResultsStore& store) : store_(store) {
    if (sqlite3_get_autocommit(store_.db_)) {
        store_.exec("BEGIN IMMEDIATE");
        owner_ = true;
    }
}

ResultsStore::Transaction::~Transaction() {
    if (owner_ && !done_) sqlite3_exec(store_.db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void ResultsStore::Transaction::commit() {
    if (owner_ && !done_) store_.exec("COMMIT");
    done_ = true;
}

// ---- runs ------------------------------------------------------------------------------------

void ResultsStore::requireRun(std::int64_t id) {
    Statement s(db_, path_, "SELECT 1 FROM runs WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) throw StoreError(path_ + ": no run " + std::to_string(id));
}

std::int64_t ResultsStore::createRun(const NewRun& run) {
    if (!nlohmann::json::accept(run.settingsJson))
        throw StoreError(path_ + ": settings of run '" + run.name + "' are not valid JSON");
    Statement s(db_, path_,
                "INSERT INTO runs (parent_id, name, task, status, settings, seed, data_fingerprint, "
                "software_version, device, threads, created_at) VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, run.parentId)
        .bind(2, run.name)
        .bind(3, run.task)
        .bind(4, run.settingsJson)
        .bind(5, static_cast<std::int64_t>(run.seed))
        .bind(6, run.dataFingerprint)
        .bind(7, run.softwareVersion.empty() ? softwareVersion() : run.softwareVersion)
        .bind(8, run.device)
        .bind(9, run.threads)
        .bind(10, nowUtc())
        .run();
    return sqlite3_last_insert_rowid(db_);
}

void ResultsStore::startRun(std::int64_t id) {
    bool writing = false;
    try {
        Transaction tx(*this);
        const RunInfo r = run(id);
        if (r.status == RunStatus::Running || r.status == RunStatus::Finished)
            throw StoreError(path_ + ": run " + std::to_string(id) + " is " + toString(r.status) + " and cannot be started");
        writing = true;
        const ProcessOwner me = currentProcess();
        const std::string now = nowUtc();
        Statement s(db_, path_,
                    "UPDATE runs SET status = 'running', started_at = coalesce(started_at, ?), heartbeat_at = ?, "
                    "finished_at = NULL, error = NULL, owner_pid = ?, owner_host = ?, owner_start = ? WHERE id = ?");
        s.bind(1, now).bind(2, now).bind(3, me.pid).bind(4, me.host).bind(5, me.startTime).bind(6, id).run();
        tx.commit();
    } catch (const StoreError& e) {
        // A run whose start cannot be written (a file-size limit, a full disk) would stay 'queued'
        // for ever, as if it were still to come: it fails with the reason where that still fits.
        if (writing) {
            try {
                endRun(id, RunStatus::Failed, e.what());
            } catch (const std::exception&) {
                // Nothing can be written at all: the error below says why.
            }
        }
        throw;
    }
    lastHeartbeat_ = std::chrono::steady_clock::now();
}

void ResultsStore::heartbeat(std::int64_t id) {
    Statement s(db_, path_, "UPDATE runs SET heartbeat_at = ? WHERE id = ?");
    s.bind(1, nowUtc()).bind(2, id).run();
    lastHeartbeat_ = std::chrono::steady_clock::now();
}

void ResultsStore::touchHeartbeat(std::int64_t run) {
    if (std::chrono::steady_clock::now() - lastHeartbeat_ < kHeartbeatEvery) return;
    Statement s(db_, path_, "UPDATE runs SET heartbeat_at = ? WHERE id = ? AND status = 'running'");
    s.bind(1, nowUtc()).bind(2, run).run();
    lastHeartbeat_ = std::chrono::steady_clock::now();
}

void ResultsStore::endRun(std::int64_t id, RunStatus status, const std::string& error) {
    if (status == RunStatus::Queued || status == RunStatus::Running)
        throw StoreError(path_ + ": endRun needs a final status, not " + toString(status));
    const auto update = [&] {
        Statement s(db_, path_, "UPDATE runs SET status = ?, finished_at = ?, error = ? WHERE id = ?");
        s.bind(1, toString(status)).bind(2, nowUtc());
        if (error.empty()) s.bindNull(3);
        else s.bind(3, error);
        s.bind(4, id).run();
    };
    try {
        update();
    } catch (const StoreError&) {
        // After a failed write the -wal file is often what reached the file-size limit: a
        // checkpoint moves its pages into the results file and empties it, and this small update
        // then fits, so that the run ends with its reason instead of looking unfinished. One retry.
        if (sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr) != SQLITE_OK) throw;
        update();
    }
    if (sqlite3_changes(db_) == 0) throw StoreError(path_ + ": no run " + std::to_string(id));
}

void ResultsStore::renameRun(std::int64_t id, const std::string& name) {
    Statement s(db_, path_, "UPDATE runs SET name = ? WHERE id = ?");
    s.bind(1, name).bind(2, id).run();
    if (sqlite3_changes(db_) == 0) throw StoreError(path_ + ": no run " + std::to_string(id));
}

void ResultsStore::deleteRun(std::int64_t id) {
    Transaction tx(*this);
    const RunInfo r = run(id);
    if (r.status == RunStatus::Running)
        throw StoreError(path_ + ": run " + std::to_string(id) + " is running (process " +
                         std::to_string(r.owner.pid) + " on " + r.owner.host + "); cancel it first");
    Statement s(db_, path_, "DELETE FROM runs WHERE id = ?");  // results and child runs cascade
    s.bind(1, id).run();
    tx.commit();
}

std::vector<RunInfo> ResultsStore::listRuns() {
    Statement s(db_, path_, (std::string("SELECT ") + kRunColumns + " FROM runs ORDER BY id").c_str());
    std::vector<RunInfo> out;
    while (s.step()) out.push_back(readRun(s));
    return out;
}

std::optional<RunInfo> ResultsStore::findRun(std::int64_t id) {
    Statement s(db_, path_, (std::string("SELECT ") + kRunColumns + " FROM runs WHERE id = ?").c_str());
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return readRun(s);
}

RunInfo ResultsStore::run(std::int64_t id) {
    auto r = findRun(id);
    if (!r) throw StoreError(path_ + ": no run " + std::to_string(id));
    return *r;
}

// ---- results: writing -----------------------------------------------------------------------

void ResultsStore::addMetric(std::int64_t run, const MetricPoint& point) { addMetrics(run, {point}); }

void ResultsStore::addMetrics(std::int64_t run, const std::vector<MetricPoint>& points) {
    Transaction tx(*this);
    requireRun(run);
    Statement s(db_, path_, "INSERT INTO metrics (run_id, fold, epoch, step, name, value) VALUES (?, ?, ?, ?, ?, ?)");
    for (const MetricPoint& p : points) {
        s.bind(1, run).bind(2, p.fold).bind(3, p.epoch).bind(4, p.step).bind(5, p.name).bind(6, p.value);
        s.run();
    }
    touchHeartbeat(run);
    tx.commit();
}

void ResultsStore::setFoldResult(std::int64_t run, int fold, const std::string& name, double value) {
    requireRun(run);
    Statement s(db_, path_, "INSERT OR REPLACE INTO fold_results (run_id, fold, name, value) VALUES (?, ?, ?, ?)");
    s.bind(1, run).bind(2, fold).bind(3, name).bind(4, value).run();
}

void ResultsStore::setFinalMetric(std::int64_t run, const FinalMetric& m) {
    requireRun(run);
    Statement s(db_, path_,
                "INSERT OR REPLACE INTO final_metrics (run_id, name, mean, std, ci_low, ci_high) VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, run).bind(2, m.name).bind(3, m.mean).bind(4, m.std).bind(5, m.ciLow).bind(6, m.ciHigh).run();
}

void ResultsStore::addPredictions(std::int64_t run, const std::vector<Prediction>& predictions) {
    Transaction tx(*this);
    requireRun(run);
    Statement s(db_, path_,
                "INSERT INTO predictions (run_id, fold, record, label, score, predicted, probabilities) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const Prediction& p : predictions) {
        s.bind(1, run).bind(2, p.fold).bind(3, p.record).bind(4, p.label).bind(5, p.score).bind(6, p.predicted);
        if (p.probabilities.empty()) s.bindNull(7);
        else s.bindBlob(7, p.probabilities.data(), p.probabilities.size() * sizeof(float));
        s.run();
    }
    tx.commit();
}

void ResultsStore::addEmbeddings(std::int64_t run, const std::vector<Embedding>& embeddings) {
    Transaction tx(*this);
    requireRun(run);
    Statement s(db_, path_,
                "INSERT INTO embeddings (run_id, fold, record, window, t, label, vector) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const Embedding& e : embeddings) {
        s.bind(1, run).bind(2, e.fold).bind(3, e.record).bind(4, e.window).bind(5, e.t).bind(6, e.label);
        s.bindBlob(7, e.vector.data(), e.vector.size() * sizeof(float));
        s.run();
    }
    tx.commit();
}

void ResultsStore::addRocPoints(std::int64_t run, std::optional<int> fold, const std::vector<eval::RocPoint>& points) {
    Transaction tx(*this);
    requireRun(run);
    Statement s(db_, path_, "INSERT INTO roc_points (run_id, fold, fpr, tpr, threshold) VALUES (?, ?, ?, ?, ?)");
    for (const eval::RocPoint& p : points) s.bind(1, run).bind(2, fold).bind(3, p.fpr).bind(4, p.tpr).bind(5, p.threshold).run();
    tx.commit();
}

std::int64_t ResultsStore::addArtefact(std::int64_t run, const Artefact& a) {
    if (a.path.empty() && a.data.empty())
        throw StoreError(path_ + ": artefact '" + a.name + "' has neither a path nor data");
    requireRun(run);
    Statement s(db_, path_,
                "INSERT INTO artefacts (run_id, kind, name, path, data, fold, epoch, created_at, checksum) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, run).bind(2, a.kind).bind(3, a.name);
    if (a.path.empty()) s.bindNull(4);
    else s.bind(4, a.path);
    if (a.data.empty()) s.bindNull(5);
    else s.bindBlob(5, a.data.data(), a.data.size());
    s.bind(6, a.fold).bind(7, a.epoch).bind(8, nowUtc());
    // The hash's 64 bits as SQLite's signed integer.
    if (a.data.empty()) s.bindNull(9);
    else s.bind(9, static_cast<std::int64_t>(fnv1a64(a.data)));
    s.run();
    return sqlite3_last_insert_rowid(db_);
}

std::int64_t ResultsStore::replaceArtefact(std::int64_t run, const Artefact& a) {
    Transaction tx(*this);
    const std::int64_t id = addArtefact(run, a);
    Statement s(db_, path_, "DELETE FROM artefacts WHERE run_id = ? AND kind = ? AND name = ? AND fold IS ? AND id <> ?");
    s.bind(1, run).bind(2, a.kind).bind(3, a.name).bind(4, a.fold).bind(5, id).run();
    tx.commit();
    return id;
}

void ResultsStore::clearFold(std::int64_t run, int fold) {
    Transaction tx(*this);
    for (const char* table : {"metrics", "fold_results", "predictions", "embeddings", "roc_points", "artefacts"}) {
        Statement s(db_, path_, (std::string("DELETE FROM ") + table + " WHERE run_id = ? AND fold = ?").c_str());
        s.bind(1, run).bind(2, fold).run();
    }
    tx.commit();
}

void ResultsStore::clearMetricsFrom(std::int64_t run, std::optional<int> fold, const std::string& prefix, int epoch) {
    // substr rather than LIKE: series names contain '_', a LIKE wildcard.
    Statement s(db_, path_,
                "DELETE FROM metrics WHERE run_id = ? AND fold IS ? AND substr(name, 1, ?) = ? AND epoch >= ?");
    s.bind(1, run).bind(2, fold).bind(3, static_cast<std::int64_t>(prefix.size())).bind(4, prefix).bind(5, epoch).run();
}

// ---- results: reading -----------------------------------------------------------------------

std::vector<MetricPoint> ResultsStore::metrics(std::int64_t run, const std::string& name) {
    Statement s(db_, path_,
                "SELECT fold, epoch, step, name, value FROM metrics WHERE run_id = ? AND (? = '' OR name = ?) ORDER BY id");
    s.bind(1, run).bind(2, name).bind(3, name);
    std::vector<MetricPoint> out;
    while (s.step()) out.push_back({s.optInt(0), s.optInt(1), s.optInt64(2), s.text(3), s.real(4)});
    return out;
}

std::vector<FoldResult> ResultsStore::foldResults(std::int64_t run) {
    Statement s(db_, path_, "SELECT fold, name, value FROM fold_results WHERE run_id = ? ORDER BY fold, name");
    s.bind(1, run);
    std::vector<FoldResult> out;
    while (s.step()) out.push_back({static_cast<int>(s.int64(0)), s.text(1), s.real(2)});
    return out;
}

std::vector<FinalMetric> ResultsStore::finalMetrics(std::int64_t run) {
    Statement s(db_, path_, "SELECT name, mean, std, ci_low, ci_high FROM final_metrics WHERE run_id = ? ORDER BY name");
    s.bind(1, run);
    std::vector<FinalMetric> out;
    while (s.step()) out.push_back({s.text(0), s.real(1), s.real(2), s.real(3), s.real(4)});
    return out;
}

std::optional<FinalMetric> ResultsStore::finalMetric(std::int64_t run, const std::string& name) {
    Statement s(db_, path_, "SELECT name, mean, std, ci_low, ci_high FROM final_metrics WHERE run_id = ? AND name = ?");
    s.bind(1, run).bind(2, name);
    if (!s.step()) return std::nullopt;
    return FinalMetric{s.text(0), s.real(1), s.real(2), s.real(3), s.real(4)};
}

std::vector<Prediction> ResultsStore::predictions(std::int64_t run, std::optional<int> fold) {
    Statement s(db_, path_,
                "SELECT fold, record, label, score, predicted, probabilities FROM predictions "
                "WHERE run_id = ? AND (? IS NULL OR fold = ?) ORDER BY id");
    s.bind(1, run).bind(2, fold).bind(3, fold);
    std::vector<Prediction> out;
    while (s.step())
        out.push_back({s.optInt(0), s.text(1), static_cast<int>(s.int64(2)), s.real(3), s.optInt(4), bytesToFloats(s.blob(5))});
    return out;
}

std::vector<Embedding> ResultsStore::embeddings(std::int64_t run, std::optional<int> t) {
    Statement s(db_, path_,
                "SELECT fold, record, window, t, label, vector FROM embeddings "
                "WHERE run_id = ? AND (? IS NULL OR t = ?) ORDER BY id");
    s.bind(1, run).bind(2, t).bind(3, t);
    std::vector<Embedding> out;
    while (s.step())
        out.push_back({s.optInt(0), s.text(1), s.optInt(2), static_cast<int>(s.int64(3)), s.optInt(4), bytesToFloats(s.blob(5))});
    return out;
}

std::vector<eval::RocPoint> ResultsStore::rocPoints(std::int64_t run, std::optional<int> fold) {
    Statement s(db_, path_, "SELECT fpr, tpr, threshold FROM roc_points WHERE run_id = ? AND fold IS ? ORDER BY id");
    s.bind(1, run).bind(2, fold);
    std::vector<eval::RocPoint> out;
    while (s.step()) out.push_back({s.real(0), s.real(1), s.real(2)});
    return out;
}

}  // namespace dacl::store
