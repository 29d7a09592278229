#pragma once
// Resident memory of this process, for the pipeline's stage log (the cost targets are in RSS).
// Linux reads /proc/self/status; elsewhere the values are unknown (nullopt).
#include <cstdint>
#include <optional>
#include <string>

namespace dacl {

std::optional<std::int64_t> residentBytes();      // VmRSS now
std::optional<std::int64_t> peakResidentBytes();  // VmHWM: the most since the process started

// "RSS 1.2 GB, peak 3.4 GB" (or "" when unknown).
std::string residentSummary();

}  // namespace dacl
