// The scattering view shows, for a record's evaluation window, exactly core's scattering of that
// window (the feature job's preprocessing), with the first-order filters' centre frequencies in
// Hz on the axis, the order-2 children of a chosen first-order path, the Scattering Transformer
// tokens whose pooled mean/std are the feature job's features, and hover text naming path and value.
// With a repr = sequence run's settings a window is a span of the frame sequence: its tokens and
// rhythm channels are the feature job's sequence row, padding frames stay blank.
#include "core/common/settings.h"
#include "core/data/dataset.h"
#include "core/data/signal_reader.h"
#include "core/dsp/preprocess.h"
#include "core/dsp/scattering.h"
#include "core/dsp/scattering_transformer.h"
#include "core/features/feature_job.h"
#include "core/features/sequence_layout.h"
#include "core/synth/demo_dataset.h"
#include "ui/language_rows.h"
#include "ui/settings/language.h"
#include "ui/views/scattering_view.h"

#include "ui/plots/custom_plot.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <optional>

using dacl::Dataset;
using dacl::ui::ScatteringView;
using Panel = ScatteringView::Panel;

namespace {

// Core's scattering of evaluation window `w` of a record, computed here step by step:
// lead 0 -> preprocess (method defaults) -> windows with hop N -> Scattering1D (double).
std::vector<double> coreScattering(const Dataset& ds, std::size_t record, int w, const dacl::dsp::Scattering1D& sc,
                                   double* startS) {
    const dacl::Recording rec = dacl::readRecording(ds.header(record));
    const auto clean = dacl::dsp::preprocess(rec.channels[0], rec.fs, dacl::dsp::PreprocessSettings{});
    const auto windows = dacl::dsp::makeWindows(rec.name, clean, 300.0, 3072, dacl::dsp::WindowSettings{});
    const std::vector<double> x(windows.at(w).samples.begin(), windows.at(w).samples.end());
    std::vector<double> S(sc.outputSize());
    sc.transform(x.data(), S.data());
    *startS = windows[w].startS;
    return S;
}

// Version 1's pooled windows (J = 7, 10.24 s): what most checks below compare with.
dacl::features::FeatureSettings pooledSettings() { return dacl::features::FeatureSettings{}; }

bool waitShown(QSignalSpy& spy) { return spy.count() > 0 || spy.wait(60000); }

double parseHz(const QString& label) {
    QString s = label;
    s.remove(QStringLiteral(" Hz"));
    bool ok = false;
    const double v = QLocale().toDouble(s, &ok);
    return ok ? v : std::nan("");
}

}  // namespace

class TestScatteringView : public QObject {
    Q_OBJECT
    QTemporaryDir demoDir_;
    QTemporaryDir realDir_;
    std::optional<Dataset> demo_;
    std::optional<Dataset> real_;
    std::unique_ptr<dacl::dsp::Scattering1D> sc_;

private Q_SLOTS:
    void initTestCase() {
        dacl::NullProgress quiet;
        dacl::synth::writeDemoDataset(demoDir_.path().toStdString(), 8, 2017, quiet);
        demo_ = Dataset::open(demoDir_.path().toStdString());
        sc_ = std::make_unique<dacl::dsp::Scattering1D>(dacl::dsp::ScatteringConfig{});  // J 7, Q (8,1), N 3072
        const QString physionet = QStringLiteral(DACL_SHARED_DIR "/data/physionet2017");
        if (!QFile::exists(physionet + "/A00001.hea")) QSKIP("PhysioNet 2017 data not available");
        QFile records(realDir_.filePath("RECORDS"));
        QVERIFY(records.open(QIODevice::WriteOnly));
        for (const char* name : {"A00001", "A00002"}) {
            for (const char* ext : {".hea", ".mat"})
                QVERIFY(QFile::link(physionet + "/" + name + ext, realDir_.filePath(QString(name) + ext)));
            records.write(QByteArray(name) + "\n");
        }
        records.close();
        real_ = Dataset::open(realDir_.path().toStdString());
    }

