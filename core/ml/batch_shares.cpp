#include "core/ml/batch_shares.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

namespace dacl::ml {

std::vector<int> batchShares(const std::vector<std::size_t>& counts, int batch, double exponent) {
    if (!(exponent >= 0.0 && exponent <= 1.0)) throw std::invalid_argument("batch shares: exponent must lie in [0, 1]");
    std::vector<int> shares(counts.size(), 0);
    std::vector<double> weight(counts.size(), 0.0);
    int present = 0;
    for (std::size_t k = 0; k < counts.size(); ++k) {
        if (counts[k] == 0) continue;
        ++present;
        weight[k] = std::pow(static_cast<double>(counts[k]), exponent);
    }
    if (present == 0) throw std::invalid_argument("batch shares: no class has records");
    if (batch < present)
        throw std::invalid_argument("batch shares: a batch of " + std::to_string(batch) + " cannot hold " +
                                    std::to_string(present) + " classes");
    // One slot per present class first, so that SupCon always has each class in the batch.
    const double total = std::accumulate(weight.begin(), weight.end(), 0.0);
    const int free = batch - present;
    std::vector<double> remainder(counts.size(), -1.0);
    int given = present;
    for (std::size_t k = 0; k < counts.size(); ++k) {
        if (counts[k] == 0) continue;
        const double exact = free * weight[k] / total;
        const int whole = static_cast<int>(std::floor(exact));
        shares[k] = 1 + whole;
        given += whole;
        remainder[k] = exact - whole;
    }
    std::vector<std::size_t> order(counts.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    // Equal weights leave equal remainders up to rounding: compare with a tolerance so that ties
    // go to the lower class index, as the equal-share rule always did.
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b] + 1e-9; });
    for (std::size_t i = 0; given < batch; ++i, ++given) ++shares[order[i % order.size()]];
    return shares;
}

}  // namespace dacl::ml
