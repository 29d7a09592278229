#pragma once
// On-disk cache of FeatureSets: one binary file per key. Layout 2 (little-endian):
//   [0, 4096)   "DACLFT02" | u64 H (offset of the JSON header) | u64 n (its bytes) | zeros
//   [4096, ..)  f32 features[rows*dim]   (page-aligned, so that it can be memory-mapped)
//               i32 record[rows] | f64 startS[rows] | u8 eval[rows]
//   [H, H+n)    JSON header (key text, dim, rows, record names, records, skipped)
//   u64 checksum of bytes [4096, H+n)
// The header comes last so that the rows can be streamed to the file. A file whose magic (layout
// 1 was "DACLFT01", header first), key text, sizes or checksum do not match is ignored (and
// recomputed by the job).
#include "core/features/feature_job.h"

#include <cstdint>
#include <memory>
#include <string>

namespace dacl::features::cache {

// Where the row block starts in a layout-2 file.
constexpr std::uint64_t kRowOffset = 4096;

// 64-bit FNV-1a, the hash that names cache files.
std::string hashHex(const std::string& text);

// True when `path` holds a valid cache for `keyText`; fills `out`. With `mapRows` the rows are
// read in place through a read-only mapping (FeatureSet::mappedRows) instead of being copied.
// Every size is checked against the file's length before anything is mapped.
bool load(const std::string& path, const std::string& keyText, FeatureSet& out, bool mapRows = false);
// Writes atomically (temporary file + rename); creates the directory. Throws InputError on failure.
void save(const std::string& path, const std::string& keyText, const FeatureSet& set);

// Writes a cache file row block first, so that rows can be streamed to disk as they are computed
// instead of being held in memory (100 k records are ~12 GB of rows): append() the rows, then
// finish() writes the per-row arrays, the header and the checksum, and moves the file into
// place. Until then the rows live in a temporary file next to `path`, removed if the writer
// goes unfinished. Throws InputError (naming the file) when a write fails.
class RowWriter {
public:
    RowWriter(std::string path, int dim);
    ~RowWriter();
    RowWriter(const RowWriter&) = delete;
    RowWriter& operator=(const RowWriter&) = delete;

    // `rows` rows of dim floats.
    void append(const float* values, std::size_t rows);
    std::size_t rows() const { return rows_; }
    // `set` gives everything but the rows (its record, startS and evalGrid have rows() entries).
    void finish(const std::string& keyText, const FeatureSet& set);

private:
    struct File;
    std::string path_, tmp_;
    int dim_;
    std::size_t rows_ = 0;
    std::unique_ptr<File> file_;
};

}  // namespace dacl::features::cache
