// RunModel loads the final model of a real (tiny) pipeline run and reproduces what the pipeline
// computed: the same window features as the feature job, record scores that give back the
// validation threshold the pipeline stored, a VAE that reconstructs, the run's noise schedule,
// and plain errors for runs it cannot load.
#include "core/data/signal_reader.h"
#include "core/data/wfdb_header.h"
#include "core/eval/folds.h"
#include "core/eval/metrics.h"
#include "core/eval/tasks.h"
#include "core/pipeline/model_settings.h"
#include "core/pipeline/run_model.h"
#include "core/pipeline/window_table.h"
#include "core/store/metric_names.h"
#include "core/store/results_store.h"
#include "core/ml/final_model_threshold.h"
#include "common/tiny_run.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <numeric>

using namespace dacl;
using dacl::ml::RunModel;

namespace {

Recording readRecord(const Dataset& d, std::size_t i) { return readRecording(parseHeader(d.records()[i].headerPath)); }

double mse(const ml::Matrix& a, const ml::Matrix& b) {
    double s = 0;
    for (std::size_t i = 0; i < a.data.size(); ++i) s += (a.data[i] - b.data[i]) * (a.data[i] - b.data[i]);
    return s / static_cast<double>(a.data.size());
}

template <class F>
QString errorOf(F&& f) {
    try {
        f();
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

}  // namespace

class TestRunModel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    testing::TinyRun run_;
    std::unique_ptr<RunModel> model_;
    std::unique_ptr<Dataset> dataset_;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        // The pooled representation (version 1); test_run_model_sequence covers repr=sequence.
        run_ = testing::makeTinyRun(dir_.path(), 14, "af_vs_rest", {"repr=pooled"});
        model_ = std::make_unique<RunModel>(RunModel::load(run_.dbPath.toStdString(), run_.runId));
        dataset_ = std::make_unique<Dataset>(Dataset::open(run_.dataDir.toStdString()));
    }

    void describesTheRun() {
        QCOMPARE(model_->runId(), run_.runId);
        QCOMPARE(QString::fromStdString(model_->task()), QStringLiteral("af_vs_rest"));
        QCOMPARE(QString::fromStdString(model_->method()), QStringLiteral("dacl"));
        QCOMPARE(model_->numClasses(), 2);
        QCOMPARE(model_->classNames().size(), std::size_t{2});
        QCOMPARE(QString::fromStdString(model_->classNames()[1]), QStringLiteral("A"));
        QCOMPARE(model_->latentDim(), 16);
        QCOMPARE(model_->settings().getInt("vae.latent"), 16LL);
        QCOMPARE(model_->sampleRate(), 300.0);
        QCOMPARE(model_->windowSamples(), 3072);
        QVERIFY(std::isfinite(model_->threshold()));
    }

    // The pipeline evaluated records on the windows flagged evalGrid of the feature job's table.
    void windowFeaturesAreThoseThePipelineEvaluated() {
        for (std::size_t i : {std::size_t{0}, std::size_t{5}, dataset_->size() - 1}) {
            NullProgress quiet;
            const ml::WindowTable table = ml::computeWindowTable(*dataset_, {i}, model_->settings(), quiet, "");
            const auto rows = table.rowsOf({static_cast<int>(i)}, true);
            const ml::WindowFeatures w = model_->windowFeatures(readRecord(*dataset_, i), 0);
            QCOMPARE(w.size(), rows.size());
            QCOMPARE(w.features.cols, table.features.cols());
            for (std::size_t k = 0; k < rows.size(); ++k) {
                QCOMPARE(w.startS[k], table.startS[rows[k]]);
                QVERIFY(w.endS[k] > w.startS[k]);
                QVERIFY(w.endS[k] <= dataset_->records()[i].durationS + 1e-9);
                for (std::size_t c = 0; c < w.features.cols; ++c)
                    QCOMPARE(w.features(k, c), table.features(rows[k], c));
            }
        }
    }

    // The final model's threshold is Youden's J on its validation records' scores: recomputing
    // those scores through RunModel (features, VAE, encoder, probe, mean over windows) must give
    // the threshold the pipeline stored.
    void recordScoresReproduceTheStoredValidationThreshold() {
        std::vector<double> scores;
        for (std::size_t i = 0; i < dataset_->size(); ++i) {
            const ml::RecordPrediction p = model_->predict(readRecord(*dataset_, i), 0);
            double mean = 0;
            for (double s : p.windowScore) mean += s;
            QVERIFY(std::abs(p.score - mean / static_cast<double>(p.windowScore.size())) < 1e-6);
            QCOMPARE(p.predicted, p.score >= model_->threshold() ? 1 : 0);
            scores.push_back(p.score);
        }
        const double threshold = testing::recomputedFinalThreshold(*dataset_, *model_, scores);
        QVERIFY2(std::abs(threshold - model_->threshold()) < 1e-5,
                 qPrintable(QString("recomputed %1, stored %2").arg(threshold, 0, 'g', 10).arg(model_->threshold(), 0, 'g', 10)));
    }

