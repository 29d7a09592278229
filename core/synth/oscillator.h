#pragma once
// sin and cos of (ω·n + φ) for n = 0, 1, 2, ... by rotating a unit phasor: one complex
// multiplication per sample instead of a libm call (the generator's hottest loops are
// sinusoids). Rounding drift is ~n·1e-16, i.e. < 1e-10 over a day of samples at 300 Hz.
#include <cmath>

namespace dacl::synth {

class Oscillator {
public:
    Oscillator(double omegaPerSample, double phase)
        : c_(std::cos(phase)), s_(std::sin(phase)), dc_(std::cos(omegaPerSample)), ds_(std::sin(omegaPerSample)) {}
    double sin() const { return s_; }
    double cos() const { return c_; }
    void step() {
        const double c = c_ * dc_ - s_ * ds_;
        s_ = s_ * dc_ + c_ * ds_;
        c_ = c;
    }

private:
    double c_, s_, dc_, ds_;
};

}  // namespace dacl::synth
