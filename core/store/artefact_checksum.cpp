#include "core/store/artefact_checksum.h"

namespace dacl::store {

std::uint64_t fnv1a64(const unsigned char* data, std::size_t size) {
    std::uint64_t h = 14695981039346656037ULL;  // FNV offset basis
    for (std::size_t i = 0; i < size; ++i) {
        h ^= data[i];
        h *= 1099511628211ULL;  // FNV prime
    }
    return h;
}

}  // namespace dacl::store
