#pragma once
// The scattering of one evaluation window of one record, computed exactly as the feature job
// does (same lead, preprocessing, window cut and scattering configuration) but in double
// precision, plus the Scattering Transformer's contextualised tokens. Plain C++ for worker
// threads and tests.
// repr = sequence (the default): the window is one 30.72-s span of the record's frame sequence,
// as the model sees it: the transformer attends over the span's valid frames only (the zero
// padding after a short record's end stays out, its tokens are NaN here), and the two rhythm
// channels come from the whole record's R peaks.
#include "core/data/dataset.h"
#include "core/dsp/scattering.h"
#include "core/dsp/scattering_transformer.h"
#include "core/features/feature_job.h"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace dacl::ui {

struct WindowScattering {
    int recordIndex = -1;
    int windowIndex = -1;
    int windowCount = 0;
    double startS = 0;              // window start in the record (s)
    double fs = 0;                  // rate of the window (the method's target rate)
    int nPaths = 0, nFrames = 0;
    std::vector<double> S;          // nPaths x nFrames, row-major: Scattering1D's output
    std::vector<double> tokens;     // nFrames x nPaths: Scattering Transformer output
                                    // (log(S + eps) tokens contextualised; NaN on padding frames)
    bool sequence = false;          // computed as repr = sequence
    int validFrames = 0;            // frames whose centre lies inside the record
    std::vector<double> rr, drr;    // sequence with rhythm: the rhythm channels (s) of the valid frames
    std::shared_ptr<const dsp::Scattering1D> scattering;  // the transform used (paths, frames)
    std::string error;              // non-empty: nothing else is valid
    std::string errorFile;
};

// The scattering configuration that the feature job builds from `settings`.
dsp::ScatteringConfig scatteringConfig(const features::FeatureSettings& settings);
dsp::ScatteringTransformerConfig transformerConfig(const features::FeatureSettings& settings);

// One transform per configuration for the whole process, built on first use by whichever thread
// asks (building the filters takes most of a second, so never on the GUI thread). Its FFT plans
// come from the machine's FFTW wisdom (replayed, never timed here) or are estimated without it.
std::shared_ptr<const dsp::Scattering1D> sharedScattering(const features::FeatureSettings& settings);

// `windowIndex` is clamped to the record's evaluation windows. Never throws.
WindowScattering computeWindowScattering(const Dataset& dataset, std::size_t recordIndex, int windowIndex,
                                         const features::FeatureSettings& settings);
WindowScattering computeWindowScattering(const Dataset& dataset, std::size_t recordIndex, int windowIndex,
                                         const features::FeatureSettings& settings,
                                         const dsp::Scattering1D& scattering,
                                         const dsp::ScatteringTransformer& transformer);

}  // namespace dacl::ui
