#pragma once
// Scattering view: for the current record and evaluation window, the order-1 scalogram (path ×
// time, frequencies in Hz, time in seconds of the record so that it lines up with the ECG view),
// the order-2 coefficients below one chosen first-order path, and the Scattering Transformer's
// tokens. With a repr = sequence run's settings (the main window passes the current run's, as to
// the ECG view, so that both cut the same windows) the window is a span of the record's frame
// sequence, padding frames stay blank, and the rhythm channels (RR interval and |ΔRR| per frame)
// are plotted below the tokens. Colour map and linear/log scale are the user's choice; hovering names the path and
// value. The transform runs on a worker thread with the feature job's exact preprocessing and
// window rule, in double precision.
#include "core/data/dataset.h"
#include "core/features/feature_job.h"
#include "ui/loaders/latest_loader.h"
#include "ui/plots/heatmap_gradients.h"
#include "ui/views/window_scattering.h"

#include <QMap>
#include <QVector>
#include <QWidget>

#include <memory>

class QComboBox;
class QCPAxisRect;
class QCPColorMap;
class QCPColorScale;
class QCPGraph;
class QCPMarginGroup;
class QCPItemStraightLine;
class QCPLegend;
class QCPTextElement;
class QCustomPlot;
class QLabel;
class QMouseEvent;

namespace dacl::ui {

class ScatteringView : public QWidget {
    Q_OBJECT
public:
    enum class Panel { Order1, Order2, Tokens };
    // A heat map as displayed: rows x cols, row-major; row 0 is the top row, col = frame.
    struct Heatmap {
        int rows = 0, cols = 0;
        QVector<double> values;
        double at(int r, int c) const { return values[r * cols + c]; }
    };

    explicit ScatteringView(QWidget* parent = nullptr);
    ~ScatteringView() override;

    // `dataset` must outlive the view; -1 or nullptr clears. Shows the record's first window.
    void setRecord(const Dataset* dataset, int recordIndex);
    // Evaluation window of the current record (clamped to the record's windows).
    void setWindow(int windowIndex);
    void setFeatureSettings(const features::FeatureSettings& settings);

    int recordIndex() const { return requestedRecord_; }
    int windowIndex() const { return result_.windowIndex; }  // of the data shown (-1: none)
    int windowCount() const { return result_.windowCount; }
    double windowStartS() const { return result_.startS; }
    bool isLoading() const { return loading_; }
    const WindowScattering& result() const { return result_; }
    // The transform of the data shown (nullptr until the first result arrives).
    const dsp::Scattering1D* scattering() const { return scattering_.get(); }

    void setFirstOrderPath(int n1);
    int firstOrderPath() const { return n1_; }
    void setGradient(HeatmapGradient gradient);
    HeatmapGradient gradient() const { return gradient_; }
    // Log: log(S + eps), the method's features; linear: S. Tokens are always shown as computed.
    void setLogScale(bool log);
    bool logScale() const { return log_; }

    // Order-1 rows of Scattering1D's output for the shown window (rows = n1, cols = frames).
    Heatmap order1Matrix() const;
    // What the colour maps hold now.
    Heatmap displayed(Panel panel) const;
    // Path index (into scattering().paths()) of each displayed row.
    QVector<int> rowPaths(Panel panel) const;
    QVector<double> order1FrequenciesHz() const;
    QVector<double> order2FrequenciesHz() const;  // of the rows shown for the chosen path
    // Tick positions (row) and labels of a panel's vertical axis.
    QMap<double, QString> axisTicks(Panel panel) const;
    QVector<double> frameTimes() const;  // seconds in the record, one per column
    // The rhythm channels as plotted (s, one per valid frame; empty for repr = pooled): 0 = RR, 1 = |ΔRR|.
    QVector<double> rhythmShown(int channel) const;
    const features::FeatureSettings& featureSettings() const { return settings_; }
    std::pair<double, double> timeRange(Panel panel) const;

    // Tooltip text for a pixel of the plot ("" outside the maps), and the last one shown.
    QString describeAt(const QPointF& plotPixel) const;
    QString hoverText() const { return hoverText_; }
    // Pixel centre of a cell (for tests and tours).
    QPointF cellCentre(Panel panel, int row, int col) const;

    QCustomPlot* plot() const { return plot_; }

Q_SIGNALS:
    void windowShown(int recordIndex, int windowIndex);
    void firstOrderPathChanged(int n1);
    void loadFailed(const QString& file, const QString& reason);

private:
    struct PanelItems {
        QCPAxisRect* rect = nullptr;
        QCPColorMap* map = nullptr;
        QCPColorScale* scale = nullptr;
        QCPTextElement* title = nullptr;
    };
    void buildPlot();
    void adoptScattering(std::shared_ptr<const dsp::Scattering1D> scattering);
    void startLoad();
    void showResult(WindowScattering result);
    // `message` goes to the info line, `plotText` in the middle of the empty plot.
    void clearMaps(const QString& message, const QString& plotText);
    static QString noRecordText();
    void updateMaps();
    void fillOrder1();
    void fillOrder2();
    void fillTokens();
    void buildRhythmPlot(const QFont& titleFont, QCPMarginGroup* left);
    void fillRhythm();
    void clearRhythm();
    static QString hz(double f);
    void updatePathCombo();
    void updateTitles();
    QString pathText(int path) const;
    QString valueText(Panel panel, double value) const;
    double shown(double s) const;
    const PanelItems& panel(Panel p) const { return panels_[static_cast<int>(p)]; }
    void onMouseMove(QMouseEvent* event);
    void onMousePress(QMouseEvent* event);

    const Dataset* dataset_ = nullptr;
    int requestedRecord_ = -1;
    int requestedWindow_ = 0;
    LatestLoader loader_;  // the window being computed (only the latest request is shown)
    bool loading_ = false;
    features::FeatureSettings settings_;
    std::shared_ptr<const dsp::Scattering1D> scattering_;
    QVector<int> order1Paths_;  // path indices of order 1, by n1
    WindowScattering result_;
    int n1_ = 0;
    bool n1Chosen_ = false;  // the user (or a caller) picked the first-order path
    HeatmapGradient gradient_ = HeatmapGradient::Viridis;
    bool log_ = true;
    QString hoverText_;

    QCustomPlot* plot_ = nullptr;
    PanelItems panels_[3];
    QCPTextElement* rhythmTitle_ = nullptr;
    QCPAxisRect* rhythmRect_ = nullptr;
    QCPLegend* rhythmLegend_ = nullptr;
    QCPGraph* rhythmGraphs_[2] = {nullptr, nullptr};
    QList<QCPItemStraightLine*> tokenSeparators_;
    QComboBox* pathCombo_ = nullptr;
    QComboBox* gradientCombo_ = nullptr;
    QComboBox* scaleCombo_ = nullptr;
    QLabel* info_ = nullptr;
};

}  // namespace dacl::ui
