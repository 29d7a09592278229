// `dacl`: the headless command line of DACL Studio.
#include "app/cli/commands.h"
#include "core/ml/cpu_tuning.h"

#include <csignal>
#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
    // A file-size limit (ulimit -f) would kill the process by SIGXFSZ with no word of its own;
    // ignored, the write fails with EFBIG and the error reaches the user and the run's status.
    std::signal(SIGXFSZ, SIG_IGN);
    // Freed blocks stay in the process for every command, as the desktop app has them: without
    // this, commands that never configure threads (`dacl features`) had glibc map, fault in and
    // unmap arrays of a few hundred KB per record, thousands of times.
    dacl::ml::retainFreedMemory();
    CLI::App app{"dacl: Diffusion-Augmented Contrastive Learning for ECG (headless)"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("dacl ") + DACL_VERSION);
    // Parent of every `dacl bench <thing>`; command groups add their benchmark under it.
    app.add_subcommand("bench", "Benchmarks (speed and memory)")->require_subcommand(1);

    dacl::cli::registerInfoCommand(app);
    dacl::cli::registerScatterCommands(app);
    dacl::cli::registerDatasetCommands(app);
    dacl::cli::registerSignalCommand(app);
    dacl::cli::registerRunsCommands(app);
    dacl::cli::registerDemoCommands(app);
    dacl::cli::registerPipelineCommands(app);
    dacl::cli::registerLaunchCommand(app);
    dacl::cli::registerBenchMlCommands(app);
    dacl::cli::registerPredictCommands(app);
    dacl::cli::registerReportCommands(app);
    dacl::cli::registerTsneCommands(app);
    dacl::cli::registerSettingsCommand(app);
    dacl::cli::registerQualityCommand(app);
    dacl::cli::registerAssessCommands(app);
    dacl::cli::registerBenchKernelCommands(app);
    dacl::cli::registerBenchCancelCommand(app);
    dacl::cli::registerBenchDdpCommand(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "dacl: error: %s\n", e.what());
        return 1;
    }
    return 0;
}
