#pragma once
// Who owns a running run, and whether that owner is still alive. Used to mark runs whose process
// died (crash, SIGKILL, power loss) as interrupted the next time a results file is opened.
#include <cstdint>
#include <string>

namespace dacl::store {

struct ProcessOwner {
    std::int64_t pid = 0;
    std::string host;
    // Start time of the process (Linux: clock ticks since boot, /proc/PID/stat field 22; 0 where
    // unknown). Tells a live process from an unrelated one that reuses the pid later.
    std::int64_t startTime = 0;
};

ProcessOwner currentProcess();

// For an owner on THIS host: true when the pid does not exist (kill(pid, 0) fails with ESRCH),
// is a zombie, or now belongs to a process with a different start time.
bool processGone(const ProcessOwner& owner);

}  // namespace dacl::store
