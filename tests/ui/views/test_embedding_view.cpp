// Embedding view, driven as the main window and a user would: a results file holding real
// pooled features of PhysioNet 2017 records as a run's embeddings, a real t-SNE on them, then
// the plotted points, legend, click, rectangle selection, neighbours, pause/resume, noisy-view
// overlay, export, and a redraw measurement on 8,528 points.
#include "ui/views/embedding_view.h"

#include "core/common/progress.h"
#include "core/data/dataset.h"
#include "core/eval/random.h"
#include "core/features/feature_job.h"
#include "core/store/results_store.h"

#include <QtTest>

#include <QComboBox>

#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include "ui/plots/custom_plot.h"
#include "ui/views/record_list_panel.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>
#include <set>

using dacl::ui::EmbeddingPoint;
using dacl::ui::EmbeddingView;

namespace {

const char* const kLetters[] = {"N", "A", "O", "~"};

int classCode(const std::string& letter) {
    for (int c = 0; c < 4; ++c)
        if (letter == kLetters[c]) return c;
    return -1;
}

std::vector<std::pair<double, double>> plottedPoints(const EmbeddingView& view) {
    std::vector<std::pair<double, double>> out;
    for (QCPGraph* g : view.pointGraphs())
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) out.push_back({it->key, it->value});
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::pair<double, double>> layoutPoints(const EmbeddingView& view, int timestep = -1) {
    std::vector<std::pair<double, double>> out;
    const auto& xy = view.layout();
    for (std::size_t i = 0; i < view.points().size(); ++i)
        if (timestep < 0 || view.points()[i].timestep == timestep) out.push_back({xy[2 * i], xy[2 * i + 1]});
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

class TestEmbeddingView : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString db_;
    qint64 runId_ = 0;
    std::vector<std::string> records_;
    std::vector<int> labels_;
    std::vector<double> features_;  // records x dim
    int dim_ = 0;

    // The k points of the view nearest to point `index` in the original feature space (records
    // found in features_ by name), nearest first: what the view must ring.
    QVector<int> expectedNeighbours(const EmbeddingView& view, int index, int k) const {
        auto row = [&](int viewIndex) {
            const std::string name = view.points()[static_cast<std::size_t>(viewIndex)].record.toStdString();
            return static_cast<std::size_t>(std::find(records_.begin(), records_.end(), name) - records_.begin());
        };
        const auto dims = static_cast<std::size_t>(dim_);
        std::vector<std::pair<double, int>> d;
        for (int j = 0; j < static_cast<int>(view.points().size()); ++j) {
            if (j == index) continue;
            double s = 0;
            for (std::size_t c = 0; c < dims; ++c)
                s += std::pow(features_[row(index) * dims + c] - features_[row(j) * dims + c], 2);
            d.push_back({s, j});
        }
        std::sort(d.begin(), d.end());
        QVector<int> out;
        for (std::size_t q = 0; q < static_cast<std::size_t>(k) && q < d.size(); ++q) out << d[q].second;
        return out;
    }

    // The view's layout exported as CSV into the test folder, as lines (none if it failed).
    QList<QByteArray> exportedCsv(const EmbeddingView& view, const QString& name) const {
        QString error;
        const QString path = dir_.filePath(name);
        if (!view.exportLayoutCsv(path, &error)) {
            qWarning("%s", qPrintable(error));
            return {};
        }
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().split('\n') : QList<QByteArray>{};
    }

    // Points of the first `n` records at each timestep (value rows: their features), laid out at
    // their first two features (no t-SNE needed for what the tests below check).
    void showFixedMap(EmbeddingView& view, std::size_t n, const QList<int>& timesteps) const {
        std::vector<EmbeddingPoint> pts;
        std::vector<double> values, xy;
        for (int t : timesteps)
            for (std::size_t r = 0; r < n; ++r) {
                EmbeddingPoint p;
                p.record = QString::fromStdString(records_[r]);
                p.label = labels_[r];
                p.predicted = (labels_[r] + static_cast<int>(r % 3 == 0)) % 4;
                p.probability = static_cast<double>(r) / static_cast<double>(n);
                p.timestep = t;
                pts.push_back(p);
                const double* row = features_.data() + r * static_cast<std::size_t>(dim_);
                values.insert(values.end(), row, row + dim_);
                xy.push_back(row[0] + 0.01 * t);
                xy.push_back(row[1] + 0.01 * t);
            }
        view.setAutoRun(false);
        view.setEmbeddings(pts, dim_, values, {"N", "A", "O", "~"});
        view.setShownTimesteps(timesteps);
        view.setLayout(xy);
    }

    static void saveScreenshot(QWidget& w, const QString& name) {
        if (qEnvironmentVariableIsSet("DACL_SCREENSHOTS")) w.grab().save(qEnvironmentVariable("DACL_SCREENSHOTS") + '/' + name);
    }

private Q_SLOTS:
    // A results file whose run holds the real per-record pooled ST features of 100 PhysioNet
    // records (25 of each class) as its t = 0 embeddings, with nearest-centroid predictions.
    void initTestCase() {
        const QString physionet = QStringLiteral(DACL_SHARED_DIR "/data/physionet2017");
        if (!QFile::exists(physionet + "/REFERENCE.csv")) QSKIP("PhysioNet 2017 data not available");
        QFile ref(physionet + "/REFERENCE.csv");
        QVERIFY(ref.open(QIODevice::ReadOnly));
        QDir().mkpath(dir_.filePath("data"));
        QFile subset(dir_.filePath("data/REFERENCE.csv"));
        QVERIFY(subset.open(QIODevice::WriteOnly));
        int taken[4] = {0, 0, 0, 0};
        while (!ref.atEnd()) {
            const QByteArray line = ref.readLine().trimmed();
            const QList<QByteArray> f = line.split(',');
            if (f.size() != 2) continue;
            const int c = classCode(f[1].toStdString());
            if (c < 0 || taken[c] >= 25) continue;
            ++taken[c];
            for (const char* ext : {".hea", ".mat"})
                QVERIFY(QFile::link(physionet + "/" + f[0] + ext, dir_.filePath("data/" + QString(f[0]) + ext)));
            subset.write(line + "\n");
        }
        subset.close();
        const dacl::Dataset ds = dacl::Dataset::open(dir_.filePath("data").toStdString());
        QCOMPARE(ds.size(), std::size_t(100));
        dacl::NullProgress quiet;
        dacl::features::FeatureSettings fs;
        const auto set = dacl::features::computeFeatures(ds, fs, quiet);
        const auto agg = dacl::features::aggregateByRecord(set);
        QCOMPARE(agg.records.size(), std::size_t(100));
        dim_ = agg.dim;
        for (std::size_t r = 0; r < agg.records.size(); ++r) {
            records_.push_back(ds.records()[agg.records[r]].name);
            labels_.push_back(classCode(ds.records()[agg.records[r]].label));
            for (int d = 0; d < dim_; ++d) features_.push_back(agg.features[r * static_cast<std::size_t>(dim_) + static_cast<std::size_t>(d)]);
        }
        // Nearest class centroid (a real, if weak, classifier) gives predictions and probabilities.
        std::vector<double> centroid(4 * static_cast<std::size_t>(dim_), 0.0);
        std::vector<int> count(4, 0);
        for (std::size_t r = 0; r < records_.size(); ++r) {
            ++count[static_cast<std::size_t>(labels_[r])];
            for (int d = 0; d < dim_; ++d)
                centroid[static_cast<std::size_t>(labels_[r] * dim_ + d)] += features_[r * static_cast<std::size_t>(dim_) + static_cast<std::size_t>(d)];
        }
        for (int c = 0; c < 4; ++c)
            for (int d = 0; d < dim_; ++d) centroid[static_cast<std::size_t>(c * dim_ + d)] /= count[static_cast<std::size_t>(c)];
        db_ = dir_.filePath("results.sqlite");
        dacl::store::ResultsStore store(db_.toStdString());
        dacl::store::NewRun run;
        run.name = "embedding view test";
        run.task = "challenge4";
        runId_ = store.createRun(run);
        std::vector<dacl::store::Embedding> emb;
        std::vector<dacl::store::Prediction> pred;
        for (std::size_t r = 0; r < records_.size(); ++r) {
            dacl::store::Embedding e;
            e.fold = static_cast<int>(r % 3);
            e.record = records_[r];
            e.label = labels_[r];
            std::vector<double> score(4);
            double total = 0;
            for (int c = 0; c < 4; ++c) {
                double s = 0;
                for (int d = 0; d < dim_; ++d) {
                    const double v = features_[r * static_cast<std::size_t>(dim_) + static_cast<std::size_t>(d)];
                    e.vector.push_back(static_cast<float>(v));
                    s += std::pow(v - centroid[static_cast<std::size_t>(c * dim_ + d)], 2);
                }
                score[static_cast<std::size_t>(c)] = std::exp(-std::sqrt(s));
                total += score[static_cast<std::size_t>(c)];
            }
            e.vector.resize(static_cast<std::size_t>(dim_));
            emb.push_back(e);
            dacl::store::Prediction p;
            p.fold = e.fold;
            p.record = records_[r];
            p.label = labels_[r];
            p.score = score[1] / total;
            p.predicted = static_cast<int>(std::max_element(score.begin(), score.end()) - score.begin());
            pred.push_back(p);
        }
        store.addEmbeddings(runId_, emb);
        store.addPredictions(runId_, pred);
        // The view reads the stored float32 vectors: use the same values for the checks below.
        for (std::size_t r = 0; r < records_.size(); ++r)
            for (int d = 0; d < dim_; ++d)
                features_[r * static_cast<std::size_t>(dim_) + static_cast<std::size_t>(d)] =
                    emb[r].vector[static_cast<std::size_t>(d)];
    }

    void realTsneOfARun() {
        EmbeddingView view;
        view.resize(1000, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setIterations(400);
        QSignalSpy loaded(&view, &EmbeddingView::loaded);
        QSignalSpy finished(&view, &EmbeddingView::layoutFinished);
        QSignalSpy iterations(&view, &EmbeddingView::iterationChanged);
        view.loadRun(db_, runId_);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(loaded.first().first().toInt(), 100);
        QCOMPARE(view.dims(), dim_);
        // The run has three folds (records r % 3): the view opens on the lowest one only.
        QCOMPARE(view.folds(), (QList<int>{0, 1, 2}));
        QCOMPARE(view.fold(), 0);
        QCOMPARE(view.points().size(), std::size_t(34));
        // This test checks the map of every record: all folds, deliberately (the default map of
        // fold 0 still running is cancelled and replaced).
        view.setFold(-1);
        QCOMPARE(view.points().size(), std::size_t(100));
        QVERIFY(finished.wait(60000));  // auto-run
        QVERIFY(!iterations.isEmpty());  // live snapshots arrived on the way
        QCOMPARE(view.iteration(), 400);
        QVERIFY(view.klDivergence() > 0 && view.klDivergence() < 5);
        QCOMPARE(view.layout().size(), std::size_t(200));

        // The plotted points are the layout.
        QCOMPARE(plottedPoints(view), layoutPoints(view));
        // One legend entry per class present (all four), none for the overlays.
        QCOMPARE(view.plot()->legend->itemCount(), 4);
        QCOMPARE(view.pointGraphs().size(), 4);
        // Predictions and folds from the file.
        view.setColourBy(EmbeddingView::ColourBy::Fold);
        QCOMPARE(view.plot()->legend->itemCount(), 3);
        view.setColourBy(EmbeddingView::ColourBy::Correctness);
        QVERIFY(view.plot()->legend->itemCount() >= 1 && view.plot()->legend->itemCount() <= 2);
        QCOMPARE(plottedPoints(view), layoutPoints(view));
        view.setColourBy(EmbeddingView::ColourBy::Class);
        view.plot()->replot();

        // Clicking the most isolated point emits its record and rings its neighbours.
        int isolated = -1;
        double best = -1;
        for (int i = 0; i < 100; ++i) {
            double nearest = 1e300;
            for (int j = 0; j < 100; ++j)
                if (j != i) {
                    const QPointF d = view.pixelOf(i) - view.pixelOf(j);
                    nearest = std::min(nearest, QPointF::dotProduct(d, d));
                }
            if (nearest > best) { best = nearest; isolated = i; }
        }
        QVERIFY(best > 4);
        const QString record = view.points()[static_cast<std::size_t>(isolated)].record;
        QVERIFY(view.describePoint(isolated).contains(record));
        QVERIFY(view.describePoint(isolated).contains("P(A) = "));
        QSignalSpy activated(&view, &EmbeddingView::recordActivated);
        QTest::mouseClick(view.plot(), Qt::LeftButton, {}, view.pixelOf(isolated).toPoint());
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().toString(), record);
        QCOMPARE(view.focusPoint(), isolated);

        // Neighbours are the k nearest in the original 352-dimensional space.
        view.setNeighbourCount(7);
        QCOMPARE(view.neighbours(), expectedNeighbours(view, isolated, 7));

        // Rectangle selection by mouse in select mode returns exactly the records inside (the
        // lasso: test_embedding_lasso).
        view.setSelectMode(true);
        view.setSelectShape(EmbeddingView::SelectShape::Rectangle);
        const QRect axis = view.plot()->axisRect()->rect();
        const QPoint p0 = axis.topLeft() + QPoint(axis.width() / 4, axis.height() / 4);
        const QPoint p1 = axis.topLeft() + QPoint(3 * axis.width() / 4, 3 * axis.height() / 4);
        // The rectangle in plot coordinates as drawn (the list of the selection then narrows the plot).
        const double x0 = view.plot()->xAxis->pixelToCoord(p0.x()), x1 = view.plot()->xAxis->pixelToCoord(p1.x());
        const double y0 = view.plot()->yAxis->pixelToCoord(p1.y()), y1 = view.plot()->yAxis->pixelToCoord(p0.y());
        QSignalSpy selection(&view, &EmbeddingView::selectionChanged);
        QTest::mousePress(view.plot(), Qt::LeftButton, {}, p0);
        QTest::mouseMove(view.plot(), (p0 + p1) / 2);
        QTest::mouseMove(view.plot(), p1);
        QTest::mouseRelease(view.plot(), Qt::LeftButton, {}, p1);
        QVERIFY(!selection.isEmpty());
        QStringList inside;
        for (int i = 0; i < 100; ++i) {
            const double x = view.layout()[2 * static_cast<std::size_t>(i)], y = view.layout()[2 * static_cast<std::size_t>(i) + 1];
            if (x >= x0 && x <= x1 && y >= y0 && y <= y1) inside << view.points()[static_cast<std::size_t>(i)].record;
        }
        QVERIFY(!inside.isEmpty() && inside.size() < 100);
        QCOMPARE(selection.last().first().toStringList(), inside);
        QCOMPARE(view.selectedRecords(), inside);
        view.setSelectMode(false);

        // The grabbed plot is not blank: many pixels carry the class colours.
        QImage img = view.plot()->grab().toImage().convertToFormat(QImage::Format_RGB32);
        const QString png = dir_.filePath("embedding.png");
        QVERIFY(img.save(png));
        QImage back(png);
        QCOMPARE(back.size(), img.size());
        int coloured = 0;
        for (int y = 0; y < back.height(); ++y)
            for (int x = 0; x < back.width(); ++x) {
                const QColor c = back.pixelColor(x, y);
                if (c.saturation() > 100) ++coloured;
            }
        QVERIFY2(coloured > 500, qPrintable(QString("%1 coloured pixels").arg(coloured)));

        // Layout CSV: header + one row per point with its coordinates.
        const QList<QByteArray> lines = exportedCsv(view, "layout.csv");
        QCOMPARE(lines.size(), 101);
        QCOMPARE(lines[0], QByteArray("record,label,predicted,probability,fold,t,x,y"));
        const QList<QByteArray> csvRow = lines[5].split(',');
        QCOMPARE(QString(csvRow[0]), view.points()[4].record);
        QCOMPARE(csvRow[4].toInt(), view.points()[4].fold + 1);  // 1-based, as on screen
        QVERIFY(std::abs(csvRow[6].toDouble() - view.layout()[8]) < 1e-9 * (1 + std::abs(view.layout()[8])));
        QString error;
        QVERIFY(!view.exportLayoutCsv(dir_.filePath("no/such/dir/x.csv"), &error));
        QVERIFY(error.contains("no/such/dir/x.csv"));

        // PCA of the same data: a projection, no iterations.
        QSignalSpy pcaDone(&view, &EmbeddingView::layoutFinished);
        view.setProjection(EmbeddingView::Projection::Pca);
        QVERIFY(pcaDone.wait(20000));
        QVERIFY(view.statusText().contains("PC 1"));
        QCOMPARE(plottedPoints(view), layoutPoints(view));
    }

    // Each fold trains its own encoder, so the view maps one fold at a time: the lowest first,
    // another or all of them on request, each time as a new map of exactly those points.
    void mapsOneFoldAtATime() {
        EmbeddingView view;
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setIterations(150);
        const std::size_t n = 60;
        std::vector<EmbeddingPoint> pts(n);
        const std::vector<double> values(features_.begin(),
                                         features_.begin() + static_cast<std::ptrdiff_t>(n * static_cast<std::size_t>(dim_)));
        std::map<int, QStringList> recordsOf;  // by fold, in point order
        for (std::size_t r = 0; r < n; ++r) {
            pts[r].record = QString::fromStdString(records_[r]);
            pts[r].label = labels_[r];
            pts[r].fold = static_cast<int>((r + 2) % 3);  // 2, 0, 1, 2, ...: the folds come in any order
            recordsOf[pts[r].fold] << pts[r].record;
        }
        auto mapped = [&] {
            QStringList out;
            for (const EmbeddingPoint& p : view.points()) out << p.record;
            return out;
        };
        QSignalSpy done(&view, &EmbeddingView::layoutFinished);
        view.setEmbeddings(pts, dim_, values, {"N", "A", "O", "~"});

        // (1) The default map holds the lowest fold only.
        QCOMPARE(view.folds(), (QList<int>{0, 1, 2}));
        QCOMPARE(view.fold(), 0);
        QCOMPARE(mapped(), recordsOf[0]);
        QVERIFY(done.wait(30000));
        QCOMPARE(view.layout().size(), 2 * static_cast<std::size_t>(recordsOf[0].size()));
        QCOMPARE(plottedPoints(view), layoutPoints(view));
        QVERIFY2(view.statusText().contains("fold 1 of 3"), qPrintable(view.statusText()));

        // (2) setFold(2): exactly fold 2's points, mapped anew; a selection of fold 0 is dropped.
        view.selectInRect(QRectF(-1e9, -1e9, 2e9, 2e9));
        QSignalSpy selection(&view, &EmbeddingView::selectionChanged);
        done.clear();
        view.setFold(2);
        QCOMPARE(view.fold(), 2);
        QCOMPARE(mapped(), recordsOf[2]);
        QVERIFY(view.layout().empty());  // fold 0's map does not apply
        QCOMPARE(selection.size(), 1);
        QVERIFY(selection.first().first().toStringList().isEmpty());
        QVERIFY(done.wait(30000));
        const int m = static_cast<int>(recordsOf[2].size());
        QCOMPARE(view.layout().size(), 2 * static_cast<std::size_t>(m));
        QCOMPARE(plottedPoints(view), layoutPoints(view));
        QVERIFY2(view.statusText().contains("fold 3 of 3"), qPrintable(view.statusText()));
        view.setColourBy(EmbeddingView::ColourBy::Fold);
        QCOMPARE(view.plot()->legend->itemCount(), 1);
        QCOMPARE(view.pointGraphs().first()->name(), QStringLiteral("fold 3"));
        view.setColourBy(EmbeddingView::ColourBy::Class);
        // Selection, neighbours, pointAt and the tooltip index the points of fold 2.
        view.selectInRect(QRectF(-1e9, -1e9, 2e9, 2e9));
        QCOMPARE(view.selectedRecords(), recordsOf[2]);
        view.setNeighbourCount(5);
        view.showNeighbours(0);
        QCOMPARE(view.neighbours().size(), 5);
        QCOMPARE(view.neighbours(), expectedNeighbours(view, 0, 5));  // among fold 2's points only
        view.plot()->replot();
        for (int i = 0; i < m; ++i) {
            const int hit = view.pointAt(view.pixelOf(i), 0.5);
            QVERIFY(hit >= 0 && hit < m);
            const QPointF gap = view.pixelOf(hit) - view.pixelOf(i);
            QVERIFY(QPointF::dotProduct(gap, gap) <= 0.25);
        }
        QVERIFY(view.describePoint(0).contains(recordsOf[2][0]));
        QVERIFY(view.describePoint(0).contains("Fold: 3"));  // 1-based on screen, as the combo box
        QCOMPARE(view.describePoint(m), QString());  // no point m in this map
        const QList<QByteArray> lines = exportedCsv(view, "fold2.csv");
        QCOMPARE(lines.size(), m + 1);
        for (int i = 1; i <= m; ++i) QCOMPARE(lines[i].split(',')[4], QByteArray("3"));  // 1-based, as on screen

        // (3) All folds: every point, in the order given.
        done.clear();
        view.setFold(-1);
        QCOMPARE(view.fold(), -1);
        QCOMPARE(view.points().size(), n);
        QVERIFY(done.wait(30000));
        QCOMPARE(view.layout().size(), 2 * n);
        QVERIFY2(view.statusText().contains("all 3 folds"), qPrintable(view.statusText()));
        view.setFold(7);  // no such fold: ignored
        QCOMPARE(view.fold(), -1);

        // (4) The combo box lists the folds (1-based) and "all"; choosing an entry maps that fold.
        auto* box = view.findChild<QComboBox*>(QStringLiteral("foldBox"));
        QVERIFY(box);
        QVERIFY(box->isVisible() && box->isEnabled());
        QStringList items;
        for (int i = 0; i < box->count(); ++i) items << box->itemText(i);
        QCOMPARE(items, (QStringList{"Fold 1", "Fold 2", "Fold 3", "All folds (separate encoders)"}));
        QCOMPARE(box->currentIndex(), 3);
        box->setCurrentIndex(1);
        QCOMPARE(view.fold(), 1);
        QCOMPARE(mapped(), recordsOf[1]);
        view.setFold(0);
        QCOMPARE(box->currentIndex(), 0);
        QCOMPARE(mapped(), recordsOf[0]);

        // (5) One fold, or folds unknown: everything is mapped and there is nothing to choose.
        view.setAutoRun(false);
        for (int fold : {1, -1}) {
            for (auto& p : pts) p.fold = fold;
            view.setEmbeddings(pts, dim_, values);
            QCOMPARE(view.folds(), fold < 0 ? QList<int>{} : QList<int>{fold});
            QCOMPARE(view.fold(), -1);
            QCOMPARE(view.points().size(), n);
            QVERIFY(box->isHidden() || !box->isEnabled());
            QVERIFY(!view.statusText().contains("fold"));
        }
    }

    void pauseStopsAndResumeContinues() {
        EmbeddingView view;
        view.resize(800, 600);
        view.show();
        view.setAutoRun(false);
        std::vector<EmbeddingPoint> pts(records_.size());
        for (std::size_t r = 0; r < records_.size(); ++r) {
            pts[r].record = QString::fromStdString(records_[r]);
            pts[r].label = labels_[r];
        }
        view.setEmbeddings(pts, dim_, features_, {"N", "A", "O", "~"});
        QVERIFY(!view.isRunning());
        view.setIterations(20000);
        QSignalSpy iterations(&view, &EmbeddingView::iterationChanged);
        QSignalSpy running(&view, &EmbeddingView::runningChanged);
        view.run();
        QVERIFY(view.isRunning());
        QVERIFY(iterations.wait(20000));
        view.pause();
        QTRY_VERIFY_WITH_TIMEOUT(!view.isRunning(), 10000);
        const int stoppedAt = view.iteration();
        QVERIFY(stoppedAt > 0 && stoppedAt < 20000);
        const std::vector<double> layout = view.layout();
        QTest::qWait(400);
        QCOMPARE(view.iteration(), stoppedAt);
        QVERIFY(view.layout() == layout);
        QVERIFY(view.statusText().contains("paused"));
        // Run again: resumes from the paused layout and iteration.
        iterations.clear();
        view.run();
        QVERIFY(iterations.wait(20000));
        QVERIFY(iterations.last().first().toInt() > stoppedAt);
        view.pause();
        QTRY_VERIFY_WITH_TIMEOUT(!view.isRunning(), 10000);

        // Closing the view while t-SNE runs cancels it (the destructor waits for the worker).
        auto* closing = new EmbeddingView;
        closing->setAutoRun(false);
        closing->setEmbeddings(pts, dim_, features_);
        closing->setIterations(20000);
        QSignalSpy first(closing, &EmbeddingView::iterationChanged);
        closing->run();
        QVERIFY(first.wait(20000));
        QElapsedTimer timer;
        timer.start();
        delete closing;
        qInfo("closing a running view took %lld ms", static_cast<long long>(timer.elapsed()));
    }

    // Noisy views z_t given with the clean ones are overlaid (rings) and can be hidden.
    void noisyViewOverlay() {
        EmbeddingView view;
        view.resize(800, 600);
        view.show();
        view.setAutoRun(false);
        const std::size_t n = 40;
        std::vector<EmbeddingPoint> pts;
        std::vector<double> values;
        dacl::eval::SplitMix64 rng(3);
        for (int t : {0, 100}) {
            for (std::size_t r = 0; r < n; ++r) {
                EmbeddingPoint p;
                p.record = QString::fromStdString(records_[r]);
                p.label = labels_[r];
                p.timestep = t;
                pts.push_back(p);
                for (int d = 0; d < dim_; ++d)
                    values.push_back(features_[r * static_cast<std::size_t>(dim_) + static_cast<std::size_t>(d)] +
                                     (t ? 0.5 * (static_cast<double>(rng.next() >> 11) * 0x1.0p-53 - 0.5) : 0.0));
            }
        }
        view.setEmbeddings(pts, dim_, values, {"N", "A", "O", "~"});
        QCOMPARE(view.timesteps(), (QList<int>{0, 100}));
        QCOMPARE(view.shownTimesteps(), (QList<int>{0}));  // clean only until the user adds a view
        view.setShownTimesteps({0, 100});
        std::set<int> classes(labels_.begin(), labels_.begin() + static_cast<std::ptrdiff_t>(n));
        QSignalSpy done(&view, &EmbeddingView::layoutFinished);
        view.setIterations(300);
        view.run();
        QVERIFY(done.wait(60000));
        QCOMPARE(view.pointGraphs().size(), static_cast<int>(2 * classes.size()));
        QCOMPARE(plottedPoints(view), layoutPoints(view));
        view.setShownTimesteps({0});
        QCOMPARE(view.pointGraphs().size(), static_cast<int>(classes.size()));
        QCOMPARE(plottedPoints(view), layoutPoints(view, 0));
        view.setColourBy(EmbeddingView::ColourBy::Timestep);
        view.setShownTimesteps({0, 100});
        QCOMPARE(view.plot()->legend->itemCount(), 2);
        // Selection never returns a record twice (clean and noisy views share it).
        view.selectInRect(QRectF(-1e9, -1e9, 2e9, 2e9));
        QCOMPARE(view.selectedRecords().size(), static_cast<int>(n));
        QCOMPARE(view.selectedPoints().size(), static_cast<int>(2 * n));
    }

    // With six diffusion timesteps overlaid, each timestep has its own marker shape (t = 0 a disc),
    // the legend explains classes (colours) and timesteps (shapes) apart, and it sits beside the
    // plot area, so no point is ever under it.
    void legendBesideTheMapAndAShapePerTimestep() {
        EmbeddingView view;
        view.resize(1100, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QList<int> timesteps{0, 50, 100, 200, 300, 500};
        showFixedMap(view, 40, timesteps);
        view.plot()->replot(QCustomPlot::rpImmediateRefresh);
        std::map<int, QCPScatterStyle::ScatterShape> shapeOf;
        for (QCPGraph* g : view.pointGraphs()) {
            const int t = g->name().section(QStringLiteral("t = "), 1).toInt();
            const auto shape = g->scatterStyle().shape();
            QVERIFY2(!shapeOf.count(t) || shapeOf[t] == shape, qPrintable(g->name()));  // one shape per timestep
            shapeOf[t] = shape;
        }
        QCOMPARE(static_cast<int>(shapeOf.size()), timesteps.size());
        QCOMPARE(shapeOf[0], QCPScatterStyle::ssDisc);
        std::set<QCPScatterStyle::ScatterShape> shapes;
        for (const auto& [t, shape] : shapeOf) shapes.insert(shape);
        QCOMPARE(static_cast<int>(shapes.size()), timesteps.size());

        // Legend: one colour entry per class, one shape entry per timestep (with its shape).
        std::set<int> classes(labels_.begin(), labels_.begin() + 40);
        QCPLegend* legend = view.plot()->legend;
        QCOMPARE(legend->itemCount(), static_cast<int>(classes.size()) + timesteps.size());
        for (int t : timesteps) {
            bool found = false;
            for (int i = 0; i < legend->itemCount(); ++i) {
                auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i));
                auto* g = item ? qobject_cast<QCPGraph*>(item->plottable()) : nullptr;
                if (g && g->name().startsWith(QStringLiteral("t = %1 ").arg(t))) {
                    QCOMPARE(g->scatterStyle().shape(), shapeOf[t]);
                    found = true;
                }
            }
            QVERIFY2(found, qPrintable(QStringLiteral("no legend entry for t = %1").arg(t)));
        }
        QVERIFY(legend->visible());
        QVERIFY(legend->outerRect().width() > 0);
        QVERIFY2(!legend->outerRect().intersects(view.plot()->axisRect()->rect()), "the legend covers the plot area");
        saveScreenshot(view, QStringLiteral("embedding_shapes.png"));
    }

