#include "ui/views/sequence_latent.h"

#include "core/common/error.h"
#include "core/features/sequence_layout.h"
#include "core/pipeline/latent_spans.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dacl::ui {

namespace {

using features::SequenceLayout;

// A flat sequence row of RunModel's latents and decodings: [V, L, K, K x L channel-major]
// (core/pipeline/latent_spans.h).
struct FlatRow {
    const float* row;
    int valid() const { return ml::LatentRowLayout::valid(row); }
    int frames() const { return ml::LatentRowLayout::frames(row); }
    int channels() const { return ml::LatentRowLayout::channels(row); }
    float at(int c, int t) const { return row[ml::LatentRowLayout::kHeader + static_cast<std::size_t>(c) * frames() + t]; }
};

// Squared error of a decoded frame against the feature frame. The decoder may rebuild fewer
// channels than a row holds (a VAE on the scattering paths only): those come first in a row.
double frameMse(const FlatRow& decoded, const float* featureRow, const SequenceLayout& layout, int f) {
    const int c = std::min(decoded.channels(), layout.channels);
    const float* x = layout.frame(featureRow, f);
    double s = 0;
    for (int k = 0; k < c; ++k) {
        const double d = static_cast<double>(decoded.at(k, f)) - x[k];
        s += d * d;
    }
    return c > 0 ? s / c : 0.0;
}

double frameSeconds(const ml::RunModel& model, const ml::Matrix& rows) {
    const SequenceLayout layout = SequenceLayout::of(rows.row(0));
    if (layout.frames <= 0) throw std::runtime_error("the run's feature rows hold no frames");
    return model.windowSamples() / model.sampleRate() / layout.frames;
}

// Span row that owns record frame k (time k * frameS): the last one starting at or before it
// that has the frame among its valid ones; -1 when none does.
struct Owner {
    int row = -1, frame = 0;
};

std::vector<Owner> frameOwners(const ml::WindowFeatures& w, double frameS, int& frames) {
    std::vector<int> offset(w.size());
    frames = 0;
    for (std::size_t r = 0; r < w.size(); ++r) {
        offset[r] = static_cast<int>(std::lround(w.startS[r] / frameS));
        frames = std::max(frames, offset[r] + SequenceLayout::validFrames(w.features.row(r)));
    }
    std::vector<Owner> owners(static_cast<std::size_t>(frames));
    for (std::size_t r = 0; r < w.size(); ++r) {
        const int valid = SequenceLayout::validFrames(w.features.row(r));
        for (int f = 0; f < valid; ++f) owners[static_cast<std::size_t>(offset[r] + f)] = {static_cast<int>(r), f};
    }
    return owners;
}

void checkSequence(const ml::RunModel& model) {
    if (!model.isSequence()) throw std::invalid_argument("the run is not a sequence run (repr = pooled)");
}

}  // namespace

SequenceLatent computeSequenceLatent(const ml::RunModel& model, const Dataset& dataset, std::size_t record) {
    SequenceLatent out;
    out.recordIndex = static_cast<int>(record);
    try {
        checkSequence(model);
        out.errorFile = dataset.records().at(record).headerPath;
        const auto rec = dataset.signal(record);
        out.durationS = rec->durationS();
        const ml::WindowFeatures w = model.windowFeatures(*rec, model.defaultLead());
        if (w.size() == 0) throw std::runtime_error("the record gives no spans");
        out.spanStartS = w.startS;
        out.frameS = frameSeconds(model, w.features);
        const SequenceLayout layout = SequenceLayout::of(w.features.row(0));
        out.channels = layout.channels;
        const ml::Matrix mu = model.latentMean(w.features), sigma = model.latentStd(w.features);
        const ml::Matrix rebuilt = model.decode(mu);
        out.dim = FlatRow{mu.row(0)}.channels();
        const std::vector<Owner> owners = frameOwners(w, out.frameS, out.frames);
        out.z0.assign(static_cast<std::size_t>(out.dim) * out.frames, std::nan(""));
        out.meanSigma.assign(static_cast<std::size_t>(out.frames), std::nan(""));
        out.reconError.assign(static_cast<std::size_t>(out.frames), std::nan(""));
        double sum = 0;
        int counted = 0;
        for (int k = 0; k < out.frames; ++k) {
            const Owner o = owners[static_cast<std::size_t>(k)];
            if (o.row < 0) continue;
            const auto r = static_cast<std::size_t>(o.row);
            const FlatRow m{mu.row(r)}, s{sigma.row(r)};
            double sig = 0;
            for (int c = 0; c < out.dim; ++c) {
                out.z0[static_cast<std::size_t>(c) * out.frames + k] = m.at(c, o.frame);
                sig += s.at(c, o.frame) / out.dim;
            }
            out.meanSigma[static_cast<std::size_t>(k)] = sig;
            const double e = frameMse(FlatRow{rebuilt.row(r)}, w.features.row(r), layout, o.frame);
            out.reconError[static_cast<std::size_t>(k)] = e;
            sum += e;
            ++counted;
        }
        out.meanReconError = counted ? sum / counted : 0.0;
        out.errorFile.clear();
    } catch (const std::exception& e) {
        describeError(e, out.error, out.errorFile);
    }
    return out;
}

