#pragma once
// AdamW construction and per-step learning rate (internal, torch).
#include "core/ml/lr_schedule.h"

#include <torch/torch.h>

#include <memory>

namespace dacl::ml {

std::unique_ptr<torch::optim::AdamW> makeAdamW(const std::vector<torch::Tensor>& params, double lr,
                                               double weightDecay);
// Sets the learning rate of every parameter group.
void setLearningRate(torch::optim::Optimizer& opt, double lr);

}  // namespace dacl::ml
