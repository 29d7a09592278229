#pragma once
// A folder of ECG records: PhysioNet-2017 style (`RECORDS` and/or `REFERENCE.csv` with labels
// N, A, O, ~ next to WFDB headers and signal files) or any folder of records without labels, in
// any mix of formats (WFDB .hea with .dat/.mat, EDF/EDF+/BDF, CSV/TSV; see record_file.h).
// A single recording file opens as a dataset of one record.
//
// Opening reads labels and headers only (and checks that each record's signal files exist and have
// the size their header implies); signals are read on demand through a bounded cache, or all at
// once in parallel for jobs. Bad records are skipped, each with the file and the reason, and the
// rest load. Copies share one state (and one cache): pass Datasets by value freely.
#include "core/common/progress.h"
#include "core/data/recording.h"
#include "core/data/wfdb_header.h"

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dacl {

struct RecordEntry {
    std::string name;
    std::string label;       // "N", "A", "O", "~", or "" when the dataset has no label for it
    double fs = 0;
    long nSamples = 0;       // per signal
    double durationS = 0;
    std::string headerPath;  // the file the record was opened from: .hea, .edf/.bdf or .csv/.tsv
};

struct SkippedFile {
    std::string file;        // the file at fault (header, signal file, or REFERENCE.csv/RECORDS)
    std::string reason;      // why; includes "line N:" where a line is at fault
};

struct DatasetOptions {
    int threads = 0;                            // for opening; 0 = all hardware threads
    std::size_t cacheBytes = 256u << 20;        // signal() cache budget (samples as doubles)
    // When true (the default) a folder whose listed records are all bad is an error, like an
    // empty one; `dacl dataset info` turns it off to report every skipped record instead.
    bool requireRecords = true;
    double csvFs = 0;  // sampling rate of CSV/TSV records that do not give one ("# fs=" line or time column)
};

class Dataset {
public:
    // Throws InputError when the folder is missing or unreadable, holds no records at all, or
    // (with requireRecords) none of its records could be loaded. A path to one recording file
    // (or a record base name with NAME.hea) opens it as a one-record dataset (openFile).
    static Dataset open(const std::string& dir, const DatasetOptions& options = {});

    // One recording file as a dataset of one record, unlabelled. Throws InputError naming the
    // file and the reason when it cannot be read (never "skipped": there is nothing else).
    static Dataset openFile(const std::string& path, const DatasetOptions& options = {});

    // The folder, or the file for a dataset opened from one file (what open() takes back).
    const std::string& directory() const;
    bool isSingleFile() const;
    const std::vector<RecordEntry>& records() const;
    const std::vector<SkippedFile>& skipped() const;
    std::size_t size() const { return records().size(); }
    const RecordHeader& header(std::size_t index) const;
    std::optional<std::size_t> indexOf(const std::string& name) const;

    // Records per label; unlabelled records are not counted.
    std::map<std::string, int> classCounts() const;

    // The record's signals in physical units. Thread-safe; served from a bounded LRU cache.
    // Throws InputError (file + reason) when the signal file cannot be read.
    std::shared_ptr<const Recording> signal(std::size_t index) const;

    // Reads every record with `threads` threads (0 = all hardware threads), reporting progress
    // and honouring cancellation (throws Cancelled). A record that fails is nullptr in the result
    // and listed in `failures` (when given). Results bypass the cache so that reading a large
    // dataset does not flush it.
    std::vector<std::shared_ptr<const Recording>> readAll(int threads, ProgressSink& progress,
                                                          std::vector<SkippedFile>* failures) const;

    // Stable hash (16 hex digits) of record names, labels and the sizes and modification times
    // of every header and signal file loaded: changes whenever the data on disk change, so it
    // can key caches of derived features.
    std::string fingerprint() const;

    void setCacheBytes(std::size_t bytes) const;
    std::size_t cacheBytes() const;

private:
    struct State;
    explicit Dataset(std::shared_ptr<State> state) : state_(std::move(state)) {}
    std::shared_ptr<State> state_;
};

}  // namespace dacl
