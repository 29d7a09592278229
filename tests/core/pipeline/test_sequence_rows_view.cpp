// What the sequence models read from a fold's rows, read in place through a view of the mapped
// feature table (real PhysioNet 2017 records, repr = sequence): channel statistics, sequences,
// pooled frames, RR features and the VAE's frame sample are bit for bit those of a copy of the
// same rows, as the pipeline computed them before folds stopped copying the table.
#include "core/common/settings.h"
#include "core/data/dataset.h"
#include "core/pipeline/fold_runner.h"
#include "core/pipeline/sequence_rows.h"
#include "core/pipeline/window_table.h"

#include <QtTest>

#include <QTemporaryDir>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

using namespace dacl;
using namespace dacl::ml;
namespace fs = std::filesystem;

namespace {

bool sameFloats(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;  // NaN too
}

}  // namespace

class TestSequenceRowsView : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    std::optional<Dataset> dataset_;
    std::optional<WindowTable> table_;
    std::vector<std::size_t> picked_;  // rows in descending order (folds ask in ascending order): catches order slips

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        const std::string data = tmp_.filePath("data").toStdString();
        fs::create_directories(data);
        std::ofstream reference(data + "/REFERENCE.csv");
        for (const char* r : {"A00001", "A00004", "A00005", "A00008", "A00009"}) {
            for (const char* ext : {".hea", ".mat"})
                fs::copy_file(std::string(DACL_SHARED_DIR) + "/data/physionet2017/" + r + ext, data + "/" + r + ext);
            reference << r << ",N\n";
        }
        reference.close();
        dataset_.emplace(Dataset::open(data));
        NullProgress quiet;
        const std::string cache = tmp_.filePath("cache").toStdString();
        computeWindowTable(*dataset_, {0, 1, 2, 3, 4}, Settings(), quiet, cache);  // computes and writes
        WindowTable loaded = computeWindowTable(*dataset_, {0, 1, 2, 3, 4}, Settings(), quiet, cache);
        table_.emplace(loaded);  // a copy shares the mapping
        loaded = WindowTable();
        QVERIFY(table_->storage != nullptr);
        QVERIFY(table_->features.rows() >= 5);
        for (std::size_t r = table_->features.rows(); r-- > 0;)
            if (r % 2 == 0 || r == 1) picked_.push_back(r);
    }

    void readsInPlaceGiveTheCopysNumbers() {
        const RowView view = table_->features.select(picked_);
        const Matrix copy = view.toMatrix();
        QCOMPARE(view.rows(), copy.rows);
        QCOMPARE(sequenceChannels(view, true), sequenceChannels(copy, true));
        const int C = sequenceChannels(view, true);

        const ChannelStats a = channelStats(view, C), b = channelStats(copy, C);
        QVERIFY(sameFloats(a.mean, b.mean) && sameFloats(a.invStd, b.invStd));
        const ChannelStats ra = channelStats(view, 2, C - 2), rb = channelStats(copy, 2, C - 2);
        QVERIFY(sameFloats(ra.mean, rb.mean) && sameFloats(ra.invStd, rb.invStd));

        const SequenceSet sa = toSequences(view, C, &a), sb = toSequences(copy, C, &b);
        QVERIFY(sameFloats(sa.values, sb.values));
        QVERIFY(sa.valid == sb.valid);
        QVERIFY(sameFloats(pooledFrames(view, C).data, pooledFrames(copy, C).data));
        QVERIFY(sameFloats(rhythmFeatureRows(view, 24).data, rhythmFeatureRows(copy, 24).data));
        QVERIFY(sameFloats(validFrames(view, C - 2, 500, 7).data, validFrames(copy, C - 2, 500, 7).data));
        QVERIFY(sameFloats(validFrames(view, C - 2, 0, 7).data, validFrames(copy, C - 2, 0, 7).data));
    }

    // The rows are the mapped file's, not a copy of them, and the fold helper finds each
    // record's rhythm features (20 RR, 4 atrial) in place.
    void theTableIsTheMappedCache() {
        const auto base = reinterpret_cast<std::uintptr_t>(table_->features.row(0));
        QCOMPARE(base % 4096, std::uintptr_t{0});
        const std::vector<int> records = {4, 0, 2};
        const Matrix rr = recordRhythmFeatures(*table_, records, 24);
        QCOMPARE(rr.cols, std::size_t{24});
        for (std::size_t i = 0; i < records.size(); ++i) {
            const std::vector<std::size_t> rows = table_->rowsOf({records[i]}, false);
            QVERIFY(!rows.empty());
            const Matrix first = rhythmFeatureRows(table_->features.select({rows.front()}), 24);
            QVERIFY(std::memcmp(first.row(0), rr.row(i), rr.cols * sizeof(float)) == 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestSequenceRowsView)
#include "test_sequence_rows_view.moc"
