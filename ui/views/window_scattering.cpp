#include "ui/views/window_scattering.h"

#include "core/common/error.h"
#include "core/dsp/preprocess.h"
#include "core/dsp/rhythm_channels.h"
#include "core/dsp/robust_rpeaks.h"
#include "core/features/sequence_spans.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <map>
#include <mutex>
#include <stdexcept>
#include <tuple>

namespace dacl::ui {

dsp::ScatteringConfig scatteringConfig(const features::FeatureSettings& settings) {
    dsp::ScatteringConfig c;
    c.N = settings.window.samples;
    c.J = settings.J;
    c.Q1 = settings.Q1;
    c.Q2 = settings.Q2;
    c.maxOrder = settings.maxOrder;
    return c;
}

dsp::ScatteringTransformerConfig transformerConfig(const features::FeatureSettings& settings) {
    dsp::ScatteringTransformerConfig c;
    c.layers = settings.stLayers;
    return c;
}

std::shared_ptr<const dsp::Scattering1D> sharedScattering(const features::FeatureSettings& settings) {
    static std::mutex mutex;
    static std::map<std::tuple<int, int, int, int, int>, std::shared_ptr<const dsp::Scattering1D>> cache;
    dsp::ScatteringConfig c = scatteringConfig(settings);  // wisdom plans when the machine has them
    const auto key = std::make_tuple(c.N, c.J, c.Q1, c.Q2, c.maxOrder);
    const std::lock_guard<std::mutex> lock(mutex);  // a second caller waits for the first build
    auto& slot = cache[key];
    if (!slot) slot = std::make_shared<const dsp::Scattering1D>(c);
    return slot;
}

namespace {

// The sequence representation's view of a span (features/sequence_spans.cpp is the reference):
// tokens of the valid frames only, and the rhythm channels at the frame centres.
void addSequenceParts(WindowScattering& out, const std::vector<double>& clean, const dsp::Window& w,
                      const features::FeatureSettings& settings, const dsp::Scattering1D& scattering,
                      const dsp::ScatteringTransformer& transformer, const std::vector<double>& logTokens) {
    const double fs = settings.preprocess.targetFs;
    const long first = std::lround(w.startS * fs);
    const long valid = std::min<long>(settings.window.samples, static_cast<long>(clean.size()) - first);
    const int V = std::max(1, features::validFrameCount(scattering, valid));
    out.validFrames = V;
    const std::vector<double> ctx = transformer.forward(logTokens.data(), V, out.nPaths);
    out.tokens.assign(static_cast<std::size_t>(out.nFrames) * out.nPaths, std::nan(""));
    std::copy(ctx.begin(), ctx.end(), out.tokens.begin());
    if (!settings.rhythm) return;
    const std::vector<long> peaks = dsp::detectRPeaksRobust(clean, fs);
    std::vector<double> centres(static_cast<std::size_t>(V));
    for (int f = 0; f < V; ++f) centres[f] = static_cast<double>(first + scattering.framePosition(f));
    const dsp::RhythmChannels rc = dsp::rhythmChannels(peaks, fs, centres);
    out.rr.assign(rc.rr.begin(), rc.rr.end());
    out.drr.assign(rc.drr.begin(), rc.drr.end());
}

}  // namespace

WindowScattering computeWindowScattering(const Dataset& dataset, std::size_t recordIndex, int windowIndex,
                                         const features::FeatureSettings& settings) {
    WindowScattering out;
    std::shared_ptr<const dsp::Scattering1D> scattering;
    try {
        scattering = sharedScattering(settings);
    } catch (const std::exception& e) {
        out.recordIndex = static_cast<int>(recordIndex);
        out.error = e.what();  // bad settings (e.g. a J too large for N)
        return out;
    }
    const dsp::ScatteringTransformer transformer(transformerConfig(settings));
    out = computeWindowScattering(dataset, recordIndex, windowIndex, settings, *scattering, transformer);
    out.scattering = scattering;
    return out;
}

WindowScattering computeWindowScattering(const Dataset& dataset, std::size_t recordIndex, int windowIndex,
                                         const features::FeatureSettings& settings,
                                         const dsp::Scattering1D& scattering,
                                         const dsp::ScatteringTransformer& transformer) {
    WindowScattering out;
    out.recordIndex = static_cast<int>(recordIndex);
    try {
        out.errorFile = dataset.records().at(recordIndex).headerPath;
        const auto rec = dataset.signal(recordIndex);
        const auto lead = static_cast<std::size_t>(settings.preprocess.lead);
        if (lead >= rec->channels.size())
            throw std::invalid_argument("record has no lead " + std::to_string(lead) + " (it has " +
                                        std::to_string(rec->channels.size()) + ")");
        // The feature job's steps, in its order: preprocess the lead, cut on the evaluation grid.
        const auto clean = dsp::preprocess(rec->channels[lead], rec->fsOf(lead), settings.preprocess);
        const int hop = settings.evalHop > 0 ? settings.evalHop : dsp::windowHop(settings.window.samples, false);
        const auto windows = dsp::makeWindows(dataset.records()[recordIndex].name, clean,
                                              settings.preprocess.targetFs, hop, settings.window);
        if (windows.empty()) throw std::invalid_argument("record has no samples");
        out.windowCount = static_cast<int>(windows.size());
        out.windowIndex = std::clamp(windowIndex, 0, out.windowCount - 1);
        const dsp::Window& w = windows[static_cast<std::size_t>(out.windowIndex)];
        out.startS = w.startS;
        out.fs = settings.preprocess.targetFs;
        out.nPaths = scattering.nPaths();
        out.nFrames = scattering.nFrames();
        // Window samples are stored as float by makeWindows; the double path widens them as
        // computeFeatures(float32 = false) does.
        const std::vector<double> x(w.samples.begin(), w.samples.end());
        out.S.resize(scattering.outputSize());
        scattering.transform(x.data(), out.S.data());
        const auto logTokens = dsp::logScatteringTokens(out.S.data(), out.nPaths, out.nFrames, settings.logEps);
        out.sequence = settings.sequence;
        if (settings.sequence) {
            addSequenceParts(out, clean, w, settings, scattering, transformer, logTokens);
        } else {
            out.validFrames = out.nFrames;
            out.tokens = transformer.forward(logTokens.data(), out.nFrames, out.nPaths);
        }
        out.errorFile.clear();
    } catch (const std::exception& e) {
        describeError(e, out.error, out.errorFile);
    }
    return out;
}

}  // namespace dacl::ui
