#pragma once
// Binary and multi-class metrics of the evaluation protocol (method.md §8).
//
// Conventions shared by every binary function here:
//  - labels are 0 (negative) or 1 (positive); a score is "positive" when score >= threshold;
//  - scores must not be NaN (std::invalid_argument names the index); ±inf is allowed;
//  - scores and labels must have the same length (std::invalid_argument otherwise);
//  - when a value is undefined (one class absent, 0/0) the result is NaN, never an exception,
//    so that a small `--limit` run still completes; callers print NaN as "n/a"/null.
#include <cstdint>
#include <vector>

namespace dacl::eval {

// Area under the ROC curve, exact: the Mann–Whitney statistic with ties counted 1/2
// (equivalently midranks). All-equal scores give 0.5; NaN when a class is absent.
double auroc(const std::vector<double>& scores, const std::vector<int>& labels);

struct Interval {
    double low;
    double high;
};

// Number of resamples used by the protocol (method.md §8).
inline constexpr int kDefaultBootstrapResamples = 1000;

// Percentile bootstrap interval of the AUROC over records.
// Resampling is STRATIFIED: each resample draws P positives from the positives and N negatives
// from the negatives with replacement (as pROC does by default), so the prevalence is fixed and no
// resample ever lacks a class. Quantiles use linear interpolation between order statistics.
// Deterministic for a seed (own generator, see random.h). {NaN, NaN} when a class is absent.
// Throws std::invalid_argument for resamples < 1 or level outside (0, 1).
Interval bootstrapAuroc(const std::vector<double>& scores, const std::vector<int>& labels,
                        int resamples, std::uint64_t seed, double level = 0.95);

// Average precision (area under the step-wise precision–recall curve):
// sum over distinct thresholds, from high to low, of (R_k − R_{k−1})·P_k. Records with equal scores
// enter together (one step), so the result does not depend on their order. NaN without positives.
double auprc(const std::vector<double>& scores, const std::vector<int>& labels);

struct RocPoint {
    double fpr;
    double tpr;
    double threshold;  // score >= threshold is positive; +inf for the (0, 0) start point
};

struct PrPoint {
    double recall;
    double precision;
    double threshold;
};

// ROC curve: the (0, 0) point at threshold +inf, then one point per distinct score from high to
// low (the last one is (1, 1)). Empty when a class is absent.
std::vector<RocPoint> rocCurve(const std::vector<double>& scores, const std::vector<int>& labels);

// Precision–recall curve: one point per distinct score from high to low. Empty without positives.
std::vector<PrPoint> prCurve(const std::vector<double>& scores, const std::vector<int>& labels);

// Threshold maximising Youden's J = sensitivity + specificity − 1 over the distinct scores.
// The returned threshold is the midpoint between the chosen score and the next lower distinct
// score (the lowest score itself when it is chosen), so that it classifies the given data exactly
// as the chosen cut does while leaving a margin for unseen data (as pROC does). Among equal J
// the highest threshold wins. NaN when a class is absent.
double youdenThreshold(const std::vector<double>& scores, const std::vector<int>& labels);

struct BinaryStats {
    double sensitivity;  // TP / (TP + FN)
    double specificity;  // TN / (TN + FP)
    double precision;    // TP / (TP + FP)
    double f1;           // 2TP / (2TP + FP + FN)
    double accuracy;
    int tp, fp, tn, fn;
};

// Counts and ratios at a threshold (score >= threshold is positive); 0/0 ratios are NaN.
BinaryStats statsAt(const std::vector<double>& scores, const std::vector<int>& labels,
                    double threshold);

// ---- multi-class -----------------------------------------------------------------------------

// Rows = true class, columns = predicted class.
struct ConfusionMatrix {
    int classes = 0;
    std::vector<long long> counts;  // row-major, classes × classes

    long long at(int truth, int pred) const { return counts[truth * classes + pred]; }
    long long rowSum(int truth) const;
    long long colSum(int pred) const;
};

// Throws std::invalid_argument for different lengths or a class outside [0, classes).
ConfusionMatrix confusionMatrix(const std::vector<int>& truth, const std::vector<int>& pred,
                                int classes);

// F1 of each class as in the PhysioNet/CinC 2017 scoring: 2·C[k][k] / (row_k + col_k).
// NaN for a class that appears neither in the truth nor in the predictions.
std::vector<double> perClassF1(const ConfusionMatrix& cm);

// The 2017 Challenge score: mean F1 of N, A and O, with classes coded N=0, A=1, O=2, ~=3
// (the noisy class counts in the matrix but not in the mean).
double challengeF1(const std::vector<int>& truth, const std::vector<int>& pred);

}  // namespace dacl::eval
