#pragma once
// How one span of a record is stored as one feature row when repr = sequence (method.md v2 §1-3).
// Rows are self-describing, so that every consumer (models, views, predict) reads the same layout:
//
//   [0] valid frames V (frames whose centre lies inside the record; the rest is zero padding)
//   [1] frames L   [2] channels C (scattering paths, then the rhythm channels when present)
//   [3 .. 3+20)    the record's 20 RR-interval features (dsp/rr_features.h; NaN = undefined)
//   [23 .. 23+4)   the record's 4 atrial-activity features (dsp/atrial_features.h; NaN = undefined)
//   [27 ..)        L frames x C channels, frame-major: frame f, channel c at 27 + f*C + c
//
// Frames past V are exactly 0. The values are the Scattering-Transformer outputs (and the raw
// rhythm channels in seconds); standardisation belongs to the models, with training statistics.
#include <cmath>
#include <cstddef>

namespace dacl::features {

struct SequenceLayout {
    static constexpr int kRrFeatures = 20;
    static constexpr int kAtrialFeatures = 4;
    // The rhythm features of a record: the RR features, then the atrial ones (one block).
    static constexpr int kRhythmFeatures = kRrFeatures + kAtrialFeatures;
    static constexpr int kHeader = 3 + kRhythmFeatures;
    int frames = 0;
    int channels = 0;

    int dim() const { return kHeader + frames * channels; }
    // Reads L and C from a row (any row of a sequence table has the same L and C).
    static SequenceLayout of(const float* row) {
        return {static_cast<int>(row[1]), static_cast<int>(row[2])};
    }
    static int validFrames(const float* row) { return static_cast<int>(std::lround(row[0])); }
    static const float* rhythmFeatures(const float* row) { return row + 3; }  // 20 RR, then 4 atrial
    const float* frame(const float* row, int f) const { return row + kHeader + static_cast<std::size_t>(f) * channels; }
};

}  // namespace dacl::features
