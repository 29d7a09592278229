#include "core/synth/synthetic_record.h"

#include "core/synth/ecgsyn.h"
#include "core/synth/oscillator.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace dacl::synth {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kTwoPi = 2 * kPi;
constexpr double kWarmUpS = 4;  // z relaxes with τ = 1 s: start the model this long before t = 0

// Independent random streams per component, so that changing one (say the noise) does not
// change the others for the same seed.
enum Stream : std::uint64_t { kRhythm = 1, kMorphology = 2, kAtrial = 3, kNoise = 4 };
Rng stream(std::uint64_t seed, Stream s) { return Rng(mixSeed(seed) ^ (s * 0xD1B54A32D192ED03ull)); }

// The paper's RR tachogram: a process with the bimodal power spectrum
//   S(f) = σ1²/√(2πc1²)·exp(−(f−f1)²/2c1²) + σ2²/√(2πc2²)·exp(−(f−f2)²/2c2²),
// f1 = 0.1 Hz (Mayer waves), f2 = respiration (RSA), c1 = c2 = 0.01 Hz, σ1²/σ2² = LF/HF,
// realised as a sum of cosines with amplitudes √S and random phases (the inverse Fourier
// transform the paper uses, evaluated directly at the beat times), scaled to the wanted
// standard deviation.
class Tachogram {
public:
    Tachogram(double meanRr, double sdRr, double lfHf, double hfHz, Rng& rng) : mean_(meanRr), sd_(sdRr) {
        const double df = 1.0 / 512, c = 0.01;
        const double s1 = lfHf / (1 + lfHf), s2 = 1 / (1 + lfHf);  // σ1², σ2² (relative)
        double power = 0;
        for (int j = 1; j * df <= 0.5; ++j) {
            const double f = j * df;
            const double s = s1 / std::sqrt(kTwoPi * c * c) * std::exp(-(f - 0.1) * (f - 0.1) / (2 * c * c)) +
                             s2 / std::sqrt(kTwoPi * c * c) * std::exp(-(f - hfHz) * (f - hfHz) / (2 * c * c));
            const double phase = rng.uniform(0, kTwoPi);  // drawn for every bin: stable stream
            if (s < 1e-6) continue;
            comps_.push_back({kTwoPi * f, std::sqrt(s), phase});
            power += s / 2;  // mean square of A·cos(...) is A²/2
        }
        const double norm = power > 0 ? 1 / std::sqrt(power) : 0;
        for (auto& c2 : comps_) c2.amp *= norm;
    }
    double operator()(double t) const {
        double u = 0;
        for (const auto& c : comps_) u += c.amp * std::cos(c.w * t + c.phase);
        return mean_ + sd_ * u;
    }

private:
    struct Comp {
        double w, amp, phase;
    };
    double mean_, sd_;
    std::vector<Comp> comps_;
};

// Record-level variation of the paper's morphology (people differ).
Morphology personalMorphology(Rng& rng) {
    Morphology m = paperMorphology();
    m[kP].theta += rng.uniform(-0.1, 0.1);
    m[kP].a *= rng.uniform(0.5, 1.0);  // lead I P waves are ~10–25 % of R
    m[kP].b *= rng.uniform(0.85, 1.15);
    for (int i : {kQ, kR, kS}) {
        m[i].a *= rng.uniform(0.8, 1.2);
        m[i].b *= rng.uniform(0.9, 1.1);
    }
    m[kQ].theta += rng.uniform(-0.03, 0.03);
    m[kS].theta += rng.uniform(-0.03, 0.03);
    m[kT].theta += rng.uniform(-0.12, 0.12);
    m[kT].a *= rng.uniform(0.4, 1.0);  // lead I T waves are ~15–40 % of R
    m[kT].b *= rng.uniform(0.85, 1.15);
    return m;
}

// A unifocal premature ventricular beat: no P, wide QRS, discordant T.
Morphology ventricularMorphology(const Morphology& normal, Rng& rng) {
    const double hR = eventHeight(normal[kR]);
    const double polarity = rng.chance(0.65) ? 1.0 : -1.0;
    Morphology m = normal;
    m[kP].a = 0;
    m[kQ].a = 0;
    m[kR] = {0.0, 0, rng.uniform(0.3, 0.4)};
    m[kR].a = amplitudeFor(polarity * rng.uniform(1.0, 1.7) * hR, m[kR].b);
    m[kS] = {rng.uniform(0.5, 0.65), 0, rng.uniform(0.2, 0.3)};
    m[kS].a = amplitudeFor(-polarity * rng.uniform(0.15, 0.45) * hR, m[kS].b);
    m[kT] = {rng.uniform(1.6, 1.9), 0, rng.uniform(0.4, 0.5)};
    m[kT].a = amplitudeFor(-polarity * rng.uniform(0.25, 0.45) * hR, m[kT].b);
    return m;
}

