#include "core/features/sequence_spans.h"

#include "core/common/parallel_for.h"
#include "core/dsp/atrial_features.h"
#include "core/dsp/preprocess.h"
#include "core/dsp/rhythm_channels.h"
#include "core/dsp/robust_rpeaks.h"
#include "core/dsp/rr_features.h"
#include "core/dsp/scattering.h"
#include "core/dsp/scattering_transformer.h"
#include "core/features/sequence_layout.h"

#include <algorithm>
#include <stdexcept>

namespace dacl::features {

int validFrameCount(const dsp::Scattering1D& scattering, long validSamples) {
    int v = 0;
    while (v < scattering.nFrames() && scattering.framePosition(v) < validSamples) ++v;
    return v;
}

RecordWindows computeSequenceSpans(const std::vector<double>& clean, const FeatureSettings& s,
                                   const dsp::Scattering1D& scattering, const dsp::ScatteringTransformer& st,
                                   const std::atomic<bool>* stop, int threads) {
    const int P = scattering.nPaths(), L = scattering.nFrames(), N = s.window.samples;
    const double fs = s.preprocess.targetFs;
    const int C = P + (s.rhythm ? 2 : 0);
    const SequenceLayout layout{L, C};
    if (clean.empty()) throw std::invalid_argument("record has no samples");

    // Rhythm comes from the whole record, so a span's first frames know the beat before them.
    const std::vector<long> peaks = dsp::detectRPeaksRobust(clean, fs);
    std::vector<double> rr = dsp::rrFeatures(peaks, fs);
    dsp::BeatWindows beats = dsp::beatWindows(clean, peaks, fs);
    const std::vector<double> atrial = dsp::atrialFeatures(beats);
    rr.insert(rr.end(), atrial.begin(), atrial.end());

    // Span starts: 0, hop, ... and one more ending at the record's end (as makeWindows does).
    const long n = static_cast<long>(clean.size());
    const std::vector<long> starts = dsp::windowStarts(n, N, s.hop);

    RecordWindows out;
    out.dim = layout.dim();
    out.features.assign(starts.size() * static_cast<std::size_t>(out.dim), 0.0f);
    // Spans are independent (rhythm comes from the whole record, computed above), so a long
    // recording's spans share the cores; each row is written by exactly one thread.
    std::vector<char> done(starts.size(), 0);
    parallelFor(starts.size(), threads, [&](std::size_t k) {
        if (stop && *stop) return;
        thread_local std::vector<float> x, S;
        x.assign(static_cast<std::size_t>(N), 0.0f);  // zero padding: the isoelectric level
        S.resize(scattering.outputSize());
        const long a = starts[k];
        const long valid = std::min<long>(N, n - a);
        for (long i = 0; i < valid; ++i) x[static_cast<std::size_t>(i)] = static_cast<float>(clean[static_cast<std::size_t>(a + i)]);
        scattering.transform(x.data(), S.data());
        const int V = std::max(1, validFrameCount(scattering, valid));
        // Tokens of the valid frames only: attention and LayerNorm never see the padding.
        const auto tokens = dsp::logScatteringTokens(S.data(), P, L, s.logEps);
        const auto ctx = st.forward(tokens.data(), V, P);

        float* row = out.features.data() + k * static_cast<std::size_t>(out.dim);
        row[0] = static_cast<float>(V);
        row[1] = static_cast<float>(L);
        row[2] = static_cast<float>(C);
        for (int i = 0; i < SequenceLayout::kRhythmFeatures; ++i) row[3 + i] = static_cast<float>(rr[static_cast<std::size_t>(i)]);
        float* frames = row + SequenceLayout::kHeader;
        for (int f = 0; f < V; ++f)
            for (int c = 0; c < P; ++c) frames[f * C + c] = static_cast<float>(ctx[static_cast<std::size_t>(f) * P + c]);
        if (s.rhythm) {
            std::vector<double> centres(static_cast<std::size_t>(V));
            for (int f = 0; f < V; ++f) centres[f] = static_cast<double>(a + scattering.framePosition(f));
            const dsp::RhythmChannels rc = dsp::rhythmChannels(peaks, fs, centres);
            for (int f = 0; f < V; ++f) {
                frames[f * C + P] = rc.rr[f];
                frames[f * C + P + 1] = rc.drr[f];
            }
        }
        done[k] = 1;
    });
    // Stopped early: the spans done so far, as a prefix (threads finish out of order).
    const std::size_t prefix = static_cast<std::size_t>(std::find(done.begin(), done.end(), 0) - done.begin());
    out.features.resize(prefix * static_cast<std::size_t>(out.dim));
    for (std::size_t k = 0; k < prefix; ++k) {
        out.startS.push_back(static_cast<double>(starts[k]) / fs);
        out.evalGrid.push_back(1);  // every span is scored
    }
    out.peaks = peaks;
    out.beats = std::move(beats);
    return out;
}

}  // namespace dacl::features