    void order1MatrixEqualsCoresScattering() {
        ScatteringView view;
        view.setFeatureSettings(pooledSettings());
        view.resize(1280, 800);
        view.show();
        for (auto* ds : {&*real_, &*demo_}) {
            for (int w : {0, 1, 2}) {
                QSignalSpy shown(&view, &ScatteringView::windowShown);
                view.setRecord(ds, 0);
                view.setWindow(w);
                QVERIFY(waitShown(shown));
                QCOMPARE(shown.last().at(1).toInt(), w);
                double startS = -1;
                const auto S = coreScattering(*ds, 0, w, *sc_, &startS);
                QCOMPARE(view.windowStartS(), startS);
                const auto& paths = sc_->paths();
                const ScatteringView::Heatmap raw = view.order1Matrix();
                const ScatteringView::Heatmap shownMap = view.displayed(Panel::Order1);
                const int T = sc_->nFrames();
                QCOMPARE(raw.cols, T);
                QCOMPARE(shownMap.cols, T);
                int row = 0;
                for (int p = 0; p < static_cast<int>(paths.size()); ++p) {
                    if (paths[p].order != 1) continue;
                    for (int c = 0; c < T; ++c) {
                        const double s = S[static_cast<std::size_t>(p) * T + c];
                        QVERIFY(std::abs(raw.at(row, c) - s) <= 1e-9);
                        QVERIFY(std::abs(shownMap.at(row, c) - std::log(s + 1e-6)) <= 1e-9);  // log scale
                    }
                    ++row;
                }
                QCOMPARE(raw.rows, row);
                QCOMPARE(shownMap.rows, row);
                // The time axis is the window's span in the record, as in the ECG view.
                const auto [t0, t1] = view.timeRange(Panel::Order1);
                QCOMPARE(t0, startS);
                QVERIFY(std::abs(t1 - (startS + 10.24)) < 1e-12);
                QCOMPARE(view.frameTimes().front(), startS + sc_->framePosition(0) / 300.0);
            }
        }
        // Linear scale shows S itself.
        view.setLogScale(false);
        double startS;
        const auto S = coreScattering(*demo_, 0, view.windowIndex(), *sc_, &startS);
        const ScatteringView::Heatmap lin = view.displayed(Panel::Order1);
        const int p0 = view.rowPaths(Panel::Order1).at(3);
        QVERIFY(std::abs(lin.at(3, 5) - S[static_cast<std::size_t>(p0) * sc_->nFrames() + 5]) <= 1e-12);
    }

    void tokensPoolToTheFeatureJobsFeatures() {
        // The feature job (double precision) on the same record: the view's tokens, mean/std
        // pooled, are its feature row for the window.
        ScatteringView view;
        view.setFeatureSettings(pooledSettings());
        view.show();
        QSignalSpy shown(&view, &ScatteringView::windowShown);
        view.setRecord(&*real_, 0);
        view.setWindow(1);
        QVERIFY(waitShown(shown));
        dacl::features::FeatureSettings fs;
        fs.float32 = false;
        fs.hop = 3072;
        fs.threads = 1;
        dacl::NullProgress quiet;
        const auto set = dacl::features::computeFeatures(*real_, fs, quiet, {}, {0});
        int row = -1;
        for (std::size_t i = 0; i < set.rows(); ++i)
            if (std::abs(set.startS[i] - view.windowStartS()) < 1e-9) row = static_cast<int>(i);
        QVERIFY(row >= 0);
        const ScatteringView::Heatmap tokens = view.displayed(Panel::Tokens);  // rows = paths, cols = frames
        QCOMPARE(tokens.rows, sc_->nPaths());
        std::vector<double> tokenMajor(static_cast<std::size_t>(tokens.rows) * tokens.cols);
        for (int c = 0; c < tokens.rows; ++c)
            for (int t = 0; t < tokens.cols; ++t) tokenMajor[static_cast<std::size_t>(t) * tokens.rows + c] = tokens.at(c, t);
        const auto pooled = dacl::dsp::meanStdPool(tokenMajor.data(), tokens.cols, tokens.rows);
        QCOMPARE(static_cast<int>(pooled.size()), set.dim);
        for (int k = 0; k < set.dim; ++k)
            QVERIFY2(std::abs(pooled[k] - set.row(row)[k]) <= 1e-5 * std::max(1.0, std::abs(pooled[k])),
                     qPrintable(QString::number(k)));
    }

    void frequencyAxisIsTheFilterBankInHz() {
        ScatteringView view;
        view.setFeatureSettings(pooledSettings());
        view.show();
        QSignalSpy shown(&view, &ScatteringView::windowShown);
        view.setRecord(&*demo_, 1);
        QVERIFY(waitShown(shown));
        const auto& psi1 = sc_->psi1Params();
        const QVector<double> f = view.order1FrequenciesHz();
        QCOMPARE(f.size(), static_cast<int>(psi1.size()));
        for (int n1 = 0; n1 < f.size(); ++n1) QCOMPARE(f[n1], psi1[n1].xi * 300.0);
        // Highest frequency first (top row), decreasing downwards, below Nyquist.
        QVERIFY(f.front() < 150 && f.front() > f.back());
        const QMap<double, QString> ticks = view.axisTicks(Panel::Order1);
        QVERIFY(ticks.size() >= 5);
        for (auto it = ticks.begin(); it != ticks.end(); ++it) {
            const int row = static_cast<int>(it.key());
            const double expected = psi1[row].xi * 300.0;
            QVERIFY2(std::abs(parseHz(it.value()) - expected) <= 0.005 * expected,
                     qPrintable(it.value() + " vs " + QString::number(expected)));
        }
    }

