#pragma once
// Local ranks of a distributed run (`dacl launch --nproc N`, or torchrun, which both set
// LOCAL_WORLD_SIZE) share this machine's cores. "0 = all cores" in every one of them would start
// N times as many threads as there are cores; for a rank it means its share of them instead.
#include "core/common/settings.h"

#include <string>

namespace dacl {

struct ThreadShare {
    int cores = 1;       // this machine's hardware threads
    int localRanks = 1;  // ranks on this machine
    int perRank() const { return cores / localRanks > 0 ? cores / localRanks : 1; }
};

// This machine's cores and LOCAL_WORLD_SIZE (1 when unset or not a whole number >= 1).
ThreadShare localThreadShare();

// `threads` (features) and `train.threads` (intra-op) left at 0 become the rank's share. Returns
// the line the run logs at its start: what each rank runs with, and why.
std::string applyThreadShare(Settings& s, const ThreadShare& share);

}  // namespace dacl
