#pragma once
// The results store: one SQLite file holding runs and everything they produce.
// This class is the only owner of the schema; nothing else issues SQL against the file.
//
// Threads: one ResultsStore is ONE connection. Create one per thread (they may share a file);
// never use one object from two threads at once. Processes may share a file the same way.
// Durability: WAL journal with synchronous=NORMAL: a crashed or killed process never corrupts the
// file or loses committed data; a power cut may lose the last transactions but not consistency.
// Concurrency: writers take the write lock up front (BEGIN IMMEDIATE) and wait up to
// OpenOptions::busyTimeoutMs for each other instead of failing.
//
// Interrupted runs: opening a file marks every `running` run whose owning process is gone as
// `interrupted` (see process_owner.h). Owner on this host: the pid no longer exists, is a zombie,
// or was reused by a process with another start time. Owner on another host (shared file system):
// its heartbeat is older than OpenOptions::staleHeartbeatSeconds. Owners refresh the heartbeat by
// heartbeat(), and automatically (at most every 30 s) when they add metrics.
//
// Errors: StoreError (sqlite_statement.h), message starting with the file path.
#include "core/eval/metrics.h"
#include "core/store/process_owner.h"
#include "core/store/sqlite_statement.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace dacl::store {

enum class RunStatus { Queued, Running, Finished, Failed, Cancelled, Interrupted };
const char* toString(RunStatus status);
RunStatus parseRunStatus(const std::string& text);  // StoreError for unknown text

// What a new run is created with (status `queued`).
struct NewRun {
    std::string name;
    std::string task;
    std::string settingsJson = "{}";  // must be valid JSON (checked)
    std::uint64_t seed = 0;
    std::string dataFingerprint;
    std::string softwareVersion;      // empty: this build's version
    std::string device;               // "cpu", "cuda:0", ...
    int threads = 0;
    std::optional<std::int64_t> parentId;  // e.g. a baseline run pointing at its DACL run
};

struct RunInfo {
    std::int64_t id = 0;
    std::optional<std::int64_t> parentId;
    std::string name;
    std::string task;
    RunStatus status = RunStatus::Queued;
    std::string settingsJson;
    std::uint64_t seed = 0;
    std::string dataFingerprint;
    std::string softwareVersion;
    std::string device;
    int threads = 0;
    // ISO 8601 UTC ("2026-01-31T12:00:00Z"); empty when it has not happened.
    std::string createdAt, startedAt, finishedAt, heartbeatAt;
    ProcessOwner owner;  // the process that last started the run; pid 0 when never started
    std::string error;   // failure message, or why the run was marked interrupted
};

// One point of a training curve. Per-step points set `step` (and usually `epoch`);
// per-epoch points set `epoch` only. fold: nullopt for the final model.
struct MetricPoint {
    std::optional<int> fold;
    std::optional<int> epoch;
    std::optional<std::int64_t> step;
    std::string name;
    double value = 0;
};

struct FoldResult {
    int fold = 0;
    std::string name;
    double value = 0;
};

// A metric over folds. NaN (stored as NULL) where not applicable.
struct FinalMetric {
    std::string name;
    double mean = 0;
    double std = 0;
    double ciLow = 0;
    double ciHigh = 0;
};

// One record's score on a test fold (fold nullopt: final model / not cross-validated).
struct Prediction {
    std::optional<int> fold;
    std::string record;
    int label = 0;                     // task label (challenge4: class code)
    double score = 0;                  // probability of the positive class
    std::optional<int> predicted;      // predicted class when meaningful (challenge4)
    std::vector<float> probabilities;  // per-class probabilities (challenge4); may be empty
};

// An embedding for the t-SNE view: record level (window nullopt) or one window; t = diffusion step.
struct Embedding {
    std::optional<int> fold;
    std::string record;
    std::optional<int> window;
    int t = 0;
    std::optional<int> label;
    std::vector<float> vector;  // stored as a little-endian float32 BLOB
};

// A file produced by a run (checkpoint, final model): by path or inline bytes (at least one).
struct Artefact {
    std::int64_t id = 0;  // set by the store
    std::string kind;     // metric::kCheckpoint, metric::kModel, ...
    std::string name;
    std::string path;
    std::vector<unsigned char> data;
    std::optional<int> fold;
    std::optional<int> epoch;
    std::string createdAt;  // set by the store
};

struct OpenOptions {
    bool create = true;              // false: a missing file is an error
    // true: never write. Also chosen automatically for a file that is read-only or in a read-only
    // folder (open_mode.h); writes then fail with a StoreError saying the file is read-only.
    bool readOnly = false;
    int busyTimeoutMs = 5000;
    int staleHeartbeatSeconds = 900; // other-host owners only
};

class ResultsStore {
public:
    static constexpr int kSchemaVersion = 2;

    // Opens (creating if allowed) and migrates the file, then marks dead runs interrupted.
    explicit ResultsStore(const std::string& path, OpenOptions options = {});
    ~ResultsStore();
    ResultsStore(const ResultsStore&) = delete;
    ResultsStore& operator=(const ResultsStore&) = delete;

