// The ECG view shows a record's samples in mV at the physical scale a clinician expects (25 mm/s,
// 10 mm/mV, 1 mV calibration pulse), on the demo dataset and on real PhysioNet 2017 records; its
// R peaks are core's detector output, its window boundaries follow the method's window rule, its
// cursors measure what lies under them, and its screenshot shows ECG paper.
#include "core/data/dataset.h"
#include "core/data/signal_reader.h"
#include "core/dsp/preprocess.h"
#include "core/dsp/robust_rpeaks.h"
#include "core/synth/demo_dataset.h"
#include "ui/plots/ecg_paper.h"
#include "ui/views/ecg_overview.h"
#include "ui/views/ecg_view.h"

#include "ui/plots/custom_plot.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <optional>

using dacl::Dataset;
using dacl::ui::EcgView;

namespace {

constexpr double kDotsPerMm = 4.0;  // a 101.6-DPI screen: 25 mm/s is 100 px per second

// Window starts by the rule of method.md §1, written out here independently of core:
// 0, N, 2N, ... while a full window fits, plus one window ending at the record's end.
QVector<double> expectedWindowStarts(long n, long N, double fs) {
    QVector<double> s;
    if (n <= N) return {0.0};
    long start = 0;
    for (; start + N <= n; start += N) s.push_back(start / fs);
    if (start - N + N < n) s.push_back((n - N) / fs);
    return s;
}

bool waitShown(EcgView&, QSignalSpy& spy) { return spy.count() > 0 || spy.wait(30000); }

// Every displayed point is the sample at its time (the trace in view is drawn sample by sample
// when zoomed in; the view draws only what is in view, plus one sample each side).
void checkDisplayedSamples(const EcgView& view, const std::vector<double>& x, double fs) {
    QVERIFY(!view.traceIsDecimated());
    const QVector<double> t = view.displayedTimes(), mv = view.displayedMillivolts();
    QCOMPARE(t.size(), mv.size());
    const auto [t0, t1] = view.visibleTimeRange();
    const long first = std::max(0L, static_cast<long>(std::floor(t0 * fs)) - 1);
    const long last = std::min(static_cast<long>(x.size()) - 1, static_cast<long>(std::ceil(t1 * fs)) + 1);
    QCOMPARE(t.size(), static_cast<int>(last - first + 1));
    for (int i = 0; i < t.size(); ++i) {
        QCOMPARE(t[i], (first + i) / fs);
        QVERIFY2(std::abs(mv[i] - x[static_cast<std::size_t>(first + i)]) < 1e-9, qPrintable(QString::number(i)));
    }
}

}  // namespace

class TestEcgView : public QObject {
    Q_OBJECT
    QTemporaryDir demoDir_;
    QTemporaryDir realDir_;
    std::optional<Dataset> demo_;
    std::optional<Dataset> real_;
    QString physionet_ = QStringLiteral(DACL_SHARED_DIR "/data/physionet2017");

