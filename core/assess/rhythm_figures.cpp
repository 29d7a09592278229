#include "core/assess/rhythm_figures.h"

#include "core/dsp/robust_rpeaks.h"
#include "core/dsp/rr_features.h"

#include <cmath>

namespace dacl::assess {

namespace {

// A feature of rrFeatures()'s list by its name (rr_features.h), so a reordering cannot mix them up.
double feature(const std::vector<double>& values, const char* name) {
    const auto& names = dsp::rrFeatureNames();
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return values[i];
    return kNaN;
}

}  // namespace

ModelBeats modelBeats(const std::vector<double>& lead, double fs, const dsp::PreprocessSettings& prep) {
    const std::vector<double> clean = dsp::preprocess(lead, fs, prep);
    if (clean.empty() || prep.targetFs < 50) return {};
    const std::vector<long> peaks = dsp::detectRPeaksRobust(clean, prep.targetFs);
    ModelBeats out;
    for (long p : peaks) out.peakS.push_back(static_cast<double>(p) / prep.targetFs);
    out.windows = dsp::beatWindows(clean, peaks, prep.targetFs);
    return out;
}

RhythmFigures rhythmFigures(const std::string& leadName, const std::vector<double>& peakS, double fs,
                            const dsp::BeatWindows& beats) {
    RhythmFigures r;
    r.lead = leadName;
    r.rPeakS = peakS;
    r.beats = static_cast<int>(peakS.size());
    for (std::size_t i = 1; i < peakS.size(); ++i) r.rrS.push_back(peakS[i] - peakS[i - 1]);
    std::vector<long> samples;
    samples.reserve(peakS.size());
    for (double s : peakS) samples.push_back(std::lround(s * fs));
    const std::vector<double> f = dsp::rrFeatures(samples, fs);
    r.heartRateBpm = feature(f, "heart_rate_bpm");
    r.rmssdMs = 1000.0 * feature(f, "rmssd");  // NaN stays NaN
    r.pnn50 = feature(f, "pnn50");
    r.sampleEntropy = feature(f, "sample_entropy");
    r.pWaveCoherence = dsp::atrialFeatures(beats).at(0);  // p_coherence, first of atrialFeatureNames()
    return r;
}

}  // namespace dacl::assess