    void choosingAFirstOrderPathShowsItsChildren() {
        ScatteringView view;
        view.setFeatureSettings(pooledSettings());
        view.resize(1280, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy shown(&view, &ScatteringView::windowShown);
        view.setRecord(&*demo_, 2);
        QVERIFY(waitShown(shown));
        double startS;
        const auto S = coreScattering(*demo_, 2, 0, *sc_, &startS);
        const auto& paths = sc_->paths();
        const int T = sc_->nFrames();
        int withChildren = 0, without = 0;
        for (int n1 = 0; n1 < static_cast<int>(sc_->psi1Params().size()); ++n1) {
            view.setFirstOrderPath(n1);
            QVector<int> expected;
            for (int p = 0; p < static_cast<int>(paths.size()); ++p)
                if (paths[p].order == 2 && paths[p].n1 == n1) expected.push_back(p);
            QCOMPARE(view.rowPaths(Panel::Order2), expected);
            const ScatteringView::Heatmap m = view.displayed(Panel::Order2);
            QCOMPARE(m.rows, static_cast<int>(expected.size()));
            for (int r = 0; r < m.rows; ++r) {
                QCOMPARE(view.order2FrequenciesHz()[r], paths[expected[r]].xi2 * 300.0);
                for (int c = 0; c < T; ++c)
                    QVERIFY(std::abs(m.at(r, c) - std::log(S[static_cast<std::size_t>(expected[r]) * T + c] + 1e-6)) <= 1e-9);
            }
            (expected.isEmpty() ? without : withChildren)++;
        }
        QVERIFY(withChildren > 10);  // J = 7, Q2 = 1: most first-order paths have children
        QVERIFY(without > 0);        // the coarsest ones have none, and the view shows none

        // Clicking a row of the scalogram chooses that first-order path.
        QSignalSpy chosen(&view, &ScatteringView::firstOrderPathChanged);
        view.setFirstOrderPath(0);
        const QPointF cell = view.cellCentre(Panel::Order1, 12, 4);
        QTest::mouseClick(view.plot(), Qt::LeftButton, {}, cell.toPoint());
        QCOMPARE(view.firstOrderPath(), 12);
        QCOMPARE(chosen.last().at(0).toInt(), 12);
    }

    void hoverNamesPathAndValue() {
        ScatteringView view;
        view.setFeatureSettings(pooledSettings());
        view.resize(1280, 1000);  // rows of the token map at least 1.5 px high, so that a row's centre is inside it
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy shown(&view, &ScatteringView::windowShown);
        view.setRecord(&*real_, 0);
        QVERIFY(waitShown(shown));
        const auto hoverAt = [&](QPointF pos) {
            QMouseEvent move(QEvent::MouseMove, pos, view.plot()->mapToGlobal(pos), Qt::NoButton, Qt::NoButton,
                             Qt::NoModifier);
            QApplication::sendEvent(view.plot(), &move);
            return view.hoverText();
        };
        const auto& paths = sc_->paths();
        // Order 1, row 9, frame 7.
        QString text = hoverAt(view.cellCentre(Panel::Order1, 9, 7));
        const int p1 = view.rowPaths(Panel::Order1)[9];
        QVERIFY2(text.contains(QStringLiteral("Order 1")) && text.contains(QStringLiteral("n1 = 9")), qPrintable(text));
        QVERIFY2(text.contains(QLocale().toString(paths[p1].xi1 * 300, 'g', 3) + QStringLiteral(" Hz")), qPrintable(text));
        QVERIFY2(text.contains(QLocale().toString(view.displayed(Panel::Order1).at(9, 7), 'g', 5)), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("frame 7")));
        // Order 2 of the chosen path.
        view.setFirstOrderPath(5);
        text = hoverAt(view.cellCentre(Panel::Order2, 1, 3));
        const int p2 = view.rowPaths(Panel::Order2)[1];
        QVERIFY2(text.contains(QStringLiteral("Order 2")) && text.contains(QStringLiteral("n1 = 5")) &&
                     text.contains(QStringLiteral("n2 = %1").arg(paths[p2].n2)),
                 qPrintable(text));
        QVERIFY2(text.contains(QLocale().toString(view.displayed(Panel::Order2).at(1, 3), 'g', 5)), qPrintable(text));
        // A token of an order-0 path.
        text = hoverAt(view.cellCentre(Panel::Tokens, 0, 2));
        QVERIFY2(text.contains(QStringLiteral("Order 0")) &&
                     text.contains(QLocale().toString(view.displayed(Panel::Tokens).at(0, 2), 'g', 5)),
                 qPrintable(text));
    }

