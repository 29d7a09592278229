// Metrics of the evaluation protocol against hand-computed cases (method.md §8).
#include "core/eval/metrics.h"
#include "core/eval/random.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace dacl::eval;

namespace {

// Reference AUROC by counting every (positive, negative) pair: independent of the midrank code.
double pairCountAuroc(const std::vector<double>& s, const std::vector<int>& y) {
    double wins = 0, pairs = 0;
    for (size_t i = 0; i < s.size(); ++i)
        for (size_t j = 0; j < s.size(); ++j)
            if (y[i] == 1 && y[j] == 0) {
                pairs += 1;
                wins += s[i] > s[j] ? 1.0 : (s[i] == s[j] ? 0.5 : 0.0);
            }
    return wins / pairs;
}

// Scores = label·separation + Gaussian noise, deterministic.
void synthetic(size_t n, double separation, std::uint64_t seed, std::vector<double>& s, std::vector<int>& y) {
    SplitMix64 rng(seed);
    s.clear();
    y.clear();
    for (size_t i = 0; i < n; ++i) {
        const int label = (rng.below(3) == 0) ? 1 : 0;
        const double u1 = (static_cast<double>(rng.next() >> 11) + 0.5) / 9007199254740992.0;
        const double u2 = (static_cast<double>(rng.next() >> 11) + 0.5) / 9007199254740992.0;
        const double z = std::sqrt(-2 * std::log(u1)) * std::cos(6.283185307179586 * u2);
        y.push_back(label);
        s.push_back(label * separation + z);
    }
}

}  // namespace

