#pragma once
// ECG view: one lead of the current record on ECG paper, at a physical scale (25 mm/s and
// 10 mm/mV by default; millimetres come from the screen's DPI or a calibration from settings),
// with a 1 mV calibration pulse at the start of the strip, core's R peaks, the method's
// evaluation windows, and two cursors that read Δt, ΔmV and the implied heart rate. With a
// current run, the model's probability over time as a band under the trace (ProbabilityBand).
// Reading, filtering and R-peak detection run on a worker thread; results for a record that
// is no longer current are dropped.
#include "core/data/dataset.h"
#include "core/features/feature_job.h"
#include "core/ml/pipeline/run_model.h"
#include "ui/views/ecg_strip.h"

#include <QVector>
#include <QWidget>

#include <memory>
#include <utility>

class QCheckBox;
class QComboBox;
class QCPAxis;
class QCPAxisRect;
class QCPGraph;
class QCPItemRect;
class QCPItemStraightLine;
class QCPItemText;
class QCustomPlot;
class QLabel;
class QMouseEvent;
class QWheelEvent;

namespace dacl::ui {

namespace ecgpaper {
class PaperTicker;
}
class EcgOverview;
class ProbabilityBand;

class EcgView : public QWidget {
    Q_OBJECT
public:
    struct CursorReadout {
        double t1 = 0, t2 = 0;  // cursor times (s)
        double dtMs = 0;        // |t2 - t1| in ms
        double dMv = 0;         // signal at cursor 2 minus signal at cursor 1 (mV)
        double bpm = 0;         // 60 / Δt (0 when Δt is 0)
    };

    explicit EcgView(QWidget* parent = nullptr);
    ~EcgView() override;

    // `dataset` must outlive the view (or be replaced first); -1 or nullptr clears the view.
    // The highlighted window goes back to the record's first window.
    void setRecord(const Dataset* dataset, int recordIndex);
    int recordIndex() const { return requested_; }
    // The record whose samples are on screen (-1 while nothing is), and whether a load is pending.
    int shownRecordIndex() const { return strip_.recordIndex; }
    bool isLoading() const { return loading_; }
    const EcgStrip& strip() const { return strip_; }

    // Preprocessing and window rule of the current run (defaults: method.md).
    void setFeatureSettings(const features::FeatureSettings& settings);
    // The current run (nullptr: none): its probability over time is shown under the trace.
    void setModel(std::shared_ptr<const ml::RunModel> model);
    ProbabilityBand* probabilityBand() const { return band_; }

    // Physical scale. dotsPerMm <= 0 returns to the screen's reported physical DPI.
    void setDotsPerMm(double dotsPerMm);
    double dotsPerMm() const;
    void setMmPerSecond(double mmPerSecond);
    void setMmPerMillivolt(double mmPerMillivolt);
    double mmPerSecond() const { return mmPerSecond_; }
    double mmPerMillivolt() const { return mmPerMv_; }
    static QVector<double> speedPresets() { return {12.5, 25, 50}; }
    static QVector<double> gainPresets() { return {5, 10, 20}; }

    void setLead(int lead);
    int lead() const { return lead_; }
    // Shows the 0.5–40 Hz band-passed signal (the method's band) instead of the raw one.
    void setFiltered(bool filtered);
    bool isFiltered() const { return filtered_; }

    // Navigation (the same as the keys PageDown, PageUp, Home, End and the Fit button).
    void setVisibleStart(double seconds);
    void pageForward();
    void pageBack();
    void goToStart();
    void goToEnd();
    // The whole record across the strip (changes the paper speed), centred vertically.
    void fitToWindow();
    // Wheel zoom: paper speed × factor, keeping the time under pixel `x` in place.
    void zoomTime(double factor, double anchorSeconds);

    std::pair<double, double> visibleTimeRange() const;       // seconds
    std::pair<double, double> visibleMillivoltRange() const;  // mV
    int stripWidthPixels() const;                             // the paper area of the trace
    int stripHeightPixels() const;

