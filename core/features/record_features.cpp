#include "core/features/record_features.h"

#include "core/dsp/scattering.h"
#include "core/dsp/scattering_transformer.h"
#include "core/features/sequence_layout.h"
#include "core/features/sequence_spans.h"

#include <cmath>
#include <stdexcept>

namespace dacl::features {

namespace {

dsp::ScatteringConfig scatteringConfig(const FeatureSettings& s) {
    dsp::ScatteringConfig sc;
    sc.N = s.window.samples;
    sc.J = s.J;
    sc.Q1 = s.Q1;
    sc.Q2 = s.Q2;
    sc.maxOrder = s.maxOrder;
    return sc;
}

dsp::ScatteringTransformerConfig transformerConfig(const FeatureSettings& s) {
    dsp::ScatteringTransformerConfig stc;
    stc.layers = s.stLayers;
    return stc;
}

}  // namespace

struct RecordFeaturizer::Impl {
    explicit Impl(const FeatureSettings& s) : settings(s), scattering(scatteringConfig(s)), st(transformerConfig(s)) {}
    FeatureSettings settings;
    dsp::Scattering1D scattering;
    dsp::ScatteringTransformer st;
};

RecordFeaturizer::RecordFeaturizer(const FeatureSettings& settings) : d_(std::make_unique<Impl>(settings)) {}
RecordFeaturizer::~RecordFeaturizer() = default;

const FeatureSettings& RecordFeaturizer::settings() const { return d_->settings; }
int RecordFeaturizer::framesPerSpan() const { return d_->scattering.nFrames(); }

int RecordFeaturizer::dim() const {
    if (!d_->settings.sequence) return 2 * d_->scattering.nPaths();
    return SequenceLayout{d_->scattering.nFrames(), d_->scattering.nPaths() + (d_->settings.rhythm ? 2 : 0)}.dim();
}

RecordWindows RecordFeaturizer::compute(const std::vector<double>& lead, double leadFs, const std::string& record,
                                        const std::atomic<bool>* stop, int threads) const {
    const FeatureSettings& s = d_->settings;
    const dsp::Scattering1D& scattering = d_->scattering;
    const int P = scattering.nPaths(), T = scattering.nFrames();
    const double fs = s.preprocess.targetFs;
    const auto clean = dsp::preprocess(lead, leadFs, s.preprocess);
    if (s.sequence) return computeSequenceSpans(clean, s, scattering, d_->st, stop, threads);
    const auto windows = dsp::makeWindows(record, clean, fs, s.hop, s.window);
    if (windows.empty()) throw std::invalid_argument("record has no samples");

    RecordWindows out;
    out.dim = 2 * P;
    out.features.reserve(windows.size() * static_cast<std::size_t>(out.dim));
    std::vector<float> Sf(s.float32 ? scattering.outputSize() : 0);
    std::vector<double> Sd(s.float32 ? 0 : scattering.outputSize()), xd;
    for (std::size_t w = 0; w < windows.size() && !(stop && *stop); ++w) {
        std::vector<double> tokens;
        if (s.float32) {
            scattering.transform(windows[w].samples.data(), Sf.data());
            tokens = dsp::logScatteringTokens(Sf.data(), P, T, s.logEps);
        } else {
            xd.assign(windows[w].samples.begin(), windows[w].samples.end());
            scattering.transform(xd.data(), Sd.data());
            tokens = dsp::logScatteringTokens(Sd.data(), P, T, s.logEps);
        }
        const auto f = d_->st.pooled(tokens.data(), T, P);
        for (double v : f) out.features.push_back(static_cast<float>(v));
        out.startS.push_back(windows[w].startS);
        const long start = std::lround(windows[w].startS * fs);
        out.evalGrid.push_back(s.evalHop > 0 && (start % s.evalHop == 0 || w + 1 == windows.size()));
    }
    return out;
}

}  // namespace dacl::features
