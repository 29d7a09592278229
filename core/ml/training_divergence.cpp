#include "core/ml/training_divergence.h"

#include <cmath>

namespace dacl::ml {

namespace {
std::string message(const std::string& stage, int epoch, const std::string& what, double value) {
    return stage + ": training diverged at epoch " + std::to_string(epoch) + ": " + what + " is " +
           (std::isnan(value) ? "NaN" : value > 0 ? "+infinity" : "-infinity") +
           " (try a lower learning rate; check the input for extreme values)";
}
}  // namespace

TrainingDiverged::TrainingDiverged(const std::string& stage, int epoch, const std::string& what, double value)
    : std::runtime_error(message(stage, epoch, what, value)), epoch_(epoch) {}

void requireFinite(const std::string& stage, int epoch, const std::string& what, double value) {
    if (!std::isfinite(value)) throw TrainingDiverged(stage, epoch, what, value);
}

}  // namespace dacl::ml
