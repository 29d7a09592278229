#pragma once
// A SequenceSet written chunk by chunk to a scratch file and read back memory-mapped, so that a
// training set's latent sequences need not fit in RAM (training draws random batches from all of
// them, so they must stay addressable). The values are the float32 written, bit for bit.
//
// The file is unlinked as soon as it is created: only the open descriptor and then the mapping
// hold it, so it disappears from the directory at once and its disk space returns when the set
// (the last copy of its `stored` pointer) is gone, also when the process is killed.
#include "core/ml/sequence_set.h"

#include <string>

namespace dacl::ml {

class SequenceFileWriter {
public:
    // A scratch file in `dir` ("" = std::filesystem::temp_directory_path(), i.e. $TMPDIR or /tmp)
    // for records of `channels` x `frames`. Throws std::runtime_error when it cannot be created.
    SequenceFileWriter(int channels, int frames, const std::string& dir = "");
    ~SequenceFileWriter();
    SequenceFileWriter(const SequenceFileWriter&) = delete;
    SequenceFileWriter& operator=(const SequenceFileWriter&) = delete;

    // Appends the records of `chunk` (in RAM, same channels and frames). Throws on a short write
    // (disk full) or a shape mismatch.
    void append(const SequenceSet& chunk);
    std::size_t size() const { return valid_.size(); }
    // Every record appended, mapped read-only (an empty set in RAM when none was). The writer is
    // spent afterwards.
    SequenceSet finish();

private:
    int channels_, frames_;
    int fd_ = -1;
    std::string path_;
    std::vector<int> valid_;
};

}  // namespace dacl::ml
