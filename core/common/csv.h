#pragma once
// One CSV field, quoted the RFC 4180 way when it could break a row: record names come from file
// names and labels from users, so any of , " CR LF may appear in them.
#include <string>

namespace dacl {

// `s` unchanged when it holds none of , " \r \n; otherwise in double quotes with every " doubled.
std::string csvField(const std::string& s);

}  // namespace dacl
