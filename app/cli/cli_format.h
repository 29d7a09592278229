#pragma once
// Number formatting and timing shared by the CLI commands, so that every command writes numbers
// and measures time the same way.
#include <chrono>
#include <cstdio>
#include <string>

namespace dacl::cli {

// Shortest text that reads back as the same double (CSV outputs meant for other programs).
inline std::string g17(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

// Wall seconds since `t0` on the steady clock (benchmarks and progress figures).
inline double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace dacl::cli
