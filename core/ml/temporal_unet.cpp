#include "core/ml/temporal_unet.h"

#include "core/ml/unet_encoder.h"

#include <algorithm>

namespace dacl::ml {

namespace {

int groupsFor(int channels, int wanted) {
    int g = std::min(wanted, channels);
    while (channels % g) --g;
    return g;
}

torch::nn::Conv1d conv(int in, int out, int k, int stride = 1) {
    return torch::nn::Conv1d(torch::nn::Conv1dOptions(in, out, k).stride(stride).padding(k / 2));
}

// Nearest-neighbour ×2 in time, cut to `frames`.
torch::Tensor upsampleTo(const torch::Tensor& x, std::int64_t frames) {
    return x.repeat_interleave(2, 2).narrow(2, 0, frames);
}

}  // namespace

torch::Tensor frameMask(const torch::Tensor& valid, std::int64_t frames) {
    const auto idx = torch::arange(frames, torch::TensorOptions().dtype(torch::kInt64).device(valid.device()));
    return (idx.unsqueeze(0) < valid.unsqueeze(1)).to(torch::kFloat32);
}

torch::Tensor halveValid(const torch::Tensor& valid) { return torch::div(valid + 1, 2, "floor"); }

torch::Tensor maskedMeanPool(const torch::Tensor& x, const torch::Tensor& mask) {
    const auto m = mask.unsqueeze(1);
    return (x * m).sum(2) / m.sum(2).clamp_min(1.0);
}

MaskedGroupNormImpl::MaskedGroupNormImpl(int g, int channels) : groups(groupsFor(channels, g)) {
    weight = register_parameter("weight", torch::ones({channels}));
    bias = register_parameter("bias", torch::zeros({channels}));
}

torch::Tensor MaskedGroupNormImpl::forward(const torch::Tensor& x, const torch::Tensor& mask) {
    const auto B = x.size(0), C = x.size(1), L = x.size(2);
    const auto xg = x.reshape({B, groups, C / groups, L});
    const auto m = mask.reshape({B, 1, 1, L});
    const auto count = (m.sum({2, 3}, true) * static_cast<double>(C / groups)).clamp_min(1.0);
    const auto mean = (xg * m).sum({2, 3}, true) / count;
    const auto centred = (xg - mean) * m;
    const auto var = centred.pow(2).sum({2, 3}, true) / count;
    const auto y = (centred / torch::sqrt(var + 1e-5)).reshape({B, C, L});
    return (y * weight.view({1, C, 1}) + bias.view({1, C, 1})) * mask.unsqueeze(1);
}

TemporalBlockImpl::TemporalBlockImpl(int in, int out, int timeDim, int groups) {
    conv1 = register_module("conv1", conv(in, out, 5));
    conv2 = register_module("conv2", conv(out, out, 5));
    norm1 = register_module("norm1", MaskedGroupNorm(groups, out));
    norm2 = register_module("norm2", MaskedGroupNorm(groups, out));
    timeProj = register_module("time_proj", torch::nn::Linear(timeDim, out));
    if (in != out) skip = register_module("skip", torch::nn::Conv1d(torch::nn::Conv1dOptions(in, out, 1)));
}

torch::Tensor TemporalBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& mask, const torch::Tensor& temb) {
    const auto m = mask.unsqueeze(1);
    auto h = torch::silu(norm1(conv1(x * m), mask));
    if (temb.defined()) h = (h + timeProj(temb).unsqueeze(2)) * m;
    h = torch::silu(norm2(conv2(h), mask));
    return (h + (skip ? skip(x) : x)) * m;
}

TemporalUNetImpl::TemporalUNetImpl(const TemporalUNetSettings& s) : settings_(s) {
    const int w = s.width, td = s.timeEmbedDim, g = 8;
    stem = register_module("stem", conv(s.inputChannels, w, 5));
    timeMlp = register_module("time_mlp", torch::nn::Sequential(torch::nn::Linear(td, td), torch::nn::SiLU(),
                                                                 torch::nn::Linear(td, td)));
    enc1 = register_module("enc1", TemporalBlock(w, w, td, g));
    down1 = register_module("down1", conv(w, w, 3, 2));
    enc2 = register_module("enc2", TemporalBlock(w, 2 * w, td, g));
    down2 = register_module("down2", conv(2 * w, 2 * w, 3, 2));
    mid = register_module("mid", TemporalBlock(2 * w, 2 * w, td, g));
    dec2 = register_module("dec2", TemporalBlock(4 * w, w, td, g));
    dec1 = register_module("dec1", TemporalBlock(2 * w, w, td, g));
    projHead = register_module("proj", torch::nn::Sequential(torch::nn::Linear(3 * w, 3 * w), torch::nn::SiLU(),
                                                             torch::nn::Linear(3 * w, s.projectionDim)));
    classHead = register_module("class_head", torch::nn::Linear(3 * w, s.numClasses));
    hMean = register_buffer("h_mean", torch::zeros({3 * w}));
    hStd = register_buffer("h_std", torch::ones({3 * w}));
}

torch::Tensor TemporalUNetImpl::represent(const torch::Tensor& x, const torch::Tensor& valid, const torch::Tensor& t) {
    const auto L0 = x.size(2);
    const auto v1 = halveValid(valid), v2 = halveValid(v1);
    const auto m0 = frameMask(valid, L0);
    torch::Tensor temb;
    if (settings_.timeConditioning) temb = timeMlp->forward(timestepEmbedding(t, settings_.timeEmbedDim));

    const auto a = enc1(stem(x * m0.unsqueeze(1)), m0, temb);
    auto d = down1(a);
    const auto m1 = frameMask(v1, d.size(2));
    const auto b = enc2(d, m1, temb);
    d = down2(b * m1.unsqueeze(1));
    const auto m2 = frameMask(v2, d.size(2));
    const auto bottleneck = mid(d, m2, temb);
    auto u = dec2(torch::cat({upsampleTo(bottleneck, b.size(2)) * m1.unsqueeze(1), b}, 1), m1, temb);
    u = dec1(torch::cat({upsampleTo(u, a.size(2)) * m0.unsqueeze(1), a}, 1), m0, temb);
    return torch::cat({maskedMeanPool(bottleneck, m2), maskedMeanPool(u, m0)}, 1);
}

torch::Tensor TemporalUNetImpl::project(const torch::Tensor& h) {
    return torch::nn::functional::normalize(projHead->forward(h), torch::nn::functional::NormalizeFuncOptions().dim(1));
}

torch::Tensor TemporalUNetImpl::classify(const torch::Tensor& h) { return classHead((h - hMean) / hStd); }

void TemporalUNetImpl::setHead(const torch::Tensor& weight, const torch::Tensor& bias) {
    torch::NoGradGuard guard;
    classHead->weight.copy_(weight);
    classHead->bias.copy_(bias);
}

void TemporalUNetImpl::setHeadStandardisation(const torch::Tensor& mean, const torch::Tensor& std) {
    torch::NoGradGuard guard;
    hMean.copy_(mean);
    hStd.copy_(std.clamp_min(1e-6));
}

}  // namespace dacl::ml
