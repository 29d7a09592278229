#pragma once
// The first-start welcome above the Dataset tab: what DACL Studio does and the next steps as
// buttons (open a dataset folder, open one recording, train on the built-in demo dataset). It
// never blocks: the demo dataset opens below it, and it goes away once a step is taken.
#include <QFrame>

class QPushButton;

namespace dacl::ui {

class WelcomePanel : public QFrame {
    Q_OBJECT
public:
    explicit WelcomePanel(QWidget* parent = nullptr);

    QPushButton* openDatasetButton() const { return openDataset_; }
    QPushButton* openRecordingButton() const { return openRecording_; }
    QPushButton* trainDemoButton() const { return trainDemo_; }
    QPushButton* dismissButton() const { return dismiss_; }

Q_SIGNALS:
    void openDatasetRequested();
    void openRecordingRequested();
    void trainDemoRequested();

private:
    QPushButton* openDataset_;
    QPushButton* openRecording_;
    QPushButton* trainDemo_;
    QPushButton* dismiss_;
};

}  // namespace dacl::ui