// A premature atrial beat: normal QRS-T, P wave from another focus (other shape/axis).
Morphology atrialEctopicMorphology(const Morphology& normal, Rng& rng) {
    Morphology m = normal;
    m[kP].a *= (rng.chance(0.5) ? -1.0 : 1.0) * rng.uniform(0.4, 0.9);
    m[kP].theta *= rng.uniform(0.75, 0.9);
    m[kP].b *= rng.uniform(0.8, 1.0);
    return m;
}

std::vector<Beat> makeBeats(const RecordSpec& s, std::uint64_t seed) {
    Rng rng = stream(seed, kRhythm);
    Rng shape = stream(seed, kMorphology);
    const Morphology normal = personalMorphology(shape);
    const Morphology ventricular = ventricularMorphology(normal, shape);
    const Morphology atrial = atrialEctopicMorphology(normal, shape);
    const double respPhase = shape.uniform(0, kTwoPi);
    const double axisSwing = shape.uniform(0.02, 0.08);  // QRS amplitude modulated by breathing

    const double meanRr = 60.0 / s.meanHrBpm;
    const double sdRr = s.hrStdBpm * 60.0 / (s.meanHrBpm * s.meanHrBpm);
    const Tachogram tachogram(meanRr, sdRr, s.lfHfRatio, s.respirationHz, rng);
    const bool af = s.rhythm == Rhythm::AtrialFibrillation;
    // AF: RR = refractory part + gamma(2)-distributed delay; mean and CV as specified.
    const double afScale = s.afRrCv * meanRr / std::sqrt(2.0);
    const double afMin = std::max(0.25, meanRr - 2 * afScale);
    auto afRr = [&] { return std::max(0.28, afMin + afScale * (rng.exponential(1) + rng.exponential(1))); };
    auto sinusRr = [&](double t) { return std::max(0.25, tachogram(t)); };

    std::vector<Beat> beats;
    auto push = [&](double t, char type) {
        Beat b;
        b.rTime = t;
        b.type = type;
        b.waves = type == 'V' ? ventricular : type == 'S' ? atrial : normal;
        if (af) b.waves[kP].a = 0;  // no organised atrial activity
        const double resp = 1 + axisSwing * std::sin(kTwoPi * s.respirationHz * t + respPhase);
        for (int i : {kQ, kR, kS}) b.waves[i].a *= resp * (1 + 0.02 * shape.normal());
        b.waves[kT].a *= 1 + 0.03 * shape.normal();
        beats.push_back(b);
    };

    const double tEnd = s.durationS + 2;
    double t = -kWarmUpS - rng.uniform(0, meanRr);
    push(t, 'N');
    long index = 0;
    while (t < tEnd) {
        ++index;
        const char last = beats.back().type;
        const double rr = af ? afRr() : sinusRr(t);
        switch (s.rhythm) {
        case Rhythm::VentricularEctopy:
        case Rhythm::Bigeminy: {
            const bool ectopic = last == 'N' && (s.rhythm == Rhythm::Bigeminy ? index % 2 == 1
                                                                               : rng.chance(s.ectopicFraction));
            if (ectopic) {
                // The sinus node is not reset: the next conducted beat comes on its own
                // schedule (fully compensatory pause).
                push(t + s.couplingRatio * rr, 'V');
                t += rr;
                t += sinusRr(t);
                push(t, 'N');
                ++index;
            } else {
                t += rr;
                push(t, 'N');
            }
            break;
        }
        case Rhythm::AtrialEctopy:
            if (last == 'N' && rng.chance(s.ectopicFraction)) {
                t += s.couplingRatio * rr;  // resets the sinus node: non-compensatory pause
                push(t, 'S');
            } else {
                t += rr;
                push(t, 'N');
            }
            break;
        default:
            t += rr;
            push(t, 'N');
        }
    }
    return beats;
}

