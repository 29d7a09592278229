#pragma once
// The features of a distributed run, computed by its ranks together: each rank computes every
// world-size-th record of the list and the ranks exchange their shards, so that every rank holds
// the whole table, the same one a single process computes (each record's rows come from one
// featuriser call either way, and the table keeps the records' order).
//
// Chosen over "rank 0 computes and writes the cache file, the others wait for it": that needs a
// file system every rank sees (not so across machines) and leaves the other ranks idle during
// the costliest stage. The cache still serves: when every rank finds the table in its cache, none
// computes; otherwise rank 0 writes it, and a rank that cannot see that file writes its own.
#include "core/ml/distributed.h"
#include "core/pipeline/window_table.h"

namespace dacl::ml {

// Collective: every rank of `group` calls it with the same arguments (progress aside).
WindowTable computeWindowTableOnRanks(DistributedGroup& group, const Dataset& dataset,
                                      const std::vector<std::size_t>& records, const Settings& settings,
                                      ProgressSink& progress, const std::string& cacheDir);

}  // namespace dacl::ml
