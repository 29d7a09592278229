#pragma once
// One progress figure for a whole pipeline job, across its stages and folds, so that the Training
// tab's bar fills once from 0 to 100 % (core's own counters restart at every stage: "VAE epoch
// 3/10", then "DACL epoch 1/5", then the next fold) and its ETA is for the whole job.
//
// Stages weigh by a fixed share of a typical run (features 20 %, training 75 %, final metrics
// 5 %); training is split evenly between the folds and the final model. Folds may train at once,
// so a running fold counts by the latest counter of the current stage, whichever fold sent it.
// The fraction never goes back. The ETA is the elapsed time scaled by the fraction still to do,
// once enough is done for the figure to mean something.
#include "core/common/pipeline_events.h"

#include <QString>

#include <set>

namespace dacl::ui {

class OverallProgress {
public:
    // A new job; `finalModel`: whether a final model trains after the folds.
    void start(bool finalModel);
    void onEvent(const PipelineEvent& event);
    // The current stage's own counter (done of total).
    void onStageProgress(long long done, long long total);

    double fraction() const { return fraction_; }            // 0 … 1
    double etaSeconds(double elapsedSeconds) const;           // < 0 while unknown
    QString stageText() const;                                // "Training · fold 2 of 3"

private:
    void update();

    bool finalModel_ = true;
    PipelineStage stage_ = PipelineStage::Features;
    bool started_ = false;        // a stage has started
    bool finished_ = false;       // the last stage has finished
    int folds_ = 0;               // of the cross-validation (known from the first fold event)
    std::set<int> running_, done_;
    double inner_ = 0;            // latest counter of the current stage, 0 … 1
    double fraction_ = 0;
};

}  // namespace dacl::ui
