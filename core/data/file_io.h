#pragma once
// Small POSIX file helpers shared by the readers: whole-file reads without iostream overhead
// (opening 8,528 records must stay well under a second) and stat() for sizes and mtimes.
#include <cstdint>
#include <string>

namespace dacl::fileio {

struct FileStat {
    bool exists = false;
    bool isDirectory = false;
    bool isRegular = false;
    int error = 0;           // errno of a failed stat() (ENOENT, ELOOP, EACCES, ...); 0 when it worked
    std::int64_t size = 0;
    std::int64_t mtimeNs = 0;
};

FileStat statFile(const std::string& path);

// Why `path` cannot be read as a data file, or "" when it is a regular file. Readers accept only
// regular files: a FIFO would block the reader forever and a device (a link to /dev/zero) never
// ends; a symbolic-link loop or a missing file gets its own reason.
std::string notRegularReason(const FileStat& st);

// Throws InputError(path, notRegularReason) unless `path` is a regular file; returns its stat.
FileStat requireRegularFile(const std::string& path);

// Whole file as bytes. Throws InputError(path, reason) when it is not a regular file, cannot be
// opened or read, or is larger than `maxBytes`.
std::string readWholeFile(const std::string& path, std::size_t maxBytes = static_cast<std::size_t>(-1));

// At most `n` bytes from the start of the file (fewer when the file is shorter); regular files only.
std::string readPrefix(const std::string& path, std::size_t n);

// Writes `bytes` to `path` (replacing it). Throws InputError on failure.
void writeWholeFile(const std::string& path, const std::string& bytes);

// "dir/name", or `name` alone when `dir` is empty or `name` is absolute.
std::string joinPath(const std::string& dir, const std::string& name);

// Folder part of a path ("" for a bare file name).
std::string parentDir(const std::string& path);

}  // namespace dacl::fileio
