#include "core/ml/assess/assessment.h"

#include <stdexcept>

namespace dacl::assess {

Assessment assessRecording(const std::string& file, const AssessOptions&, ProgressSink*) {
    throw std::runtime_error("assessRecording(" + file + "): not yet implemented");
}

}  // namespace dacl::assess
