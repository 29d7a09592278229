#include "core/features/mapped_file.h"

#include "core/common/error.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace dacl::features {

std::shared_ptr<const MappedFile> MappedFile::open(const std::string& path, std::size_t length) {
    if (length == 0) throw InputError(path, "nothing to map");
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw InputError(path, std::string("cannot open: ") + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_size < 0 || static_cast<unsigned long long>(st.st_size) < length) {
        ::close(fd);
        throw InputError(path, "file is shorter than its " + std::to_string(length) + "-byte row block (truncated?)");
    }
    try {
        auto mapped = map(fd, path, length);
        ::close(fd);  // the mapping keeps the file open
        return mapped;
    } catch (...) {
        ::close(fd);
        throw;
    }
}

std::shared_ptr<const MappedFile> MappedFile::map(int fd, const std::string& path, std::size_t length) {
    if (length == 0) throw InputError(path, "nothing to map");
    void* base = ::mmap(nullptr, length, PROT_READ, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) throw InputError(path, std::string("cannot map: ") + std::strerror(errno));
    return std::shared_ptr<const MappedFile>(new MappedFile(base, length));
}

MappedFile::~MappedFile() { ::munmap(base_, length_); }

void MappedFile::release() const { ::madvise(base_, length_, MADV_DONTNEED); }

}  // namespace dacl::features
