// `dacl info [--threads T] [--json]`: what runtime a job would use.
#include "app/cli/commands.h"
#include "core/common/json_text.h"
#include "core/common/settings.h"
#include "core/ml/distributed.h"
#include "core/ml/runtime_info.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace dacl::cli {

void registerInfoCommand(CLI::App& app) {
    auto* cmd = app.add_subcommand("info", "Version, LibTorch, BLAS, thread count and device");
    auto threads = std::make_shared<int>(0);
    auto json = std::make_shared<bool>(false);
    cmd->add_option("--threads", *threads, "Intra-op threads (0 = all cores)")->check(CLI::Range(0, maxThreads()));
    cmd->add_flag("--json", *json, "Print one JSON object");
    cmd->callback([threads, json] {
        configureThreads(*threads);
        const RuntimeInfo info = runtimeInfo();
        if (*json) {
            nlohmann::json j{{"version", info.softwareVersion}, {"torch", info.torchVersion},
                             {"blas", info.blas},           {"threads", info.threads},
                             {"device", info.device},       {"cuda", info.cudaAvailable},
                             {"distributed", dacl::ml::distributedAvailable()},
                             {"nccl", dacl::ml::ncclAvailable()}};
            std::cout << jsonText(j) << "\n";
        } else {
            std::cout << describe(info) << "\n";
        }
    });
}

}  // namespace dacl::cli
