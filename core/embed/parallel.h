#pragma once
// A small persistent worker pool for the t-SNE iterations: one optimisation step makes several
// parallel passes over the points, a thousand times, so threads are started once, not per pass.
//
// Determinism: run() hands out chunks of [0, n) dynamically (fair on a shared, loaded machine),
// so callers must write per-index results only and do any reduction afterwards, sequentially
// and in index order. Then the result does not depend on the thread count or the schedule.
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace dacl::embed {

class WorkerPool {
public:
    // threads <= 0: all hardware threads. The calling thread is one of the workers.
    explicit WorkerPool(int threads);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    int threads() const { return threads_; }

    // Calls fn(begin, end) on disjoint ranges covering [0, n), `grain` indices at a time (0: a
    // size chosen from n). Blocks until all ranges are done; rethrows the first exception.
    void run(std::size_t n, const std::function<void(std::size_t, std::size_t)>& fn, std::size_t grain = 0);

private:
    void workerLoop();
    // Claims and runs chunks of the current job until none is left; `lock` is held on entry
    // and on return.
    void work(std::unique_lock<std::mutex>& lock);

    int threads_ = 1;
    std::vector<std::thread> workers_;
    std::mutex mutex_;
    std::condition_variable wake_, done_;
    bool stop_ = false;
    // The current job. The caller waits for its chunks, not for its workers: a worker that the
    // scheduler wakes late (a loaded machine) finds nothing left and costs the caller nothing.
    const std::function<void(std::size_t, std::size_t)>* fn_ = nullptr;
    std::size_t n_ = 0, grain_ = 1, chunks_ = 0, nextChunk_ = 0, doneChunks_ = 0;
    std::exception_ptr error_;
};

}  // namespace dacl::embed
