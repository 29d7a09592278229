// t-SNE (core/embed): the layout keeps well-separated clusters apart, exact and Barnes-Hut agree,
// a seed gives the same output whatever the thread count, perplexity calibration hits its
// entropy, Barnes-Hut forces match the exact ones, and cancel/snapshots/errors behave.
#include "core/embed/affinities.h"
#include "core/embed/knn.h"
#include "core/embed/parallel.h"
#include "core/embed/repulsion.h"
#include "core/embed/tsne.h"
#include "core/eval/random.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace dacl;
using namespace dacl::embed;

namespace {

struct Clusters {
    std::vector<double> x;
    std::vector<int> label;
    std::size_t n = 0, dim = 0;
};

double gauss(eval::SplitMix64& rng) {
    const double u1 = (static_cast<double>(rng.next() >> 11) + 1.0) * 0x1.0p-53;
    const double u2 = static_cast<double>(rng.next() >> 11) * 0x1.0p-53;
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

// `k` unit-variance Gaussian clusters whose centres are `spread` apart per coordinate (random signs).
Clusters makeClusters(std::size_t perCluster, int k, std::size_t dim, double spread, std::uint64_t seed) {
    eval::SplitMix64 rng(seed);
    Clusters c;
    c.n = perCluster * static_cast<std::size_t>(k);
    c.dim = dim;
    std::vector<double> centre(static_cast<std::size_t>(k) * dim);
    for (double& v : centre) v = spread * ((rng.next() & 1) ? 1.0 : -1.0) + gauss(rng);
    for (std::size_t i = 0; i < c.n; ++i) {
        const int l = static_cast<int>(i % static_cast<std::size_t>(k));
        c.label.push_back(l);
        for (std::size_t d = 0; d < dim; ++d) c.x.push_back(centre[static_cast<std::size_t>(l) * dim + d] + gauss(rng));
    }
    return c;
}

// Fraction of each point's k nearest 2-D neighbours that share its label.
double neighbourPurity(const std::vector<double>& xy, const std::vector<int>& label, std::size_t k) {
    const std::size_t n = label.size();
    std::size_t same = 0;
    std::vector<std::pair<double, std::size_t>> d(n);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            const double dx = xy[2 * i] - xy[2 * j], dy = xy[2 * i + 1] - xy[2 * j + 1];
            d[j] = {j == i ? 1e300 : dx * dx + dy * dy, j};
        }
        std::partial_sort(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(k), d.end());
        for (std::size_t q = 0; q < k; ++q) same += label[d[q].second] == label[i];
    }
    return static_cast<double>(same) / static_cast<double>(n * k);
}

// Largest centroid-to-point distance within any cluster vs smallest distance between centroids.
double separationRatio(const std::vector<double>& xy, const std::vector<int>& label, int k) {
    std::vector<double> cx(static_cast<std::size_t>(k), 0.0), cy(cx), cnt(cx);
    for (std::size_t i = 0; i < label.size(); ++i) {
        cx[static_cast<std::size_t>(label[i])] += xy[2 * i];
        cy[static_cast<std::size_t>(label[i])] += xy[2 * i + 1];
        cnt[static_cast<std::size_t>(label[i])] += 1;
    }
    for (int c = 0; c < k; ++c) {
        cx[static_cast<std::size_t>(c)] /= cnt[static_cast<std::size_t>(c)];
        cy[static_cast<std::size_t>(c)] /= cnt[static_cast<std::size_t>(c)];
    }
    double radius = 0, gap = 1e300;
    for (std::size_t i = 0; i < label.size(); ++i) {
        const auto c = static_cast<std::size_t>(label[i]);
        radius = std::max(radius, std::hypot(xy[2 * i] - cx[c], xy[2 * i + 1] - cy[c]));
    }
    for (std::size_t a = 0; a < static_cast<std::size_t>(k); ++a)
        for (std::size_t b = a + 1; b < static_cast<std::size_t>(k); ++b) gap = std::min(gap, std::hypot(cx[a] - cx[b], cy[a] - cy[b]));
    return radius / gap;
}

