#include "core/pipeline/sequence_rows.h"

#include "core/features/sequence_layout.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>

namespace dacl::ml {

using features::SequenceLayout;

namespace {

SequenceLayout layoutOf(const RowView& rows) {
    if (rows.rows() == 0) throw std::invalid_argument("no sequence rows");
    const SequenceLayout l = SequenceLayout::of(rows.row(0));
    if (l.frames < 1 || l.channels < 1 || static_cast<std::size_t>(l.dim()) != rows.cols())
        throw std::invalid_argument("feature rows are not sequences (repr=sequence): " + std::to_string(rows.cols()) + " columns");
    return l;
}

int validOf(const float* row, const SequenceLayout& l) {
    return std::clamp(SequenceLayout::validFrames(row), 1, l.frames);
}

// Passes over every row drop the mapped pages read so far this often (rows are ~115 KB).
constexpr std::size_t kReleaseRows = 256;

void releaseEvery(const RowView& rows, std::size_t r) {
    if ((r + 1) % kReleaseRows == 0 || r + 1 == rows.rows()) rows.releasePages();
}

}  // namespace

int sequenceChannels(const RowView& rows, bool withRhythm) {
    const SequenceLayout l = layoutOf(rows);
    return withRhythm ? l.channels : l.channels - 2;
}

ChannelStats channelStats(const RowView& rows, int channels, int first) {
    const SequenceLayout l = layoutOf(rows);
    std::vector<double> sum(channels, 0.0), sq(channels, 0.0);
    double n = 0;
    for (std::size_t r = 0; r < rows.rows(); ++r) {
        const float* row = rows.row(r);
        const int V = validOf(row, l);
        for (int f = 0; f < V; ++f) {
            const float* x = l.frame(row, f) + first;
            for (int c = 0; c < channels; ++c) {
                sum[c] += x[c];
                sq[c] += static_cast<double>(x[c]) * x[c];
            }
        }
        n += V;
        releaseEvery(rows, r);
    }
    ChannelStats s;
    for (int c = 0; c < channels; ++c) {
        const double m = sum[c] / n, var = std::max(0.0, sq[c] / n - m * m);
        s.mean.push_back(static_cast<float>(m));
        s.invStd.push_back(static_cast<float>(var > 1e-12 ? 1.0 / std::sqrt(var) : 1.0));
    }
    return s;
}

SequenceSet toSequences(const RowView& rows, int channels, const ChannelStats* stats) {
    const SequenceLayout l = layoutOf(rows);
    SequenceSet out;
    out.channels = channels;
    out.frames = l.frames;
    out.values.assign(rows.rows() * out.stride(), 0.0f);
    out.valid.resize(rows.rows());
    for (std::size_t r = 0; r < rows.rows(); ++r) {
        const float* row = rows.row(r);
        const int V = validOf(row, l);
        out.valid[r] = V;
        float* dst = out.record(r);
        for (int f = 0; f < V; ++f) {
            const float* x = l.frame(row, f);
            for (int c = 0; c < channels; ++c)
                dst[static_cast<std::size_t>(c) * l.frames + f] = stats ? (x[c] - stats->mean[c]) * stats->invStd[c] : x[c];
        }
        releaseEvery(rows, r);
    }
    return out;
}

Matrix pooledSequences(const SequenceSet& set) {
    Matrix out(set.size(), 2 * static_cast<std::size_t>(set.channels));
    for (std::size_t r = 0; r < set.size(); ++r)
        for (int c = 0; c < set.channels; ++c) {
            double s = 0, q = 0;
            for (int t = 0; t < set.valid[r]; ++t) {
                const double v = set.at(r, c, t);
                s += v;
                q += v * v;
            }
            const double m = s / set.valid[r];
            out(r, c) = static_cast<float>(m);
            out(r, set.channels + c) = static_cast<float>(std::sqrt(std::max(0.0, q / set.valid[r] - m * m)));
        }
    return out;
}

Matrix pooledFrames(const RowView& rows, int channels) {
    layoutOf(rows);
    Matrix out(rows.rows(), 2 * static_cast<std::size_t>(channels));
    const std::size_t chunk = 256;
    for (std::size_t a = 0; a < rows.rows(); a += chunk) {
        std::vector<std::size_t> idx;
        for (std::size_t r = a; r < std::min(rows.rows(), a + chunk); ++r) idx.push_back(r);
        const Matrix pooled = pooledSequences(toSequences(rows.select(idx), channels));
        std::copy(pooled.data.begin(), pooled.data.end(), out.row(a));
    }
    return out;
}

void copyRhythmFeatures(const float* row, float* out, int count) {
    for (int i = 0; i < count; ++i) {
        // ±inf (a ratio over a zero spread) is as undefined as NaN: the booster takes NaN as missing.
        const float v = SequenceLayout::rhythmFeatures(row)[i];
        out[i] = std::isfinite(v) ? v : std::numeric_limits<float>::quiet_NaN();
    }
}

int rhythmFeatureCount(const std::string& features) {
    if (features == "rr") return SequenceLayout::kRrFeatures;
    if (features == "rr_atrial") return SequenceLayout::kRhythmFeatures;
    throw std::invalid_argument("unknown rhythm features '" + features + "' (rr or rr_atrial)");
}

Matrix rhythmFeatureRows(const RowView& rows, int count) {
    layoutOf(rows);
    Matrix out(rows.rows(), static_cast<std::size_t>(count));
    for (std::size_t r = 0; r < rows.rows(); ++r) {
        copyRhythmFeatures(rows.row(r), out.row(r), count);
        releaseEvery(rows, r);
    }
    return out;
}

Matrix validFrames(const RowView& rows, int channels, std::size_t limit, std::uint64_t seed) {
    const SequenceLayout l = layoutOf(rows);
    std::vector<std::pair<std::size_t, int>> where;
    for (std::size_t r = 0; r < rows.rows(); ++r) {
        for (int f = 0, V = validOf(rows.row(r), l); f < V; ++f) where.emplace_back(r, f);
        releaseEvery(rows, r);
    }
    if (limit > 0 && where.size() > limit) {
        std::mt19937_64 rng(seed);
        std::shuffle(where.begin(), where.end(), rng);
        where.resize(limit);
        std::sort(where.begin(), where.end());
    }
    Matrix out(where.size(), static_cast<std::size_t>(channels));
    for (std::size_t i = 0; i < where.size(); ++i) {
        std::copy_n(l.frame(rows.row(where[i].first), where[i].second), channels, out.row(i));
        // Each read of a sampled frame also maps the pages around it (fault-around, 64 KB): release
        // as often as for whole rows, or 150 k samples would leave ~1.8 GB resident.
        if ((i + 1) % kReleaseRows == 0) rows.releasePages();
    }
    rows.releasePages();
    return out;
}

}  // namespace dacl::ml