    // A rectangle selection lists its records (label, prediction, probability) beside the map;
    // the list exports as CSV and a double-clicked row activates its record.
    void selectionListsItsRecords() {
        EmbeddingView view;
        view.resize(1100, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const std::size_t n = 60;
        showFixedMap(view, n, {0});
        QVERIFY(!view.selectionList()->isVisible());
        // The left half of the map, by the first feature.
        std::vector<double> xs;
        for (std::size_t r = 0; r < n; ++r) xs.push_back(view.layout()[2 * r]);
        std::vector<double> sorted = xs;
        std::sort(sorted.begin(), sorted.end());
        const double cut = sorted[n / 2];
        view.selectInRect(QRectF(QPointF(-1e9, -1e9), QPointF(cut, 1e9)));
        QStringList expected;
        for (std::size_t r = 0; r < n; ++r)
            if (xs[r] <= cut) expected << QString::fromStdString(records_[r]);
        QVERIFY(expected.size() >= static_cast<int>(n / 2));
        QVERIFY(view.selectionList()->isVisible());
        QTRY_VERIFY(view.selectionList()->width() > 100 && view.plot()->width() > 500);  // beside the map
        const auto& rows = view.selectionList()->rows();
        QStringList listed;
        for (const auto& row : rows) listed << row.record;
        QCOMPARE(listed, expected);
        const std::size_t r0 = static_cast<std::size_t>(std::find(records_.begin(), records_.end(), rows[0].record.toStdString()) - records_.begin());
        QCOMPARE(rows[0].label, QString::fromLatin1(kLetters[labels_[r0]]));
        QCOMPARE(rows[0].predicted, QString::fromLatin1(kLetters[(labels_[r0] + static_cast<int>(r0 % 3 == 0)) % 4]));

        QString error;
        const QString csv = dir_.filePath(QStringLiteral("selected.csv"));
        QVERIFY2(view.selectionList()->exportCsv(csv, &error), qPrintable(error));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), expected.size() + 1);
        QCOMPARE(lines[0], QByteArray("record,label,predicted,probability"));
        QCOMPARE(lines[1].split(',')[0], expected[0].toUtf8());
        QVERIFY(std::abs(lines[1].split(',')[3].toDouble() - static_cast<double>(r0) / n) < 1e-8);  // 9 digits

