#include "ui/views/welcome_panel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace dacl::ui {

WelcomePanel::WelcomePanel(QWidget* parent) : QFrame(parent) {
    setObjectName(QStringLiteral("welcomePanel"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto* title = new QLabel(tr("<b>Welcome to DACL Studio</b>"), this);
    auto* what = new QLabel(tr("DACL Studio learns to recognise atrial fibrillation in ECG recordings: explore a "
                               "dataset record by record, train and compare models, and assess a single "
                               "recording with a trained model. The built-in demo dataset (synthetic ECG of "
                               "four classes) is open below."),
                            this);
    what->setWordWrap(true);
    openDataset_ = new QPushButton(tr("Open a dataset folder…"), this);
    openDataset_->setToolTip(tr("A PhysioNet-style folder of recordings with a REFERENCE.csv of labels"));
    openRecording_ = new QPushButton(tr("Open one recording file…"), this);
    openRecording_->setToolTip(tr("One ECG file (WFDB, MAT, EDF/EDF+/BDF, CSV), assessed with a trained run"));
    trainDemo_ = new QPushButton(tr("Train on the demo dataset"), this);
    trainDemo_->setToolTip(tr("Starts a short demo training run; its curves appear in the Training tab"));
    trainDemo_->setDefault(true);
    dismiss_ = new QPushButton(tr("Explore the demo dataset"), this);
    dismiss_->setFlat(true);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(openDataset_);
    buttons->addWidget(openRecording_);
    buttons->addWidget(trainDemo_);
    buttons->addStretch(1);
    buttons->addWidget(dismiss_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(what);
    layout->addLayout(buttons);

    // The window hides the panel once a dataset of the user's own has opened (a cancelled file
    // dialog leaves it); training on the demo is a step taken at once.
    connect(openDataset_, &QPushButton::clicked, this, &WelcomePanel::openDatasetRequested);
    connect(openRecording_, &QPushButton::clicked, this, &WelcomePanel::openRecordingRequested);
    connect(trainDemo_, &QPushButton::clicked, this, [this] { hide(); Q_EMIT trainDemoRequested(); });
    connect(dismiss_, &QPushButton::clicked, this, &QWidget::hide);
}

}  // namespace dacl::ui