    void vaeDecodesItsLatentBetterThanAConstant() {
        // All windows of every record (the VAE's training data is a superset's train grid).
        ml::Matrix f;
        for (std::size_t i = 0; i < dataset_->size(); ++i) {
            const auto w = model_->windowFeatures(readRecord(*dataset_, i), 0);
            if (f.empty()) f = ml::Matrix(0, w.features.cols);
            f.data.insert(f.data.end(), w.features.data.begin(), w.features.data.end());
            f.rows += w.features.rows;
        }
        const ml::Matrix mu = model_->latentMean(f);
        const ml::Matrix sigma = model_->latentStd(f);
        QCOMPARE(mu.rows, f.rows);
        QCOMPARE(mu.cols, std::size_t{16});
        QCOMPARE(sigma.cols, std::size_t{16});
        for (float s : sigma.data) QVERIFY(std::isfinite(s) && s > 0);
        // z0 is standardised with the training records' statistics: close to zero mean, unit scale.
        double m = std::accumulate(mu.data.begin(), mu.data.end(), 0.0) / static_cast<double>(mu.data.size());
        QVERIFY(std::abs(m) < 0.5);

        const ml::Matrix rec = model_->decode(mu);
        QCOMPARE(rec.cols, f.cols);
        ml::Matrix constant(f.rows, f.cols);
        for (std::size_t c = 0; c < f.cols; ++c) {
            double s = 0;
            for (std::size_t r = 0; r < f.rows; ++r) s += f(r, c);
            for (std::size_t r = 0; r < f.rows; ++r) constant(r, c) = static_cast<float>(s / static_cast<double>(f.rows));
        }
        const double err = mse(rec, f), base = mse(constant, f);
        QVERIFY2(err < 0.8 * base, qPrintable(QString("decoder MSE %1, column-mean MSE %2").arg(err).arg(base)));
    }

    void embeddingIsTimeConditioned() {
        const auto w = model_->windowFeatures(readRecord(*dataset_, 1), 0);
        const ml::Matrix z = model_->latentMean(w.features);
        const ml::Matrix h0 = model_->embed(z, 0), h0again = model_->embed(z, 0), h500 = model_->embed(z, 500);
        QCOMPARE(h0.rows, z.rows);
        QCOMPARE(h0.data, h0again.data);
        QVERIFY(mse(h0, h500) > 0);
        // One timestep per row in one pass gives the same as separate calls.
        std::vector<int> steps;
        for (std::size_t r = 0; r < z.rows; ++r) steps.push_back(r % 2 ? 500 : 0);
        const ml::Matrix mixed = model_->embed(z, steps);
        for (std::size_t r = 0; r < z.rows; ++r)
            for (std::size_t c = 0; c < h0.cols; ++c)
                QVERIFY(std::abs(mixed(r, c) - (r % 2 ? h500(r, c) : h0(r, c))) < 1e-4f);
    }

    void scheduleIsTheRunsSchedule() {
        QVERIFY(model_->scheduleKind() == ml::ScheduleKind::Linear);
        QCOMPARE(model_->timesteps(), 1000);
        QCOMPARE(model_->noiseStd(0), 0.0);
        for (int t : {1, 50, 100, 200, 500, 1000})
            QVERIFY(std::abs(model_->noiseStd(t) - std::sqrt(1 - model_->alphaBar(t))) < 1e-12);
        // method.md §5: 0.17 at t = 50, 0.32 at 100, 0.58 at 200, 0.96 at 500.
        QVERIFY(std::abs(model_->noiseStd(50) - 0.17) < 0.01);
        QVERIFY(std::abs(model_->noiseStd(100) - 0.32) < 0.01);
        QVERIFY(std::abs(model_->noiseStd(200) - 0.58) < 0.01);
        QVERIFY(std::abs(model_->noiseStd(500) - 0.96) < 0.01);
    }

    void wrongLeadIsAClearError() {
        const QString e = errorOf([&] { model_->windowFeatures(readRecord(*dataset_, 0), 3); });
        QVERIFY2(e.contains("no lead 3") && e.contains("it has 1"), qPrintable(e));
    }

    void errorsNameTheProblem() {
        const std::string db = run_.dbPath.toStdString();
        QString e = errorOf([&] { RunModel::load(db, 999); });
        QVERIFY2(e.contains("no run 999"), qPrintable(e));
        e = errorOf([&] { RunModel::load(dir_.filePath("missing.db").toStdString(), 1); });
        QVERIFY2(e.contains("missing.db"), qPrintable(e));

        // A run that never got its final model, and one whose model bytes are damaged.
        store::ResultsStore st(db);
        store::NewRun nr;
        nr.name = "unfinished";
        nr.task = "af_vs_rest";
        nr.settingsJson = st.run(run_.runId).settingsJson;
        const std::int64_t unfinished = st.createRun(nr);
        e = errorOf([&] { RunModel::load(db, unfinished); });
        QVERIFY2(e.contains("has no final model"), qPrintable(e));

        const std::int64_t damaged = st.createRun(nr);
        const auto probe = st.namedArtefact(run_.runId, store::metric::kModel, "probe");
        QVERIFY(probe.has_value());
        store::Artefact a;
        a.kind = store::metric::kModel;
        a.name = "representation";
        const std::string garbage = "12:not a model";
        a.data.assign(garbage.begin(), garbage.end());
        st.addArtefact(damaged, a);
        a.name = "probe";
        a.data = probe->data;
        st.addArtefact(damaged, a);
        e = errorOf([&] { RunModel::load(db, damaged); });
        QVERIFY2(e.contains("'representation' is damaged"), qPrintable(e));
    }
};

QTEST_APPLESS_MAIN(TestRunModel)
#include "test_run_model.moc"
