// Reading artefacts back from the results store, each BLOB verified against the checksum it was
// stored with. Part of ResultsStore (results_store.h); split off to keep files small.
#include "core/store/artefact_checksum.h"
#include "core/store/results_store.h"

namespace dacl::store {

namespace {
Artefact readArtefact(const Statement& s, bool withData) {
    Artefact a;
    a.id = s.int64(0);
    a.kind = s.text(1);
    a.name = s.text(2);
    a.path = s.text(3);
    if (withData) a.data = s.blob(4);
    a.fold = s.optInt(5);
    a.epoch = s.optInt(6);
    a.createdAt = s.text(7);
    return a;
}
}  // namespace

// Column 8 is the stored checksum (NULL for BLOBs from before checksums, or without the column).
Artefact ResultsStore::readVerified(const Statement& s, std::int64_t run, bool withData) {
    Artefact a = readArtefact(s, withData);
    const std::optional<std::int64_t> stored = s.optInt64(8);
    if (!withData || !stored || a.data.empty() || static_cast<std::uint64_t>(*stored) == fnv1a64(a.data)) return a;
    const std::optional<RunInfo> r = findRun(run);
    const std::string runName = r && !r->name.empty() ? " ('" + r->name + "')" : "";
    throw StoreError(path_ + ": run " + std::to_string(run) + runName + ": artefact " + a.kind + "/" + a.name +
                     (a.fold ? " of fold " + std::to_string(*a.fold) : std::string()) + " (id " + std::to_string(a.id) +
                     ") is damaged: its " + std::to_string(a.data.size()) +
                     " bytes do not match the checksum stored with them; restore the results file from a backup "
                     "or train the run again");
}

namespace {
// The artefact columns in the order readVerified() reads them.
std::string artefactColumns(bool withData, bool hasChecksums) {
    return std::string("SELECT id, kind, name, path, ") + (withData ? "data" : "NULL") +
           ", fold, epoch, created_at, " + (hasChecksums ? "checksum" : "NULL") + " FROM artefacts ";
}
}  // namespace

std::vector<Artefact> ResultsStore::artefacts(std::int64_t run, bool withData) {
    // Without data the BLOB is not even read (checkpoints can be large).
    Statement s(db_, path_, (artefactColumns(withData, hasChecksums_) + "WHERE run_id = ? ORDER BY id").c_str());
    s.bind(1, run);
    std::vector<Artefact> out;
    while (s.step()) out.push_back(readVerified(s, run, withData));
    return out;
}

std::optional<Artefact> ResultsStore::latestArtefact(std::int64_t run, const std::string& kind, std::optional<int> fold) {
    Statement s(db_, path_,
                (artefactColumns(true, hasChecksums_) +
                 "WHERE run_id = ? AND kind = ? AND (? IS NULL OR fold = ?) ORDER BY id DESC LIMIT 1")
                    .c_str());
    s.bind(1, run).bind(2, kind).bind(3, fold).bind(4, fold);
    if (!s.step()) return std::nullopt;
    return readVerified(s, run, true);
}

std::optional<Artefact> ResultsStore::namedArtefact(std::int64_t run, const std::string& kind, const std::string& name) {
    Statement s(db_, path_,
                (artefactColumns(true, hasChecksums_) + "WHERE run_id = ? AND kind = ? AND name = ? ORDER BY id DESC LIMIT 1")
                    .c_str());
    s.bind(1, run).bind(2, kind).bind(3, name);
    if (!s.step()) return std::nullopt;
    return readVerified(s, run, true);
}

}  // namespace dacl::store
