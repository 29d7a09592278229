// Folds and the final model train on worker threads: every task runs exactly once, the first
// failure reaches the caller (not the "cancelled" it triggers in the other workers), and a user's
// cancellation stops the work.
#include "core/common/task_pool.h"

#include <QtTest>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

using namespace dacl;

namespace {

class FlagProgress : public ProgressSink {
public:
    void report(const std::string&, std::size_t, std::size_t) override {}
    bool cancelled() const override { return cancel; }
    std::atomic<bool> cancel{false};
};

}  // namespace

class TestTaskPool : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyTaskRunsOnce() {
        for (int workers : {1, 2, 5}) {
            FlagProgress inner;
            SharedProgress progress(inner);
            std::vector<std::atomic<int>> runs(9);
            std::vector<std::function<void()>> tasks;
            for (std::size_t i = 0; i < runs.size(); ++i) tasks.push_back([&runs, i] { ++runs[i]; });
            runTasks(tasks, workers, progress);
            for (const auto& r : runs) QCOMPARE(r.load(), 1);
        }
    }

    void workersRunAtOnce() {
        // Two tasks that each wait for the other can only finish when they run concurrently.
        FlagProgress inner;
        SharedProgress progress(inner);
        std::atomic<int> arrived{0};
        auto meet = [&] {
            ++arrived;
            const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
            while (arrived < 2 && std::chrono::steady_clock::now() < until) std::this_thread::yield();
            if (arrived < 2) throw std::runtime_error("the other task never ran alongside");
        };
        runTasks({meet, meet}, 2, progress);
        QCOMPARE(arrived.load(), 2);
    }

    void firstFailureReachesTheCallerAndStopsTheOthers() {
        FlagProgress inner;
        SharedProgress progress(inner);
        std::atomic<int> started{0};
        std::vector<std::function<void()>> tasks;
        tasks.push_back([] { throw std::runtime_error("fold 1: disk full"); });
        // A long task polls for cancellation like the training loops do.
        tasks.push_back([&] {
            ++started;
            const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
            while (std::chrono::steady_clock::now() < until) {
                if (progress.cancelled()) throw Cancelled();
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
        });
        for (int i = 0; i < 5; ++i) tasks.push_back([&] { ++started; });
        try {
            runTasks(tasks, 2, progress);
            QFAIL("no exception");
        } catch (const std::runtime_error& e) {
            QCOMPARE(QString(e.what()), QString("fold 1: disk full"));
        }
        QVERIFY(progress.cancelled());
        QVERIFY2(started.load() <= 2, "tasks after the failure must not start");
    }

    void userCancellationStops() {
        FlagProgress inner;
        SharedProgress progress(inner);
        std::atomic<int> ran{0};
        std::vector<std::function<void()>> tasks;
        for (int i = 0; i < 6; ++i)
            tasks.push_back([&] {
                if (++ran == 2) inner.cancel = true;
            });
        QVERIFY_THROWS_EXCEPTION(Cancelled, runTasks(tasks, 1, progress));
        QVERIFY(ran.load() < 6);
    }
};

QTEST_APPLESS_MAIN(TestTaskPool)
#include "test_task_pool.moc"
