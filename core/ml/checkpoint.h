#pragma once
// Training checkpoints (internal, torch): model + optimizer + epoch/step + RNG states, as bytes
// (for the results store) or a file. Restoring one into freshly constructed objects and
// continuing gives bitwise the same run on CPU as never stopping (tested).
#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

namespace dacl::ml {

struct CheckpointState {
    std::int64_t epoch = 0;          // epochs completed
    std::int64_t step = 0;           // optimiser steps completed
    torch::Tensor generatorState;    // at::Generator::get_state() of the torch generator
    std::string rngState;            // std RNG state (batch sampler), opaque text
    std::string settings;            // the settings the run was made with, opaque text
    std::vector<double> history;     // per-epoch values worth keeping (e.g. mean loss)
};

// Serialises everything. `kind` names what the checkpoint is of (checked on load).
std::string saveCheckpoint(const std::string& kind, const torch::nn::Module& model,
                           const torch::optim::Optimizer& optimizer, const CheckpointState& state);
// Loads into existing model/optimizer (same architecture, parameters on `device`) and returns the
// state. Throws std::invalid_argument for data that is not a checkpoint of `kind`.
CheckpointState loadCheckpoint(const std::string& kind, const std::string& bytes,
                               torch::nn::Module& model, torch::optim::Optimizer& optimizer,
                               torch::Device device = torch::kCPU);
// Reads only the settings text (to construct the objects before loadCheckpoint).
std::string checkpointSettings(const std::string& kind, const std::string& bytes);

// Files: errors name the file.
void writeBytesFile(const std::string& path, const std::string& bytes);
std::string readBytesFile(const std::string& path);

}  // namespace dacl::ml
