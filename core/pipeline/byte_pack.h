#pragma once
// Length-prefixed concatenation, so that a model made of parts serialises to one blob:
// "<size>:<bytes><size>:<bytes>...".
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace dacl::ml {

inline std::string pack(const std::vector<std::string>& parts) {
    std::ostringstream out;
    for (const auto& p : parts) out << p.size() << ':' << p;
    return out.str();
}

// Throws when the blob does not hold exactly `expected` parts.
inline std::vector<std::string> unpack(const std::string& bytes, std::size_t expected) {
    std::vector<std::string> parts;
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        const std::size_t colon = bytes.find(':', pos);
        if (colon == std::string::npos) break;
        const std::size_t len = std::stoull(bytes.substr(pos, colon - pos));
        parts.push_back(bytes.substr(colon + 1, len));
        pos = colon + 1 + len;
    }
    if (parts.size() != expected) throw std::runtime_error("model artefact is damaged (wrong number of parts)");
    return parts;
}

}  // namespace dacl::ml
