// The embedding map's t-SNE control, apart from the widget: a real t-SNE and PCA of two separated
// clouds on the controller's worker thread, with the snapshots, pause, resume and cancel the
// embedding view relies on.
#include "ui/views/embedding_layout_controller.h"

#include <QtTest>

#include <QSignalSpy>

#include <cmath>
#include <random>

using dacl::ui::EmbeddingLayoutController;
using dacl::ui::EmbeddingLayoutUpdate;

namespace {

constexpr std::size_t kPoints = 120, kDims = 8;

// Two clouds 10 standard deviations apart in every dimension.
std::vector<double> twoClouds() {
    std::mt19937 rng(7);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::vector<double> v(kPoints * kDims);
    for (std::size_t i = 0; i < kPoints; ++i)
        for (std::size_t d = 0; d < kDims; ++d) v[i * kDims + d] = noise(rng) + (i < kPoints / 2 ? 0.0 : 10.0);
    return v;
}

dacl::embed::TsneSettings settings(int iterations) {
    dacl::embed::TsneSettings s;
    s.perplexity = 20;
    s.iterations = iterations;
    s.snapshotEvery = 5;
    s.threads = 1;
    return s;
}

// Mean distance between the clouds' centres over the mean spread within them, in the layout.
double separation(const std::vector<double>& xy) {
    double c[2][2] = {{0, 0}, {0, 0}};
    const std::size_t half = kPoints / 2;
    for (std::size_t i = 0; i < kPoints; ++i)
        for (int a = 0; a < 2; ++a) c[i < half ? 0 : 1][a] += xy[2 * i + a] / half;
    double spread = 0;
    for (std::size_t i = 0; i < kPoints; ++i) {
        const double* m = c[i < half ? 0 : 1];
        spread += std::hypot(xy[2 * i] - m[0], xy[2 * i + 1] - m[1]) / kPoints;
    }
    return std::hypot(c[0][0] - c[1][0], c[0][1] - c[1][1]) / spread;
}

}  // namespace

class TestEmbeddingLayoutController : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tsneSendsSnapshotsThenTheSeparatedLayout() {
        EmbeddingLayoutController c;
        QSignalSpy snapshots(&c, &EmbeddingLayoutController::snapshot);
        QSignalSpy finished(&c, &EmbeddingLayoutController::finished);
        c.start(true, twoClouds(), kPoints, kDims, settings(300));
        QVERIFY(c.isRunning());
        QVERIFY(finished.wait(60000));
        QVERIFY(!c.isRunning());
        QVERIFY(snapshots.count() >= 1);
        int last = 0;
        for (const auto& args : snapshots) {  // iterations only move forward
            const auto u = args.at(0).value<EmbeddingLayoutUpdate>();
            QCOMPARE(u.xy.size(), 2 * kPoints);
            QVERIFY(u.iteration > last);
            last = u.iteration;
        }
        const auto end = finished.at(0).at(0).value<EmbeddingLayoutUpdate>();
        QVERIFY(finished.at(0).at(1).toString().isEmpty());
        QVERIFY(!finished.at(0).at(2).toBool());
        QCOMPARE(end.iteration, 300);
        QVERIFY(std::isfinite(end.kl));
        QVERIFY2(separation(end.xy) > 3, qPrintable(QString::number(separation(end.xy))));
    }

    void pauseStopsEarlyAndResumeContinuesFromThere() {
        EmbeddingLayoutController c;
        QSignalSpy snapshots(&c, &EmbeddingLayoutController::snapshot);
        QSignalSpy finished(&c, &EmbeddingLayoutController::finished);
        c.start(true, twoClouds(), kPoints, kDims, settings(5000));
        QVERIFY(snapshots.wait(60000));
        c.pause();
        QVERIFY(finished.wait(60000));
        QVERIFY(finished.at(0).at(2).toBool());  // cancelled: the paused layout stays usable
        const auto paused = finished.at(0).at(0).value<EmbeddingLayoutUpdate>();
        QCOMPARE(paused.xy.size(), 2 * kPoints);
        QVERIFY(paused.iteration > 0 && paused.iteration < 5000);

        auto s = settings(paused.iteration + 50);
        s.initialXy = paused.xy;
        s.startIteration = paused.iteration;
        snapshots.clear();
        c.start(true, twoClouds(), kPoints, kDims, s);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.count(), 2);
        QVERIFY(snapshots.count() >= 1);
        QVERIFY(snapshots.at(0).at(0).value<EmbeddingLayoutUpdate>().iteration > paused.iteration);
        QCOMPARE(finished.at(1).at(0).value<EmbeddingLayoutUpdate>().iteration, paused.iteration + 50);
    }

    void cancelledComputationReportsNothing() {
        EmbeddingLayoutController c;
        QSignalSpy finished(&c, &EmbeddingLayoutController::finished);
        c.start(true, twoClouds(), kPoints, kDims, settings(5000));
        c.cancel(true);
        QVERIFY(!c.isRunning());
        QTest::qWait(200);  // queued snapshots or the end of the cancelled job would arrive here
        QCOMPARE(finished.count(), 0);

        // A new start replaces a running one: only the second reports.
        c.start(true, twoClouds(), kPoints, kDims, settings(5000));
        c.start(false, twoClouds(), kPoints, kDims, settings(0));
        QVERIFY(finished.wait(60000));
        QTest::qWait(200);
        QCOMPARE(finished.count(), 1);
        QVERIFY(!finished.at(0).at(0).value<EmbeddingLayoutUpdate>().pcaText.isEmpty());
    }

    void pcaSeparatesTheCloudsOnItsFirstAxis() {
        EmbeddingLayoutController c;
        QSignalSpy finished(&c, &EmbeddingLayoutController::finished);
        c.start(false, twoClouds(), kPoints, kDims, settings(0));
        QVERIFY(finished.wait(60000));
        const auto end = finished.at(0).at(0).value<EmbeddingLayoutUpdate>();
        QVERIFY(separation(end.xy) > 3);
        QVERIFY2(end.pcaText.contains(QStringLiteral("PC 1")), qPrintable(end.pcaText));
    }
};

QTEST_MAIN(TestEmbeddingLayoutController)
#include "test_embedding_layout_controller.moc"
