#include "core/pipeline/window_table.h"

#include <algorithm>

namespace dacl::ml {

namespace {

// The rows of the feature cache's mapping: released pages come back from the page cache.
struct MappedRows : RowStorage {
    explicit MappedRows(std::shared_ptr<const features::MappedFile> f) : file(std::move(f)) {}
    void release() const override { file->release(); }
    std::shared_ptr<const features::MappedFile> file;
};

// Computed rows without a cache (noisy test sets, no cache folder): held in memory.
struct OwnedRows : RowStorage {
    explicit OwnedRows(std::vector<float> v) : values(std::move(v)) {}
    std::vector<float> values;
};

}  // namespace

std::vector<std::size_t> WindowTable::rowsOf(const std::vector<int>& sortedRecords, bool evalOnly) const {
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < record.size(); ++i) {
        if (evalOnly && !eval[i]) continue;
        if (std::binary_search(sortedRecords.begin(), sortedRecords.end(), record[i])) rows.push_back(i);
    }
    return rows;
}

WindowTable computeWindowTable(const Dataset& dataset, const std::vector<std::size_t>& records,
                               const Settings& settings, ProgressSink& progress, const std::string& cacheDir,
                               bool evalOnly, const SignalTransform& transform) {
    features::FeatureSettings fs = features::FeatureSettings::fromSettings(settings);
    if (evalOnly) fs.hop = fs.evalHop;  // every window is then on the evaluation grid
    features::CacheOptions cache{cacheDir};
    cache.mapRows = true;
    return windowTableOf(features::computeFeatures(dataset, fs, progress, cache, records, transform));
}

WindowTable windowTableOf(features::FeatureSet&& set) {
    WindowTable table;
    const float* rows = nullptr;
    if (set.mapping) {
        rows = set.mappedRows;
        table.storage = std::make_shared<MappedRows>(std::move(set.mapping));
    } else {
        auto owned = std::make_shared<OwnedRows>(std::move(set.features));
        rows = owned->values.data();
        table.storage = std::move(owned);
    }
    table.features = RowView(rows, set.rows(), static_cast<std::size_t>(set.dim), table.storage.get());
    table.record = std::move(set.record);
    table.startS = std::move(set.startS);
    table.eval = std::move(set.evalGrid);
    return table;
}

}  // namespace dacl::ml
