#pragma once
// Forward diffusion on tensors (internal): closed-form q(z_t | z0) and the noisy training views.
#include "core/ml/diffusion_schedule.h"

#include <torch/torch.h>

namespace dacl::ml {

// A batch of views: z is [V·B, d] in view-major order (rows v·B … v·B+B−1 are view v of the
// B inputs, so the input of row r is r mod B); t is [V·B] int64, the timestep of each row.
struct Views {
    torch::Tensor z;
    torch::Tensor t;
};

class ForwardDiffusion {
public:
    explicit ForwardDiffusion(const DiffusionSchedule& schedule);
    const DiffusionSchedule& schedule() const { return schedule_; }

    // Closed form q(z_t | z0): √ᾱ_t·z0 + √(1−ᾱ_t)·noise, row-wise t (int64 [B], 0..T).
    torch::Tensor qSample(const torch::Tensor& z0, const torch::Tensor& t,
                          const torch::Tensor& noise) const;

    // V views of every row of z0 at t ~ Uniform{1..tMax}, fresh noise, all drawn from `gen`
    // (on the CPU, then moved to z0's device, so that CPU and GPU runs see the same draws).
    Views views(const torch::Tensor& z0, int V, int tMax, at::Generator& gen) const;

private:
    DiffusionSchedule schedule_;
    torch::Tensor sqrtAlphaBar_;       // [T+1] float64
    torch::Tensor sqrtOneMinusAlphaBar_;
};

// Baseline augmentation (method.md §9.3): V views z0 + σ·ε, reported with t = 0.
Views gaussianViews(const torch::Tensor& z0, int V, double sigma, at::Generator& gen);

// Standard normal noise shaped like `like`, drawn on the CPU from gen, on like's device/dtype.
torch::Tensor normalLike(const torch::Tensor& like, at::Generator& gen);

}  // namespace dacl::ml
