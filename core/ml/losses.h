#pragma once
// Contrastive losses over a batch of embeddings (internal, torch).
#include <torch/torch.h>

namespace dacl::ml {

// Supervised contrastive loss (Khosla et al. 2020, L^sup_out):
//   L = mean over anchors i with ≥1 positive of
//       −1/|P(i)| Σ_{p∈P(i)} log( exp(z_i·z_p/τ) / Σ_{a≠i} exp(z_i·z_a/τ) )
// P(i) = every other row with the same label (so the other views of the same sample and every
// view of every other sample of the class). `features` [N, D] are expected L2-normalised rows
// (the projection head does that); labels [N] int64. Anchors without positives are skipped;
// a batch in which no row has a positive gives 0.
torch::Tensor supConLoss(const torch::Tensor& features, const torch::Tensor& labels,
                         double temperature = 0.1);

// Batch-hard triplet loss (Hermans, Beyer & Leibe 2017): for every anchor, the farthest
// positive and the closest negative by Euclidean distance;
//   L = mean_i max(0, d(i, hardest p) − d(i, hardest n) + margin)
// over anchors that have both a positive and a negative. Batch-hard (rather than semi-hard)
// because class-balanced batches guarantee both exist and it needs no mining threshold.
torch::Tensor batchHardTripletLoss(const torch::Tensor& features, const torch::Tensor& labels,
                                   double margin = 0.2);

}  // namespace dacl::ml
