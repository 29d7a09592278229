#pragma once
// Is this record an ECG at all, and clean enough to score? A flat line, pure noise
// or a sine used to be scored like a patient (a 10 kHz sine as AF with p = 1). This looks at one
// lead with simple, published signal-quality figures and returns a verdict with its reason:
//  - amplitude: robust peak-to-peak of the 0.5-40 Hz band (a flat or disconnected lead is tiny);
//  - spectrum (Welch, Hann, 50 % overlap): the share of power in the ECG band 0.5-40 Hz, and the
//    share of the strongest spectral peak (a pure tone carries nearly all of it);
//  - rhythm: R peaks of the robust detector (robust_rpeaks.h), heart rate from the median RR;
//  - beat agreement (bSQI, Li, Clifford & Tarassenko 2008): F1 of the beats of two different
//    detectors (robust_rpeaks.h and the Pan-Tompkins detector of rpeaks.h) within 150 ms; on
//    noise they find different "beats";
//  - QRS template match (after Orphanidou et al. 2015): the share of detected QRS complexes
//    (+-100 ms) that correlate above 0.8 with their median complex; real beats of one lead look
//    alike, in AF too, while "beats" found in noise do not. The most telling figure.
// Thresholds were calibrated on PhysioNet/CinC 2017 (see signal_quality.cpp). Qt- and torch-free.
#include "core/data/recording.h"

#include <string>
#include <vector>

namespace dacl::dsp {

enum class QualityVerdict {
    Ok,        // ECG-like: scored as usual
    TooShort,  // under kMinQualitySeconds: too little to judge (not scored as bad, but flagged)
    Flat,      // (nearly) no signal: disconnected lead, flat line, far too small amplitude
    Noisy,     // noise, or an ECG buried in noise: no consistent beats
    NotEcg,    // a tone or other signal without a plausible QRS rhythm, or implausible amplitude
};

const char* toString(QualityVerdict verdict);  // "ok", "too_short", "flat", "noisy", "not_ecg"

constexpr double kMinQualitySeconds = 5.0;

struct SignalQuality {
    QualityVerdict verdict = QualityVerdict::Ok;
    std::string reason;          // one sentence for users; empty when ok
    // The figures behind the verdict (NaN where not computed, e.g. for a flat line):
    double seconds = 0;
    double amplitudeMv = 0;      // 99th - 1st percentile of the 0.5-40 Hz band-passed signal
    double ecgBandShare = 0;     // power in 0.5-40 Hz / power above 0.5 Hz
    double toneShare = 0;        // power within +-2 bins of the strongest peak / power above 0.5 Hz
    double toneHz = 0;           // frequency of that peak
    int beats = 0;               // R peaks of the robust detector
    double heartRateBpm = 0;     // 60 / median RR (0 with fewer than 2 beats)
    double beatAgreement = 0;    // bSQI: F1 of the two detectors' beats (150 ms tolerance)
    double templateCorrelation = 0;  // mean correlation of the QRS complexes with their median
    double consistentBeats = 0;      // share of QRS complexes correlating > 0.8 with their median
    bool ok() const { return verdict == QualityVerdict::Ok; }
};

// One lead in millivolts (millivoltsPerUnit() converts other units) at `fs` Hz. Non-finite
// samples count as the previous finite value. Never throws for any signal content; fs <= 0 or
// non-finite throws std::invalid_argument (a caller's error, not the record's).
SignalQuality assessSignalQuality(const std::vector<double>& leadMv, double fs);

// One signal of a record (physical units converted with millivoltsPerUnit, the signal's own rate).
// Throws std::out_of_range for a lead the record does not have.
SignalQuality assessLeadQuality(const Recording& record, std::size_t lead);

// Scale from a record's physical unit to mV: "mV" 1, "uV"/"µV" 1e-3, "V" 1e3; 1 when unknown.
double millivoltsPerUnit(const std::string& units);
// Whether `units` names a voltage (empty counts as mV, the WFDB default): views draw only those as ECG.
bool isVoltageUnit(const std::string& units);

}  // namespace dacl::dsp
