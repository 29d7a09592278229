#pragma once
// The whole record as one timeline under the calibrated strip: each lead as a min/max envelope
// (one column per pixel, from the lead's min/max pyramid, so a 24-h record draws as fast as a
// 30-s one), the annotated episodes as coloured spans, and the model's p over time as a colour
// band when a run has scored the record. The part shown on the strip and the current method
// window are marked; clicking or dragging asks for that time to be shown.
// Deliberately not on ECG paper: its scale is not physical, and it must not look as if it were.
#include "core/dsp/min_max_decimation.h"
#include "ui/views/ecg_annotations.h"

#include <QString>
#include <QVector>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPColorMap;
class QCPItemRect;
class QCPItemText;
class QMouseEvent;

namespace dacl::ui {

class EcgOverview : public QWidget {
    Q_OBJECT
public:
    struct Lead {
        QString name;
        const std::vector<double>* samples = nullptr;  // must outlive the next setLeads()/clear()
        const dsp::MinMaxPyramid* pyramid = nullptr;
        double centre = 0, span = 1;                   // robust centre and width (mV)
    };

    explicit EcgOverview(QWidget* parent = nullptr);

    void setLeads(const QVector<Lead>& leads, double fs);
    void setAnnotations(const std::vector<EcgAnnotation>& annotations);
    // The run's span probabilities (seconds, p); empty vectors hide the band.
    void setProbability(const std::vector<double>& startS, const std::vector<double>& endS, const std::vector<double>& p);
    // Heart-rate trend from R peaks (sample indices at `fs`): a row of beats per minute, the
    // Holter trend that shows where the rhythm changes in hours of signal. Empty: no row.
    void setHeartRate(const std::vector<long>& peaks, double fs);
    void clear();
    // The strip's visible time range and the highlighted window ([a, b) seconds; a >= b: none).
    void setVisibleRange(double a, double b);
    void setHighlight(double a, double b);

    double duration() const { return duration_; }
    int leadRowCount() const { return static_cast<int>(leads_.size()); }
    QStringList leadLabels() const;
    bool showsProbability() const { return hasProbability_; }
    bool showsHeartRate() const { return !hrT_.empty(); }
    int episodeCount() const { return static_cast<int>(episodes_.size()); }
    // p shown at a time (NaN where there is none).
    double probabilityAt(double seconds) const;
    // Record time under a pixel of the plot (-1 outside the timeline) and the pixel of a time
    // (vertically in the middle of the first lead's row).
    double timeAt(const QPointF& plotPixel) const;
    QPointF pixelOf(double seconds) const;
    QCustomPlot* plot() const { return plot_; }

Q_SIGNALS:
    void timeRequested(double seconds);

private:
    void rebuild();  // rows, envelopes and ranges from the stored inputs
    void placeRect(QCPItemRect* rect, double a, double b);
    void onMouse(QMouseEvent* event);
    void resizeEvent(QResizeEvent* event) override;

    QCustomPlot* plot_;
    QVector<Lead> leads_;
    double fs_ = 0;
    double duration_ = 0;
    std::vector<EcgAnnotation> episodes_;
    std::vector<double> pStart_, pEnd_, p_;
    std::vector<double> hrT_, hrBpm_;  // per beat: time and 60 / RR
    bool hasProbability_ = false;
    int builtColumns_ = 0;
    double episodeRowY_ = 0, probabilityRowY_ = 0, hrRowBottom_ = 0;
    QCPColorMap* map_ = nullptr;
    QCPItemRect* visible_ = nullptr;
    QCPItemRect* highlight_ = nullptr;
    double visibleA_ = 0, visibleB_ = 0, highlightA_ = 0, highlightB_ = 0;
};

}  // namespace dacl::ui