// Smooth bursts: base level plus raised-cosine bumps of random position and length.
std::vector<double> burstEnvelope(long n, double fs, double base, int bursts, double minS, double maxS, Rng& rng) {
    std::vector<double> env(static_cast<std::size_t>(n), base);
    for (int b = 0; b < bursts; ++b) {
        const double len = rng.uniform(minS, maxS) * fs;
        const double centre = rng.uniform(0, double(n));
        const double height = rng.uniform(0.5, 1.0);
        const long lo = std::max(0L, static_cast<long>(centre - len / 2));
        const long hi = std::min(n, static_cast<long>(centre + len / 2));
        Oscillator osc(kTwoPi / len, kTwoPi * (double(lo) - (centre - len / 2)) / len);
        for (long i = lo; i < hi; ++i, osc.step()) env[i] += height * 0.5 * (1 - osc.cos());
    }
    for (double& e : env) e = std::min(e, 1.3);
    return env;
}

void addAtrialFibrillation(std::vector<double>& mv, const RecordSpec& s, std::uint64_t seed) {
    Rng rng = stream(seed, kAtrial);
    const double fmPhase = rng.uniform(0, kTwoPi), amPhase = rng.uniform(0, kTwoPi);
    const double h2Phase = rng.uniform(0, kTwoPi), fmRate = rng.uniform(0.05, 0.15);
    double psi = rng.uniform(0, kTwoPi);
    // Atrial rate wanders ±0.4 Hz around the dominant frequency; the amplitude by ±35 %.
    Oscillator fm(kTwoPi * fmRate / s.fs, fmPhase), am(kTwoPi * 0.15 / s.fs, amPhase);
    const double ch2 = std::cos(h2Phase), sh2 = std::sin(h2Phase);
    for (std::size_t i = 0; i < mv.size(); ++i, fm.step(), am.step()) {
        const double f = s.fWaveHz + 0.4 * fm.sin();
        const double amp = s.fWaveMv * (1 + 0.35 * am.sin());
        const double sp = std::sin(psi), cp = std::cos(psi);
        const double s2 = 2 * sp * cp, c2 = cp * cp - sp * sp;  // sin 2ψ, cos 2ψ
        mv[i] += amp * (sp + 0.25 * (s2 * ch2 + c2 * sh2));       // + 0.25·sin(2ψ + φ2)
        psi += kTwoPi * f / s.fs;
        if (psi > kTwoPi) psi -= kTwoPi;
    }
}

void addNoise(std::vector<double>& mv, const RecordSpec& s, std::uint64_t seed) {
    Rng rng = stream(seed, kNoise);
    const long n = static_cast<long>(mv.size());
    const double dur = double(n) / s.fs;
    const int bursts = std::max(1, static_cast<int>(dur / 6));

    if (s.contactLoss) {
        // Electrode lifts off: the ECG nearly vanishes under a large slow offset.
        const int episodes = 1 + rng.below(3);
        for (int e = 0; e < episodes; ++e) {
            const double len = rng.uniform(0.5, 3.0) * s.fs;
            const double start = rng.uniform(0, std::max(1.0, double(n) - len));
            const double offset = (rng.chance(0.5) ? 1 : -1) * rng.uniform(1.0, 3.0);
            for (long i = static_cast<long>(start); i < std::min(n, static_cast<long>(start + len)); ++i) {
                const double u = (double(i) - start) / len;
                const double w = u < 0.1 ? u / 0.1 : u > 0.9 ? (1 - u) / 0.1 : 1.0;
                mv[i] = mv[i] * (1 - 0.95 * w) + offset * w;
            }
        }
    }
    if (s.motionMv > 0) {
        // Motion: band 0.5–8 Hz (log-uniform frequencies) in bursts, plus baseline steps
        // with exponential recovery (electrode displacement).
        std::vector<Oscillator> tones;
        for (int k = 0; k < 12; ++k) {
            const double hz = 0.5 * std::pow(16.0, rng.uniform());
            tones.emplace_back(kTwoPi * hz / s.fs, rng.uniform(0, kTwoPi));
        }
        const double norm = std::sqrt(2.0 / 12.0);
        const std::vector<double> env = burstEnvelope(n, s.fs, 0.2, bursts, 1.5, 8.0, rng);
        for (long i = 0; i < n; ++i) {
            double m = 0;
            for (Oscillator& tone : tones) {
                m += tone.sin();
                tone.step();
            }
            mv[i] += s.motionMv * env[i] * norm * m;
        }
        const int steps = 1 + rng.below(2 + static_cast<int>(dur / 10));
        for (int k = 0; k < steps; ++k) {
            const long at = static_cast<long>(rng.uniform(0, double(n)));
            const double height = (rng.chance(0.5) ? 1 : -1) * rng.uniform(1.0, 2.5) * s.motionMv;
            const double tau = rng.uniform(0.2, 1.0) * s.fs;
            for (long i = at; i < n; ++i) {
                const double v = height * std::exp(-double(i - at) / tau);
                if (std::abs(v) < 1e-4) break;
                mv[i] += v;
            }
        }
    }
    if (s.emgMv > 0) {
        const std::vector<double> env = burstEnvelope(n, s.fs, 0.15, bursts, 1.0, 6.0, rng);
        for (long i = 0; i < n; ++i) mv[i] += s.emgMv * env[i] * rng.normal();
    }
    for (double& v : mv) v += s.whiteNoiseMv * rng.normal();
}

