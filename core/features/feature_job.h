#pragma once
// The feature job: for every record of a dataset
//   lead -> preprocess (resample, zero-phase band-pass, robust standardisation)
//        -> windows of N samples (hop `hop`; a short record is padded)
//        -> scattering S (J, Q1, Q2, max order) -> tokens log(|S| + eps)
//        -> Scattering Transformer (L layers) -> pooled feature (2C floats) per window,
// in parallel over records, with progress and cancellation, cached on disk.
//
// The cache key covers the data (Dataset::fingerprint(): names, labels, sizes and modification
// times of every file), the list of records and every setting that changes a number; the thread
// count does not. A second run with the same key loads the file instead of computing; any change
// makes a new key. Cache files are written atomically and checked on load (a damaged file is
// recomputed, never trusted).
#include "core/common/progress.h"
#include "core/data/dataset.h"
#include "core/dsp/preprocess.h"
#include "core/features/mapped_file.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace dacl {
class Settings;
}

namespace dacl::features {

// Defaults are method.md's (§1-3).
struct FeatureSettings {
    dsp::PreprocessSettings preprocess;  // 300 Hz, band-pass 0.5-40 Hz, median/MAD; .lead = lead used
    dsp::WindowSettings window;          // N = 3072 samples, zero padding of short records
    int hop = 1536;                      // window hop in samples (N/2: training)
    int evalHop = 3072;                  // windows on this grid (and each record's last) are flagged
    int J = 7, Q1 = 8, Q2 = 1, maxOrder = 2;
    double logEps = 1e-6;                // tokens are log(|S| + eps)
    int stLayers = 1;                    // Scattering Transformer layers (0 = pooled scattering)
    bool float32 = true;                 // single-precision scattering (row-relative error ~1e-6)
    int threads = 0;                     // 0 = all cores; not part of the cache key
    // repr = sequence (method.md v2): one row per span of window.samples samples (hop `hop`)
    // holding the whole frame sequence (sequence_layout.h) instead of a pooled window feature.
    bool sequence = false;
    bool rhythm = true;                  // sequence rows carry the two rhythm channels

    // Every setting that changes the numbers (the cache key), and the inverse.
    nlohmann::json toJson() const;
    static FeatureSettings fromJson(const nlohmann::json& j);
    // From the project-wide settings (keys data.lead, preprocess.*, window.*, scatter.*, st.layers,
    // threads).
    static FeatureSettings fromSettings(const Settings& s);
};

struct FeatureSet {
    int dim = 0;                          // 2C (352 for the defaults)
    std::vector<float> features;          // rows() x dim, row-major
    std::vector<int> record;              // dataset record index of each window
    std::vector<double> startS;           // window start in its record (s, at the target rate)
    std::vector<char> evalGrid;           // 1: the window lies on the evaluation grid
    std::vector<std::string> recordNames; // every dataset record's name (index = dataset index)
    std::vector<std::size_t> records;     // the records that were asked for (dataset indices)
    std::vector<SkippedFile> skipped;     // asked-for records that could not be used, with why
    bool fromCache = false;
    // With CacheOptions::mapRows, the rows read in place from the cache file's mapping (which
    // `mapping` keeps alive); `features` is then empty.
    const float* mappedRows = nullptr;
    std::shared_ptr<const MappedFile> mapping;

    std::size_t rows() const { return record.size(); }
    const float* rowData() const { return mappedRows ? mappedRows : features.data(); }
    const float* row(std::size_t i) const { return rowData() + i * static_cast<std::size_t>(dim); }
};

// Per-record aggregation: the mean feature of each record's windows.
struct RecordFeatures {
    int dim = 0;
    std::vector<float> features;          // records.size() x dim
    std::vector<std::size_t> records;     // dataset index of each row
    std::vector<int> windows;             // windows averaged into each row
};
RecordFeatures aggregateByRecord(const FeatureSet& set);

struct CacheOptions {
    std::string dir;                      // empty: no cache
    // Read the rows through a read-only mapping of the cache file instead of copying them
    // (FeatureSet::mappedRows). Computed rows then go to the cache file as each record is done
    // (never all in memory) and are mapped back; a write that fails mid-way (disk full) throws
    // InputError naming the file.
    bool mapRows = false;
};

// `records`: dataset indices (empty = every record). Records that cannot be read or processed are
// skipped (FeatureSet::skipped, and progress.log). Throws Cancelled when progress.cancelled()
// turns true, std::invalid_argument for bad settings.
// Applied to a record's chosen lead (its own units and rate) before preprocessing, e.g. to
// corrupt test records with noise for the robustness evaluation. Transformed features are
// never read from or written to the cache.
using SignalTransform =
    std::function<std::vector<double>(const std::vector<double>& lead, double fs, std::size_t recordIndex)>;

FeatureSet computeFeatures(const Dataset& dataset, const FeatureSettings& settings, ProgressSink& progress,
                           const CacheOptions& cache = {}, const std::vector<std::size_t>& records = {},
                           const SignalTransform& transform = {});

// The cache alone, for features computed in parts elsewhere (the ranks of a distributed run):
// true when the cache under `cache.dir` holds a valid entry for `records` (then in `out`); and
// storing such a set (atomically; throws InputError when it cannot be written).
bool loadCachedFeatures(const Dataset& dataset, const FeatureSettings& settings, const CacheOptions& cache,
                        const std::vector<std::size_t>& records, FeatureSet& out);
void saveCachedFeatures(const Dataset& dataset, const FeatureSettings& settings, const CacheOptions& cache,
                        const std::vector<std::size_t>& records, const FeatureSet& set);

// The cache file computeFeatures() would use (for tools and tests).
std::string featureCachePath(const Dataset& dataset, const FeatureSettings& settings, const CacheOptions& cache,
                             const std::vector<std::size_t>& records = {});

}  // namespace dacl::features
