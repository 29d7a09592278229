#include "core/pipeline/class_decision.h"

#include "core/eval/metrics.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace dacl::ml {

namespace {

// float (stored probabilities) and double (a record's class means) alike, without conversion.
template <typename T>
int largestWeighted(const T* p, std::size_t classes, const std::vector<double>& weights) {
    if (!weights.empty() && weights.size() != classes)
        throw std::invalid_argument("class weights: " + std::to_string(weights.size()) + " weights for " +
                                    std::to_string(classes) + " classes");
    int best = 0;
    double bestValue = -1;
    for (std::size_t c = 0; c < classes; ++c) {
        const double v = static_cast<double>(p[c]) * (weights.empty() ? 1.0 : weights[c]);
        if (v > bestValue) {
            bestValue = v;
            best = static_cast<int>(c);
        }
    }
    return best;
}

}  // namespace

int weightedArgMax(const float* p, std::size_t classes, const std::vector<double>& weights) {
    return largestWeighted(p, classes, weights);
}

int weightedArgMax(const std::vector<double>& p, const std::vector<double>& weights) {
    return largestWeighted(p.data(), p.size(), weights);
}

std::vector<int> decideClasses(const Matrix& proba, const std::vector<double>& weights) {
    std::vector<int> out(proba.rows);
    for (std::size_t r = 0; r < proba.rows; ++r) out[r] = weightedArgMax(proba.row(r), proba.cols, weights);
    return out;
}

std::vector<double> fitChallengeWeights(const Matrix& proba, const std::vector<int>& labels) {
    if (proba.cols != 4) throw std::invalid_argument("challenge weights: probabilities need 4 columns");
    if (labels.size() != proba.rows) throw std::invalid_argument("challenge weights: one label per row needed");
    std::vector<double> w(4, 1.0);
    if (proba.rows == 0) return w;
    auto score = [&](const std::vector<double>& weights) { return eval::challengeF1(labels, decideClasses(proba, weights)); };
    double best = score(w);
    // Grid 2^(k/4), k = -16 … 8, tried nearest to 1 first so that ties keep the smaller change.
    std::vector<int> steps{0};
    for (int k = 1; k <= 16; ++k) {
        if (k <= 8) steps.push_back(k);
        steps.push_back(-k);
    }
    for (int sweep = 0; sweep < 8; ++sweep) {
        bool improved = false;
        for (std::size_t c = 1; c < 4; ++c) {
            std::vector<double> trial = w;
            for (int k : steps) {
                trial[c] = std::exp2(k / 4.0);
                const double s = score(trial);
                if (s > best + 1e-12) {
                    best = s;
                    w[c] = trial[c];
                    improved = true;
                }
            }
        }
        if (!improved) break;
    }
    return w;
}

std::string finalClassWeightName(int k) { return "final_class_weight_" + std::to_string(k); }

}  // namespace dacl::ml