class CancelAfter : public ProgressSink {
public:
    explicit CancelAfter(std::string stage, std::size_t done) : stage_(std::move(stage)), done_(done) {}
    void report(const std::string& stage, std::size_t done, std::size_t) override {
        if (stage == "t-SNE") lastIteration = done;
        if (stage == stage_ && done >= done_) cancel_ = true;
    }
    bool cancelled() const override { return cancel_; }
    std::size_t lastIteration = 0;

private:
    std::string stage_;
    std::size_t done_;
    bool cancel_ = false;
};

}  // namespace

class TestTsne : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void separatedClustersStaySeparated_data() {
        QTest::addColumn<QString>("method");
        QTest::newRow("exact") << "exact";
        QTest::newRow("bh") << "bh";
    }
    void separatedClustersStaySeparated() {
        QFETCH(QString, method);
        const Clusters c = makeClusters(80, 5, 20, 6.0, 7);
        TsneSettings s;
        s.method = method.toStdString();
        s.iterations = 500;
        s.threads = 2;
        NullProgress none;
        const TsneResult r = tsne(c.x, c.n, c.dim, s, none);
        QCOMPARE(r.method, method.toStdString());
        QCOMPARE(r.xy.size(), 2 * c.n);
        QCOMPARE(r.iterations, 500);
        for (double v : r.xy) QVERIFY(std::isfinite(v));
        QVERIFY2(neighbourPurity(r.xy, c.label, 10) > 0.99, "2-D neighbours mix clusters");
        const double ratio = separationRatio(r.xy, c.label, 5);
        QVERIFY2(ratio < 0.5, qPrintable(QString("cluster radius / centroid gap = %1").arg(ratio)));
        QVERIFY(r.klDivergence > 0 && r.klDivergence < 3);
    }

    // The same data embedded by both methods: each layout scored under the other's P too.
    void exactAndBarnesHutReachSimilarKl() {
        const Clusters c = makeClusters(60, 4, 10, 3.0, 11);
        TsneSettings s;
        s.perplexity = 15;
        s.iterations = 600;
        s.threads = 2;
        NullProgress none;
        s.method = "exact";
        const TsneResult ex = tsne(c.x, c.n, c.dim, s, none);
        s.method = "bh";
        const TsneResult bh = tsne(c.x, c.n, c.dim, s, none);
        QVERIFY2(std::abs(ex.klDivergence - bh.klDivergence) < 0.1 * ex.klDivergence,
                 qPrintable(QString("exact %1, bh %2").arg(ex.klDivergence).arg(bh.klDivergence)));
        s.method = "exact";
        const double bhUnderExactP = tsneKlDivergence(c.x, c.n, c.dim, bh.xy, s, none);
        QVERIFY2(bhUnderExactP < ex.klDivergence * 1.1,
                 qPrintable(QString("bh layout under exact P %1, exact %2").arg(bhUnderExactP).arg(ex.klDivergence)));
        // The reported KL is the KL of the returned layout.
        QVERIFY(std::abs(tsneKlDivergence(c.x, c.n, c.dim, ex.xy, s, none) - ex.klDivergence) < 1e-9);
        s.method = "bh";
        QVERIFY(std::abs(tsneKlDivergence(c.x, c.n, c.dim, bh.xy, s, none) - bh.klDivergence) < 1e-9);
    }

    void sameSeedSameLayoutForAnyThreadCount_data() {
        QTest::addColumn<QString>("method");
        QTest::addColumn<bool>("pcaInit");
        QTest::newRow("bh-random") << "bh" << false;
        QTest::newRow("bh-pca") << "bh" << true;
        QTest::newRow("exact-random") << "exact" << false;
    }
    void sameSeedSameLayoutForAnyThreadCount() {
        QFETCH(QString, method);
        QFETCH(bool, pcaInit);
        const Clusters c = makeClusters(50, 4, 8, 2.0, 3);
        TsneSettings s;
        s.method = method.toStdString();
        s.iterations = 300;
        s.seed = 42;
        s.pcaInit = pcaInit;
        NullProgress none;
        s.threads = 1;
        const TsneResult one = tsne(c.x, c.n, c.dim, s, none);
        const TsneResult oneAgain = tsne(c.x, c.n, c.dim, s, none);
        s.threads = 2;
        const TsneResult two = tsne(c.x, c.n, c.dim, s, none);
        const TsneResult twoAgain = tsne(c.x, c.n, c.dim, s, none);
        QVERIFY(one.xy == oneAgain.xy);
        QVERIFY(two.xy == twoAgain.xy);
        QVERIFY(one.xy == two.xy);  // reductions in a fixed order: the thread count does not matter
        QCOMPARE(one.klDivergence, two.klDivergence);
        if (!pcaInit) {
            s.seed = 43;
            const TsneResult other = tsne(c.x, c.n, c.dim, s, none);
            QVERIFY(other.xy != one.xy);
        }
    }

    void perplexityCalibrationHitsTheEntropy_data() {
        QTest::addColumn<double>("perplexity");
        QTest::newRow("5") << 5.0;
        QTest::newRow("30") << 30.0;
        QTest::newRow("50") << 50.0;
    }
    void perplexityCalibrationHitsTheEntropy() {
        QFETCH(double, perplexity);
        const Clusters c = makeClusters(100, 3, 6, 1.5, 5);
        WorkerPool pool(2);
        NullProgress none;
        const std::size_t k = static_cast<std::size_t>(3 * perplexity + 1);
        const Neighbours nb = exactKnn(c.x.data(), c.n, c.dim, k, pool, none);
        const std::vector<double> p = conditionalAffinities(nb, perplexity, pool);
        for (std::size_t i = 0; i < c.n; ++i) {
            double sum = 0, h = 0;
            for (std::size_t q = 0; q < k; ++q) {
                const double v = p[i * k + q];
                sum += v;
                if (v > 0) h -= v * std::log(v);
            }
            QVERIFY(std::abs(sum - 1) < 1e-12);
            QVERIFY2(std::abs(h - std::log(perplexity)) < 1e-4,
                     qPrintable(QString("row %1: entropy %2, log(perplexity) %3").arg(i).arg(h).arg(std::log(perplexity))));
        }
        // Joint P: symmetric, sums to 1.
        const SparseP P = symmetrise(nb, p);
        double total = 0;
        for (std::size_t i = 0; i < c.n; ++i)
            for (std::size_t q = P.rowStart[i]; q < P.rowStart[i + 1]; ++q) {
                total += P.val[q];
                const auto j = static_cast<std::size_t>(P.col[q]);
                const auto b = P.col.begin() + static_cast<std::ptrdiff_t>(P.rowStart[j]);
                const auto e = P.col.begin() + static_cast<std::ptrdiff_t>(P.rowStart[j + 1]);
                const auto it = std::lower_bound(b, e, static_cast<int>(i));
                QVERIFY(it != e && *it == static_cast<int>(i));
                QCOMPARE(P.val[static_cast<std::size_t>(it - P.col.begin())], P.val[q]);
            }
        QVERIFY(std::abs(total - 1) < 1e-12);
    }

    void nearestNeighboursAreExact() {
        const Clusters c = makeClusters(40, 3, 5, 1.0, 9);
        WorkerPool pool(2);
        NullProgress none;
        const std::size_t k = 7;
        const Neighbours nb = exactKnn(c.x.data(), c.n, c.dim, k, pool, none);
        for (std::size_t i = 0; i < c.n; ++i) {
            std::vector<std::pair<double, int>> all;
            for (std::size_t j = 0; j < c.n; ++j) {
                if (j == i) continue;
                double s = 0;
                for (std::size_t d = 0; d < c.dim; ++d) s += std::pow(c.x[i * c.dim + d] - c.x[j * c.dim + d], 2);
                all.push_back({s, static_cast<int>(j)});
            }
            std::sort(all.begin(), all.end());
            for (std::size_t q = 0; q < k; ++q) {
                QCOMPARE(nb.index[i * k + q], all[q].second);
                QVERIFY(std::abs(nb.dist2[i * k + q] - all[q].first) < 1e-9 * (1 + all[q].first));
            }
        }
    }

    void barnesHutMatchesExactForces() {
        eval::SplitMix64 rng(17);
        const std::size_t n = 3000;
        std::vector<double> y(2 * n);
        for (std::size_t i = 0; i < n; ++i) {  // a few blobs of different sizes, like a layout
            const double cx = 20.0 * static_cast<double>(i % 7), cy = 15.0 * static_cast<double>(i % 3);
            y[2 * i] = cx + (1 + i % 4) * gauss(rng);
            y[2 * i + 1] = cy + (1 + i % 5) * gauss(rng);
        }
        WorkerPool pool(2);
        std::vector<double> exact(2 * n), approx(2 * n);
        const double zExact = exactRepulsion(y.data(), n, pool, exact.data());
        BarnesHut bh(0.5);
        const double zApprox = bh.repulsion(y.data(), n, pool, approx.data());
        QVERIFY2(std::abs(zApprox - zExact) < 1e-2 * zExact, qPrintable(QString("Z %1 vs %2").arg(zApprox).arg(zExact)));
        double err = 0, norm = 0;
        for (std::size_t c = 0; c < 2 * n; ++c) {
            err += (approx[c] - exact[c]) * (approx[c] - exact[c]);
            norm += exact[c] * exact[c];
        }
        QVERIFY2(std::sqrt(err / norm) < 2e-2, qPrintable(QString("relative force error %1").arg(std::sqrt(err / norm))));
        // theta 0 would be exact; a smaller theta is more accurate.
        BarnesHut fine(0.1);
        std::vector<double> better(2 * n);
        const double zFine = fine.repulsion(y.data(), n, pool, better.data());
        QVERIFY(std::abs(zFine - zExact) < std::abs(zApprox - zExact) + 1e-9 * zExact);
    }

    void snapshotsDuringOptimisation() {
        const Clusters c = makeClusters(40, 3, 6, 3.0, 21);
        TsneSettings s;
        s.method = "bh";
        s.iterations = 330;
        s.snapshotEvery = 50;
        NullProgress none;
        std::vector<int> seen;
        std::vector<double> kls, last;
        const TsneResult r = tsne(c.x, c.n, c.dim, s, none, [&](int it, const std::vector<double>& xy, double kl) {
            seen.push_back(it);
            kls.push_back(kl);
            last = xy;
        });
        QCOMPARE(seen, (std::vector<int>{50, 100, 150, 200, 250, 300, 330}));
        QVERIFY(last == r.xy);  // the final snapshot is the result
        // After the exaggeration phase the KL divergence keeps falling.
        QVERIFY2(kls.back() < kls[5], qPrintable(QString("KL %1 -> %2").arg(kls[5]).arg(kls.back())));
        QVERIFY(std::abs(kls.back() - r.klDivergence) < 0.05);
    }

    // A paused run continues from its layout and iteration (the GUI's pause/resume).
    void resumeContinuesFromALayout() {
        const Clusters c = makeClusters(60, 3, 8, 3.0, 13);
        TsneSettings s;
        s.method = "bh";
        s.iterations = 400;
        s.snapshotEvery = 100;
        NullProgress none;
        const TsneResult full = tsne(c.x, c.n, c.dim, s, none);
        s.iterations = 400;
        CancelAfter stop("t-SNE", 150);
        std::vector<double> paused;
        int pausedAt = 0;
        QVERIFY_THROWS_EXCEPTION(Cancelled, tsne(c.x, c.n, c.dim, s, stop, [&](int it, const std::vector<double>& xy, double) {
            paused = xy;
            pausedAt = it;
        }));
        QCOMPARE(pausedAt, 100);
        s.initialXy = paused;
        s.startIteration = pausedAt;
        std::vector<int> seen;
        const TsneResult resumed = tsne(c.x, c.n, c.dim, s, none, [&](int it, const std::vector<double>&, double) { seen.push_back(it); });
        QCOMPARE(seen, (std::vector<int>{200, 300, 400}));
        QCOMPARE(resumed.iterations, 400);
        QVERIFY2(std::abs(resumed.klDivergence - full.klDivergence) < 0.1 * full.klDivergence,
                 qPrintable(QString("resumed KL %1, uninterrupted %2").arg(resumed.klDivergence).arg(full.klDivergence)));
        QVERIFY(neighbourPurity(resumed.xy, c.label, 10) > 0.99);
        s.startIteration = 400;  // nothing left to do is a caller error
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tsne(c.x, c.n, c.dim, s, none));
        s.startIteration = 0;
        s.initialXy.pop_back();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tsne(c.x, c.n, c.dim, s, none));
    }

    void cancelStopsTheRun_data() {
        QTest::addColumn<QString>("stage");
        QTest::newRow("iterations") << "t-SNE";
        QTest::newRow("neighbours") << "nearest neighbours";
    }
    void cancelStopsTheRun() {
        QFETCH(QString, stage);
        const Clusters c = makeClusters(300, 3, 10, 2.0, 1);
        TsneSettings s;
        s.method = "bh";
        s.iterations = 100000;  // would take minutes
        CancelAfter cancel(stage.toStdString(), 0);
        QVERIFY_THROWS_EXCEPTION(Cancelled, tsne(c.x, c.n, c.dim, s, cancel));
        QVERIFY(cancel.lastIteration <= 20);
    }

    void badInputIsRejected() {
        const Clusters c = makeClusters(10, 2, 3, 2.0, 1);
        NullProgress none;
        TsneSettings s;
        s.perplexity = 20;  // >= n
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tsne(c.x, c.n, c.dim, s, none));
        s.perplexity = 5;
        s.method = "umap";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tsne(c.x, c.n, c.dim, s, none));
        s.method = "auto";
        std::vector<double> bad = c.x;
        bad[7] = std::nan("");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tsne(bad, c.n, c.dim, s, none));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tsne(c.x, c.n + 1, c.dim, s, none));
        QCOMPARE(resolveTsneMethod("auto", 1000), std::string("exact"));
        QCOMPARE(resolveTsneMethod("auto", 1001), std::string("bh"));
    }

    // Duplicated points (zero distances) and a tiny input still give finite layouts.
    void degenerateInputs() {
        NullProgress none;
        TsneSettings s;
        s.perplexity = 3;
        s.iterations = 200;
        std::vector<double> dup(30 * 4, 1.0);
        for (std::size_t i = 15; i < 30; ++i) dup[i * 4] = 5.0;
        for (const char* m : {"exact", "bh"}) {
            s.method = m;
            const TsneResult r = tsne(dup, 30, 4, s, none);
            for (double v : r.xy) QVERIFY(std::isfinite(v));
            QVERIFY(std::isfinite(r.klDivergence));
        }
        s.perplexity = 1;
        const std::vector<double> two{0.0, 1.0};
        const TsneResult r = tsne(two, 2, 1, s, none);
        QVERIFY(std::isfinite(r.xy[0]) && std::isfinite(r.xy[3]));
    }
};

QTEST_APPLESS_MAIN(TestTsne)
#include "test_tsne.moc"
