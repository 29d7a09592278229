#pragma once
// The DACL Studio main window: views as tabs, docks for problems, heavy work on worker threads.
#include "core/data/dataset.h"

#include <QMainWindow>

#include <optional>

class QLabel;
class QProgressBar;
class QTabWidget;

namespace dacl::ui {

class DatasetView;
class ProblemsPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a PhysioNet-style folder on a worker thread; datasetLoaded or loadFailed follows.
    void openDataset(const QString& directory);
    // Generates the built-in demo dataset on first use (worker thread), then opens it.
    void openDemoDataset();

    const std::optional<Dataset>& dataset() const { return dataset_; }
    DatasetView* datasetView() const { return datasetView_; }
    ProblemsPanel* problemsPanel() const { return problems_; }
    QTabWidget* tabs() const { return tabs_; }

    static QString demoDatasetDirectory();

Q_SIGNALS:
    void datasetLoaded(int records);
    void loadFailed(const QString& message);

private:
    void buildMenus();
    void showAbout();
    void chooseDataset();
    void setDataset(Dataset dataset);
    void setBusy(const QString& message, bool busy);

    std::optional<Dataset> dataset_;
    QTabWidget* tabs_;
    DatasetView* datasetView_;
    ProblemsPanel* problems_;
    QLabel* status_;
    QProgressBar* progress_;
};

}  // namespace dacl::ui
