#include "app/cli/terminal_progress.h"

#include <unistd.h>

#include <cstdio>
#include <string>
#include <variant>

namespace dacl::cli {

TerminalProgress::TerminalProgress(bool quiet) : quiet_(quiet), tty_(isatty(STDERR_FILENO) != 0) {}

TerminalProgress::~TerminalProgress() { finish(); }

void TerminalProgress::finish() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (lineOpen_) std::fputc('\n', stderr);
    lineOpen_ = false;
}

void TerminalProgress::report(const std::string& stage, std::size_t done, std::size_t total) {
    if (quiet_) return;
    std::lock_guard<std::mutex> lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    const bool newStage = stage != stage_;
    if (newStage) {
        stage_ = stage;
        stageStart_ = now;
        if (lineOpen_) std::fputc('\n', stderr);
        lineOpen_ = false;
        if (!tty_) std::fprintf(stderr, "%s ...\n", stage.c_str());
    }
    if (!tty_) return;
    // Redraw at most 10 times a second, and always at the end of a stage.
    if (!newStage && done < total && now - lastDraw_ < std::chrono::milliseconds(100)) return;
    lastDraw_ = now;
    const double fraction = total ? static_cast<double>(done) / static_cast<double>(total) : 0.0;
    const double elapsed = std::chrono::duration<double>(now - stageStart_).count();
    const int width = 30;
    const int filled = static_cast<int>(fraction * width + 0.5);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(width, '.');
    char eta[32] = "";
    if (fraction > 0.02 && done < total)
        std::snprintf(eta, sizeof eta, " ETA %.0f s", elapsed * (1.0 - fraction) / fraction);
    std::fprintf(stderr, "\r%-28.28s [%s] %zu/%zu %5.1f s%s   ", stage.c_str(), bar.c_str(), done,
                 total, elapsed, eta);
    std::fflush(stderr);
    lineOpen_ = true;
}

void TerminalProgress::log(const std::string& message) {
    if (quiet_) return;
    std::lock_guard<std::mutex> lock(mutex_);
    if (lineOpen_) std::fputc('\n', stderr);
    lineOpen_ = false;
    std::fprintf(stderr, "%s\n", message.c_str());
}

void TerminalProgress::pipelineEvent(const PipelineEvent& event) {
    const auto* created = std::get_if<event::RunCreated>(&event);
    if (!created || created->parentRunId || created->resumed) return;  // core logs a resume itself
    const std::string id = std::to_string(created->runId);
    log("run " + id + " created (if interrupted: --resume " + id + ")");
}

}  // namespace dacl::cli
