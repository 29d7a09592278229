#include "core/data/file_io.h"

#include "core/common/error.h"

#include <cerrno>
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

// Reads up to `limit` bytes (all when limit == npos).
std::string readUpTo(const std::string& path, std::size_t limit) {
    Fd f(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (f.fd < 0) throw InputError(path, "cannot open file: " + errnoText());
    struct stat st {};
    if (::fstat(f.fd, &st) != 0) throw InputError(path, "cannot read file: " + errnoText());
    if (S_ISDIR(st.st_mode)) throw InputError(path, "is a folder, not a file");
    std::string out;
    std::size_t want = limit;
    if (limit == std::string::npos) want = st.st_size > 0 ? static_cast<std::size_t>(st.st_size) : 4096;
    out.resize(want);
    std::size_t got = 0;
    for (;;) {
        if (got == out.size()) {
            if (limit != std::string::npos) break;
            out.resize(out.size() * 2);  // file grew since fstat, or a special file without size
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
    if (::stat(path.c_str(), &st) != 0) return s;
    s.exists = true;
    s.isDirectory = S_ISDIR(st.st_mode);
    s.size = static_cast<std::int64_t>(st.st_size);
    s.mtimeNs = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    return s;
}

std::string readWholeFile(const std::string& path) { return readUpTo(path, std::string::npos); }

std::string readPrefix(const std::string& path, std::size_t n) { return readUpTo(path, n); }

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
