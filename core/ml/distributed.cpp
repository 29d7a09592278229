#include "core/ml/distributed.h"

#include "core/ml/distributed_ops.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

#include "core/ml/tensor_util.h"

#ifdef DACL_HAVE_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif
#ifdef DACL_HAVE_NCCL
// Only in a build against a CUDA LibTorch (CMakeLists.txt: DACL_HAVE_NCCL with USE_C10D_NCCL).
#include <c10/cuda/CUDAFunctions.h>
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif
#if defined(DACL_HAVE_GLOO) || defined(DACL_HAVE_NCCL)
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#endif

namespace dacl::ml {

namespace {

const char* requiredEnv(const char* name) {
    const char* v = std::getenv(name);
    if (!v || !*v)
        throw std::invalid_argument(std::string("--distributed: environment variable ") + name +
                                    " is not set (start the ranks with `dacl launch` or torchrun-style variables)");
    return v;
}

int intEnv(const char* name, int low, int high) {
    const std::string text = requiredEnv(name);
    std::size_t used = 0;
    int v = 0;
    try {
        v = std::stoi(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || v < low || v > high)
        throw std::invalid_argument(std::string("--distributed: ") + name + "=" + text + " is not a whole number in [" +
                                    std::to_string(low) + ", " + std::to_string(high) + "]");
    return v;
}

}  // namespace

DistributedSettings distributedSettingsFromEnvironment() {
    DistributedSettings s;
    s.masterAddr = requiredEnv("MASTER_ADDR");
    s.masterPort = intEnv("MASTER_PORT", 1, 65535);
    s.worldSize = intEnv("WORLD_SIZE", 1, 4096);
    s.rank = intEnv("RANK", 0, s.worldSize - 1);
    s.localRank = std::getenv("LOCAL_RANK") ? intEnv("LOCAL_RANK", 0, s.worldSize - 1) : s.rank;
    if (std::getenv("DACL_DIST_TIMEOUT")) s.timeoutSeconds = intEnv("DACL_DIST_TIMEOUT", 1, 86400);
    return s;
}

int freeLoopbackPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("freeLoopbackPort: no socket");
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;  // the kernel picks a free one
    socklen_t len = sizeof a;
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
                    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0;
    ::close(fd);
    if (!ok) throw std::runtime_error("freeLoopbackPort: cannot bind 127.0.0.1");
    return ntohs(a.sin_port);
}

#if defined(DACL_HAVE_GLOO) || defined(DACL_HAVE_NCCL)

bool distributedAvailable() { return true; }

#ifdef DACL_HAVE_NCCL
bool ncclAvailable() { return true; }
#else
bool ncclAvailable() { return false; }
#endif

// The process group: Gloo (tensors on the CPU) or, in a build against a CUDA LibTorch with NCCL
// and a run on the GPU, NCCL (tensors on this rank's GPU). Each is held by its own type: in
// LibTorch 1.13 both derive from ProcessGroup, in 2.x from Backend; their collectives agree.
struct Collectives {
#ifdef DACL_HAVE_GLOO
    c10::intrusive_ptr<c10d::ProcessGroupGloo> gloo;
#endif
#ifdef DACL_HAVE_NCCL
    c10::intrusive_ptr<c10d::ProcessGroupNCCL> nccl;
#endif
    // f(group) on the group in use; returns what f returns (the collective's Work).
    template <class F>
    auto operator()(F f) {
#if defined(DACL_HAVE_NCCL) && defined(DACL_HAVE_GLOO)
        return nccl ? f(*nccl) : f(*gloo);
#elif defined(DACL_HAVE_NCCL)
        return f(*nccl);
#else
        return f(*gloo);
#endif
    }
};

struct DistributedGroup::Impl {
    DistributedSettings s;
    c10::intrusive_ptr<c10d::Store> store;
    Collectives group;
    torch::Device device = torch::kCPU;  // where the collectives' tensors live

