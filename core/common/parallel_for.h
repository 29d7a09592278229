#pragma once
// fn(i) for every i in [0, n) on up to `threads` threads (the caller's thread is one of them);
// indices are handed out one at a time, so uneven items balance. fn must not throw.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace dacl {

// `threads` <= 0 means every core (hardware_concurrency, 2 when unknown).
inline int resolveThreads(int threads) {
    if (threads > 0) return threads;
    const unsigned hw = std::thread::hardware_concurrency();
    return hw ? static_cast<int>(hw) : 2;
}

template <typename Fn>
void parallelFor(std::size_t n, int threads, Fn&& fn) {
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i; (i = next.fetch_add(1)) < n;) fn(i);
    };
    const int extra = std::max(0, std::min<int>(threads, static_cast<int>(std::min<std::size_t>(n, 1024))) - 1);
    std::vector<std::thread> pool;
    pool.reserve(static_cast<std::size_t>(extra));
    for (int t = 0; t < extra; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
}

}  // namespace dacl
