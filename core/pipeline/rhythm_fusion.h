#pragma once
// Rhythm fusion (method.md v2 §7): a record's score fuses the model's with a gradient-boosting
// model on the record's 20 RR-interval features (and, with fusion.features=rr_atrial, its 4
// atrial-activity features), both fitted on training records only.
// Binary tasks average the two scores' quantiles among the validation records (a rank average
// that also scores a single record, e.g. in `dacl predict`), weighted by the model's share w
// fitted on validation (a weak model is not allowed to drag a strong booster down); the
// quantile is interpolated between neighbouring validation scores so that the order inside
// each model is kept.
// Four classes: the mean of the two probability vectors.
#include "core/common/settings.h"
#include "core/ml/matrix.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dacl::ml {

class RhythmFusion {
public:
    RhythmFusion();
    ~RhythmFusion();
    RhythmFusion(RhythmFusion&&) noexcept;
    RhythmFusion& operator=(RhythmFusion&&) noexcept;

    // rr: one row of rhythm features per record (20 RR, then 4 atrial ones; NaN = missing). valModelProba: the model's class
    // probabilities of the validation records (the reference distribution of its scores).
    void fit(const Matrix& trainRr, const std::vector<int>& trainLabels, int numClasses, const Matrix& valRr,
             const std::vector<int>& valLabels, const Matrix& valModelProba, const Settings& settings,
             std::uint64_t seed);
    bool fitted() const;
    double modelWeight() const;  // w (binary tasks; 0.5 for four classes)
    int featureCount() const;    // rhythm features per record the booster reads (20 or 24)
    Matrix boosterProba(const Matrix& rr) const;
    // Fused class probabilities, shaped like modelProba (binary: column 1 is the fused score).
    Matrix fuse(const Matrix& modelProba, const Matrix& rr) const;

    std::string toBytes() const;
    static RhythmFusion fromBytes(const std::string& bytes);

private:
    struct Impl;
    std::unique_ptr<Impl> d_;
};

// Interpolated empirical CDF of `reference` at s, in (0, 1).
double referenceQuantile(const std::vector<double>& sortedReference, double s);

}  // namespace dacl::ml
