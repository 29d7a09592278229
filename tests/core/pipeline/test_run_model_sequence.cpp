// RunModel on a repr=sequence run (the default): the final model scores a record exactly as the
// pipeline did (mean over its span rows, fused with the RR-feature booster), so that recomputed
// validation scores give back the stored threshold; the probability over time covers the record
// in 10-s spans; latent rows are sequences that the VAE decodes better than a constant.
#include "core/data/dataset.h"
#include "core/data/signal_reader.h"
#include "core/data/wfdb_header.h"
#include "core/eval/folds.h"
#include "core/eval/metrics.h"
#include "core/eval/tasks.h"
#include "core/features/sequence_layout.h"
#include "core/pipeline/model_settings.h"
#include "core/pipeline/run_model.h"
#include "core/ml/final_model_threshold.h"
#include "common/tiny_run.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace dacl;
using dacl::ml::RunModel;

namespace {

Recording readRecord(const Dataset& d, std::size_t i) { return readRecording(parseHeader(d.records()[i].headerPath)); }

}  // namespace

class TestRunModelSequence : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    testing::TinyRun run_;
    std::unique_ptr<RunModel> model_;
    std::unique_ptr<Dataset> dataset_;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        // The tiny run's frame VAE sees 3,000 frames: a few epochs would leave it untrained.
        run_ = testing::makeTinyRun(dir_.path(), 14, "af_vs_rest", {"seq.vae_epochs=30", "vae.batch=64"});
        model_ = std::make_unique<RunModel>(RunModel::load(run_.dbPath.toStdString(), run_.runId));
        dataset_ = std::make_unique<Dataset>(Dataset::open(run_.dataDir.toStdString()));
    }

    void describesTheRun() {
        QVERIFY(model_->isSequence());
        QCOMPARE(QString::fromStdString(model_->method()), QStringLiteral("dacl"));
        QCOMPARE(model_->windowSamples(), 9216);
        QCOMPARE(model_->latentDim(), 16 + 2);  // the VAE's 16 and the 2 rhythm channels
        QVERIFY(std::isfinite(model_->threshold()));
    }

    // Youden's J on the final model's validation records, recomputed through RunModel (features,
    // per-frame VAE, encoder, probe, mean over spans, rhythm fusion): the stored threshold.
    void recordScoresReproduceTheStoredValidationThreshold() {
        std::vector<double> scores;
        for (std::size_t i = 0; i < dataset_->size(); ++i) {
            const ml::RecordPrediction p = model_->predict(readRecord(*dataset_, i), 0);
            QVERIFY(p.fused);
            QVERIFY(p.score >= 0 && p.score <= 1);
            QCOMPARE(p.predicted, p.score >= model_->threshold() ? 1 : 0);
            scores.push_back(p.score);
        }
        const double threshold = testing::recomputedFinalThreshold(*dataset_, *model_, scores);
        QVERIFY2(std::abs(threshold - model_->threshold()) < 1e-5,
                 qPrintable(QString("recomputed %1, stored %2").arg(threshold, 0, 'g', 10).arg(model_->threshold(), 0, 'g', 10)));
    }

    void probabilityOverTimeCoversTheRecord() {
        const Recording rec = readRecord(*dataset_, 0);
        const ml::RecordPrediction p = model_->predict(rec, 0);
        const ml::SpanProbabilities& s = p.spans;
        QVERIFY(s.size() >= 2);
        QCOMPARE(s.startS.front(), 0.0);
        QVERIFY(std::abs(s.endS.back() - rec.durationS()) < 1e-6);
        for (std::size_t k = 0; k < s.size(); ++k) {
            QVERIFY(s.endS[k] - s.startS[k] <= 10.0 + 1e-9);
            if (k) QCOMPARE(s.startS[k] - s.startS[k - 1] <= 5.0 + 1e-9, true);
            QVERIFY(s.score[k] >= 0 && s.score[k] <= 1);
        }
        // Spans see different parts of the record: not all the same probability.
        bool differ = false;
        for (double v : s.score) differ = differ || std::abs(v - s.score[0]) > 1e-6;
        QVERIFY(differ);
    }

    // The spans are cut from the rows' latents (each row through the VAE once); they score as
    // the feature frames of each span, cut and encoded again, did: the crop of frames whose
    // centres lie in the span, from the last row starting at or before it.
    void spansCutInLatentSpaceScoreAsFeatureCrops() {
        RunModel alone = RunModel::load(run_.dbPath.toStdString(), run_.runId);
        alone.setPredictSetting("predict.span_fusion=false");
        for (std::size_t i : {std::size_t(0), std::size_t(3)}) {
            const Recording rec = readRecord(*dataset_, i);
            const ml::RecordPrediction p = alone.predict(rec, 0);
            const ml::WindowFeatures& w = p.windows;
            const features::SequenceLayout l = features::SequenceLayout::of(w.features.row(0));
            const double frameS = 9216.0 / alone.sampleRate() / l.frames;
            ml::Matrix crops(p.spans.size(), w.features.cols);
            for (std::size_t k = 0; k < p.spans.size(); ++k) {
                const double a = p.spans.startS[k], b = p.spans.endS[k];
                std::size_t r = 0;
                while (r + 1 < w.size() && w.startS[r + 1] <= a + 1e-9) ++r;
                const float* row = w.features.row(r);
                float* dst = crops.row(k);
                std::copy_n(row, features::SequenceLayout::kHeader, dst);
                int v = 0;
                for (int f = 0; f < features::SequenceLayout::validFrames(row); ++f) {
                    const double centre = w.startS[r] + f * frameS;
                    if (centre < a || centre >= b) continue;
                    std::copy_n(l.frame(row, f), l.channels, dst + features::SequenceLayout::kHeader + static_cast<std::size_t>(v++) * l.channels);
                }
                dst[0] = static_cast<float>(std::max(v, 1));
            }
            const ml::Matrix reference = alone.windowProbabilities(crops);
            QCOMPARE(reference.rows, p.spans.size());
            for (std::size_t k = 0; k < p.spans.size(); ++k)
                QVERIFY2(std::abs(reference(k, 1) - p.spans.score[k]) < 1e-5,
                         qPrintable(QString("span %1: %2 vs %3").arg(k).arg(reference(k, 1)).arg(p.spans.score[k])));
            // The rows' own probabilities are the features' through the same model, to the bit.
            const ml::Matrix rows = alone.windowProbabilities(w.features);
            for (std::size_t k = 0; k < rows.rows; ++k) QCOMPARE(p.windowScore[k], static_cast<double>(rows(k, 1)));
        }
    }

    // Each span is fused with the RR features of its own beats (predict.span_fusion, default);
    // switched off, the spans are the model alone. Only predict.* settings change after training.
    void spansAreFusedWithTheirOwnBeats() {
        const Recording rec = readRecord(*dataset_, 0);
        const ml::RecordPrediction fused = model_->predict(rec, 0);
        const std::vector<double>& peaks = fused.windows.peakS;
        QVERIFY(peaks.size() >= 2);
        const double perSecond = static_cast<double>(peaks.size()) / rec.durationS();
        QVERIFY2(perSecond > 0.3 && perSecond < 3.5, qPrintable(QString::number(perSecond)));
        for (std::size_t i = 1; i < peaks.size(); ++i) QVERIFY(peaks[i] > peaks[i - 1]);
        QVERIFY(peaks.front() >= 0 && peaks.back() <= rec.durationS());

        RunModel alone = RunModel::load(run_.dbPath.toStdString(), run_.runId);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, alone.setPredictSetting("seq.J=6"));
        alone.setPredictSetting("predict.span_fusion=false");
        const ml::RecordPrediction plain = alone.predict(rec, 0);
        QCOMPARE(plain.score, fused.score);  // the record score is fused either way
        QCOMPARE(plain.spans.size(), fused.spans.size());
        bool differ = false;
        for (std::size_t k = 0; k < plain.spans.size(); ++k) {
            QCOMPARE(plain.spans.startS[k], fused.spans.startS[k]);
            QVERIFY(fused.spans.score[k] >= 0 && fused.spans.score[k] <= 1);
            differ = differ || std::abs(plain.spans.score[k] - fused.spans.score[k]) > 1e-6;
        }
        QVERIFY2(differ, "fusion changes the span probabilities");
    }

    void latentRowsAreSequencesTheVaeDecodes() {
        const auto w = model_->windowFeatures(readRecord(*dataset_, 1), 0);
        const ml::Matrix z = model_->latentMean(w.features);
        QCOMPARE(z.rows, w.features.rows);
        const int V = static_cast<int>(z(0, 0)), L = static_cast<int>(z(0, 1)), d = static_cast<int>(z(0, 2));
        QCOMPARE(d, 16 + 2);
        QCOMPARE(L, 288);
        QCOMPARE(V, features::SequenceLayout::validFrames(w.features.row(0)));
        QCOMPARE(z.cols, std::size_t(3 + d * L));
        for (int c = 0; c < d; ++c) QCOMPARE(z(0, 3 + static_cast<std::size_t>(c) * L + (L - 1)), 0.0f);  // padding
        // The decoder gives back the scattering paths (the rhythm channels bypass the VAE), closer
        // to the record's frames than their mean is.
        const ml::Matrix x = model_->decode(z);
        const features::SequenceLayout l = features::SequenceLayout::of(w.features.row(0));
        QCOMPARE(static_cast<int>(x(0, 2)), l.channels - 2);
        double err = 0, base = 0;
        for (int c = 0; c < l.channels - 2; ++c) {
            double mean = 0;
            for (int t = 0; t < V; ++t) mean += l.frame(w.features.row(0), t)[c] / V;
            for (int t = 0; t < V; ++t) {
                const double truth = l.frame(w.features.row(0), t)[c];
                const double rec = x(0, 3 + static_cast<std::size_t>(c) * L + t);
                err += (rec - truth) * (rec - truth);
                base += (mean - truth) * (mean - truth);
            }
        }
        QVERIFY2(err < 0.95 * base, qPrintable(QString("decoder %1, per-channel mean %2").arg(err).arg(base)));
    }
};

QTEST_APPLESS_MAIN(TestRunModelSequence)
#include "test_run_model_sequence.moc"
