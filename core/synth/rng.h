#pragma once
// Random numbers that give the same demo dataset on every standard library: the engine
// (std::mt19937_64) is fully specified by the C++ standard, the distributions are ours,
// because std::normal_distribution & co. are implementation-defined. The generator also
// calls libm (log, sqrt, exp, sin, cos): on one platform its output is bit-identical; across
// libm versions a last-ulp difference could, rarely, flip the rounding of an int16 sample.
#include "core/common/random.h"

#include <cmath>
#include <cstdint>
#include <random>

namespace dacl::synth {

using dacl::mixSeed;

class Rng {
public:
    explicit Rng(std::uint64_t seed) : engine_(mixSeed(seed)) {}

    std::uint64_t bits() { return engine_(); }
    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return unitInterval(engine_()); }
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
