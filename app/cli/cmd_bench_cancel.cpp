// `dacl bench cancel`: how long a running pipeline takes to stop once cancelled, inside each of
// its training loops (the Cancel button of the desktop's job queue waits this long). A demo
// dataset and a pipeline with practically endless epochs; the progress sink asks to cancel once
// the loop has run a few steps, and the time until runPipeline gives up is measured.
#include "app/cli/cli_format.h"
#include "app/cli/commands.h"
#include "core/common/progress.h"
#include "core/common/settings.h"
#include "core/ml/runtime_info.h"
#include "core/pipeline/pipeline.h"
#include "core/synth/demo_dataset.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

namespace dacl::cli {

namespace {

// Asks to cancel once `stage` (a prefix of the progress text) has reported `afterSteps` steps.
class CancelInStage final : public ProgressSink {
public:
    CancelInStage(std::string stage, std::size_t afterSteps) : stage_(std::move(stage)), after_(afterSteps) {}
    void report(const std::string& stage, std::size_t done, std::size_t) override {
        if (!asked_ && stage.rfind(stage_, 0) == 0 && done >= after_) {
            asked_ = true;
            askedAt_ = std::chrono::steady_clock::now();
        }
    }
    bool cancelled() const override { return asked_; }
    bool asked() const { return asked_; }
    std::chrono::steady_clock::time_point askedAt() const { return askedAt_; }

private:
    std::string stage_;
    std::size_t after_;
    bool asked_ = false;
    std::chrono::steady_clock::time_point askedAt_;
};

struct CancelOptions {
    int repeats = 3;
    int records = 60;
    int threads = 1;
};

}  // namespace

void registerBenchCancelCommand(CLI::App& app) {
    static CancelOptions o;
    CLI::App* c = app.get_subcommand("bench")->add_subcommand("cancel", "Time from cancel to stop inside each training loop");
    c->add_option("--repeats", o.repeats, "cancellations per loop")->capture_default_str()->check(CLI::Range(1, 100));
    c->add_option("--records", o.records, "records of the demo dataset")->capture_default_str()->check(CLI::Range(20, 2000));
    c->add_option("--threads", o.threads, "compute threads")->capture_default_str()->check(CLI::Range(1, maxThreads()));
    c->callback([] {
        const auto dir = std::filesystem::temp_directory_path() / ("dacl-bench-cancel-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        NullProgress quiet;
        synth::writeDemoDataset((dir / "demo").string(), o.records, 11, quiet);
        std::printf("%s\n", describe(runtimeInfo()).c_str());
        // The loops of the version-1 pipeline, whose stages the job queue's test names; the same
        // cancellation poll serves the sequence trainer.
        struct Loop { const char* stage; int vaeEpochs, encoderEpochs; };
        for (const Loop loop : {Loop{"VAE epoch", 10000, 2}, Loop{"DACL epoch", 2, 10000}}) {
            std::vector<double> ms;
            for (int r = 0; r < o.repeats; ++r) {
                ml::PipelineRequest req;
                req.dataDir = (dir / "demo").string();
                req.dbPath = (dir / ("cancel-" + std::to_string(r) + ".sqlite")).string();
                req.folds = 1;
                req.finalModel = false;
                req.settings.set("threads", o.threads);
                req.settings.set("repr", "pooled");
                req.settings.set("vae.epochs", loop.vaeEpochs);
                req.settings.set("vae.patience", 10000);
                req.settings.set("train.epochs", loop.encoderEpochs);
                req.settings.set("encoder.base_channels", 8);
                req.settings.set("eval.bootstrap", 100);
                CancelInStage sink(loop.stage, 2);
                try {
                    ml::runPipeline(req, sink);
                } catch (const Cancelled&) {
                }
                if (!sink.asked()) throw std::runtime_error(std::string("the pipeline never reached ") + loop.stage);
                ms.push_back(1000.0 * secondsSince(sink.askedAt()));
            }
            std::sort(ms.begin(), ms.end());
            std::printf("cancel during %-10s  median %7.1f ms  max %7.1f ms  (%d runs)\n", loop.stage, ms[ms.size() / 2],
                        ms.back(), o.repeats);
        }
        std::filesystem::remove_all(dir);
    });
}

}  // namespace dacl::cli
