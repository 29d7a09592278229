// Gradient-boosted trees on XGBoost's C API (core/boosting/): a non-linear binary problem,
// multi-class probabilities, serialisation, determinism, missing values, early stopping and the
// argument checks.
#include "core/boosting/gradient_boosting.h"
#include "core/eval/metrics.h"
#include "core/eval/random.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <stdexcept>

using namespace dacl::boosting;

namespace {

double uniform(dacl::eval::SplitMix64& rng, double lo, double hi) {
    return lo + (hi - lo) * (static_cast<double>(rng.next() >> 11) / 9007199254740992.0);
}

struct Data {
    std::vector<float> X;  // rows × cols, row-major
    std::vector<int> y;
    std::size_t rows = 0, cols = 0;
};

// XOR of the signs of features 0 and 1, plus `noise` uninformative features: no single feature
// and no linear score separates it.
Data xorData(std::size_t rows, std::size_t noise, std::uint64_t seed) {
    dacl::eval::SplitMix64 rng(seed);
    Data d;
    d.rows = rows;
    d.cols = 2 + noise;
    for (std::size_t i = 0; i < rows; ++i) {
        const double a = uniform(rng, -1, 1), b = uniform(rng, -1, 1);
        d.X.push_back(static_cast<float>(a));
        d.X.push_back(static_cast<float>(b));
        for (std::size_t j = 0; j < noise; ++j) d.X.push_back(static_cast<float>(uniform(rng, -1, 1)));
        d.y.push_back((a > 0) != (b > 0) ? 1 : 0);
    }
    return d;
}

// Three classes by the angle of (x0, x1) (sectors of 60°, 120° and 180°, so unequal sizes),
// plus two noise features.
Data sectorData(std::size_t rows, std::uint64_t seed) {
    dacl::eval::SplitMix64 rng(seed);
    Data d;
    d.rows = rows;
    d.cols = 4;
    for (std::size_t i = 0; i < rows; ++i) {
        const double a = uniform(rng, -1, 1), b = uniform(rng, -1, 1);
        const double deg = std::atan2(b, a) * 180.0 / 3.141592653589793 + 180.0;  // [0, 360]
        d.X.insert(d.X.end(), {static_cast<float>(a), static_cast<float>(b), static_cast<float>(uniform(rng, -1, 1)),
                               static_cast<float>(uniform(rng, -1, 1))});
        d.y.push_back(deg < 60 ? 0 : (deg < 180 ? 1 : 2));
    }
    return d;
}

// Labels independent of the features: every split after the first few rounds is overfitting.
Data noiseData(std::size_t rows, std::size_t cols, std::uint64_t seed) {
    dacl::eval::SplitMix64 rng(seed);
    Data d;
    d.rows = rows;
    d.cols = cols;
    for (std::size_t i = 0; i < rows * cols; ++i) d.X.push_back(static_cast<float>(uniform(rng, -1, 1)));
    for (std::size_t i = 0; i < rows; ++i) d.y.push_back(static_cast<int>(rng.below(2)));
    return d;
}

std::vector<double> column(const std::vector<double>& p, std::size_t K, std::size_t k) {
    std::vector<double> c;
    for (std::size_t i = k; i < p.size(); i += K) c.push_back(p[i]);
    return c;
}

BoostSettings fast() {
    BoostSettings s;
    s.rounds = 150;
    s.eta = 0.1;
    s.earlyStoppingRounds = 0;
    return s;
}

template <typename E, typename F>
bool throwsWith(F&& f, const char* needle) {
    try {
        f();
    } catch (const E& e) {
        if (!QString::fromUtf8(e.what()).contains(QString::fromUtf8(needle))) {
            qWarning("unexpected message: %s", e.what());
            return false;
        }
        return true;
    } catch (const std::exception& e) {
        qWarning("wrong exception type: %s", e.what());
        return false;
    }
    return false;
}

}  // namespace

