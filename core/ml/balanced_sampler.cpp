#include "core/ml/balanced_sampler.h"

#include "core/common/random.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace dacl::ml {

namespace {
// std::shuffle's use of the URBG is implementation-defined; a Fisher–Yates of our own keeps the
// batches identical across standard libraries (same seed → same run everywhere). The modulo pick
// is this sampler's stream since its first run (checkpoints store the engine): it stays.
template <typename T>
void shuffleInPlace(std::vector<T>& v, std::mt19937_64& rng) {
    fisherYates(v, [&rng](std::size_t i) { return rng() % i; });
}
}  // namespace

BalancedBatchSampler::BalancedBatchSampler(std::vector<int> labels, int batchSize, std::uint64_t seed,
                                           std::size_t maxBatches)
    : labels_(std::move(labels)), batchSize_(batchSize), maxBatches_(maxBatches), rng_(seed) {
    if (labels_.empty()) throw std::invalid_argument("batch sampler: no samples");
    int K = 0;
    for (int l : labels_) {
        if (l < 0) throw std::invalid_argument("batch sampler: negative label");
        K = std::max(K, l + 1);
    }
    byClass_.assign(static_cast<std::size_t>(K), {});
    for (std::size_t i = 0; i < labels_.size(); ++i)
        byClass_[static_cast<std::size_t>(labels_[i])].push_back(static_cast<std::int64_t>(i));
    for (int c = 0; c < K; ++c)
        if (byClass_[static_cast<std::size_t>(c)].empty())
            throw std::invalid_argument("batch sampler: class " + std::to_string(c) + " has no samples");
    if (batchSize_ < K)
        throw std::invalid_argument("batch sampler: batch size " + std::to_string(batchSize_) +
                                    " is smaller than the number of classes " + std::to_string(K));
}

std::size_t BalancedBatchSampler::batchesPerEpoch() const {
    const std::size_t B = static_cast<std::size_t>(batchSize_);
    const std::size_t all = (labels_.size() + B - 1) / B;
    return maxBatches_ > 0 ? std::min(all, maxBatches_) : all;
}

std::vector<std::vector<std::int64_t>> BalancedBatchSampler::nextEpoch() {
    const std::size_t K = byClass_.size();
    std::vector<std::vector<std::int64_t>> pools(K);
    std::vector<std::size_t> cursor(K, 0);
    for (std::size_t c = 0; c < K; ++c) {
        pools[c] = byClass_[c];
        shuffleInPlace(pools[c], rng_);
    }
    const std::size_t nb = batchesPerEpoch();
    const std::size_t base = static_cast<std::size_t>(batchSize_) / K;
    const std::size_t extra = static_cast<std::size_t>(batchSize_) % K;
    std::vector<std::vector<std::int64_t>> batches(nb);
    for (std::size_t b = 0; b < nb; ++b) {
        auto& batch = batches[b];
        batch.reserve(static_cast<std::size_t>(batchSize_));
        for (std::size_t c = 0; c < K; ++c) {
            // Remainder rows rotate over the classes from batch to batch.
            const std::size_t take = base + (((c + K - b % K) % K) < extra ? 1 : 0);
            const std::size_t first = batch.size();
            for (std::size_t k = 0; k < take; ++k) {
                if (cursor[c] == pools[c].size()) {
                    shuffleInPlace(pools[c], rng_);
                    cursor[c] = 0;
                    // Rows this batch already holds go to the back of the new pass, so that a
                    // class at least as large as its share never repeats a row within a batch.
                    std::stable_partition(pools[c].begin(), pools[c].end(), [&](std::int64_t r) {
                        return std::find(batch.begin() + static_cast<long>(first), batch.end(), r) == batch.end();
                    });
                }
                batch.push_back(pools[c][cursor[c]++]);
            }
        }
    }
    return batches;
}

std::string BalancedBatchSampler::state() const {
    std::ostringstream os;
    os << rng_;
    return os.str();
}

void BalancedBatchSampler::setState(const std::string& state) {
    std::istringstream is(state);
    std::mt19937_64 r;
    is >> r;
    if (!is) throw std::invalid_argument("batch sampler: unreadable RNG state");
    rng_ = r;
}

}  // namespace dacl::ml
