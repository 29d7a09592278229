#pragma once
// The project's deterministic random numbers. Seeded results must be the same on every standard
// library, so nothing here uses std::*_distribution or std::shuffle (their algorithms are
// implementation-defined): the engines are SplitMix64 (below) and std::mt19937_64 (fully
// specified), and the ways to turn their bits into numbers are ours.
//
// Each seeded stream the project stores results of keeps its exact recipe: the folds and the
// bootstrap draw by rejection from SplitMix64, the batch sampler by modulo from mt19937_64, the
// demo records and the noise from mt19937_64 through unitInterval / openUnitInterval.
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace dacl {

// SplitMix64's output function: independent seeds (one per record, per fold) from one seed.
inline std::uint64_t mixSeed(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

// A tiny generator for splits and the bootstrap: the same stream everywhere from the stored seed.
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

    std::uint64_t next() {
        const std::uint64_t z = mixSeed(state_);
        state_ += 0x9E3779B97F4A7C15ULL;
        return z;
    }

    // Uniform integer in [0, n), unbiased (rejects the top partial range). n must be > 0.
    std::uint64_t below(std::uint64_t n) {
        const std::uint64_t limit = (0 - n) % n;  // 2^64 mod n: values below it are biased
        for (;;) {
            const std::uint64_t r = next();
            if (r >= limit) return r % n;
        }
    }

private:
    std::uint64_t state_;
};

// Fisher–Yates from the back: `pick(i)` returns an index in [0, i).
template <typename T, typename Pick>
void fisherYates(std::vector<T>& v, Pick&& pick) {
    for (std::size_t i = v.size(); i > 1; --i) {
        const auto j = static_cast<std::size_t>(pick(i));
        std::swap(v[i - 1], v[j]);
    }
}

// Fisher–Yates driven by SplitMix64 (unbiased picks).
template <typename T>
void shuffle(std::vector<T>& v, SplitMix64& rng) {
    fisherYates(v, [&rng](std::size_t i) { return rng.below(i); });
}

// 64 random bits → [0, 1) with 53 random bits.
inline double unitInterval(std::uint64_t bits) { return static_cast<double>(bits >> 11) * (1.0 / 9007199254740992.0); }

// 64 random bits → (0, 1): never 0, so log() of it is finite (Box–Muller).
inline double openUnitInterval(std::uint64_t bits) {
    return (static_cast<double>(bits >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

}  // namespace dacl
