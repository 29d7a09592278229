// The features of a distributed run: two ranks (threads of this process, over loopback) each
// compute half of the records and exchange them, and both hold exactly the table one process
// computes (every float, record index, start and grid flag), also when a rank has no record.
// With a cache folder, rank 0 writes the entry a single process would write, and a second run of
// the ranks loads it instead of computing; one process then loads the ranks' entry too.
#include "core/common/settings.h"
#include "core/data/dataset.h"
#include "core/ml/distributed.h"
#include "core/pipeline/sharded_features.h"
#include "core/synth/demo_dataset.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

#include <filesystem>
#include <mutex>
#include <thread>

using namespace dacl;
using namespace dacl::ml;

namespace {

// Remembers the log lines (to tell a cache load from a computation).
class LogLines : public ProgressSink {
public:
    void report(const std::string&, std::size_t, std::size_t) override {}
    void log(const std::string& line) override {
        std::lock_guard<std::mutex> guard(mutex_);
        lines_.push_back(line);
    }
    bool has(const std::string& part) const {
        for (const auto& l : lines_)
            if (l.find(part) != std::string::npos) return true;
        return false;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
};

bool sameRows(const RowView& a, const RowView& b) {
    if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
    for (std::size_t r = 0; r < a.rows(); ++r)
        if (!std::equal(a.row(r), a.row(r) + a.cols(), b.row(r))) return false;
    return true;
}

bool sameTable(const WindowTable& a, const WindowTable& b) {
    return sameRows(a.features, b.features) && a.record == b.record && a.startS == b.startS && a.eval == b.eval;
}

}  // namespace

class TestShardedFeatures : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    std::string data_;
    Settings settings_;

    // Both ranks' tables (and logs), or the errors.
    std::vector<WindowTable> onTwoRanks(const std::vector<std::size_t>& records, const std::string& cache,
                                        std::vector<LogLines>& logs) {
        const Dataset dataset = Dataset::open(data_);
        std::vector<WindowTable> tables(2);
        std::vector<std::string> errors(2);
        const int port = freeLoopbackPort();
        std::vector<std::thread> ranks;
        for (int r = 0; r < 2; ++r)
            ranks.emplace_back([&, r] {
                try {
                    DistributedSettings s;
                    s.masterPort = port;
                    s.worldSize = 2;
                    s.rank = r;
                    s.timeoutSeconds = 60;
                    DistributedGroup group(s);
                    tables[static_cast<std::size_t>(r)] =
                        computeWindowTableOnRanks(group, dataset, records, settings_, logs[static_cast<std::size_t>(r)], cache);
                } catch (const std::exception& e) {
                    errors[static_cast<std::size_t>(r)] = e.what();
                }
            });
        for (auto& t : ranks) t.join();
        if (!errors[0].empty() || !errors[1].empty()) throw std::runtime_error(errors[0] + " | " + errors[1]);
        return tables;
    }

private Q_SLOTS:
    void initTestCase() {
        if (!distributedAvailable()) QSKIP("built without libgloo-dev: no distributed training");
        QVERIFY(dir_.isValid());
        data_ = dir_.filePath("data").toStdString();
        NullProgress quiet;
        synth::writeDemoDataset(data_, 7, synth::kDefaultDemoSeed, quiet);
        settings_.set("threads=1");
    }

    void twoRanksComputeTheTableOneProcessComputes() {
        const Dataset dataset = Dataset::open(data_);
        // Records 0, 2, 3, 5, 6: rank 0 computes 0, 3, 6 and rank 1 computes 2, 5.
        const std::vector<std::size_t> records{0, 2, 3, 5, 6};
        NullProgress quiet;
        const WindowTable one = computeWindowTable(dataset, records, settings_, quiet, "");
        QVERIFY(one.features.rows() >= records.size());
        std::vector<LogLines> logs(2);
        const auto ranks = onTwoRanks(records, "", logs);
        QVERIFY(sameTable(ranks[0], one));
        QVERIFY(sameTable(ranks[1], one));
        QVERIFY(logs[0].has("this rank computes 3 of 5 records"));
        QVERIFY(logs[1].has("this rank computes 2 of 5 records"));

        // One record: rank 1 has none (and must not take an empty list for "every record").
        const WindowTable single = computeWindowTable(dataset, {4}, settings_, quiet, "");
        std::vector<LogLines> fewer(2);
        const auto shared = onTwoRanks({4}, "", fewer);
        QVERIFY(fewer[1].has("this rank computes 0 of 1 records"));
        QVERIFY(sameTable(shared[0], single));
        QVERIFY(sameTable(shared[1], single));
    }

    void theRanksWriteAndReadTheCacheOneProcessUses() {
        const Dataset dataset = Dataset::open(data_);
        const std::string cache = dir_.filePath("cache").toStdString();
        const std::vector<std::size_t> all{0, 1, 2, 3, 4, 5, 6};
        std::vector<LogLines> first(2), second(2);
        const auto computed = onTwoRanks(all, cache, first);
        QVERIFY(first[0].has("this rank computes 4 of 7 records"));
        const auto entries = std::distance(std::filesystem::directory_iterator(cache), std::filesystem::directory_iterator());
        QCOMPARE(entries, std::ptrdiff_t{1});  // rank 1 saw rank 0's file and wrote none of its own
        const auto loaded = onTwoRanks(all, cache, second);
        QVERIFY(second[0].has("features loaded from cache"));
        QVERIFY(second[1].has("features loaded from cache"));
        QVERIFY(!second[0].has("this rank computes"));
        QVERIFY(sameTable(loaded[0], computed[0]));
        QVERIFY(sameTable(loaded[1], computed[0]));
        LogLines alone;
        const WindowTable one = computeWindowTable(dataset, all, settings_, alone, cache);
        QVERIFY(alone.has("features loaded from cache"));
        QVERIFY(sameTable(one, computed[0]));
    }
};

QTEST_APPLESS_MAIN(TestShardedFeatures)
#include "test_sharded_features.moc"
