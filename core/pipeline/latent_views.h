#pragma once
// What the desktop's latent and diffusion views show, computed from a run's final model
// (RunModel): plain C++ for worker threads, tests and `dacl bench run-model`.
#include "core/data/dataset.h"
#include "core/pipeline/run_model.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace dacl::ml {

// The VAE latent of every evaluation window of one record (the run's lead).
struct RecordLatent {
    int recordIndex = -1;
    std::vector<double> startS, endS;  // per window (s)
    Matrix features;               // windows x 2C: the pooled ST features
    Matrix mu, sigma;              // windows x d: μ and σ of q(z | f), standardised latent units
    std::vector<double> reconError;    // per window: mean squared error of decode(μ) vs f (feature units)
    std::string error, errorFile;      // non-empty error: nothing else is valid
    std::size_t windows() const { return startS.size(); }
};

// Never throws (errors go to RecordLatent::error).
RecordLatent computeRecordLatent(const RunModel& model, const Dataset& dataset, std::size_t record);

// Every record of a dataset placed by PCA of its mean latent μ (mean over its evaluation windows).
struct LatentProjection {
    std::vector<int> records;           // dataset indices (records that could be read)
    std::vector<double> pc1, pc2;       // coordinates per record
    std::vector<double> explained;      // share of the total variance of PC1, PC2 (0..1)
    // Record score: the mean window probability of the positive class; for repr=sequence the
    // record score of RunModel::predict (rhythm fusion included, as the dataset view shows it).
    std::vector<double> score;
    // Mean reconstruction MSE of the record's windows (repr=sequence: over its valid frames; the
    // latent mean μ is then the mean over valid frames too).
    std::vector<double> reconError;
    int skipped = 0;                    // records that could not be read
    std::string error;                  // non-empty: no projection (e.g. fewer than 2 records)
    std::size_t size() const { return records.size(); }
};

// done(records processed) is called from the calling thread after each record; `cancel` stops the
// loop (the result is then marked with error "cancelled").
LatentProjection computeLatentProjection(const RunModel& model, const Dataset& dataset,
                                         const std::atomic<bool>& cancel,
                                         const std::function<void(std::size_t done, std::size_t total)>& done = {});

// One window's walk through the forward diffusion, for every t = 0..T of a schedule:
// z_t = √ᾱ_t z0 + √(1−ᾱ_t) ε with one fixed ε per window (seeded by record name and window),
// the VAE decoding of every z_t, and the drift of the encoder's representation h(z_t, t) from
// h(z0, 0) (Euclidean distance and cosine similarity).
struct DiffusionWalk {
    int recordIndex = -1;
    int windowIndex = -1;
    int windowCount = 0;
    double startS = 0, endS = 0;
    ScheduleKind kind = ScheduleKind::Linear;
    int steps = 0;                       // T
    std::vector<double> z0, epsilon;     // d
    std::vector<double> features;        // 2C: the window's pooled ST feature f
    std::vector<double> alphaBar;        // T + 1
    Matrix decoded;                  // (T + 1) x 2C: decode(z_t)
    std::vector<double> drift, cosine;   // T + 1
    std::string error, errorFile;
    int latentDim() const { return static_cast<int>(z0.size()); }
    std::vector<double> zt(int t) const;  // z_t as the view plots it
};

// The schedule the view uses for `kind`: the model's own settings (T, β range, cosine offset)
// with only the kind changed.
DiffusionSchedule viewSchedule(const RunModel& model, ScheduleKind kind);

// The fixed noise of a window: N(0, I) in d dimensions from a seed derived from the record's name
// and the window index (the same every time the window is shown).
std::vector<double> windowNoise(const std::string& recordName, int windowIndex, int dim);

// Never throws. windowIndex is clamped to the record's evaluation windows.
DiffusionWalk computeDiffusionWalk(const RunModel& model, const Dataset& dataset, std::size_t record,
                                   int windowIndex, ScheduleKind kind);

}  // namespace dacl::ml
