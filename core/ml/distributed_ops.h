#pragma once
// Tensor collectives of a DistributedGroup for data-parallel training. Each call is one
// collective: every rank must make the same calls in the same order, with tensors of the same
// shapes. A rank that stopped makes the others throw std::runtime_error (naming the operation)
// as soon as its connection closes, or after the group's timeout.
#include "core/ml/distributed.h"

#include <torch/torch.h>

#include <vector>

namespace dacl::ml {

// Rank 0's parameters and buffers on every rank: the same initial weights everywhere.
void broadcastParameters(DistributedGroup& group, torch::nn::Module& module);

// How the ranks' gradients combine: Mean when each rank's loss is the mean over its own shard
// (equal shards: the mean over the global batch); Sum when each rank's loss is already the
// global batch's loss and its gradient covers only its own shard's outputs (see allGatherRows).
enum class GradientReduction { Mean, Sum };

// All-reduces the gradients of `params` in one flat bucket (one collective per step instead of
// one per tensor). Parameters without a gradient are left out (the same on every rank).
void allReduceGradients(DistributedGroup& group, const std::vector<torch::Tensor>& params, GradientReduction how);

// The ranks' tensors (same shape) concatenated along dim 0 in rank order. This rank's block is
// `local` itself (gradients flow into it); the others' blocks are constants.
torch::Tensor allGatherRows(DistributedGroup& group, const torch::Tensor& local);

}  // namespace dacl::ml
