#pragma once
// Integrity of stored model artefacts: a bit flipped in a model BLOB (disk, copy,
// a hand-edited file) used to load and score as if nothing happened. Each BLOB is stored with the
// FNV-1a 64-bit hash of its bytes and checked on every load; a mismatch names run and artefact.
// FNV-1a catches every single changed byte (each step is a bijection of the state) and other
// damage with probability 1 - 2^-64, and needs no library.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace dacl::store {

std::uint64_t fnv1a64(const unsigned char* data, std::size_t size);
inline std::uint64_t fnv1a64(const std::vector<unsigned char>& bytes) { return fnv1a64(bytes.data(), bytes.size()); }

}  // namespace dacl::store
