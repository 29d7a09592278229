#include "core/common/pipeline_events.h"

namespace dacl {

const char* toString(PipelineStage stage) {
    switch (stage) {
    case PipelineStage::Features: return "features";
    case PipelineStage::Training: return "training";
    case PipelineStage::FinalMetrics: return "final metrics";
    }
    return "?";
}

}  // namespace dacl
