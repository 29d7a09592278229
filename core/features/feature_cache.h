#pragma once
// On-disk cache of FeatureSets: one binary file per key. Layout (little-endian):
//   "DACLFT01" | u64 n | n bytes of JSON header (key text, dim, rows, record names, records,
//   skipped) | f32 features[rows*dim] | i32 record[rows] | f64 startS[rows] | u8 eval[rows] |
//   u64 checksum of everything before it.
// A file whose key text, sizes or checksum do not match is ignored (and recomputed by the job).
#include "core/features/feature_job.h"

#include <string>

namespace dacl::features::cache {

// 64-bit FNV-1a, the hash that names cache files.
std::string hashHex(const std::string& text);

// True when `path` holds a valid cache for `keyText`; fills `out`.
bool load(const std::string& path, const std::string& keyText, FeatureSet& out);
// Writes atomically (temporary file + rename); creates the directory. Throws InputError on failure.
void save(const std::string& path, const std::string& keyText, const FeatureSet& set);

}  // namespace dacl::features::cache
