#pragma once
// Data-parallel training across processes ("ranks") on LibTorch's c10d process groups (Gloo on
// the CPU). Launched like torchrun: every rank runs the same program on the same data with the
// same seeds; a trainer given a group draws the same global batch on every rank, trains on its
// shard, and all-reduces the gradients, so every rank holds the same weights after every step.
// Torch-free interface (pimpl); the tensor operations are in distributed_ops.h.
#include <memory>
#include <string>
#include <vector>

namespace dacl::ml {

struct DistributedSettings {
    std::string masterAddr = "127.0.0.1";  // where rank 0 serves the rendezvous store
    int masterPort = 29500;
    int worldSize = 1;
    int rank = 0;
    int localRank = 0;  // this rank among those on its machine (LOCAL_RANK): its GPU, with NCCL
    // The run's device setting: "cuda" (or "auto" on a machine with a GPU) makes a build with
    // NCCL use it, with the tensors on this rank's GPU; otherwise Gloo on the CPU.
    std::string device = "cpu";
    // A rendezvous or collective that waits longer fails: a rank that died must not leave the
    // others hanging. Long enough for a rank that is still computing its features.
    double timeoutSeconds = 300;
};

// Whether this build has a c10d process group: Gloo (libgloo-dev at build time), or NCCL.
bool distributedAvailable();
// Whether it has NCCL (built against a CUDA LibTorch with ProcessGroupNCCL and nccl.h).
bool ncclAvailable();

// From MASTER_ADDR, MASTER_PORT, WORLD_SIZE and RANK (as torchrun sets them; LOCAL_RANK, default
// RANK, and DACL_DIST_TIMEOUT in seconds, optional). The device stays "cpu" for the caller to set. Throws std::invalid_argument naming a missing or bad variable.
DistributedSettings distributedSettingsFromEnvironment();

// A TCP port on 127.0.0.1 that was free a moment ago (for a local rendezvous).
int freeLoopbackPort();

class DistributedGroup {
public:
    // Joins the group: returns when every rank has joined, throws after the timeout otherwise.
    // Throws std::runtime_error when the build has no distributed support.
    explicit DistributedGroup(const DistributedSettings& settings);
    ~DistributedGroup();
    DistributedGroup(const DistributedGroup&) = delete;
    DistributedGroup& operator=(const DistributedGroup&) = delete;

    int rank() const;
    int worldSize() const;
    double timeoutSeconds() const;

    void barrier();
    // Element-wise sum over the ranks (every rank gets the result).
    std::vector<double> allReduceSum(std::vector<double> values);
    // Rank 0's values on every rank (the same length on every rank).
    std::vector<double> broadcast(std::vector<double> values);
    // Rank 0's bytes on every rank, whatever their length (the others' `bytes` are ignored):
    // how rank 0 tells the others what a resumed run still has to do.
    std::string broadcastBytes(const std::string& bytes);
    // Every rank's bytes, in rank order, on every rank (the lengths may differ).
    std::vector<std::string> allGatherBytes(const std::string& bytes);

    struct Impl;
    Impl& impl();

private:
    std::unique_ptr<Impl> d_;
};

}  // namespace dacl::ml
