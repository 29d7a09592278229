#include "core/ml/sequence_file.h"

#include "core/features/mapped_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace dacl::ml {

namespace {

// The mapping of a finished scratch file (features::MappedFile); unmapping it frees the
// already unlinked file.
class MappedSequences : public SequenceStorage {
public:
    explicit MappedSequences(std::shared_ptr<const features::MappedFile> file) : file_(std::move(file)) {}
    const float* data() const override { return reinterpret_cast<const float*>(file_->data()); }
    void release() const override { file_->release(); }

private:
    std::shared_ptr<const features::MappedFile> file_;
};

std::runtime_error fileError(const std::string& path, const char* what, int err) {
    return std::runtime_error("sequence scratch file " + path + ": " + what + ": " + std::strerror(err));
}

}  // namespace

SequenceFileWriter::SequenceFileWriter(int channels, int frames, const std::string& dir)
    : channels_(channels), frames_(frames) {
    const std::filesystem::path folder = dir.empty() ? std::filesystem::temp_directory_path() : std::filesystem::path(dir);
    std::string name = (folder / "dacl-sequences-XXXXXX").string();
    fd_ = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd_ < 0) throw fileError(name, "cannot create", errno);
    path_ = name;
    ::unlink(path_.c_str());  // see the header: nothing is left behind, whatever happens next
}

SequenceFileWriter::~SequenceFileWriter() {
    if (fd_ >= 0) ::close(fd_);
}

void SequenceFileWriter::append(const SequenceSet& chunk) {
    if (fd_ < 0) throw std::logic_error("SequenceFileWriter: append after finish");
    if (chunk.channels != channels_ || chunk.frames != frames_ || chunk.stored ||
        chunk.values.size() != chunk.size() * chunk.stride())
        throw std::invalid_argument("SequenceFileWriter: chunk of another shape");
    const char* p = reinterpret_cast<const char*>(chunk.values.data());
    std::size_t left = chunk.values.size() * sizeof(float);
    while (left > 0) {
        const ssize_t n = ::write(fd_, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw fileError(path_, "cannot write", n < 0 ? errno : ENOSPC);
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    valid_.insert(valid_.end(), chunk.valid.begin(), chunk.valid.end());
}

SequenceSet SequenceFileWriter::finish() {
    if (fd_ < 0) throw std::logic_error("SequenceFileWriter: finished twice");
    SequenceSet out;
    out.channels = channels_;
    out.frames = frames_;
    out.valid = std::move(valid_);
    const std::size_t length = out.size() * out.stride() * sizeof(float);
    if (length > 0) {
        out.stored = std::make_shared<MappedSequences>(features::MappedFile::map(fd_, path_, length));
    }
    ::close(fd_);  // the mapping keeps the file
    fd_ = -1;
    return out;
}

}  // namespace dacl::ml
