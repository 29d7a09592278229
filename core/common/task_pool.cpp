#include "core/common/task_pool.h"

#include <algorithm>
#include <exception>
#include <thread>

namespace dacl {

void SharedProgress::report(const std::string& stage, std::size_t done, std::size_t total) {
    std::lock_guard<std::mutex> lock(mutex_);
    inner_.report(stage, done, total);
}

void SharedProgress::log(const std::string& message) {
    std::lock_guard<std::mutex> lock(mutex_);
    inner_.log(message);
}

void SharedProgress::pipelineEvent(const PipelineEvent& event) {
    std::lock_guard<std::mutex> lock(mutex_);
    inner_.pipelineEvent(event);
}

bool SharedProgress::cancelled() const {
    if (stopped_) return true;
    std::lock_guard<std::mutex> lock(mutex_);
    return inner_.cancelled();
}

void runTasks(const std::vector<std::function<void()>>& tasks, int workers, SharedProgress& progress) {
    const std::size_t threads = std::min<std::size_t>(static_cast<std::size_t>(std::max(1, workers)), tasks.size());
    if (threads <= 1) {
        for (const auto& task : tasks) {
            if (progress.cancelled()) throw Cancelled();
            task();
        }
        return;
    }
    std::atomic<std::size_t> next{0}, finished{0};
    std::mutex failureMutex;
    std::exception_ptr failure;
    auto worker = [&] {
        for (std::size_t i = next++; i < tasks.size(); i = next++) {
            if (progress.cancelled()) return;
            try {
                tasks[i]();
                ++finished;
            } catch (...) {
                std::lock_guard<std::mutex> lock(failureMutex);
                // The first failure is the cause; the others are usually the Cancelled it triggered.
                if (!failure) failure = std::current_exception();
                progress.stopAll();
                return;
            }
        }
    };
    std::vector<std::thread> pool;
    for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
    if (finished < tasks.size()) throw Cancelled();  // the user cancelled between tasks
}

}  // namespace dacl
