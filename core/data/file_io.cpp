#include "core/data/file_io.h"

#include "core/common/error.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dacl::fileio {

namespace {

std::string errnoText() { return std::strerror(errno); }

// Closes the descriptor on every path out, including exceptions.
struct Fd {
    int fd;
    explicit Fd(int f) : fd(f) {}
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
};

std::string sizeText(std::uint64_t bytes) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
    return buf;
}

// Reads up to `limit` bytes (all when whole); a whole file larger than `maxBytes` is refused.
// O_NONBLOCK: were a FIFO swapped in between the caller's stat() and this open(), open() would
// otherwise wait for a writer forever; fstat() below then refuses it.
std::string readUpTo(const std::string& path, std::size_t limit, bool whole, std::size_t maxBytes) {
    requireRegularFile(path);
    Fd f(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (f.fd < 0) throw InputError(path, "cannot open file: " + errnoText());
    struct stat st {};
    if (::fstat(f.fd, &st) != 0) throw InputError(path, "cannot read file: " + errnoText());
    FileStat fst;
    fst.exists = true;
    fst.isDirectory = S_ISDIR(st.st_mode);
    fst.isRegular = S_ISREG(st.st_mode);
    if (const std::string why = notRegularReason(fst); !why.empty()) throw InputError(path, why);
    const std::uint64_t size = st.st_size > 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
    if (whole && size > maxBytes)
        throw InputError(path, "file is " + sizeText(size) + ", more than the " + sizeText(maxBytes) +
                                   " this kind of file may have");
    std::string out;
    const std::size_t cap = whole ? maxBytes : limit;
    out.resize(whole ? static_cast<std::size_t>(size) : static_cast<std::size_t>(std::min<std::uint64_t>(limit, size)));
    std::size_t got = 0;
    for (;;) {
        if (got == out.size()) {
            if (out.size() >= cap) {
                // A whole file that grew past its limit since fstat(): refuse rather than grow.
                char probe;
                if (whole && ::read(f.fd, &probe, 1) > 0)
                    throw InputError(path, "file grew past " + sizeText(maxBytes) + " while being read");
                break;
            }
            out.resize(std::min<std::size_t>(cap, std::max<std::size_t>(4096, out.size() * 2)));  // file grew since fstat
        }
        const ssize_t n = ::read(f.fd, &out[got], out.size() - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw InputError(path, "cannot read file: " + errnoText());
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    out.resize(got);
    return out;
}

}  // namespace

FileStat statFile(const std::string& path) {
    FileStat s;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        s.error = errno;
        return s;
    }
    s.exists = true;
    s.isDirectory = S_ISDIR(st.st_mode);
    s.isRegular = S_ISREG(st.st_mode);
    s.size = static_cast<std::int64_t>(st.st_size);
    s.mtimeNs = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    return s;
}

std::string notRegularReason(const FileStat& st) {
    if (!st.exists) {
        if (st.error == ELOOP) return "symbolic link loop (too many levels of symbolic links)";
        if (st.error == ENOENT || st.error == ENOTDIR || st.error == 0) return "cannot open file: it does not exist";
        return std::string("cannot read file: ") + std::strerror(st.error);
    }
    if (st.isDirectory) return "is a folder, not a file";
    if (!st.isRegular) return "is not a regular file (a FIFO, device or socket, e.g. a link to /dev/zero): refused";
    return "";
}

FileStat requireRegularFile(const std::string& path) {
    const FileStat st = statFile(path);
    if (const std::string why = notRegularReason(st); !why.empty()) throw InputError(path, why);
    return st;
}

std::string readWholeFile(const std::string& path, std::size_t maxBytes) {
    return readUpTo(path, 0, true, maxBytes);
}

std::string readPrefix(const std::string& path, std::size_t n) { return readUpTo(path, n, false, n); }

void writeWholeFile(const std::string& path, const std::string& bytes) {
    Fd f(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (f.fd < 0) throw InputError(path, "cannot create file: " + errnoText());
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(f.fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw InputError(path, "cannot write file: " + errnoText());
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(f.fd) != 0) {
        f.fd = -1;
        throw InputError(path, "cannot write file: " + errnoText());
    }
    f.fd = -1;
}

std::string joinPath(const std::string& dir, const std::string& name) {
    if (dir.empty() || (!name.empty() && name[0] == '/')) return name;
    if (dir.back() == '/') return dir + name;
    return dir + "/" + name;
}

std::string parentDir(const std::string& path) {
    const auto slash = path.find_last_of('/');
    if (slash == std::string::npos) return "";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

}  // namespace dacl::fileio
