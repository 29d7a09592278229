#include "core/eval/metrics.h"

#include "core/eval/random.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace dacl::eval {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void validate(const std::vector<double>& scores, const std::vector<int>& labels) {
    if (scores.size() != labels.size())
        throw std::invalid_argument("metrics: " + std::to_string(scores.size()) + " scores but " +
                                    std::to_string(labels.size()) + " labels");
    for (std::size_t i = 0; i < scores.size(); ++i) {
        if (std::isnan(scores[i]))
            throw std::invalid_argument("metrics: score at index " + std::to_string(i) + " is NaN");
        if (labels[i] != 0 && labels[i] != 1)
            throw std::invalid_argument("metrics: label at index " + std::to_string(i) + " is " +
                                        std::to_string(labels[i]) + ", expected 0 or 1");
    }
}

// Records sorted by descending score, cut into groups of equal scores. Every tie-aware metric
// is a sweep over these groups.
struct Groups {
    std::vector<std::size_t> order;  // record indices, descending score
    std::vector<std::size_t> begin;  // group g spans order[begin[g] .. begin[g+1])
    long long positives = 0, negatives = 0;

    std::size_t size() const { return begin.size() - 1; }
};

Groups groupByScore(const std::vector<double>& scores, const std::vector<int>& labels) {
    validate(scores, labels);
    Groups g;
    g.order.resize(scores.size());
    std::iota(g.order.begin(), g.order.end(), std::size_t{0});
    std::stable_sort(g.order.begin(), g.order.end(),
                     [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
    for (std::size_t i = 0; i < g.order.size(); ++i) {
        if (i == 0 || scores[g.order[i]] != scores[g.order[i - 1]]) g.begin.push_back(i);
        (labels[g.order[i]] ? g.positives : g.negatives) += 1;
    }
    g.begin.push_back(g.order.size());
    return g;
}

struct GroupCounts {
    double score;
    long long pos, neg;
};

std::vector<GroupCounts> groupCounts(const Groups& g, const std::vector<double>& scores,
                                     const std::vector<int>& labels) {
    std::vector<GroupCounts> out;
    out.reserve(g.size());
    for (std::size_t k = 0; k < g.size(); ++k) {
        GroupCounts c{scores[g.order[g.begin[k]]], 0, 0};
        for (std::size_t i = g.begin[k]; i < g.begin[k + 1]; ++i) (labels[g.order[i]] ? c.pos : c.neg)++;
        out.push_back(c);
    }
    return out;
}

double ratio(double num, double den) { return den == 0 ? kNaN : num / den; }

// Linear interpolation between order statistics (R's type 7) of sorted values.
double quantile(const std::vector<double>& sorted, double p) {
    const double h = (static_cast<double>(sorted.size()) - 1.0) * p;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    if (lo + 1 >= sorted.size()) return sorted.back();
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[lo + 1] - sorted[lo]);
}

}  // namespace

double auroc(const std::vector<double>& scores, const std::vector<int>& labels) {
    const Groups g = groupByScore(scores, labels);
    if (g.positives == 0 || g.negatives == 0) return kNaN;
    // Twice the Mann–Whitney U, in integers so that the result is exact up to the final division.
    long long negSeen = 0;
    long double u2 = 0;
    for (const GroupCounts& c : groupCounts(g, scores, labels)) {
        const long long negBelow = g.negatives - negSeen - c.neg;
        u2 += 2.0L * c.pos * negBelow + static_cast<long double>(c.pos) * c.neg;
        negSeen += c.neg;
    }
    return static_cast<double>(u2 / (2.0L * g.positives * g.negatives));
}

Interval bootstrapAuroc(const std::vector<double>& scores, const std::vector<int>& labels,
                        int resamples, std::uint64_t seed, double level) {
    if (resamples < 1) throw std::invalid_argument("bootstrapAuroc: resamples must be >= 1");
    if (!(level > 0 && level < 1)) throw std::invalid_argument("bootstrapAuroc: level must be in (0, 1)");
    const Groups g = groupByScore(scores, labels);
    if (g.positives == 0 || g.negatives == 0) return {kNaN, kNaN};

    std::vector<std::size_t> pos, neg;
    for (std::size_t i = 0; i < labels.size(); ++i) (labels[i] ? pos : neg).push_back(i);

    SplitMix64 rng(seed);
    std::vector<long long> weight(scores.size());
    std::vector<double> values;
    values.reserve(static_cast<std::size_t>(resamples));
    const long double denom = 2.0L * g.positives * g.negatives;
    for (int r = 0; r < resamples; ++r) {
        std::fill(weight.begin(), weight.end(), 0);
        for (std::size_t k = 0; k < pos.size(); ++k) ++weight[pos[rng.below(pos.size())]];
        for (std::size_t k = 0; k < neg.size(); ++k) ++weight[neg[rng.below(neg.size())]];
        // Same sweep as auroc(), with each record counted as often as it was drawn.
        long long negSeen = 0;
        long double u2 = 0;
        for (std::size_t k = 0; k < g.size(); ++k) {
            long long wp = 0, wn = 0;
            for (std::size_t i = g.begin[k]; i < g.begin[k + 1]; ++i) {
                const std::size_t rec = g.order[i];
                (labels[rec] ? wp : wn) += weight[rec];
            }
            u2 += 2.0L * wp * (g.negatives - negSeen - wn) + static_cast<long double>(wp) * wn;
            negSeen += wn;
        }
        values.push_back(static_cast<double>(u2 / denom));
    }
    std::sort(values.begin(), values.end());
    const double alpha = (1.0 - level) / 2.0;
    return {quantile(values, alpha), quantile(values, 1.0 - alpha)};
}

