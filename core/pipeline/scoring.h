#pragma once
// From window probabilities to record-level metrics (method.md §8): a record's score is the mean
// of its windows' probabilities; the binary threshold is chosen on validation records (Youden's J)
// and applied unchanged to the test records.
#include "core/eval/metrics.h"
#include "core/ml/matrix.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace dacl::ml {

struct RecordProba {
    std::vector<int> records;  // record indices, ascending
    Matrix proba;              // one row per record: mean of its windows' class probabilities
};

// windowRecord[i] is the record of row i of windowProba; records without windows are absent.
RecordProba aggregateByRecord(const Matrix& windowProba, const std::vector<int>& windowRecord);

struct FoldScore {
    std::map<std::string, double> metrics;  // auroc, auroc_ci_low/high, auprc, sensitivity, ...
    std::vector<eval::RocPoint> roc;        // test ROC (binary tasks)
};

// Binary task: positive-class scores and 0/1 labels of validation and test records.
FoldScore scoreBinary(const std::vector<double>& valScores, const std::vector<int>& valLabels,
                      const std::vector<double>& testScores, const std::vector<int>& testLabels,
                      int bootstrapResamples, std::uint64_t seed);

// Four-class task (N, A, O, ~ coded 0..3): mean F1 of N, A and O of the class decided by
// `classWeights` (class_decision.h; empty: the plain arg-max) as "f1_challenge", the plain
// arg-max's as "f1_challenge_argmax", the weights as "class_weight_<class>", and the mean
// one-vs-rest AUROC of N, A and O ("auroc").
FoldScore scoreChallenge(const std::vector<double>& classWeights, const Matrix& testProba,
                         const std::vector<int>& testLabels, int bootstrapResamples, std::uint64_t seed);

}  // namespace dacl::ml
