#pragma once
// ROC view: ROC and precision–recall curves of one or more runs, per fold and pooled, with the
// AUROC and its 95 % interval in the legend; curves toggle on and off; a threshold (slider, spin
// box, or dragging the operating-point marker along the ROC curve) shows the operating point on
// both plots and the confusion matrix, sensitivity, specificity, precision and F1 there, as
// core's statsAt computes them; a click on a matrix cell lists that cell's records (activating one
// asks for its ECG). Colours: Okabe–Ito (one per run), folds by line style.
#include "core/eval/metrics.h"
#include "ui/loaders/latest_request.h"
#include "ui/report/roc_curves.h"

#include <QList>
#include <QStringList>
#include <QWidget>

#include <optional>
#include <vector>

class QComboBox;
class QCPCurve;
class QCPGraph;
class QCPItemStraightLine;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QMouseEvent;
class QSlider;
class QTableWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace dacl::ui {

class RecordListPanel;
class StoreThread;

class RocView : public QWidget {
    Q_OBJECT
public:
    explicit RocView(QWidget* parent = nullptr);
    ~RocView() override;

    void setResultsFile(const QString& path);
    // Loads the curves of these runs (worker thread); `loaded` follows.
    void setRuns(const QList<qint64>& runIds);
    QList<qint64> runs() const { return runIds_; }
    // Moves the operating point (clamped to the slider's range).
    void setThreshold(double threshold);
    double threshold() const { return threshold_; }

    // The curve whose operating point and confusion matrix are shown (index into curves()).
    void setActiveCurve(int index);
    int activeCurve() const { return active_; }
    void setCurveVisible(int index, bool visible);
    bool isCurveVisible(int index) const;

    // The confusion-matrix cells; clicking one lists its records at the current threshold (they
    // follow the threshold and the active curve) and activating a listed record emits
    // recordActivated.
    enum class Cell { TruePositive, FalseNegative, FalsePositive, TrueNegative };
    void showCellRecords(Cell cell);
    std::optional<Cell> shownCell() const { return shownCell_; }
    // Records of a cell of the active curve at the threshold, the most confident first.
    QStringList recordsIn(Cell cell) const;
    RecordListPanel* cellList() const { return cellList_; }
    QTableWidget* confusionMatrix() const { return matrix_; }

    // ---- for the window and tests ----
    const std::vector<RocCurveSet>& curves() const { return curves_; }
    int curveIndex(qint64 runId, std::optional<int> fold) const;  // -1 when absent
    QCPCurve* rocCurveItem(int index) const;
    QCPCurve* prCurveItem(int index) const;
    QCustomPlot* rocPlot() const { return roc_; }
    QCustomPlot* prPlot() const { return pr_; }
    // Statistics of the active curve at the threshold (nullopt without predictions).
    std::optional<eval::BinaryStats> currentStats() const { return stats_; }
    QString lastError() const { return lastError_; }

Q_SIGNALS:
    void loaded();
    void thresholdChanged(double threshold);
    void errorOccurred(const QString& message);
    void recordActivated(const QString& record, qint64 runId);  // a listed record of that run

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void rebuild();
    void updateLegend(QCustomPlot* plot);
    void updateOperatingPoint();
    void fillStats();
    void fillCellList();
    void syncThresholdWidgets();
    double sliderToThreshold(int value) const;
    int thresholdToSlider(double t) const;
    bool dragMarker(QMouseEvent* event, bool start);

    StoreThread* store_;
    QList<qint64> runIds_;
    std::vector<RocCurveSet> curves_;
    std::vector<QCPCurve*> rocItems_, prItems_;
    std::vector<bool> visible_;
    int active_ = -1;
    double threshold_ = 0.5;
    double minThreshold_ = 0, maxThreshold_ = 1;
    std::optional<eval::BinaryStats> stats_;
    LatestRequest requests_;  // curves of an earlier selection are dropped
    bool dragging_ = false;
    QString lastError_;

    QTreeWidget* tree_;
    QCustomPlot* roc_;
    QCustomPlot* pr_;
    QCPGraph* rocMarker_ = nullptr;
    QCPGraph* prMarker_ = nullptr;
    QCPItemStraightLine* prBaseline_ = nullptr;  // no-skill precision (prevalence)
    QComboBox* activeChooser_;
    QSlider* slider_;
    QDoubleSpinBox* spin_;
    QTableWidget* matrix_;
    QLabel* statsLabel_;
    RecordListPanel* cellList_;
    std::optional<Cell> shownCell_;
    QLabel* status_;
};

}  // namespace dacl::ui
