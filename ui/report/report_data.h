#pragma once
// Everything a run report shows, gathered from the results file (and the dataset, for the ECG
// strip) without any widget, so that it can be loaded on a worker thread. Heavy parts (bootstrap
// intervals, t-SNE of the embeddings) are computed here, with progress and cancellation.
#include "core/common/progress.h"
#include "core/data/recording.h"
#include "core/store/results_store.h"
#include "ui/report/roc_curves.h"
#include "ui/report/run_dataset.h"

#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dacl::ui {

struct ReportOptions {
    std::string recordName;  // "" = the positive test record with the highest probability
    std::string dataDir;     // "" = the folder the run was trained on (its stored request)
    // dataDir was chosen by the user: a folder that is missing or lacks the record is an error.
    // false for a folder the app proposed (chooseReportDataset): that only drops the ECG strip.
    bool dataDirChosen = true;
    int tsneIterations = 1000;
    int bootstrapResamples = 1000;
};

struct MetricRow {
    std::string name;    // store name ("auroc", "f1_A", …)
    QString label;       // "AUROC", "F1 (AF)", …
    double mean = 0, sd = 0;
    double ciLow = 0, ciHigh = 0;  // NaN when no interval
};

struct SettingRow {
    QString key, value;
    bool changed = false;  // differs from the default
};

struct TrainingCurve {
    std::string name;
    std::optional<int> fold;
    std::vector<double> x, y;  // epoch (or step when the metric has no per-epoch points)
    bool byStep = false;
};

struct BaselineRow {
    std::int64_t id = 0;
    QString name, status;
    std::map<std::string, store::FinalMetric> metrics;
};

// Headline metric (AUROC, or challenge F1 for challenge4) under corruption, mean over folds.
struct RobustnessTable {
    QString title;                            // "Noise added to the ECG", "Noise on the latent z_t"
    QString columnHeader;                     // "SNR", "t"
    QStringList rows;                         // "dacl · white", …
    QStringList columns;                      // "clean", "24 dB", …
    std::vector<std::vector<double>> values;  // rows × columns, NaN where missing
};

struct EcgStripData {
    QString record;
    int label = 0;
    QString labelName;
    double probability = 0;      // the model's probability of the positive class
    std::optional<int> fold;
    std::optional<int> predicted;
    double fs = 0;
    std::vector<double> samples; // lead `lead`, in mV
    int lead = 0;
    QString unitNote;            // when the file's unit was not mV
};

struct ReportData {
    store::RunInfo run;
    QString generatedAt;         // local time
    QString reportSoftware;      // version of the program writing the report
    QString taskDescription;
    bool binary = true;
    QString positiveName;        // "AF (A)"
    std::vector<QString> classNames;  // by task label

    // Dataset summary
    RunDataset runDataset;  // the one the run learned from, as it stored it
    QString dataDir;        // the folder this report read (the run's own, or a fallback)
    std::map<std::string, int> datasetClassCounts;  // letters → records (empty when not opened)
    std::map<int, int> testClassCounts;             // task label → test records (all folds)
    int folds = 0;
    QString datasetNote;

    std::vector<SettingRow> settings;
    std::vector<MetricRow> metrics;
    QString metricsNote;
    QStringList foldColumns;                           // metric names shown per fold
    std::map<int, std::map<std::string, double>> foldValues;

    std::vector<RocCurveSet> curves;  // ROC/PR per fold and pooled
    std::vector<TrainingCurve> training;
    std::vector<BaselineRow> baselines;
    std::vector<RobustnessTable> robustness;
    QString robustnessMetric;

    // 2-D map of the test records' embeddings (one fold: each fold has its own encoder).
    std::vector<double> mapXY;
    std::vector<int> mapLabels;
    std::vector<int> mapCorrect;  // 1, 0, or -1 when unknown
    QString mapMethod;            // "t-SNE" or "PCA"
    QString mapNote;

    std::optional<EcgStripData> ecg;
    QString ecgNote;
};

// The dataset folder a run's report reads (class counts, ECG strip).
struct ReportDataset {
    std::string dir;        // the folder to read; "" when none is available
    std::string runDir;     // the run's own folder as stored ("" when the run does not say)
    bool fallback = false;  // dir is the fallback: the run's own folder is not on this computer
};
// The run's own folder when it exists: the absolute path recorded with the run, else its request's
// "data" (a relative one looked up next to the results file, then in the working directory);
// else `fallback` when that exists.
ReportDataset chooseReportDataset(const store::RunInfo& run, const std::string& dbPath, const std::string& fallback = {});

// Throws StoreError for an unknown run and std::runtime_error naming the record when
// options.recordName has no test prediction or cannot be read; Cancelled on cancel.
ReportData loadReportData(store::ResultsStore& store, std::int64_t runId, const ReportOptions& options,
                          ProgressSink& progress);

// Class names of a task's labels ("non-AF (N, O, ~)", "AF (A)"; N, A, O, ~ for challenge4).
std::vector<QString> taskClassNames(const std::string& task);

}  // namespace dacl::ui
