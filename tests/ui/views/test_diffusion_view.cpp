// The diffusion view, on a real tiny run: moving the timestep slider to t shows the noise std
// √(1−ᾱ_t) of the chosen schedule (linear and cosine) and plots z_t = √ᾱ_t z0 + √(1−ᾱ_t) ε for the
// window's fixed ε, with z0 the model's latent of the window; the encoder's drift from t = 0
// starts at 0 and grows with the noise; play animates t.
#include "core/data/dataset.h"
#include "core/pipeline/run_model.h"
#include "common/tiny_run.h"
#include "ui/views/diffusion_view.h"

#include <QSet>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <numeric>

using namespace dacl;
using dacl::ui::DiffusionView;

namespace {

int distinctColours(const QImage& image) {
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) colours.insert(image.pixel(x, y));
    return colours.size();
}

double meanOver(const QVector<double>& v, int from, int to) {
    return std::accumulate(v.begin() + from, v.begin() + to + 1, 0.0) / (to - from + 1);
}

}  // namespace

class TestDiffusionView : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    testing::TinyRun run_;
    std::shared_ptr<const ml::RunModel> model_;
    std::unique_ptr<Dataset> dataset_;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        // A version-1 run (repr = pooled): old runs keep their window views. The default
        // (repr = sequence) is tested in test_sequence_views.cpp.
        run_ = testing::makeTinyRun(dir_.path(), 12, "af_vs_rest", {"repr=pooled"});
        model_ = std::make_shared<const ml::RunModel>(ml::RunModel::load(run_.dbPath.toStdString(), run_.runId));
        dataset_ = std::make_unique<Dataset>(Dataset::open(run_.dataDir.toStdString()));
    }

    void sliderShowsNoiseStdAndZtForBothSchedules() {
        DiffusionView view;
        view.setModel(model_);
        view.setRecord(dataset_.get(), 2);
        view.setWindow(1);
        QVERIFY(view.isBusy());  // computed on a worker thread
        QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), 120000);
        QCOMPARE(view.windowIndex(), 1);
        QVERIFY(view.scheduleKind() == model_->scheduleKind());  // the model's schedule by default
        QCOMPARE(view.maxTimestep(), model_->timesteps());

        // z0 is the model's latent mean of the window.
        const ml::WindowFeatures w = model_->windowFeatures(*dataset_->signal(2), model_->defaultLead());
        const ml::Matrix z0 = model_->latentMean(w.features.selectRows({1}));
        const QVector<double> shownZ0 = view.shownZ0();
        QCOMPARE(shownZ0.size(), model_->latentDim());
        for (int c = 0; c < shownZ0.size(); ++c) QCOMPARE(shownZ0[c], static_cast<double>(z0.data[static_cast<std::size_t>(c)]));
        // decode(z0) is the model's decoding.
        const ml::Matrix decoded = model_->decode(z0);
        const QVector<double> shownDecoded = view.shownDecodedZ0();
        QCOMPARE(shownDecoded.size(), static_cast<int>(decoded.cols));
        for (int c = 0; c < shownDecoded.size(); ++c)
            QVERIFY(std::abs(shownDecoded[c] - decoded.data[static_cast<std::size_t>(c)]) < 1e-5);

        auto* slider = view.findChild<QSlider*>();
        QVERIFY(slider);
        for (ml::ScheduleKind kind : {ml::ScheduleKind::Linear, ml::ScheduleKind::Cosine}) {
            view.setScheduleKind(kind);
            QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), 120000);
            ml::ScheduleSettings ss = model_->schedule().settings();
            ss.kind = kind;
            const ml::DiffusionSchedule schedule(ss);
            const std::vector<double> eps = view.walk().epsilon;
            for (int t : {0, 1, 50, 100, 200, 500, 1000}) {
                slider->setValue(t);  // as the user drags it
                QCOMPARE(view.timestep(), t);
                const double a = schedule.alphaBar(t);
                QVERIFY(std::abs(view.shownNoiseStd() - std::sqrt(1 - a)) < 1e-12);
                QVERIFY2(view.readoutText().contains(QLocale().toString(std::sqrt(1 - a), 'f', 4)),
                         qPrintable(view.readoutText()));
                if (t > 0) QVERIFY(std::abs(view.shownSnr() - a / (1 - a)) < 1e-9 * std::max(1.0, a / (1 - a)));
                const QVector<double> zt = view.shownZt();
                QCOMPARE(zt.size(), shownZ0.size());
                for (int c = 0; c < zt.size(); ++c) {
                    const double expected = std::sqrt(a) * shownZ0[c] + std::sqrt(1 - a) * eps[static_cast<std::size_t>(c)];
                    QVERIFY(std::abs(zt[c] - expected) < 1e-12);
                }
                QCOMPARE(view.driftMarker().x(), static_cast<double>(t));
            }
        }
        // The schedules differ where it matters, and ε stays the window's (a smooth slider).
        view.setScheduleKind(ml::ScheduleKind::Linear);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), 120000);
        slider->setValue(100);
        const double linear100 = view.shownNoiseStd();
        QVERIFY(std::abs(linear100 - 0.32) < 0.01);  // method.md §5
        view.setScheduleKind(ml::ScheduleKind::Cosine);
        QVERIFY(std::abs(view.shownNoiseStd() - linear100) > 0.01);
    }

    void driftStartsAtZeroAndGrows() {
        DiffusionView view;
        view.setModel(model_);
        view.setRecord(dataset_.get(), 4);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), 120000);
        const QVector<double> drift = view.shownDrift();
        QCOMPARE(drift.size(), view.maxTimestep() + 1);
        QCOMPARE(drift[0], 0.0);
        QVERIFY(std::abs(view.shownCosine()[0] - 1.0) < 1e-12);
        QVERIFY2(meanOver(drift, 400, 600) > meanOver(drift, 1, 50),
                 qPrintable(QString("%1 vs %2").arg(meanOver(drift, 400, 600)).arg(meanOver(drift, 1, 50))));
        QVERIFY(meanOver(drift, 900, 1000) > meanOver(drift, 1, 20));

        // Small multiples: z_t at each chosen t.
        view.setSmallMultipleSteps({0, 100, 900});
        QCOMPARE(view.smallMultipleSteps(), QVector<int>({0, 100, 900}));
        const auto z100 = view.walk().zt(100);
        const QVector<double> m = view.shownSmallMultiple(1);
        QCOMPARE(m.size(), static_cast<int>(z100.size()));
        for (int c = 0; c < m.size(); ++c) QCOMPARE(m[c], z100[static_cast<std::size_t>(c)]);
    }

    void playAnimatesTheTimestepAndTheGrabIsNotBlank() {
        DiffusionView view;
        view.resize(1280, 800);
        view.show();
        view.setModel(model_);
        view.setRecord(dataset_.get(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), 120000);
        view.setTimestep(0);
        QSignalSpy changed(&view, &DiffusionView::timestepChanged);
        view.setPlaying(true);
        QTRY_VERIFY_WITH_TIMEOUT(view.timestep() > 20, 5000);
        view.setPlaying(false);
        const int stopped = view.timestep();
        QTest::qWait(200);
        QCOMPARE(view.timestep(), stopped);
        QVERIFY(changed.count() >= 5);

        view.setTimestep(200);
        QApplication::processEvents();
        const QImage image = view.grab().toImage();
        QCOMPARE(image.size(), QSize(1280, 800));
        QVERIFY(image.save(QStringLiteral("/tmp/views-diffusion.png")));
        QVERIFY2(distinctColours(image) > 40, "the diffusion view grab looks blank");
    }
};

QTEST_MAIN(TestDiffusionView)
#include "test_diffusion_view.moc"
