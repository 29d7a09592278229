#include "core/pipeline/rhythm_fusion.h"

#include "core/boosting/gradient_boosting.h"
#include "core/eval/metrics.h"
#include "core/pipeline/byte_pack.h"
#include "core/pipeline/model_settings.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <stdexcept>

namespace dacl::ml {

namespace {

std::vector<double> sortedColumn(const Matrix& m, std::size_t col) {
    std::vector<double> v(m.rows);
    for (std::size_t r = 0; r < m.rows; ++r) v[r] = m(r, col);
    std::sort(v.begin(), v.end());
    return v;
}

std::string doublesToBytes(const std::vector<double>& v) {
    return std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(double));
}

std::vector<double> doublesFromBytes(const std::string& b) {
    std::vector<double> v(b.size() / sizeof(double));
    std::memcpy(v.data(), b.data(), v.size() * sizeof(double));
    return v;
}

}  // namespace

double referenceQuantile(const std::vector<double>& ref, double s) {
    const std::size_t n = ref.size();
    if (n == 0) return 0.5;
    // Knots (ref[i], (i + 0.5)/n); beyond the ends the quantile approaches 0 or 1 smoothly.
    const auto it = std::lower_bound(ref.begin(), ref.end(), s);
    const std::size_t i = static_cast<std::size_t>(it - ref.begin());
    const double step = 1.0 / static_cast<double>(n);
    if (i == 0) return 0.5 * step / (1.0 + (ref.front() - s));
    if (i == n) return 1.0 - 0.5 * step / (1.0 + (s - ref.back()));
    const double lo = ref[i - 1], hi = ref[i];
    const double w = hi > lo ? (s - lo) / (hi - lo) : 0.5;
    return (static_cast<double>(i) - 0.5 + w) * step;
}

struct RhythmFusion::Impl {
    std::optional<boosting::GradientBoosting> booster;
    int numClasses = 2;
    std::vector<double> modelRef, boosterRef;  // binary: sorted validation scores of each
    double weight = 0.5;                       // binary: the model's share, fitted on validation
};

RhythmFusion::RhythmFusion() : d_(std::make_unique<Impl>()) {}
RhythmFusion::~RhythmFusion() = default;
RhythmFusion::RhythmFusion(RhythmFusion&&) noexcept = default;
RhythmFusion& RhythmFusion::operator=(RhythmFusion&&) noexcept = default;

void RhythmFusion::fit(const Matrix& trainRr, const std::vector<int>& trainLabels, int numClasses, const Matrix& valRr,
                       const std::vector<int>& valLabels, const Matrix& valModelProba, const Settings& settings,
                       std::uint64_t seed) {
    d_->numClasses = numClasses;
    d_->booster.emplace(boostSettings(settings, seed));
    d_->booster->fit(trainRr.data.data(), trainRr.rows, trainRr.cols, trainLabels, numClasses, valRr.data.data(),
                     valRr.rows, &valLabels);
    if (numClasses == 2) {
        d_->modelRef = sortedColumn(valModelProba, 1);
        const Matrix valBooster = boosterProba(valRr);
        d_->boosterRef = sortedColumn(valBooster, 1);
        // The model's share w in {0, 0.1, ..., 1}: the best validation AUROC (ties: nearest 0.5).
        std::vector<double> qm, qb;
        for (std::size_t r = 0; r < valRr.rows; ++r) {
            qm.push_back(referenceQuantile(d_->modelRef, valModelProba(r, 1)));
            qb.push_back(referenceQuantile(d_->boosterRef, valBooster(r, 1)));
        }
        double best = -1;
        for (int k : {5, 4, 6, 3, 7, 2, 8, 1, 9, 0, 10}) {
            const double w = k / 10.0;
            std::vector<double> fused(qm.size());
            for (std::size_t i = 0; i < qm.size(); ++i) fused[i] = w * qm[i] + (1 - w) * qb[i];
            const double a = eval::auroc(fused, valLabels);
            if (a > best + 1e-9) {
                best = a;
                d_->weight = w;
            }
        }
    }
}

bool RhythmFusion::fitted() const { return d_->booster.has_value(); }
int RhythmFusion::featureCount() const {
    if (!fitted()) throw std::logic_error("RhythmFusion: not fitted");
    return static_cast<int>(d_->booster->numFeatures());
}

double RhythmFusion::modelWeight() const { return d_->weight; }

Matrix RhythmFusion::boosterProba(const Matrix& rr) const {
    if (!fitted()) throw std::logic_error("RhythmFusion: not fitted");
    const auto p = d_->booster->predictProba(rr.data.data(), rr.rows, rr.cols);
    Matrix out(rr.rows, static_cast<std::size_t>(d_->numClasses));
    for (std::size_t i = 0; i < p.size(); ++i) out.data[i] = static_cast<float>(p[i]);
    return out;
}

Matrix RhythmFusion::fuse(const Matrix& modelProba, const Matrix& rr) const {
    const Matrix b = boosterProba(rr);
    if (b.rows != modelProba.rows || b.cols != modelProba.cols) throw std::invalid_argument("RhythmFusion: shapes differ");
    Matrix out = modelProba;
    for (std::size_t r = 0; r < out.rows; ++r) {
        if (d_->numClasses == 2) {
            const double w = d_->weight;
            const double q = w * referenceQuantile(d_->modelRef, modelProba(r, 1)) +
                             (1 - w) * referenceQuantile(d_->boosterRef, b(r, 1));
            out(r, 1) = static_cast<float>(q);
            out(r, 0) = static_cast<float>(1.0 - q);
        } else {
            for (std::size_t c = 0; c < out.cols; ++c) out(r, c) = 0.5f * (modelProba(r, c) + b(r, c));
        }
    }
    return out;
}

std::string RhythmFusion::toBytes() const {
    if (!fitted()) throw std::logic_error("RhythmFusion: not fitted");
    return pack({std::to_string(d_->numClasses), d_->booster->toBytes(), doublesToBytes(d_->modelRef),
                 doublesToBytes(d_->boosterRef), doublesToBytes({d_->weight})});
}

RhythmFusion RhythmFusion::fromBytes(const std::string& bytes) {
    const auto parts = unpack(bytes, 5);
    RhythmFusion f;
    f.d_->numClasses = std::stoi(parts[0]);
    f.d_->booster.emplace(boosting::GradientBoosting::fromBytes(parts[1]));
    f.d_->modelRef = doublesFromBytes(parts[2]);
    f.d_->boosterRef = doublesFromBytes(parts[3]);
    f.d_->weight = doublesFromBytes(parts[4]).at(0);
    return f;
}

}  // namespace dacl::ml
