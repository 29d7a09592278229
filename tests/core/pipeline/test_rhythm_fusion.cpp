// Rhythm fusion: the validation quantile is monotone and interpolated, the model's share is
// fitted on validation (a useless model gets little weight, an informative one keeps it), a
// single record is scored like a set, four classes average probabilities, and the fitted
// fusion survives serialisation.
#include "core/eval/metrics.h"
#include "core/pipeline/rhythm_fusion.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <random>

using namespace dacl;
using namespace dacl::ml;

namespace {

struct Data {
    Matrix rr, proba;
    std::vector<int> y;
};

// Binary records: RR feature 0 carries the label with noise `rrNoise`; the model's P(1) carries
// it with noise `modelNoise` (a huge noise makes the model useless). Feature 1 is sometimes NaN.
Data makeData(std::size_t n, double rrNoise, double modelNoise, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> g(0.0, 1.0);
    Data d;
    d.rr = Matrix(n, 20);
    d.proba = Matrix(n, 2);
    for (std::size_t i = 0; i < n; ++i) {
        const int y = (i % 4 == 0) ? 1 : 0;
        d.y.push_back(y);
        for (int c = 0; c < 20; ++c) d.rr(i, c) = static_cast<float>(g(rng));
        d.rr(i, 0) = static_cast<float>(y + rrNoise * g(rng));
        if (i % 7 == 0) d.rr(i, 1) = std::numeric_limits<float>::quiet_NaN();
        const double p = 1.0 / (1.0 + std::exp(-(2.0 * y - 1.0 + modelNoise * g(rng))));
        d.proba(i, 1) = static_cast<float>(p);
        d.proba(i, 0) = static_cast<float>(1.0 - p);
    }
    return d;
}

double auroc(const Matrix& p, const std::vector<int>& y) {
    std::vector<double> s;
    for (std::size_t i = 0; i < p.rows; ++i) s.push_back(p(i, 1));
    return eval::auroc(s, y);
}

Settings boostSettings() {
    Settings s;
    s.set("boost.rounds=60");
    return s;
}

}  // namespace

class TestRhythmFusion : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void quantileIsMonotoneAndInterpolated() {
        const std::vector<double> ref = {0.1, 0.2, 0.4, 0.8};
        double last = 0;
        for (double s = -1.0; s <= 2.0; s += 0.01) {
            const double q = referenceQuantile(ref, s);
            QVERIFY(q > 0 && q < 1);
            QVERIFY(q >= last);
            last = q;
        }
        QCOMPARE(referenceQuantile(ref, 0.2), 1.5 / 4);  // a knot: (i + 0.5) / n
        QCOMPARE(referenceQuantile(ref, 0.3), 2.0 / 4);  // half way between two knots
        QVERIFY(referenceQuantile(ref, 0.05) < referenceQuantile(ref, 0.1));  // below the range: still ordered
    }

    void weightFollowsWhatValidationShows() {
        const Data train = makeData(400, 0.4, 0.5, 1), val = makeData(200, 0.4, 0.5, 2), test = makeData(400, 0.4, 0.5, 3);
        RhythmFusion useful;
        useful.fit(train.rr, train.y, 2, val.rr, val.y, val.proba, boostSettings(), 7);
        const Data uselessVal = makeData(200, 0.4, 100.0, 2);  // the model says nothing here
        RhythmFusion useless;
        useless.fit(train.rr, train.y, 2, uselessVal.rr, uselessVal.y, uselessVal.proba, boostSettings(), 7);
        QVERIFY2(useless.modelWeight() <= 0.2, qPrintable(QString::number(useless.modelWeight())));
        QVERIFY(useful.modelWeight() >= 0.3);
        // Two informative sources fused beat either alone on held-out records.
        const double fused = auroc(useful.fuse(test.proba, test.rr), test.y);
        QVERIFY2(fused > auroc(test.proba, test.y) && fused > auroc(useful.boosterProba(test.rr), test.y),
                 qPrintable(QString("fused %1, model %2, booster %3").arg(fused).arg(auroc(test.proba, test.y))
                                .arg(auroc(useful.boosterProba(test.rr), test.y))));
    }

    void aSingleRecordIsScoredLikeASetAndSurvivesSerialisation() {
        const Data train = makeData(300, 0.5, 0.6, 4), val = makeData(120, 0.5, 0.6, 5), test = makeData(50, 0.5, 0.6, 6);
        RhythmFusion f;
        f.fit(train.rr, train.y, 2, val.rr, val.y, val.proba, boostSettings(), 9);
        const Matrix all = f.fuse(test.proba, test.rr);
        const RhythmFusion g = RhythmFusion::fromBytes(f.toBytes());
        QCOMPARE(g.modelWeight(), f.modelWeight());
        for (std::size_t i = 0; i < test.rr.rows; ++i) {
            const Matrix one = g.fuse(test.proba.selectRows({i}), test.rr.selectRows({i}));
            QCOMPARE(one(0, 1), all(i, 1));
            QVERIFY(std::abs(one(0, 0) + one(0, 1) - 1.0f) < 1e-6f);
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, f.fuse(test.proba.selectRows({0, 1}), test.rr.selectRows({0})));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, RhythmFusion::fromBytes("3:abc"));
    }

    void fourClassesAverageProbabilities() {
        std::mt19937_64 rng(3);
        Matrix rr(200, 20), proba(200, 4);
        std::vector<int> y;
        for (std::size_t i = 0; i < 200; ++i) {
            y.push_back(static_cast<int>(i % 4));
            for (int c = 0; c < 20; ++c) rr(i, c) = static_cast<float>(std::normal_distribution<double>(c == 0 ? y.back() : 0, 0.5)(rng));
            for (int c = 0; c < 4; ++c) proba(i, c) = 0.25f;
        }
        RhythmFusion f;
        f.fit(rr, y, 4, rr, y, proba, boostSettings(), 1);
        const Matrix fused = f.fuse(proba, rr), booster = f.boosterProba(rr);
        for (std::size_t i = 0; i < 200; ++i)
            for (int c = 0; c < 4; ++c) QVERIFY(std::abs(fused(i, c) - 0.5f * (0.25f + booster(i, c))) < 1e-6f);
    }
};

QTEST_APPLESS_MAIN(TestRhythmFusion)
#include "test_rhythm_fusion.moc"
