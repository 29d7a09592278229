// What the job machinery tells the user besides the work itself: the remaining time of a stage
// from a smoothed rate, reports coalesced so that a chatty core loop cannot flood the GUI
// thread, and the event-loop probe that notices a blocked GUI thread.
#include "ui/jobs/eta_estimator.h"
#include "ui/jobs/latency_probe.h"
#include "ui/jobs/qt_progress.h"
#include "ui/views/training_view.h"

#include <QSignalSpy>
#include <QThread>
#include <QtTest>

#include <chrono>
#include <thread>

using dacl::ui::EtaEstimator;

class TestJobProgress : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void etaFollowsASteadyRate() {
        EtaEstimator eta;
        eta.update(0, 100, 0.0);
        QCOMPARE(eta.etaSeconds(), -1.0);  // one point: no rate yet
        for (int i = 1; i <= 40; ++i) eta.update(i, 100, i * 0.5);  // 2 items per second
        QCOMPARE(eta.rate(), 2.0);
        QCOMPARE(eta.etaSeconds(), 30.0);  // 60 left at 2/s
    }

    void etaSmoothsABurst() {
        EtaEstimator eta(3.0);
        for (int i = 0; i <= 20; ++i) eta.update(i, 1000, i * 1.0);  // 1 item/s
        eta.update(40, 1000, 20.1);  // 20 items in 0.1 s (e.g. cached records)
        // An unsmoothed estimate would jump to 200 items/s; the average moves only part way.
        QVERIFY(eta.rate() > 1.0);
        QVERIFY(eta.rate() < 20.0);
    }

    void etaRestartsWithANewStage() {
        EtaEstimator eta;
        for (int i = 0; i <= 10; ++i) eta.update(i, 10, i * 1.0);
        QCOMPARE(eta.etaSeconds(), 0.0);
        eta.update(0, 50, 11.0);  // another total: a new stage, rate unknown again
        QCOMPARE(eta.etaSeconds(), -1.0);
        eta.update(5, 50, 12.0);
        QCOMPARE(eta.etaSeconds(), 9.0);  // 45 left at 5/s
        eta.update(2, 50, 13.0);  // done went back (next fold): new stage
        QCOMPARE(eta.etaSeconds(), -1.0);
    }

    void durationsReadLikeClocks() {
        using dacl::ui::TrainingView;
        QCOMPARE(TrainingView::formatDuration(-1), QString());
        QCOMPARE(TrainingView::formatDuration(42.4), QStringLiteral("42 s"));
        QCOMPARE(TrainingView::formatDuration(65), QStringLiteral("1 min 05 s"));
        QCOMPARE(TrainingView::formatDuration(2 * 3600 + 3 * 60 + 7), QStringLiteral("2 h 03 min"));
    }

    void chattyReportsAreCoalesced() {
        // A worker reporting 100000 times in a tight loop (the trainer reports every batch).
        dacl::ui::QtProgress sink;
        QSignalSpy spy(&sink, &dacl::ui::QtProgress::progressed);
        std::thread worker([&] {
            for (int i = 1; i <= 100000; ++i) sink.report("epoch 1/1", static_cast<std::size_t>(i), 100000);
            sink.report("probe", 0, 1);  // a new stage always gets through
        });
        worker.join();
        QTRY_VERIFY(!spy.isEmpty() && spy.last().at(0).toString() == QStringLiteral("probe"));
        QVERIFY2(spy.size() < 1000, qPrintable(QString::number(spy.size())));
        // The last step of the stage was not dropped.
        bool sawEnd = false;
        for (const auto& args : spy) sawEnd |= args.at(0).toString() == QStringLiteral("epoch 1/1") && args.at(1).toLongLong() == 100000;
        QVERIFY(sawEnd);
    }

    // What the probe reports, not how fast this machine is: a block of 150 ms on the GUI thread
    // must show as a stall of the app's own of at least that much (minus one tick), whatever else
    // the machine does. How long the GUI thread stalls during a real job is measured by
    // `dacl-studio --screenshot-tour` (its responsiveness line), not asserted here.
    void probeSeesABlockedEventLoop() {
        dacl::ui::LatencyProbe probe;
        probe.start();
        QTest::qWait(200);
        QThread::msleep(150);  // the GUI thread blocks (a slow call on the GUI thread)
        QTest::qWait(50);
        probe.stop();
        QVERIFY2(probe.maxStallMs() >= 130, qPrintable(probe.summary()));
        // Busy on the GUI thread is the app's own stall, not waiting for a CPU.
        QVERIFY2(probe.maxOwnStallMs() >= 100, qPrintable(probe.summary()));
        QVERIFY(probe.ticks() > 10);
        long long inHistogram = 0;
        for (long long n : probe.histogram()) inHistogram += n;
        QCOMPARE(inHistogram, probe.ticks());
        long long slow = 0;  // ticks in the bins from 100 ms up
        for (int i = 0; i < probe.histogram().size(); ++i)
            if (dacl::ui::LatencyProbe::binEdgesMs()[i] >= 100) slow += probe.histogram()[i];
        QVERIFY2(slow >= 1, qPrintable(probe.summary()));
    }
};

QTEST_MAIN(TestJobProgress)
#include "test_job_progress.moc"