    // Runs one collective to completion; any failure (a peer's closed connection, the timeout)
    // becomes one error that says what happened in the user's terms: which rank was lost where
    // that is known (of two ranks, the other one; Gloo's own message names only an address,
    // which local ranks share), and the timeout that bounds the wait for a silent one.
    template <class Start>
    void run(const char* what, Start start) {
        try {
            start()->wait();
        } catch (const std::exception& e) {
            const std::string lost = s.worldSize == 2 ? "rank " + std::to_string(1 - s.rank) : "another rank";
            throw std::runtime_error("distributed training: rank " + std::to_string(s.rank) + " of " +
                                     std::to_string(s.worldSize) + " lost " + lost + " during " + what + ": it stopped, " +
                                     "or did not answer within the " + std::to_string(static_cast<int>(s.timeoutSeconds)) +
                                     " s timeout (DACL_DIST_TIMEOUT). The run resumes with --resume and as many ranks. "
                                     "Cause: " + e.what());
        }
    }
};

namespace {

// NCCL when this build has it and the run trains on a GPU (device cuda, or auto with one).
bool useNccl(const DistributedSettings& s) {
    if (!ncclAvailable()) return false;
    return s.device == "cuda" || (s.device == "auto" && torch::cuda::is_available());
}

#ifdef DACL_HAVE_GLOO
c10::intrusive_ptr<c10d::ProcessGroupGloo> makeGloo(const c10::intrusive_ptr<c10d::Store>& store,
                                                    const DistributedSettings& s, std::chrono::milliseconds timeout) {
    auto options = c10d::ProcessGroupGloo::Options::create(timeout);
    // Each rank binds its own address: GLOO_SOCKET_IFNAME (as in PyTorch), loopback for a
    // local group, else the address this machine's hostname resolves to.
    if (const char* ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname && *ifname)
        options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(ifname));
    else if (s.masterAddr == "127.0.0.1" || s.masterAddr == "localhost")
        options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
    else
        options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
    return c10::make_intrusive<c10d::ProcessGroupGloo>(store, s.rank, s.worldSize, options);
}
#endif

}  // namespace

DistributedGroup::DistributedGroup(const DistributedSettings& settings) : d_(std::make_unique<Impl>()) {
    d_->s = settings;
    if (settings.worldSize < 1 || settings.rank < 0 || settings.rank >= settings.worldSize)
        throw std::invalid_argument("distributed: rank " + std::to_string(settings.rank) + " outside world size " +
                                    std::to_string(settings.worldSize));
    const bool nccl = useNccl(settings);
#ifndef DACL_HAVE_GLOO
    if (!nccl)
        throw std::runtime_error("distributed training on the CPU is not in this build (it has NCCL for GPUs only): "
                                 "install libgloo-dev and configure the build again, or train with device=cuda");
#endif
    const auto timeout = std::chrono::milliseconds(static_cast<long long>(settings.timeoutSeconds * 1000));
    try {
        c10d::TCPStoreOptions o;
        o.port = static_cast<std::uint16_t>(settings.masterPort);
        o.isServer = settings.rank == 0;
        o.numWorkers = static_cast<std::size_t>(settings.worldSize);
        o.waitWorkers = true;
        o.timeout = timeout;
        d_->store = c10::make_intrusive<c10d::TCPStore>(settings.masterAddr, o);
#ifdef DACL_HAVE_NCCL
        if (nccl) {
            // One GPU per local rank (as torchrun): the models and the collectives use it.
            const int gpus = static_cast<int>(torch::cuda::device_count());
            if (gpus < 1) throw std::runtime_error("device=cuda, but this machine has no CUDA device");
            const int gpu = settings.localRank % gpus;
            c10::cuda::set_device(static_cast<c10::DeviceIndex>(gpu));
            setCudaDeviceIndex(gpu);
            d_->device = torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(gpu));
            auto options = c10d::ProcessGroupNCCL::Options::create();
            options->timeout = timeout;
            d_->group.nccl = c10::make_intrusive<c10d::ProcessGroupNCCL>(d_->store, settings.rank, settings.worldSize, options);
        }
#endif
#ifdef DACL_HAVE_GLOO
        if (!nccl) d_->group.gloo = makeGloo(d_->store, settings, timeout);
#endif
    } catch (const std::exception& e) {
        throw std::runtime_error("distributed training: rank " + std::to_string(settings.rank) + " could not join the " +
                                 std::to_string(settings.worldSize) + " ranks at " + settings.masterAddr + ":" +
                                 std::to_string(settings.masterPort) + " (" + (nccl ? "NCCL" : "Gloo") + "): " + e.what());
    }
}

