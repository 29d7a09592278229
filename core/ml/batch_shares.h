#pragma once
// How many records of each class go into one training batch of the sequence models.
//
// Why not always equal shares: with equal shares the rare class (AF: ~500 training records) is
// drawn ~10x more often than each record of the large, diverse rest (N, O, noisy: ~5,300), so the
// hard negatives are seen about twice in a whole training run. `exponent` interpolates between
// equal shares (0, the default of method.md §7) and the classes' own frequencies (1):
// share_k ∝ n_k^exponent. Torch-free and deterministic.
#include <cstddef>
#include <vector>

namespace dacl::ml {

// counts[k] = training records of class k (0 = absent: share 0). Every present class gets at least
// one slot; the rest is split by largest remainder, ties to the lower class index (so exponent 0
// gives batch/present each, the remainder to the first classes in turn). Throws if batch is smaller
// than the number of present classes.
std::vector<int> batchShares(const std::vector<std::size_t>& counts, int batch, double exponent);

}  // namespace dacl::ml
