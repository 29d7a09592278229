#pragma once
// A read-only memory mapping of the start of a file (the feature cache's row block): the pages
// are read from the page cache on demand, shared by every fold that reads them, and never copied
// into the process's heap.
#include <cstddef>
#include <memory>
#include <string>

namespace dacl::features {

class MappedFile {
public:
    // Maps the first `length` bytes of `path` (length > 0). The caller has checked the file's
    // size: a file shorter than `length` throws InputError here (touching a page past the end of
    // a mapped file would raise SIGBUS).
    static std::shared_ptr<const MappedFile> open(const std::string& path, std::size_t length);
    // Maps the first `length` bytes of an open file descriptor (length > 0; `path` names it in
    // errors). The caller keeps and closes `fd`: the mapping holds the file by itself.
    static std::shared_ptr<const MappedFile> map(int fd, const std::string& path, std::size_t length);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const unsigned char* data() const { return static_cast<const unsigned char*>(base_); }
    std::size_t size() const { return length_; }
    // Lets go of the pages this process has read (they stay in the page cache and come back on
    // the next read): after a pass over the whole table, its pages no longer count as resident.
    void release() const;

private:
    MappedFile(void* base, std::size_t length) : base_(base), length_(length) {}
    void* base_;
    std::size_t length_;
};

}  // namespace dacl::features
