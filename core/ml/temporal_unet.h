#pragma once
// The time-conditioned 1-D U-Net over the frames of a record (method.md v2 §6), internal (torch).
// Input [B, C, L] with a per-record count of valid frames; padding never changes a record's
// output: every convolution's input is zero past the valid frames (so a valid frame next to the
// end sees the same zeros however long the padding is), GroupNorm statistics and the global
// average pools count valid frames only.
#include <torch/torch.h>

namespace dacl::ml {

// [B, L] float mask: 1 for frames j < valid[b] (valid: [B] int64).
torch::Tensor frameMask(const torch::Tensor& valid, std::int64_t frames);
// Valid frames after a stride-2 step: ceil(v / 2).
torch::Tensor halveValid(const torch::Tensor& valid);
// Mean over valid frames: x [B, C, L], mask [B, L] → [B, C].
torch::Tensor maskedMeanPool(const torch::Tensor& x, const torch::Tensor& mask);

// GroupNorm whose statistics ignore padding frames (affine, per channel).
struct MaskedGroupNormImpl : torch::nn::Module {
    MaskedGroupNormImpl(int groups, int channels);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& mask);
    int groups;
    torch::Tensor weight, bias;
};
TORCH_MODULE(MaskedGroupNorm);

// conv(k=5) → masked GroupNorm → SiLU, + projected time embedding, conv → norm → SiLU,
// + residual (1×1 conv when the width changes); zero past the valid frames.
struct TemporalBlockImpl : torch::nn::Module {
    TemporalBlockImpl(int in, int out, int timeDim, int groups);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& mask, const torch::Tensor& temb);
    torch::nn::Conv1d conv1{nullptr}, conv2{nullptr}, skip{nullptr};
    MaskedGroupNorm norm1{nullptr}, norm2{nullptr};
    torch::nn::Linear timeProj{nullptr};
};
TORCH_MODULE(TemporalBlock);

struct TemporalUNetSettings {
    int inputChannels = 32;  // d (latent) or C (frames, for the supervised CNN baseline)
    int width = 32;          // first level; the down path is w → 2w (bottleneck 2w)
    int timeEmbedDim = 64;
    bool timeConditioning = true;
    int projectionDim = 128;
    int numClasses = 2;      // the fine-tuning / supervised head
};

struct TemporalUNetImpl : torch::nn::Module {
    explicit TemporalUNetImpl(const TemporalUNetSettings& settings);

    // h = [masked GAP(bottleneck); masked GAP(output)], [B, 3w]. valid: [B] int64, t: [B] int64.
    torch::Tensor represent(const torch::Tensor& x, const torch::Tensor& valid, const torch::Tensor& t);
    torch::Tensor project(const torch::Tensor& h);   // 2-layer MLP → L2-normalised [B, projectionDim]
    // Linear head on h standardised with hMean/hStd → logits [B, numClasses].
    torch::Tensor classify(const torch::Tensor& h);
    // Sets the head's input standardisation (raw h spreads little: an unscaled head barely learns).
    void setHeadStandardisation(const torch::Tensor& mean, const torch::Tensor& std);
    // Starts the head from given weights [K, D] and bias [K] (e.g. a fitted linear probe).
    void setHead(const torch::Tensor& weight, const torch::Tensor& bias);
    int representationDim() const { return 3 * settings_.width; }
    const TemporalUNetSettings& settings() const { return settings_; }

private:
    TemporalUNetSettings settings_;
    torch::nn::Conv1d stem{nullptr}, down1{nullptr}, down2{nullptr};
    torch::nn::Sequential timeMlp{nullptr}, projHead{nullptr};
    TemporalBlock enc1{nullptr}, enc2{nullptr}, mid{nullptr}, dec2{nullptr}, dec1{nullptr};
    torch::nn::Linear classHead{nullptr};
    torch::Tensor hMean, hStd;
};
TORCH_MODULE(TemporalUNet);

}  // namespace dacl::ml
