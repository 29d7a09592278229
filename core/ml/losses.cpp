#include "core/ml/losses.h"

#include <limits>
#include <stdexcept>

namespace dacl::ml {

namespace {
void checkBatch(const torch::Tensor& f, const torch::Tensor& labels, const char* who) {
    if (f.dim() != 2 || labels.dim() != 1 || labels.size(0) != f.size(0))
        throw std::invalid_argument(std::string(who) + ": need features [N, D] and labels [N]");
}
}  // namespace

torch::Tensor supConLoss(const torch::Tensor& features, const torch::Tensor& labels,
                         double temperature) {
    checkBatch(features, labels, "SupCon");
    if (!(temperature > 0)) throw std::invalid_argument("SupCon: temperature must be > 0");
    const auto N = features.size(0);
    auto eye = torch::eye(N, torch::TensorOptions().dtype(torch::kBool).device(features.device()));
    auto lab = labels.to(features.device());
    auto positives = lab.unsqueeze(0).eq(lab.unsqueeze(1)).logical_and(eye.logical_not());

    auto logits = features.matmul(features.t()) / temperature;
    // Exclude a == i from the denominator; logsumexp is stable for any logit scale.
    auto masked = logits.masked_fill(eye, -std::numeric_limits<double>::infinity());
    auto logProb = masked - torch::logsumexp(masked, 1, /*keepdim=*/true);
    // where() (not a product with the mask) keeps the −inf diagonal out of the sum and its grad.
    auto posLogProb = torch::where(positives, logProb, torch::zeros_like(logProb)).sum(1);
    auto nPos = positives.sum(1);
    auto has = nPos.gt(0);
    if (!has.any().item<bool>()) return (features * 0).sum();
    auto perAnchor = -posLogProb.masked_select(has) / nPos.masked_select(has).to(features.scalar_type());
    return perAnchor.mean();
}

torch::Tensor batchHardTripletLoss(const torch::Tensor& features, const torch::Tensor& labels,
                                   double margin) {
    checkBatch(features, labels, "triplet");
    const auto N = features.size(0);
    auto lab = labels.to(features.device());
    auto eye = torch::eye(N, torch::TensorOptions().dtype(torch::kBool).device(features.device()));
    auto same = lab.unsqueeze(0).eq(lab.unsqueeze(1));
    auto pos = same.logical_and(eye.logical_not());
    auto neg = same.logical_not();
    // Squared distances from the Gram matrix; clamp and a tiny epsilon keep sqrt differentiable
    // at zero distance (identical views).
    auto sq = (features * features).sum(1);
    auto d2 = (sq.unsqueeze(1) + sq.unsqueeze(0) - 2 * features.matmul(features.t())).clamp_min(0);
    auto d = torch::sqrt(d2 + 1e-12);
    const double big = 1e9;
    auto hardestPos = torch::where(pos, d, torch::full_like(d, -big)).amax(1);
    auto hardestNeg = torch::where(neg, d, torch::full_like(d, big)).amin(1);
    auto valid = pos.any(1).logical_and(neg.any(1));
    if (!valid.any().item<bool>()) return (features * 0).sum();
    auto l = torch::relu(hardestPos - hardestNeg + margin);
    return l.masked_select(valid).mean();
}

}  // namespace dacl::ml
