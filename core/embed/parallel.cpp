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

// Takes chunks until none is left. Chunks are claimed under the mutex: a pass has at most a few
// hundred chunks, so the lock costs nothing measurable and keeps the bookkeeping simple.
void WorkerPool::work() {
    for (;;) {
        std::size_t b, e;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (next_ >= n_ || error_) return;
            b = next_;
            e = std::min(n_, b + grain_);
            next_ = e;
        }
        try {
            (*fn_)(b, e);
        } catch (...) {
            std::lock_guard<std::mutex> lock(mutex_);
            if (!error_) error_ = std::current_exception();
        }
    }
}

void WorkerPool::workerLoop() {
    std::size_t seen = 0;
    for (;;) {
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
            if (stop_) return;
            seen = generation_;
        }
        work();
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (--busy_ == 0) done_.notify_all();
        }
    }
}

void WorkerPool::run(std::size_t n, const std::function<void(std::size_t, std::size_t)>& fn, std::size_t grain) {
    if (n == 0) return;
    if (grain == 0) grain = std::max<std::size_t>(16, n / (8 * static_cast<std::size_t>(threads_)));
    if (threads_ == 1 || n <= grain) {
        fn(0, n);
        return;
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        fn_ = &fn;
        n_ = n;
        grain_ = grain;
        next_ = 0;
        error_ = nullptr;
        busy_ = static_cast<int>(workers_.size());
        ++generation_;
    }
    wake_.notify_all();
    work();
    std::exception_ptr error;
    {
        std::unique_lock<std::mutex> lock(mutex_);
        done_.wait(lock, [&] { return busy_ == 0; });
        fn_ = nullptr;
        error = error_;
        error_ = nullptr;
    }
    if (error) std::rethrow_exception(error);
}

}  // namespace dacl::embed
