#pragma once
// The stored form of a fitted model (VAE, DAE, probe): a torch archive tagged with the model's
// kind, as bytes for the results file. Reading checks the kind and turns torch's errors about a
// damaged archive into one plain std::invalid_argument that names the model.
#include <torch/torch.h>

#include <functional>
#include <string>

namespace dacl::ml {

// An archive holding "kind" and whatever `write` adds, as bytes.
std::string saveModel(const std::string& kind, const std::function<void(torch::serialize::OutputArchive&)>& write);

// Opens `bytes`, checks that they hold a model of `kind`, and lets `read` take what it needs.
// Errors: "<what>: empty data", "<what>: not a readable model archive (...)", "<what>: wrong kind
// of data", "<what>: unreadable (...)".
void loadModel(const std::string& bytes, const std::string& what, const std::string& kind,
               const std::function<void(torch::serialize::InputArchive&)>& read);

// A module's parameters and buffers under `key`, and back into a module that lives on `device`.
void writeModule(torch::serialize::OutputArchive& archive, const std::string& key, const torch::nn::Module& module);
void readModule(torch::serialize::InputArchive& archive, const std::string& key, torch::nn::Module& module,
                torch::Device device);

}  // namespace dacl::ml
