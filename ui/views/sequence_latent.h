#pragma once
// What the latent and diffusion views show for a repr = sequence run (method.md v2): the
// per-frame VAE latent z0 of a record on one time axis, the reconstruction error of each frame,
// the dataset's records placed by their mean latent, and one span's walk through the forward
// diffusion. Plain C++ on RunModel's torch-free interface, for worker threads and tests.
// (core/pipeline/latent_views.h is the pooled counterpart; its helpers read pooled rows only.)
#include "core/data/dataset.h"
#include "core/pipeline/latent_views.h"
#include "core/pipeline/run_model.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace dacl::ui {

// A record's latent sequence on the record's own frame grid: frame k sits at k * frameS seconds
// (the frame centres of the spans: spans start on the frame grid). Where spans overlap, a frame
// comes from the last span that starts at or before it (the rule of RunModel::spanProbabilities).
struct SequenceLatent {
    int recordIndex = -1;
    double durationS = 0;
    double frameS = 0;                  // seconds per frame (window samples / fs / frames per span)
    int frames = 0;                     // frames of the record grid
    int dim = 0;                        // d
    int channels = 0;                   // C of the frame features
    std::vector<double> spanStartS;     // the record's 30.72-s span rows
    std::vector<double> z0;             // dim x frames, dimension-major: z0[c * frames + k]
    std::vector<double> meanSigma;      // per frame: mean σ of q(z | f) over the dimensions
    std::vector<double> reconError;     // per frame: MSE of decode(z0) against f (feature units)
    double meanReconError = 0;          // over the record's frames
    std::string error, errorFile;       // non-empty error: nothing else is valid
    double timeOf(int k) const { return k * frameS; }
    double at(int c, int k) const { return z0[static_cast<std::size_t>(c) * frames + k]; }
};

// Never throws (errors go to SequenceLatent::error). The model must be a sequence run.
SequenceLatent computeSequenceLatent(const ml::RunModel& model, const Dataset& dataset, std::size_t record);

// One span's walk through the forward diffusion: z_t = √ᾱ_t z0 + √(1−ᾱ_t) ε over its valid
// frames, with one fixed ε per span (ml::windowNoise of the record name and span index), so
// that moving t changes the picture smoothly. Decodings and the encoder's drift are computed on
// grids of t (every t would be ~30 MB of decoded frames per 100 steps): the slider shows the
// nearest decoded grid step.
struct SequenceWalk {
    int recordIndex = -1;
    int spanIndex = -1;
    int spanCount = 0;
    double startS = 0, endS = 0, frameS = 0;
    int valid = 0, dim = 0, channels = 0;  // V, d, C
    ml::ScheduleKind kind = ml::ScheduleKind::Linear;
    int steps = 0;                         // T
    std::vector<double> alphaBar;          // T + 1
    std::vector<double> z0, epsilon;       // dim x valid, dimension-major
    std::vector<double> features;          // channels x valid, channel-major: the span's frames f
    std::vector<int> decodedSteps;         // t of each decoded slice, ascending, 0 first
    std::vector<double> decoded;           // per decoded step: channels x valid (channel-major)
    std::vector<int> driftSteps;           // t of each drift value, ascending, 0 first
    std::vector<double> drift, cosine;     // ‖h(z_t, t) − h(z0, 0)‖ and cosine per drift step
    std::string error, errorFile;

    double timeOf(int f) const { return startS + f * frameS; }
    std::vector<double> zt(int t) const;  // dim x valid at timestep t
    int nearestDecoded(int t) const;      // index into decodedSteps
    const double* decodedAt(int index) const { return decoded.data() + static_cast<std::size_t>(index) * channels * valid; }
};

// Never throws. spanIndex is clamped to the record's spans; `extraSteps` (the small multiples)
// are decoded in addition to the grid.
SequenceWalk computeSequenceWalk(const ml::RunModel& model, const Dataset& dataset, std::size_t record,
                                 int spanIndex, ml::ScheduleKind kind, const std::vector<int>& extraSteps = {});

}  // namespace dacl::ui
