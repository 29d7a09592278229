// The records a run learns from, as the training form and `dacl pipeline --classes/--records/
// --limit` ask for them: on a real demo dataset, a class filter keeps exactly those labels, a
// saved record list exactly those names (a name not in the dataset is an error that names it),
// the limit is a stratified subset that does not change between calls, and a selection too small
// to train on says why. A record list round-trips through its file, and an exported selection CSV
// reads as one.
#include "core/common/error.h"
#include "core/common/progress.h"
#include "core/data/dataset.h"
#include "core/data/record_list.h"
#include "core/pipeline/task_records.h"
#include "core/synth/demo_dataset.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <map>
#include <set>

using namespace dacl;

class TestTaskRecords : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    std::optional<Dataset> dataset_;

    std::vector<std::string> selectedNames(const ml::TaskRecords& t) const {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < t.recordLabel.size(); ++i)
            if (t.recordLabel[i] >= 0) out.push_back(dataset_->records()[i].name);
        return out;
    }
    std::string labelOf(const std::string& name) const {
        for (const auto& r : dataset_->records())
            if (r.name == name) return r.label;
        return {};
    }
    ml::PipelineRequest request() const {
        ml::PipelineRequest r;
        r.dataDir = dataset_->directory();
        r.task = "af_vs_rest";
        return r;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        NullProgress quiet;
        synth::writeDemoDataset(dir_.filePath(QStringLiteral("demo")).toStdString(), 80, 11, quiet);
        dataset_ = Dataset::open(dir_.filePath(QStringLiteral("demo")).toStdString());
        QCOMPARE(dataset_->size(), std::size_t{80});
    }

    void everythingByDefault() {
        const auto t = ml::selectTaskRecords(*dataset_, request(), 1);
        std::size_t labelled = 0;
        for (const auto& r : dataset_->records()) labelled += r.label.empty() ? 0 : 1;
        QCOMPARE(t.count, labelled);
        QCOMPARE(selectedNames(t).size(), t.count);
    }

    void aClassFilterKeepsExactlyThoseLabels() {
        auto req = request();
        req.classes = {"N", "A"};
        const auto t = ml::selectTaskRecords(*dataset_, req, 1);
        std::size_t expected = 0;
        for (const auto& r : dataset_->records()) expected += (r.label == "N" || r.label == "A") ? 1 : 0;
        QCOMPARE(t.count, expected);
        std::set<std::string> labels;
        for (const auto& n : selectedNames(t)) labels.insert(labelOf(n));
        QCOMPARE(labels, (std::set<std::string>{"A", "N"}));
    }

    void aRecordListKeepsExactlyThoseNames() {
        std::vector<std::string> names;
        for (std::size_t i = 0; i < dataset_->size(); i += 3) names.push_back(dataset_->records()[i].name);
        auto req = request();
        req.records = names;
        const auto t = ml::selectTaskRecords(*dataset_, req, 1);
        const auto picked = selectedNames(t);
        QCOMPARE(std::set<std::string>(picked.begin(), picked.end()), std::set<std::string>(names.begin(), names.end()));

        req.records.push_back("NOT_THERE_1");
        try {
            ml::selectTaskRecords(*dataset_, req, 1);
            QFAIL("a name that is not in the dataset was accepted");
        } catch (const std::runtime_error& e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.contains(QStringLiteral("NOT_THERE_1")) && what.contains(QStringLiteral("1 of the")), e.what());
        }
    }

    void theLimitIsAStableStratifiedSubset() {
        auto req = request();
        req.limit = 40;
        const auto a = ml::selectTaskRecords(*dataset_, req, 7);
        const auto b = ml::selectTaskRecords(*dataset_, req, 7);
        QCOMPARE(a.count, std::size_t{40});
        QCOMPARE(selectedNames(a), selectedNames(b));  // a resumed run trains on the same records
        std::map<std::string, int> all, kept;
        for (const auto& r : dataset_->records()) ++all[r.label];
        for (const auto& n : selectedNames(a)) ++kept[labelOf(n)];
        for (const auto& [label, n] : all)  // each class keeps about half its records
            QVERIFY2(std::abs(kept[label] - n / 2.0) <= 1.0, label.c_str());
    }

    void tooFewRecordsSayWhy() {
        auto req = request();
        req.records = {dataset_->records()[0].name, dataset_->records()[1].name};
        try {
            ml::selectTaskRecords(*dataset_, req, 1);
            QFAIL("two records were accepted for training");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("asked for")), e.what());
        }
    }

    void recordListFiles() {
        const std::string path = dir_.filePath(QStringLiteral("list.txt")).toStdString();
        writeRecordList(path, {"A00001", "A00002", "A00001"});
        QCOMPARE(readRecordList(path), (std::vector<std::string>{"A00001", "A00002"}));
        // The embedding view's exported selection: a header, then record,label,… rows.
        const std::string csv = dir_.filePath(QStringLiteral("selection.csv")).toStdString();
        std::ofstream(csv) << "record,label,predicted\nA00007,A,A\r\n\"A00009\",N,A\n\n# note\n";
        QCOMPARE(readRecordList(csv), (std::vector<std::string>{"A00007", "A00009"}));
        const std::string empty = dir_.filePath(QStringLiteral("empty.txt")).toStdString();
        std::ofstream(empty) << "# nothing\n\n";
        QVERIFY_THROWS_EXCEPTION(InputError, readRecordList(empty));
        QVERIFY_THROWS_EXCEPTION(InputError, readRecordList(dir_.filePath(QStringLiteral("missing.txt")).toStdString()));
    }
};

QTEST_MAIN(TestTaskRecords)
#include "test_task_records.moc"