void checkSpec(const RecordSpec& s) {
    auto bad = [](const std::string& what) { throw std::invalid_argument("synthetic ECG: " + what); };
    if (!(s.fs >= 50 && s.fs <= 10000)) bad("sampling rate must be 50..10000 Hz");
    if (!(s.durationS > 0 && s.durationS <= 24 * 3600)) bad("duration must be positive (at most 24 h)");
    if (!(s.meanHrBpm >= 20 && s.meanHrBpm <= 250)) bad("mean heart rate must be 20..250 bpm");
    if (!(s.hrStdBpm >= 0 && s.hrStdBpm < s.meanHrBpm / 3)) bad("heart-rate std must be in [0, mean/3)");
    if (!(s.respirationHz > 0.05 && s.respirationHz < 1)) bad("respiration must be 0.05..1 Hz");
    if (!(s.lfHfRatio >= 0)) bad("LF/HF ratio must not be negative");
    if (!(s.ectopicFraction >= 0 && s.ectopicFraction <= 1)) bad("ectopic fraction must be 0..1");
    if (!(s.couplingRatio >= 0.3 && s.couplingRatio <= 0.95)) bad("coupling ratio must be 0.3..0.95");
    if (!(s.afRrCv >= 0 && s.afRrCv <= 0.6)) bad("AF RR coefficient of variation must be 0..0.6");
    if (!(s.fWaveHz > 0 && s.fWaveHz < s.fs / 4)) bad("f-wave frequency must be in (0, fs/4)");
}

}  // namespace

const char* rhythmName(Rhythm r) {
    switch (r) {
    case Rhythm::Sinus: return "sinus";
    case Rhythm::AtrialFibrillation: return "af";
    case Rhythm::VentricularEctopy: return "pvc";
    case Rhythm::Bigeminy: return "bigeminy";
    case Rhythm::AtrialEctopy: return "pac";
    case Rhythm::Bradycardia: return "brady";
    case Rhythm::Tachycardia: return "tachy";
    }
    return "?";
}

