// The latent view shows, for a real tiny run, exactly the final model's VAE latent of the
// current window (μ and σ), a reconstruction error per window, and every record of the dataset in
// a PCA projection in which hovering names a record and clicking opens it.
#include "core/data/dataset.h"
#include "core/pipeline/run_model.h"
#include "common/tiny_run.h"
#include "ui/views/latent_view.h"

#include "ui/plots/custom_plot.h"

#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace dacl;
using dacl::ui::LatentView;

namespace {

// Distinct colours of an image: a blank or single-colour grab has very few.
int distinctColours(const QImage& image) {
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) colours.insert(image.pixel(x, y));
    return colours.size();
}

}  // namespace

class TestLatentView : public QObject {
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

    void showsTheModelsLatentOfTheCurrentWindow() {
        LatentView view;
        view.setModel(model_);
        view.setRecord(dataset_.get(), 3);
        QVERIFY(view.isBusy());  // the encoding runs on a worker thread, not in setRecord
        QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), 120000);
        QCOMPARE(view.windowCount(), 3);

        const ml::WindowFeatures w = model_->windowFeatures(*dataset_->signal(3), model_->defaultLead());
        const ml::Matrix mu = model_->latentMean(w.features), sigma = model_->latentStd(w.features);
        for (int k : {1, 2, 0}) {
            QSignalSpy shown(&view, &LatentView::windowShown);
            view.setWindow(k);
            QCOMPARE(view.windowIndex(), k);
            QCOMPARE(shown.count(), 1);
            const QVector<double> m = view.shownMean(), s = view.shownStd();
            QCOMPARE(m.size(), model_->latentDim());
            QCOMPARE(s.size(), model_->latentDim());
            for (int c = 0; c < m.size(); ++c) {
                QCOMPARE(m[c], static_cast<double>(mu(static_cast<std::size_t>(k), static_cast<std::size_t>(c))));
                QCOMPARE(s[c], static_cast<double>(sigma(static_cast<std::size_t>(k), static_cast<std::size_t>(c))));
            }
        }
        // One reconstruction error per window: MSE of decode(μ) against the window's features.
        const QVector<double> err = view.shownReconError();
        QCOMPARE(err.size(), 3);
        const ml::Matrix rebuilt = model_->decode(mu);
        for (int k = 0; k < 3; ++k) {
            double e = 0;
            for (std::size_t c = 0; c < w.features.cols; ++c) {
                const double d = static_cast<double>(rebuilt(static_cast<std::size_t>(k), c)) - w.features(static_cast<std::size_t>(k), c);
                e += d * d;
            }
            QVERIFY(std::abs(err[k] - e / static_cast<double>(w.features.cols)) < 1e-9);
        }
        view.setWindow(99);  // clamped to the last window
        QCOMPARE(view.windowIndex(), 2);
    }

    void projectsTheDatasetAndOpensAClickedRecord() {
        LatentView view;
        view.resize(1280, 800);
        view.show();
        QSignalSpy ready(&view, &LatentView::projectionReady);
        view.setModel(model_);
        view.setRecord(dataset_.get(), 5);
        QVERIFY(ready.wait(120000) || ready.count() == 1);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), 120000);
        QCOMPARE(ready.at(0).at(0).toInt(), static_cast<int>(dataset_->size()));
        const auto& p = view.projection();
        QCOMPARE(p.size(), dataset_->size());
        QVERIFY(p.explained[0] >= p.explained[1] && p.explained[0] <= 1.0);
        // The highlighted point is the current record's.
        const QPointF current = view.shownRecordPoint();
        QCOMPARE(current.x(), p.pc1[5]);
        QCOMPARE(current.y(), p.pc2[5]);
        // Its score is the model's record score.
        const ml::RecordPrediction pred = model_->predict(*dataset_->signal(5), model_->defaultLead());
        QVERIFY(std::abs(p.score[5] - pred.score) < 1e-6);

        view.projectionPlot()->replot();
        QApplication::processEvents();
        // Hover names the record; a click opens it (pick a record other than the current one).
        int target = -1;
        for (int r = 0; r < static_cast<int>(p.size()) && target < 0; ++r) {
            if (r == 5) continue;
            const QPointF px = view.projectionPixel(r);
            bool alone = true;  // no other point within the pick radius
            for (int o = 0; o < static_cast<int>(p.size()); ++o)
                if (o != r && QLineF(px, view.projectionPixel(o)).length() < 9) alone = false;
            if (alone) target = r;
        }
        QVERIFY(target >= 0);
        const QPointF px = view.projectionPixel(target);
        const QString text = view.describeProjectionAt(px);
        QVERIFY2(text.contains(QString::fromStdString(dataset_->records()[static_cast<std::size_t>(target)].name)), qPrintable(text));
        QVERIFY(view.describeProjectionAt(QPointF(2, 2)).isEmpty());
        QSignalSpy activated(&view, &LatentView::recordActivated);
        QTest::mouseMove(view.projectionPlot(), px.toPoint());
        QTRY_VERIFY(!view.hoverText().isEmpty());
        QTest::mouseClick(view.projectionPlot(), Qt::LeftButton, Qt::NoModifier, px.toPoint());
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toInt(), target);

        // The main window answers by making it the current record: the highlight follows.
        view.setRecord(dataset_.get(), target);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), 120000);
        QCOMPARE(view.shownRecordPoint().x(), p.pc1[static_cast<std::size_t>(target)]);

        view.setRecord(dataset_.get(), 5);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), 120000);
        view.setWindow(1);
        QApplication::processEvents();
        const QImage image = view.grab().toImage();
        QCOMPARE(image.size(), QSize(1280, 800));
        QVERIFY(image.save(QStringLiteral("/tmp/views-latent.png")));
        QVERIFY2(distinctColours(image) > 40, "the latent view grab looks blank");
    }

    void withoutModelOrRecordItSaysSo() {
        LatentView view;
        view.setRecord(dataset_.get(), 0);
        QVERIFY(!view.isBusy());
        QVERIFY(view.shownMean().isEmpty());
        view.setModel(model_);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), 120000);
        QVERIFY(!view.shownMean().isEmpty());
        view.setModel(nullptr);
        QVERIFY(view.shownMean().isEmpty());
    }
};

QTEST_MAIN(TestLatentView)
#include "test_latent_view.moc"
