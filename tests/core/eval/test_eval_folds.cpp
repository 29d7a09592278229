// Record-level stratified splits: coverage, disjointness, balance and determinism.
#include "core/eval/folds.h"

#include <QtTest>

#include <map>
#include <set>

using namespace dacl::eval;

namespace {

// PhysioNet 2017 class counts (N 5050, A 738, O 2456, ~ 284), records interleaved.
std::vector<int> physionetLikeStrata() {
    std::vector<int> strata;
    const int counts[4] = {5050, 738, 2456, 284};
    int left[4] = {counts[0], counts[1], counts[2], counts[3]};
    for (int i = 0; strata.size() < 8528; ++i)
        if (left[i % 4] > 0) {
            strata.push_back(i % 4);
            --left[i % 4];
        }
    return strata;
}

std::map<int, int> countByStratum(const std::vector<int>& strata) {
    std::map<int, int> c;
    for (int s : strata) ++c[s];
    return c;
}

}  // namespace

class TestEvalFolds : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void kFoldCoversAndBalances() {
        const auto strata = physionetLikeStrata();
        const auto total = countByStratum(strata);
        for (int k : {2, 5, 10}) {
            const auto folds = stratifiedKFold(strata, k, 2017);
            QCOMPARE(folds.size(), strata.size());
            // Coverage and disjointness: each record is the test record of exactly one fold in [0, k).
            std::vector<int> foldSize(k, 0);
            std::vector<std::map<int, int>> perClass(k);
            for (size_t i = 0; i < folds.size(); ++i) {
                QVERIFY(folds[i] >= 0 && folds[i] < k);
                ++foldSize[folds[i]];
                ++perClass[folds[i]][strata[i]];
            }
            for (int f = 0; f < k; ++f) {
                QVERIFY(std::abs(foldSize[f] - static_cast<int>(strata.size()) / k) <= 1);
                for (const auto& [cls, n] : total) {
                    const double expected = static_cast<double>(n) / k;
                    QVERIFY2(std::abs(perClass[f][cls] - expected) < 1.0,
                             qPrintable(QString("k=%1 fold %2 class %3: %4 vs %5")
                                            .arg(k).arg(f).arg(cls).arg(perClass[f][cls]).arg(expected)));
                }
            }
        }
    }

    void kFoldIsDeterministicAndSeeded() {
        const auto strata = physionetLikeStrata();
        QCOMPARE(stratifiedKFold(strata, 5, 1), stratifiedKFold(strata, 5, 1));
        QVERIFY(stratifiedKFold(strata, 5, 1) != stratifiedKFold(strata, 5, 2));
    }

    void singleSplitIsStratified8020() {
        const auto strata = physionetLikeStrata();
        const auto split = stratifiedKFold(strata, 1, 9);
        const auto five = stratifiedKFold(strata, 5, 9);
        std::map<int, int> test;
        for (size_t i = 0; i < split.size(); ++i) {
            QVERIFY(split[i] == 0 || split[i] == kTrainOnly);
            QCOMPARE(split[i] == 0, five[i] == 0);  // the test set is fold 0 of the 5-fold split
            if (split[i] == 0) ++test[strata[i]];
        }
        for (const auto& [cls, n] : countByStratum(strata)) QVERIFY(std::abs(test[cls] - n / 5.0) < 1.0);
    }

    void kFoldRejectsBadK() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, stratifiedKFold({0, 1}, 0, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, stratifiedKFold({0, 1}, 3, 1));
    }

    void validationSplitInsideTraining() {
        const auto strata = physionetLikeStrata();
        const auto folds = stratifiedKFold(strata, 5, 3);
        std::vector<bool> training(strata.size());
        for (size_t i = 0; i < strata.size(); ++i) training[i] = folds[i] != 0;
        const auto val = stratifiedValidationSplit(strata, training, 4);
        QCOMPARE(val, stratifiedValidationSplit(strata, training, 4));
        std::map<int, int> valCount, trainCount;
        for (size_t i = 0; i < strata.size(); ++i) {
            if (val[i]) QVERIFY(training[i]);  // never a test record
            if (training[i]) ++trainCount[strata[i]];
            if (val[i]) ++valCount[strata[i]];
        }
        for (const auto& [cls, n] : trainCount) QVERIFY(std::abs(valCount[cls] - 0.15 * n) <= 0.5);
    }

    void validationSplitKeepsEveryClass() {
        // Two A records: one goes to validation, one stays for training; a single ~ stays in training.
        const std::vector<int> strata{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3};
        const auto val = stratifiedValidationSplit(strata, std::vector<bool>(strata.size(), true), 1);
        QCOMPARE(int(val[8]) + int(val[9]), 1);
        QVERIFY(!val[10]);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, stratifiedValidationSplit(strata, {true}, 1));
    }

    void subsetFollowsProportions() {
        const auto strata = physionetLikeStrata();
        const auto total = countByStratum(strata);
        for (size_t n : {size_t(50), size_t(300), size_t(1001)}) {
            const auto subset = stratifiedSubset(strata, n, 5);
            QCOMPARE(subset.size(), n);
            QVERIFY(std::is_sorted(subset.begin(), subset.end()));
            QCOMPARE(std::set<size_t>(subset.begin(), subset.end()).size(), n);
            std::map<int, int> c;
            for (size_t i : subset) ++c[strata[i]];
            for (const auto& [cls, count] : total) {
                const double expected = static_cast<double>(n) * count / strata.size();
                QVERIFY2(std::abs(c[cls] - expected) < 1.0,
                         qPrintable(QString("n=%1 class %2: %3 vs %4").arg(n).arg(cls).arg(c[cls]).arg(expected)));
            }
        }
        QCOMPARE(stratifiedSubset(strata, 300, 5), stratifiedSubset(strata, 300, 5));
        QVERIFY(stratifiedSubset(strata, 300, 5) != stratifiedSubset(strata, 300, 6));
        QCOMPARE(stratifiedSubset({0, 1, 0}, 10, 1), (std::vector<size_t>{0, 1, 2}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, stratifiedSubset(strata, 0, 1));
    }
};

QTEST_APPLESS_MAIN(TestEvalFolds)
#include "test_eval_folds.moc"
