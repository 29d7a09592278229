// Local ranks share the cores: with LOCAL_WORLD_SIZE ranks on a machine (set by `dacl launch` and
// torchrun), a thread count left at 0 ("all cores") becomes cores / ranks (at least 1) instead of
// every core in every rank; counts the user set stay.
#include "core/common/thread_share.h"

#include <QtTest>

#include <cstdlib>
#include <thread>

using dacl::Settings;
using dacl::ThreadShare;

class TestThreadShare : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { ::unsetenv("LOCAL_WORLD_SIZE"); }

    void theRanksOnAMachineComeFromTheEnvironment() {
        const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
        ::unsetenv("LOCAL_WORLD_SIZE");
        QCOMPARE(dacl::localThreadShare().localRanks, 1);
        QCOMPARE(dacl::localThreadShare().cores, cores);
        ::setenv("LOCAL_WORLD_SIZE", "2", 1);
        QCOMPARE(dacl::localThreadShare().localRanks, 2);
        for (const char* bad : {"0", "-2", "two", "2x", ""}) {
            ::setenv("LOCAL_WORLD_SIZE", bad, 1);
            QCOMPARE(dacl::localThreadShare().localRanks, 1);
        }
    }

    void eachRankGetsItsShareOfTheCores() {
        QCOMPARE((ThreadShare{2, 2}.perRank()), 1);
        QCOMPARE((ThreadShare{16, 3}.perRank()), 5);
        QCOMPARE((ThreadShare{2, 4}.perRank()), 1);  // more ranks than cores: one thread each
        QCOMPARE((ThreadShare{8, 1}.perRank()), 8);
    }

    void onlyThreadCountsLeftAtAllCoresChange() {
        Settings s;  // threads = 0 (all cores), train.threads = 1
        QCOMPARE(s.getInt("threads"), 0LL);
        const std::string line = dacl::applyThreadShare(s, ThreadShare{16, 4});
        QCOMPARE(s.getInt("threads"), 4LL);
        QCOMPARE(s.getInt("train.threads"), 1LL);
        QCOMPARE(QString::fromStdString(line),
                 QString("each of 4 local rank(s) on 16 cores: 4 feature thread(s), 1 training (intra-op) thread(s)"));

        Settings set;
        set.set("threads=3");
        set.set("train.threads=0");
        dacl::applyThreadShare(set, ThreadShare{16, 4});
        QCOMPARE(set.getInt("threads"), 3LL);
        QCOMPARE(set.getInt("train.threads"), 4LL);
    }
};

QTEST_APPLESS_MAIN(TestThreadShare)
#include "test_thread_share.moc"
