#include "core/store/process_owner.h"

#include <cerrno>
#include <exception>
#include <fstream>
#include <signal.h>
#include <sstream>
#include <unistd.h>

namespace dacl::store {
namespace {

struct ProcStat {
    bool readable = false;
    char state = '?';
    std::int64_t startTime = 0;
};

// /proc/PID/stat: "pid (comm) state ppid ... starttime(22) ..."; comm may contain spaces and
// parentheses, so fields are counted after the LAST ')'.
ProcStat readProcStat(std::int64_t pid) {
    ProcStat st;
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!in || !std::getline(in, line)) return st;
    const auto close = line.rfind(')');
    if (close == std::string::npos) return st;
    std::istringstream fields(line.substr(close + 1));
    std::string field;
    for (int index = 3; fields >> field; ++index) {  // first field after ')' is field 3 (state)
        if (index == 3) st.state = field.empty() ? '?' : field[0];
        if (index == 22) {
            try {
                st.startTime = std::stoll(field);
                st.readable = true;
            } catch (const std::exception&) {
            }
            break;
        }
    }
    return st;
}

}  // namespace

ProcessOwner currentProcess() {
    ProcessOwner me;
    me.pid = static_cast<std::int64_t>(::getpid());
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) == 0) me.host = host;
    me.startTime = readProcStat(me.pid).startTime;
    return me;
}

bool processGone(const ProcessOwner& owner) {
    if (owner.pid <= 0) return true;
    if (::kill(static_cast<pid_t>(owner.pid), 0) != 0 && errno == ESRCH) return true;
    // It exists (or belongs to another user: EPERM). Check for a zombie or a reused pid.
    const ProcStat st = readProcStat(owner.pid);
    if (!st.readable) return false;  // no /proc: trust kill()
    if (st.state == 'Z' || st.state == 'X') return true;
    return owner.startTime != 0 && st.startTime != owner.startTime;
}

}  // namespace dacl::store