double auprc(const std::vector<double>& scores, const std::vector<int>& labels) {
    const Groups g = groupByScore(scores, labels);
    if (g.positives == 0) return kNaN;
    long long tp = 0, fp = 0;
    double ap = 0, prevRecall = 0;
    for (const GroupCounts& c : groupCounts(g, scores, labels)) {
        tp += c.pos;
        fp += c.neg;
        const double recall = static_cast<double>(tp) / g.positives;
        ap += (recall - prevRecall) * (static_cast<double>(tp) / (tp + fp));
        prevRecall = recall;
    }
    return ap;
}

std::vector<RocPoint> rocCurve(const std::vector<double>& scores, const std::vector<int>& labels) {
    const Groups g = groupByScore(scores, labels);
    std::vector<RocPoint> out;
    if (g.positives == 0 || g.negatives == 0) return out;
    out.push_back({0.0, 0.0, std::numeric_limits<double>::infinity()});
    long long tp = 0, fp = 0;
    for (const GroupCounts& c : groupCounts(g, scores, labels)) {
        tp += c.pos;
        fp += c.neg;
        out.push_back({static_cast<double>(fp) / g.negatives, static_cast<double>(tp) / g.positives, c.score});
    }
    return out;
}

std::vector<PrPoint> prCurve(const std::vector<double>& scores, const std::vector<int>& labels) {
    const Groups g = groupByScore(scores, labels);
    std::vector<PrPoint> out;
    if (g.positives == 0) return out;
    long long tp = 0, fp = 0;
    for (const GroupCounts& c : groupCounts(g, scores, labels)) {
        tp += c.pos;
        fp += c.neg;
        out.push_back({static_cast<double>(tp) / g.positives, static_cast<double>(tp) / (tp + fp), c.score});
    }
    return out;
}

double youdenThreshold(const std::vector<double>& scores, const std::vector<int>& labels) {
    const Groups g = groupByScore(scores, labels);
    if (g.positives == 0 || g.negatives == 0) return kNaN;
    const std::vector<GroupCounts> groups = groupCounts(g, scores, labels);
    // J·P·N = TP·N − FP·P, compared in integers so that equal J values tie exactly.
    long long tp = 0, fp = 0, bestJ = 0;
    std::size_t best = groups.size();
    for (std::size_t k = 0; k < groups.size(); ++k) {
        tp += groups[k].pos;
        fp += groups[k].neg;
        const long long j = tp * g.negatives - fp * g.positives;
        if (best == groups.size() || j > bestJ) {
            best = k;
            bestJ = j;
        }
    }
    if (best + 1 < groups.size()) return 0.5 * (groups[best].score + groups[best + 1].score);
    return groups[best].score;
}

BinaryStats statsAt(const std::vector<double>& scores, const std::vector<int>& labels, double threshold) {
    validate(scores, labels);
    BinaryStats s{};
    for (std::size_t i = 0; i < scores.size(); ++i) {
        const bool predicted = scores[i] >= threshold;
        if (labels[i]) (predicted ? s.tp : s.fn)++;
        else (predicted ? s.fp : s.tn)++;
    }
    s.sensitivity = ratio(s.tp, s.tp + s.fn);
    s.specificity = ratio(s.tn, s.tn + s.fp);
    s.precision = ratio(s.tp, s.tp + s.fp);
    s.f1 = ratio(2.0 * s.tp, 2.0 * s.tp + s.fp + s.fn);
    s.accuracy = ratio(s.tp + s.tn, static_cast<double>(scores.size()));
    return s;
}

long long ConfusionMatrix::rowSum(int truth) const {
    long long s = 0;
    for (int p = 0; p < classes; ++p) s += at(truth, p);
    return s;
}

long long ConfusionMatrix::colSum(int pred) const {
    long long s = 0;
    for (int t = 0; t < classes; ++t) s += at(t, pred);
    return s;
}

ConfusionMatrix confusionMatrix(const std::vector<int>& truth, const std::vector<int>& pred, int classes) {
    if (classes < 1) throw std::invalid_argument("confusionMatrix: classes must be >= 1");
    if (truth.size() != pred.size())
        throw std::invalid_argument("confusionMatrix: " + std::to_string(truth.size()) + " true classes but " +
                                    std::to_string(pred.size()) + " predictions");
    ConfusionMatrix cm;
    cm.classes = classes;
    cm.counts.assign(static_cast<std::size_t>(classes) * classes, 0);
    for (std::size_t i = 0; i < truth.size(); ++i) {
        for (int v : {truth[i], pred[i]})
            if (v < 0 || v >= classes)
                throw std::invalid_argument("confusionMatrix: class " + std::to_string(v) + " at index " +
                                            std::to_string(i) + " outside [0, " + std::to_string(classes) + ")");
        ++cm.counts[static_cast<std::size_t>(truth[i]) * classes + pred[i]];
    }
    return cm;
}

std::vector<double> perClassF1(const ConfusionMatrix& cm) {
    std::vector<double> f1(static_cast<std::size_t>(cm.classes));
    for (int k = 0; k < cm.classes; ++k)
        f1[k] = ratio(2.0 * cm.at(k, k), static_cast<double>(cm.rowSum(k) + cm.colSum(k)));
    return f1;
}

double challengeF1(const std::vector<int>& truth, const std::vector<int>& pred) {
    const std::vector<double> f1 = perClassF1(confusionMatrix(truth, pred, 4));
    return (f1[0] + f1[1] + f1[2]) / 3.0;
}

}  // namespace dacl::eval
