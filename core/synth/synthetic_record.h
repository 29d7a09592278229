#pragma once
// One synthetic single-lead ECG record of a PhysioNet/CinC 2017 class, built on the ECGSYN
// model (ecgsyn.h) with class-specific rhythms and artefacts:
//   'N' normal sinus rhythm, heart-rate variability from the paper's bimodal RR spectrum
//       (Mayer waves at 0.1 Hz, respiratory sinus arrhythmia at the breathing rate);
//   'A' atrial fibrillation: irregularly irregular RR (independent draws: refractory part
//       plus a gamma-distributed delay), no P waves, fibrillatory f-waves at 4–9 Hz;
//   'O' other rhythm: frequent premature ventricular beats, ventricular bigeminy,
//       premature atrial beats, sinus bradycardia or sinus tachycardia;
//   '~' too noisy: any of the above under heavy motion and muscle artefacts and loss of
//       electrode contact.
// Output in mV at a single-lead "lead I" scale (R ≈ 0.6–1.6 mV).
#include "core/synth/rng.h"

#include <cstdint>
#include <string>
#include <vector>

namespace dacl::synth {

enum class Rhythm { Sinus, AtrialFibrillation, VentricularEctopy, Bigeminy, AtrialEctopy, Bradycardia, Tachycardia };
const char* rhythmName(Rhythm r);  // "sinus", "af", "pvc", "bigeminy", "pac", "brady", "tachy"

struct RecordSpec {
    char label = 'N';                  // class written to REFERENCE.csv
    Rhythm rhythm = Rhythm::Sinus;
    double durationS = 30;
    double fs = 300;
    double meanHrBpm = 70;             // sinus rate, or mean ventricular rate in AF
    double hrStdBpm = 2;               // sinus HRV (std of the instantaneous rate)
    double lfHfRatio = 0.5;            // Mayer / RSA power ratio
    double respirationHz = 0.25;       // RSA centre and baseline-wander frequency
    double ectopicFraction = 0;        // share of beats that are PVC / PAC (Bigeminy: 0.5)
    double couplingRatio = 0.6;        // ectopic beat comes this fraction of an RR early
    double afRrCv = 0.22;              // AF: coefficient of variation of RR
    double fWaveHz = 6;                // AF: dominant atrial rate
    double fWaveMv = 0.05;             // AF: f-wave amplitude
    double rAmplitudeMv = 1.0;         // median normal R height above the record's median level
    bool inverted = false;             // electrodes held the other way round
    double baselineWanderMv = 0.08;
    double whiteNoiseMv = 0.01;
    double emgMv = 0;                  // muscle artefact, in bursts
    double motionMv = 0;               // motion artefact, 0.5–8 Hz, in bursts, plus steps
    bool contactLoss = false;          // stretches where the electrode loses contact
};

// Class-typical random parameters for label 'N', 'A', 'O' or '~' (throws otherwise).
// Duration: 30 s for most records, otherwise 9–61 s, as in PhysioNet 2017.
RecordSpec randomSpec(char label, Rng& rng);

struct SynthRecord {
    RecordSpec spec;
    std::vector<double> mv;      // the lead, at spec.fs
    std::vector<long> rPeaks;    // true R-peak sample indices (every beat inside the record)
    std::string beatTypes;       // one char per R peak: 'N', 'V' (ventricular), 'S' (atrial ectopic)
};

// Deterministic for (spec, seed). Throws std::invalid_argument for an unusable spec.
SynthRecord generateRecord(const RecordSpec& spec, std::uint64_t seed);

}  // namespace dacl::synth