    static void showAndSettle(EcgView& view) {
        view.resize(1280, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.plot()->replot();
    }

private Q_SLOTS:
    void initTestCase() {
        dacl::NullProgress quiet;
        dacl::synth::writeDemoDataset(demoDir_.path().toStdString(), 8, 2017, quiet);
        demo_ = Dataset::open(demoDir_.path().toStdString());
        QCOMPARE(demo_->size(), std::size_t(8));
        // A small folder of real records (links, not copies, of the shared data).
        if (!QFile::exists(physionet_ + "/A00001.hea")) QSKIP("PhysioNet 2017 data not available");
        QFile records(realDir_.filePath("RECORDS"));
        QVERIFY(records.open(QIODevice::WriteOnly));
        for (const char* name : {"A00001", "A00002", "A00003"}) {
            for (const char* ext : {".hea", ".mat"})
                QVERIFY(QFile::link(physionet_ + "/" + name + ext, realDir_.filePath(QString(name) + ext)));
            records.write(QByteArray(name) + "\n");
        }
        records.close();
        // Their labels, from the shared REFERENCE.csv.
        QFile reference(physionet_ + "/REFERENCE.csv"), ours(realDir_.filePath("REFERENCE.csv"));
        QVERIFY(reference.open(QIODevice::ReadOnly) && ours.open(QIODevice::WriteOnly));
        for (const QByteArray& line : reference.readAll().split('\n'))
            if (line.startsWith("A00001") || line.startsWith("A00002") || line.startsWith("A00003"))
                ours.write(line.trimmed() + "\n");
        ours.close();
        real_ = Dataset::open(realDir_.path().toStdString());
        QCOMPARE(real_->size(), std::size_t(3));
    }

    void showsTheDemoRecordsSamplesInMillivolts() {
        EcgView view;
        showAndSettle(view);
        for (int r : {0, 5}) {
            QSignalSpy shown(&view, &EcgView::recordShown);
            view.setRecord(&*demo_, r);
            QVERIFY(view.isLoading());
            QVERIFY(waitShown(view, shown));
            QCOMPARE(shown.at(0).at(0).toInt(), r);
            const dacl::Recording rec = dacl::readRecording(demo_->header(r));
            checkDisplayedSamples(view, rec.channels[0], rec.fs);
            QCOMPARE(view.strip().millivolts, rec.channels[0]);
            // Synthetic ECG in mV: R waves of a fraction of a mV to a few mV, not adu.
            const auto [lo, hi] = std::minmax_element(rec.channels[0].begin(), rec.channels[0].end());
            QVERIFY(*hi - *lo > 0.3 && *hi - *lo < 10);
        }
    }

    void showsARealRecordInMillivolts() {
        if (!real_) QSKIP("no PhysioNet data");
        EcgView view;
        showAndSettle(view);
        QSignalSpy shown(&view, &EcgView::recordShown);
        view.setRecord(&*real_, 0);
        QVERIFY(waitShown(view, shown));
        // Independent of core's reader: A00001.mat is MATLAB v4, int16 samples from byte 24,
        // 1000 adu per mV and baseline 0 (its header says "16+24 1000/mV 16 0").
        QFile mat(physionet_ + "/A00001.mat");
        QVERIFY(mat.open(QIODevice::ReadOnly));
        const QByteArray bytes = mat.readAll();
        const int n = (bytes.size() - 24) / 2;
        QCOMPARE(n, 9000);
        std::vector<double> fromFile(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            qint16 adu;
            std::memcpy(&adu, bytes.constData() + 24 + 2 * i, 2);
            fromFile[static_cast<std::size_t>(i)] = adu / 1000.0;
        }
        QCOMPARE(view.strip().millivolts.size(), fromFile.size());
        checkDisplayedSamples(view, fromFile, 300);
        view.goToEnd();
        checkDisplayedSamples(view, fromFile, 300);
        QCOMPARE(view.displayedTimes().back(), 8999 / 300.0);
    }

    void physicalScaleAndPresets() {
        EcgView view;
        view.setDotsPerMm(kDotsPerMm);
        showAndSettle(view);
        QSignalSpy shown(&view, &EcgView::recordShown);
        view.setRecord(&*demo_, 1);
        QVERIFY(waitShown(view, shown));
        QCOMPARE(view.mmPerSecond(), 25.0);
        QCOMPARE(view.mmPerMillivolt(), 10.0);
        const int w = view.stripWidthPixels(), h = view.stripHeightPixels();
        QVERIFY2(w > 0.85 * 1280, qPrintable(QString::number(w)));  // the strip uses the width
        auto [t0, t1] = view.visibleTimeRange();
        QCOMPARE(t0, 0.0);
        QVERIFY(std::abs((t1 - t0) - w / kDotsPerMm / 25.0) < 1e-9);  // ~12.2 s across the strip
        QVERIFY(t1 - t0 > 11 && t1 - t0 < 13);
        auto [v0, v1] = view.visibleMillivoltRange();
        QVERIFY(std::abs((v1 - v0) - h / kDotsPerMm / 10.0) < 1e-9);
        // One second is 25 mm = 100 px; one mV is 10 mm = 40 px.
        QCPAxis* x = view.timeAxis();
        QCOMPARE(qRound(x->coordToPixel(3.0) - x->coordToPixel(2.0)), 100);
        QCPAxis* y = view.millivoltAxis();
        QCOMPARE(qRound(y->coordToPixel(0.0) - y->coordToPixel(1.0)), 40);

        view.setMmPerSecond(50);
        std::tie(t0, t1) = view.visibleTimeRange();
        QVERIFY(std::abs((t1 - t0) - w / kDotsPerMm / 50.0) < 1e-9);
        view.setMmPerSecond(12.5);
        std::tie(t0, t1) = view.visibleTimeRange();
        QVERIFY(std::abs((t1 - t0) - w / kDotsPerMm / 12.5) < 1e-9);
        view.setMmPerMillivolt(20);
        QCOMPARE(qRound(y->coordToPixel(0.0) - y->coordToPixel(1.0)), 80);
        view.setMmPerMillivolt(5);
        QCOMPARE(qRound(y->coordToPixel(0.0) - y->coordToPixel(1.0)), 20);
        // A calibration from settings (here 3 dots/mm) changes pixels, not paper millimetres.
        view.setDotsPerMm(3.0);
        view.setMmPerSecond(25);
        QCOMPARE(qRound(x->coordToPixel(2.0) - x->coordToPixel(1.0)), 75);
        // The calibration pulse is 1 mV: 10 mm at 10 mm/mV.
        view.setMmPerMillivolt(10);
        QCOMPARE(view.calibrationPulseMillivolts(), 1.0);
    }

    void navigationKeysWheelAndFit() {
        EcgView view;
        view.setDotsPerMm(kDotsPerMm);
        showAndSettle(view);
        QSignalSpy shown(&view, &EcgView::recordShown);
        view.setRecord(&*real_, 0);  // 30 s
        QVERIFY(waitShown(view, shown));
        const double span = view.visibleTimeRange().second - view.visibleTimeRange().first;
        QTest::keyClick(&view, Qt::Key_PageDown);
        QVERIFY(std::abs(view.visibleTimeRange().first - span) < 1e-9);
        QTest::keyClick(&view, Qt::Key_End);
        QVERIFY(std::abs(view.visibleTimeRange().second - 30.0) < 1e-9);
        QTest::keyClick(&view, Qt::Key_PageUp);
        QVERIFY(std::abs(view.visibleTimeRange().second - (30.0 - span)) < 1e-9);
        QTest::keyClick(&view, Qt::Key_Home);
        QCOMPARE(view.visibleTimeRange().first, 0.0);

        // Wheel up zooms in on time (higher paper speed); the time under the mouse stays put.
        QCustomPlot* plot = view.plot();
        const QPointF at(view.timeAxis()->coordToPixel(4.0), plot->height() / 2.0);
        QWheelEvent wheel(at, plot->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                          Qt::NoScrollPhase, false);
        QApplication::sendEvent(plot, &wheel);
        view.plot()->replot();
        QVERIFY(view.mmPerSecond() > 25);
        QVERIFY(std::abs(view.timeAxis()->pixelToCoord(at.x()) - 4.0) < 1e-6);

        // Fit: the whole record across the strip.
        view.fitToWindow();
        QVERIFY(std::abs(view.visibleTimeRange().first) < 1e-9);
        QVERIFY(std::abs(view.visibleTimeRange().second - 30.0) < 1e-6);

        // Clicking the whole-record overview shows that time on the strip.
        dacl::ui::EcgOverview* overview = view.overview();
        QVERIFY(std::abs(overview->duration() - 30.0) < 1e-9);  // one timeline for the record
        const QPointF at22 = overview->pixelOf(22.0);
        QTest::mouseClick(overview->plot(), Qt::LeftButton, {}, at22.toPoint());
        const auto [c0, c1] = view.visibleTimeRange();
        QVERIFY2(std::abs((c0 + c1) / 2 - overview->timeAt(at22)) < 1e-6 || c1 >= 30.0 - 1e-9,
                 qPrintable(QStringLiteral("%1 %2").arg(c0).arg(c1)));
        QVERIFY(c0 < 22.0 && 22.0 < c1);
        QVERIFY(std::abs(overview->timeAt(at22) - 22.0) < 0.05);

        // Dragging pans: 100 px to the left moves the strip later in time by 100 px worth.
        view.setMmPerSecond(25);
        view.goToStart();
        const double before = view.visibleTimeRange().first;
        const QPoint from(plot->width() / 2, plot->height() / 3);
        QTest::mousePress(plot, Qt::LeftButton, {}, from);
        QTest::mouseMove(plot, from - QPoint(50, 0));
        QTest::mouseMove(plot, from - QPoint(100, 0));
        QTest::mouseRelease(plot, Qt::LeftButton, {}, from - QPoint(100, 0));
        plot->replot();
        QVERIFY(std::abs(view.visibleTimeRange().first - (before + 100 / kDotsPerMm / 25)) < 1e-6);
    }

    void rPeaksAreCoresDetections() {
        EcgView view;
        showAndSettle(view);
        for (auto* ds : {&*demo_, &*real_}) {
            QSignalSpy shown(&view, &EcgView::recordShown);
            view.setRecord(ds, 0);
            QVERIFY(waitShown(view, shown));
            const dacl::Recording rec = dacl::readRecording(ds->header(0));
            const auto peaks = dacl::dsp::detectRPeaksRobust(rec.channels[0], rec.fs);
            QVERIFY(peaks.size() > 5);
            const QVector<double> t = view.rPeakTimes(), v = view.rPeakMillivolts();
            QCOMPARE(t.size(), static_cast<int>(peaks.size()));
            for (std::size_t k = 0; k < peaks.size(); ++k) {
                QCOMPARE(t[static_cast<int>(k)], peaks[k] / rec.fs);
                QCOMPARE(v[static_cast<int>(k)], rec.channels[0][peaks[k]]);  // marked on the trace
            }
        }
    }

    void windowBoundariesFollowTheWindowRule() {
        EcgView view;
        view.setDotsPerMm(kDotsPerMm);
        showAndSettle(view);
        for (auto* ds : {&*real_, &*demo_}) {
            for (int r = 0; r < 3; ++r) {
                QSignalSpy shown(&view, &EcgView::recordShown);
                view.setRecord(ds, r);
                QVERIFY(waitShown(view, shown));
                const auto& e = ds->records()[r];
                // Records here are at 300 Hz already, so windows cut the record's own samples.
                QCOMPARE(e.fs, 300.0);
                const QVector<double> starts = expectedWindowStarts(e.nSamples, 3072, 300.0);
                QCOMPARE(view.windowCount(), starts.size());
                QVector<double> expected = starts;
                expected.push_back(starts.back() + 3072 / 300.0);
                const QVector<double> got = view.windowBoundaryTimes();
                QCOMPARE(got.size(), expected.size());
                for (int k = 0; k < got.size(); ++k) QVERIFY(std::abs(got[k] - expected[k]) < 1e-12);
            }
        }
        // A00001: 9000 samples -> windows at 0, 10.24 s and (9000 - 3072) / 300 = 19.76 s.
        QSignalSpy shown(&view, &EcgView::recordShown);
        view.setRecord(&*real_, 0);
        QVERIFY(waitShown(view, shown));
        QCOMPARE(view.windowBoundaryTimes().mid(0, 3), (QVector<double>{0.0, 10.24, 19.76}));

        // Clicking inside the second window selects it.
        QSignalSpy selected(&view, &EcgView::windowSelected);
        QCustomPlot* plot = view.plot();
        const QPoint p(qRound(view.timeAxis()->coordToPixel(11.0)), plot->height() / 2);
        QTest::mouseClick(plot, Qt::LeftButton, {}, p);
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.at(0).at(0).toInt(), 1);
        QCOMPARE(view.highlightedWindow(), 1);
        // Another view asks for the last window: it is highlighted and scrolled into view.
        view.setWindowHighlight(2);
        QCOMPARE(view.highlightedWindow(), 2);
        QVERIFY(view.visibleTimeRange().second > 19.76);
    }

