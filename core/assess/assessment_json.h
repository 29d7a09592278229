#pragma once
// An Assessment as JSON (`dacl assess --json`): every field, NaN as null. Print with jsonText()
// (core/common/json_text.h) so that any byte in a header field keeps the output valid.
#include "core/assess/assessment.h"

#include <nlohmann/json.hpp>

namespace dacl::assess {

nlohmann::json toJson(const Assessment& a);

}  // namespace dacl::assess
