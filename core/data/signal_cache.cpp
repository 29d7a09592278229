#include "core/data/signal_cache.h"

namespace dacl {

std::shared_ptr<const Recording> SignalCache::find(std::size_t key) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);
    return it->second->second;
}

void SignalCache::insert(std::size_t key, std::shared_ptr<const Recording> rec) {
    if (!rec) return;
    const std::size_t bytes = rec->sampleBytes();
    std::lock_guard<std::mutex> lock(mutex_);
    if (bytes > capacity_) return;
    const auto it = index_.find(key);
    if (it != index_.end()) {  // another thread read the same record meanwhile: keep one copy
        used_ -= it->second->second->sampleBytes();
        order_.erase(it->second);
        index_.erase(it);
    }
    order_.emplace_front(key, std::move(rec));
    index_[key] = order_.begin();
    used_ += bytes;
    evictLocked();
}

void SignalCache::evictLocked() {
    while (used_ > capacity_ && !order_.empty()) {
        used_ -= order_.back().second->sampleBytes();
        index_.erase(order_.back().first);
        order_.pop_back();
    }
}

void SignalCache::setCapacity(std::size_t bytes) {
    std::lock_guard<std::mutex> lock(mutex_);
    capacity_ = bytes;
    evictLocked();
}

std::size_t SignalCache::capacity() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return capacity_;
}

std::size_t SignalCache::bytesUsed() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return used_;
}

std::size_t SignalCache::entries() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return order_.size();
}

void SignalCache::clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    order_.clear();
    index_.clear();
    used_ = 0;
}

}  // namespace dacl
