#pragma once
// Typed milestones of a pipeline run, delivered through ProgressSink::pipelineEvent. Listeners
// (the desktop job queue, the terminal) learn the run id the moment the run exists, which stage
// is running, when each fold starts and ends, and every per-epoch training number once it is in
// the results file — without reading that file or parsing progress text.
//
// Order for one run: RunCreated first (the parent run, then one per baseline child run), then
// StageStarted/StageFinished of Features, Training and FinalMetrics in that order. Inside
// Training, folds (and the final model, fold kFinalModelFold) may run at once on several
// workers: each has one FoldStarted and one FoldFinished, and its MetricPoints lie between them.
// A stage or fold that fails or is cancelled gets no Finished event. Folds finished before a
// resume are not run again and send no events.
#include <cstdint>
#include <string>
#include <variant>

namespace dacl {

enum class PipelineStage {
    Features,      // window features of every record of the task (cached on disk)
    Training,      // the folds and the final model
    FinalMetrics,  // mean, spread and confidence interval of every metric over the folds
};

// "features", "training", "final metrics": for logs.
const char* toString(PipelineStage stage);

// The fold number of the final model (trained on all labelled records).
constexpr int kFinalModelFold = -1;

namespace event {

// The run exists in the results file (or was found there, for a resume). Baselines get child
// runs of their own: parentRunId is then the DACL run, 0 for the DACL run itself.
struct RunCreated {
    std::int64_t runId = 0;
    std::int64_t parentRunId = 0;
    std::string method;  // "dacl", or the baseline's name
    bool resumed = false;
};

struct StageStarted {
    std::int64_t runId = 0;
    PipelineStage stage = PipelineStage::Features;
};

struct StageFinished {
    std::int64_t runId = 0;
    PipelineStage stage = PipelineStage::Features;
    double seconds = 0;  // wall time of the stage
};

// One fold of the cross-validation (0-based, of `folds`), every method of it; or the final model.
struct FoldStarted {
    std::int64_t runId = 0;
    int fold = 0;
    int folds = 0;
};

struct FoldFinished {
    std::int64_t runId = 0;
    int fold = 0;
    int folds = 0;
};

// One per-epoch training number, sent once it is stored: "vae.train_loss", "dacl.loss",
// "seq.probe.loss", "seq.probe.val_auroc" (validation AUROC), ... Per-step series are not sent.
struct MetricPoint {
    std::int64_t runId = 0;  // the method's own run (a baseline's child run)
    std::string method;
    int fold = 0;            // kFinalModelFold for the final model
    std::string series;      // as stored, without the final model's "final." prefix
    int epoch = 0;           // 0-based
    double value = 0;
};

}  // namespace event

using PipelineEvent = std::variant<event::RunCreated, event::StageStarted, event::StageFinished,
                                   event::FoldStarted, event::FoldFinished, event::MetricPoint>;

}  // namespace dacl
