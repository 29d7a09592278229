#pragma once
// What the compute runtime is: printed at startup and stored with every run, so that a result
// can be traced to the library, BLAS, thread count and device that produced it.
#include <string>

namespace dacl {

struct RuntimeInfo {
    std::string softwareVersion;
    std::string torchVersion;
    std::string blas;        // the BLAS library actually loaded (e.g. "OpenBLAS (pthread)")
    int threads = 1;         // intra-op threads LibTorch uses
    std::string device;      // "cpu" or "cuda:0 (<name>)"
    bool cudaAvailable = false;
};

// Sets LibTorch's intra-op thread count (0 = all cores) and keeps BLAS single-threaded under it.
// OpenMP defaults to 1 thread on some machines, so callers set it explicitly at startup.
void configureThreads(int threads);

RuntimeInfo runtimeInfo();

// One human-readable line: "dacl 0.1.0 | LibTorch 1.13.1 | BLAS OpenBLAS | 2 threads | cpu".
std::string describe(const RuntimeInfo& info);

}  // namespace dacl
