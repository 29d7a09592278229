#pragma once
// A saved list of record names (to train on exactly those records): one name per line; blank
// lines and lines starting with '#' are ignored; a CSV line counts by its first field, and a
// first line whose first field is "record" is a header (so the embedding view's exported
// selection, record,label,…, reads back as a list).
#include <string>
#include <vector>

namespace dacl {

// Names in file order, duplicates dropped. Throws InputError(path, reason) when the file cannot
// be read or names no record.
std::vector<std::string> readRecordList(const std::string& path);

// One name per line, with a comment line saying what the file is.
void writeRecordList(const std::string& path, const std::vector<std::string>& names);

}  // namespace dacl
