#pragma once
// Locale-independent, allocation-light text scanning for headers and label files.
// std::from_chars/to_chars are used because strtod and streams follow the C locale, which the
// Qt application sets from the user's environment (a German locale would read "300.5" as 300).
#include <charconv>
#include <string>
#include <string_view>
#include <vector>

namespace dacl::text {

struct Field {
    std::string_view text;
    std::size_t offset;  // position of the field in the line it came from
};

inline bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

inline std::string_view trimView(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && isSpace(s[b])) ++b;
    while (e > b && isSpace(s[e - 1])) --e;
    return s.substr(b, e - b);
}

inline std::string trim(std::string_view s) { return std::string(trimView(s)); }

// Whitespace-separated fields of one line.
inline std::vector<Field> splitFields(std::string_view line) {
    std::vector<Field> out;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && isSpace(line[i])) ++i;
        if (i >= line.size()) break;
        const std::size_t start = i;
        while (i < line.size() && !isSpace(line[i])) ++i;
        out.push_back({line.substr(start, i - start), start});
    }
    return out;
}

// Calls fn(line) for every line; accepts LF and CRLF line ends and a last line without one.
template <typename Fn>
void forEachLine(std::string_view s, Fn&& fn) {
    std::size_t pos = 0;
    while (pos < s.size()) {
        std::size_t nl = s.find('\n', pos);
        if (nl == std::string_view::npos) nl = s.size();
        std::string_view line = s.substr(pos, nl - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        fn(line);
        pos = nl + 1;
    }
}

// Whole-string parses: trailing characters make them fail. A leading '+' is accepted.
inline bool parseLong(std::string_view s, long& out) {
    if (!s.empty() && s[0] == '+') s.remove_prefix(1);
    if (s.empty()) return false;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

inline bool parseDouble(std::string_view s, double& out) {
    if (!s.empty() && s[0] == '+') s.remove_prefix(1);
    if (s.empty()) return false;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// Shortest text that reads back to the same double ("300", "0.5", "1e-05").
inline std::string formatNumber(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

}  // namespace dacl::text
