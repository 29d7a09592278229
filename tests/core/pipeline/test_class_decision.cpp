// challenge4's decision rule (pipeline/class_decision.h): class-balanced probabilities over-call
// the rare classes, so weights fitted on validation records must raise the Challenge score (mean
// F1 of N, A, O) on records they were not fitted on, call A and ~ less, leave a perfect arg-max
// alone, and the fold score must report both rules.
#include "core/eval/metrics.h"
#include "core/pipeline/class_decision.h"
#include "core/pipeline/scoring.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace dacl;
using namespace dacl::ml;

namespace {

struct Sample {
    Matrix proba;
    std::vector<int> labels;
};

// Records in the classes' PhysioNet 2017 shares (N 59 %, A 9 %, O 28 %, ~ 4 %) with probabilities
// as a class-balanced model gives them: the same noisy evidence for every class, equal priors.
Sample balancedPriorSample(std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::discrete_distribution<int> cls({59, 9, 28, 4});
    std::normal_distribution<double> noise(0.0, 1.0);
    Sample s{Matrix(n, 4), {}};
    for (std::size_t r = 0; r < n; ++r) {
        const int y = cls(rng);
        s.labels.push_back(y);
        double logit[4], sum = 0;
        for (int c = 0; c < 4; ++c) sum += logit[c] = std::exp((c == y ? 1.6 : 0.0) + noise(rng));
        for (int c = 0; c < 4; ++c) s.proba(r, static_cast<std::size_t>(c)) = static_cast<float>(logit[c] / sum);
    }
    return s;
}

double score(const Sample& s, const std::vector<double>& w) { return eval::challengeF1(s.labels, decideClasses(s.proba, w)); }

}  // namespace

class TestClassDecision : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void weightedArgMaxScalesEachClass() {
        const float p[] = {0.4f, 0.3f, 0.2f, 0.1f};
        QCOMPARE(weightedArgMax(p, 4, {}), 0);
        QCOMPARE(weightedArgMax(p, 4, {1, 1.5, 1, 1}), 1);  // 0.45 > 0.4
        QCOMPARE(weightedArgMax(p, 4, {1, 1, 1, 4.5}), 3);
        const float tie[] = {0.25f, 0.25f, 0.25f, 0.25f};
        QCOMPARE(weightedArgMax(tie, 4, {}), 0);  // the first on ties
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, weightedArgMax(p, 4, {1, 2}));
    }

    // Fitted on 1,000 validation records, tested on 20,000 others of the same kind.
    void fittedWeightsRaiseTheScoreOnOtherRecords() {
        const Sample val = balancedPriorSample(1000, 11), test = balancedPriorSample(20000, 12);
        const std::vector<double> w = fitChallengeWeights(val.proba, val.labels);
        QCOMPARE(w.size(), std::size_t(4));
        QCOMPARE(w[0], 1.0);
        QVERIFY2(w[1] < 1 && w[3] < 1, qPrintable(QString("w_A %1, w_~ %2").arg(w[1]).arg(w[3])));
        QVERIFY(score(val, w) > score(val, {}));
        const double argmax = score(test, {}), weighted = score(test, w);
        QVERIFY2(weighted > argmax + 0.02, qPrintable(QString("arg-max %1, weighted %2").arg(argmax).arg(weighted)));
    }

    void perfectArgMaxIsLeftAlone() {
        Sample s{Matrix(8, 4, 0.1f), {0, 1, 2, 3, 0, 1, 2, 3}};
        for (std::size_t r = 0; r < 8; ++r) s.proba(r, static_cast<std::size_t>(s.labels[r])) = 0.7f;
        QCOMPARE(fitChallengeWeights(s.proba, s.labels), std::vector<double>(4, 1.0));
        QCOMPARE(fitChallengeWeights(Matrix(0, 4), {}), std::vector<double>(4, 1.0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fitChallengeWeights(Matrix(2, 3), {0, 1}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fitChallengeWeights(Matrix(2, 4), {0}));
    }

    // The fold score: f1_challenge under the weights, the plain arg-max beside it, the weights.
    void foldScoreReportsBothRules() {
        const Sample val = balancedPriorSample(1000, 21), test = balancedPriorSample(3000, 22);
        const std::vector<double> w = fitChallengeWeights(val.proba, val.labels);
        const FoldScore s = scoreChallenge(w, test.proba, test.labels, 20, 1);
        QCOMPARE(s.metrics.at("f1_challenge"), score(test, w));
        QCOMPARE(s.metrics.at("f1_challenge_argmax"), score(test, {}));
        QCOMPARE(s.metrics.at("class_weight_N"), 1.0);
        QCOMPARE(s.metrics.at("class_weight_A"), w[1]);
        QCOMPARE(s.metrics.at("class_weight_noisy"), w[3]);
        const FoldScore plain = scoreChallenge({}, test.proba, test.labels, 20, 1);
        QCOMPARE(plain.metrics.at("f1_challenge"), plain.metrics.at("f1_challenge_argmax"));
        QCOMPARE(plain.metrics.at("class_weight_A"), 1.0);
    }
};

QTEST_APPLESS_MAIN(TestClassDecision)
#include "test_class_decision.moc"
