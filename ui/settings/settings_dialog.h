#pragma once
// The Settings dialog: data folders and recent datasets, results file, compute threads and
// device, screen calibration (dots per mm, with a ruler to measure against a real one) and
// language. Opened from the menu with open() (window-modal, never from a loop); OK/Apply write
// to AppSettings, which tells the rest of the app through its change signals.
#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace dacl::ui {

class AppSettings;
class DpiRuler;

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(AppSettings* settings, QWidget* parent = nullptr);

    // Shows the stored values again (discarding edits).
    void load();
    // Writes the edited values to AppSettings.
    void apply();

    // For tests and the lead's wiring.
    QListWidget* dataDirectories() const { return dataDirs_; }
    QLineEdit* resultsFile() const { return results_; }
    QSpinBox* threads() const { return threads_; }
    QComboBox* device() const { return device_; }
    QDoubleSpinBox* dotsPerMm() const { return dots_; }
    DpiRuler* ruler() const { return ruler_; }
    QComboBox* language() const { return language_; }

private:
    QWidget* buildDataPage();
    QWidget* buildComputePage();
    QWidget* buildDisplayPage();
    QWidget* buildLanguagePage();

    AppSettings* settings_;
    QListWidget* dataDirs_;
    QListWidget* recent_;
    QLineEdit* results_;
    QSpinBox* threads_;
    QComboBox* device_;
    QDoubleSpinBox* dots_;
    DpiRuler* ruler_;
    QComboBox* language_;
    QLabel* languageNote_;
};

}  // namespace dacl::ui
