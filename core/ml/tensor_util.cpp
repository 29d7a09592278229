#include "core/ml/tensor_util.h"

#include <atomic>
#include <cmath>
#include <stdexcept>

namespace dacl::ml {

torch::Tensor toTensor(const Matrix& m, torch::Dtype dtype) {
    if (m.data.size() != m.rows * m.cols)
        throw std::invalid_argument("matrix data size does not match its shape");
    auto t = torch::empty({static_cast<long>(m.rows), static_cast<long>(m.cols)}, torch::kFloat32);
    if (!m.data.empty()) std::copy(m.data.begin(), m.data.end(), t.data_ptr<float>());
    return dtype == torch::kFloat32 ? t : t.to(dtype);
}

Matrix toMatrix(const torch::Tensor& t) {
    if (t.dim() != 2) throw std::invalid_argument("toMatrix: tensor is not 2-D");
    auto c = t.detach().to(torch::kCPU, torch::kFloat32).contiguous();
    Matrix m(static_cast<std::size_t>(c.size(0)), static_cast<std::size_t>(c.size(1)));
    if (!m.data.empty()) std::copy(c.data_ptr<float>(), c.data_ptr<float>() + c.numel(), m.data.begin());
    return m;
}

torch::Tensor labelsTensor(const std::vector<int>& labels) {
    auto t = torch::empty({static_cast<long>(labels.size())}, torch::kInt64);
    auto* p = t.data_ptr<std::int64_t>();
    for (std::size_t i = 0; i < labels.size(); ++i) p[i] = labels[i];
    return t;
}

void checkMatrix(const Matrix& m, const std::string& what, std::size_t expectedCols) {
    if (m.rows == 0 || m.cols == 0) throw std::invalid_argument(what + ": no data (empty matrix)");
    if (m.data.size() != m.rows * m.cols)
        throw std::invalid_argument(what + ": data size does not match its shape");
    if (expectedCols > 0 && m.cols != expectedCols)
        throw std::invalid_argument(what + ": expected " + std::to_string(expectedCols) +
                                    " columns, got " + std::to_string(m.cols));
    for (std::size_t i = 0; i < m.data.size(); ++i)
        if (!std::isfinite(m.data[i]))
            throw std::invalid_argument(what + ": non-finite value at row " +
                                        std::to_string(i / m.cols) + ", column " +
                                        std::to_string(i % m.cols));
}

void checkLabels(const std::vector<int>& labels, std::size_t rows, int numClasses,
                 const std::string& what) {
    if (labels.size() != rows)
        throw std::invalid_argument(what + ": " + std::to_string(labels.size()) + " labels for " +
                                    std::to_string(rows) + " rows");
    if (numClasses < 2) throw std::invalid_argument(what + ": need at least 2 classes");
    std::vector<std::size_t> count(static_cast<std::size_t>(numClasses), 0);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] < 0 || labels[i] >= numClasses)
            throw std::invalid_argument(what + ": label " + std::to_string(labels[i]) +
                                        " at row " + std::to_string(i) + " is outside [0, " +
                                        std::to_string(numClasses) + ")");
        ++count[static_cast<std::size_t>(labels[i])];
    }
    for (int c = 0; c < numClasses; ++c)
        if (count[static_cast<std::size_t>(c)] == 0)
            throw std::invalid_argument(what + ": class " + std::to_string(c) + " has no samples");
}

at::Generator makeGenerator(std::uint64_t seed) {
    return at::make_generator<at::CPUGeneratorImpl>(seed);
}

void initParameters(torch::nn::Module& module, at::Generator& gen) {
    torch::NoGradGuard noGrad;
    for (auto& m : module.modules(/*include_self=*/true)) {
        torch::Tensor w, b;
        if (auto* lin = m->as<torch::nn::Linear>()) {
            w = lin->weight;
            b = lin->bias;
        } else if (auto* conv = m->as<torch::nn::Conv1d>()) {
            w = conv->weight;
            b = conv->bias;
        } else if (auto* gn = m->as<torch::nn::GroupNorm>()) {
            if (gn->weight.defined()) gn->weight.fill_(1.0);
            if (gn->bias.defined()) gn->bias.zero_();
            continue;
        } else if (auto* ln = m->as<torch::nn::LayerNorm>()) {
            if (ln->weight.defined()) ln->weight.fill_(1.0);
            if (ln->bias.defined()) ln->bias.zero_();
            continue;
        } else {
            continue;
        }
        const double fanIn = static_cast<double>(w.numel() / w.size(0));
        const double bound = 1.0 / std::sqrt(fanIn);
        w.uniform_(-bound, bound, gen);
        if (b.defined()) b.uniform_(-bound, bound, gen);
    }
}