DistributedGroup::~DistributedGroup() = default;

void DistributedGroup::barrier() {
    d_->run("a barrier", [&] { return d_->group([](auto& g) { return g.barrier(); }); });
}

std::vector<double> DistributedGroup::allReduceSum(std::vector<double> values) {
    std::vector<at::Tensor> t{torch::tensor(values, torch::kFloat64).to(d_->device)};
    d_->run("an all-reduce", [&] { return d_->group([&](auto& g) { return g.allreduce(t); }); });
    const at::Tensor out = t[0].to(torch::kCPU);
    return {out.data_ptr<double>(), out.data_ptr<double>() + out.numel()};
}

std::vector<double> DistributedGroup::broadcast(std::vector<double> values) {
    std::vector<at::Tensor> t{torch::tensor(values, torch::kFloat64).to(d_->device)};
    d_->run("a broadcast", [&] { return d_->group([&](auto& g) { return g.broadcast(t); }); });
    const at::Tensor out = t[0].to(torch::kCPU);
    return {out.data_ptr<double>(), out.data_ptr<double>() + out.numel()};
}

std::string DistributedGroup::broadcastBytes(const std::string& bytes) {
    // The length first, so that the others can make room (a double holds any length exactly).
    const auto n = static_cast<std::int64_t>(broadcast({static_cast<double>(bytes.size())})[0]);
    if (n == 0) return {};
    at::Tensor host = torch::empty({n}, torch::kUInt8);
    if (d_->s.rank == 0) std::memcpy(host.data_ptr<std::uint8_t>(), bytes.data(), bytes.size());
    std::vector<at::Tensor> t{host.to(d_->device)};
    d_->run("a broadcast", [&] { return d_->group([&](auto& g) { return g.broadcast(t); }); });
    host = t[0].to(torch::kCPU);
    return std::string(reinterpret_cast<const char*>(host.data_ptr<std::uint8_t>()), static_cast<std::size_t>(n));
}

std::vector<std::string> DistributedGroup::allGatherBytes(const std::string& bytes) {
    std::vector<double> lengths(static_cast<std::size_t>(d_->s.worldSize), 0.0);
    lengths[static_cast<std::size_t>(d_->s.rank)] = static_cast<double>(bytes.size());
    lengths = allReduceSum(lengths);
    // The all-gather takes tensors of one shape: every rank sends its bytes padded to the longest.
    const auto longest = static_cast<std::int64_t>(*std::max_element(lengths.begin(), lengths.end()));
    std::vector<std::string> out(lengths.size());
    if (longest == 0) return out;
    at::Tensor host = torch::zeros({longest}, torch::kUInt8);
    std::memcpy(host.data_ptr<std::uint8_t>(), bytes.data(), bytes.size());
    std::vector<at::Tensor> input{host.to(d_->device)};
    std::vector<std::vector<at::Tensor>> output(1);
    for (std::size_t r = 0; r < lengths.size(); ++r) output[0].push_back(torch::empty_like(input[0]));
    d_->run("an all-gather", [&] { return d_->group([&](auto& g) { return g.allgather(output, input); }); });
    input.clear();
    // Block by block, each freed once copied: a shard may be a good part of a feature table.
    for (std::size_t r = 0; r < lengths.size(); ++r) {
        const at::Tensor block = output[0][r].to(torch::kCPU);
        out[r].assign(reinterpret_cast<const char*>(block.data_ptr<std::uint8_t>()), static_cast<std::size_t>(lengths[r]));
        output[0][r] = at::Tensor();
    }
    return out;
}

