// The desktop views on a real tiny repr = sequence run (the default, method.md v2): the latent
// view shows z0 as a heat map (dimension × time) under the record's ECG on one time axis; the
// diffusion view shows one span's z_t as heat maps over time, small multiples at chosen t, the
// decoded frames and the encoder's drift; the ECG view shows the probability over time as a
// band under the trace. Values are read back from the plots and compared with the model's own
// outputs; colours from grabs of the widgets.
#include "core/data/dataset.h"
#include "core/features/sequence_layout.h"
#include "core/pipeline/run_model.h"
#include "ui/image_checks.h"
#include "common/tiny_run.h"
#include "ui/views/diffusion_view.h"
#include "ui/views/ecg_view.h"
#include "ui/views/latent_timeline.h"
#include "ui/views/latent_view.h"
#include "ui/views/probability_band.h"
#include "ui/views/sequence_diffusion_plots.h"

#include "ui/plots/custom_plot.h"

#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <numeric>

using namespace dacl;
using namespace dacl::ui;
using features::SequenceLayout;
using testing::closeColour;
using testing::distinctColours;

namespace {

// Value c, frame t of a flat latent / decoded row [V, L, K, K x L channel-major].
double flat(const ml::Matrix& m, std::size_t row, int c, int t) {
    const int frames = static_cast<int>(m(row, 1));
    return m(row, 3 + static_cast<std::size_t>(c) * frames + t);
}

double meanOver(const QVector<double>& v, int from, int to) {
    return std::accumulate(v.begin() + from, v.begin() + to + 1, 0.0) / (to - from + 1);
}

}  // namespace

