#pragma once
// The per-record step of the feature job for repr = sequence: a preprocessed lead → spans of
// window.samples samples (a shorter record is one zero-padded span) → log-scattering frames →
// Scattering Transformer over the span's valid frames only (padding never reaches a valid token)
// → plus, per frame, the RR interval and |ΔRR| from the record's R peaks → one row per span in
// the layout of sequence_layout.h.
#include "core/features/record_features.h"

namespace dacl::dsp {
class Scattering1D;
class ScatteringTransformer;
}

namespace dacl::features {

// `clean` is the preprocessed lead at settings.preprocess.targetFs. Spans are computed on up to
// `threads` threads (the rows do not depend on it).
RecordWindows computeSequenceSpans(const std::vector<double>& clean, const FeatureSettings& settings,
                                   const dsp::Scattering1D& scattering, const dsp::ScatteringTransformer& st,
                                   const std::atomic<bool>* stop, int threads = 1);

// Frames of a span whose centre lies inside its `validSamples` samples.
int validFrameCount(const dsp::Scattering1D& scattering, long validSamples);

}  // namespace dacl::features
