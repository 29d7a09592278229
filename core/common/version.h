#pragma once
#include <string>

namespace dacl {
// Software version, stored with every run so that results can be reproduced.
std::string softwareVersion();
}  // namespace dacl
