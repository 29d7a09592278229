// A challenge4 run (N, A, O, ~) on demo records: the final model keeps the class weights fitted
// on its validation records, RunModel decides every record's class with them (largest probability
// x weight), and the cross-validation predictions stored in the results file were decided with
// their fold's weights, which the fold results report beside the plain arg-max's score. The
// assessment of a recording says how the class is decided, with the weights.
#include "core/assess/run_choice.h"
#include "core/data/dataset.h"
#include "core/data/signal_reader.h"
#include "core/data/wfdb_header.h"
#include "core/pipeline/class_decision.h"
#include "core/pipeline/run_model.h"
#include "core/store/results_store.h"
#include "common/tiny_run.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>

using namespace dacl;
using dacl::ml::RunModel;

class TestRunModelChallenge : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    testing::TinyRun run_;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        run_ = testing::makeTinyRun(dir_.path(), 24, "challenge4");
    }

    void finalModelDecidesWithItsValidationWeights() {
        const RunModel model = RunModel::load(run_.dbPath.toStdString(), run_.runId);
        QCOMPARE(model.numClasses(), 4);
        const std::vector<double>& w = model.classWeights();
        QCOMPARE(w.size(), std::size_t(4));
        QCOMPARE(w[0], 1.0);
        for (double v : w) QVERIFY(v >= 1.0 / 16 && v <= 4);
        const Dataset data = Dataset::open(run_.dataDir.toStdString());
        for (std::size_t i = 0; i < data.size(); ++i) {
            const ml::RecordPrediction p = model.predict(readRecording(parseHeader(data.records()[i].headerPath)), 0);
            QCOMPARE(p.classMean.size(), std::size_t(4));
            QCOMPARE(p.predicted, ml::weightedArgMax(p.classMean, w));
        }
    }

    void assessmentNamesTheWeights() {
        const std::string file = run_.dbPath.toStdString();
        const assess::RunFacts f = assess::runFacts(file, assess::chooseRun(file, run_.runId, "challenge4"));
        QVERIFY(!std::isfinite(f.threshold));
        QVERIFY2(f.thresholdHow.find("x its weight") != std::string::npos && f.thresholdHow.find("N 1.00, A ") != std::string::npos,
                 f.thresholdHow.c_str());
    }

    void storedPredictionsFollowTheFoldWeights() {
        store::ResultsStore db(run_.dbPath.toStdString());
        std::map<std::string, double> fold;
        for (const auto& r : db.foldResults(run_.runId))
            if (r.fold == 0) fold[r.name] = r.value;
        QVERIFY(fold.count("f1_challenge") && fold.count("f1_challenge_argmax"));
        const std::vector<double> w = {fold.at("class_weight_N"), fold.at("class_weight_A"), fold.at("class_weight_O"),
                                       fold.at("class_weight_noisy")};
        const auto predictions = db.predictions(run_.runId);
        QVERIFY(!predictions.empty());
        for (const auto& p : predictions) {
            QCOMPARE(p.probabilities.size(), std::size_t(4));
            QCOMPARE(p.predicted.value_or(-1), ml::weightedArgMax(p.probabilities.data(), 4, w));
        }
    }
};

QTEST_GUILESS_MAIN(TestRunModelChallenge)
#include "test_run_model_challenge.moc"
