#include "core/ml/diffusion_schedule.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dacl::ml {

std::string toString(ScheduleKind kind) {
    return kind == ScheduleKind::Linear ? "linear" : "cosine";
}

ScheduleKind scheduleKindFromString(const std::string& name) {
    if (name == "linear") return ScheduleKind::Linear;
    if (name == "cosine") return ScheduleKind::Cosine;
    throw std::invalid_argument("noise schedule must be 'linear' or 'cosine', got '" + name + "'");
}

DiffusionSchedule::DiffusionSchedule(const ScheduleSettings& s) : settings_(s) {
    const int T = s.steps;
    if (T < 1) throw std::invalid_argument("diffusion steps T must be >= 1");
    beta_.assign(static_cast<std::size_t>(T) + 1, 0.0);
    if (s.kind == ScheduleKind::Linear) {
        if (!(s.betaStart > 0 && s.betaEnd < 1 && s.betaStart <= s.betaEnd))
            throw std::invalid_argument("linear schedule needs 0 < betaStart <= betaEnd < 1");
        // β_1 = betaStart, β_T = betaEnd, evenly spaced (numpy.linspace as in DDPM).
        for (int t = 1; t <= T; ++t)
            beta_[t] = T == 1 ? s.betaStart
                              : s.betaStart + (s.betaEnd - s.betaStart) * (t - 1) / (T - 1);
    } else {
        if (!(s.cosineOffset >= 0 && s.maxBeta > 0 && s.maxBeta < 1))
            throw std::invalid_argument("cosine schedule needs offset >= 0 and 0 < maxBeta < 1");
        const double pi = std::acos(-1.0);
        auto f = [&](int t) {
            const double c = std::cos((static_cast<double>(t) / T + s.cosineOffset) /
                                      (1.0 + s.cosineOffset) * pi / 2);
            return c * c;
        };
        // β_t = 1 − ᾱ_t/ᾱ_{t−1}, clipped at maxBeta so that the last step is not pure noise
        // (f(T) = 0 would make β_T = 1); ᾱ is then the product of the clipped betas.
        for (int t = 1; t <= T; ++t) beta_[t] = std::min(1.0 - f(t) / f(t - 1), s.maxBeta);
    }
    alphaBar_.assign(beta_.size(), 1.0);
    for (int t = 1; t <= T; ++t) alphaBar_[t] = alphaBar_[t - 1] * (1.0 - beta_[t]);
}

void DiffusionSchedule::checkT(int t, int lowest) const {
    if (t < lowest || t > steps())
        throw std::out_of_range("timestep " + std::to_string(t) + " outside [" +
                                std::to_string(lowest) + ", " + std::to_string(steps()) + "]");
}

double DiffusionSchedule::beta(int t) const {
    checkT(t, 1);
    return beta_[t];
}

double DiffusionSchedule::alphaBar(int t) const {
    checkT(t, 0);
    return alphaBar_[t];
}

double DiffusionSchedule::signalScale(int t) const { return std::sqrt(alphaBar(t)); }
double DiffusionSchedule::noiseScale(int t) const { return std::sqrt(1.0 - alphaBar(t)); }

}  // namespace dacl::ml
