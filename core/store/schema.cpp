#include "core/store/schema.h"

namespace dacl::store {

const std::vector<const char*>& migrations() {
    static const std::vector<const char*> list{
        // v0 -> v1: the initial schema. Times are ISO 8601 UTC text; NaN metrics are NULL.
        R"sql(
CREATE TABLE runs (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    parent_id        INTEGER REFERENCES runs(id) ON DELETE CASCADE,
    name             TEXT NOT NULL DEFAULT '',
    task             TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT 'queued'
                     CHECK (status IN ('queued','running','finished','failed','cancelled','interrupted')),
    settings         TEXT NOT NULL DEFAULT '{}',
    seed             INTEGER NOT NULL DEFAULT 0,
    data_fingerprint TEXT NOT NULL DEFAULT '',
    software_version TEXT NOT NULL DEFAULT '',
    device           TEXT NOT NULL DEFAULT '',
    threads          INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    started_at       TEXT,
    finished_at      TEXT,
    heartbeat_at     TEXT,
    owner_pid        INTEGER,
    owner_host       TEXT,
    owner_start      INTEGER,
    error            TEXT
);
CREATE INDEX runs_by_status ON runs(status);
CREATE INDEX runs_by_parent ON runs(parent_id);

CREATE TABLE metrics (
    id     INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    fold   INTEGER,
    epoch  INTEGER,
    step   INTEGER,
    name   TEXT NOT NULL,
    value  REAL
);
CREATE INDEX metrics_by_run ON metrics(run_id, name);

CREATE TABLE fold_results (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    fold   INTEGER NOT NULL,
    name   TEXT NOT NULL,
    value  REAL,
    PRIMARY KEY (run_id, fold, name)
);

CREATE TABLE final_metrics (
    run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    name    TEXT NOT NULL,
    mean    REAL,
    std     REAL,
    ci_low  REAL,
    ci_high REAL,
    PRIMARY KEY (run_id, name)
);

CREATE TABLE predictions (
    id            INTEGER PRIMARY KEY,
    run_id        INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    fold          INTEGER,
    record        TEXT NOT NULL,
    label         INTEGER NOT NULL,
    score         REAL,
    predicted     INTEGER,
    probabilities BLOB
);
CREATE INDEX predictions_by_run ON predictions(run_id, fold);

CREATE TABLE embeddings (
    id      INTEGER PRIMARY KEY,
    run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    fold    INTEGER,
    record  TEXT NOT NULL,
    window  INTEGER,
    t       INTEGER NOT NULL DEFAULT 0,
    label   INTEGER,
    vector  BLOB NOT NULL
);
CREATE INDEX embeddings_by_run ON embeddings(run_id, t);

CREATE TABLE roc_points (
    id        INTEGER PRIMARY KEY,
    run_id    INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    fold      INTEGER,
    fpr       REAL NOT NULL,
    tpr       REAL NOT NULL,
    threshold REAL
);
CREATE INDEX roc_points_by_run ON roc_points(run_id, fold);

CREATE TABLE artefacts (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    path       TEXT,
    data       BLOB,
    fold       INTEGER,
    epoch      INTEGER,
    created_at TEXT NOT NULL,
    CHECK (path IS NOT NULL OR data IS NOT NULL)
);
CREATE INDEX artefacts_by_run ON artefacts(run_id, kind);
)sql",
        // v1 -> v2: the FNV-1a 64 checksum of each artefact BLOB, verified on load. NULL
        // for BLOBs stored before: those load unchecked.
        R"sql(
ALTER TABLE artefacts ADD COLUMN checksum INTEGER;
)sql",
    };
    return list;
}

}  // namespace dacl::store
