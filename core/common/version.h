#pragma once
#include <string>

namespace dacl {
// Software version, stored with every run so results can be reproduced.
inline std::string softwareVersion() { return DACL_VERSION; }
}  // namespace dacl
