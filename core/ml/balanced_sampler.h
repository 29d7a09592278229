#pragma once
// Class-balanced batches (method.md §7: PhysioNet 2017 is ~9 % AF, so plain shuffling would give
// most batches only a few AF views). Torch-free; deterministic for a seed.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace dacl::ml {

class BalancedBatchSampler {
public:
    // labels in [0, K) with every class present; batchSize >= K.
    // maxBatches > 0 caps an epoch at that many batches: each epoch is then a fresh class-balanced
    // random subset of the samples (training cost no longer grows with the number of windows).
    BalancedBatchSampler(std::vector<int> labels, int batchSize, std::uint64_t seed, std::size_t maxBatches = 0);

    // One epoch: ceil(N / batchSize) batches (at most maxBatches) of exactly batchSize row indices. Every batch holds
    // batchSize/K rows of each class (the remainder goes to classes in turn). Each class is
    // drawn from its own shuffled list; a class that runs out is reshuffled and reused (minority
    // classes are oversampled, never twice in one batch unless the class is smaller than its
    // share). Draws advance the sampler's RNG, whose state is part of checkpoints.
    std::vector<std::vector<std::int64_t>> nextEpoch();

    std::size_t batchesPerEpoch() const;
    int numClasses() const { return static_cast<int>(byClass_.size()); }

    // Opaque RNG state, for checkpoints.
    std::string state() const;
    void setState(const std::string& state);

private:
    std::vector<int> labels_;
    int batchSize_;
    std::size_t maxBatches_;
    std::vector<std::vector<std::int64_t>> byClass_;
    std::mt19937_64 rng_;
};

}  // namespace dacl::ml