RecordSpec randomSpec(char label, Rng& rng) {
    RecordSpec s;
    s.label = label;
    const double u = rng.uniform();
    s.durationS = u < 0.6 ? 30.0 : u < 0.7 ? 60.0 : std::round(rng.uniform(9.0, 61.0) * 10) / 10;
    s.meanHrBpm = rng.uniform(55, 95);
    s.hrStdBpm = rng.uniform(1, 3);
    s.lfHfRatio = rng.uniform(0.5, 2.0);
    s.respirationHz = rng.uniform(0.18, 0.35);
    s.rAmplitudeMv = rng.uniform(0.6, 1.6);
    s.inverted = rng.chance(0.05);
    s.baselineWanderMv = rng.uniform(0.02, 0.15);
    s.whiteNoiseMv = rng.uniform(0.004, 0.02);
    s.emgMv = rng.uniform(0.0, 0.02);

    auto ectopy = [&](Rhythm r) {
        s.rhythm = r;
        s.meanHrBpm = rng.uniform(60, 95);
        s.ectopicFraction = r == Rhythm::Bigeminy ? 0.5 : rng.uniform(0.1, 0.3);
        s.couplingRatio = r == Rhythm::AtrialEctopy ? rng.uniform(0.6, 0.8) : rng.uniform(0.55, 0.7);
    };
    auto fibrillation = [&] {
        s.rhythm = Rhythm::AtrialFibrillation;
        s.meanHrBpm = rng.uniform(70, 140);
        s.afRrCv = rng.uniform(0.15, 0.3);
        s.fWaveHz = rng.uniform(5, 8);
        s.fWaveMv = rng.uniform(0.02, 0.08);
    };
    switch (label) {
    case 'N':
        break;
    case 'A':
        fibrillation();
        break;
    case 'O': {
        const double r = rng.uniform();
        if (r < 0.3) ectopy(Rhythm::VentricularEctopy);
        else if (r < 0.45) ectopy(Rhythm::Bigeminy);
        else if (r < 0.65) ectopy(Rhythm::AtrialEctopy);
        else if (r < 0.8) {
            s.rhythm = Rhythm::Bradycardia;
            s.meanHrBpm = rng.uniform(38, 50);
            s.hrStdBpm = rng.uniform(0.5, 2.5);
        } else {
            s.rhythm = Rhythm::Tachycardia;
            s.meanHrBpm = rng.uniform(105, 150);
            s.hrStdBpm = rng.uniform(0.5, 2.0);
        }
        break;
    }
    case '~': {
        const double r = rng.uniform();
        if (r < 0.15) fibrillation();
        else if (r < 0.3) ectopy(Rhythm::VentricularEctopy);
        else s.meanHrBpm = rng.uniform(55, 110);
        s.rAmplitudeMv = rng.uniform(0.3, 1.2);
        s.emgMv = rng.uniform(0.1, 0.4);
        s.motionMv = rng.uniform(0.4, 1.5);
        s.contactLoss = rng.chance(0.5);
        s.whiteNoiseMv = rng.uniform(0.01, 0.05);
        break;
    }
    default:
        throw std::invalid_argument(std::string("synthetic ECG: unknown class label '") + label +
                                    "' (expected N, A, O or ~)");
    }
    return s;
}

SynthRecord generateRecord(const RecordSpec& spec, std::uint64_t seed) {
    checkSpec(spec);
    SynthRecord rec;
    rec.spec = spec;
    const long n = std::max(1L, std::lround(spec.durationS * spec.fs));
    const std::vector<Beat> beats = makeBeats(spec, seed);

    // Model units -> mV, nominally from the paper's R wave (height a·b²/2π).
    double mvPerUnit = spec.rAmplitudeMv / eventHeight(paperMorphology()[kR]);
    Rng shape = stream(seed, kMorphology);
    Baseline baseline;
    baseline.amplitude = spec.baselineWanderMv / mvPerUnit;
    baseline.freqHz = spec.respirationHz;
    baseline.phase = shape.uniform(0, kTwoPi);
    const std::vector<double> z = ecgsynSignal(beats, 0.0, n, spec.fs, baseline);

    for (const Beat& b : beats) {
        const long i = std::lround(b.rTime * spec.fs);
        if (i < 0 || i >= n) continue;
        rec.rPeaks.push_back(i);
        rec.beatTypes.push_back(b.type);
    }
    // Calibrate so that the median normal R wave stands rAmplitudeMv above the record's
    // median (isoelectric) level: the personal morphology and the overlap of Q, R and S
    // would otherwise make the height differ from the nominal one by up to ±40 %.
    {
        std::vector<double> level(z.begin(), z.end()), heights;
        std::nth_element(level.begin(), level.begin() + level.size() / 2, level.end());
        const double iso = level[level.size() / 2];
        for (std::size_t k = 0; k < rec.rPeaks.size(); ++k)
            if (rec.beatTypes[k] == 'N') heights.push_back(z[rec.rPeaks[k]] - iso);
        if (!heights.empty()) {
            std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
            const double h = heights[heights.size() / 2];
            if (h > 0) mvPerUnit = spec.rAmplitudeMv / h;
        }
    }
    rec.mv.resize(z.size());
    for (std::size_t i = 0; i < z.size(); ++i) rec.mv[i] = mvPerUnit * z[i];
    if (spec.rhythm == Rhythm::AtrialFibrillation) addAtrialFibrillation(rec.mv, spec, seed);
    addNoise(rec.mv, spec, seed);
    if (spec.inverted)
        for (double& v : rec.mv) v = -v;
    return rec;
}

}  // namespace dacl::synth
