// The whole desktop, end to end, as `dacl-studio --screenshot-tour` drives it: the demo dataset
// opens, a real short demo job trains and evaluates, the finished run becomes current, and every
// view has content when it is photographed. Also: one current record links every view.
#include "ui/main_window.h"
#include "ui/views/embedding_view.h"
#include "ui/screenshot_tour.h"
#include "ui/settings/language.h"
#include "ui/views/dataset_view.h"
#include "ui/views/diffusion_view.h"
#include "ui/views/ecg_view.h"
#include "ui/views/latent_view.h"
#include "ui/views/scattering_view.h"

#include <QImage>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using dacl::ui::MainWindow;

class TestScreenshotTour : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void selectingARecordUpdatesEveryView() {
        MainWindow w;
        QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
        w.openDemoDataset();
        QVERIFY(loaded.wait(120000));
        QTableView* table = w.datasetView()->table();
        for (int row : {5, 17}) {
            table->selectRow(row);
            const QString name = table->model()->index(row, 0).data().toString();
            const int record = w.currentRecord();
            QCOMPARE(QString::fromStdString(w.dataset()->records().at(record).name), name);
            QCOMPARE(w.ecgView()->recordIndex(), record);
            QCOMPARE(w.scatteringView()->recordIndex(), record);
            QCOMPARE(w.latentView()->recordIndex(), record);
            QCOMPARE(w.diffusionView()->recordIndex(), record);
            // And the ECG view really shows that record once its worker is done.
            QTRY_COMPARE_WITH_TIMEOUT(w.ecgView()->shownRecordIndex(), record, 30000);
        }
        // Choosing a window on the ECG strip moves the scattering view to it: a record longer than
        // one 30.72-s span of the default representation (repr = sequence) has several.
        int longRow = -1;
        for (int row = 0; row < table->model()->rowCount() && longRow < 0; ++row) {
            const QString name = table->model()->index(row, 0).data().toString();
            for (const auto& rec : w.dataset()->records())
                if (QString::fromStdString(rec.name) == name && rec.durationS > 40) longRow = row;
        }
        QVERIFY(longRow >= 0);
        table->selectRow(longRow);
        QTRY_VERIFY_WITH_TIMEOUT(w.scatteringView()->windowCount() > 1, 30000);
        QCOMPARE(w.scatteringView()->windowCount(), w.ecgView()->windowCount());
        Q_EMIT w.ecgView()->windowSelected(1);
        QTRY_COMPARE_WITH_TIMEOUT(w.scatteringView()->windowIndex(), 1, 30000);
    }

    // In German at 1280×800, the smallest screen the app is made for and its longest words: no
    // view (nor the Assessment panel docked beside the ECG) may push the window wider or taller.
    void tourSavesEveryViewWithContent() {
        QTemporaryDir dir;
        dacl::ui::installLanguage(QStringLiteral("de"));
        MainWindow w;
        const dacl::ui::TourResult r = dacl::ui::runScreenshotTour(w, dir.path(), QSize(1280, 800));
        dacl::ui::installLanguage(QStringLiteral("en"));
        QVERIFY2(r.ok, qPrintable(r.error));
        const QStringList expected = {"dataset.png", "ecg.png", "scattering.png", "latent.png", "diffusion.png",
                                      "training.png", "runs.png", "embedding.png", "roc.png", "assessment.png",
                                      "patient-report.png"};
        QCOMPARE(r.written.size(), expected.size());
        // The responsiveness benchmark's figures: the probe ran while the job trained.
        QVERIFY2(r.responsiveness.startsWith(QStringLiteral("max stall ")), qPrintable(r.responsiveness));
        for (const QString& file : expected) {
            const QImage image(dir.filePath(file));
            QVERIFY2(!image.isNull(), qPrintable(file));
            if (file == "patient-report.png")  // A4 landscape at 80 dpi
                QVERIFY2(image.width() > image.height() && image.width() >= 900, qPrintable(file));
            else
                QVERIFY2(image.width() == 1280 && image.height() == 800,
                         qPrintable(QStringLiteral("%1: %2×%3").arg(file).arg(image.width()).arg(image.height())));
            // Not a blank window: many distinct colours.
            QSet<QRgb> colours;
            for (int y = 0; y < image.height(); y += 7)
                for (int x = 0; x < image.width(); x += 7) colours.insert(image.pixel(x, y));
            QVERIFY2(colours.size() > 20, qPrintable(file));
        }
        // The tour ended with a finished run whose model feeds the latent and diffusion views.
        QVERIFY(w.currentRunId() > 0);
        QVERIFY(w.hasRunModel());
        QVERIFY(w.latentView()->windowCount() > 0);
        // The run stored noisy views z_t, so the embedding view can overlay them on the clean map.
        QCOMPARE(w.embeddingView()->timesteps(), (QList<int>{0, 50, 100, 200, 500}));
        // The demo run has two folds, each with its own encoder: the embedding shot maps one.
        QCOMPARE(w.embeddingView()->folds(), (QList<int>{0, 1}));
        QCOMPARE(w.embeddingView()->fold(), 0);
    }
};

QTEST_MAIN(TestScreenshotTour)
#include "test_screenshot_tour.moc"