// ---------------------------------------------------------------- diffusion walk

std::vector<double> SequenceWalk::zt(int t) const {
    std::vector<double> z(z0.size());
    const double a = alphaBar.at(static_cast<std::size_t>(std::clamp(t, 0, steps)));
    const double sa = std::sqrt(a), sn = std::sqrt(1.0 - a);
    for (std::size_t i = 0; i < z.size(); ++i) z[i] = sa * z0[i] + sn * epsilon[i];
    return z;
}

int SequenceWalk::nearestDecoded(int t) const {
    int best = 0;
    for (int i = 1; i < static_cast<int>(decodedSteps.size()); ++i)
        if (std::abs(decodedSteps[static_cast<std::size_t>(i)] - t) < std::abs(decodedSteps[static_cast<std::size_t>(best)] - t))
            best = i;
    return best;
}

namespace {

// Latent rows [V, L, d, d x L] for a set of timesteps of a walk (padding frames stay 0, as the
// model's own rows have them).
ml::Matrix latentRows(const SequenceWalk& w, int frames, const std::vector<int>& steps) {
    const std::size_t cols = ml::LatentRowLayout::kHeader + static_cast<std::size_t>(w.dim) * frames;
    ml::Matrix z(steps.size(), cols);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        float* row = z.row(i);
        row[0] = static_cast<float>(w.valid);
        row[1] = static_cast<float>(frames);
        row[2] = static_cast<float>(w.dim);
        const std::vector<double> v = w.zt(steps[i]);
        for (int c = 0; c < w.dim; ++c)
            for (int f = 0; f < w.valid; ++f)
                row[ml::LatentRowLayout::kHeader + static_cast<std::size_t>(c) * frames + f] = static_cast<float>(v[static_cast<std::size_t>(c) * w.valid + f]);
    }
    return z;
}

std::vector<int> stepGrid(int steps, int points, const std::vector<int>& extra) {
    std::vector<int> grid;
    const int stride = std::max(1, steps / points);
    for (int t = 0; t <= steps; t += stride) grid.push_back(t);
    if (grid.back() != steps) grid.push_back(steps);
    for (int t : extra) grid.push_back(std::clamp(t, 0, steps));
    std::sort(grid.begin(), grid.end());
    grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
    return grid;
}

}  // namespace

