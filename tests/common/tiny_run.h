#pragma once
// A real, tiny trained run for tests of everything that uses a final model (RunModel, the latent
// and diffusion views): synthetic demo records in a temporary folder, one stratified split, a few
// VAE epochs and one encoder epoch with a small U-Net. Takes seconds, not minutes, on 2 cores.
#include "core/common/progress.h"
#include "core/pipeline/pipeline.h"
#include "core/synth/demo_dataset.h"

#include <QDir>
#include <QString>

#include <cstdint>
#include <string>
#include <vector>

namespace dacl::testing {

struct TinyRun {
    QString dataDir;
    QString dbPath;
    std::int64_t runId = 0;
    nlohmann::json summary;
};

// Settings of the tiny run (also used by the CLI tests through --set).
inline std::vector<std::string> tinyRunSettings() {
    return {"vae.epochs=40", "vae.warmup_epochs=2", "vae.patience=40", "vae.batch=16", "vae.hidden1=64",
            "vae.hidden2=32", "vae.latent=16", "train.epochs=1", "train.batch=16", "train.warmup_epochs=0",
            "encoder.base_channels=8", "encoder.proj_dim=16", "eval.bootstrap=20", "threads=2",
            // repr = sequence (the default): a small frame VAE and U-Net, a few steps of each stage.
            "seq.vae_frames=3000", "seq.width=8", "seq.batch=8", "seq.epochs=1", "seq.steps_per_epoch=2",
            "seq.finetune_epochs=1", "boost.rounds=20"};
}

// Writes `records` demo records into dir/data and runs the pipeline into dir/runs.db.
// `extra` settings come last (e.g. "repr=pooled" for a version-1 run).
inline TinyRun makeTinyRun(const QString& dir, int records = 12, const std::string& task = "af_vs_rest",
                           const std::vector<std::string>& extra = {}) {
    TinyRun run;
    run.dataDir = QDir(dir).filePath(QStringLiteral("data"));
    run.dbPath = QDir(dir).filePath(QStringLiteral("runs.db"));
    NullProgress quiet;
    synth::writeDemoDataset(run.dataDir.toStdString(), records, synth::kDefaultDemoSeed, quiet);
    ml::PipelineRequest request;
    request.dataDir = run.dataDir.toStdString();
    request.dbPath = run.dbPath.toStdString();
    request.task = task;
    request.folds = 1;
    for (const auto& s : tinyRunSettings()) request.settings.set(s);
    for (const auto& s : extra) request.settings.set(s);
    run.summary = ml::runPipeline(request, quiet);
    run.runId = run.summary.at("run_id").get<std::int64_t>();
    return run;
}

}  // namespace dacl::testing
