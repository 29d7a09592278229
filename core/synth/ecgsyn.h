#pragma once
// The ECGSYN dynamical model of McSharry, Clifford, Tarassenko & Smith, "A dynamical model
// for generating synthetic electrocardiogram signals", IEEE TBME 50(3):289–294, 2003:
//
//   ẋ = αx − ωy,   ẏ = αy + ωx,   α = 1 − √(x² + y²)
//   ż = −Σ_{i∈{P,Q,R,S,T}} a_i Δθ_i exp(−Δθ_i² / (2 b_i²)) − (z − z0(t))
//   Δθ_i = (θ − θ_i) mod 2π,  θ = atan2(y, x),  z0(t) = A sin(2π f_resp t)  (baseline wander)
//
// with ω = 2π/RR the angular velocity set by the RR tachogram.
//
// How we solve it. The (x, y) trajectory is attracted to the unit circle, on which α = 0 and
// the equations reduce exactly to θ̇ = ω; we start on the circle, so θ(t) is piecewise
// linear (θ = 0 at every R peak, ω = 2π/RR of the current RR interval). With ω constant
// within an interval the forcing is an exact time derivative,
//   −a Δθ exp(−Δθ²/2b²) = d/dt G_i(t),   G_i = (a b²/ω) exp(−Δθ²/2b²),
// so with G = Σ G_i the z equation ż = Ġ − (z − z0) has the solution
//   z = G + u,   u̇ = −u + (z0 − G)      (a first-order low-pass with τ = 1 s),
// which we evaluate sample by sample with the exact recursion for a piecewise-linear input.
// This is the paper's model solved in closed form rather than by a Runge–Kutta integrator
// (about 10× faster); integrateEcgsynOde() integrates the original 3-D system numerically
// and the tests check that both agree.
//
// Extension for rhythms: every beat carries its own events (a P wave can be absent, an
// ectopic beat has its own QRS-T). The paper scales widths and angles with the mean heart
// rate (b_i·√(hr/60); θ of Q and S by √(hr/60), of P and T by (hr/60)^¼); we apply that law
// per RR interval so that beats keep physiological durations when RR varies from beat to
// beat, as in AF. Since b² ∝ hr and ω ∝ hr, a wave's height a·b²/ω does not depend on rate.
#include <array>
#include <vector>

namespace dacl::synth {

struct WaveEvent {
    double theta = 0;  // angle of the wave's peak relative to the R peak (rad), at 60 bpm
    double a = 0;      // amplitude parameter (0 = wave absent)
    double b = 0.1;    // width (rad), at 60 bpm
};

enum WaveIndex { kP = 0, kQ = 1, kR = 2, kS = 3, kT = 4 };
using Morphology = std::array<WaveEvent, 5>;

// Table 1 of the paper: P, Q, R, S, T.
Morphology paperMorphology();

// Height (model units) of a lone event, a·b²/(2π), and its inverse: the a that gives a
// wanted height for a given width.
inline double eventHeight(const WaveEvent& e) { return e.a * e.b * e.b / 6.283185307179586; }
inline double amplitudeFor(double height, double b) { return height * 6.283185307179586 / (b * b); }

struct Beat {
    double rTime = 0;  // time of the R peak (θ = 0), s
    Morphology waves;
    char type = 'N';   // 'N' conducted sinus/AF beat, 'V' ventricular ectopic, 'S' atrial ectopic
};

struct Baseline {
    double amplitude = 0;  // A of z0(t), model units
    double freqHz = 0.25;
    double phase = 0;
};

// z(t) at t = t0 + j/fs, j = 0 .. n−1. `beats` must be sorted by rTime, start before t0
// and end after the last sample. The model starts at the first beat with z = 0 and relaxes
// with a 1 s time constant, so let the beats start a few seconds before t0.
std::vector<double> ecgsynSignal(const std::vector<Beat>& beats, double t0, long n, double fs,
                                 const Baseline& baseline);

// Reference solver: the paper's 3-D system integrated by classical RK4 with `substeps`
// steps per output sample, for beats that all share one morphology. Same start rule as
// above. For tests; slow.
std::vector<double> integrateEcgsynOde(const std::vector<double>& rTimes, const Morphology& waves, double t0,
                                       long n, double fs, const Baseline& baseline, int substeps);

}  // namespace dacl::synth