    void cursorsMeasureTheirPositions() {
        EcgView view;
        view.setDotsPerMm(kDotsPerMm);
        showAndSettle(view);
        QSignalSpy shown(&view, &EcgView::recordShown);
        view.setRecord(&*real_, 0);
        QVERIFY(waitShown(view, shown));
        const dacl::Recording rec = dacl::readRecording(real_->header(0));
        const auto& x = rec.channels[0];
        // Initially on the first two R peaks: Δt is the first RR interval.
        const auto peaks = dacl::dsp::detectRPeaksRobust(x, rec.fs);
        EcgView::CursorReadout r = view.cursorReadout();
        QCOMPARE(r.t1, peaks[0] / 300.0);
        QCOMPARE(r.t2, peaks[1] / 300.0);

        view.setCursorTimes(1.0, 1.8);
        r = view.cursorReadout();
        QVERIFY(std::abs(r.dtMs - 800) < 1e-9);
        QVERIFY(std::abs(r.bpm - 75) < 1e-9);
        QCOMPARE(r.dMv, x[540] - x[300]);
        QVERIFY(view.cursorReadoutText().contains(QStringLiteral("800 ms")));
        QVERIFY(view.cursorReadoutText().contains(QLocale().toString(75.0, 'f', 1)));

        // Dragging cursor 2 with the mouse moves it to the time under the pointer.
        QCustomPlot* plot = view.plot();
        const int y = plot->height() / 2;
        const QPoint grab(qRound(view.timeAxis()->coordToPixel(1.8)), y);
        const QPoint drop(qRound(view.timeAxis()->coordToPixel(2.6)), y);
        QTest::mousePress(plot, Qt::LeftButton, {}, grab);
        QTest::mouseMove(plot, (grab + drop) / 2);
        QTest::mouseMove(plot, drop);
        QTest::mouseRelease(plot, Qt::LeftButton, {}, drop);
        r = view.cursorReadout();
        QCOMPARE(r.t1, 1.0);
        QVERIFY(std::abs(r.t2 - view.timeAxis()->pixelToCoord(drop.x())) < 1e-9);
        QVERIFY(std::abs(r.t2 - 2.6) < 0.011);  // within a pixel (10 ms at 100 px/s)
        QVERIFY(std::abs(r.bpm - 60 / (r.t2 - r.t1)) < 1e-9);
        QCOMPARE(r.dMv, x[std::lround(r.t2 * 300)] - x[300]);
        QCOMPARE(view.visibleTimeRange().first, 0.0);  // grabbing a cursor does not pan
    }

