#pragma once
// Records as frame sequences, the torch-free currency of the sequence models (repr = sequence):
// record r holds `channels` x `frames` values (channel-major), of which the first valid[r]
// frames are real and the rest is zero padding.
#include <cstddef>
#include <vector>

namespace dacl::ml {

struct SequenceSet {
    int channels = 0;
    int frames = 0;
    std::vector<float> values;  // size() x channels x frames
    std::vector<int> valid;     // valid frames per record (1..frames)

    std::size_t size() const { return valid.size(); }
    std::size_t stride() const { return static_cast<std::size_t>(channels) * frames; }
    const float* record(std::size_t r) const { return values.data() + r * stride(); }
    float* record(std::size_t r) { return values.data() + r * stride(); }
    float at(std::size_t r, int c, int f) const { return record(r)[static_cast<std::size_t>(c) * frames + f]; }
};

}  // namespace dacl::ml
