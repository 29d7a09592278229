#pragma once
// The methods of repr = sequence (method.md v2): each reads sequence-layout rows (one per span,
// features/sequence_layout.h) and gives one embedding row per span for the probe.
//  - dacl (and gaussian_views, no_timestep, tmax1000, dacl_no_rhythm): per-frame VAE → latent
//    sequence z0 → temporal U-Net, stage 1 SupCon on diffusion views of random crops, stage 2
//    supervised fine-tuning on views; the stage that scores is chosen on validation;
//  - cnn: the same U-Net trunk on the standardised frames, cross-entropy only (no VAE, no views);
//  - st_lr / vae_lr: frames / per-frame VAE means pooled (mean, std over valid frames);
//  - st_xgb / rr_xgb / rra_xgb: gradient boosting on pooled frames / on the 20 RR features / on
//    those and the 4 atrial-activity features; the probe then
//    sees its log-probabilities (a monotone recalibration).
#include "core/pipeline/representation.h"

namespace dacl::ml {

std::unique_ptr<Representation> makeSequenceRepresentation(const std::string& method, const Settings& settings,
                                                           std::uint64_t seed);
std::unique_ptr<Representation> loadSequenceRepresentation(const std::string& method, const Settings& settings,
                                                           const std::string& bytes);

}  // namespace dacl::ml