SequenceWalk computeSequenceWalk(const ml::RunModel& model, const Dataset& dataset, std::size_t record,
                                 int spanIndex, ml::ScheduleKind kind, const std::vector<int>& extraSteps) {
    SequenceWalk out;
    out.recordIndex = static_cast<int>(record);
    out.kind = kind;
    try {
        checkSequence(model);
        out.errorFile = dataset.records().at(record).headerPath;
        const auto rec = dataset.signal(record);
        const ml::WindowFeatures w = model.windowFeatures(*rec, model.defaultLead());
        if (w.size() == 0) throw std::runtime_error("the record gives no spans");
        out.spanCount = static_cast<int>(w.size());
        out.spanIndex = std::clamp(spanIndex, 0, out.spanCount - 1);
        const auto r = static_cast<std::size_t>(out.spanIndex);
        out.startS = w.startS[r];
        out.endS = w.endS[r];
        out.frameS = frameSeconds(model, w.features);
        const ml::Matrix f = w.features.selectRows({r});
        const SequenceLayout layout = SequenceLayout::of(f.row(0));
        out.valid = SequenceLayout::validFrames(f.row(0));
        out.channels = layout.channels;
        const ml::Matrix mu = model.latentMean(f);
        const FlatRow m{mu.row(0)};
        out.dim = m.channels();
        out.z0.resize(static_cast<std::size_t>(out.dim) * out.valid);
        for (int c = 0; c < out.dim; ++c)
            for (int t = 0; t < out.valid; ++t) out.z0[static_cast<std::size_t>(c) * out.valid + t] = m.at(c, t);
        out.features.resize(static_cast<std::size_t>(out.channels) * out.valid);
        for (int t = 0; t < out.valid; ++t)
            for (int c = 0; c < out.channels; ++c)
                out.features[static_cast<std::size_t>(c) * out.valid + t] = layout.frame(f.row(0), t)[c];
        out.epsilon = ml::windowNoise(dataset.records()[record].name, out.spanIndex, out.dim * out.valid);

        const ml::DiffusionSchedule schedule = ml::viewSchedule(model, kind);
        out.steps = schedule.steps();
        for (int t = 0; t <= out.steps; ++t) out.alphaBar.push_back(schedule.alphaBar(t));

        // Decodings on a grid of ~100 steps (+ the small multiples), in feature units.
        out.decodedSteps = stepGrid(out.steps, 100, extraSteps);
        const ml::Matrix decoded = model.decode(latentRows(out, layout.frames, out.decodedSteps));
        const int decodedChannels = FlatRow{decoded.row(0)}.channels();
        out.channels = std::min(out.channels, decodedChannels);  // compare what the VAE rebuilds
        out.features.resize(static_cast<std::size_t>(out.channels) * out.valid);
        out.decoded.resize(out.decodedSteps.size() * static_cast<std::size_t>(out.channels) * out.valid);
        for (std::size_t i = 0; i < out.decodedSteps.size(); ++i) {
            const FlatRow row{decoded.row(i)};
            double* dst = out.decoded.data() + i * static_cast<std::size_t>(out.channels) * out.valid;
            for (int c = 0; c < out.channels; ++c)
                for (int t = 0; t < out.valid; ++t) dst[static_cast<std::size_t>(c) * out.valid + t] = row.at(c, t);
        }

        // Encoder drift on a grid of ~250 steps, in batches (each row is a whole span).
        out.driftSteps = stepGrid(out.steps, 250, {});
        std::vector<double> reference;
        constexpr std::size_t kBatch = 32;
        for (std::size_t a = 0; a < out.driftSteps.size(); a += kBatch) {
            const std::vector<int> steps(out.driftSteps.begin() + static_cast<long>(a),
                                         out.driftSteps.begin() + static_cast<long>(std::min(a + kBatch, out.driftSteps.size())));
            const ml::Matrix h = model.embed(latentRows(out, layout.frames, steps), steps);
            if (reference.empty()) reference.assign(h.row(0), h.row(0) + h.cols);  // t = 0 comes first
            for (std::size_t i = 0; i < h.rows; ++i) {
                double dist = 0, dot = 0, n0 = 0, n1 = 0;
                for (std::size_t c = 0; c < h.cols; ++c) {
                    const double x = reference[c], y = h(i, c);
                    dist += (y - x) * (y - x);
                    dot += x * y;
                    n0 += x * x;
                    n1 += y * y;
                }
                out.drift.push_back(std::sqrt(dist));
                out.cosine.push_back(n0 > 0 && n1 > 0 ? dot / std::sqrt(n0 * n1) : 1.0);
            }
        }
        out.errorFile.clear();
    } catch (const std::exception& e) {
        describeError(e, out.error, out.errorFile);
    }
    return out;
}

}  // namespace dacl::ui
