// Sample entropy by range counting: the pair counts equal comparing every pair, on ties, on
// r = 0 and on 1 to 3 dimensions; the value is the textbook one on a hand-counted series.
#include "core/dsp/sample_entropy.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace dacl::dsp;

namespace {

std::int64_t everyPair(const std::vector<std::vector<double>>& p, int dims, double r) {
    std::int64_t n = 0;
    for (std::size_t i = 0; i < p.size(); ++i)
        for (std::size_t j = i + 1; j < p.size(); ++j) {
            bool ok = true;
            for (int d = 0; d < dims; ++d) ok = ok && std::abs(p[i][static_cast<std::size_t>(d)] - p[j][static_cast<std::size_t>(d)]) <= r;
            n += ok;
        }
    return n;
}

}  // namespace

class TestSampleEntropy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pairCountsEqualEveryPair() {
        std::mt19937 eng(5);
        std::uniform_int_distribution<int> coarse(0, 12);  // many ties
        std::normal_distribution<double> fine(1.0, 0.3);
        for (int trial = 0; trial < 12; ++trial) {
            const int dims = 1 + trial % 3;
            std::vector<std::vector<double>> pts(static_cast<std::size_t>(50 + 37 * trial));
            for (auto& pt : pts)
                for (int d = 0; d < dims; ++d) pt.push_back(trial % 2 ? coarse(eng) * 0.1 : fine(eng));
            for (double r : {0.0, 0.1, 0.25, 3.0})
                QCOMPARE(pairsWithin(pts, dims, r), everyPair(pts, dims, r));
        }
    }

    // RR 1, 1, 1, 1, 5 (r = 0.32): length-2 templates at 0..2 all match (B = 3), length-3 ones
    // only (0, 1) (A = 1): −ln(2/4) = ln 2.
    void handCountedSeries() {
        QCOMPARE(sampleEntropy({1, 1, 1, 1, 5}, 2, 0.32), std::log(2.0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, sampleEntropy({1, 1, 1}, 2, 0.1));
    }
};

QTEST_GUILESS_MAIN(TestSampleEntropy)
#include "test_sample_entropy.moc"
