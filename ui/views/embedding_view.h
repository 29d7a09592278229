#pragma once
// Embedding view: a 2-D map (t-SNE or PCA, core/embed) of a run's record embeddings.
//  - colour by class, prediction, correctness, fold or diffusion timestep (Okabe–Ito colours,
//    the legend sits right of the plot area, never over a point); the clean embeddings (t = 0)
//    are discs and each noisy view (t > 0) has its own outline shape (circle, square, triangle,
//    ...) over them, each timestep can be shown or hidden (overlay), and with several shown the
//    legend explains colours and shapes apart;
//  - hover: tooltip with record, label, probability; click: recordActivated(record) and the k
//    nearest neighbours of that point in the ORIGINAL embedding space are ringed;
//  - "Select" tool: a free-form lasso (default) or a rectangle selects the points inside (Shift
//    adds), selectionChanged(records), and lists their records beside the map (RecordListPanel:
//    CSV export, activation → recordActivated);
//  - "Find record" box: rings the points of a record and centres the map on them;
//  - run / pause / resume with live iterations: t-SNE runs on a worker thread
//    (EmbeddingLayoutController, coalesced snapshots), pause and closing cancel it;
//  - export of the plot (PNG/SVG/PDF, plot_export.h) and of the layout as CSV.
//
// Data in: either setEmbeddings() (any source) or loadRun() (a results file: record-level
// embeddings, labels, predictions and folds of one run, read on a worker thread).
//
// Folds: each cross-validation fold trains its own encoder, so embeddings of different folds live
// in different spaces and one map over all of them clusters by fold, not by class. The view
// therefore maps one fold at a time (the lowest by default, when there are several; "all folds"
// stays available). Every point given is kept in allPoints_/allValues_; points_/values_ hold the
// mapped subset (the chosen fold), and everything that indexes points (points(), layout(),
// pointAt, neighbours, selection, groups, CSV) refers to that subset. Changing the fold
// recomputes the map as new data would.
// One map is computed jointly over every mapped point (all timesteps), so clean and noisy views
// share coordinates; the timestep menu only shows or hides them.
#include "ui/loaders/latest_loader.h"
#include "ui/views/embedding_data.h"
#include "ui/views/embedding_layout_controller.h"

#include <QColor>
#include <QList>
#include <QPolygonF>
#include <QRectF>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include <cmath>
#include <limits>
#include <memory>
#include <vector>

class QAction;
class QCPCurve;
class QCPGraph;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QMenu;
class QMouseEvent;
class QShowEvent;
class QPushButton;
class QSpinBox;
class QToolButton;
class QVBoxLayout;

namespace dacl::ui {

class RecordListPanel;

class EmbeddingView : public QWidget {
    Q_OBJECT
public:
    enum class ColourBy { Class, Prediction, Correctness, Fold, Timestep };
    enum class Projection { Tsne, Pca };

    explicit EmbeddingView(QWidget* parent = nullptr);
    ~EmbeddingView() override;  // cancels a running computation and waits for it

    // points.size() rows of `dims` values (row-major). classNames: display name per class code
    // (empty: "class 0", "class 1", ...). Clears the map, chooses the default fold (see fold())
    // and starts the map when autoRun() is on.
    void setEmbeddings(std::vector<EmbeddingPoint> points, int dims, std::vector<double> values,
                       QStringList classNames = {});
    // Reads run `runId` of a results file on a worker thread, then setEmbeddings(); `loaded` or
    // `loadFailed` follows (`loaded` counts every point read, all folds). Only record-level
    // embeddings (no window) are used.
    void loadRun(const QString& dbPath, qint64 runId);
    void clear();

    // Whether new data starts the map by itself (default on): at once when the view is visible,
    // else when it is first shown (a hidden tab costs no CPU).
    void setAutoRun(bool on) { autoRun_ = on; }
    bool autoRun() const { return autoRun_; }

