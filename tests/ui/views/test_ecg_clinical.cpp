// The ECG view to clinical standard (issue 13 §3): a trace with a +5 mV offset is centred and
// fully visible, every lead of a record gets its own labelled row, the default cursors sit on
// consecutive R peaks of real PhysioNet records with a plausible rate (interval only when
// there are no beats), paging a 24-h two-lead record draws per-column minima and maxima and
// renders, annotations (.atr and EDF+-style) appear on the strip and the overview, and the
// paper grid follows every pan.
#include "core/data/annotations.h"
#include "core/data/dataset.h"
#include "core/data/signal_reader.h"
#include "core/dsp/preprocess.h"
#include "core/dsp/robust_rpeaks.h"
#include "core/features/feature_job.h"
#include "common/tiny_run.h"
#include "ui/plots/ecg_paper.h"
#include "ui/views/ecg_overview.h"
#include "ui/views/ecg_view.h"
#include "ui/views/probability_band.h"

#include "ui/plots/custom_plot.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <optional>

using dacl::Dataset;
using dacl::ui::EcgView;

namespace {

constexpr double kDotsPerMm = 4.0;

// A plain synthetic beat (P, QRS, T as Gaussians) in mV at time `t` after its R peak.
double beat(double t) {
    auto g = [](double t, double mu, double sd, double a) { return a * std::exp(-0.5 * (t - mu) * (t - mu) / (sd * sd)); };
    return g(t, -0.16, 0.025, 0.12) + g(t, -0.02, 0.01, -0.1) + g(t, 0, 0.012, 1.1) + g(t, 0.025, 0.01, -0.25) +
           g(t, 0.25, 0.05, 0.3);
}

// `seconds` of ECG at `fs` with R peaks every `rr` s (first at 0.4 s), in mV plus `offset`.
std::vector<double> ecg(double seconds, double fs, double rr, double offset, double amplitude = 1) {
    const long n = std::lround(seconds * fs);
    std::vector<double> x(static_cast<std::size_t>(n));
    // One beat sampled once, then tiled: a day of samples stays cheap.
    const long period = std::lround(rr * fs);
    std::vector<double> shape(static_cast<std::size_t>(period));
    for (long i = 0; i < period; ++i) {
        double t = i / fs;  // time since the R peak, folded into [-rr/2, rr/2)
        if (t >= rr / 2) t -= rr;
        shape[static_cast<std::size_t>(i)] = amplitude * beat(t);
    }
    const long first = std::lround(0.4 * fs);
    for (long i = 0; i < n; ++i) x[static_cast<std::size_t>(i)] = offset + shape[static_cast<std::size_t>(((i - first) % period + period) % period)];
    return x;
}

// Writes a WFDB record (format 16, 1000 adu/mV) with one signal per lead into `dir`.
void writeRecord(const QString& dir, const QString& name, double fs, const std::vector<std::vector<double>>& leads,
                 const QStringList& labels) {
    std::vector<std::vector<int>> adu(leads.size());
    for (std::size_t k = 0; k < leads.size(); ++k) {
        adu[k].reserve(leads[k].size());
        for (double v : leads[k]) adu[k].push_back(static_cast<int>(std::lround(v * 1000)));
    }
    dacl::writeDat((dir + "/" + name + ".dat").toStdString(), 16, adu);
    QFile hea(dir + "/" + name + ".hea");
    QVERIFY(hea.open(QIODevice::WriteOnly));
    hea.write(QStringLiteral("%1 %2 %3 %4\n").arg(name).arg(leads.size()).arg(fs).arg(leads[0].size()).toUtf8());
    for (std::size_t k = 0; k < leads.size(); ++k)
        hea.write(QStringLiteral("%1.dat 16 1000/mV 16 0 0 0 0 %2\n").arg(name, labels[static_cast<int>(k)]).toUtf8());
}

bool waitShown(EcgView& view, int timeoutMs = 60000) {
    QSignalSpy spy(&view, &EcgView::recordShown);
    return !view.isLoading() || spy.wait(timeoutMs);
}

// Rows (in widget pixels of the plot) holding dark trace pixels between x0 and x1.
QVector<int> darkRows(const QImage& image, const QRect& area) {
    QVector<int> rows;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x)
            if (qGray(image.pixel(x, y)) < 60) {
                rows.push_back(y);
                break;
            }
    return rows;
}

}  // namespace

