#include "core/common/process_memory.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace dacl {

namespace {

std::optional<std::int64_t> statusKb(const std::string& key) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(key + ":", 0) != 0) continue;
        std::istringstream fields(line.substr(key.size() + 1));
        std::int64_t kb = 0;
        if (fields >> kb) return kb * 1024;
    }
    return std::nullopt;
}

std::string gb(std::int64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f GB", static_cast<double>(bytes) / 1e9);
    return text;
}

}  // namespace

std::optional<std::int64_t> residentBytes() { return statusKb("VmRSS"); }
std::optional<std::int64_t> peakResidentBytes() { return statusKb("VmHWM"); }

std::string residentSummary() {
    const auto now = residentBytes(), peak = peakResidentBytes();
    if (!now || !peak) return {};
    return "RSS " + gb(*now) + ", peak " + gb(*peak);
}

}  // namespace dacl