    // ---- controls (the widgets follow) ----
    void setProjection(Projection p);
    Projection projection() const { return projection_; }
    void setColourBy(ColourBy c);
    ColourBy colourBy() const { return colourBy_; }
    void setPerplexity(double p);       // takes effect at the next run
    double perplexity() const;
    void setIterations(int iterations);  // likewise
    int iterations() const;
    void setNeighbourCount(int k);
    int neighbourCount() const;
    // Timesteps drawn (the others are hidden, not recomputed). Default: the clean embeddings
    // (t = 0) only, or every timestep when there is no t = 0.
    void setShownTimesteps(const QList<int>& timesteps);
    QList<int> shownTimesteps() const { return shownTimesteps_; }
    QList<int> timesteps() const;        // every timestep present in the mapped points, ascending
    // Fold mapped: only its points enter the map (the others are left out, not hidden); -1 maps
    // every fold together. New data opens on the lowest fold when it holds several, else on -1.
    // A fold not in folds() is ignored. A change drops the layout, selection and neighbours
    // (selectionChanged({}) when there was a selection) and keeps the timesteps shown.
    void setFold(int fold);
    int fold() const { return fold_; }
    QList<int> folds() const { return folds_; }  // every known fold (>= 0) in the data, ascending

    // Starts (or resumes after pause(), when the perplexity and data are unchanged) the map.
    void run();
    // Stops a running t-SNE after its current iteration; the last layout stays. No-op otherwise.
    void pause();
    bool isRunning() const { return running_; }
    int iteration() const { return iteration_; }  // of the layout shown
    double klDivergence() const { return kl_; }   // NaN before the first t-SNE snapshot

    // ---- the map ----
    const std::vector<EmbeddingPoint>& points() const { return points_; }  // the mapped points
    int dims() const { return dims_; }
    // Layout shown: points().size() x 2, row-major (empty before any). setLayout shows a given
    // one (e.g. restored from a file) as if computed.
    const std::vector<double>& layout() const { return layout_; }
    void setLayout(std::vector<double> xy);

    // Nearest point within `radiusPx` of a pixel of the plot, among shown points; -1 if none.
    int pointAt(const QPointF& pixel, double radiusPx = 6) const;
    QPointF pixelOf(int index) const;   // plot-widget pixel of a point
    QString describePoint(int index) const;  // tooltip text

    // Highlights the k nearest neighbours (original dimensions) of a point; -1 clears.
    void showNeighbours(int index);
    QVector<int> neighbours() const { return neighbours_; }
    int focusPoint() const { return focus_; }

    // Selects the shown points inside a rectangle, or a polygon (a lasso; a point inside any loop
    // of it counts), in plot coordinates and emits selectionChanged with their records (unique,
    // in point order). `add`: added to the selection instead of replacing it.
    void selectInRect(const QRectF& plotRect, bool add = false);
    void selectInPolygon(const QPolygonF& plotPolygon, bool add = false);
    QVector<int> selectedPoints() const { return selected_; }
    QStringList selectedRecords() const;
    // Left-button drags select (with the chosen shape) instead of panning.
    enum class SelectShape { Lasso, Rectangle };
    void setSelectMode(bool on);
    bool selectMode() const;
    void setSelectShape(SelectShape shape);
    SelectShape selectShape() const { return selectShape_; }
    // The lasso being drawn, in plot coordinates (empty when none).
    QPolygonF lassoOutline() const;

    // The records of the selection (label, prediction, probability; CSV export; activating one
    // emits recordActivated). Shown beside the map while there is a selection.
    RecordListPanel* selectionList() const { return selectionList_; }

    // Finds the record named `name` (case-insensitive; else the first record that contains it)
    // among the mapped points, shows the timestep of its first point when none of its points is
    // shown, rings its points and centres the map on the first; returns their indices (empty
    // when nothing matches, with a message in the status line).
    QVector<int> findRecord(const QString& name);
    QVector<int> searchHits() const { return searchHits_; }

    // Writes record,label,predicted,probability,fold,t,x,y; false (and *error) on failure.
    bool exportLayoutCsv(const QString& path, QString* error = nullptr) const;