    const std::string& path() const { return path_; }
    bool readOnly() const { return readOnly_; }
    int schemaVersion();                   // PRAGMA user_version
    std::string integrityCheck();          // "ok" when PRAGMA integrity_check passes
    // Runs this open() marked interrupted (for a message to the user).
    const std::vector<std::int64_t>& interruptedOnOpen() const { return interruptedOnOpen_; }

    // ---- runs ----
    std::int64_t createRun(const NewRun& run);
    // queued/interrupted/failed/cancelled -> running, owned by this process (also `--resume`).
    // StoreError when the run is running or finished.
    void startRun(std::int64_t id);
    void heartbeat(std::int64_t id);
    // running/queued -> finished, failed, cancelled or interrupted; records finished_at and error.
    void endRun(std::int64_t id, RunStatus status, const std::string& error = {});
    void renameRun(std::int64_t id, const std::string& name);
    // Deletes the run, its results and its child runs. StoreError for a running run.
    void deleteRun(std::int64_t id);
    std::vector<RunInfo> listRuns();
    std::optional<RunInfo> findRun(std::int64_t id);
    RunInfo run(std::int64_t id);  // StoreError when there is no such run

    // ---- results (bulk calls run in one transaction) ----
    void addMetric(std::int64_t run, const MetricPoint& point);
    void addMetrics(std::int64_t run, const std::vector<MetricPoint>& points);
    void setFoldResult(std::int64_t run, int fold, const std::string& name, double value);  // upsert
    void setFinalMetric(std::int64_t run, const FinalMetric& metric);                      // upsert
    void addPredictions(std::int64_t run, const std::vector<Prediction>& predictions);
    void addEmbeddings(std::int64_t run, const std::vector<Embedding>& embeddings);
    // fold nullopt: curve of the pooled predictions.
    void addRocPoints(std::int64_t run, std::optional<int> fold, const std::vector<eval::RocPoint>& points);
    std::int64_t addArtefact(std::int64_t run, const Artefact& artefact);
    // Adds `artefact` and removes the older ones of its kind, name and fold, in one transaction:
    // only a fold's newest training checkpoint is needed to resume it.
    std::int64_t replaceArtefact(std::int64_t run, const Artefact& artefact);
    // Removes everything a fold produced (metrics, fold results, predictions, embeddings, ROC
    // points, artefacts) so that a resumed run can redo the fold without duplicates.
    void clearFold(std::int64_t run, int fold);
    // Removes the points of the series named `prefix`... from `epoch` on (fold nullopt: the
    // run-level series): a fold resumed from its checkpoint after epoch E writes them again.
    void clearMetricsFrom(std::int64_t run, std::optional<int> fold, const std::string& prefix, int epoch);

    std::vector<MetricPoint> metrics(std::int64_t run, const std::string& name = {});  // "" = all
    std::vector<FoldResult> foldResults(std::int64_t run);
    std::vector<FinalMetric> finalMetrics(std::int64_t run);
    std::optional<FinalMetric> finalMetric(std::int64_t run, const std::string& name);
    std::vector<Prediction> predictions(std::int64_t run, std::optional<int> fold = std::nullopt);  // nullopt = all
    std::vector<Embedding> embeddings(std::int64_t run, std::optional<int> t = std::nullopt);       // nullopt = all
    std::vector<eval::RocPoint> rocPoints(std::int64_t run, std::optional<int> fold);  // exactly this fold
    std::vector<Artefact> artefacts(std::int64_t run, bool withData = false);
    // Artefact BLOBs are stored with a checksum and verified whenever their data is read: a
    // damaged one throws a StoreError naming the run and the artefact. BLOBs written before
    // checksums existed (no checksum stored) load unchecked.
    // Newest artefact of a kind (with its data), optionally of one fold.
    std::optional<Artefact> latestArtefact(std::int64_t run, const std::string& kind,
                                           std::optional<int> fold = std::nullopt);
    // Newest artefact of a kind with this name (with its data), e.g. ("model", "probe").
    std::optional<Artefact> namedArtefact(std::int64_t run, const std::string& kind, const std::string& name);

    // Groups writes into one transaction (BEGIN IMMEDIATE); rolled back unless commit() is called.
    // Inside an open transaction it joins the outer one (its commit() does nothing).
    class Transaction {
    public:
        explicit Transaction(ResultsStore& store);
        ~Transaction();
        Transaction(const Transaction&) = delete;
        Transaction& operator=(const Transaction&) = delete;
        void commit();

    private:
        ResultsStore& store_;
        bool owner_ = false;
        bool done_ = false;
    };

    sqlite3* handle() { return db_; }  // for tests and diagnostics only

private:
    void exec(const char* sql);
    void open(int flags, bool immutable);
    void configure();
    void detectChecksums();
    Artefact readVerified(const Statement& s, std::int64_t run, bool withData);
    void migrate();
    void markInterruptedRuns();
    void requireRun(std::int64_t id);
    void touchHeartbeat(std::int64_t run);

    std::string path_;
    OpenOptions options_;
    sqlite3* db_ = nullptr;
    bool readOnly_ = false;
    bool hasChecksums_ = false;  // the artefacts table has its checksum column (schema 2; a read-only v1 file has not)
    std::vector<std::int64_t> interruptedOnOpen_;
    std::chrono::steady_clock::time_point lastHeartbeat_{};
};

}  // namespace dacl::store
