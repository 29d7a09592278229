// The Assessment of one recording file, as a user meets it: a real PhysioNet AF record
// assessed with a real (tiny) trained run, on a worker thread while the window keeps running; the
// same record at 200 Hz warns that it was resampled; the main window opens a file, shows it in
// the ECG view with the run's band and moves there from a tachogram click; a bad file is reported.
#include "core/data/signal_reader.h"
#include "core/data/wfdb_header.h"
#include "core/dsp/resample.h"
#include "ui/image_checks.h"
#include "common/tiny_run.h"
#include "ui/main_window.h"
#include "ui/settings/app_settings.h"
#include "ui/settings/language.h"
#include "ui/views/assessment_panel.h"
#include "ui/views/dataset_view.h"
#include "ui/views/ecg_view.h"
#include "ui/views/probability_band.h"
#include "ui/views/rr_tachogram.h"

#include <QDockWidget>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <memory>

using namespace dacl;
using namespace dacl::ui;

namespace {

const QString kAfRecord = QStringLiteral(DACL_SHARED_DIR "/data/physionet2017/A00005.hea");

// The number in "p(AF) 0.87" (C locale under the test), NaN when there is none.
double shownProbability(const AssessmentPanel& panel) {
    const auto m = QRegularExpression(QStringLiteral("([0-9]+[.,][0-9]+)")).match(panel.probabilityText());
    return m.hasMatch() ? m.captured(1).replace(',', '.').toDouble() : std::nan("");
}

// Assesses `file` and counts event-loop ticks of the UI thread that happen while it is busy:
// the work must run elsewhere for any tick to come while it lasts.
struct Watched {
    bool shown = false;
    QString error;
    int ticksWhileBusy = 0;
};

Watched assessWatched(AssessmentPanel& panel, const QString& file, const assess::AssessOptions& options) {
    Watched out;
    QSignalSpy shown(&panel, &AssessmentPanel::assessmentShown);
    QSignalSpy failed(&panel, &AssessmentPanel::assessmentFailed);
    QTimer tick;
    tick.setInterval(0);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        if (panel.isBusy()) ++out.ticksWhileBusy;
    });
    tick.start();
    panel.assess(file, options);
    const bool busyAtOnce = panel.isBusy();  // assess() returned before the work was done
    (void)QTest::qWaitFor([&] { return !shown.isEmpty() || !failed.isEmpty(); }, 300000);  // a timeout is reported below
    out.shown = !shown.isEmpty() && busyAtOnce;
    if (!failed.isEmpty()) out.error = failed.front().at(0).toString() + ": " + failed.front().at(1).toString();
    else if (shown.isEmpty()) out.error = QStringLiteral("no result within 5 minutes");
    return out;
}

}  // namespace

