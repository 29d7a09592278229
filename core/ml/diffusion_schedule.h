#pragma once
// Forward-diffusion noise schedules (method.md §5), torch-free so that settings forms and the CLI
// can show noise levels. Indexing follows DDPM: t = 1..T, with ᾱ_0 = 1 meaning "clean".
#include <string>
#include <vector>

namespace dacl::ml {

enum class ScheduleKind {
    Linear,  // β_t linear from betaStart to betaEnd (Ho et al. 2020)
    Cosine,  // ᾱ_t = f(t)/f(0), f(t) = cos²(((t/T + s)/(1 + s))·π/2) (Nichol & Dhariwal 2021)
};

std::string toString(ScheduleKind kind);
ScheduleKind scheduleKindFromString(const std::string& name);  // "linear" | "cosine"

struct ScheduleSettings {
    ScheduleKind kind = ScheduleKind::Linear;
    int steps = 1000;          // T
    double betaStart = 1e-4;   // linear only
    double betaEnd = 0.02;     // linear only
    double cosineOffset = 0.008;  // s, cosine only
    double maxBeta = 0.999;    // cosine only: clip that keeps the last steps finite
};

class DiffusionSchedule {
public:
    explicit DiffusionSchedule(const ScheduleSettings& settings = {});

    int steps() const { return static_cast<int>(beta_.size()) - 1; }
    const ScheduleSettings& settings() const { return settings_; }
    // β_t for t in 1..T.
    double beta(int t) const;
    // ᾱ_t = ∏_{s≤t} (1 − β_s) for t in 0..T (ᾱ_0 = 1).
    double alphaBar(int t) const;
    double signalScale(int t) const;  // √ᾱ_t
    double noiseScale(int t) const;   // √(1 − ᾱ_t)

private:
    void checkT(int t, int lowest) const;
    ScheduleSettings settings_;
    std::vector<double> beta_;      // index 0 unused (0)
    std::vector<double> alphaBar_;  // index 0 = 1
};

}  // namespace dacl::ml

#include "core/ml/matrix.h"
#include <cstdint>

namespace dacl::ml {

// z_t = √ᾱ_t·z0 + √(1−ᾱ_t)·ε for every row, ε ~ N(0, I) from a generator seeded with `seed`
// (t = 0 returns z0). For the robustness evaluation "probe fed z_t".
Matrix diffuse(const Matrix& z0, int t, const DiffusionSchedule& schedule, std::uint64_t seed);

}  // namespace dacl::ml
