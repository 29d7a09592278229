#include "core/ml/distributed.h"

#include "core/ml/distributed_ops.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>

#ifdef DACL_HAVE_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
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

#ifdef DACL_HAVE_GLOO

bool distributedAvailable() { return true; }

struct DistributedGroup::Impl {
    DistributedSettings s;
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<c10d::ProcessGroupGloo> group;

    // Runs one collective to completion; any failure (a peer's closed connection, the timeout)
    // becomes one error that says what happened in the user's terms.
    template <class Start>
    void run(const char* what, Start start) {
        try {
            start()->wait();
        } catch (const std::exception& e) {
            throw std::runtime_error("distributed training: rank " + std::to_string(s.rank) + " of " +
                                     std::to_string(s.worldSize) + " lost the other ranks during " + what +
                                     " (a rank stopped, or none answered within " +
                                     std::to_string(static_cast<int>(s.timeoutSeconds)) + " s): " + e.what());
        }
    }
};

DistributedGroup::DistributedGroup(const DistributedSettings& settings) : d_(std::make_unique<Impl>()) {
    d_->s = settings;
    if (settings.worldSize < 1 || settings.rank < 0 || settings.rank >= settings.worldSize)
        throw std::invalid_argument("distributed: rank " + std::to_string(settings.rank) + " outside world size " +
                                    std::to_string(settings.worldSize));
    const auto timeout = std::chrono::milliseconds(static_cast<long long>(settings.timeoutSeconds * 1000));
    try {
        c10d::TCPStoreOptions o;
        o.port = static_cast<std::uint16_t>(settings.masterPort);
        o.isServer = settings.rank == 0;
        o.numWorkers = static_cast<std::size_t>(settings.worldSize);
        o.waitWorkers = true;
        o.timeout = timeout;
        d_->store = c10::make_intrusive<c10d::TCPStore>(settings.masterAddr, o);
        auto options = c10d::ProcessGroupGloo::Options::create(timeout);
        // Each rank binds its own address: GLOO_SOCKET_IFNAME (as in PyTorch), loopback for a
        // local group, else the address this machine's hostname resolves to.
        if (const char* ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname && *ifname)
            options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(ifname));
        else if (settings.masterAddr == "127.0.0.1" || settings.masterAddr == "localhost")
            options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
        else
            options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
        d_->group = c10::make_intrusive<c10d::ProcessGroupGloo>(d_->store, settings.rank, settings.worldSize, options);
    } catch (const std::exception& e) {
        throw std::runtime_error("distributed training: rank " + std::to_string(settings.rank) + " could not join the " +
                                 std::to_string(settings.worldSize) + " ranks at " + settings.masterAddr + ":" +
                                 std::to_string(settings.masterPort) + ": " + e.what());
    }
}

DistributedGroup::~DistributedGroup() = default;

void DistributedGroup::barrier() {
    d_->run("a barrier", [&] { return d_->group->barrier(); });
}

std::vector<double> DistributedGroup::allReduceSum(std::vector<double> values) {
    std::vector<at::Tensor> t{torch::tensor(values, torch::kFloat64)};
    d_->run("an all-reduce", [&] { return d_->group->allreduce(t); });
    return {t[0].data_ptr<double>(), t[0].data_ptr<double>() + t[0].numel()};
}

std::vector<double> DistributedGroup::broadcast(std::vector<double> values) {
    std::vector<at::Tensor> t{torch::tensor(values, torch::kFloat64)};
    d_->run("a broadcast", [&] { return d_->group->broadcast(t); });
    return {t[0].data_ptr<double>(), t[0].data_ptr<double>() + t[0].numel()};
}

void broadcastParameters(DistributedGroup& group, torch::nn::Module& module) {
    torch::NoGradGuard guard;
    std::vector<torch::Tensor> state = module.parameters();
    for (const auto& b : module.buffers()) state.push_back(b);
    if (state.empty()) return;
    std::vector<torch::Tensor> flat;
    for (const auto& t : state) flat.push_back(t.detach().to(torch::kCPU).to(torch::kFloat32).reshape({-1}));
    std::vector<at::Tensor> bucket{torch::cat(flat)};
    group.impl().run("the broadcast of the initial weights", [&] { return group.impl().group->broadcast(bucket); });
    std::int64_t at = 0;
    for (auto& t : state) {
        t.copy_(bucket[0].narrow(0, at, t.numel()).view(t.sizes()));
        at += t.numel();
    }
}

void allReduceGradients(DistributedGroup& group, const std::vector<torch::Tensor>& params, GradientReduction how) {
    torch::NoGradGuard guard;
    // Parameters the loss does not reach (a head the stage does not train) have no gradient on
    // any rank (the ranks run the same graph) and stay without one: the optimiser skips them.
    std::vector<torch::Tensor> grads, flat;
    for (const auto& p : params)
        if (p.grad().defined()) grads.push_back(p.grad());
    for (const auto& g : grads) flat.push_back(g.to(torch::kCPU).reshape({-1}));
    if (flat.empty()) return;
    std::vector<at::Tensor> bucket{torch::cat(flat)};
    group.impl().run("the gradient all-reduce", [&] { return group.impl().group->allreduce(bucket); });
    if (how == GradientReduction::Mean) bucket[0].div_(group.worldSize());
    std::int64_t at = 0;
    for (auto& g : grads) {
        g.copy_(bucket[0].narrow(0, at, g.numel()).view(g.sizes()));
        at += g.numel();
    }
}

torch::Tensor allGatherRows(DistributedGroup& group, const torch::Tensor& local) {
    const int n = group.worldSize();
    std::vector<at::Tensor> input{local.detach().to(torch::kCPU).contiguous()};
    std::vector<std::vector<at::Tensor>> output(1);
    for (int r = 0; r < n; ++r) output[0].push_back(torch::empty_like(input[0]));
    group.impl().run("the gathering of the embeddings", [&] { return group.impl().group->allgather(output, input); });
    std::vector<torch::Tensor> blocks;
    for (int r = 0; r < n; ++r) blocks.push_back(r == group.rank() ? local : output[0][r].to(local.device()));
    return torch::cat(blocks, 0);
}

#else  // built without libgloo-dev

bool distributedAvailable() { return false; }

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
void broadcastParameters(DistributedGroup&, torch::nn::Module&) {}
void allReduceGradients(DistributedGroup&, const std::vector<torch::Tensor>&, GradientReduction) {}
torch::Tensor allGatherRows(DistributedGroup&, const torch::Tensor& local) { return local; }

#endif

int DistributedGroup::rank() const { return d_->s.rank; }
int DistributedGroup::worldSize() const { return d_->s.worldSize; }
double DistributedGroup::timeoutSeconds() const { return d_->s.timeoutSeconds; }
DistributedGroup::Impl& DistributedGroup::impl() { return *d_; }

}  // namespace dacl::ml
