#include "core/pipeline/scoring.h"

#include "core/pipeline/class_decision.h"

#include <algorithm>
#include <map>

namespace dacl::ml {

RecordProba aggregateByRecord(const Matrix& windowProba, const std::vector<int>& windowRecord) {
    std::map<int, std::pair<std::vector<double>, int>> sums;
    for (std::size_t i = 0; i < windowProba.rows; ++i) {
        auto& [sum, n] = sums[windowRecord[i]];
        sum.resize(windowProba.cols, 0.0);
        for (std::size_t c = 0; c < windowProba.cols; ++c) sum[c] += windowProba(i, c);
        ++n;
    }
    RecordProba out;
    out.proba = Matrix(sums.size(), windowProba.cols);
    std::size_t r = 0;
    for (const auto& [record, acc] : sums) {
        out.records.push_back(record);
        for (std::size_t c = 0; c < windowProba.cols; ++c)
            out.proba(r, c) = static_cast<float>(acc.first[c] / acc.second);
        ++r;
    }
    return out;
}

FoldScore scoreBinary(const std::vector<double>& valScores, const std::vector<int>& valLabels,
                      const std::vector<double>& testScores, const std::vector<int>& testLabels,
                      int bootstrapResamples, std::uint64_t seed) {
    FoldScore s;
    const double threshold = eval::youdenThreshold(valScores, valLabels);
    const eval::Interval ci = eval::bootstrapAuroc(testScores, testLabels, bootstrapResamples, seed);
    const eval::BinaryStats st = eval::statsAt(testScores, testLabels, threshold);
    s.metrics = {{"auroc", eval::auroc(testScores, testLabels)},
                 {"auroc_ci_low", ci.low},
                 {"auroc_ci_high", ci.high},
                 {"auprc", eval::auprc(testScores, testLabels)},
                 {"threshold", threshold},
                 {"sensitivity", st.sensitivity},
                 {"specificity", st.specificity},
                 {"precision", st.precision},
                 {"f1", st.f1},
                 {"accuracy", st.accuracy}};
    s.roc = eval::rocCurve(testScores, testLabels);
    return s;
}

FoldScore scoreChallenge(const std::vector<double>& classWeights, const Matrix& testProba,
                         const std::vector<int>& testLabels, int bootstrapResamples, std::uint64_t seed) {
    FoldScore s;
    const std::vector<int> predicted = decideClasses(testProba, classWeights);
    const auto cm = eval::confusionMatrix(testLabels, predicted, static_cast<int>(testProba.cols));
    const auto f1 = eval::perClassF1(cm);
    s.metrics["f1_challenge"] = eval::challengeF1(testLabels, predicted);
    s.metrics["f1_challenge_argmax"] = eval::challengeF1(testLabels, decideClasses(testProba, {}));
    const char* names[] = {"N", "A", "O", "noisy"};
    for (std::size_t c = 0; c < testProba.cols && c < 4; ++c)
        s.metrics[std::string("class_weight_") + names[c]] = classWeights.empty() ? 1.0 : classWeights[c];
    double aurocSum = 0, lowSum = 0, highSum = 0;
    for (int c = 0; c < 3; ++c) {
        std::vector<double> score(testProba.rows);
        std::vector<int> label(testProba.rows);
        for (std::size_t r = 0; r < testProba.rows; ++r) {
            score[r] = testProba(r, static_cast<std::size_t>(c));
            label[r] = testLabels[r] == c ? 1 : 0;
        }
        const double a = eval::auroc(score, label);
        const auto ci = eval::bootstrapAuroc(score, label, bootstrapResamples, seed + static_cast<std::uint64_t>(c));
        s.metrics[std::string("auroc_") + names[c]] = a;
        s.metrics[std::string("f1_") + names[c]] = f1[static_cast<std::size_t>(c)];
        aurocSum += a;
        lowSum += ci.low;
        highSum += ci.high;
        if (c == 1) s.roc = eval::rocCurve(score, label);  // the AF curve, the clinically central one
    }
    s.metrics["auroc"] = aurocSum / 3;
    s.metrics["auroc_ci_low"] = lowSum / 3;
    s.metrics["auroc_ci_high"] = highSum / 3;
    long long correct = 0;
    for (std::size_t r = 0; r < predicted.size(); ++r) correct += predicted[r] == testLabels[r];
    s.metrics["accuracy"] = predicted.empty() ? 0.0 : static_cast<double>(correct) / static_cast<double>(predicted.size());
    return s;
}

}  // namespace dacl::ml
