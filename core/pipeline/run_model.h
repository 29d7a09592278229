#pragma once
// The final model of a finished `dacl pipeline` run (representation + probe, stored as artefacts
// of kind "model" next to the run's settings), loaded for `dacl predict` and the desktop views.
// Torch-free interface: the GUI includes it.
//
// Everything here reproduces what the pipeline did when it evaluated windows: features on the
// evaluation grid (window.eval_hop) of the chosen lead, after resampling to preprocess.fs; raw
// pooled features go into the representation (the VAE z-scores its input with training
// statistics) and the probe (which z-scores h with its own training statistics); a record's
// score is the mean of its windows' probabilities.
//
// Thread-safety: every const method may be called from any thread; calls into the models are
// serialised by an internal mutex (they are small), feature extraction runs in parallel.
#include "core/common/settings.h"
#include "core/data/recording.h"
#include "core/dsp/atrial_features.h"
#include "core/ml/diffusion_schedule.h"
#include "core/ml/matrix.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dacl::ml {

// The windows of one record's lead and their pooled Scattering-Transformer features.
struct WindowFeatures {
    std::vector<double> startS;  // window start (s from the record start)
    std::vector<double> endS;    // start + N/fs, at most the record's duration (short records are padded)
    Matrix features;             // one row per window (2C columns)
    std::vector<double> peakS;   // repr = sequence: the record's R peaks (s), for per-span RR features
    dsp::BeatWindows beats;      // repr = sequence: its beats' P and QRS windows, for per-span atrial features
    std::size_t size() const { return startS.size(); }
};

// The probability over time: the model on sliding spans of a record (predict.span_s long, hop
// predict.hop_s; a record shorter than a span is one span). For repr = pooled the spans are the
// evaluation windows. With a rhythm booster (and predict.span_fusion) each span is fused with the
// rhythm features (20 RR, and 4 atrial with fusion.features=rr_atrial) of the beats inside it, as
// records are; otherwise spans are the model alone.
struct SpanProbabilities {
    std::vector<double> startS, endS;
    Matrix proba;                    // per span: class probabilities
    std::vector<double> score;       // per span: positiveClass() probability
    std::size_t size() const { return startS.size(); }
};

struct RecordPrediction {
    WindowFeatures windows;          // repr = sequence: the record's 30.72-s span rows
    Matrix proba;                    // per window: class probabilities (numClasses columns)
    std::vector<double> windowScore; // per window: positiveClass() probability
    std::vector<double> classMean;   // per class: mean over windows (fused with the RR booster when the run has one)
    double score = 0;                // record score (as the pipeline scores records, fusion included)
    double modelScore = 0;           // the same without rhythm fusion
    bool fused = false;              // score includes the rhythm-feature booster
    int predicted = 0;               // predictedClass(classMean)
    SpanProbabilities spans;         // the probability over time
};

class RunModel {
public:
    // Throws std::runtime_error with a plain message when the file or the run does not exist,
    // the run is a baseline or has no final model (yet), or an artefact cannot be read.
    static RunModel load(const std::string& dbPath, std::int64_t runId);
    ~RunModel();
    RunModel(RunModel&&) noexcept;
    RunModel& operator=(RunModel&&) noexcept;

    std::int64_t runId() const;
    const std::string& runName() const;
    const Settings& settings() const;
    // Prediction-time settings (predict.span_s, predict.hop_s, predict.span_fusion) as
    // "key=value"; any other key is refused: the model was trained with the run's settings.
    void setPredictSetting(const std::string& assignment);
    const std::string& task() const;
    std::string method() const;                  // "dacl"
    int numClasses() const;                      // 2, or 4 for challenge4
    // Display names per class code: binary {negative, positive}, challenge4 {N, A, O, ~}.
    const std::vector<std::string>& classNames() const;
    // Column of proba that `p` / the record score refers to: 1 (the positive class; for
    // challenge4 A, as the pipeline's stored predictions do).
    int positiveClass() const { return 1; }
    // Validation (Youden) threshold chosen when the final model was fitted; NaN for challenge4.
    double threshold() const;
    // challenge4: the decision weights fitted on the final model's validation records
    // (class_decision.h); empty for binary tasks and for runs stored before they existed.
    const std::vector<double>& classWeights() const;
    // The class a record gets from its class probabilities: binary, P(positive) >= threshold();
    // challenge4, the largest probability x classWeights().
    int predictedClass(const std::vector<double>& classMean) const;
    double sampleRate() const;                   // preprocess.fs (Hz): records are resampled to it
    int windowSamples() const;                   // N
    int defaultLead() const;                     // data.lead of the run

    // Threads that compute one record's features (repr = sequence spans; default 1: callers that
    // score many records run records in parallel instead). The features do not depend on it.
    void setFeatureThreads(int threads);

    // Features of every evaluation window of `lead` (0-based) of a record at any sampling rate.
    // Throws std::invalid_argument when the record has no such lead or no samples.
    WindowFeatures windowFeatures(const Recording& record, int lead) const;
    // [windows, numClasses] class probabilities of the probe.
    Matrix windowProbabilities(const Matrix& features) const;
    // windowFeatures + windowProbabilities + record aggregation (+ rhythm fusion) + spans.
    RecordPrediction predict(const Recording& record, int lead) const;
    // The probability over time from a record's window features (see SpanProbabilities).
    SpanProbabilities spanProbabilities(const WindowFeatures& windows, double durationS) const;
    // repr = sequence: rows are whole spans of frames (features/sequence_layout.h); latents
    // are flat sequences [valid, frames, d, d x frames] (pipeline/latent_spans.h reads them).
    bool isSequence() const;
    // Rhythm features per record the fusion booster reads: 20 (RR intervals), 24 (and the atrial
    // features: P waves), 0 without rhythm fusion.
    int rhythmFeatureCount() const;

    // VAE latent (d columns): μ of q(z | f) and its σ, both in the standardised latent units that
    // the encoder sees (z0 = (μ − mean)/std with training statistics).
    int latentDim() const;
    Matrix latentMean(const Matrix& features) const;
    Matrix latentStd(const Matrix& features) const;
    // The VAE decoder from standardised latents back to feature units.
    Matrix decode(const Matrix& z) const;
    // Encoder representation h(z, t) (what the probe sees at t = 0).
    Matrix embed(const Matrix& z, int t) const;
    // Row i at timestep t[i], in one batched pass.
    Matrix embed(const Matrix& z, const std::vector<int>& t) const;

    // The diffusion schedule the encoder was trained with.
    const DiffusionSchedule& schedule() const;
    ScheduleKind scheduleKind() const { return schedule().settings().kind; }
    int timesteps() const { return schedule().steps(); }                      // T
    double alphaBar(int t) const { return schedule().alphaBar(t); }           // t in 0..T
    double noiseStd(int t) const { return schedule().noiseScale(t); }         // √(1 − ᾱ_t)

private:
    // repr = sequence: probabilities of latent rows, and the sliding spans cut from them.
    Matrix latentProbabilities(const Matrix& latents) const;
    SpanProbabilities sequenceSpans(const WindowFeatures& windows, const Matrix& latents, double durationS) const;

    struct Impl;
    explicit RunModel(std::unique_ptr<Impl> d);
    std::unique_ptr<Impl> d_;
};

// Display names of a task's classes (index = task label), see RunModel::classNames().
std::vector<std::string> taskClassNames(const std::string& task);

}  // namespace dacl::ml
