#include "core/ml/runtime_info.h"

#include "core/common/version.h"
#include "core/ml/cpu_tuning.h"

#include <torch/torch.h>
#include <torch/version.h>

#include <fstream>
#include <thread>

namespace dacl {

namespace {

// Debian's LibTorch links the generic libblas.so.3, which the alternatives system points at
// OpenBLAS, BLIS or the slow reference BLAS. Only the loaded libraries tell which one it is.
std::string loadedBlas() {
    // Make sure BLAS is loaded and initialised before looking.
    (void)torch::mm(torch::ones({2, 2}), torch::ones({2, 2}));
    std::ifstream maps("/proc/self/maps");
    std::string line;
    bool refBlas = false;
    while (std::getline(maps, line)) {
        if (line.find("libopenblas") != std::string::npos)
            return line.find("pthread") != std::string::npos ? "OpenBLAS (pthread)" : "OpenBLAS";
        if (line.find("libmkl") != std::string::npos) return "MKL";
        if (line.find("libblis") != std::string::npos) return "BLIS";
        if (line.find("/blas/libblas.so") != std::string::npos) refBlas = true;
    }
    return refBlas ? "reference BLAS (slow: install libopenblas0-pthread)" : "unknown";
}

}  // namespace

void configureThreads(int threads) {
    if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(threads);
    // LibTorch's OpenMP threads and a multi-threaded OpenBLAS otherwise oversubscribe the cores
    // (2-20x slower training measured on the 2-core VM, see cpu_tuning.h).
    ml::tuneCpuRuntime();
}

RuntimeInfo runtimeInfo() {
    RuntimeInfo info;
    info.softwareVersion = softwareVersion();
    info.torchVersion = TORCH_VERSION;
    info.blas = loadedBlas();
    info.threads = at::get_num_threads();
    info.cudaAvailable = torch::cuda::is_available();
    info.device = info.cudaAvailable ? "cuda:0" : "cpu";
    return info;
}

std::string describe(const RuntimeInfo& info) {
    return "dacl " + info.softwareVersion + " | LibTorch " + info.torchVersion + " | BLAS " +
           info.blas + " | " + std::to_string(info.threads) + " threads | " + info.device;
}

}  // namespace dacl
