#pragma once
// Small POSIX file helpers shared by the readers: whole-file reads without iostream overhead
// (opening 8,528 records must stay well under a second) and stat() for sizes and mtimes.
#include <cstdint>
#include <string>

namespace dacl::fileio {

struct FileStat {
    bool exists = false;
    bool isDirectory = false;
    std::int64_t size = 0;
    std::int64_t mtimeNs = 0;
};

FileStat statFile(const std::string& path);

// Whole file as bytes. Throws InputError(path, reason) when it cannot be opened or read.
std::string readWholeFile(const std::string& path);

// At most `n` bytes from the start of the file (fewer when the file is shorter).
std::string readPrefix(const std::string& path, std::size_t n);

// Writes `bytes` to `path` (replacing it). Throws InputError on failure.
void writeWholeFile(const std::string& path, const std::string& bytes);

// "dir/name", or `name` alone when `dir` is empty or `name` is absolute.
std::string joinPath(const std::string& dir, const std::string& name);

// Folder part of a path ("" for a bare file name).
std::string parentDir(const std::string& path);

}  // namespace dacl::fileio
