#pragma once
// Internal (torch) helpers shared by the ML components: Matrix <-> tensor, input checks,
// deterministic parameter initialisation and byte (de)serialisation of torch archives.
#include "core/ml/matrix.h"

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

namespace dacl::ml {

// Copies a Matrix into a new [rows, cols] tensor (float32 unless `dtype` says otherwise).
torch::Tensor toTensor(const Matrix& m, torch::Dtype dtype = torch::kFloat32);
// Copies a 2-D tensor (any device/dtype) into a Matrix.
Matrix toMatrix(const torch::Tensor& t);
torch::Tensor labelsTensor(const std::vector<int>& labels);

// Throws std::invalid_argument naming `what` if m is empty, has the wrong width (when
// expectedCols > 0) or holds a NaN/Inf (with its row and column).
void checkMatrix(const Matrix& m, const std::string& what, std::size_t expectedCols = 0);
// Throws unless labels has `rows` entries in [0, numClasses) and every class occurs.
void checkLabels(const std::vector<int>& labels, std::size_t rows, int numClasses,
                 const std::string& what);

// A CPU generator seeded with `seed`: every random draw of a component goes through its own
// generator, never the global one, so that concurrent jobs cannot perturb each other.
at::Generator makeGenerator(std::uint64_t seed);

// Re-initialises every Linear/Conv1d of `module` with PyTorch's default rule
// (U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weight and bias) drawn from `gen`, and every
// GroupNorm/LayerNorm to identity. Module constructors draw from the global generator; this makes
// a model a pure function of its seed.
void initParameters(torch::nn::Module& module, at::Generator& gen);

// Deep copy of all parameters and buffers (for keeping the best epoch).
std::vector<torch::Tensor> snapshot(const torch::nn::Module& module);
void restore(torch::nn::Module& module, const std::vector<torch::Tensor>& state);

std::int64_t countParameters(const torch::nn::Module& module);

// torch archives <-> bytes (so that callers can store them in SQLite or files).
std::string archiveToBytes(torch::serialize::OutputArchive& archive);
// Tensors are placed on `device` (so that Module::load keeps parameters where they are).
void archiveFromBytes(torch::serialize::InputArchive& archive, const std::string& bytes,
                      const std::string& what, torch::Device device = torch::kCPU);

// Reads a tensor into a fresh handle. (InputArchive::read into an already defined tensor calls
// set_(), which keeps the old dtype: reading an int64 into a double tensor reinterprets bytes.)
torch::Tensor readTensor(torch::serialize::InputArchive& a, const std::string& key);

// Writes/reads a std::string as a uint8 tensor (archives hold tensors and IValues).
void writeString(torch::serialize::OutputArchive& a, const std::string& key, const std::string& v);
std::string readString(torch::serialize::InputArchive& a, const std::string& key);
void writeDoubles(torch::serialize::OutputArchive& a, const std::string& key,
                  const std::vector<double>& v);
std::vector<double> readDoubles(torch::serialize::InputArchive& a, const std::string& key);

// "cuda" when requested or auto and available, else "cpu". The GPU is number 0 unless
// setCudaDeviceIndex chose another (a distributed rank takes the GPU of its local rank).
torch::Device selectDevice(const std::string& request);
void setCudaDeviceIndex(int index);

// A host tensor (e.g. a batch gathered in a local buffer) as a tensor of its own on `device`:
// for a GPU through pinned memory with an asynchronous copy (the host goes on with the next
// batch meanwhile); on the CPU a copy, so that the caller's buffer may go.
torch::Tensor batchTo(const torch::Tensor& host, torch::Device device);

}  // namespace dacl::ml
