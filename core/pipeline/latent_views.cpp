#include "core/pipeline/latent_views.h"

#include "core/common/error.h"
#include "core/embed/pca.h"
#include "core/features/sequence_layout.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>
#include <thread>

namespace dacl::ml {

namespace {

// Reconstruction error of row r: decoded `rebuilt` against the features. Sequence rows compare
// the decoded scattering paths with the row's path channels over its valid frames.
double rowMse(const Matrix& rebuilt, const Matrix& features, std::size_t r, bool sequence) {
    double s = 0;
    std::size_t n = 0;
    if (!sequence) {
        for (std::size_t c = 0; c < rebuilt.cols; ++c, ++n) {
            const double d = static_cast<double>(rebuilt(r, c)) - features(r, c);
            s += d * d;
        }
    } else {
        const float* f = features.row(r);
        const auto layout = features::SequenceLayout::of(f);
        const int V = features::SequenceLayout::validFrames(f), L = static_cast<int>(rebuilt(r, 1)),
                  C = static_cast<int>(rebuilt(r, 2));
        for (int c = 0; c < C; ++c)
            for (int t = 0; t < V; ++t, ++n) {
                const double d = static_cast<double>(rebuilt(r, 3 + static_cast<std::size_t>(c) * L + t)) - layout.frame(f, t)[c];
                s += d * d;
            }
    }
    return n ? s / static_cast<double>(n) : 0.0;
}

// A span's latent summarised per dimension: the row itself (pooled runs) or, for sequence rows
// [V, L, d, d x L], the mean of each dimension over the valid frames.
std::vector<double> latentSummary(const Matrix& mu, std::size_t r, bool sequence) {
    if (!sequence) return std::vector<double>(mu.row(r), mu.row(r) + mu.cols);
    const int V = static_cast<int>(mu(r, 0)), L = static_cast<int>(mu(r, 1)), d = static_cast<int>(mu(r, 2));
    std::vector<double> out(static_cast<std::size_t>(d), 0.0);
    for (int c = 0; c < d; ++c)
        for (int t = 0; t < V; ++t) out[c] += mu(r, 3 + static_cast<std::size_t>(c) * L + t) / V;
    return out;
}

Matrix oneRow(const Matrix& m, std::size_t r) { return m.selectRows({r}); }

}  // namespace

RecordLatent computeRecordLatent(const RunModel& model, const Dataset& dataset, std::size_t record) {
    RecordLatent out;
    out.recordIndex = static_cast<int>(record);
    try {
        out.errorFile = dataset.records().at(record).headerPath;
        const auto rec = dataset.signal(record);
        WindowFeatures w = model.windowFeatures(*rec, model.defaultLead());
        out.startS = std::move(w.startS);
        out.endS = std::move(w.endS);
        out.features = std::move(w.features);
        out.mu = model.latentMean(out.features);
        out.sigma = model.latentStd(out.features);
        const Matrix rebuilt = model.decode(out.mu);
        for (std::size_t r = 0; r < out.features.rows; ++r)
            out.reconError.push_back(rowMse(rebuilt, out.features, r, model.isSequence()));
        out.errorFile.clear();
    } catch (const std::exception& e) {
        describeError(e, out.error, out.errorFile);
    }
    return out;
}

LatentProjection computeLatentProjection(const RunModel& model, const Dataset& dataset,
                                         const std::atomic<bool>& cancel,
                                         const std::function<void(std::size_t, std::size_t)>& done) {
    LatentProjection out;
    const std::size_t n = dataset.size();
    const int d = model.latentDim();
    struct Slot {
        bool ok = false;
        std::vector<double> meanMu;
        double score = 0, recon = 0;
    };
    std::vector<Slot> slots(n);
    std::atomic<std::size_t> next{0}, finished{0};
    auto work = [&] {
        for (std::size_t i; !cancel && (i = next++) < n;) {
            Slot& s = slots[i];
            try {
                const auto rec = dataset.signal(i);
                s.meanMu.assign(static_cast<std::size_t>(d), 0.0);
                if (model.isSequence()) {
                    // predict() returns the span rows too (one scattering pass) and the record
                    // score as the pipeline gives it (rhythm fusion included). Every valid frame
                    // weighs the same, however the record's spans overlap.
                    const RecordPrediction p = model.predict(*rec, model.defaultLead());
                    const Matrix mu = model.latentMean(p.windows.features);
                    const Matrix rebuilt = model.decode(mu);
                    double frames = 0;
                    for (std::size_t r = 0; r < mu.rows; ++r) {
                        const double V = mu(r, 0);
                        const std::vector<double> m = latentSummary(mu, r, true);
                        for (std::size_t c = 0; c < s.meanMu.size() && c < m.size(); ++c) s.meanMu[c] += m[c] * V;
                        s.recon += rowMse(rebuilt, p.windows.features, r, true) * V;
                        frames += V;
                    }
                    if (!(frames > 0)) throw std::runtime_error("no valid frames");
                    for (double& v : s.meanMu) v /= frames;
                    s.recon /= frames;
                    s.score = p.score;
                } else {
                    const WindowFeatures w = model.windowFeatures(*rec, model.defaultLead());
                    const Matrix mu = model.latentMean(w.features);
                    const Matrix proba = model.windowProbabilities(w.features);
                    const Matrix rebuilt = model.decode(mu);
                    for (std::size_t r = 0; r < mu.rows; ++r) {
                        for (std::size_t c = 0; c < mu.cols; ++c) s.meanMu[c] += mu(r, c) / static_cast<double>(mu.rows);
                        s.score += proba(r, static_cast<std::size_t>(model.positiveClass())) / static_cast<double>(mu.rows);
                        s.recon += rowMse(rebuilt, w.features, r, false) / static_cast<double>(mu.rows);
                    }
                }
                s.ok = true;
            } catch (const std::exception&) {
                // Counted as skipped below; the dataset view reports unreadable records.
            }
            const std::size_t k = ++finished;
            if (done) done(k, n);
        }
    };
    // Scattering dominates: use the cores (model calls are serialised inside RunModel).
    const unsigned threads = std::max(1u, std::min(std::thread::hardware_concurrency(), 4u));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    if (cancel) {
        out.error = "cancelled";
        return out;
    }

    std::vector<double> data;
    for (std::size_t i = 0; i < n; ++i) {
        if (!slots[i].ok) {
            ++out.skipped;
            continue;
        }
        out.records.push_back(static_cast<int>(i));
        out.score.push_back(slots[i].score);
        out.reconError.push_back(slots[i].recon);
        data.insert(data.end(), slots[i].meanMu.begin(), slots[i].meanMu.end());
    }
    const std::size_t m = out.records.size();
    if (m < 3) {
        out.error = "too few readable records for a projection (" + std::to_string(m) + ")";
        return out;
    }
    try {
        const embed::PcaResult p = embed::pca(data, m, static_cast<std::size_t>(d), 2);
        double total = 0;
        for (int c = 0; c < d; ++c) {
            double mean = 0, var = 0;
            for (std::size_t r = 0; r < m; ++r) mean += data[r * d + c] / static_cast<double>(m);
            for (std::size_t r = 0; r < m; ++r) var += (data[r * d + c] - mean) * (data[r * d + c] - mean);
            total += var / static_cast<double>(m - 1);
        }
        for (std::size_t r = 0; r < m; ++r) {
            out.pc1.push_back(p.scores[r * 2]);
            out.pc2.push_back(p.scores[r * 2 + 1]);
        }
        for (double v : p.explainedVariance) out.explained.push_back(total > 0 ? v / total : 0.0);
    } catch (const std::exception& e) {
        out.error = e.what();
    }
    return out;
}

std::vector<double> DiffusionWalk::zt(int t) const {
    std::vector<double> z(z0.size());
    const double a = alphaBar.at(static_cast<std::size_t>(t));
    for (std::size_t i = 0; i < z.size(); ++i) z[i] = std::sqrt(a) * z0[i] + std::sqrt(1.0 - a) * epsilon[i];
    return z;
}

DiffusionSchedule viewSchedule(const RunModel& model, ScheduleKind kind) {
    ScheduleSettings s = model.schedule().settings();
    s.kind = kind;
    return DiffusionSchedule(s);
}

std::vector<double> windowNoise(const std::string& recordName, int windowIndex, int dim) {
    std::uint64_t h = 1469598103934665603ULL;  // FNV-1a of the name, then the window
    for (unsigned char c : recordName) h = (h ^ c) * 1099511628211ULL;
    h = (h ^ static_cast<std::uint64_t>(windowIndex + 1)) * 1099511628211ULL;
    std::mt19937_64 rng(h);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::vector<double> e(static_cast<std::size_t>(dim));
    for (double& v : e) v = normal(rng);
    return e;
}

DiffusionWalk computeDiffusionWalk(const RunModel& model, const Dataset& dataset, std::size_t record,
                                   int windowIndex, ScheduleKind kind) {
    DiffusionWalk out;
    out.recordIndex = static_cast<int>(record);
    out.kind = kind;
    try {
        out.errorFile = dataset.records().at(record).headerPath;
        // One latent vector per window: a sequence run's latent is a d x frames sequence (the
        // desktop's diffusion view walks those itself, ui/views/sequence_latent.h).
        if (model.isSequence()) throw std::invalid_argument("the diffusion walk reads pooled windows; this run is repr=sequence");
        const auto rec = dataset.signal(record);
        const WindowFeatures w = model.windowFeatures(*rec, model.defaultLead());
        out.windowCount = static_cast<int>(w.size());
        out.windowIndex = std::clamp(windowIndex, 0, out.windowCount - 1);
        const auto row = static_cast<std::size_t>(out.windowIndex);
        out.startS = w.startS[row];
        out.endS = w.endS[row];
        const Matrix f = oneRow(w.features, row);
        out.features.assign(f.data.begin(), f.data.end());
        const Matrix z0 = model.latentMean(f);
        out.z0.assign(z0.data.begin(), z0.data.end());
        out.epsilon = windowNoise(dataset.records()[record].name, out.windowIndex, out.latentDim());

        const DiffusionSchedule schedule = viewSchedule(model, kind);
        out.steps = schedule.steps();
        const auto T = static_cast<std::size_t>(out.steps);
        const auto d = z0.cols;
        Matrix Z(T + 1, d);
        for (std::size_t t = 0; t <= T; ++t) {
            out.alphaBar.push_back(schedule.alphaBar(static_cast<int>(t)));
            const std::vector<double> z = out.zt(static_cast<int>(t));
            for (std::size_t c = 0; c < d; ++c) Z(t, c) = static_cast<float>(z[c]);
        }
        out.decoded = model.decode(Z);
        // h(z_t, t) for every t in one batched pass; row 0 (t = 0, z_0 = z0) is the reference.
        std::vector<int> steps(T + 1);
        for (std::size_t t = 0; t <= T; ++t) steps[t] = static_cast<int>(t);
        const Matrix H = model.embed(Z, steps);
        for (std::size_t t = 0; t <= T; ++t) {
            double dist = 0, dot = 0, n0 = 0, n1 = 0;
            for (std::size_t c = 0; c < H.cols; ++c) {
                const double a = H(0, c), b = H(t, c);
                dist += (b - a) * (b - a);
                dot += a * b;
                n0 += a * a;
                n1 += b * b;
            }
            out.drift.push_back(std::sqrt(dist));
            out.cosine.push_back(n0 > 0 && n1 > 0 ? dot / std::sqrt(n0 * n1) : 1.0);
        }
        out.errorFile.clear();
    } catch (const std::exception& e) {
        describeError(e, out.error, out.errorFile);
    }
    return out;
}

}  // namespace dacl::ml
