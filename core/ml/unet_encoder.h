#pragma once
// The time-conditioned 1-D convolutional U-Net encoder over the latent vector (internal, torch).
// The latent z ∈ R^d is read as a 1-channel sequence of length d (d divisible by 4).
#include "core/ml/encoder_settings.h"

#include <torch/torch.h>

namespace dacl::ml {

// [B] timesteps (any integer dtype) → [B, dim] sinusoidal embedding (Vaswani et al. 2017 /
// DDPM): sin(t·ω_i) ‖ cos(t·ω_i), ω_i = 10000^(−i/(dim/2)).
torch::Tensor timestepEmbedding(const torch::Tensor& t, int dim);

// conv → GroupNorm → SiLU, + projected time embedding, conv → GroupNorm → SiLU, + residual
// (1×1 conv when the channel count changes).
struct ResBlockImpl : torch::nn::Module {
    ResBlockImpl(int in, int out, int timeDim, int groups);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& temb);

    torch::nn::Conv1d conv1{nullptr}, conv2{nullptr}, skip{nullptr};
    torch::nn::GroupNorm norm1{nullptr}, norm2{nullptr};
    torch::nn::Linear timeProj{nullptr};
};
TORCH_MODULE(ResBlock);

struct UNetEncoderImpl : torch::nn::Module {
    UNetEncoderImpl(int latentDim, const EncoderSettings& settings);

    // h = [GAP(bottleneck); GAP(output)], [B, 5·baseWidth]. t: [B] int64 (ignored when time
    // conditioning is off).
    torch::Tensor represent(const torch::Tensor& z, const torch::Tensor& t);
    // Projection head: 2-layer MLP → projectionDim, L2-normalised rows.
    torch::Tensor project(const torch::Tensor& h);
    torch::Tensor forward(const torch::Tensor& z, const torch::Tensor& t) { return project(represent(z, t)); }

    int latentDim() const { return latentDim_; }
    int representationDim() const { return 5 * settings_.baseWidth; }
    const EncoderSettings& settings() const { return settings_; }

private:
    int latentDim_;
    EncoderSettings settings_;
    torch::nn::Conv1d stem{nullptr};
    torch::Tensor positionEmbedding;  // [1, c, d] when settings.positional
    torch::nn::Sequential timeMlp{nullptr};
    ResBlock enc1{nullptr}, enc2{nullptr}, enc3{nullptr}, mid{nullptr}, dec2{nullptr}, dec1{nullptr};
    torch::nn::Sequential head{nullptr};
};
TORCH_MODULE(UNetEncoder);

}  // namespace dacl::ml