class TestEvalMetrics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aurocHandComputed() {
        // Textbook example: 3 of the 4 positive/negative pairs are ordered correctly.
        QCOMPARE(auroc({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}), 0.75);
        // Ties: positives {3,2,2}, negatives {2,1}: pairs 1+1+.5+1+.5+1 = 5 of 6.
        QCOMPARE(auroc({3, 2, 2, 2, 1}, {1, 1, 1, 0, 0}), 5.0 / 6.0);
        // Order of records must not matter.
        QCOMPARE(auroc({1, 2, 2, 3, 2}, {0, 0, 1, 1, 1}), 5.0 / 6.0);
    }

    void aurocExtremes() {
        QCOMPARE(auroc({0.3, 0.3, 0.3, 0.3}, {0, 1, 0, 1}), 0.5);  // all equal
        QCOMPARE(auroc({0.1, 0.2, 0.8, 0.9}, {0, 0, 1, 1}), 1.0);  // perfect
        QCOMPARE(auroc({0.1, 0.2, 0.8, 0.9}, {1, 1, 0, 0}), 0.0);  // inverted
        QVERIFY(std::isnan(auroc({0.1, 0.2}, {1, 1})));             // one class
        QVERIFY(std::isnan(auroc({}, {})));
        const double inf = std::numeric_limits<double>::infinity();
        QCOMPARE(auroc({-inf, 0.0, inf}, {0, 1, 1}), 1.0);
    }

    void aurocMatchesPairCountingWithManyTies() {
        SplitMix64 rng(7);
        std::vector<double> s;
        std::vector<int> y;
        for (int i = 0; i < 300; ++i) {
            y.push_back(static_cast<int>(rng.below(2)));
            s.push_back(static_cast<double>(rng.below(6)) + y.back() * 0.5 * static_cast<double>(rng.below(3)));
        }
        QCOMPARE(auroc(s, y), pairCountAuroc(s, y));
    }

    void badInputIsRejected() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, auroc({0.1, 0.2}, {0}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, auroc({0.1, 0.2}, {0, 2}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 auroc({0.1, std::numeric_limits<double>::quiet_NaN()}, {0, 1}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bootstrapAuroc({0.1, 0.2}, {0, 1}, 0, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bootstrapAuroc({0.1, 0.2}, {0, 1}, 10, 1, 1.0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, confusionMatrix({0, 1}, {0}, 4));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, confusionMatrix({0, 4}, {0, 1}, 4));
    }

    void auprcHandComputed() {
        // Thresholds 0.8 (R=.5,P=1), 0.4 (R=.5), 0.35 (R=1,P=2/3): AP = .5 + .5·2/3.
        QCOMPARE(auprc({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}), 0.5 + 0.5 * 2.0 / 3.0);
        // Ties enter as one step: score 3 (R=1/3,P=1), score 2 (R=1,P=3/4): 1/3 + 2/3·3/4.
        QCOMPARE(auprc({3, 2, 2, 2, 1}, {1, 1, 1, 0, 0}), 1.0 / 3.0 + 0.5);
        QCOMPARE(auprc({3, 2, 2, 2, 1}, {1, 0, 1, 1, 0}), 1.0 / 3.0 + 0.5);  // order within a tie
        QCOMPARE(auprc({0.5, 0.5, 0.5, 0.5}, {1, 0, 0, 0}), 0.25);           // all equal: prevalence
        QCOMPARE(auprc({0.1, 0.2, 0.8, 0.9}, {0, 0, 1, 1}), 1.0);
        QVERIFY(std::isnan(auprc({0.1, 0.2}, {0, 0})));
    }

    void curves() {
        const std::vector<double> s{0.1, 0.4, 0.35, 0.8, 0.4};
        const std::vector<int> y{0, 0, 1, 1, 1};
        const auto roc = rocCurve(s, y);
        QCOMPARE(roc.size(), size_t(5));  // start + 4 distinct scores
        QVERIFY(std::isinf(roc[0].threshold));
        QCOMPARE(roc[0].fpr, 0.0);
        QCOMPARE(roc[0].tpr, 0.0);
        QCOMPARE(roc[1].threshold, 0.8);
        QCOMPARE(roc[1].tpr, 1.0 / 3.0);
        QCOMPARE(roc[2].threshold, 0.4);  // both 0.4 records enter at once
        QCOMPARE(roc[2].fpr, 0.5);
        QCOMPARE(roc[2].tpr, 2.0 / 3.0);
        QCOMPARE(roc[4].fpr, 1.0);
        QCOMPARE(roc[4].tpr, 1.0);
        // Trapezoids under the curve give the AUROC (ties are diagonal segments).
        double area = 0;
        for (size_t k = 1; k < roc.size(); ++k)
            area += (roc[k].fpr - roc[k - 1].fpr) * (roc[k].tpr + roc[k - 1].tpr) / 2;
        QCOMPARE(area, auroc(s, y));

        const auto pr = prCurve(s, y);
        QCOMPARE(pr.size(), size_t(4));
        QCOMPARE(pr[0].precision, 1.0);
        QCOMPARE(pr[1].recall, 2.0 / 3.0);
        QCOMPARE(pr[1].precision, 2.0 / 3.0);
        QCOMPARE(pr[3].recall, 1.0);
        QCOMPARE(pr[3].precision, 3.0 / 5.0);
        QVERIFY(rocCurve({1, 2}, {1, 1}).empty());
        QVERIFY(prCurve({1, 2}, {0, 0}).empty());
    }

    void youdenAndStats() {
        const std::vector<double> s{0.1, 0.4, 0.35, 0.8};
        const std::vector<int> y{0, 0, 1, 1};
        // J = .5 at 0.8 and at 0.35; the higher wins; midpoint to the next score 0.4.
        QCOMPARE(youdenThreshold(s, y), 0.6);
        const BinaryStats a = statsAt(s, y, 0.6);
        QCOMPARE(a.tp, 1);
        QCOMPARE(a.fn, 1);
        QCOMPARE(a.tn, 2);
        QCOMPARE(a.fp, 0);
        QCOMPARE(a.sensitivity, 0.5);
        QCOMPARE(a.specificity, 1.0);
        QCOMPARE(a.precision, 1.0);
        QCOMPARE(a.f1, 2.0 / 3.0);
        QCOMPARE(a.accuracy, 0.75);
        // score >= threshold is positive.
        const BinaryStats b = statsAt(s, y, 0.35);
        QCOMPARE(b.tp, 2);
        QCOMPARE(b.fp, 1);
        QCOMPARE(b.precision, 2.0 / 3.0);
        QCOMPARE(b.f1, 0.8);
        // Perfect separation: the cut falls between the classes.
        QCOMPARE(youdenThreshold({0.1, 0.2, 0.7, 0.9}, {0, 0, 1, 1}), 0.45);
        // 0/0 ratios are NaN, not a crash.
        const BinaryStats c = statsAt({0.1, 0.2}, {0, 0}, 0.5);
        QVERIFY(std::isnan(c.sensitivity));
        QVERIFY(std::isnan(c.precision));
        QCOMPARE(c.specificity, 1.0);
        QVERIFY(std::isnan(youdenThreshold({0.1, 0.2}, {0, 0})));
    }

    void challengeScore() {
        const std::vector<int> truth{0, 0, 0, 1, 1, 2, 2, 3};
        const std::vector<int> pred{0, 0, 1, 1, 2, 2, 2, 0};
        const ConfusionMatrix cm = confusionMatrix(truth, pred, 4);
        QCOMPARE(cm.at(0, 0), 2LL);
        QCOMPARE(cm.at(0, 1), 1LL);
        QCOMPARE(cm.at(3, 0), 1LL);
        QCOMPARE(cm.rowSum(0), 3LL);
        QCOMPARE(cm.colSum(2), 3LL);
        const auto f1 = perClassF1(cm);
        QCOMPARE(f1[0], 4.0 / 6.0);  // 2·2 / (3 + 3)
        QCOMPARE(f1[1], 0.5);        // 2·1 / (2 + 2)
        QCOMPARE(f1[2], 0.8);        // 2·2 / (2 + 3)
        QCOMPARE(f1[3], 0.0);
        QCOMPARE(challengeF1(truth, pred), 59.0 / 90.0);
        QCOMPARE(challengeF1(truth, truth), 1.0);
        // The noisy class does not enter the mean: absent here (its F1 is NaN), the score is still 1.
        QVERIFY(std::isnan(perClassF1(confusionMatrix({0, 1, 2}, {0, 1, 2}, 4))[3]));
        QCOMPARE(challengeF1({0, 1, 2}, {0, 1, 2}), 1.0);
    }

    void bootstrapContainsEstimateAndIsDeterministic() {
        std::vector<double> s;
        std::vector<int> y;
        synthetic(300, 1.0, 11, s, y);
        const double point = auroc(s, y);
        const Interval a = bootstrapAuroc(s, y, 1000, 42);
        QVERIFY2(a.low < point && point < a.high,
                 qPrintable(QString("%1 not in [%2, %3]").arg(point).arg(a.low).arg(a.high)));
        QVERIFY(a.low > 0.5 && a.high < 1.0);
        const Interval b = bootstrapAuroc(s, y, 1000, 42);
        QCOMPARE(b.low, a.low);
        QCOMPARE(b.high, a.high);
        const Interval c = bootstrapAuroc(s, y, 1000, 43);
        QVERIFY(c.low != a.low || c.high != a.high);
        // A 50 % interval lies inside the 95 % one.
        const Interval half = bootstrapAuroc(s, y, 1000, 42, 0.5);
        QVERIFY(half.low > a.low && half.high < a.high);
    }

    void bootstrapNarrowsWithMoreData() {
        std::vector<double> s;
        std::vector<int> y;
        synthetic(100, 1.0, 5, s, y);
        const Interval small = bootstrapAuroc(s, y, 500, 1);
        synthetic(3000, 1.0, 5, s, y);
        const Interval large = bootstrapAuroc(s, y, 500, 1);
        // Width shrinks roughly like 1/sqrt(n): 30× the data, well under half the width.
        QVERIFY2((large.high - large.low) < 0.5 * (small.high - small.low),
                 qPrintable(QString("small %1 large %2").arg(small.high - small.low).arg(large.high - large.low)));
    }

    void bootstrapDegenerateCases() {
        const Interval perfect = bootstrapAuroc({0.1, 0.2, 0.8, 0.9}, {0, 0, 1, 1}, 200, 3);
        QCOMPARE(perfect.low, 1.0);
        QCOMPARE(perfect.high, 1.0);
        const Interval equal = bootstrapAuroc({0.5, 0.5, 0.5}, {0, 1, 1}, 200, 3);
        QCOMPARE(equal.low, 0.5);
        QCOMPARE(equal.high, 0.5);
        const Interval oneClass = bootstrapAuroc({0.1, 0.9}, {1, 1}, 200, 3);
        QVERIFY(std::isnan(oneClass.low) && std::isnan(oneClass.high));
    }
};

QTEST_APPLESS_MAIN(TestEvalMetrics)
#include "test_eval_metrics.moc"
