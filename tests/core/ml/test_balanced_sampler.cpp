// Class-balanced batches and the warm-up + cosine learning-rate schedule.
#include "core/ml/balanced_sampler.h"
#include "core/ml/batch_shares.h"
#include "core/ml/lr_schedule.h"

#include <QtTest>

#include <cmath>
#include <set>

using namespace dacl::ml;

namespace {
std::vector<int> imbalancedLabels() {
    // 91 % class 0, 9 % class 1 (like AF in PhysioNet 2017), 200 rows.
    std::vector<int> y(200, 0);
    for (int i = 0; i < 18; ++i) y[static_cast<std::size_t>(i * 11)] = 1;
    return y;
}
}  // namespace

class TestBalancedSampler : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // seq.balance: exponent 0 keeps the equal shares every earlier run trained with (remainder to
    // the first classes), 1 follows the classes' frequencies, every present class keeps a slot.
    void batchSharesFollowTheExponent() {
        const std::vector<std::size_t> afRest{500, 5300};
        QCOMPARE(batchShares(afRest, 64, 0.0), (std::vector<int>{32, 32}));
        QCOMPARE(batchShares(afRest, 65, 0.0), (std::vector<int>{33, 32}));
        QCOMPARE(batchShares({5000, 700, 2400}, 64, 0.0), (std::vector<int>{22, 21, 21}));
        QCOMPARE(batchShares(afRest, 64, 1.0), (std::vector<int>{6, 58}));
        QCOMPARE(batchShares(afRest, 64, 0.5), (std::vector<int>{16, 48}));
        // An absent class takes no slot; a tiny class still gets one.
        QCOMPARE(batchShares({0, 10, 10}, 64, 0.7), (std::vector<int>{0, 32, 32}));
        QCOMPARE(batchShares({1, 100000}, 8, 1.0), (std::vector<int>{1, 7}));
        for (double e : {0.0, 0.3, 0.5, 1.0}) {
            const auto s = batchShares({738, 5050, 2456, 284}, 64, e);
            int sum = 0;
            for (int v : s) sum += v;
            QCOMPARE(sum, 64);
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, batchShares(afRest, 1, 0.0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, batchShares(afRest, 64, 1.5));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, batchShares({0, 0}, 64, 0.0));
    }

    void batchesAreClassBalanced() {
        const auto y = imbalancedLabels();
        BalancedBatchSampler s(y, 32, 1);
        QCOMPARE(s.batchesPerEpoch(), std::size_t(7));  // ceil(200 / 32)
        std::set<std::int64_t> seenMinority;
        for (int epoch = 0; epoch < 2; ++epoch) {
            const auto batches = s.nextEpoch();
            QCOMPARE(batches.size(), std::size_t(7));
            for (const auto& b : batches) {
                QCOMPARE(b.size(), std::size_t(32));
                int minority = 0;
                std::set<std::int64_t> unique(b.begin(), b.end());
                for (auto i : b) {
                    QVERIFY(i >= 0 && i < 200);
                    if (y[static_cast<std::size_t>(i)] == 1) {
                        ++minority;
                        seenMinority.insert(i);
                    }
                }
                QCOMPARE(minority, 16);
                // The minority class (18 rows) is large enough for 16 distinct rows per batch.
                QCOMPARE(unique.size(), std::size_t(32));
            }
        }
        QCOMPARE(seenMinority.size(), std::size_t(18));  // every minority row gets used
    }

    void oddBatchSizeRotatesTheRemainder() {
        std::vector<int> y;
        for (int i = 0; i < 90; ++i) y.push_back(i % 3);
        BalancedBatchSampler s(y, 10, 2);  // 3 per class + 1 extra, rotating
        std::vector<int> extraCount(3, 0);
        for (const auto& b : s.nextEpoch()) {
            std::vector<int> c(3, 0);
            for (auto i : b) ++c[static_cast<std::size_t>(y[static_cast<std::size_t>(i)])];
            for (int k = 0; k < 3; ++k) {
                QVERIFY(c[k] == 3 || c[k] == 4);
                if (c[k] == 4) ++extraCount[k];
            }
        }
        QCOMPARE(extraCount[0] + extraCount[1] + extraCount[2], 9);
        QVERIFY(extraCount[0] == 3 && extraCount[1] == 3 && extraCount[2] == 3);
    }

    // A cap on the batches per epoch: each epoch is a fresh balanced subset, and over a few
    // epochs the majority class is covered rather than the same first rows again and again.
    void cappedEpochsDrawFreshSubsets() {
        std::vector<int> y(2000, 0);
        for (int i = 0; i < 180; ++i) y[static_cast<std::size_t>(i * 11)] = 1;
        BalancedBatchSampler s(y, 32, 4, 5);
        QCOMPARE(s.batchesPerEpoch(), std::size_t(5));  // not ceil(2000 / 32) = 63
        std::set<std::int64_t> seenMajority;
        for (int epoch = 0; epoch < 8; ++epoch) {
            const auto batches = s.nextEpoch();
            QCOMPARE(batches.size(), std::size_t(5));
            for (const auto& b : batches) {
                int minority = 0;
                for (auto i : b) {
                    if (y[static_cast<std::size_t>(i)] == 1) ++minority;
                    else seenMajority.insert(i);
                }
                QCOMPARE(minority, 16);
            }
        }
        // 8 epochs x 5 batches x 16 majority rows = 640 draws from 1820 rows: nearly all distinct.
        QVERIFY2(seenMajority.size() > 500, qPrintable(QString::number(seenMajority.size())));
        // A cap above the natural count changes nothing.
        QCOMPARE(BalancedBatchSampler(y, 32, 4, 1000).batchesPerEpoch(), std::size_t(63));
    }

    void deterministicForASeedAndRestorable() {
        const auto y = imbalancedLabels();
        BalancedBatchSampler a(y, 32, 9), b(y, 32, 9), c(y, 32, 10);
        const auto ea = a.nextEpoch();
        QCOMPARE(ea, b.nextEpoch());
        QVERIFY(ea != c.nextEpoch());
        // Saving the state after epoch 1 and restoring it into a fresh sampler reproduces epoch 2.
        const std::string st = a.state();
        const auto next = a.nextEpoch();
        BalancedBatchSampler d(y, 32, 12345);
        d.setState(st);
        QCOMPARE(d.nextEpoch(), next);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, d.setState("garbage"));
    }

    void badInput() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, BalancedBatchSampler({}, 8, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, BalancedBatchSampler({0, 2, 2}, 8, 1));  // class 1 missing
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, BalancedBatchSampler({0, 1, 2}, 2, 1));  // batch < K
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, BalancedBatchSampler({0, -1}, 8, 1));
    }

    void warmupThenCosine() {
        LrSchedule s;
        s.baseLr = 1e-3;
        s.minLr = 1e-5;
        s.warmupSteps = 10;
        s.totalSteps = 111;  // cosine over steps 10..110 (100 intervals)
        QVERIFY(std::abs(s.at(0) - 1e-4) < 1e-15);     // first warm-up step: base/10
        QVERIFY(std::abs(s.at(4) - 5e-4) < 1e-15);
        QVERIFY(std::abs(s.at(9) - 1e-3) < 1e-15);     // warm-up reaches base
        QVERIFY(std::abs(s.at(10) - 1e-3) < 1e-15);    // cosine starts at base
        QVERIFY(std::abs(s.at(60) - (1e-5 + 0.5 * (1e-3 - 1e-5))) < 1e-15);  // halfway
        QVERIFY(std::abs(s.at(35) - (1e-5 + 0.5 * (1e-3 - 1e-5) * (1 + std::cos(M_PI / 4)))) < 1e-15);
        QVERIFY(std::abs(s.at(110) - 1e-5) < 1e-15);   // last step: min
        QVERIFY(std::abs(s.at(500) - 1e-5) < 1e-15);   // beyond: stays at min
        for (int i = 10; i < 110; ++i) QVERIFY(s.at(i + 1) <= s.at(i));
        LrSchedule none;
        none.totalSteps = 5;
        QVERIFY(std::abs(none.at(0) - 1e-3) < 1e-15);  // no warm-up
        QVERIFY(std::abs(none.at(4)) < 1e-15);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, none.at(-1));
    }
};

QTEST_APPLESS_MAIN(TestBalancedSampler)
#include "test_balanced_sampler.moc"