std::vector<torch::Tensor> snapshot(const torch::nn::Module& module) {
    std::vector<torch::Tensor> out;
    for (const auto& p : module.parameters()) out.push_back(p.detach().clone());
    for (const auto& b : module.buffers()) out.push_back(b.detach().clone());
    return out;
}

void restore(torch::nn::Module& module, const std::vector<torch::Tensor>& state) {
    torch::NoGradGuard noGrad;
    std::size_t i = 0;
    for (auto& p : module.parameters()) p.copy_(state.at(i++));
    for (auto& b : module.buffers()) b.copy_(state.at(i++));
}

std::int64_t countParameters(const torch::nn::Module& module) {
    std::int64_t n = 0;
    for (const auto& p : module.parameters()) n += p.numel();
    return n;
}

std::string archiveToBytes(torch::serialize::OutputArchive& archive) {
    std::string bytes;
    archive.save_to([&bytes](const void* data, std::size_t size) -> std::size_t {
        bytes.append(static_cast<const char*>(data), size);
        return size;
    });
    return bytes;
}

void archiveFromBytes(torch::serialize::InputArchive& archive, const std::string& bytes,
                      const std::string& what, torch::Device device) {
    if (bytes.empty()) throw std::invalid_argument(what + ": empty data");
    try {
        archive.load_from(bytes.data(), bytes.size(), device);
    } catch (const c10::Error& e) {
        throw std::invalid_argument(what + ": not a readable model archive (" +
                                    std::string(e.what_without_backtrace()) + ")");
    }
}

torch::Tensor readTensor(torch::serialize::InputArchive& a, const std::string& key) {
    torch::Tensor t;
    a.read(key, t);
    return t;
}

void writeString(torch::serialize::OutputArchive& a, const std::string& key, const std::string& v) {
    auto t = torch::empty({static_cast<long>(v.size())}, torch::kUInt8);
    if (!v.empty()) std::copy(v.begin(), v.end(), reinterpret_cast<char*>(t.data_ptr<std::uint8_t>()));
    a.write(key, t);
}

std::string readString(torch::serialize::InputArchive& a, const std::string& key) {
    torch::Tensor t;
    a.read(key, t);
    t = t.contiguous();
    const char* p = reinterpret_cast<const char*>(t.data_ptr<std::uint8_t>());
    return std::string(p, p + t.numel());
}

void writeDoubles(torch::serialize::OutputArchive& a, const std::string& key,
                  const std::vector<double>& v) {
    auto t = torch::empty({static_cast<long>(v.size())}, torch::kFloat64);
    if (!v.empty()) std::copy(v.begin(), v.end(), t.data_ptr<double>());
    a.write(key, t);
}

std::vector<double> readDoubles(torch::serialize::InputArchive& a, const std::string& key) {
    torch::Tensor t;
    a.read(key, t);
    t = t.to(torch::kFloat64).contiguous();
    return std::vector<double>(t.data_ptr<double>(), t.data_ptr<double>() + t.numel());
}

namespace {
std::atomic<int> cudaIndex{0};
}

void setCudaDeviceIndex(int index) { cudaIndex = index; }

torch::Device selectDevice(const std::string& request) {
    const torch::Device gpu(torch::kCUDA, static_cast<c10::DeviceIndex>(cudaIndex.load()));
    if (request == "cpu") return torch::kCPU;
    if (request == "cuda") {
        if (!torch::cuda::is_available())
            throw std::invalid_argument("device 'cuda' requested but CUDA is not available");
        return gpu;
    }
    if (request == "auto" || request.empty())
        return torch::cuda::is_available() ? gpu : torch::Device(torch::kCPU);
    throw std::invalid_argument("device must be auto, cpu or cuda, got '" + request + "'");
}

torch::Tensor batchTo(const torch::Tensor& host, torch::Device device) {
    if (device.is_cuda()) return host.pin_memory().to(device, /*non_blocking=*/true);
    return host.clone();
}

}  // namespace dacl::ml
