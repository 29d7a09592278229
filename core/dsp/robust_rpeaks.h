#pragma once
// The R-peak rule that measured best for rhythm features (method.md §3): a deliberately
// simple energy detector with a threshold from the recording's own neighbourhood, no adaptive
// state to derail.
//   1. zero-phase band-pass 5–15 Hz (where QRS energy dominates P/T waves and drift);
//   2. first difference, squared, 150-ms centred moving average: the envelope;
//   3. local maxima of the envelope at least 0.25 s apart (largest first) above
//      0.35 × the median over 2-s segments of each segment's envelope maximum (a median of
//      segment maxima ignores a few artefact spikes that a global maximum would follow),
//      taken over the segments within ±10 s: a record of up to 22 s gets one threshold as
//      method.md writes it, a long or mixed recording a threshold that follows its amplitude
//      (one record-wide median lost the beats of quieter stretches: measured on PhysioNet
//      records concatenated into two-lead 200-Hz recordings, span AUROC 0.905 → 0.942);
//   4. each peak moved to the largest |band-passed| sample within ±75 ms (so inverted leads
//      and negative QRS complexes are located on their main deflection).
#include <vector>

namespace dacl::dsp {

// Sample indices of R peaks, ascending and unique. Intended for one lead already
// preprocessed (preprocess.h), but any scale or polarity works. Non-finite samples are
// treated as the previous finite value (0 at the start), as in detectRPeaks. Returns an
// empty vector for records shorter than 0.5 s or without QRS-band activity; throws
// std::invalid_argument if fs < 50 Hz or not finite.
std::vector<long> detectRPeaksRobust(const std::vector<double>& x, double fs);

}  // namespace dacl::dsp
