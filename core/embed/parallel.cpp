#include "core/embed/parallel.h"

#include <algorithm>

namespace dacl::embed {

WorkerPool::WorkerPool(int threads) {
    if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    threads_ = threads;
    for (int t = 1; t < threads_; ++t) workers_.emplace_back([this] { workerLoop(); });
}

WorkerPool::~WorkerPool() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    for (auto& w : workers_) w.join();
}

void WorkerPool::work(std::unique_lock<std::mutex>& lock) {
    while (fn_ && nextChunk_ < chunks_) {
        const std::size_t chunk = nextChunk_++;
        const auto* fn = fn_;
        const std::size_t b = chunk * grain_, e = std::min(n_, b + grain_);
        lock.unlock();
        std::exception_ptr error;
        try {
            (*fn)(b, e);
        } catch (...) {
            error = std::current_exception();
        }
        lock.lock();
        ++doneChunks_;
        if (error) {
            if (!error_) error_ = error;
            doneChunks_ += chunks_ - nextChunk_;  // skip what nobody has started
            nextChunk_ = chunks_;
        }
        if (doneChunks_ == chunks_) done_.notify_all();
    }
}

void WorkerPool::workerLoop() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        wake_.wait(lock, [&] { return stop_ || (fn_ && nextChunk_ < chunks_); });
        if (stop_) return;
        work(lock);
    }
}

void WorkerPool::run(std::size_t n, const std::function<void(std::size_t, std::size_t)>& fn, std::size_t grain) {
    if (n == 0) return;
    if (grain == 0) grain = std::max<std::size_t>(16, n / (8 * static_cast<std::size_t>(threads_)));
    if (threads_ == 1 || n <= grain) {
        fn(0, n);
        return;
    }
    std::unique_lock<std::mutex> lock(mutex_);
    fn_ = &fn;
    n_ = n;
    grain_ = grain;
    chunks_ = (n + grain - 1) / grain;
    nextChunk_ = doneChunks_ = 0;
    error_ = nullptr;
    wake_.notify_all();
    work(lock);
    done_.wait(lock, [&] { return doneChunks_ == chunks_; });
    fn_ = nullptr;
    chunks_ = 0;
    const std::exception_ptr error = error_;
    error_ = nullptr;
    lock.unlock();
    if (error) std::rethrow_exception(error);
}

}  // namespace dacl::embed
