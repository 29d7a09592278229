#pragma once
// Training of the temporal U-Net on frame or latent sequences (method.md v2 §5-7), torch-free
// interface (pimpl):
//  - stage 1 (DACL pre-training): SupCon over views of class-balanced batches; each view is a
//    random crop of `crop` of a record's valid frames, noised by the diffusion forward process
//    at t ~ U{1..tMax} (or Gaussian noise, for the baseline); the best epoch is chosen by the
//    validation score of a logistic probe on h (t = 0, whole records);
//  - stage 2 (fine-tuning, or the supervised CNN baseline on its own): cross-entropy of a linear
//    head on h, on the same kind of views; the best epoch by the head's validation score.
// The validation score is the AUROC (binary) or the mean one-vs-rest AUROC (more classes).
#include "core/common/progress.h"
#include "core/ml/diffusion_schedule.h"
#include "core/ml/matrix.h"
#include "core/ml/sequence_set.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace dacl::ml {

class DistributedGroup;

struct SequenceTrainSettings {
    int width = 32;
    int timeEmbedDim = 64;
    bool timeConditioning = true;
    int projectionDim = 128;
    std::string views = "diffusion";  // diffusion | gaussian | none
    double gaussianSigma = 0.3;
    ScheduleSettings schedule;
    int tMax = 100;
    int numViews = 2;
    double crop = 2.0 / 3.0;
    int batch = 64;                   // records per batch (each gives numViews views); per rank when distributed
    double balance = 0.0;             // class shares of a batch ∝ count^balance: 0 equal, 1 natural (batch_shares.h)
    int epochs = 10;
    int stepsPerEpoch = 40;
    double lr = 1e-3;
    double weightDecay = 1e-4;
    int warmupEpochs = 1;
    double temperature = 0.1;
    int finetuneEpochs = 10;
    double finetuneLr = 5e-4;
    int probeRecords = 1500;          // training records the per-epoch validation probe is fitted on
    std::uint64_t seed = 1;
    std::string device = "auto";
};

// A training crop of a record with `valid` frames: `fraction` of them (at least 4, at most all),
// starting uniformly at random so that every valid frame can be seen.
struct Crop {
    int start = 0, length = 0;
};
Crop randomCrop(int valid, double fraction, std::mt19937_64& rng);

enum class SequenceStage { Probe, Finetuned };
const char* toString(SequenceStage s);  // "probe" | "finetuned"

struct SequenceEpoch {
    SequenceStage stage = SequenceStage::Probe;
    int epoch = 0;
    double loss = 0;       // mean training loss of the epoch
    double lr = 0;         // at the epoch's last step
    double valScore = 0;   // validation AUROC of this epoch's model
    bool best = false;
    double seconds = 0;
    double allReduceSeconds = 0;  // of `seconds`: waiting for the other ranks' gradients (distributed)
};

class SequenceTrainer {
public:
    SequenceTrainer(int inputChannels, int numClasses, const SequenceTrainSettings& settings);
    ~SequenceTrainer();
    SequenceTrainer(SequenceTrainer&&) noexcept;
    SequenceTrainer& operator=(SequenceTrainer&&) noexcept;

    // Trains data-parallel with the other ranks of `group` (null: alone). Every rank needs the same
    // data, labels and settings (seed included): each draws the same global batch of
    // batch × world size records and trains on its shard (every world-size-th record, so each
    // shard keeps the class balance); gradients are all-reduced before every optimiser step, so
    // the ranks keep identical weights, those of one process trained with the global batch.
    void setDistributed(std::shared_ptr<DistributedGroup> group);

    using EpochCallback = std::function<void(const SequenceEpoch&)>;
    // Each returns the best validation score; the model keeps that epoch's weights.
    double trainContrastive(const SequenceSet& train, const std::vector<int>& labels, const SequenceSet& val,
                            const std::vector<int>& valLabels, const EpochCallback& onEpoch = {},
                            ProgressSink* progress = nullptr, const std::string& stagePrefix = {});
    double trainSupervised(const SequenceSet& train, const std::vector<int>& labels, const SequenceSet& val,
                           const std::vector<int>& valLabels, const EpochCallback& onEpoch = {},
                           ProgressSink* progress = nullptr, const std::string& stagePrefix = {});

    // Weights of the best epoch of a stage trained by this object (for choosing between them).
    void useStage(SequenceStage stage);
    SequenceStage stage() const;

    // h (t = 0: the inference embedding) of every record, whole records, no gradients.
    Matrix embed(const SequenceSet& set, int t = 0) const;
    Matrix embed(const SequenceSet& set, const std::vector<int>& t) const;  // t per record
    // Softmax of the supervised head (meaningful after trainSupervised).
    Matrix classProba(const SequenceSet& set) const;
    int embeddingDim() const;
    std::int64_t parameterCount() const;
    std::vector<float> flatParameters() const;  // every weight, in parameter order (comparing models)
    const SequenceTrainSettings& settings() const;

    std::string toBytes() const;  // settings and the current weights
    static SequenceTrainer fromBytes(const std::string& bytes);

private:
    struct Impl;
    std::unique_ptr<Impl> d_;
};

}  // namespace dacl::ml