    // What is plotted (read back from the plot).
    QVector<double> displayedTimes() const;
    QVector<double> displayedMillivolts() const;
    QVector<double> rPeakTimes() const;
    QVector<double> rPeakMillivolts() const;
    QVector<double> windowBoundaryTimes() const;  // start of each window, then the end of the last
    int windowCount() const { return static_cast<int>(strip_.windowStartS.size()); }
    int highlightedWindow() const { return highlight_; }
    // Height (mV) and width (s) of the calibration pulse as drawn.
    double calibrationPulseMillivolts() const;

    void setCursorTimes(double t1, double t2);
    CursorReadout cursorReadout() const;
    QString cursorReadoutText() const;

    QCustomPlot* plot() const { return plot_; }
    EcgOverview* overview() const { return overview_; }
    QCPAxis* timeAxis() const;       // the trace's axes (for pixel <-> seconds, mV)
    QCPAxis* millivoltAxis() const;

public Q_SLOTS:
    void setWindowHighlight(int windowIndex);

Q_SIGNALS:
    void recordShown(int recordIndex);
    // The user clicked inside window `windowIndex` of the shown record.
    void windowSelected(int windowIndex);
    void loadFailed(const QString& file, const QString& reason);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void buildPlot();
    void buildToolbar();
    void startLoad(bool keepPosition);
    void showStrip(EcgStrip strip, bool keepPosition);
    void clearPlot(const QString& message);
    void updateSignalGraph();
    void rebuildWindowItems();
    void updateHighlight();
    void placeWindowBands();
    void updateCursorItems();
    void applyScale();  // ranges, tickers and calibration pulse from the physical scale
    void replot(bool queued = false);
    void syncScaleCombos();
    void updateInfo();
    double valueAt(double seconds) const;
    const std::vector<double>& shownSamples() const;
    double stripDurationS() const;
    double visibleSpanS() const;
    int windowAt(double seconds) const;

    void onMousePress(QMouseEvent* event);
    void onMouseMove(QMouseEvent* event);
    void onMouseRelease(QMouseEvent* event);
    void onMouseWheel(QWheelEvent* event);

    const Dataset* dataset_ = nullptr;
    int requested_ = -1;
    int generation_ = 0;
    bool loading_ = false;
    EcgStrip strip_;
    features::FeatureSettings settings_;

    double dotsPerMmOverride_ = 0;
    double mmPerSecond_ = 25;
    double mmPerMv_ = 10;
    double t0_ = 0;        // visible start (s)
    double yCentre_ = 0;   // mV at the vertical centre of the strip
    double baselineMv_ = 0;
    int lead_ = 0;
    bool filtered_ = false;
    int highlight_ = 0;
    double cursor_[2] = {0, 0};

    // Mouse gesture in progress.
    enum class Drag { None, Pan, Cursor0, Cursor1 } drag_ = Drag::None;
    QPointF pressPos_;
    double pressT0_ = 0, pressYCentre_ = 0;
    bool moved_ = false;

    QCustomPlot* plot_ = nullptr;
    QCPAxisRect* traceRect_ = nullptr;
    QCPAxisRect* calRect_ = nullptr;
    QCPAxis* timeLabels_ = nullptr;
    QCPAxis* mvLabels_ = nullptr;
    QSharedPointer<ecgpaper::PaperTicker> timeTicker_, mvTicker_, calTimeTicker_, calMvTicker_;
    QCPGraph* trace_ = nullptr;
    QCPGraph* peaks_ = nullptr;
    QCPGraph* pulse_ = nullptr;
    QList<QCPItemStraightLine*> windowLines_;
    QList<QCPItemText*> windowLabels_;
    QList<QCPItemRect*> windowBands_;
    QVector<int> windowRows_;  // 0, or 1 for a window that overlaps its predecessor
    QCPItemStraightLine* cursorLines_[2] = {nullptr, nullptr};
    QCPItemText* cursorLabels_[2] = {nullptr, nullptr};
    QCPItemText* message_ = nullptr;

    EcgOverview* overview_ = nullptr;
    ProbabilityBand* band_ = nullptr;
    QComboBox* leadCombo_ = nullptr;
    QComboBox* speedCombo_ = nullptr;
    QComboBox* gainCombo_ = nullptr;
    QCheckBox* filterBox_ = nullptr;
    QLabel* info_ = nullptr;
    QLabel* readout_ = nullptr;
};

}  // namespace dacl::ui
