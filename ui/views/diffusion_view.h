#pragma once
// Diffusion view: the forward diffusion of the current window's latent z0 as DACL uses it for
// its views. A timestep slider 0…T (and play) moves z_t = √ᾱ_t z0 + √(1−ᾱ_t) ε with one fixed ε
// per window, so the picture changes smoothly; readouts give the noise std √(1−ᾱ_t), the signal
// scale √ᾱ_t and the SNR ᾱ/(1−ᾱ) (also in dB); small multiples show z_t at chosen t; the VAE
// decodes z_t back to features next to the decoding of z0; and a curve shows how far the
// encoder's representation h(z_t, t) drifts from h(z0, 0) as t grows. The schedule (linear or
// cosine, the model's own by default) can be switched. Everything per window is computed on a
// worker thread for every t at once; the slider and play only look results up.
// For a repr = sequence run the plots are SequenceDiffusionPlots instead (heat maps of one
// 30.72-s span's latent sequence over time); "windows" are then the record's spans.
#include "core/data/dataset.h"
#include "core/pipeline/run_model.h"
#include "core/pipeline/latent_views.h"
#include "ui/loaders/latest_loader.h"
#include "ui/views/sequence_latent.h"

#include <QStringList>
#include <QVector>
#include <QWidget>

#include <memory>

class QCPGraph;
class QCPItemStraightLine;
class QCPItemTracer;
class QCPItemText;
class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QSlider;
class QSpinBox;
class QStackedWidget;
class QTimer;
class QToolButton;

namespace dacl::ui {

class DriftPlot;
class SequenceDiffusionPlots;

class DiffusionView : public QWidget {
    Q_OBJECT
public:
    explicit DiffusionView(QWidget* parent = nullptr);
    ~DiffusionView() override;

    void setModel(std::shared_ptr<const ml::RunModel> model);
    // `dataset` must outlive the view (or be cleared first); -1 or nullptr clears.
    void setRecord(const Dataset* dataset, int recordIndex);
    void setWindow(int windowIndex);  // evaluation window of the current record (clamped)
    void setTimestep(int t);          // clamped to 0…T
    // The schedule the readouts and z_t follow (the model's T and β range, this kind).
    void setScheduleKind(ml::ScheduleKind kind);
    // Timesteps of the small multiples (default 0, 50, 100, 200, 500; clamped to T).
    void setSmallMultipleSteps(const QVector<int>& steps);
    void setPlaying(bool playing);

    int recordIndex() const { return requestedRecord_; }
    int windowIndex() const { return isSequence() ? sequenceWalk_.spanIndex : walk_.windowIndex; }
    int windowCount() const { return isSequence() ? sequenceWalk_.spanCount : walk_.windowCount; }
    bool isSequence() const;  // the model is a repr = sequence run: sequencePlots() show it
    const SequenceWalk& sequenceWalk() const { return sequenceWalk_; }
    SequenceDiffusionPlots* sequencePlots() const { return sequencePlots_; }
    int timestep() const { return t_; }
    int maxTimestep() const;
    ml::ScheduleKind scheduleKind() const { return kind_; }
    QVector<int> smallMultipleSteps() const { return multiples_; }
    bool isPlaying() const;
    bool isBusy() const { return busy_; }
    const ml::DiffusionWalk& walk() const { return walk_; }

    // What is shown now (for tests): the readouts, the plotted z0 / z_t, the decoded features
    // and the drift curve with its marker.
    double shownNoiseStd() const { return noiseStd_; }
    double shownSignalScale() const { return signalScale_; }
    double shownSnr() const { return snr_; }  // ᾱ/(1−ᾱ); +inf at t = 0
    QString readoutText() const;
    QVector<double> shownZ0() const;
    QVector<double> shownZt() const;
    QVector<double> shownSmallMultiple(int index) const;
    QVector<double> shownDecodedZt() const;
    QVector<double> shownDecodedZ0() const;
    QVector<double> shownDrift() const;    // over t = 0…T
    QVector<double> shownCosine() const;
    QPointF driftMarker() const;           // (t, drift) at the slider

    QCustomPlot* latentPlot() const { return latentPlot_; }
    QCustomPlot* multiplesPlot() const { return multiplesPlot_; }
    QCustomPlot* decodedPlot() const { return decodedPlot_; }
    QCustomPlot* driftPlot() const;

Q_SIGNALS:
    void windowShown(int recordIndex, int windowIndex);
    void timestepChanged(int t);
    void loadFailed(const QString& file, const QString& reason);

private:
    void buildControls();
    void buildPlots();
    void startWalk();
    void showWalk(ml::DiffusionWalk walk);
    void clearPlots(const QString& message);
    void showEmptyState(const QStringList& texts);
    void updateSchedule();
    void updateForTimestep();
    void updateStaticPlots();
    void rebuildMultiples();
    void advancePlay();
    // repr = sequence (diffusion_view_sequence.cpp).
    void startSequenceWalk();
    void showSequenceWalk(SequenceWalk walk);

    std::shared_ptr<const ml::RunModel> model_;
    const Dataset* dataset_ = nullptr;
    int requestedRecord_ = -1;
    int requestedWindow_ = 0;
    LatestLoader loader_;  // the walk being computed, pooled or sequence (only the latest is shown)
    bool busy_ = false;
    int t_ = 0;
    ml::ScheduleKind kind_ = ml::ScheduleKind::Linear;
    bool kindChosen_ = false;  // the user picked a schedule: keep it across models
    ml::DiffusionSchedule schedule_;
    QVector<int> multiples_ = {0, 50, 100, 200, 500};
    ml::DiffusionWalk walk_;
    SequenceWalk sequenceWalk_;
    double noiseStd_ = 0, signalScale_ = 1, snr_ = 0;

    QComboBox* scheduleCombo_ = nullptr;
    QSlider* slider_ = nullptr;
    QSpinBox* spin_ = nullptr;
    QToolButton* playButton_ = nullptr;
    QLineEdit* multiplesEdit_ = nullptr;
    QLabel* readout_ = nullptr;
    QLabel* info_ = nullptr;
    QTimer* playTimer_ = nullptr;

    QStackedWidget* pages_ = nullptr;  // 0: pooled window plots, 1: sequence plots
    SequenceDiffusionPlots* sequencePlots_ = nullptr;
    QCustomPlot* latentPlot_ = nullptr;
    QCPGraph* z0Graph_ = nullptr;
    QCPGraph* ztGraph_ = nullptr;
    QCustomPlot* multiplesPlot_ = nullptr;
    QVector<QCPGraph*> multipleZ0_, multipleZt_;
    QCustomPlot* decodedPlot_ = nullptr;
    QCPGraph* featureGraph_ = nullptr;
    QCPGraph* decodedZ0Graph_ = nullptr;
    QCPGraph* decodedZtGraph_ = nullptr;
    QCPItemStraightLine* halfLine_ = nullptr;
    QCPItemText* meanLabel_ = nullptr;
    QCPItemText* stdLabel_ = nullptr;
    DriftPlot* driftPlot_ = nullptr;
};

}  // namespace dacl::ui
