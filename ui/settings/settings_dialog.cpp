#include "ui/settings/settings_dialog.h"

#include "core/common/settings.h"

#include "ui/settings/app_settings.h"
#include "ui/settings/dpi_ruler.h"
#include "ui/settings/language.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace dacl::ui {

SettingsDialog::SettingsDialog(AppSettings* settings, QWidget* parent) : QDialog(parent), settings_(settings) {
    setWindowTitle(tr("Settings"));
    auto* tabs = new QTabWidget(this);
    tabs->addTab(buildDataPage(), tr("Data"));
    tabs->addTab(buildComputePage(), tr("Compute"));
    tabs->addTab(buildDisplayPage(), tr("Display"));
    tabs->addTab(buildLanguagePage(), tr("Language"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(buttons);
    load();
}

QWidget* SettingsDialog::buildDataPage() {
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);

    dataDirs_ = new QListWidget(page);
    dataDirs_->setToolTip(tr("Folders in which you keep datasets"));
    auto* add = new QPushButton(tr("&Add…"), page);
    auto* remove = new QPushButton(tr("&Remove"), page);
    connect(add, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Add a data folder"));
        if (!dir.isEmpty() && dataDirs_->findItems(dir, Qt::MatchExactly).isEmpty()) dataDirs_->addItem(dir);
    });
    connect(remove, &QPushButton::clicked, this, [this] { delete dataDirs_->currentItem(); });
    auto* dirButtons = new QVBoxLayout;
    dirButtons->addWidget(add);
    dirButtons->addWidget(remove);
    dirButtons->addStretch();
    auto* dirs = new QHBoxLayout;
    dirs->addWidget(dataDirs_, 1);
    dirs->addLayout(dirButtons);
    form->addRow(tr("Data folders"), dirs);

    recent_ = new QListWidget(page);
    recent_->setMaximumHeight(110);
    auto* clear = new QPushButton(tr("C&lear"), page);
    connect(clear, &QPushButton::clicked, this, [this] {
        settings_->clearRecentDatasets();
        recent_->clear();
    });
    auto* recent = new QHBoxLayout;
    recent->addWidget(recent_, 1);
    recent->addWidget(clear, 0, Qt::AlignTop);
    form->addRow(tr("Recent datasets"), recent);

    results_ = new QLineEdit(page);
    results_->setPlaceholderText(QDir::toNativeSeparators(AppSettings::defaultResultsFile()));
    results_->setToolTip(tr("The SQLite file in which every run and its results are stored (shared with the dacl command line)"));
    auto* browse = new QPushButton(tr("&Browse…"), page);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Results file"), settings_->resultsFile(),
                                                       tr("Results files (*.sqlite *.db);;All files (*)"), nullptr,
                                                       QFileDialog::DontConfirmOverwrite);
        if (!f.isEmpty()) results_->setText(QDir::toNativeSeparators(f));
    });
    auto* results = new QHBoxLayout;
    results->addWidget(results_, 1);
    results->addWidget(browse);
    form->addRow(tr("Results file"), results);
    return page;
}

QWidget* SettingsDialog::buildComputePage() {
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    threads_ = new QSpinBox(page);
    threads_->setRange(0, dacl::maxThreads());  // the range the job settings accept
    threads_->setSpecialValueText(tr("Automatic (all cores but one)"));
    threads_->setToolTip(tr("Compute threads of training and feature jobs"));
    form->addRow(tr("Threads"), threads_);
    device_ = new QComboBox(page);
    device_->addItem(tr("Automatic (GPU when available)"), QStringLiteral("auto"));
    device_->addItem(tr("CPU"), QStringLiteral("cpu"));
    device_->addItem(tr("GPU (CUDA)"), QStringLiteral("cuda"));
    form->addRow(tr("Device"), device_);
    form->addRow(new QLabel(tr("Applies to jobs started from now on."), page));
    return page;
}

