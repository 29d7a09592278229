#include "core/data/record_list.h"

#include "core/common/error.h"
#include "core/data/file_io.h"

#include <set>
#include <sstream>

namespace dacl {

namespace {

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\"");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\"");
    return s.substr(b, e - b + 1);
}

}  // namespace

std::vector<std::string> readRecordList(const std::string& path) {
    // A list of even 10^6 names is a few MB; anything far larger is not a record list.
    const std::string text = fileio::readWholeFile(path, std::size_t{64} << 20);
    std::vector<std::string> names;
    std::set<std::string> seen;
    std::istringstream in(text);
    std::string line;
    bool first = true;
    while (std::getline(in, line)) {
        const std::string name = trimmed(line.substr(0, line.find_first_of(",;\t")));
        const bool header = first && name == "record";
        first = false;
        if (name.empty() || name[0] == '#' || header) continue;
        if (seen.insert(name).second) names.push_back(name);
    }
    if (names.empty()) throw InputError(path, "names no record (one record name per line)");
    return names;
}

void writeRecordList(const std::string& path, const std::vector<std::string>& names) {
    std::string text = "# DACL Studio record list: one record name per line\n";
    for (const auto& n : names) text += n + "\n";
    fileio::writeWholeFile(path, text);
}

}  // namespace dacl
