#include "core/pipeline/window_table.h"

#include <algorithm>

namespace dacl::ml {

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
    if (set.mappedRows) {
        table.storage = set.rowOwner;
    } else {
        auto rows = std::make_shared<std::vector<float>>(std::move(set.features));
        set.mappedRows = rows->data();
        table.storage = std::move(rows);
    }
    table.features = RowView(set.mappedRows, set.rows(), static_cast<std::size_t>(set.dim));
    table.record = std::move(set.record);
    table.startS = std::move(set.startS);
    table.eval = std::move(set.evalGrid);
    return table;
}

}  // namespace dacl::ml