class TestGradientBoosting : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void xorHeldOutAuroc() {
        const Data train = xorData(2000, 3, 11), test = xorData(1000, 3, 12);
        GradientBoosting gb(fast());
        gb.fit(train.X.data(), train.rows, train.cols, train.y, 2);
        QVERIFY(gb.fitted());
        QCOMPARE(gb.numClasses(), 2);
        QCOMPARE(gb.numFeatures(), train.cols);
        QCOMPARE(gb.roundsTrained(), 150);
        QCOMPARE(gb.bestIteration(), 149);
        const std::vector<double> p = gb.predictProba(test.X.data(), test.rows, test.cols);
        QCOMPARE(p.size(), test.rows * 2);
        for (std::size_t i = 0; i < test.rows; ++i) {
            QVERIFY(p[2 * i] >= 0 && p[2 * i + 1] >= 0);
            QVERIFY(std::abs(p[2 * i] + p[2 * i + 1] - 1.0) < 1e-12);
        }
        const double auc = dacl::eval::auroc(column(p, 2, 1), test.y);
        qInfo("XOR held-out AUROC %.4f", auc);
        QVERIFY(auc > 0.95);
    }

    void multiClassProbabilities() {
        const Data train = sectorData(3000, 21), test = sectorData(1500, 22);
        GradientBoosting gb(fast());
        gb.fit(train.X.data(), train.rows, train.cols, train.y, 3);
        const std::vector<double> p = gb.predictProba(test.X.data(), test.rows, test.cols);
        QCOMPARE(p.size(), test.rows * 3);
        std::size_t correct = 0;
        for (std::size_t i = 0; i < test.rows; ++i) {
            double sum = 0;
            std::size_t arg = 0;
            for (std::size_t k = 0; k < 3; ++k) {
                QVERIFY(p[3 * i + k] >= 0 && p[3 * i + k] <= 1);
                sum += p[3 * i + k];
                if (p[3 * i + k] > p[3 * i + arg]) arg = k;
            }
            QVERIFY(std::abs(sum - 1.0) < 1e-12);
            correct += static_cast<int>(arg) == test.y[i];
        }
        const double acc = static_cast<double>(correct) / test.rows;
        qInfo("3-class held-out accuracy %.4f (chance 0.33-0.5)", acc);
        QVERIFY(acc > 0.9);
        // Balanced weights: the smallest class (60° sector, 1/6 of rows) is still found.
        const double auc0 = dacl::eval::auroc(column(p, 3, 0), [&] {
            std::vector<int> y;
            for (int v : test.y) y.push_back(v == 0);
            return y;
        }());
        QVERIFY(auc0 > 0.97);
    }

    void serialisationRoundTrip() {
        const Data train = sectorData(1000, 31), val = sectorData(400, 32), test = sectorData(300, 33);
        BoostSettings s = fast();
        s.earlyStoppingRounds = 15;
        s.seed = 0x123456789ULL;
        GradientBoosting gb(s);
        gb.fit(train.X.data(), train.rows, train.cols, train.y, 3, val.X.data(), val.rows, &val.y);
        const std::string bytes = gb.toBytes();
        const GradientBoosting back = GradientBoosting::fromBytes(bytes);
        QCOMPARE(back.numClasses(), 3);
        QCOMPARE(back.numFeatures(), train.cols);
        QCOMPARE(back.bestIteration(), gb.bestIteration());
        QCOMPARE(back.roundsTrained(), gb.roundsTrained());
        QCOMPARE(back.settings().seed, s.seed);
        QCOMPARE(back.settings().eta, s.eta);
        QVERIFY(back.predictProba(test.X.data(), test.rows, test.cols) ==
                gb.predictProba(test.X.data(), test.rows, test.cols));
        QVERIFY(back.toBytes() == bytes);

        // Binary too, and a moved-from model's replacement keeps working.
        const Data xtrain = xorData(600, 1, 34), xtest = xorData(200, 1, 35);
        GradientBoosting bin(fast());
        bin.fit(xtrain.X.data(), xtrain.rows, xtrain.cols, xtrain.y, 2);
        GradientBoosting moved = GradientBoosting::fromBytes(bin.toBytes());
        QVERIFY(moved.predictProba(xtest.X.data(), xtest.rows, xtest.cols) ==
                bin.predictProba(xtest.X.data(), xtest.rows, xtest.cols));
    }

    void seedDeterminism() {
        const Data train = xorData(1000, 4, 41), test = xorData(300, 4, 42);
        BoostSettings s = fast();
        s.rounds = 60;
        s.subsample = 0.7;
        s.colsampleByTree = 0.7;
        auto predict = [&](std::uint64_t seed, int threads = 1) {
            BoostSettings t = s;
            t.seed = seed;
            t.threads = threads;
            GradientBoosting gb(t);
            gb.fit(train.X.data(), train.rows, train.cols, train.y, 2);
            return gb.predictProba(test.X.data(), test.rows, test.cols);
        };
        const std::vector<double> a = predict(7), b = predict(7), c = predict(8);
        QVERIFY(a == b);
        QVERIFY(a != c);
        // 64-bit seeds: the high half counts too.
        QVERIFY(predict(7) != predict(7 + (std::uint64_t{1} << 32)));
        // Two threads: still reproducible. (Few rounds: OpenMP threads spin while they wait,
        // which is slow when the cores are shared with other work.)
        s.rounds = 10;
        QVERIFY(predict(9, 2) == predict(9, 2));
    }

    void missingValues() {
        // Feature 0 is NaN exactly for the positives: only the missing-value direction separates.
        dacl::eval::SplitMix64 rng(51);
        const float nan = std::numeric_limits<float>::quiet_NaN();
        Data d;
        d.cols = 2;
        for (std::size_t i = 0; i < 800; ++i) {
            const int y = static_cast<int>(rng.below(2));
            d.X.push_back(y ? nan : static_cast<float>(uniform(rng, -1, 1)));
            d.X.push_back(static_cast<float>(uniform(rng, -1, 1)));
            d.y.push_back(y);
        }
        d.rows = d.y.size();
        BoostSettings s = fast();
        s.rounds = 30;
        s.eta = 0.3;
        GradientBoosting gb(s);
        gb.fit(d.X.data(), d.rows, d.cols, d.y, 2);
        const std::vector<float> rows = {nan, 0.5f, 0.3f, 0.5f, nan, nan};
        const std::vector<double> p = gb.predictProba(rows.data(), 3, 2);
        qInfo("P(1): missing %.4f, present %.4f, all missing %.4f", p[1], p[3], p[5]);
        QVERIFY(p[1] > 0.9);  // missing feature 0 -> positive
        QVERIFY(p[3] < 0.1);  // present -> negative
        QVERIFY(p[5] > 0.9);  // all missing: feature 0's default direction decides

        // NaN scattered over an XOR problem: still learns it.
        Data x = xorData(2000, 2, 52), xt = xorData(800, 2, 53);
        for (std::size_t i = 0; i < x.X.size(); i += 7) x.X[i] = nan;
        GradientBoosting gx(fast());
        gx.fit(x.X.data(), x.rows, x.cols, x.y, 2);
        QVERIFY(dacl::eval::auroc(column(gx.predictProba(xt.X.data(), xt.rows, xt.cols), 2, 1), xt.y) > 0.9);
    }

    void earlyStopping() {
        const Data train = noiseData(600, 8, 61), val = noiseData(400, 8, 62), test = noiseData(100, 8, 63);
        BoostSettings s;
        s.rounds = 300;
        s.maxDepth = 6;
        s.eta = 0.3;
        s.earlyStoppingRounds = 10;
        GradientBoosting gb(s);
        gb.fit(train.X.data(), train.rows, train.cols, train.y, 2, val.X.data(), val.rows, &val.y);
        qInfo("noise labels: best round %d, %d rounds trained of %d", gb.bestIteration(), gb.roundsTrained(), s.rounds);
        QVERIFY(gb.roundsTrained() < s.rounds);
        QCOMPARE(gb.roundsTrained(), gb.bestIteration() + 1 + s.earlyStoppingRounds);

        // Prediction uses the best round: identical to a model trained for exactly that many rounds
        // (the validation predictions in between consume no randomness).
        BoostSettings cut = s;
        cut.rounds = gb.bestIteration() + 1;
        GradientBoosting ref(cut);
        ref.fit(train.X.data(), train.rows, train.cols, train.y, 2);
        QVERIFY(gb.predictProba(test.X.data(), test.rows, test.cols) ==
                ref.predictProba(test.X.data(), test.rows, test.cols));

        // Without a validation set, or with earlyStoppingRounds = 0, all rounds run.
        BoostSettings off = s;
        off.rounds = 40;
        off.earlyStoppingRounds = 0;
        GradientBoosting all(off);
        all.fit(train.X.data(), train.rows, train.cols, train.y, 2, val.X.data(), val.rows, &val.y);
        QCOMPARE(all.roundsTrained(), 40);
        QCOMPARE(all.bestIteration(), 39);
    }

    void invalidArguments() {
        const Data d = xorData(50, 0, 71);
        std::vector<int> y = d.y;
        GradientBoosting gb(fast());
        const float* X = d.X.data();
        QVERIFY(throwsWith<std::logic_error>([&] { gb.predictProba(X, d.rows, d.cols); }, "not fitted"));
        QVERIFY(throwsWith<std::logic_error>([&] { gb.toBytes(); }, "not fitted"));
        QVERIFY(throwsWith<std::invalid_argument>([&] { gb.fit(X, 0, d.cols, {}, 2); }, "no training rows"));
        QVERIFY(throwsWith<std::invalid_argument>([&] { gb.fit(X, d.rows, 0, y, 2); }, "no feature columns"));
        QVERIFY(throwsWith<std::invalid_argument>([&] { gb.fit(X, d.rows - 1, d.cols, y, 2); }, "labels for"));
        QVERIFY(throwsWith<std::invalid_argument>([&] { gb.fit(X, d.rows, d.cols, y, 1); }, "numClasses"));
        y[3] = 2;
        QVERIFY(throwsWith<std::invalid_argument>([&] { gb.fit(X, d.rows, d.cols, y, 2); }, "outside [0, 2)"));
        y[3] = -1;
        QVERIFY(throwsWith<std::invalid_argument>([&] { gb.fit(X, d.rows, d.cols, y, 2); }, "outside [0, 2)"));
        y = d.y;
        QVERIFY(throwsWith<std::invalid_argument>([&] { gb.fit(X, d.rows, d.cols, y, 2, X, d.rows, nullptr); },
                                                  "validation set needs"));
        std::vector<int> badVal(d.rows, 5);
        QVERIFY(throwsWith<std::invalid_argument>([&] { gb.fit(X, d.rows, d.cols, y, 2, X, d.rows, &badVal); },
                                                  "validation set label"));
        QVERIFY(!gb.fitted());  // failed fits leave nothing behind

        gb.fit(X, d.rows, d.cols, y, 2);
        QVERIFY(throwsWith<std::invalid_argument>([&] { gb.predictProba(X, d.rows, d.cols + 1); }, "columns"));
        QVERIFY(gb.predictProba(X, 0, d.cols).empty());

        // An error inside XGBoost: infinite feature values.
        std::vector<float> inf = d.X;
        inf[0] = std::numeric_limits<float>::infinity();
        QVERIFY(throwsWith<std::runtime_error>([&] { gb.fit(inf.data(), d.rows, d.cols, y, 2); }, "contains `inf`"));
        try {
            gb.fit(inf.data(), d.rows, d.cols, y, 2);
        } catch (const std::runtime_error& e) {
            QVERIFY(!QString::fromUtf8(e.what()).contains("Stack trace"));  // XGBoost's trace is cut off
        }
        QVERIFY(gb.fitted());  // the previous fit survives a failed one

        BoostSettings bad = fast();
        bad.subsample = 0;
        QVERIFY(throwsWith<std::invalid_argument>([&] { GradientBoosting g(bad); }, "subsample"));
        bad = fast();
        bad.threads = 0;
        QVERIFY(throwsWith<std::invalid_argument>([&] { GradientBoosting g(bad); }, "threads"));

        QVERIFY(throwsWith<std::invalid_argument>([&] { GradientBoosting::fromBytes("garbage"); }, "not a DACL"));
        std::string bytes = gb.toBytes();
        QVERIFY(throwsWith<std::invalid_argument>([&] { GradientBoosting::fromBytes(bytes.substr(0, 40)); },
                                                  "fromBytes"));
        bytes[bytes.size() - 20] ^= 0x5A;  // damage the XGBoost model itself (XGBoost would load it)
        QVERIFY(throwsWith<std::invalid_argument>([&] { GradientBoosting::fromBytes(bytes); }, "checksum"));
    }
};

QTEST_GUILESS_MAIN(TestGradientBoosting)
#include "test_gradient_boosting.moc"
