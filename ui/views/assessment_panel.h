#pragma once
// The Assessment of one opened recording: what the record is (header fields), which
// model judged it (the current run, or the best finished run of the task, and which of the two),
// p(AF) large and in words against the run's validation threshold (with its sensitivity and
// specificity), p per lead and the combined answer, heart rate, the RR tachogram with RMSSD,
// pNN50 and sample entropy, and the warnings a reader needs before trusting the number.
// assess() runs core's assessRecording on a worker thread with progress and Cancel, so a 24-h
// recording never blocks the window; setAssessment() shows a finished result.
#include "core/assess/assessment.h"
#include "ui/loaders/latest_loader.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace dacl::ui {

class QtProgress;
class RrTachogram;

class AssessmentPanel : public QWidget {
    Q_OBJECT
public:
    explicit AssessmentPanel(QWidget* parent = nullptr);
    ~AssessmentPanel() override;

    // Assesses `file` on a worker thread (a running assessment is cancelled first). The lead
    // chosen in the panel replaces options.lead when the user changes it (re-assessing).
    void assess(const QString& file, const assess::AssessOptions& options);
    // Stops the running assessment; the panel says it was cancelled.
    void cancel();
    bool isBusy() const { return busy_; }

    // Shows a finished assessment (also what assess() does when its worker returns).
    void setAssessment(const assess::Assessment& assessment);
    const assess::Assessment& assessment() const { return assessment_; }
    bool hasAssessment() const { return hasResult_; }
    // The signals of the opened file, for the lead choice ("" entries are skipped); without
    // them the choice lists the leads of the last assessment.
    void setAvailableLeads(const QStringList& names);
    // Writes the one-page patient report (PDF) of the shown assessment on a worker thread;
    // reportWritten or reportFailed follows. "Patient report…" asks for the file, then calls this.
    void writeReport(const QString& pdfPath);
    bool isWritingReport() const { return writingReport_; }

    // What the user reads, for tests and the screenshot tour.
    QString probabilityText() const;   // the large p(AF) figure ("p(AF) 0.87")
    QString verdictText() const;       // the result in words against the threshold
    QString thresholdText() const;
    QString headerText() const;        // the file's header fields (HTML table)
    QString modelText() const;
    QString rhythmText() const;
    QStringList shownWarnings() const;  // empty when none are shown
    bool warningsVisible() const;
    QString statusText() const;        // progress, error or cancellation
    QStringList leadChoices() const;
    RrTachogram* tachogram() const { return tachogram_; }
    QPushButton* reportButton() const { return reportButton_; }
    QTableWidget* leadTable() const { return leadTable_; }

Q_SIGNALS:
    void assessmentShown();
    void assessmentFailed(const QString& file, const QString& reason);
    void busyChanged(bool busy);
    // A point of the RR tachogram was clicked: the ECG view should show this time.
    void timeSelected(double seconds);
    // The lead chosen for the assessment (file signal index, -1 = every ECG lead).
    void leadChosen(int signalIndex);
    void reportWritten(const QString& pdfPath);
    void reportFailed(const QString& file, const QString& reason);

private:
    void buildUi();
    void setBusy(bool busy, const QString& status);
    void onLeadChoice(int comboIndex);
    void fillLeadChoices(const QStringList& names);
    void showLeads();
    void showWarnings();
    void chooseReportFile();
    void updateReportButton();

    assess::Assessment assessment_;
    bool hasResult_ = false;
    bool busy_ = false;
    bool writingReport_ = false;
    LatestLoader loader_;             // a newer assessment (or cancel) drops the older result
    QString file_;
    assess::AssessOptions options_;
    QStringList fileLeads_;
    QtProgress* progress_ = nullptr;  // the running assessment's sink (shared with its worker)

    QLabel* title_ = nullptr;
    QLabel* header_ = nullptr;
    QComboBox* leadCombo_ = nullptr;
    QLabel* status_ = nullptr;
    QProgressBar* bar_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
    QLabel* probability_ = nullptr;
    QLabel* verdict_ = nullptr;
    QLabel* threshold_ = nullptr;
    QLabel* model_ = nullptr;
    QTableWidget* leadTable_ = nullptr;
    QLabel* combined_ = nullptr;
    QLabel* rhythm_ = nullptr;
    RrTachogram* tachogram_ = nullptr;
    QLabel* warnings_ = nullptr;
    QPushButton* reportButton_ = nullptr;
};

}  // namespace dacl::ui