    void sequenceSpanIsWhatTheModelSees() {
        // The method's default settings (repr = sequence, J = 5, 30.72-s spans), as a run of the
        // defaults gives them. A00001 has 9,000 samples, so its one span ends in padding frames.
        ScatteringView view;
        view.resize(1280, 900);
        view.show();
        const dacl::features::FeatureSettings seq = dacl::features::FeatureSettings::fromSettings(dacl::Settings());
        QVERIFY(seq.sequence);
        QCOMPARE(seq.J, 5);
        view.setFeatureSettings(seq);
        QSignalSpy shown(&view, &ScatteringView::windowShown);
        view.setRecord(&*real_, 0);
        QVERIFY(waitShown(shown));
        QVERIFY(view.result().sequence);
        QCOMPARE(view.result().nFrames, 288);
        const int V = view.result().validFrames;
        QVERIFY2(V > 270 && V < 288, qPrintable(QString::number(V)));

        // The feature job's sequence row of the same record (double precision).
        dacl::features::FeatureSettings fs = seq;
        fs.float32 = false;
        fs.threads = 1;
        dacl::NullProgress quiet;
        const auto set = dacl::features::computeFeatures(*real_, fs, quiet, {}, {0});
        QCOMPARE(static_cast<int>(set.rows()), 1);
        const float* row = set.row(0);
        const auto layout = dacl::features::SequenceLayout::of(row);
        QCOMPARE(dacl::features::SequenceLayout::validFrames(row), V);
        const int P = view.result().nPaths;
        QCOMPARE(layout.channels, P + 2);
        const ScatteringView::Heatmap tokens = view.displayed(Panel::Tokens);  // rows = paths, cols = frames
        QCOMPARE(tokens.cols, 288);
        for (int f = 0; f < tokens.cols; ++f)
            for (int c = 0; c < P; ++c) {
                const double shownValue = tokens.at(c, f);
                if (f >= V) {
                    QVERIFY2(std::isnan(shownValue), "padding frames are blank, as the model masks them");
                    continue;
                }
                const double model = layout.frame(row, f)[c];
                QVERIFY2(std::abs(shownValue - model) <= 1e-4 * std::max(1.0, std::abs(model)),
                         qPrintable(QStringLiteral("frame %1 path %2: %3 vs %4").arg(f).arg(c).arg(shownValue).arg(model)));
            }
        // The rhythm channels, one value per valid frame, equal the row's two extra channels.
        const QVector<double> rr = view.rhythmShown(0), drr = view.rhythmShown(1);
        QCOMPARE(rr.size(), V);
        QCOMPARE(drr.size(), V);
        for (int f = 0; f < V; ++f) {
            QVERIFY(std::abs(rr[f] - layout.frame(row, f)[P]) <= 1e-6);
            QVERIFY(std::abs(drr[f] - layout.frame(row, f)[P + 1]) <= 1e-6);
            QVERIFY(rr[f] >= 0.2 && rr[f] <= 2.5);
        }
        // A00001 is sinus rhythm: the RR channel varies little around its median.
        QVector<double> sorted = rr;
        std::sort(sorted.begin(), sorted.end());
        QVERIFY(sorted[V / 10] > 0.8 * sorted[V / 2] && sorted[9 * V / 10] < 1.2 * sorted[V / 2]);
        QVERIFY(view.grab().save(QStringLiteral("/tmp/views-scattering-sequence.png")));

        // Pooled settings (a version-1 run) have no rhythm channels to show.
        QSignalSpy again(&view, &ScatteringView::windowShown);
        view.setFeatureSettings(pooledSettings());
        QVERIFY(waitShown(again));
        QVERIFY(!view.result().sequence);
        QVERIFY(view.rhythmShown(0).isEmpty());
    }

