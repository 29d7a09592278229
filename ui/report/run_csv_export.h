#pragma once
// A run's predictions and embeddings as CSV, for spreadsheets and other tools.
//   predictions: fold,record,label,score,predicted[,p0,p1,…]   (fold empty for the final model)
//   embeddings:  fold,record,window,t,label,e0,e1,…
// fold is 1-based, as everywhere a person reads it (the store and `dacl runs export --json` keep
// it 0-based). Both sorted as the store returns them. Throws std::runtime_error naming the file
// on failure and StoreError for an unknown run.
#include "core/store/results_store.h"

#include <cstdint>
#include <optional>
#include <string>

namespace dacl::ui {

// Returns the number of rows written.
std::size_t writePredictionsCsv(store::ResultsStore& store, std::int64_t run, const std::string& path);
// t: only embeddings of this diffusion step (nullopt: all).
std::size_t writeEmbeddingsCsv(store::ResultsStore& store, std::int64_t run, const std::string& path,
                               std::optional<int> t = std::nullopt);

}  // namespace dacl::ui
