#include "core/common/thread_share.h"

#include <algorithm>
#include <cstdlib>
#include <thread>

namespace dacl {

ThreadShare localThreadShare() {
    ThreadShare t;
    t.cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (const char* v = std::getenv("LOCAL_WORLD_SIZE")) {
        char* end = nullptr;
        const long n = std::strtol(v, &end, 10);
        if (end != v && *end == '\0' && n >= 1 && n <= 4096) t.localRanks = static_cast<int>(n);
    }
    return t;
}

std::string applyThreadShare(Settings& s, const ThreadShare& share) {
    for (const char* key : {"threads", "train.threads"})
        if (s.getInt(key) == 0) s.set(key, share.perRank());
    return "each of " + std::to_string(share.localRanks) + " local rank(s) on " + std::to_string(share.cores) +
           " cores: " + std::to_string(s.getInt("threads")) + " feature thread(s), " +
           std::to_string(s.getInt("train.threads")) + " training (intra-op) thread(s)";
}

}  // namespace dacl
