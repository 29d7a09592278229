#pragma once
// ProgressSink for the terminal: a one-line bar with ETA on stderr when stderr is a terminal,
// otherwise one plain line per stage change (so that logs of CI and batch jobs stay readable).
#include "core/common/progress.h"

#include <chrono>
#include <mutex>
#include <string>

namespace dacl::cli {

class TerminalProgress : public ProgressSink {
public:
    explicit TerminalProgress(bool quiet = false);
    ~TerminalProgress() override;
    void report(const std::string& stage, std::size_t done, std::size_t total) override;
    void log(const std::string& message) override;
    // Names the pipeline's run as soon as it exists: an interrupted run is resumed by its id.
    void pipelineEvent(const PipelineEvent& event) override;
    // Ends the current bar line (e.g. before printing a results table).
    void finish();

private:
    bool quiet_;
    bool tty_;
    std::mutex mutex_;
    std::string stage_;
    std::chrono::steady_clock::time_point stageStart_;
    std::chrono::steady_clock::time_point lastDraw_;
    bool lineOpen_ = false;
};

}  // namespace dacl::cli