class TestSequenceViews : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    testing::TinyRun run_;
    std::shared_ptr<const ml::RunModel> model_;
    std::unique_ptr<Dataset> dataset_;
    int longRecord_ = -1;  // a record with at least two spans

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        run_ = testing::makeTinyRun(dir_.path(), 12);
        model_ = std::make_shared<const ml::RunModel>(ml::RunModel::load(run_.dbPath.toStdString(), run_.runId));
        QVERIFY(model_->isSequence());  // the default representation
        dataset_ = std::make_unique<Dataset>(Dataset::open(run_.dataDir.toStdString()));
        for (std::size_t r = 0; r < dataset_->size() && longRecord_ < 0; ++r)
            if (model_->windowFeatures(*dataset_->signal(r), model_->defaultLead()).size() >= 2) longRecord_ = static_cast<int>(r);
        QVERIFY2(longRecord_ >= 0, "the demo set has no record longer than one span");
    }

    void latentViewShowsZ0UnderTheEcgOnOneTimeAxis() {
        LatentView view;
        view.resize(1400, 800);
        view.show();
        QSignalSpy ready(&view, &LatentView::projectionReady);
        view.setModel(model_);
        view.setRecord(dataset_.get(), longRecord_);
        QVERIFY(view.isBusy());  // worker threads, not setRecord
        QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), 180000);
        QVERIFY(view.isSequence());
        LatentTimeline* tl = view.timeline();
        QVERIFY(tl->isVisible());

        const auto rec = dataset_->signal(static_cast<std::size_t>(longRecord_));
        const ml::WindowFeatures w = model_->windowFeatures(*rec, model_->defaultLead());
        const ml::Matrix mu = model_->latentMean(w.features);
        const int d = model_->latentDim();
        const double frameS = model_->windowSamples() / model_->sampleRate() / SequenceLayout::of(w.features.row(0)).frames;
        QCOMPARE(view.windowCount(), static_cast<int>(w.size()));
        QCOMPARE(tl->heatmapDimensions(), d);
        const SequenceLatent& s = view.sequenceLatent();
        QCOMPARE(s.dim, d);
        QVERIFY(std::abs(s.frameS - frameS) < 1e-12);
        // Span 0's frames from its own row; a frame past span 0 from span 1's row (same time axis).
        for (int c : {0, d / 2, d - 1})
            for (int f : {0, 7, 100}) QCOMPARE(tl->heatmapValue(f * frameS, c + 1), flat(mu, 0, c, f));
        const int v0 = SequenceLayout::validFrames(w.features.row(0));
        const int offset1 = static_cast<int>(std::lround(w.startS[1] / frameS));
        const int late = v0 + 3 - offset1;  // a frame of span 1 after span 0 ends
        QVERIFY(late > 0 && late < SequenceLayout::validFrames(w.features.row(1)));
        QCOMPARE(tl->heatmapValue((offset1 + late) * frameS, 2), flat(mu, 1, 1, late));

        // Reconstruction error per frame: decode(z0) against the frame's features.
        const ml::Matrix rebuilt = model_->decode(mu);
        const QVector<double> err = tl->shownReconError();
        QCOMPARE(err.size(), s.frames);
        for (int f : {0, 42}) {
            const SequenceLayout layout = SequenceLayout::of(w.features.row(0));
            const int channels = std::min(static_cast<int>(rebuilt(0, 2)), layout.channels);
            double e = 0;
            for (int c = 0; c < channels; ++c) e += std::pow(flat(rebuilt, 0, c, f) - layout.frame(w.features.row(0), f)[c], 2);
            QVERIFY(std::abs(err[f] - e / channels) < 1e-6 * std::max(1.0, e));
        }

        // The ECG strip and the heat map share the time axis: same pixels, same range, and a
        // zoom on one moves all three.
        QVERIFY(tl->ecgPointCount() > 1000);
        tl->plot()->replot();
        QCOMPARE(tl->ecgRect()->left(), tl->latentRect()->left());
        QCOMPARE(tl->ecgRect()->right(), tl->latentRect()->right());
        QCOMPARE(tl->reconRect()->left(), tl->latentRect()->left());
        QVERIFY(std::abs(tl->timeRange().second - rec->durationS()) < 0.2);
        tl->ecgRect()->axis(QCPAxis::atBottom)->setRange(5, 15);
        QCOMPARE(tl->timeRange(), std::make_pair(5.0, 15.0));
        QCOMPARE(tl->reconRect()->axis(QCPAxis::atBottom)->range().lower, 5.0);
        tl->setTimeRange(0, rec->durationS());

        // What the user sees: the heat-map pixel of a strong cell has its value's colour.
        tl->plot()->replot();
        const QImage image = tl->plot()->grab().toImage();
        int best = 1;
        for (int f = 1; f < offset1 - 1; ++f)  // frames that span 0 owns on the record's axis
            if (std::abs(flat(mu, 0, 0, f)) > std::abs(flat(mu, 0, 0, best))) best = f;
        const QPointF px = tl->heatmapPixel(best * frameS, 1);
        auto* map = qobject_cast<QCPColorMap*>(tl->plot()->plottable(1));
        QVERIFY(map);
        const QColor expected = QColor::fromRgba(map->gradient().color(flat(mu, 0, 0, best), map->dataRange()));
        const QColor seen = image.pixelColor(px.toPoint() * image.devicePixelRatio());
        QVERIFY2(closeColour(seen, expected, 40), qPrintable(QString("%1 vs %2").arg(seen.name(), expected.name())));
        // Hover names time, dimension and value.
        QVERIFY2(tl->describeAt(px).contains(QStringLiteral("dimension 1")), qPrintable(tl->describeAt(px)));

        // Spans are the view's windows.
        QSignalSpy shown(&view, &LatentView::windowShown);
        view.setWindow(1);
        QCOMPARE(shown.count(), 1);
        QCOMPARE(view.windowIndex(), 1);

        // The dataset projection: every record, scored as predict() scores it.
        QVERIFY(ready.count() == 1 || ready.wait(180000));
        const auto& p = view.projection();
        QCOMPARE(p.size(), dataset_->size());
        const ml::RecordPrediction pred = model_->predict(*rec, model_->defaultLead());
        QVERIFY(std::abs(p.score[static_cast<std::size_t>(longRecord_)] - pred.score) < 1e-6);

        QApplication::processEvents();
        const QImage all = view.grab().toImage();
        QVERIFY(all.save(QStringLiteral("/tmp/views-latent-sequence.png")));
        QVERIFY2(distinctColours(all) > 40, "the latent view grab looks blank");
    }

    void diffusionViewDiffusesOneSpanOverTime() {
        DiffusionView view;
        view.resize(1400, 900);
        view.show();
        view.setModel(model_);
        view.setRecord(dataset_.get(), longRecord_);
        view.setWindow(1);
        QVERIFY(view.isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), 180000);
        QVERIFY(view.isSequence());
        QCOMPARE(view.windowIndex(), 1);
        const SequenceWalk& walk = view.sequenceWalk();
        QVERIFY2(walk.error.empty(), walk.error.c_str());
        SequenceDiffusionPlots* plots = view.sequencePlots();
        QVERIFY(plots->isVisible());

        const ml::WindowFeatures w = model_->windowFeatures(*dataset_->signal(static_cast<std::size_t>(longRecord_)), model_->defaultLead());
        const ml::Matrix row = w.features.selectRows({1});
        const ml::Matrix z0 = model_->latentMean(row);
        const int d = model_->latentDim(), valid = SequenceLayout::validFrames(row.row(0));
        QCOMPARE(walk.dim, d);
        QCOMPARE(walk.valid, valid);
        QCOMPARE(walk.startS, w.startS[1]);
        const std::vector<double> eps = ml::windowNoise(dataset_->records()[static_cast<std::size_t>(longRecord_)].name, 1, d * valid);

        // The slider's z_t, cell by cell, for the model's schedule.
        auto* slider = view.findChild<QSlider*>();
        for (int t : {0, 100, 500}) {
            slider->setValue(t);
            const double a = model_->alphaBar(t);
            for (int c : {0, d - 1})
                for (int f : {0, valid / 2, valid - 1}) {
                    const double expected = std::sqrt(a) * flat(z0, 0, c, f) + std::sqrt(1 - a) * eps[static_cast<std::size_t>(c) * valid + f];
                    QVERIFY(std::abs(plots->ztCell(c + 1, f) - expected) < 1e-5);
                }
            QCOMPARE(plots->driftMarker().x(), static_cast<double>(t));
        }
        // Small multiples at 0, 50, 100, 200, 500 by default.
        QCOMPARE(plots->multipleCount(), 5);
        QVERIFY(plots->multipleTitle(3).startsWith(QStringLiteral("t = 200")));
        const std::vector<double> z200 = walk.zt(200);
        QCOMPARE(plots->multipleCell(3, 5, 10), z200[4 * static_cast<std::size_t>(valid) + 10]);
        QVERIFY(std::abs(plots->multipleCell(0, 5, 10) - flat(z0, 0, 4, 10)) < 1e-6);  // t = 0: z0 itself

        // Decoded frames: at t = 0 the model's decode(z0).
        slider->setValue(0);
        QCOMPARE(plots->shownDecodedStep(), 0);
        const ml::Matrix decoded = model_->decode(z0);
        for (int c : {0, 3})
            for (int f : {0, valid - 1}) QVERIFY(std::abs(plots->decodedCell(c + 1, f) - flat(decoded, 0, c, f)) < 1e-5);
        QCOMPARE(plots->featureCell(1, 2), static_cast<double>(SequenceLayout::of(row.row(0)).frame(row.row(0), 2)[0]));

        // Drift: 0 at t = 0 and larger late than early.
        const QVector<double> drift = plots->shownDrift();
        QVERIFY(drift.size() > 100);
        QCOMPARE(drift[0], 0.0);
        QVERIFY(std::abs(plots->shownCosine()[0] - 1.0) < 1e-9);
        const int n = drift.size();
        QVERIFY2(meanOver(drift, n / 2, n - 1) > meanOver(drift, 1, n / 20),
                 qPrintable(QString("%1 vs %2").arg(meanOver(drift, n / 2, n - 1)).arg(meanOver(drift, 1, n / 20))));

        view.setTimestep(200);
        QApplication::processEvents();
        const QImage image = view.grab().toImage();
        QVERIFY(image.save(QStringLiteral("/tmp/views-diffusion-sequence.png")));
        QVERIFY2(distinctColours(image) > 40, "the diffusion view grab looks blank");
    }

    void ecgViewShowsTheProbabilityOverTimeUnderTheTrace() {
        EcgView view;
        view.resize(1400, 800);
        view.show();
        ProbabilityBand* band = view.probabilityBand();
        view.setRecord(dataset_.get(), longRecord_);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 60000);
        QVERIFY(!band->isVisible());  // no run, no band
        view.setModel(model_);
        QVERIFY(band->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!band->isBusy(), 180000);
        QCOMPARE(band->shownRecordIndex(), longRecord_);

        const ml::RecordPrediction p = model_->predict(*dataset_->signal(static_cast<std::size_t>(longRecord_)), model_->defaultLead());
        QVERIFY(p.spans.size() >= 2);
        QCOMPARE(band->shownLineValues().size(), static_cast<int>(p.spans.size()));
        for (std::size_t i = 0; i < p.spans.size(); ++i) {
            QVERIFY(std::abs(band->shownLineValues()[static_cast<int>(i)] - p.spans.score[i]) < 1e-9);
            // A time inside one span only, or in two: the band shows the mean of the spans there.
            const double t = p.spans.startS[i] + 0.3;
            double sum = 0;
            int count = 0;
            for (std::size_t j = 0; j < p.spans.size(); ++j)
                if (t >= p.spans.startS[j] && t < p.spans.endS[j]) sum += p.spans.score[j], ++count;
            QVERIFY(std::abs(band->shownProbabilityAt(t) - sum / count) < 1e-9);
        }
        QVERIFY2(band->summaryText().contains(QLocale().toString(p.score, 'f', 3)), qPrintable(band->summaryText()));
        // The run's fusion booster reads the RR and atrial features (the default): the line says so.
        QCOMPARE(model_->rhythmFeatureCount(), 24);
        QVERIFY2(band->summaryText().contains(QStringLiteral("P-wave")), qPrintable(band->summaryText()));

        // Under the trace: the same time range and the same horizontal pixels.
        QApplication::processEvents();
        view.plot()->replot();
        QApplication::processEvents();
        auto same = [&] {
            const auto r = view.visibleTimeRange();
            const QCPRange b = band->plot()->xAxis->range();
            const QPoint traceLeft = view.plot()->mapToGlobal(QPoint(view.timeAxis()->axisRect()->left(), 0));
            const QPoint bandLeft = band->plot()->mapToGlobal(QPoint(band->plot()->axisRect()->left(), 0));
            return std::abs(b.lower - r.first) < 1e-9 && std::abs(b.upper - r.second) < 1e-9 &&
                   std::abs(traceLeft.x() - bandLeft.x()) <= 1 &&
                   std::abs(view.timeAxis()->axisRect()->width() - band->plot()->axisRect()->width()) <= 1;
        };
        QTRY_VERIFY(same());
        view.pageForward();
        QTRY_VERIFY(same());
        view.goToStart();
        QTRY_VERIFY(same());

        // The user sees p as colour: a pixel of the band (away from the p line) has p's colour.
        band->plot()->replot();
        const QImage image = band->plot()->grab().toImage();
        // (right of the record-score label, which sits at the band's left end)
        const double t = view.visibleTimeRange().first + 0.85 * (view.visibleTimeRange().second - view.visibleTimeRange().first);
        const double pt = band->shownProbabilityAt(t);
        const int x = static_cast<int>(band->plot()->xAxis->coordToPixel(t));
        const double lineY = band->plot()->yAxis->coordToPixel(pt);
        const QCPAxisRect* rect = band->plot()->axisRect();
        const int y = lineY > rect->center().y() ? rect->top() + 3 : rect->bottom() - 3;
        const QColor seen = image.pixelColor(QPoint(x, y) * image.devicePixelRatio());
        QVERIFY2(closeColour(seen, band->colourOf(pt)), qPrintable(QString("%1 vs %2 (p %3)").arg(seen.name(), band->colourOf(pt).name()).arg(pt)));

        // Hover reads p at the pointer.
        const QString hover = band->describeAt(QPointF(x, y));
        QVERIFY2(hover.contains(QLocale().toString(pt, 'f', 3)), qPrintable(hover));
        QVERIFY(view.grab().toImage().save(QStringLiteral("/tmp/views-ecg-sequence.png")));
        view.setModel(nullptr);
        QVERIFY(!band->isVisible());
    }
};

QTEST_MAIN(TestSequenceViews)
#include "test_sequence_views.moc"