QWidget* SettingsDialog::buildDisplayPage() {
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    auto* form = new QFormLayout;
    dots_ = new QDoubleSpinBox(page);
    dots_->setRange(AppSettings::kMinDotsPerMm, AppSettings::kMaxDotsPerMm);
    dots_->setDecimals(3);
    dots_->setSingleStep(0.01);
    dots_->setSuffix(tr(" px/mm"));
    dots_->setToolTip(tr("Screen pixels per millimetre: the ECG paper is drawn at true size with it"));
    auto* reset = new QPushButton(tr("&Screen's value"), page);
    reset->setToolTip(tr("What the screen reports (often not exact)"));
    connect(reset, &QPushButton::clicked, this, [this] { dots_->setValue(AppSettings::screenDotsPerMm()); });
    auto* row = new QHBoxLayout;
    row->addWidget(dots_);
    row->addWidget(reset);
    row->addStretch();
    form->addRow(tr("Dots per mm"), row);
    layout->addLayout(form);

    layout->addWidget(new QLabel(
        tr("Calibration: hold a real ruler against the screen and drag the right end of the ruler below "
           "until it measures exactly 100 mm."),
        page));
    ruler_ = new DpiRuler(page);
    auto* scroll = new QScrollArea(page);
    scroll->setWidget(ruler_);
    scroll->setWidgetResizable(true);
    scroll->setMinimumHeight(110);
    layout->addWidget(scroll);
    layout->addStretch();
    // The spin box and the ruler show the same number.
    connect(ruler_, &DpiRuler::dotsPerMmChanged, dots_, &QDoubleSpinBox::setValue);
    connect(dots_, QOverload<double>::of(&QDoubleSpinBox::valueChanged), ruler_, &DpiRuler::setDotsPerMm);
    return page;
}

QWidget* SettingsDialog::buildLanguagePage() {
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    language_ = new QComboBox(page);
    for (const QString& code : AppSettings::languages())
        language_->addItem(code == QLatin1String("system") ? tr("System default") : nativeLanguageName(code), code);
    form->addRow(tr("Language"), language_);
    languageNote_ = new QLabel(tr("The new language applies when DACL Studio is started again."), page);
    languageNote_->setWordWrap(true);
    languageNote_->hide();
    form->addRow(languageNote_);
    connect(language_, QOverload<int>::of(&QComboBox::currentIndexChanged), this, [this] {
        languageNote_->setVisible(language_->currentData().toString() != settings_->language());
    });
    return page;
}

void SettingsDialog::load() {
    dataDirs_->clear();
    dataDirs_->addItems(settings_->dataDirectories());
    recent_->clear();
    recent_->addItems(settings_->recentDatasets());
    const QString results = settings_->resultsFile();
    results_->setText(results == AppSettings::defaultResultsFile() ? QString() : QDir::toNativeSeparators(results));
    threads_->setValue(settings_->threads());
    device_->setCurrentIndex(std::max(0, device_->findData(settings_->device())));
    dots_->setValue(settings_->dotsPerMm());
    ruler_->setDotsPerMm(settings_->dotsPerMm());
    language_->setCurrentIndex(std::max(0, language_->findData(settings_->language())));
    languageNote_->hide();
}

void SettingsDialog::apply() {
    QStringList dirs;
    for (int i = 0; i < dataDirs_->count(); ++i) dirs << dataDirs_->item(i)->text();
    settings_->setDataDirectories(dirs);
    settings_->setResultsFile(QDir::fromNativeSeparators(results_->text().trimmed()));
    settings_->setThreads(threads_->value());
    settings_->setDevice(device_->currentData().toString());
    // Only a value the user changed becomes a calibration (else it follows the screen).
    if (settings_->dotsPerMmCalibrated() || std::abs(dots_->value() - settings_->dotsPerMm()) > 1e-3)
        settings_->setDotsPerMm(dots_->value());
    settings_->setLanguage(language_->currentData().toString());
}

}  // namespace dacl::ui
