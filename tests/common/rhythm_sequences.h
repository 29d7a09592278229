#pragma once
// Synthetic frame sequences for the sequence-model tests: records of different lengths whose class
// is a rhythm in time (class 1 alternates frame to frame in channel 0, class 0 drifts slowly), the
// other channels noise; invisible to a pooled mean. Seeded: the same arguments give the same set.
#include "core/ml/sequence_set.h"

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace dacl::testing {

// `n` records of `channels` x `frames`, each with minValid..frames valid frames; labels alternate 0, 1.
inline ml::SequenceSet rhythmSequences(std::size_t n, std::uint64_t seed, std::vector<int>& labels, int channels,
                                       int frames, int minValid) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> noise(0.0f, 0.5f);
    ml::SequenceSet s;
    s.channels = channels;
    s.frames = frames;
    s.values.assign(n * s.stride(), 0.0f);
    labels.clear();
    for (std::size_t r = 0; r < n; ++r) {
        const int y = static_cast<int>(r % 2);
        const int valid = minValid + static_cast<int>(rng() % static_cast<std::uint64_t>(frames - minValid + 1));
        labels.push_back(y);
        s.valid.push_back(valid);
        for (int f = 0; f < valid; ++f) {
            const float pattern = y ? (f % 2 ? 1.0f : -1.0f) : std::sin(0.2f * f);
            s.record(r)[f] = pattern + noise(rng);
            for (int c = 1; c < channels; ++c) s.record(r)[static_cast<std::size_t>(c) * s.frames + f] = noise(rng);
        }
    }
    return s;
}

}  // namespace dacl::testing
