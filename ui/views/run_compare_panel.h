#pragma once
// Side-by-side comparison of two or more runs: their settings (with a "differences only" toggle)
// and their training curves overlaid, for a metric chosen from the names stored for those runs.
#include "core/store/results_store.h"
#include "ui/loaders/latest_request.h"

#include <QMap>
#include <QStringList>
#include <QWidget>

#include <map>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QTableWidget;

namespace dacl::ui {

class StoreThread;

// A run's settings JSON (and its identity fields) flattened to "key" → text. Nested objects join
// their keys with '.'; the request's members appear as "request.<name>".
std::map<std::string, QString> flattenRunSettings(const store::RunInfo& run);

class RunComparePanel : public QWidget {
    Q_OBJECT
public:
    explicit RunComparePanel(StoreThread* store, QWidget* parent = nullptr);

    // The runs to compare, in column order; reloads their curves.
    void setRuns(const std::vector<store::RunInfo>& runs);
    QList<qint64> runIds() const;
    void reloadCurves();

    void setDifferencesOnly(bool on);
    bool differencesOnly() const;
    // Settings keys whose rows are visible, top to bottom.
    QStringList visibleKeys() const;
    // Keys whose values differ between the compared runs.
    QStringList differingKeys() const;

    QStringList metricNames() const;
    void setMetric(const QString& name);
    QString metric() const;
    // Each fold as its own curve (true) or the mean over folds per epoch (false, the default).
    void setShowFolds(bool on);

    QTableWidget* settingsTable() const { return table_; }
    QCustomPlot* curvesPlot() const { return plot_; }

Q_SIGNALS:
    void curvesLoaded();

private:
    void fillTable();
    void applyDifferencesOnly();
    void plotCurves();

    StoreThread* store_;
    std::vector<store::RunInfo> runs_;
    std::map<qint64, std::vector<store::MetricPoint>> points_;
    QStringList differing_;
    LatestRequest requests_;  // ignores curve loads for an earlier selection

    QTableWidget* table_;
    QCheckBox* diffOnly_;
    QLabel* sameNote_;
    QComboBox* metric_;
    QComboBox* foldMode_;
    QCustomPlot* plot_;
    QLabel* curveNote_;
};

}  // namespace dacl::ui
