#pragma once
// Reading sequence-layout feature rows (features/sequence_layout.h) into what the sequence
// models consume: frame sequences, pooled frames, the record's RR-interval features.
#include "core/ml/matrix.h"
#include "core/ml/row_view.h"
#include "core/ml/sequence_set.h"

#include <vector>

namespace dacl::ml {

// Per-channel mean and 1/std over the valid frames of `rows`, for `channels` channels from
// channel `first` on.
struct ChannelStats {
    std::vector<float> mean, invStd;
};
ChannelStats channelStats(const RowView& rows, int channels, int first = 0);

// Channels of a row: all (paths + rhythm) or, for the no-rhythm variant, the paths only.
int sequenceChannels(const RowView& rows, bool withRhythm);

// The first `channels` channels of every row as sequences (standardised when `stats` is given;
// padding stays 0).
SequenceSet toSequences(const RowView& rows, int channels, const ChannelStats* stats = nullptr);

// [mean over valid frames ; population std over valid frames] of every channel: 2·channels.
Matrix pooledSequences(const SequenceSet& set);
// The same of the first `channels` channels of each row, read in chunks (no full copy).
Matrix pooledFrames(const RowView& rows, int channels);

// How many of a row's rhythm features a booster reads (fusion.features): "rr" the 20 RR-interval
// features, "rr_atrial" those and the 4 atrial-activity features after them.
int rhythmFeatureCount(const std::string& features);
// The first `count` rhythm features of each row's record (NaN where undefined).
Matrix rhythmFeatureRows(const RowView& rows, int count);
// The same for one row, into `out` (±inf becomes NaN).
void copyRhythmFeatures(const float* row, float* out, int count);

// Every valid frame of `rows` (frames x channels), or a seeded random sample of at most `limit`.
Matrix validFrames(const RowView& rows, int channels, std::size_t limit, std::uint64_t seed);

}  // namespace dacl::ml
