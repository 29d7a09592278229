#pragma once
// Internal to core/store: the ordered schema migrations of the results file.
// migrations()[v] upgrades a file from user_version v to v + 1. Never edit a released
// migration; append a new one and bump ResultsStore::kSchemaVersion.
#include <vector>

namespace dacl::store {

const std::vector<const char*>& migrations();

}  // namespace dacl::store