        QSignalSpy activated(&view, &EmbeddingView::recordActivated);
        QTableWidget* table = view.selectionList()->table();
        const QPoint cell = table->visualItemRect(table->item(2, 0)).center();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell);  // a double-click's first click
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.first().at(0).toString(), expected[2]);
        saveScreenshot(view, QStringLiteral("embedding_selection.png"));

        view.selectInRect(QRectF(1e8, 1e8, 1, 1));  // nothing inside: the list goes away
        QVERIFY(!view.selectionList()->isVisible());
    }

    // The search box finds a record by (part of) its name, rings all its points and centres the
    // map on it; a name that matches nothing says so.
    void searchFindsAndCentresARecord() {
        EmbeddingView view;
        view.resize(1000, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        showFixedMap(view, 50, {0, 100});
        view.setShownTimesteps({0});
        const QString wanted = QString::fromStdString(records_[17]);
        auto* box = view.findChild<QLineEdit*>(QStringLiteral("findRecord"));
        QVERIFY(box);
        box->setFocus();
        QTest::keyClicks(box, wanted.toLower());
        QTest::keyClick(box, Qt::Key_Return);
        const QVector<int> hits = view.searchHits();
        QCOMPARE(hits.size(), 2);  // its clean and its noisy view
        for (int i : hits) QCOMPARE(view.points()[static_cast<std::size_t>(i)].record, wanted);
        const QCPRange xr = view.plot()->xAxis->range(), yr = view.plot()->yAxis->range();
        QVERIFY(std::abs(xr.center() - view.layout()[2 * static_cast<std::size_t>(hits[0])]) < 1e-9 * xr.size());
        QVERIFY(std::abs(yr.center() - view.layout()[2 * static_cast<std::size_t>(hits[0]) + 1]) < 1e-9 * yr.size());
        // A part of a name: the first record that contains it.
        const QVector<int> partial = view.findRecord(wanted.right(3));
        QVERIFY(!partial.isEmpty());
        QVERIFY(view.points()[static_cast<std::size_t>(partial[0])].record.contains(wanted.right(3)));
        QVERIFY(view.findRecord(QStringLiteral("no-such-record")).isEmpty());
        QVERIFY(view.searchHits().isEmpty());
        QVERIFY2(view.findChild<QLabel*>() != nullptr, "status line");
        bool said = false;
        for (const QLabel* l : view.findChildren<QLabel*>()) said = said || l->text().contains(QStringLiteral("no-such-record"));
        QVERIFY(said);
    }

    // Auto-run waits until the view is shown (a hidden tab costs no CPU).
    void hiddenViewStartsWhenShown() {
        EmbeddingView view;
        view.setIterations(100);
        std::vector<EmbeddingPoint> pts(30);
        std::vector<double> values;
        for (std::size_t r = 0; r < pts.size(); ++r) {
            pts[r].record = QString::fromStdString(records_[r]);
            values.insert(values.end(), features_.begin() + static_cast<std::ptrdiff_t>(r * static_cast<std::size_t>(dim_)),
                          features_.begin() + static_cast<std::ptrdiff_t>((r + 1) * static_cast<std::size_t>(dim_)));
        }
        view.setEmbeddings(pts, dim_, values);
        QTest::qWait(100);
        QVERIFY(!view.isRunning());
        QVERIFY(view.layout().empty());
        QSignalSpy done(&view, &EmbeddingView::layoutFinished);
        view.show();
        QVERIFY(done.wait(30000));
        QCOMPARE(view.layout().size(), 2 * pts.size());
        QCOMPARE(view.iteration(), 100);
    }

    void missingFileIsReported() {
        EmbeddingView view;
        QSignalSpy failed(&view, &EmbeddingView::loadFailed);
        view.loadRun(dir_.filePath("missing.sqlite"), 1);
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.first().at(0).toString(), dir_.filePath("missing.sqlite"));
        QVERIFY(!failed.first().at(1).toString().isEmpty());
        QSignalSpy failed2(&view, &EmbeddingView::loadFailed);
        view.loadRun(db_, runId_ + 100);
        QVERIFY(failed2.wait(10000));
    }

    // Redraw time of a full-size map (8,528 points, four groups): printed, not asserted (speed
    // is a benchmark matter); the layout must still be drawn completely.
    void redrawOf8528Points() {
        EmbeddingView view;
        view.resize(1200, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setAutoRun(false);
        const std::size_t n = 8528;
        dacl::eval::SplitMix64 rng(11);
        auto uniform = [&] { return static_cast<double>(rng.next() >> 11) * 0x1.0p-53; };
        std::vector<EmbeddingPoint> pts(n);
        std::vector<double> values(n * 2), xy(n * 2);
        for (std::size_t i = 0; i < n; ++i) {
            pts[i].record = QStringLiteral("R%1").arg(i);
            pts[i].label = static_cast<int>(i % 4);
            const double a = 6.283185307179586 * uniform(), r = 10 * std::sqrt(uniform());
            xy[2 * i] = 30 * (i % 4) + r * std::cos(a);
            xy[2 * i + 1] = r * std::sin(a);
            values[2 * i] = xy[2 * i];
            values[2 * i + 1] = xy[2 * i + 1];
        }
        view.setEmbeddings(pts, 2, values, {"N", "A", "O", "~"});
        view.setLayout(xy);
        QCOMPARE(plottedPoints(view).size(), n);
        // Wall and GUI-thread CPU time per replot (on a shared machine the wall time mostly
        // measures the load).
        auto cpuMs = [] {
            timespec t{};
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
            return 1e3 * static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_nsec);
        };
        QElapsedTimer timer;
        auto measure = [&](bool dragging, double* cpu) {
            view.plot()->setNotAntialiasedElements(dragging ? QCP::aeAll : QCP::aeNone);
            view.plot()->replot(QCustomPlot::rpImmediateRefresh);  // warm-up
            const int reps = 10;
            const double c0 = cpuMs();
            timer.start();
            for (int r = 0; r < reps; ++r) {
                view.plot()->xAxis->moveRange(0.5);
                view.plot()->replot(QCustomPlot::rpImmediateRefresh);
            }
            *cpu = (cpuMs() - c0) / reps;
            return static_cast<double>(timer.elapsed()) / reps;
        };
        double cpuFull = 0, cpuDrag = 0;
        const double full = measure(false, &cpuFull), drag = measure(true, &cpuDrag);
        qInfo("redraw of 8528 points: %.1f ms wall / %.1f ms CPU antialiased, %.1f ms wall / %.1f ms CPU while "
              "dragging (no antialiasing)", full, cpuFull, drag, cpuDrag);
        view.plot()->setNotAntialiasedElements(QCP::aeNone);
    }
};

QTEST_MAIN(TestEmbeddingView)
#include "test_embedding_view.moc"
