#pragma once
// ECG view: every lead of the current record stacked on ECG paper (one labelled row per lead,
// each centred on its own robust range), at a physical scale (25 mm/s and 10 mm/mV by default,
// a smaller gain when the leads would not fit; millimetres come from the screen's DPI or a
// calibration from settings), with a 1 mV calibration pulse per row, R peaks of the chosen lead
// (the robust detector), the method's evaluation windows, annotations (episodes as bands,
// beat labels and events as marks), and two cursors that start on one RR interval and read
// Δt, ΔmV and the heart rate. Below: the model's probability over time (ProbabilityBand,
// with a current run) and the whole record as a timeline (EcgOverview) with paging. Traces
// are drawn with min/max decimation per pixel column, so hours of signal stay responsive.
// Reading, filtering and R-peak detection run on a worker thread; results for a record that
// is no longer current are dropped.
#include "core/data/dataset.h"
#include "core/features/feature_job.h"
#include "core/pipeline/run_model.h"
#include "ui/loaders/latest_loader.h"
#include "ui/views/ecg_strip.h"

#include <QStringList>
#include <QVector>
#include <QWidget>

#include <limits>
#include <memory>
#include <utility>
#include <vector>

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
class QToolButton;
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
        double bpm = 0;         // 60 / Δt; 0 when no rate applies (Δt < 0.2 s or > 6 s, or
                                // default cursors placed 1 s apart on a record without beats)
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
    // Gain chosen per record so that every row fits (10 mm/mV when it can); on by default,
    // off once the user picks a gain, on again with Fit.
    void setAutoGain(bool on);
    bool autoGain() const { return autoGain_; }

    // Paging: a page of `seconds` fills the strip (the paper speed follows the width);
    // 0 returns to the physical speed with pages one strip wide.
    void setPageSeconds(double seconds);
    double pageSeconds() const { return pageSeconds_; }
    static QVector<double> pagePresets() { return {10, 30, 60}; }
    int pageIndex() const;  // 0-based page of the visible start
    int pageCount() const;

    // Annotations from elsewhere (another file, a reviewer's marks) for record `recordIndex`,
    // shown with the ones read with the record: `.atr` beside a WFDB header and the EDF+
    // annotation list of an EDF+ file (Recording::events).
    void setAnnotations(int recordIndex, std::vector<EcgAnnotation> annotations);
    const std::vector<EcgAnnotation>& shownAnnotations() const { return annotations_; }
    // Texts of the annotation items drawn on the strip now (episodes and marks).
    QStringList visibleAnnotationTexts() const;

    // Stacked rows (one per voltage lead, in lead order) and their labels.
    int rowCount() const { return static_cast<int>(rows_.size()); }
    QStringList rowLabels() const;
    int primaryRow() const { return primaryRow_; }
    // The vertical pixel of the strip where row `row`'s centre (its robust mid-range) is drawn.
    double rowCentrePixel(int row) const;
    // True when the trace is drawn as per-column minima and maxima (zoomed out), false when
    // every sample in view is drawn.
    bool traceIsDecimated() const { return decimated_; }

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
    std::pair<double, double> visibleMillivoltRange() const;  // mV of the chosen lead
    int stripWidthPixels() const;                             // the paper area of the trace
    int stripHeightPixels() const;

    // What is plotted for the chosen lead (read back from the plot, in the lead's own mV): the
    // samples in view (plus one each side), or each column's minimum and maximum when decimated.
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
    // Cursors on the first RR interval in view (plausible rate only); 1 s apart without beats.
    void placeDefaultCursors();
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
    struct Row {
        const EcgLeadRow* lead = nullptr;
        double baseline = 0;  // display y (axis units) of the row's centre
        QCPGraph* graph = nullptr;
        QCPGraph* pulse = nullptr;  // on the calibration paper
        QCPItemText* label = nullptr;
    };

    void buildPlot();
    void buildToolbar();
    void buildRows();
    void layoutRows();        // baselines from the strip height and gain
    void updateTraces();      // decimated samples of the visible range, every row
    void updatePeaks();
    void placeWindowItems();  // pools: only what is in view gets an item
    void placeAnnotationItems();
    void mergeAnnotations();
    void updateOverviewLeads();
    void updatePageLabel();
    void chooseGain();
    double rowShift(int row) const;  // display y minus the lead's mV
    double centreOf(const EcgLeadRow& lead) const;
    void startLoad(bool keepPosition);
    void showStrip(EcgStrip strip, bool keepPosition);
    // `message` goes to the info line, `plotText` in the middle of the empty strip.
    void clearPlot(const QString& message, const QString& plotText);
    static QString noRecordText();
    void updateHighlight();
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
    LatestLoader loader_;  // the record being loaded (only the latest request is shown)
    bool loading_ = false;
    EcgStrip strip_;
    features::FeatureSettings settings_;

    double dotsPerMmOverride_ = 0;
    double mmPerSecond_ = 25;
    double mmPerMv_ = 10;
    double t0_ = 0;        // visible start (s)
    double yPan_ = 0;      // display y at the vertical centre of the strip (0: rows centred)
    bool autoGain_ = true;
    double pageSeconds_ = 0;
    bool decimated_ = false;
    bool rateApplies_ = true;  // false for default cursors on a record without beats
    bool cursorsPending_ = false;  // default cursors asked for before the strip had a width
    double peaksShift_ = std::numeric_limits<double>::quiet_NaN();
    bool peaksFiltered_ = false;
    std::vector<EcgAnnotation> extraAnnotations_;
    std::vector<EcgAnnotation> annotations_;  // the strip's and the extra ones, by onset
    std::vector<EcgAnnotation> episodes_, marks_;
    int extraRecord_ = -1;
    QVector<Row> rows_;
    int primaryRow_ = 0;
    int lead_ = 0;
    bool filtered_ = false;
    int highlight_ = 0;
    double cursor_[2] = {0, 0};

    // Mouse gesture in progress.
    enum class Drag { None, Pan, Cursor0, Cursor1 } drag_ = Drag::None;
    QPointF pressPos_;
    double pressT0_ = 0, pressYPan_ = 0;
    bool moved_ = false;

    QCustomPlot* plot_ = nullptr;
    QCPAxisRect* traceRect_ = nullptr;
    QCPAxisRect* calRect_ = nullptr;
    QCPAxis* timeLabels_ = nullptr;
    QCPAxis* mvLabels_ = nullptr;
    QSharedPointer<ecgpaper::PaperTicker> timeTicker_, mvTicker_, calTimeTicker_, calMvTicker_;
    QCPGraph* trace_ = nullptr;
    QCPGraph* peaks_ = nullptr;
    QCPGraph* pulse_ = nullptr;  // the first row's calibration pulse
    QList<QCPItemStraightLine*> windowLines_;
    QList<QCPItemText*> windowLabels_;
    QList<QCPItemRect*> windowBands_;
    QList<QCPItemRect*> episodeBands_;
    QList<QCPItemText*> episodeLabels_, markLabels_;
    QCPItemStraightLine* cursorLines_[2] = {nullptr, nullptr};
    QCPItemText* cursorLabels_[2] = {nullptr, nullptr};

    EcgOverview* overview_ = nullptr;
    ProbabilityBand* band_ = nullptr;
    QComboBox* leadCombo_ = nullptr;
    QComboBox* speedCombo_ = nullptr;
    QComboBox* gainCombo_ = nullptr;
    QComboBox* pageCombo_ = nullptr;
    QToolButton* prevPage_ = nullptr;
    QToolButton* nextPage_ = nullptr;
    QLabel* pageLabel_ = nullptr;
    QCheckBox* filterBox_ = nullptr;
    QLabel* info_ = nullptr;
    QLabel* readout_ = nullptr;
};

}  // namespace dacl::ui