class TestEcgClinical : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString physionet_ = QStringLiteral(DACL_SHARED_DIR "/data/physionet2017");

    static void show(EcgView& view, QSize size = QSize(1280, 800)) {
        view.setDotsPerMm(kDotsPerMm);
        view.resize(size);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.plot()->replot();
    }

    QImage grabPlot(EcgView& view) {
        view.plot()->replot();
        return view.plot()->grab().toImage().convertToFormat(QImage::Format_RGB32);
    }

    Dataset folder(const QString& name) { return Dataset::open(dir_.filePath(name).toStdString()); }

    // A one-record folder `sub` holding `leads` as record `name`, opened as a dataset.
    Dataset recordFolder(const QString& sub, const QString& name, double fs, const std::vector<std::vector<double>>& leads,
                         const QStringList& labels) {
        QDir(dir_.path()).mkpath(sub);
        writeRecord(dir_.filePath(sub), name, fs, leads, labels);
        return folder(sub);
    }

    // `view` shown with record 0 of `ds` loaded.
    static bool showRecord(EcgView& view, const Dataset& ds, QSize size = QSize(1280, 800)) {
        show(view, size);
        view.setRecord(&ds, 0);
        return waitShown(view, 600000);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void aTraceAtPlusFiveMillivoltsIsCentredAndFullyVisible() {
        const std::vector<double> x = ecg(20, 250, 0.8, 5.0);
        const Dataset ds = recordFolder("offset", "cpsc", 250, {x}, {"II"});
        EcgView view;
        QVERIFY(showRecord(view, ds));
        const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
        const auto [v0, v1] = view.visibleMillivoltRange();
        // The axis covers the whole trace with room to spare, centred on its mid-range.
        QVERIFY2(v0 < *lo && v1 > *hi, qPrintable(QStringLiteral("%1..%2 vs %3..%4").arg(v0).arg(v1).arg(*lo).arg(*hi)));
        QVERIFY2(std::abs((v0 + v1) / 2 - (*lo + *hi) / 2) < 0.1, qPrintable(QString::number((v0 + v1) / 2)));
        QCOMPARE(view.mmPerMillivolt(), 10.0);  // a 1.4 mV beat fits: no need to shrink the gain
        QCOMPARE(view.calibrationPulseMillivolts(), 1.0);

        // What the user sees: the dark trace lies around the middle of the strip, never at an edge.
        const QImage image = grabPlot(view);
        QVERIFY(image.save(QStringLiteral("/tmp/ecg-offset.png")));
        // Below the window bands, right of the lead label.
        const QRect strip = view.timeAxis()->axisRect()->rect().adjusted(60, 55, 0, -30);
        const QVector<int> rows = darkRows(image, strip);
        QVERIFY(rows.size() > 20);
        const double middle = view.timeAxis()->axisRect()->rect().center().y();
        const double half = view.stripHeightPixels() / 2.0;
        QVERIFY2(rows.front() > middle - 0.4 * half && rows.back() < middle + 0.4 * half,
                 qPrintable(QStringLiteral("%1..%2 around %3").arg(rows.front()).arg(rows.back()).arg(middle)));
        QVERIFY(std::abs(view.rowCentrePixel(0) - middle) <= 1.5);
    }

    void aMultiLeadRecordShowsOneLabelledRowPerLead() {
        const Dataset ds = recordFolder("leads", "three", 250,
                    {ecg(12, 250, 0.75, -3.0), ecg(12, 250, 0.75, 0.2, 1.3), ecg(12, 250, 0.75, 4.0, -0.8)},
                    {"I", "II", "V1"});
        EcgView view;
        QVERIFY(showRecord(view, ds));
        QCOMPARE(view.rowCount(), 3);
        QCOMPARE(view.rowLabels(), (QStringList{"I", "II", "V1"}));
        QCOMPARE(view.overview()->leadRowCount(), 3);
        QCOMPARE(view.overview()->leadLabels(), (QStringList{"I", "II", "V1"}));
        // Rows top to bottom, inside the strip, each far enough from the next for its beats.
        const QRect strip = view.timeAxis()->axisRect()->rect();
        double previous = strip.top();
        for (int r = 0; r < 3; ++r) {
            const double y = view.rowCentrePixel(r);
            QVERIFY2(y > previous + 0.15 * strip.height(), qPrintable(QStringLiteral("row %1 at %2").arg(r).arg(y)));
            previous = y;
        }
        QVERIFY(previous < strip.bottom());
        // Each row has trace pixels around its centre (offsets of -3, 0.2 and +4 mV removed).
        const QImage image = grabPlot(view);
        for (int r = 0; r < 3; ++r) {
            const int y = qRound(view.rowCentrePixel(r));
            const QVector<int> rows = darkRows(image, QRect(strip.left() + 60, y - 25, strip.width() - 70, 50));
            QVERIFY2(rows.size() > 10, qPrintable(QStringLiteral("row %1: %2 dark lines").arg(r).arg(rows.size())));
        }
        // The chosen lead (bold label) can be changed; rows stay.
        view.setLead(2);
        QVERIFY(waitShown(view));
        QCOMPARE(view.lead(), 2);
        QCOMPARE(view.primaryRow(), 2);
        QCOMPARE(view.rowCount(), 3);
        QVERIFY(image.save(QStringLiteral("/tmp/ecg-three-leads.png")));
    }

    void defaultCursorsSitOnConsecutiveRPeaksOfRealRecords() {
        if (!QFile::exists(physionet_ + "/A00001.hea")) QSKIP("PhysioNet 2017 data not available");
        QVERIFY(QDir(dir_.path()).mkpath("real"));
        QFile list(dir_.filePath("real/RECORDS"));
        QVERIFY(list.open(QIODevice::WriteOnly));
        for (int i = 1; i <= 12; ++i) {
            const QString name = QStringLiteral("A%1").arg(i, 5, 10, QLatin1Char('0'));
            for (const char* ext : {".hea", ".mat"})
                QVERIFY(QFile::link(physionet_ + "/" + name + ext, dir_.filePath("real/" + name + ext)));
            list.write(name.toUtf8() + "\n");
        }
        list.close();
        const Dataset ds = folder("real");
        EcgView view;
        show(view);
        for (int r = 0; r < 12; ++r) {
            view.setRecord(&ds, r);
            QVERIFY(waitShown(view));
            const dacl::Recording rec = dacl::readRecording(ds.header(r));
            const auto peaks = dacl::dsp::detectRPeaksRobust(rec.channels[0], rec.fs);
            const EcgView::CursorReadout c = view.cursorReadout();
            const QString what = QString::fromStdString(ds.records()[r].name) + ": " + view.cursorReadoutText();
            // Both cursors on R peaks, one after the other.
            auto index = [&](double t) {
                for (std::size_t k = 0; k < peaks.size(); ++k)
                    if (std::abs(peaks[k] / rec.fs - t) < 1e-9) return static_cast<long>(k);
                return -1L;
            };
            const long a = index(c.t1), b = index(c.t2);
            QVERIFY2(a >= 0 && b == a + 1, qPrintable(what));
            // A plausible heart rate, printed.
            QVERIFY2(c.bpm >= 30 && c.bpm <= 250, qPrintable(what));
            QVERIFY2(view.cursorReadoutText().contains(QLocale().toString(c.bpm, 'f', 1) + " bpm"), qPrintable(what));
            const auto [t0, t1] = view.visibleTimeRange();
            QVERIFY(c.t1 >= t0 && c.t2 <= t1);
        }
        // A record loaded while the view is hidden (another tab): the cursors land on the
        // beats in view once it is shown.
        {
            EcgView hidden;
            hidden.setDotsPerMm(kDotsPerMm);
            hidden.resize(1280, 800);
            hidden.setRecord(&ds, 3);
            QVERIFY(waitShown(hidden));
            hidden.show();
            QVERIFY(QTest::qWaitForWindowExposed(&hidden));
            hidden.plot()->replot();
            const dacl::Recording rec = dacl::readRecording(ds.header(3));
            const auto peaks = dacl::dsp::detectRPeaksRobust(rec.channels[0], rec.fs);
            const EcgView::CursorReadout c = hidden.cursorReadout();
            const auto a = std::find(peaks.begin(), peaks.end(), std::lround(c.t1 * rec.fs));
            QVERIFY2(a != peaks.end() && a + 1 != peaks.end() && std::abs(*(a + 1) / rec.fs - c.t2) < 1e-9,
                     qPrintable(hidden.cursorReadoutText()));
            QVERIFY2(c.bpm >= 30 && c.bpm <= 250, qPrintable(hidden.cursorReadoutText()));
        }
        // After paging, the cursors follow onto the new page's first RR interval.
        view.pageForward();
        const auto [t0, t1] = view.visibleTimeRange();
        QVERIFY(view.cursorReadout().t1 >= t0 && view.cursorReadout().t2 <= t1);
        QVERIFY(view.cursorReadout().bpm >= 30);
    }

    void withoutBeatsTheCursorsAreOneSecondApartAndShowNoRate() {
        const std::vector<double> x(250 * 20, 0.4);  // a lead that picked up no heart at all
        const Dataset ds = recordFolder("flat", "flat", 250, {x}, {"II"});
        EcgView view;
        QVERIFY(showRecord(view, ds));
        const EcgView::CursorReadout c = view.cursorReadout();
        QCOMPARE(c.t2 - c.t1, 1.0);
        QCOMPARE(c.bpm, 0.0);
        QVERIFY2(!view.cursorReadoutText().contains("bpm"), qPrintable(view.cursorReadoutText()));
        QVERIFY(view.cursorReadoutText().contains(QLocale().toString(1000.0, 'f', 0) + " ms"));
        // Cursors the user places measure a rate again.
        view.setCursorTimes(2.0, 2.8);
        QVERIFY(std::abs(view.cursorReadout().bpm - 75) < 1e-9);
        // Too short for a rate (a QRS width): interval only, never "607 bpm".
        view.setCursorTimes(2.0, 2.099);
        QCOMPARE(view.cursorReadout().bpm, 0.0);
        QVERIFY(!view.cursorReadoutText().contains("bpm"));
    }

    void pagingADayOfTwoLeadsDrawsColumnsNotSamples() {
        QVERIFY(QDir(dir_.path()).mkpath("holter"));
        const double fs = 200;
        std::vector<double> one = ecg(86400, fs, 0.9, 0.0), two = ecg(86400, fs, 0.9, 1.5, 0.6);
        const std::size_t spike = static_cast<std::size_t>(10 * 3600 * fs) + 37;
        one[spike] = 7.5;  // one artefact spike at 10 h: per-column maxima must keep it
        writeRecord(dir_.filePath("holter"), "day", fs, {one, two}, {"ECG1", "ECG2"});
        one.clear();
        one.shrink_to_fit();
        two.clear();
        two.shrink_to_fit();
        const Dataset ds = folder("holter");
        EcgView view;
        show(view, QSize(1400, 800));
        view.setRecord(&ds, 0);
        QVERIFY(waitShown(view, 600000));
        QCOMPARE(view.rowCount(), 2);
        QCOMPARE(view.overview()->leadRowCount(), 2);
        QVERIFY(std::abs(view.overview()->duration() - 86400) < 1e-6);
        const int width = view.stripWidthPixels();

        view.setPageSeconds(30);
        auto [t0, t1] = view.visibleTimeRange();
        QVERIFY(std::abs(t0) < 1e-9 && std::abs((t1 - t0) - 30) < 1e-6);
        QCOMPARE(view.pageCount(), 2880);
        view.pageForward();
        std::tie(t0, t1) = view.visibleTimeRange();
        QVERIFY(std::abs(t0 - 30) < 1e-6);
        QCOMPARE(view.pageIndex(), 1);
        QVERIFY(view.displayedTimes().size() <= 2 * width + 4);  // 6,000 samples in view, drawn per column

        // A click in the overview at 12 h shows that part of the day.
        dacl::ui::EcgOverview* overview = view.overview();
        overview->plot()->replot();
        const QPointF noon = overview->pixelOf(43200);
        QTest::mouseClick(overview->plot(), Qt::LeftButton, {}, noon.toPoint());
        std::tie(t0, t1) = view.visibleTimeRange();
        QVERIFY2(t0 < 43200 + 60 && t1 > 43200 - 60, qPrintable(QStringLiteral("%1..%2").arg(t0).arg(t1)));
        QImage image = grabPlot(view);
        const QRect strip = view.timeAxis()->axisRect()->rect();
        for (int r = 0; r < 2; ++r) {
            const int y = qRound(view.rowCentrePixel(r));
            QVERIFY(darkRows(image, QRect(strip.left() + 60, y - 30, strip.width() - 70, 60)).size() > 10);
        }

        // The whole day on one strip: a pair of points per column, and the spike survives.
        view.fitToWindow();
        std::tie(t0, t1) = view.visibleTimeRange();
        QVERIFY(std::abs(t0) < 1e-9 && std::abs(t1 - 86400) < 1e-3);
        QVERIFY(view.traceIsDecimated());
        const QVector<double> mv = view.displayedMillivolts();
        QVERIFY(mv.size() <= 2 * width + 4 && mv.size() > width);
        QVERIFY(std::abs(*std::max_element(mv.begin(), mv.end()) - 7.5) < 1e-9);
        image = grabPlot(view);
        QVERIFY(darkRows(image, strip).size() > 50);
        QVERIFY(view.grab().toImage().save(QStringLiteral("/tmp/ecg-holter-day.png")));
        view.setPageSeconds(10);
        QVERIFY(std::abs((view.visibleTimeRange().second - view.visibleTimeRange().first) - 10) < 1e-6);
        QVERIFY(!view.traceIsDecimated());  // 2,000 samples over 1,300 px: every sample drawn
    }

    void annotationsAppearAsEpisodesAndMarks() {
        const double fs = 250;
        const Dataset ds = recordFolder("annotated", "af", fs, {ecg(30, fs, 0.8, 0.0)}, {"II"});
        // .atr: rhythm N from 0 s, AFIB from 10 s, N from 20 s, and a beat label on every beat
        // (ventricular ones while in AF, to tell the labels apart).
        std::vector<dacl::Annotation> atr;
        for (const auto& [t, aux] : {std::pair{0.0, "(N"}, std::pair{10.0, "(AFIB"}, std::pair{20.0, "(N"}}) {
            dacl::Annotation a;
            a.sample = std::lround(t * fs);
            a.code = dacl::anncode::RHYTHM;
            a.aux = aux;
            atr.push_back(a);
        }
        int beatCount = 0;
        for (double t = 0.4; t < 30; t += 0.8, ++beatCount) {
            dacl::Annotation b;
            b.sample = std::lround(t * fs);
            b.code = t > 10 && t < 20 ? dacl::anncode::PVC : dacl::anncode::NORMAL;
            atr.push_back(b);
        }
        std::stable_sort(atr.begin(), atr.end(), [](const auto& a, const auto& b) { return a.sample < b.sample; });
        dacl::writeAnnotations(dir_.filePath("annotated/af.atr").toStdString(), atr);
        EcgView view;
        QVERIFY(showRecord(view, ds));
        int episodes = 0, beats = 0;
        for (const auto& a : view.shownAnnotations()) (a.isEpisode() ? episodes : beats)++;
        QCOMPARE(episodes, 3);
        QCOMPARE(beats, beatCount);
        QCOMPARE(view.overview()->episodeCount(), 3);
        // The method's windows where core cuts them, also for a record resampled (250 -> 300 Hz).
        const dacl::features::FeatureSettings settings;
        const dacl::Recording rec = dacl::readRecording(ds.header(0));
        const auto clean = dacl::dsp::preprocess(rec.channels[0], rec.fs, settings.preprocess);
        const int hop = settings.evalHop > 0 ? settings.evalHop : dacl::dsp::windowHop(settings.window.samples, false);
        const auto windows = dacl::dsp::makeWindows({}, clean, settings.preprocess.targetFs, hop, settings.window);
        QVERIFY(windows.size() >= 3);
        QCOMPARE(view.windowCount(), static_cast<int>(windows.size()));
        for (std::size_t k = 0; k < windows.size(); ++k)
            QVERIFY(std::abs(view.windowBoundaryTimes()[static_cast<int>(k)] - windows[k].startS) < 1e-9);
        // On the first page (0..12.8 s at 25 mm/s): both rhythms and the beat labels.
        QStringList texts = view.visibleAnnotationTexts();
        QVERIFY2(texts.contains("N") && texts.contains("AFIB") && texts.contains("V"), qPrintable(texts.join(',')));
        // The AF band is drawn in its colour at the bottom of the strip.
        const QImage image = grabPlot(view);
        const int x = qRound(view.timeAxis()->coordToPixel(11.0));
        const int bandPx = QFontMetrics(view.font()).height() + 4;  // the episode row, above the cursor labels
        const int y = view.timeAxis()->axisRect()->rect().bottom() - bandPx - bandPx / 2;
        const QColor c = image.pixelColor(x, y);
        QVERIFY2(c.red() > c.green() + 40 && c.red() > c.blue() + 40, qPrintable(c.name()));

        // EDF+-style annotations (onset, duration, text) join them for this record only.
        view.setAnnotations(0, {{3.0, 2.0, "Artefact"}, {5.5, 0.0, "Event"}});
        texts = view.visibleAnnotationTexts();
        QVERIFY2(texts.contains("Artefact") && texts.contains("Event"), qPrintable(texts.join(',')));
        QCOMPARE(view.overview()->episodeCount(), 4);
        QVERIFY(image.save(QStringLiteral("/tmp/ecg-annotated.png")));
        view.goToEnd();
        QVERIFY(!view.visibleAnnotationTexts().contains("Artefact"));
    }

    void theRunsProbabilityShowsInTheOverviewToo() {
        const dacl::testing::TinyRun run = dacl::testing::makeTinyRun(dir_.filePath("run"), 12);
        auto model = std::make_shared<const dacl::ml::RunModel>(dacl::ml::RunModel::load(run.dbPath.toStdString(), run.runId));
        const Dataset ds = Dataset::open(run.dataDir.toStdString());
        int record = -1;  // a record with at least two spans
        for (std::size_t r = 0; r < ds.size() && record < 0; ++r)
            if (model->windowFeatures(*ds.signal(r), model->defaultLead()).size() >= 2) record = static_cast<int>(r);
        QVERIFY(record >= 0);
        EcgView view;
        show(view);
        view.setModel(model);
        view.setRecord(&ds, record);
        QVERIFY(waitShown(view));
        QTRY_VERIFY_WITH_TIMEOUT(!view.probabilityBand()->isBusy(), 180000);
        QTRY_VERIFY(view.overview()->showsProbability());
        // The overview's colour at a time is the mean p of the spans there, as on the band.
        const dacl::ml::SpanProbabilities& spans = view.probabilityBand()->spans();
        QVERIFY(spans.size() >= 2);
        for (std::size_t i = 0; i < spans.size(); ++i) {
            const double t = spans.startS[i] + 0.3;
            double sum = 0;
            int count = 0;
            for (std::size_t j = 0; j < spans.size(); ++j)
                if (t >= spans.startS[j] && t < spans.endS[j]) sum += spans.score[j], ++count;
            QVERIFY(std::abs(view.overview()->probabilityAt(t) - sum / count) < 1e-9);
        }
        // Another record: the old band goes, the new one comes.
        view.setRecord(&ds, record == 0 ? 1 : 0);
        QVERIFY(waitShown(view));
        QTRY_VERIFY_WITH_TIMEOUT(!view.probabilityBand()->isBusy(), 180000);
        QTRY_VERIFY(view.overview()->showsProbability());
        QCOMPARE(view.probabilityBand()->shownRecordIndex(), view.shownRecordIndex());
    }

    void theGridFollowsEveryPanAndZoom() {
        const Dataset ds = recordFolder("grid", "g", 250, {ecg(30, 250, 0.8, 0.0)}, {"II"});
        EcgView view;
        QVERIFY(showRecord(view, ds));
        const QRgb major = dacl::ui::ecgpaper::majorLineColour().rgb();
        // A pixel row near the bottom quarter of the strip, away from the trace and the bands.
        for (double start : {0.1, 0.37, 1.05, 7.3}) {
            view.setVisibleStart(start);
            if (start == 1.05) view.zoomTime(1.6, 3.0);
            const QImage image = grabPlot(view);
            const QRect strip = view.timeAxis()->axisRect()->rect();
            const double step = 5 / view.mmPerSecond();  // a 5 mm line every `step` seconds
            const auto [t0, t1] = view.visibleTimeRange();
            // A pixel row in the lower quarter that is not itself a horizontal grid line.
            const int between = qRound(view.timeAxis()->coordToPixel((std::ceil(t0 / step) + 0.3) * step));
            int y = strip.top() + strip.height() * 3 / 4;
            while (image.pixel(between, y) != dacl::ui::ecgpaper::paperColour().rgb() && y < strip.bottom() - 30) ++y;
            QCOMPARE(image.pixel(between, y), dacl::ui::ecgpaper::paperColour().rgb());
            int expected = 0, found = 0;
            for (double t = std::ceil(t0 / step) * step; t < t1; t += step) {
                const int x = qRound(view.timeAxis()->coordToPixel(t));
                if (x < strip.left() + 2 || x > strip.right() - 2) continue;
                ++expected;
                for (int dx = -1; dx <= 1; ++dx) {
                    if (image.pixel(x + dx, y) == major) {
                        ++found;
                        break;
                    }
                }
            }
            QVERIFY(expected > 10);
            // (a line may hide under the trace, a cursor or a window boundary; stale ticks miss all)
            QVERIFY2(found >= 0.9 * expected, qPrintable(QStringLiteral("start %1: %2 of %3 lines").arg(start).arg(found).arg(expected)));
        }
    }
};

QTEST_MAIN(TestEcgClinical)
#include "test_ecg_clinical.moc"
