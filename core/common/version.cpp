#include "core/common/version.h"

namespace dacl {
std::string softwareVersion() { return DACL_VERSION; }
}  // namespace dacl
