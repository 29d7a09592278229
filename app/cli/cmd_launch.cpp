// `dacl launch --nproc N -- COMMAND...`: starts N local ranks of COMMAND (typically
// `dacl pipeline ... --distributed`) with the variables torchrun sets (MASTER_ADDR=127.0.0.1, a
// free MASTER_PORT, WORLD_SIZE, RANK, LOCAL_RANK, LOCAL_WORLD_SIZE), waits for them and exits with
// their code. A rank that fails makes the launcher stop the others (the survivors would otherwise
// wait for it until their timeout) and say which rank failed and how; the ranks end with the
// launcher.
#include "app/cli/commands.h"
#include "core/ml/distributed.h"

#include <CLI/CLI.hpp>

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace dacl::cli {

namespace {

std::string describeStatus(int status) {
    if (WIFEXITED(status)) return "exit code " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return std::string("killed by signal ") + std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) + ")";
    return "status " + std::to_string(status);
}

int exitCodeOf(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0); }

pid_t startRank(const std::vector<std::string>& command, int rank, int nproc, int port) {
    const pid_t launcher = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error(std::string("launch: cannot start a rank: ") + std::strerror(errno));
    if (pid > 0) return pid;
    // The ranks go with the launcher, however it ends (killed, or its job stopped): a rank left
    // alone would train on unwatched, or wait for a peer until the timeout. The run is then
    // interrupted and resumes like any other.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != launcher) ::_exit(128 + SIGTERM);  // it ended before the line above
    ::setenv("MASTER_ADDR", "127.0.0.1", 1);
    ::setenv("MASTER_PORT", std::to_string(port).c_str(), 1);
    ::setenv("WORLD_SIZE", std::to_string(nproc).c_str(), 1);
    ::setenv("RANK", std::to_string(rank).c_str(), 1);
    ::setenv("LOCAL_RANK", std::to_string(rank).c_str(), 1);
    // As torchrun: the ranks on this machine (each rank's "all cores" is its share of them).
    ::setenv("LOCAL_WORLD_SIZE", std::to_string(nproc).c_str(), 1);
    // As torchrun: ranks that share a machine would oversubscribe its cores with one OpenMP pool each.
    ::setenv("OMP_NUM_THREADS", "1", 0);
    // `dacl` means this very binary (a build tree's dacl, not whichever is on PATH).
    const std::string program = command[0] == "dacl" ? "/proc/self/exe" : command[0];
    std::vector<char*> argv;
    for (const auto& a : command) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execvp(program.c_str(), argv.data());
    std::fprintf(stderr, "dacl launch: rank %d: cannot run %s: %s\n", rank, command[0].c_str(), std::strerror(errno));
    ::_exit(127);
}

// Stops the ranks still running: SIGTERM, then SIGKILL for those still there after `grace`.
void stopAll(std::vector<pid_t>& pids, std::chrono::seconds grace) {
    for (pid_t p : pids)
        if (p > 0) ::kill(p, SIGTERM);
    const auto until = std::chrono::steady_clock::now() + grace;
    for (;;) {
        bool alive = false;
        for (pid_t& p : pids) {
            if (p <= 0) continue;
            int status = 0;
            if (::waitpid(p, &status, WNOHANG) == p) p = -1;
            else alive = true;
        }
        if (!alive) return;
        if (std::chrono::steady_clock::now() > until) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    for (pid_t& p : pids)
        if (p > 0) {
            ::kill(p, SIGKILL);
            ::waitpid(p, nullptr, 0);
            p = -1;
        }
}

}  // namespace

void registerLaunchCommand(CLI::App& app) {
    auto* cmd = app.add_subcommand("launch", "Start N local ranks of a command for distributed training (like torchrun)");
    auto nproc = std::make_shared<int>(2);
    auto grace = std::make_shared<int>(10);
    auto command = std::make_shared<std::vector<std::string>>();
    cmd->add_option("--nproc", *nproc, "Ranks to start on this machine")->capture_default_str()->check(CLI::Range(1, 256));
    cmd->add_option("--grace", *grace, "Seconds the other ranks get to stop after one failed, before SIGKILL")
        ->capture_default_str()
        ->check(CLI::Range(0, 3600));
    cmd->add_option("command", *command, "The command every rank runs, after --, e.g. -- dacl pipeline ... --distributed")
        ->required();
    cmd->footer("Example: dacl launch --nproc 2 -- dacl pipeline --data DIR --db runs.sqlite --distributed");
    cmd->callback([=] {
        const int port = ml::freeLoopbackPort();
        std::vector<pid_t> pids;
        for (int r = 0; r < *nproc; ++r) {
            try {
                pids.push_back(startRank(*command, r, *nproc, port));
            } catch (...) {
                stopAll(pids, std::chrono::seconds(*grace));
                throw;
            }
        }
        int running = *nproc;
        while (running > 0) {
            int status = 0;
            const pid_t done = ::waitpid(-1, &status, 0);
            if (done < 0) {
                if (errno == EINTR) continue;
                throw std::runtime_error(std::string("launch: waiting for the ranks: ") + std::strerror(errno));
            }
            int rank = -1;
            for (int r = 0; r < *nproc; ++r)
                if (pids[static_cast<std::size_t>(r)] == done) rank = r;
            if (rank < 0) continue;
            pids[static_cast<std::size_t>(rank)] = -1;
            --running;
            if (WIFEXITED(status) && WEXITSTATUS(status) == 0) continue;
            // A rank that loses a peer fails at once too, and may be reaped first: of the ranks
            // that have ended by now, one killed by a signal is named as the cause.
            std::vector<std::pair<int, int>> failed{{rank, status}};
            for (int r = 0; r < *nproc; ++r) {
                pid_t& p = pids[static_cast<std::size_t>(r)];
                int st = 0;
                if (p > 0 && ::waitpid(p, &st, WNOHANG) == p) {
                    p = -1;
                    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) failed.emplace_back(r, st);
                }
            }
            std::stable_partition(failed.begin(), failed.end(), [](const auto& f) { return WIFSIGNALED(f.second); });
            std::fprintf(stderr, "dacl launch: rank %d of %d failed (%s); stopping the other ranks\n", failed[0].first,
                         *nproc, describeStatus(failed[0].second).c_str());
            for (std::size_t i = 1; i < failed.size(); ++i)
                std::fprintf(stderr, "dacl launch: rank %d of %d failed too (%s)\n", failed[i].first, *nproc,
                             describeStatus(failed[i].second).c_str());
            stopAll(pids, std::chrono::seconds(*grace));
            throw CLI::RuntimeError(exitCodeOf(failed[0].second) == 0 ? 1 : exitCodeOf(failed[0].second));
        }
    });
}

}  // namespace dacl::cli
