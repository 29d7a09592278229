#pragma once
// Corruptions of an ECG at a given signal-to-noise ratio, for the noise-robustness evaluation
// (method.md §8): white noise, muscle-like (EMG) noise, baseline wander and electrode-motion-like
// steps. Deterministic for a seed, so that every method sees the same corrupted test records.
#include <cstdint>
#include <string>
#include <vector>

namespace dacl::dsp {

enum class NoiseKind { White, Muscle, BaselineWander, ElectrodeMotion };

const std::vector<NoiseKind>& allNoiseKinds();
std::string toString(NoiseKind kind);  // "white", "muscle", "baseline_wander", "electrode_motion"

// The noise alone (same length as the signal), with unit power before scaling.
std::vector<double> makeNoise(NoiseKind kind, std::size_t samples, double fs, std::uint64_t seed);

// x + n with n scaled so that 10·log10(P_x / P_n) = snrDb, where P_x is the power of the signal
// around its mean (the ECG's own baseline does not count as signal).
std::vector<double> corrupt(const std::vector<double>& x, double fs, NoiseKind kind, double snrDb,
                            std::uint64_t seed);

double power(const std::vector<double>& x);  // mean square around the mean

}  // namespace dacl::dsp