    void colourScaleChoiceAndScreenshot() {
        ScatteringView view;
        view.setFeatureSettings(pooledSettings());
        view.resize(1280, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy shown(&view, &ScatteringView::windowShown);
        view.setRecord(&*real_, 0);
        QVERIFY(waitShown(shown));
        view.setGradient(dacl::ui::HeatmapGradient::Grey);
        const QImage grey = view.grab().toImage();
        view.setGradient(dacl::ui::HeatmapGradient::Magma);
        const QImage magma = view.grab().toImage();
        // The darkest colour of magma is its published first sample (#000004).
        auto* scale = qobject_cast<QCPColorScale*>(view.plot()->plotLayout()->element(1, 1));
        QVERIFY(scale);
        QCOMPARE(QColor(scale->gradient().color(0, QCPRange(0, 1))), QColor(QStringLiteral("#000004")));
        QVERIFY(grey != magma);
        // In grey every map pixel is grey; in magma many are not.
        const QPoint inside = view.plot()->mapTo(&view, view.cellCentre(Panel::Order1, 10, 10).toPoint());
        const QColor g = grey.pixelColor(inside), m = magma.pixelColor(inside);
        QVERIFY(g.red() == g.green() && g.green() == g.blue());
        QVERIFY(!(m.red() == m.green() && m.green() == m.blue()));
        view.setGradient(dacl::ui::HeatmapGradient::Viridis);
        const QImage shot = view.grab().toImage();
        QCOMPARE(shot.size(), QSize(1280, 800));
        QVERIFY(shot.save(QStringLiteral("/tmp/views-scattering.png")));
    }

    // The rhythm channels' legend lies outside their axes, where it covered the curves: whole
    // inside the plot, clear of the row's title text, both entries readable, the axes tall enough
    // to read; English and German at 1280 × 800.
    void rhythmLegendOutsideTheCurves_data() {
        dacl::testing::addLanguageRows();
    }
    void rhythmLegendOutsideTheCurves() {
        QFETCH(QString, language);
        dacl::ui::installLanguage(language);
        ScatteringView view;
        view.resize(1280, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setFeatureSettings(dacl::features::FeatureSettings::fromSettings(dacl::Settings()));
        QSignalSpy shown(&view, &ScatteringView::windowShown);
        view.setRecord(&*real_, 0);
        QVERIFY(waitShown(shown));
        QVERIFY(!view.rhythmShown(0).isEmpty());
        QCustomPlot* plot = view.plot();
        plot->replot();
        view.grab().save(QDir::temp().filePath(QStringLiteral("dacl-scattering-rhythm-%1.png").arg(language)));
        dacl::ui::installLanguage(QStringLiteral("en"));

        // The rhythm graphs are the plot's only graphs; their legend is wherever the layout put it.
        QCOMPARE(plot->graphCount(), 2);
        const QRect axes = plot->graph(0)->keyAxis()->axisRect()->rect();
        QCPLegend* legend = nullptr;
        QList<QCPLayoutElement*> elements = plot->plotLayout()->elements(true);
        for (QCPAxisRect* rect : plot->axisRects()) elements << rect->insetLayout() << rect->insetLayout()->elements(true);
        for (QCPLayoutElement* e : elements)
            if (auto* l = qobject_cast<QCPLegend*>(e); l && l->hasItemWithPlottable(plot->graph(0))) legend = l;
        QVERIFY(legend);
        QVERIFY(legend->visible());
        QCOMPARE(legend->itemCount(), 2);
        const QRect box = legend->outerRect();
        auto text = [](const QRect& r) { return QStringLiteral("%1,%2 %3×%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height()); };
        QVERIFY2(!box.intersects(axes), qPrintable(QStringLiteral("legend %1 over the axes %2").arg(text(box), text(axes))));
        QVERIFY2(plot->rect().contains(box), qPrintable(text(box)));
        // Tall enough to read a step of the RR interval (it was about 50 px at this size).
        QVERIFY2(axes.height() >= 90, qPrintable(QStringLiteral("rhythm axes %1").arg(text(axes))));
        for (int i = 0; i < legend->itemCount(); ++i)
            QVERIFY2(legend->item(i)->outerRect().width() >= 40, qPrintable(text(legend->item(i)->outerRect())));
        // The title's text, centred in its element, stays clear of the legend.
        for (QCPLayoutElement* e : elements) {
            auto* title = qobject_cast<QCPTextElement*>(e);
            if (!title || !title->text().contains(QStringLiteral("RR"))) continue;
            const int width = QFontMetrics(title->font()).horizontalAdvance(title->text());
            const QRect cell = title->outerRect();
            const QRect words(cell.center().x() - width / 2, cell.y(), width, cell.height());
            QVERIFY2(!words.intersects(box), qPrintable(QStringLiteral("title %1 under the legend %2").arg(text(words), text(box))));
        }
    }
};

QTEST_MAIN(TestScatteringView)
#include "test_scattering_view.moc"
