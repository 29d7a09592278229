#pragma once
// Latent view: for the current record, the VAE latent of each evaluation window (μ ± σ per
// dimension for the current window, every other window of the record faintly behind), the
// reconstruction error of each window over time, and the record's place among the whole
// dataset in a PCA of the records' mean latent μ (hover for the record, click to open it).
// For a repr = sequence run (method.md v2) the left side is a LatentTimeline instead: the
// record's ECG strip, z0 as a heat map (dimension × time) and the reconstruction error of each
// frame on one time axis; "windows" are then the record's 30.72-s spans.
// Everything is computed from a run's final model on worker threads.
#include "core/data/dataset.h"
#include "core/pipeline/run_model.h"
#include "core/pipeline/latent_views.h"
#include "ui/loaders/latest_loader.h"
#include "ui/views/ecg_strip.h"
#include "ui/views/sequence_latent.h"

#include <QVector>
#include <QWidget>

#include <atomic>
#include <memory>

class QCPBars;
class QCPErrorBars;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCustomPlot;
class QLabel;
class QMouseEvent;
class QStackedWidget;
class QTimer;

namespace dacl::ui {

class LatentTimeline;

class LatentView : public QWidget {
    Q_OBJECT
public:
    explicit LatentView(QWidget* parent = nullptr);
    ~LatentView() override;

    // The run whose final model is shown (nullptr clears). Restarts the dataset projection.
    void setModel(std::shared_ptr<const ml::RunModel> model);
    // `dataset` must outlive the view (or be cleared first); -1 or nullptr clears the record.
    // A new dataset restarts the projection.
    void setRecord(const Dataset* dataset, int recordIndex);
    // Evaluation window of the current record (clamped).
    void setWindow(int windowIndex);

    int recordIndex() const { return requestedRecord_; }
    int windowIndex() const { return window_; }
    int windowCount() const;
    // The model is a repr = sequence run: the timeline is shown, with sequenceLatent().
    bool isSequence() const;
    const SequenceLatent& sequenceLatent() const { return sequence_; }
    LatentTimeline* timeline() const { return timeline_; }
    bool isBusy() const { return recordBusy_ || projectionBusy_; }
    bool isProjectionBusy() const { return projectionBusy_; }
    const ml::RecordLatent& recordLatent() const { return latent_; }
    const ml::LatentProjection& projection() const { return projection_; }

    // What the plots hold now: μ and σ of the current window (one value per dimension), the
    // reconstruction errors per window, the current record's projected point.
    QVector<double> shownMean() const;
    QVector<double> shownStd() const;
    QVector<double> shownReconError() const;
    QPointF shownRecordPoint() const;  // (PC1, PC2); NaN when not projected

    // Hover text for a pixel of the projection plot (empty away from points), the last one shown,
    // and the pixel of a record's point (for tests and tours).
    QString describeProjectionAt(const QPointF& pixel) const;
    QString hoverText() const { return hoverText_; }
    QPointF projectionPixel(int recordIndex) const;

    QCustomPlot* latentPlot() const { return latentPlot_; }
    QCustomPlot* reconPlot() const { return reconPlot_; }
    QCustomPlot* projectionPlot() const { return projectionPlot_; }

Q_SIGNALS:
    void recordActivated(int recordIndex);     // a point of the projection was clicked
    void windowShown(int recordIndex, int windowIndex);
    void projectionReady(int records);
    void loadFailed(const QString& file, const QString& reason);

private:
    void buildPlots();
    void startRecord();
    void startProjection();
    void cancelProjection();
    void showLatent(ml::RecordLatent latent);
    void showProjection(ml::LatentProjection projection);
    void updateLatentPlot();
    void updateReconPlot();
    void updateProjectionPlot();
    void updateInfo();
    void clearAll(const QString& message);
    int nearestProjected(const QPointF& pixel, double maxDistance) const;
    void onProjectionMove(QMouseEvent* event);
    void onProjectionPress(QMouseEvent* event);
    // repr = sequence (latent_view_sequence.cpp).
    void startSequenceRecord();
    void showSequence(SequenceLatent latent, EcgStrip strip);
    void updateSequenceWindow();

    std::shared_ptr<const ml::RunModel> model_;
    const Dataset* dataset_ = nullptr;
    int requestedRecord_ = -1;
    int window_ = 0;
    LatestLoader recordLoader_;      // the record's latents, pooled or sequence (view pool)
    LatestLoader projectionLoader_;  // the whole dataset's projection (global pool: long work)
    bool recordBusy_ = false;
    bool projectionBusy_ = false;
    ml::RecordLatent latent_;
    SequenceLatent sequence_;
    ml::LatentProjection projection_;
    std::shared_ptr<std::atomic<bool>> projectionCancel_;
    std::shared_ptr<std::atomic<std::size_t>> projectionDone_;
    QTimer* progressTimer_ = nullptr;
    QString hoverText_;

    QLabel* info_ = nullptr;
    QLabel* status_ = nullptr;
    QCustomPlot* latentPlot_ = nullptr;
    QCustomPlot* reconPlot_ = nullptr;
    QCustomPlot* projectionPlot_ = nullptr;
    QStackedWidget* pages_ = nullptr;  // 0: pooled window plots, 1: the sequence timeline
    LatentTimeline* timeline_ = nullptr;
    QVector<QCPGraph*> otherWindows_;
    QCPGraph* meanGraph_ = nullptr;
    QCPErrorBars* stdBars_ = nullptr;
    QCPBars* reconBars_ = nullptr;
    QCPBars* reconCurrent_ = nullptr;
    QCPItemStraightLine* reconMedian_ = nullptr;
    QCPItemText* reconMedianLabel_ = nullptr;
    QVector<QCPGraph*> classGraphs_;  // one per label group of the projection
    QCPGraph* currentPoint_ = nullptr;
};

}  // namespace dacl::ui