void broadcastParameters(DistributedGroup& group, torch::nn::Module& module) {
    torch::NoGradGuard guard;
    std::vector<torch::Tensor> state = module.parameters();
    for (const auto& b : module.buffers()) state.push_back(b);
    if (state.empty()) return;
    auto& d = group.impl();
    std::vector<torch::Tensor> flat;
    for (const auto& t : state) flat.push_back(t.detach().to(d.device).to(torch::kFloat32).reshape({-1}));
    std::vector<at::Tensor> bucket{torch::cat(flat)};
    d.run("the broadcast of the initial weights", [&] { return d.group([&](auto& g) { return g.broadcast(bucket); }); });
    std::int64_t at = 0;
    for (auto& t : state) {
        t.copy_(bucket[0].narrow(0, at, t.numel()).view(t.sizes()));
        at += t.numel();
    }
}

void allReduceGradients(DistributedGroup& group, const std::vector<torch::Tensor>& params, GradientReduction how) {
    torch::NoGradGuard guard;
    auto& d = group.impl();
    // Parameters the loss does not reach (a head the stage does not train) have no gradient on
    // any rank (the ranks run the same graph) and stay without one: the optimiser skips them.
    std::vector<torch::Tensor> grads, flat;
    for (const auto& p : params)
        if (p.grad().defined()) grads.push_back(p.grad());
    for (const auto& g : grads) flat.push_back(g.to(d.device).reshape({-1}));
    if (flat.empty()) return;
    std::vector<at::Tensor> bucket{torch::cat(flat)};
    d.run("the gradient all-reduce", [&] { return d.group([&](auto& g) { return g.allreduce(bucket); }); });
    if (how == GradientReduction::Mean) bucket[0].div_(group.worldSize());
    std::int64_t at = 0;
    for (auto& g : grads) {
        g.copy_(bucket[0].narrow(0, at, g.numel()).view(g.sizes()));
        at += g.numel();
    }
}

torch::Tensor allGatherRows(DistributedGroup& group, const torch::Tensor& local) {
    const int n = group.worldSize();
    auto& d = group.impl();
    std::vector<at::Tensor> input{local.detach().to(d.device).contiguous()};
    std::vector<std::vector<at::Tensor>> output(1);
    for (int r = 0; r < n; ++r) output[0].push_back(torch::empty_like(input[0]));
    d.run("the gathering of the embeddings", [&] { return d.group([&](auto& g) { return g.allgather(output, input); }); });
    std::vector<torch::Tensor> blocks;
    for (int r = 0; r < n; ++r) blocks.push_back(r == group.rank() ? local : output[0][r].to(local.device()));
    return torch::cat(blocks, 0);
}

#else  // built without libgloo-dev (nor NCCL)

bool distributedAvailable() { return false; }
bool ncclAvailable() { return false; }

struct DistributedGroup::Impl {
    DistributedSettings s;
};

DistributedGroup::DistributedGroup(const DistributedSettings&) {
    throw std::runtime_error("distributed training is not in this build: install libgloo-dev "
                             "(packaging/install-deps.sh) and configure the build again");
}

DistributedGroup::~DistributedGroup() = default;
void DistributedGroup::barrier() {}
std::vector<double> DistributedGroup::allReduceSum(std::vector<double> v) { return v; }
std::vector<double> DistributedGroup::broadcast(std::vector<double> v) { return v; }
std::string DistributedGroup::broadcastBytes(const std::string& bytes) { return bytes; }
std::vector<std::string> DistributedGroup::allGatherBytes(const std::string& bytes) { return {bytes}; }
void broadcastParameters(DistributedGroup&, torch::nn::Module&) {}
void allReduceGradients(DistributedGroup&, const std::vector<torch::Tensor>&, GradientReduction) {}
torch::Tensor allGatherRows(DistributedGroup&, const torch::Tensor& local) { return local; }

#endif

int DistributedGroup::rank() const { return d_->s.rank; }
int DistributedGroup::worldSize() const { return d_->s.worldSize; }
double DistributedGroup::timeoutSeconds() const { return d_->s.timeoutSeconds; }
DistributedGroup::Impl& DistributedGroup::impl() { return *d_; }

}  // namespace dacl::ml
