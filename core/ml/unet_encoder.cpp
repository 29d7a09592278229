#include "core/ml/unet_encoder.h"

#include <cmath>
#include <stdexcept>

namespace dacl::ml {

namespace F = torch::nn::functional;

namespace {

// Largest group count <= wanted that divides the channels (GroupNorm requires it).
int groupsFor(int channels, int wanted) {
    int g = std::max(1, std::min(wanted, channels));
    while (channels % g != 0) --g;
    return g;
}

torch::nn::Conv1d conv3(int in, int out) {
    return torch::nn::Conv1d(torch::nn::Conv1dOptions(in, out, 3).padding(1));
}

}  // namespace

torch::Tensor timestepEmbedding(const torch::Tensor& t, int dim) {
    if (dim < 2 || dim % 2 != 0) throw std::invalid_argument("time embedding size must be even");
    const int half = dim / 2;
    auto opts = torch::TensorOptions().dtype(torch::kFloat32).device(t.device());
    auto freqs = torch::exp(-std::log(10000.0) * torch::arange(half, opts) / half);
    auto args = t.to(torch::kFloat32).unsqueeze(1) * freqs.unsqueeze(0);
    return torch::cat({torch::sin(args), torch::cos(args)}, 1);
}

ResBlockImpl::ResBlockImpl(int in, int out, int timeDim, int groups) {
    conv1 = register_module("conv1", conv3(in, out));
    norm1 = register_module("norm1", torch::nn::GroupNorm(groupsFor(out, groups), out));
    conv2 = register_module("conv2", conv3(out, out));
    norm2 = register_module("norm2", torch::nn::GroupNorm(groupsFor(out, groups), out));
    if (timeDim > 0) timeProj = register_module("time_proj", torch::nn::Linear(timeDim, out));
    if (in != out)
        skip = register_module("skip", torch::nn::Conv1d(torch::nn::Conv1dOptions(in, out, 1)));
}

torch::Tensor ResBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& temb) {
    auto h = F::silu(norm1(conv1(x)));
    if (timeProj && temb.defined()) h = h + timeProj(temb).unsqueeze(-1);
    h = F::silu(norm2(conv2(h)));
    return h + (skip ? skip(x) : x);
}

UNetEncoderImpl::UNetEncoderImpl(int latentDim, const EncoderSettings& s)
    : latentDim_(latentDim), settings_(s) {
    if (latentDim < 4 || latentDim % 4 != 0)
        throw std::invalid_argument("U-Net encoder: latent size must be a multiple of 4, got " +
                                    std::to_string(latentDim));
    if (s.baseWidth < 1 || s.projectionDim < 1)
        throw std::invalid_argument("U-Net encoder: widths must be positive");
    const int c = s.baseWidth;
    const int td = s.timeConditioning ? s.timeEmbedDim : 0;
    if (s.timeConditioning) {
        if (td < 2 || td % 2) throw std::invalid_argument("U-Net encoder: time embedding size must be even");
        timeMlp = register_module("time_mlp", torch::nn::Sequential(torch::nn::Linear(td, td),
                                                                   torch::nn::SiLU(),
                                                                   torch::nn::Linear(td, td)));
    }
    stem = register_module("stem", conv3(1, c));
    if (s.positional)
        positionEmbedding = register_parameter("position_embedding", torch::zeros({1, c, latentDim}));  // learned from zero: no RNG use, so seeded runs stay as they were
    enc1 = register_module("enc1", ResBlock(c, c, td, s.groups));
    enc2 = register_module("enc2", ResBlock(c, 2 * c, td, s.groups));
    enc3 = register_module("enc3", ResBlock(2 * c, 4 * c, td, s.groups));
    mid = register_module("mid", ResBlock(4 * c, 4 * c, td, s.groups));
    dec2 = register_module("dec2", ResBlock(4 * c + 2 * c, 2 * c, td, s.groups));
    dec1 = register_module("dec1", ResBlock(2 * c + c, c, td, s.groups));
    head = register_module("head", torch::nn::Sequential(torch::nn::Linear(5 * c, 5 * c),
                                                         torch::nn::SiLU(),
                                                         torch::nn::Linear(5 * c, s.projectionDim)));
}

torch::Tensor UNetEncoderImpl::represent(const torch::Tensor& z, const torch::Tensor& t) {
    if (z.dim() != 2 || z.size(1) != latentDim_)
        throw std::invalid_argument("U-Net encoder: expected input [B, " + std::to_string(latentDim_) + "]");
    torch::Tensor temb;
    if (settings_.timeConditioning) temb = timeMlp->forward(timestepEmbedding(t, settings_.timeEmbedDim));

    auto x = stem(z.unsqueeze(1));                 // [B, c, d]
    if (settings_.positional) x = x + positionEmbedding;
    auto s1 = enc1(x, temb);                       // [B, c, d]
    auto s2 = enc2(F::avg_pool1d(s1, F::AvgPool1dFuncOptions(2)), temb);      // [B, 2c, d/2]
    auto b = enc3(F::avg_pool1d(s2, F::AvgPool1dFuncOptions(2)), temb);       // [B, 4c, d/4]
    b = mid(b, temb);                                                         // bottleneck
    auto u2 = dec2(torch::cat({b.repeat_interleave(2, 2), s2}, 1), temb);    // [B, 2c, d/2]
    auto out = dec1(torch::cat({u2.repeat_interleave(2, 2), s1}, 1), temb);  // [B, c, d]
    return torch::cat({b.mean(2), out.mean(2)}, 1);
}

torch::Tensor UNetEncoderImpl::project(const torch::Tensor& h) {
    return F::normalize(head->forward(h), F::NormalizeFuncOptions().dim(1).p(2).eps(1e-12));
}

}  // namespace dacl::ml
