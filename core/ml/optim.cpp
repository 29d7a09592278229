#include "core/ml/optim.h"

#include <stdexcept>

namespace dacl::ml {

std::unique_ptr<torch::optim::AdamW> makeAdamW(const std::vector<torch::Tensor>& params, double lr,
                                               double weightDecay) {
    if (!(lr > 0) || !(weightDecay >= 0))
        throw std::invalid_argument("AdamW: need lr > 0 and weight decay >= 0");
    return std::make_unique<torch::optim::AdamW>(
        params, torch::optim::AdamWOptions(lr).weight_decay(weightDecay));
}

void setLearningRate(torch::optim::Optimizer& opt, double lr) {
    for (auto& group : opt.param_groups()) group.options().set_lr(lr);
}

}  // namespace dacl::ml
