#pragma once
// A temporal U-Net small enough to train in seconds on the synthetic sequences of
// rhythm_sequences.h (3 epochs of 8 steps, then 3 of fine-tuning), on the CPU.
#include "core/ml/sequence_trainer.h"

namespace dacl::testing {

inline ml::SequenceTrainSettings smallSequenceSettings() {
    ml::SequenceTrainSettings s;
    s.width = 8;
    s.timeEmbedDim = 16;
    s.projectionDim = 16;
    s.batch = 16;
    s.epochs = 3;
    s.stepsPerEpoch = 8;
    s.finetuneEpochs = 3;
    s.probeRecords = 80;
    s.seed = 11;
    s.device = "cpu";
    return s;
}

}  // namespace dacl::testing