    void filteredToggleShowsTheBandPassedSignal() {
        EcgView view;
        showAndSettle(view);
        QSignalSpy shown(&view, &EcgView::recordShown);
        view.setRecord(&*real_, 1);
        QVERIFY(waitShown(view, shown));
        view.setFiltered(true);
        const dacl::Recording rec = dacl::readRecording(real_->header(1));
        const auto f = dacl::dsp::bandpass(rec.channels[0], rec.fs, dacl::dsp::PreprocessSettings{});
        checkDisplayedSamples(view, f, rec.fs);
        view.setFiltered(false);
        checkDisplayedSamples(view, rec.channels[0], rec.fs);
    }

    void staleResultsAreIgnored() {
        EcgView view;
        showAndSettle(view);
        QSignalSpy shown(&view, &EcgView::recordShown);
        // Quick changes: only the last record is ever shown.
        view.setRecord(&*demo_, 2);
        view.setRecord(&*demo_, 3);
        view.setRecord(&*real_, 2);
        QVERIFY(waitShown(view, shown));
        QTest::qWait(300);  // give stale loads time to finish (and be dropped)
        QCOMPARE(shown.count(), 1);
        QCOMPARE(shown.at(0).at(0).toInt(), 2);
        QCOMPARE(view.strip().name, std::string("A00003"));
        QCOMPARE(view.strip().millivolts.size(), static_cast<std::size_t>(real_->records()[2].nSamples));
        view.setRecord(nullptr, -1);
        QCOMPARE(view.shownRecordIndex(), -1);
        QVERIFY(view.displayedMillivolts().isEmpty());
    }

