#pragma once
// A thread-safe least-recently-used cache of decoded recordings, bounded by the bytes their
// samples take. Callers keep shared_ptrs, so eviction never invalidates a recording in use.
#include "core/data/recording.h"

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace dacl {

class SignalCache {
public:
    explicit SignalCache(std::size_t capacityBytes) : capacity_(capacityBytes) {}

    // The cached recording for `key` (marked most recently used), or nullptr.
    std::shared_ptr<const Recording> find(std::size_t key);

    // Stores `rec`, evicting the least recently used entries beyond the capacity. A recording
    // larger than the whole capacity is not stored.
    void insert(std::size_t key, std::shared_ptr<const Recording> rec);

    void setCapacity(std::size_t bytes);
    std::size_t capacity() const;
    std::size_t bytesUsed() const;
    std::size_t entries() const;
    void clear();

private:
    void evictLocked();

    using Entry = std::pair<std::size_t, std::shared_ptr<const Recording>>;
    mutable std::mutex mutex_;
    std::list<Entry> order_;  // front = most recently used
    std::unordered_map<std::size_t, std::list<Entry>::iterator> index_;
    std::size_t capacity_;
    std::size_t used_ = 0;
};

}  // namespace dacl
