#pragma once
// Records as frame sequences, the torch-free currency of the sequence models (repr = sequence):
// record r holds `channels` x `frames` values (channel-major), of which the first valid[r]
// frames are real and the rest is zero padding.
#include <cstddef>
#include <memory>
#include <vector>

namespace dacl::ml {

// Records kept outside the heap (core/ml/sequence_file.h: a memory-mapped scratch file). The
// latent sequences of a 100 k-record training set are ~3 GB: held in RAM they alone would break a
// 4 GiB bound, mapped they are paged in as batches read them and let go of after each batch.
class SequenceStorage {
public:
    virtual ~SequenceStorage() = default;
    virtual const float* data() const = 0;
    // Drops the pages read so far from the process's resident memory (they stay in the page cache).
    virtual void release() const {}
};

struct SequenceSet {
    int channels = 0;
    int frames = 0;
    std::vector<float> values;  // size() x channels x frames, in RAM (empty when `stored` is set)
    std::vector<int> valid;     // valid frames per record (1..frames)
    std::shared_ptr<const SequenceStorage> stored;  // read-only records outside the heap, or null

    std::size_t size() const { return valid.size(); }
    std::size_t stride() const { return static_cast<std::size_t>(channels) * frames; }
    const float* record(std::size_t r) const { return (stored ? stored->data() : values.data()) + r * stride(); }
    // Writable records: sets in RAM only (a stored set is read-only).
    float* record(std::size_t r) { return values.data() + r * stride(); }
    float at(std::size_t r, int c, int f) const { return record(r)[static_cast<std::size_t>(c) * frames + f]; }
    // Readers of many records call this after each batch (no-op in RAM).
    void releasePages() const {
        if (stored) stored->release();
    }
};

}  // namespace dacl::ml
