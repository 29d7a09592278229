#pragma once
// The model's probability over time as a band under the ECG trace: while a run is current, the
// record is scored on sliding spans (RunModel::predict: 10-s spans, 5-s hop) on a worker thread;
// the band is coloured by p (white → dark red) with p itself drawn as a line on a 0…1 axis, the
// validation threshold dashed, and the record score (rhythm fusion included when the run has it)
// written on it. It follows the time axis of the plot it sits under (range and left/right
// edges), so a time on the band is the time on the trace above it. Hidden without a run.
#include "core/data/dataset.h"
#include "core/pipeline/run_model.h"
#include "ui/loaders/latest_loader.h"

#include <QString>
#include <QWidget>

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

class QCPAxis;
class QCPColorGradient;
class QCPColorMap;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCustomPlot;
class QMouseEvent;

namespace dacl::ui {

// Sequential white → orange → dark red: low p recedes into the paper, high p stands out.
QCPColorGradient probabilityGradient();

// Mean p of the spans that contain each cell's centre ((k + 0.5) · cellSeconds), NaN where
// no span does; one pass over the spans (a Holter day has ~17,000 of them).
std::vector<double> cellProbabilities(const std::vector<double>& startS, const std::vector<double>& endS,
                                      const std::vector<double>& p, double cellSeconds, int cells);

class ProbabilityBand : public QWidget {
    Q_OBJECT
public:
    explicit ProbabilityBand(QWidget* parent = nullptr);

    // After every replot of `plot`, the band takes `timeAxis`'s range and horizontal extent.
    void follow(QCustomPlot* plot, QCPAxis* timeAxis);
    void setModel(std::shared_ptr<const ml::RunModel> model);
    // `dataset` must outlive the band; -1 or nullptr clears. `lead` is the lead shown above.
    void setRecord(const Dataset* dataset, int recordIndex, int lead);

    // The Assessment of a recording file scores it too. While it runs, the band waits for it
    // (expectPrediction) instead of scoring the same file a second time (a day-long recording costs
    // about a minute of both cores); offerPrediction hands over its result per lead (0-based signal
    // index), shown whenever that file, lead and run are on screen; dropExpectation (the Assessment
    // failed or was cancelled) lets the band score the file itself.
    struct OfferedLead {
        ml::SpanProbabilities spans;
        double score = 0;
        bool fused = false;
    };
    void expectPrediction(const QString& recordFile);
    void offerPrediction(const QString& recordFile, std::int64_t runId, std::map<int, OfferedLead> leads);
    void dropExpectation();
    bool isWaitingForAssessment() const { return waiting_; }

    bool hasModel() const { return model_ != nullptr; }
    bool isBusy() const { return busy_; }
    int shownRecordIndex() const { return shownRecord_; }
    const ml::SpanProbabilities& spans() const { return spans_; }
    double recordScore() const { return score_; }
    bool isFused() const { return fused_; }
    QString summaryText() const;
    // The colour cell's p at a time (NaN outside the spans or with nothing shown).
    double shownProbabilityAt(double seconds) const;
    QVector<double> shownLineTimes() const;   // span centres
    QVector<double> shownLineValues() const;  // span p
    // p of the cell at a time and its colour (what the user sees).
    QColor colourOf(double p) const;
    // Hover text at a pixel of the band: the time, p there and how many spans it averages.
    QString describeAt(const QPointF& pixel) const;

    QCustomPlot* plot() const { return plot_; }

Q_SIGNALS:
    void predictionShown(int recordIndex);
    void loadFailed(const QString& file, const QString& reason);

private:
    void start();
    QString shownFile() const;  // canonical path of the record's file ("" without one)
    void clearBand(const QString& message);
    void showPrediction(int record, const ml::RecordPrediction& p);
    void align();
    void onMove(QMouseEvent* event);

    std::shared_ptr<const ml::RunModel> model_;
    const Dataset* dataset_ = nullptr;
    int record_ = -1, lead_ = 0, shownRecord_ = -1;
    LatestLoader loader_;  // the record being scored (only the latest request is shown)
    bool busy_ = false;
    ml::SpanProbabilities spans_;
    double score_ = 0;
    bool fused_ = false;
    QString expected_, offeredFile_;  // canonical paths
    std::int64_t offeredRun_ = 0;
    std::map<int, OfferedLead> offered_;
    bool waiting_ = false;

    QCustomPlot* followed_ = nullptr;
    QCPAxis* timeAxis_ = nullptr;
    QCustomPlot* plot_ = nullptr;
    QCPColorMap* map_ = nullptr;
    QCPGraph* line_ = nullptr;
    QCPItemStraightLine* threshold_ = nullptr;
    QCPItemText* label_ = nullptr;
    QString hoverText_;
};

}  // namespace dacl::ui
