#pragma once
// JSON text that never throws on the bytes inside it. nlohmann's plain dump() throws
// type_error.316 on one invalid UTF-8 byte in any string (a folder path, a run name, a WFDB header
// field), which made every --json output of a results file fail at once. Invalid
// sequences become U+FFFD instead: the output stays valid JSON and everything else is exact.
#include <nlohmann/json.hpp>

#include <string>

namespace dacl {

inline std::string jsonText(const nlohmann::json& j, int indent = -1) {
    return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace dacl
