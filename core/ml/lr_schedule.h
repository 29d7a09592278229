#pragma once
// Learning-rate schedule for AdamW (method.md §7): linear warm-up, then cosine decay. Torch-free.
#include <cstdint>

namespace dacl::ml {

struct LrSchedule {
    double baseLr = 1e-3;
    double minLr = 0.0;          // reached at the last step
    std::int64_t warmupSteps = 0;
    std::int64_t totalSteps = 1;

    // lr for optimiser step `step` (0-based): baseLr·(step+1)/warmupSteps during warm-up, then
    // minLr + ½(baseLr − minLr)(1 + cos(π·p)), p = (step − warmup)/(total − 1 − warmup) ∈ [0, 1].
    // So the first post-warm-up step uses baseLr and the last step uses minLr.
    double at(std::int64_t step) const;
};

}  // namespace dacl::ml
