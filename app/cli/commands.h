#pragma once
// Each file cmd_<name>.cpp adds one group of subcommands to the `dacl` CLI.
// The CLI is a stable interface: scripts depend on its flags and on its --json output.
#include <CLI/CLI.hpp>

namespace dacl::cli {

void registerInfoCommand(CLI::App& app);       // info: version, LibTorch, BLAS, threads, device
void registerScatterCommands(CLI::App& app);   // scatter, features; bench scatter
void registerDatasetCommands(CLI::App& app);   // dataset info; bench dataset
void registerSignalCommand(CLI::App& app);     // signal: one signal of a recording file as CSV
void registerRunsCommands(CLI::App& app);      // runs list|show|export|rename|delete; bench store, bench eval
void registerDemoCommands(CLI::App& app);      // demo-data; bench demo-data, bench preprocess
void registerPipelineCommands(CLI::App& app);  // pipeline
void registerLaunchCommand(CLI::App& app);     // launch: N local ranks of a distributed command
void registerBenchMlCommands(CLI::App& app);  // bench encoder, bench vae (training speed)
void registerPredictCommands(CLI::App& app);   // predict (final model of a run on WFDB records)
void registerReportCommands(CLI::App& app);   // report (PDF/HTML; the only command that starts Qt)
void registerTsneCommands(CLI::App& app);      // tsne; bench tsne
void registerSettingsCommand(CLI::App& app);   // settings: every --set key with default and range
void registerQualityCommand(CLI::App& app);    // quality: signal-quality verdict per record
void registerAssessCommands(CLI::App& app);    // assess: one recording file's Assessment; bench assess
void registerBenchKernelCommands(CLI::App& app);  // bench transformer, bench sampen
void registerBenchCancelCommand(CLI::App& app);  // bench cancel (time from cancel to stop)
void registerBenchDdpCommand(CLI::App& app);     // bench ddp (distributed encoder steps, all-reduce time)

}  // namespace dacl::cli