class TestAssessmentPanel : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    testing::TinyRun run_;

    assess::AssessOptions options() const {
        assess::AssessOptions o;
        o.resultsFile = run_.dbPath.toStdString();
        o.runId = run_.runId;
        o.threads = 2;
        return o;
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
        QVERIFY2(QFileInfo::exists(kAfRecord), "PhysioNet 2017 record A00005 is needed");
        run_ = testing::makeTinyRun(dir_.path());
        QVERIFY(run_.runId > 0);
    }

    // A00005 (AF in the PhysioNet 2017 labels): p(AF) in [0, 1] shown large, the threshold with its
    // sensitivity and specificity, one tachogram point per RR interval, the run named.
    void assessesARealRecordOffTheUiThread() {
        AssessmentPanel panel;
        panel.resize(420, 1000);
        panel.show();
        const Watched w = assessWatched(panel, kAfRecord, options());
        QVERIFY2(w.error.isEmpty(), qPrintable(w.error));
        QVERIFY(w.shown);
        QVERIFY2(w.ticksWhileBusy > 0, "the UI thread kept running while the recording was assessed");
        QVERIFY(!panel.isBusy());

        const assess::Assessment& a = panel.assessment();
        const double p = shownProbability(panel);
        QVERIFY2(p >= 0 && p <= 1, qPrintable(panel.probabilityText()));
        QVERIFY(std::abs(p - a.combinedPAf) <= 0.0051);  // the combined p, to two decimals
        QVERIFY(!panel.verdictText().isEmpty());
        QVERIFY2(panel.thresholdText().contains("sensitivity") && panel.thresholdText().contains("specificity"),
                 qPrintable(panel.thresholdText()));
        QVERIFY2(panel.modelText().contains(QString::number(run_.runId)), qPrintable(panel.modelText()));
        QCOMPARE(panel.leadTable()->rowCount(), static_cast<int>(a.leads.size()));

        // N peaks -> N-1 RR intervals, each drawn at the beat that ends it.
        const int peaks = static_cast<int>(a.rhythm.rPeakS.size());
        QVERIFY2(peaks > 10, "a 30-s ECG has beats");
        QCOMPARE(panel.tachogram()->pointCount(), peaks - 1);
        QCOMPARE(panel.tachogram()->pointTimes().front(), a.rhythm.rPeakS[1]);
        QVERIFY(panel.rhythmText().contains("bpm"));

        // A click on a tachogram point asks for that beat's time.
        QSignalSpy selected(&panel, &AssessmentPanel::timeSelected);
        const int mid = peaks / 2;
        QTest::mouseClick(panel.tachogram()->plotWidget(), Qt::LeftButton, {},
                          panel.tachogram()->pointPixel(mid).toPoint());
        QCOMPARE(selected.size(), 1);
        QVERIFY(std::abs(selected.front().at(0).toDouble() - panel.tachogram()->pointTimes().at(mid)) < 1.0);

        const QImage image = panel.grab().toImage();
        QVERIFY(testing::distinctColours(image) > 20);

        // "Patient report…" writes the PDF on a worker thread; its text names the record.
        QVERIFY(panel.reportButton()->isEnabled());
        const QString pdf = QDir(dir_.path()).filePath("A00005-report.pdf");
        QSignalSpy written(&panel, &AssessmentPanel::reportWritten);
        QSignalSpy reportFailed(&panel, &AssessmentPanel::reportFailed);
        panel.writeReport(pdf);
        QVERIFY(panel.isWritingReport());
        QVERIFY(!panel.reportButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!written.isEmpty() || !reportFailed.isEmpty(), 120000);
        QVERIFY2(reportFailed.isEmpty(), qPrintable(reportFailed.isEmpty() ? QString() : reportFailed.front().at(1).toString()));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.read(5), QByteArray("%PDF-"));
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
        if (text.waitForFinished(60000) && text.exitCode() == 0)
            QVERIFY(QString::fromUtf8(text.readAllStandardOutput()).contains("A00005"));
        QVERIFY(panel.reportButton()->isEnabled());

        // A folder that cannot be written: the failure names the file.
        panel.writeReport(QStringLiteral("/nonexistent-folder/report.pdf"));
        QTRY_VERIFY_WITH_TIMEOUT(!reportFailed.isEmpty(), 120000);
        QVERIFY(reportFailed.front().at(0).toString().contains("report.pdf") ||
                reportFailed.front().at(1).toString().contains("report.pdf"));
    }

    // The same AF record at 200 Hz: the panel warns that it was resampled, in its warning box.
    void warnsAboutA200HzFile() {
        const Recording rec = readRecording(parseHeader(kAfRecord.toStdString()));
        const std::vector<double> x = dsp::resample(rec.channels.at(0), rec.fs, 200.0);
        const QString csv = QDir(dir_.path()).filePath("a00005_200hz.csv");
        {
            QFile f(csv);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Text));
            f.write("# fs=200\nECG\n");
            for (double v : x) f.write(QByteArray::number(v, 'g', 6) + "\n");
        }
        AssessmentPanel panel;
        panel.resize(420, 1000);
        panel.show();
        const Watched w = assessWatched(panel, csv, options());
        QVERIFY2(w.error.isEmpty(), qPrintable(w.error));
        QVERIFY(panel.warningsVisible());
        QVERIFY2(panel.shownWarnings().join('\n').contains("200"), qPrintable(panel.shownWarnings().join('\n')));
        const double p = shownProbability(panel);
        QVERIFY(p >= 0 && p <= 1);

        const QImage image = panel.grab().toImage();
        QVERIFY(testing::distinctColours(image) > 20);
        // The amber warning box is on screen.
        bool amber = false;
        for (int y = 0; y < image.height() && !amber; y += 2)
            for (int x = 0; x < image.width() && !amber; x += 2)
                amber = testing::closeColour(image.pixelColor(x, y), QColor(0xff, 0xf3, 0xcd), 4);
        QVERIFY2(amber, "the warnings are drawn in their warning box");
        QVERIFY(image.save(QDir(dir_.path()).filePath("panel-200hz.png")));
    }

    // In German the header's values take the decimal comma, and the patient report says how the
    // threshold and the run were chosen in German too (core writes those sentences in English).
    void germanHeaderAndReport() {
        installLanguage(QStringLiteral("de"));
        struct English {  // whatever fails below, the next tests run in English
            ~English() { installLanguage(QStringLiteral("en")); }
        } english;
        AssessmentPanel panel;
        panel.resize(420, 1000);
        panel.show();
        // A00001 lasts 30 s: its duration is written with a decimal ("30.0 s").
        const Watched w = assessWatched(panel, QStringLiteral(DACL_SHARED_DIR "/data/physionet2017/A00001.hea"), options());
        QVERIFY2(w.error.isEmpty(), qPrintable(w.error));
        QVERIFY2(panel.headerText().contains(QStringLiteral("Dauer")), qPrintable(panel.headerText()));
        QVERIFY2(panel.headerText().contains(QRegularExpression(QStringLiteral("\\d+,\\d s"))), qPrintable(panel.headerText()));

        const QString pdf = QDir(dir_.path()).filePath("A00001-bericht.pdf");
        QSignalSpy written(&panel, &AssessmentPanel::reportWritten);
        QSignalSpy reportFailed(&panel, &AssessmentPanel::reportFailed);
        panel.writeReport(pdf);
        QTRY_VERIFY_WITH_TIMEOUT(!written.isEmpty() || !reportFailed.isEmpty(), 120000);
        QVERIFY(reportFailed.isEmpty());
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
        if (!text.waitForStarted(10000)) QSKIP("pdftotext (poppler-utils) is not installed");
        QVERIFY(text.waitForFinished(60000) && text.exitCode() == 0);
        const QString page = QString::fromUtf8(text.readAllStandardOutput()).replace(QLatin1Char('\n'), QLatin1Char(' '));
        QVERIFY2(page.contains(QStringLiteral("Validierungsaufnahmen")), qPrintable(page.right(1500)));
        QVERIFY2(!page.contains(QStringLiteral("Youden's J")), qPrintable(page));
        QVERIFY2(page.contains(QStringLiteral("Dauer")), qPrintable(page));
        QVERIFY2(!page.contains(QStringLiteral("its own p")), qPrintable(page.left(1500)));
        // p(AF) with the decimal comma, as the panel shows it.
        QVERIFY2(page.contains(QRegularExpression(QStringLiteral("p\\(AF\\) \\d,\\d\\d"))), qPrintable(page.left(1500)));
    }

    // Cancel: the panel is free at once and the cancelled result never shows, while a new
    // assessment of the same file does (once).
    void cancelDropsTheRunningAssessment() {
        AssessmentPanel panel;
        QSignalSpy shown(&panel, &AssessmentPanel::assessmentShown);
        panel.assess(kAfRecord, options());
        QVERIFY(panel.isBusy());
        panel.cancel();
        QVERIFY(!panel.isBusy());
        QVERIFY2(panel.statusText().contains("cancelled"), qPrintable(panel.statusText()));
        QVERIFY(!panel.hasAssessment());
        const Watched w = assessWatched(panel, kAfRecord, options());
        QVERIFY2(w.error.isEmpty(), qPrintable(w.error));
        QCOMPARE(shown.size(), 1);
        QVERIFY(panel.hasAssessment());
    }

    // An unreadable file: a clear error naming it, no crash, the panel stays usable.
    void reportsABadFile() {
        const QString bad = QDir(dir_.path()).filePath("empty.csv");
        {
            QFile f(bad);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        AssessmentPanel panel;
        const Watched w = assessWatched(panel, bad, options());
        QVERIFY(!w.shown);
        QVERIFY2(w.error.contains("empty.csv"), qPrintable(w.error));
        QVERIFY(!panel.isBusy());
        QVERIFY(panel.statusText().contains("empty.csv"));
        QVERIFY(!panel.reportButton()->isEnabled());
    }

    // The band waits while the Assessment scores the same file, shows what it offers for the
    // lead and run on screen, and scores the file itself once the expectation is dropped.
    void bandTakesTheAssessmentsSpans() {
        auto model = std::make_shared<const ml::RunModel>(ml::RunModel::load(run_.dbPath.toStdString(), run_.runId));
        const Dataset dataset = Dataset::open(kAfRecord.toStdString());
        ProbabilityBand band;
        band.setModel(model);
        band.expectPrediction(kAfRecord);
        band.setRecord(&dataset, 0, 0);
        QVERIFY(band.isWaitingForAssessment());
        QVERIFY(!band.isBusy());
        QCOMPARE(band.shownRecordIndex(), -1);

        ProbabilityBand::OfferedLead lead;
        lead.spans.startS = {0, 5};
        lead.spans.endS = {10, 15};
        lead.spans.score = {0.25, 0.75};
        lead.score = 0.5;
        band.offerPrediction(kAfRecord, model->runId() + 1, {{0, lead}});  // another run: not shown
        QVERIFY(!band.isWaitingForAssessment());
        QTRY_VERIFY_WITH_TIMEOUT(band.shownRecordIndex() == 0, 120000);   // so it scored the file itself
        QVERIFY(band.spans().size() > 2);

        band.expectPrediction(kAfRecord);
        QVERIFY(band.isWaitingForAssessment());
        band.offerPrediction(kAfRecord, model->runId(), {{0, lead}});
        QVERIFY(!band.isBusy());
        QCOMPARE(band.shownRecordIndex(), 0);
        QCOMPARE(band.spans().score, lead.spans.score);
        QCOMPARE(band.recordScore(), 0.5);

        band.setRecord(&dataset, 0, 1);  // a lead the Assessment did not offer: scored here
        QTRY_VERIFY_WITH_TIMEOUT(!band.isBusy(), 120000);
    }

    // The main window: a recording file opens in the ECG view and in the Assessment dock; the
    // assessed run becomes current (its band under the trace); a tachogram click pages there.
    void mainWindowOpensAndAssessesARecording() {
        MainWindow w;
        w.appSettings()->setResultsFile(run_.dbPath);
        w.resize(1440, 900);
        w.show();
        QSignalSpy shown(w.assessmentPanel(), &AssessmentPanel::assessmentShown);
        QSignalSpy failed(w.assessmentPanel(), &AssessmentPanel::assessmentFailed);
        // The band under the trace never scores the file itself: it waits for the Assessment's
        // spans (a day-long file would otherwise be scored twice at once).
        bool bandScored = false, bandWaited = false;
        QTimer watch;
        connect(&watch, &QTimer::timeout, this, [&] {
            bandScored = bandScored || w.ecgView()->probabilityBand()->isBusy();
            bandWaited = bandWaited || w.ecgView()->probabilityBand()->isWaitingForAssessment();
        });
        watch.start(2);
        w.openDataset(kAfRecord);  // what File → Open recording…, a drop and `dacl-studio FILE` call
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() || !failed.isEmpty(), 300000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.isEmpty() ? QString() : failed.front().at(1).toString()));
        QVERIFY(w.assessmentDock()->isVisible());
        QCOMPARE(w.tabs()->currentWidget(), static_cast<QWidget*>(w.ecgView()));
        QCOMPARE(w.currentRecord(), 0);
        // The results file's only run judged it, and it is the current run (its band shows).
        QCOMPARE(w.assessmentPanel()->assessment().run.runId, static_cast<long long>(run_.runId));
        QCOMPARE(w.currentRunId(), run_.runId);
        EcgView* ecg = w.ecgView();
        QTRY_VERIFY_WITH_TIMEOUT(ecg->probabilityBand()->hasModel() && !ecg->probabilityBand()->isBusy() &&
                                     ecg->probabilityBand()->shownRecordIndex() == 0,
                                 120000);
        QVERIFY(ecg->probabilityBand()->isVisible());
        watch.stop();
        QVERIFY(!bandScored);
        Q_UNUSED(bandWaited);  // no run was current before the Assessment: nothing to wait with
        // It shows the Assessment's own spans and record score for the lead on screen.
        const assess::LeadResult& lead = w.assessmentPanel()->assessment().leads.front();
        const ml::SpanProbabilities& spans = ecg->probabilityBand()->spans();
        QCOMPARE(spans.size(), lead.spans.size());
        for (std::size_t k = 0; k < spans.size(); ++k) QCOMPARE(spans.score[k], lead.spans[k].p);
        QCOMPARE(ecg->probabilityBand()->recordScore(), lead.pAf);

        // Click the last tachogram point: the ECG view shows its time.
        QTRY_VERIFY_WITH_TIMEOUT(!ecg->isLoading() && ecg->shownRecordIndex() == 0, 60000);
        RrTachogram* tacho = w.assessmentPanel()->tachogram();
        const int last = tacho->pointCount() - 1;
        QVERIFY(last > 0);
        tacho->replot();
        QTest::mouseClick(tacho->plotWidget(), Qt::LeftButton, {}, tacho->pointPixel(last).toPoint());
        const auto [t0, t1] = ecg->visibleTimeRange();
        const double t = tacho->pointTimes().at(last);
        QVERIFY2(t0 <= t && t <= t1, qPrintable(QString("%1 not in [%2, %3]").arg(t).arg(t0).arg(t1)));

        const QImage image = w.grab().toImage();
        QVERIFY(testing::distinctColours(image) > 50);
    }
};

QTEST_MAIN(TestAssessmentPanel)
#include "test_assessment_panel.moc"
