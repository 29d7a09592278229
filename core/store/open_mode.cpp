#include "core/store/open_mode.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

namespace dacl::store {

bool mustOpenReadOnly(const std::string& path) {
    if (path.empty() || ::access(path.c_str(), F_OK) != 0) return false;  // a new file: create as usual
    if (::access(path.c_str(), W_OK) != 0) return true;
    std::filesystem::path dir = std::filesystem::path(path).parent_path();
    if (dir.empty()) dir = ".";
    return ::access(dir.c_str(), W_OK) != 0;
}

std::string immutableUri(const std::string& path) {
    std::string out = "file:";
    for (unsigned char c : std::filesystem::absolute(path).string()) {
        // Unreserved characters and '/' as they are; everything else (%, ?, #, spaces, any
        // non-ASCII byte) percent-encoded so that SQLite reads back the same bytes.
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out + "?immutable=1";
}

}  // namespace dacl::store
