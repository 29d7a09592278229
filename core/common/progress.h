#pragma once
// How core reports progress and learns about cancellation, without knowing who listens.
// The GUI worker turns reports into queued Qt signals; the CLI draws a terminal bar.
#include "core/common/pipeline_events.h"

#include <cstddef>
#include <string>

namespace dacl {

class ProgressSink {
public:
    virtual ~ProgressSink() = default;
    // `stage` is a short human-readable name ("scattering", "epoch 3/40"); done <= total.
    virtual void report(const std::string& stage, std::size_t done, std::size_t total) = 0;
    // Long loops poll this at least every ~100 ms and stop early (throwing Cancelled) when true.
    virtual bool cancelled() const { return false; }
    // Free-form log line (training messages, skipped files).
    virtual void log(const std::string& /*message*/) {}
    // Typed milestones of a pipeline run (pipeline_events.h): listeners that need the run id or
    // the stage act on these, never on the `report` text, which is for people.
    virtual void pipelineEvent(const PipelineEvent& /*event*/) {}
};

// A sink that ignores everything: the default for callers that do not care.
class NullProgress final : public ProgressSink {
public:
    void report(const std::string&, std::size_t, std::size_t) override {}
};

// Thrown by core loops when ProgressSink::cancelled() became true.
struct Cancelled : std::exception {
    const char* what() const noexcept override { return "cancelled"; }
};

}  // namespace dacl