    // For tests and the window.
    QCustomPlot* plot() const { return plot_; }
    QList<QCPGraph*> pointGraphs() const;  // one per (colour group, timestep) shown
    QString statusText() const;

protected:
    void showEvent(QShowEvent* event) override;

Q_SIGNALS:
    void recordActivated(const QString& record);
    void selectionChanged(const QStringList& records);
    void loaded(int points);
    void loadFailed(const QString& file, const QString& reason);
    void iterationChanged(int iteration, double kl);  // every snapshot shown
    void layoutFinished();                             // a run completed (t-SNE or PCA)
    void runningChanged(bool running);

private:
    struct Group {
        QCPGraph* graph = nullptr;
        std::vector<int> members;
    };
    void buildUi();
    void buildDrillDown(QHBoxLayout* bar, QVBoxLayout* layout);
    void updateSelectionList();
    void mapFold();
    void updateFoldBox();
    void startJob(bool resume);
    void maybeAutoRun();
    void takeSnapshot(const EmbeddingLayoutUpdate& update);
    void jobEnded(const EmbeddingLayoutUpdate& last, const QString& error, bool cancelled);
    void cancelJob(bool wait);
    void setRunning(bool running);
    void rebuildGroups();
    void showEmptyState();
    void refreshOverlays();
    void fitAxes();
    void updateControls();
    void updateTimestepMenu();
    bool isShown(int index) const;
    QString groupName(int key) const;
    QColor groupColour(int key, const std::vector<int>& keyOrder) const;
    int noisyRank(int t) const;
    int groupKey(const EmbeddingPoint& p) const;
    void buildSelectTool();
    void updateSelectTool();
    bool lassoPress(QMouseEvent* event);  // true: the event was the lasso's
    bool lassoMove(QMouseEvent* event);
    bool lassoRelease(QMouseEvent* event);
    void endLasso();
    void applySelection(const QVector<int>& hits, bool add);
    void onMouseMove(QMouseEvent* event);
    void onMousePress(QMouseEvent* event);
    void onMouseRelease(QMouseEvent* event);
    void showContextMenu(const QPoint& pos);
    void exportLayoutInteractive();

    std::vector<EmbeddingPoint> allPoints_;  // every point given, all folds
    std::vector<double> allValues_;
    QList<int> folds_;                       // folds present in allPoints_
    int fold_ = -1;
    std::vector<EmbeddingPoint> points_;     // the mapped subset (fold_) of allPoints_
    int dims_ = 0;
    std::vector<double> values_;             // its rows of allValues_
    QStringList classNames_;
    std::vector<double> layout_;
    QList<int> shownTimesteps_;
    bool autoRun_ = true;
    bool autoRunPending_ = false;    // new data arrived while hidden
    Projection projection_ = Projection::Tsne;
    ColourBy colourBy_ = ColourBy::Class;
    int iteration_ = 0;
    double kl_ = std::numeric_limits<double>::quiet_NaN();
    QString pcaText_;
    bool running_ = false;
    bool resumable_ = false;         // paused t-SNE that run() continues
    double layoutPerplexity_ = 0;    // perplexity of the layout shown (t-SNE)
    bool autoFit_ = true;            // follow the growing layout until the user pans or zooms
    bool runTsne_ = true;            // the running (or last) computation is a t-SNE
    int runIterations_ = 0;          // ... of this many iterations
    EmbeddingLayoutController* layouts_;  // t-SNE / PCA on its worker thread
    LatestLoader loader_;                 // loadRun's read of the results file

    std::vector<Group> groups_;
    std::vector<QCPGraph*> legendKeys_;  // data-less graphs that only explain colours and shapes
    QCPGraph* selectionGraph_ = nullptr;
    QCPGraph* neighbourGraph_ = nullptr;
    QCPGraph* focusGraph_ = nullptr;
    QCPGraph* searchGraph_ = nullptr;
    QVector<int> selected_, neighbours_, searchHits_;
    int focus_ = -1;
    QPointF pressPos_;
    bool pressed_ = false;
    SelectShape selectShape_ = SelectShape::Lasso;
    QPolygonF lassoPixels_;  // the outline being drawn, in plot-widget pixels
    bool lassoing_ = false;
    QCPCurve* lassoCurve_ = nullptr;
    QAction* lassoAction_ = nullptr;
    QAction* rectangleAction_ = nullptr;

    QCustomPlot* plot_ = nullptr;
    QComboBox* projectionBox_ = nullptr;
    QComboBox* colourBox_ = nullptr;
    QComboBox* foldBox_ = nullptr;
    QDoubleSpinBox* perplexityBox_ = nullptr;
    QSpinBox* iterationsBox_ = nullptr;
    QSpinBox* neighboursBox_ = nullptr;
    QPushButton* runButton_ = nullptr;
    QToolButton* timestepButton_ = nullptr;
    QMenu* timestepMenu_ = nullptr;
    QToolButton* selectButton_ = nullptr;
    QLabel* status_ = nullptr;
    QLineEdit* searchBox_ = nullptr;
    RecordListPanel* selectionList_ = nullptr;
};

}  // namespace dacl::ui
