#pragma once
// The four-class decision of challenge4 (N, A, O, ~): the class c that maximises w_c · p_c, with
// per-class weights fitted on the validation records to maximise the 2017 Challenge score (mean
// F1 of N, A and O), as the binary tasks fit their threshold on validation (Youden's J).
// Why: the probe and the rhythm booster are trained class-balanced, so their probabilities carry
// equal class priors; the plain arg-max then calls the rare classes (A, ~) far too often for F1.
// Measured offline on session 14's 5-fold DACL + fusion predictions (weights from the other four
// folds): mean F1 0.764 (arg-max) -> 0.786.
#include "core/ml/matrix.h"

#include <string>
#include <vector>

namespace dacl::ml {

// Index of the largest w_c · p_c (the first on ties); empty weights give the plain arg-max.
int weightedArgMax(const float* p, std::size_t classes, const std::vector<double>& weights);
int weightedArgMax(const std::vector<double>& p, const std::vector<double>& weights);

// Weighted arg-max of every row.
std::vector<int> decideClasses(const Matrix& proba, const std::vector<double>& weights);

// Weights (w_N = 1, the others on a grid of quarter octaves from 1/16 to 4) that maximise the
// Challenge score of `labels` (codes 0..3) under weightedArgMax, by coordinate ascent from all
// ones; a change is kept only when it raises the score, so uninformative validation data leaves
// the plain arg-max. `proba` has 4 columns. Deterministic.
std::vector<double> fitChallengeWeights(const Matrix& proba, const std::vector<int>& labels);

// Name of the final model's weight of class `k` among a run's final metrics.
std::string finalClassWeightName(int k);

}  // namespace dacl::ml
