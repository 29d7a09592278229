#pragma once
// Random numbers that give the same demo dataset on every standard library: the engine
// (std::mt19937_64) is fully specified by the C++ standard, the distributions are ours,
// because std::normal_distribution & co. are implementation-defined. The generator also
// calls libm (log, sqrt, exp, sin, cos): on one platform its output is bit-identical; across
// libm versions a last-ulp difference could, rarely, flip the rounding of an int16 sample.
#include <cmath>
#include <cstdint>
#include <random>

namespace dacl::synth {

// SplitMix64 finaliser: derives independent seeds (e.g. one per record) from one seed.
inline std::uint64_t mixSeed(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

class Rng {
public:
    explicit Rng(std::uint64_t seed) : engine_(mixSeed(seed)) {}

    std::uint64_t bits() { return engine_(); }
    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(engine_() >> 11) * (1.0 / 9007199254740992.0); }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    bool chance(double p) { return uniform() < p; }
    int below(int n) { return static_cast<int>(uniform() * n); }  // 0 .. n-1
    // Standard normal by Marsaglia's polar method (both values used; no trigonometry).
    double normal() {
        if (hasSpare_) {
            hasSpare_ = false;
            return spare_;
        }
        double u, v, q;
        do {
            u = 2 * uniform() - 1;
            v = 2 * uniform() - 1;
            q = u * u + v * v;
        } while (q >= 1 || q == 0);
        const double f = std::sqrt(-2 * std::log(q) / q);
        spare_ = v * f;
        hasSpare_ = true;
        return u * f;
    }
    double normal(double mean, double sd) { return mean + sd * normal(); }
    // Exponential with the given mean.
    double exponential(double mean) {
        double u = uniform();
        while (u <= 0) u = uniform();
        return -mean * std::log(u);
    }

private:
    std::mt19937_64 engine_;
    bool hasSpare_ = false;
    double spare_ = 0;
};

}  // namespace dacl::synth
