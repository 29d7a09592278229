#pragma once
// One line above every tab that says what the views show: the open dataset (name, records, the
// current record) and the current run (number, name, task, status, and the dataset it learned
// from). A run that learned from another dataset than the open one is flagged, since its
// per-record views then score records it never saw in training, or cannot find them.
#include <QString>
#include <QWidget>

namespace dacl::ui {

class ElidedLabel;
class RunsModel;
class StudioDocument;

class ContextBar : public QWidget {
    Q_OBJECT
public:
    // `runs` is the Runs view's model: the bar reads the current run's row from it, so it follows
    // renames and status changes without reading the results file itself.
    ContextBar(StudioDocument* document, RunsModel* runs, QWidget* parent = nullptr);

    QString datasetText() const;  // "physionet2017 · 8,528 records · record A00001"
    QString runText() const;      // "Run 3 “label” · dacl af_vs_rest · finished · trained on …"
    // True when the current run names its dataset and that is not the open one.
    bool runOnOtherDataset() const { return otherDataset_; }
    // "DACL Studio — physionet2017": what the main window's title shows.
    QString windowTitle() const;

Q_SIGNALS:
    void changed();

private:
    void refresh();

    StudioDocument* document_;
    RunsModel* runs_;
    ElidedLabel* dataset_;
    ElidedLabel* run_;
    ElidedLabel* warning_;
    bool otherDataset_ = false;
};

}  // namespace dacl::ui
