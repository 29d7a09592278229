#pragma once
// A tiny deterministic random generator for splits and the bootstrap.
// std::uniform_int_distribution is implementation-defined, so the same seed could give different
// folds with another standard library; SplitMix64 plus rejection sampling gives the same stream
// everywhere, which keeps fold assignments and intervals reproducible from the stored seed.
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace dacl::eval {

class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
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

// Fisher–Yates shuffle driven by SplitMix64.
template <typename T>
void shuffle(std::vector<T>& v, SplitMix64& rng) {
    for (std::size_t i = v.size(); i > 1; --i) {
        const std::size_t j = static_cast<std::size_t>(rng.below(i));
        std::swap(v[i - 1], v[j]);
    }
}

}  // namespace dacl::eval
