#pragma once
// Record-level splits of the evaluation protocol (method.md §8): stratified k-fold, the validation
// split inside a training fold, and the stratified subset behind `--limit N`.
// Strata are arbitrary integers (normally the 4-class code of each record, so every task sees the
// same folds). All functions are deterministic for a seed (SplitMix64, see random.h) and
// independent of the standard library.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace dacl::eval {

// Fold value of a record that is never in a test set (only used with k = 1).
inline constexpr int kTrainOnly = -1;

// Fold index in [0, k) per record: record i is a test record of fold f when result[i] == f and a
// training record of every other fold. Within each stratum the records are shuffled and dealt
// round-robin, continuing the deal across strata, so per stratum the fold sizes differ by at most
// one record and so do the total fold sizes.
// k = 1 means one stratified 80/20 split: the test records (fold 0) are exactly fold 0 of the
// 5-fold split with the same seed, every other record is kTrainOnly.
// Throws std::invalid_argument for k < 1 or more folds than records.
std::vector<int> stratifiedKFold(const std::vector<int>& strata, int k, std::uint64_t seed);

// Test records of fold f given a stratifiedKFold result (convenience for readability).
inline bool isTestRecord(const std::vector<int>& folds, std::size_t record, int fold) {
    return folds[record] == fold;
}

// Validation records among the training records (inTraining[i] true): per stratum,
// round(fraction × n) records, at least one when the stratum has two or more training records
// (Youden's threshold needs every class on validation) and never all of them.
// Result[i] is true for validation records (always false outside the training set).
std::vector<bool> stratifiedValidationSplit(const std::vector<int>& strata, const std::vector<bool>& inTraining,
                                            std::uint64_t seed, double fraction = 0.15);

// `--limit N`: n record indices (ascending) whose strata follow the full set's proportions
// (largest-remainder rounding, so each stratum is within one record of n × share). n >= size
// returns every index. Throws std::invalid_argument for n < 1.
std::vector<std::size_t> stratifiedSubset(const std::vector<int>& strata, std::size_t n, std::uint64_t seed);

}  // namespace dacl::eval