    void screenshotShowsEcgPaper() {
        EcgView view;
        view.setDotsPerMm(96 / 25.4);  // a common desktop monitor
        showAndSettle(view);
        QSignalSpy shown(&view, &EcgView::recordShown);
        view.setRecord(&*real_, 0);
        QVERIFY(waitShown(view, shown));
        QTest::qWait(50);  // let the labels' layout settle
        view.plot()->replot();
        const QImage shot = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
        QVERIFY(shot.save(QStringLiteral("/tmp/views-ecg.png")));
        QCOMPARE(shot.size(), QSize(1280, 800));
        int paper = 0, major = 0, minor = 0, trace = 0;
        const QRgb paperC = dacl::ui::ecgpaper::paperColour().rgb();
        const QRgb majorC = dacl::ui::ecgpaper::majorLineColour().rgb();
        const QRgb minorC = dacl::ui::ecgpaper::minorLineColour().rgb();
        for (int y = 0; y < shot.height(); ++y)
            for (int x = 0; x < shot.width(); ++x) {
                const QRgb c = shot.pixel(x, y);
                paper += c == paperC;
                major += c == majorC;
                minor += c == minorC;
                trace += qGray(c) < 60;
            }
        // The strip is mostly paper, with both grids (1 mm lines every 3.8 px here) and a dark trace.
        const double area = double(view.stripWidthPixels()) * view.stripHeightPixels();
        QVERIFY(area > 1000 * 300);
        QVERIFY2(paper > 0.35 * area, qPrintable(QString::number(paper / area)));
        QVERIFY2(major > 0.03 * area, qPrintable(QString::number(major / area)));
        QVERIFY2(minor > 0.08 * area, qPrintable(QString::number(minor / area)));
        QVERIFY2(trace > 3000, qPrintable(QString::number(trace)));
    }
};

QTEST_MAIN(TestEcgView)
#include "test_ecg_view.moc"
