#include "core/ml/lr_schedule.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dacl::ml {

double LrSchedule::at(std::int64_t step) const {
    if (totalSteps < 1 || warmupSteps < 0 || step < 0)
        throw std::invalid_argument("lr schedule: need totalSteps >= 1, warmupSteps >= 0, step >= 0");
    if (step < warmupSteps) return baseLr * static_cast<double>(step + 1) / static_cast<double>(warmupSteps);
    const std::int64_t span = totalSteps - 1 - warmupSteps;
    if (span <= 0) return baseLr;
    const double p = std::min(1.0, static_cast<double>(step - warmupSteps) / static_cast<double>(span));
    return minLr + 0.5 * (baseLr - minLr) * (1.0 + std::cos(std::acos(-1.0) * p));
}

}  // namespace dacl::ml
