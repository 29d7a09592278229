#pragma once
// The per-record step of the feature job: one lead of one record → preprocess → windows →
// log-scattering → Scattering Transformer → pooled feature per window. computeFeatures() runs it
// over a dataset; `dacl predict` and the desktop app run it on single records, so that a model
// sees exactly the features it was trained and evaluated on.
#include "core/dsp/atrial_features.h"
#include "core/features/feature_job.h"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace dacl::features {

struct RecordWindows {
    int dim = 0;                  // 2C
    std::vector<float> features;  // windows x dim, row-major
    std::vector<double> startS;   // window start in the record (s)
    std::vector<char> evalGrid;   // 1: the window lies on the evaluation grid
    std::vector<long> peaks;      // sequence spans: the record's robust R peaks (samples at the target rate)
    dsp::BeatWindows beats;       // sequence spans: the P and QRS windows of its beats (atrial features of any span)
    std::size_t size() const { return startS.size(); }
};

class RecordFeaturizer {
public:
    // Builds the filter bank once (FFTW plans): reuse one featurizer for many records.
    explicit RecordFeaturizer(const FeatureSettings& settings);
    ~RecordFeaturizer();
    RecordFeaturizer(const RecordFeaturizer&) = delete;
    RecordFeaturizer& operator=(const RecordFeaturizer&) = delete;

    const FeatureSettings& settings() const;
    int dim() const;
    int framesPerSpan() const;  // scattering frames of one window (repr = sequence: of one span)

    // Windows of `lead` (samples at rate fs, any rate: resampled per settings) with hop
    // settings.hop. Thread-safe. Throws std::invalid_argument for an empty lead or fs <= 0.
    // When `stop` turns true the computation ends early with the windows done so far.
    // repr = sequence spans are spread over `threads` threads (for one long recording; a dataset
    // job runs records in parallel instead); the result does not depend on it.
    RecordWindows compute(const std::vector<double>& lead, double fs, const std::string& record,
                          const std::atomic<bool>* stop = nullptr, int threads = 1) const;

private:
    struct Impl;
    std::unique_ptr<Impl> d_;
};

}  // namespace dacl::features
