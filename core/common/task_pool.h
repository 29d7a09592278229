#pragma once
// Independent jobs (the folds of a cross-validation and the final model) run on a few worker
// threads. One failure stops the rest: the shared progress reports "cancelled" to the other
// workers, and the first exception is rethrown to the caller once every worker has stopped.
#include "core/common/progress.h"

#include <atomic>
#include <functional>
#include <mutex>
#include <vector>

namespace dacl {

// A ProgressSink that worker threads share: calls are serialised, and after stopAll() (a task
// failed) cancelled() is true so that long loops of the other tasks end early.
class SharedProgress final : public ProgressSink {
public:
    explicit SharedProgress(ProgressSink& inner) : inner_(inner) {}
    void report(const std::string& stage, std::size_t done, std::size_t total) override;
    void log(const std::string& message) override;
    void pipelineEvent(const PipelineEvent& event) override;
    bool cancelled() const override;
    void stopAll() { stopped_ = true; }

private:
    ProgressSink& inner_;
    mutable std::mutex mutex_;
    std::atomic<bool> stopped_{false};
};

// Runs `tasks` in list order on min(workers, tasks) threads (in the calling thread when that is
// one). Returns when all have run, or rethrows the first exception after the running ones stop.
void runTasks(const std::vector<std::function<void()>>& tasks, int workers, SharedProgress& progress);

}  // namespace dacl
