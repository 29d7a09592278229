// `dacl bench ddp`: SupCon steps of the sequence encoder on synthetic latent sequences of the
// pipeline's shape, alone or as one rank of `dacl launch --nproc N -- dacl bench ddp --distributed`,
// with the time spent in the gradient all-reduce. The same work: N ranks with --batch B against
// one process with --batch N×B.
#include "app/cli/commands.h"
#include "core/common/json_text.h"
#include "core/ml/distributed.h"
#include "core/ml/runtime_info.h"
#include "core/ml/sequence_trainer.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>
#include <memory>
#include <random>

namespace dacl::cli {

namespace {

struct DdpBenchOptions {
    int records = 256, channels = 18, frames = 288;  // 30.72 s spans at 2^5 samples a frame; latent 16 + rhythm 2
    int batch = 16, steps = 20, width = 32;
    bool distributed = false;
};

ml::SequenceSet syntheticSet(const DdpBenchOptions& o, std::vector<int>& labels) {
    std::mt19937_64 rng(5);
    std::normal_distribution<float> noise(0.0f, 1.0f);
    ml::SequenceSet s;
    s.channels = o.channels;
    s.frames = o.frames;
    s.values.resize(static_cast<std::size_t>(o.records) * s.stride());
    for (auto& v : s.values) v = noise(rng);
    for (int r = 0; r < o.records; ++r) {
        s.valid.push_back(o.frames / 2 + static_cast<int>(rng() % static_cast<unsigned>(o.frames / 2 + 1)));
        labels.push_back(r % 4 == 0);  // one in four, as AF against the rest
    }
    return s;
}

}  // namespace

void registerBenchDdpCommand(CLI::App& app) {
    auto o = std::make_shared<DdpBenchOptions>();
    CLI::App* c = app.get_subcommand("bench")->add_subcommand("ddp", "Distributed encoder training: seconds per step and in the all-reduce");
    c->add_option("--records", o->records, "synthetic records")->capture_default_str()->check(CLI::Range(8, 1000000));
    c->add_option("--frames", o->frames, "frames per record")->capture_default_str()->check(CLI::Range(8, 100000));
    c->add_option("--batch", o->batch, "records per batch, per rank")->capture_default_str()->check(CLI::Range(2, 65536));
    c->add_option("--steps", o->steps, "SupCon steps to time")->capture_default_str()->check(CLI::Range(1, 100000));
    c->add_option("--width", o->width, "U-Net base channels")->capture_default_str()->check(CLI::Range(1, 512));
    c->add_flag("--distributed", o->distributed, "One rank of `dacl launch` (MASTER_ADDR, MASTER_PORT, WORLD_SIZE, RANK)");
    c->callback([o] {
        dacl::configureThreads(1);  // one intra-op thread per process: ranks share the cores
        std::vector<int> labels, valLabels;
        const ml::SequenceSet train = syntheticSet(*o, labels);
        DdpBenchOptions small = *o;
        small.records = 16;
        const ml::SequenceSet val = syntheticSet(small, valLabels);
        std::shared_ptr<ml::DistributedGroup> group;
        if (o->distributed) group = std::make_shared<ml::DistributedGroup>(ml::distributedSettingsFromEnvironment());
        ml::SequenceTrainSettings s;
        s.width = o->width;
        s.batch = o->batch;
        s.epochs = 1;
        s.stepsPerEpoch = o->steps;
        s.probeRecords = 16;  // the per-epoch probe is not what this measures
        s.device = "cpu";
        ml::SequenceTrainer t(o->channels, 2, s);
        t.setDistributed(group);
        ml::SequenceEpoch epoch;
        const auto t0 = std::chrono::steady_clock::now();
        t.trainContrastive(train, labels, val, valLabels, [&](const ml::SequenceEpoch& e) { epoch = e; });
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (group && group->rank() != 0) return;
        const int world = group ? group->worldSize() : 1;
        nlohmann::json j{{"world_size", world},
                         {"batch_per_rank", o->batch},
                         {"global_batch", o->batch * world},
                         {"steps", o->steps},
                         {"frames", o->frames},
                         {"channels", o->channels},
                         {"width", o->width},
                         {"parameters", t.parameterCount()},
                         {"seconds", seconds},
                         {"seconds_per_step", epoch.seconds / o->steps},
                         {"all_reduce_seconds_per_step", epoch.allReduceSeconds / o->steps},
                         {"loss", epoch.loss}};
        std::cout << jsonText(j) << std::endl;
    });
}

}  // namespace dacl::cli
