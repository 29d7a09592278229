#pragma once
// A training loss that becomes NaN or infinite is an error with the stage and the epoch, never a
// run that "finishes" with NULL losses and a model of NaN weights. Torch-free, so
// any trainer can call it with loss.item<double>(); the pipeline marks the run failed with what().
#include <stdexcept>
#include <string>

namespace dacl::ml {

class TrainingDiverged : public std::runtime_error {
public:
    TrainingDiverged(const std::string& stage, int epoch, const std::string& what, double value);
    int epoch() const { return epoch_; }  // 1-based, as progress reports count epochs

private:
    int epoch_;
};

// Throws TrainingDiverged("<stage>: training diverged at epoch <epoch>: <what> is <value>; ...")
// when `value` is not finite. `epoch` is 1-based. Example, in a trainer's batch loop:
//   requireFinite("SupCon stage 1", epoch + 1, "the training loss", loss.item<double>());
void requireFinite(const std::string& stage, int epoch, const std::string& what, double value);

}  // namespace dacl::ml
