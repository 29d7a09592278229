// "Patient report…": the one-page PDF of the shown assessment (ui/report/patient_report), written
// on a worker thread because it reads the recording again and draws its strips.
#include "ui/views/assessment_panel.h"

#include "core/common/error.h"
#include "ui/report/patient_report.h"
#include "ui/loaders/run_then.h"
#include "ui/loaders/thread_pools.h"

#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>

namespace dacl::ui {

namespace {

struct Written {
    QString error, errorFile;
};

}  // namespace

void AssessmentPanel::updateReportButton() {
    reportButton_->setEnabled(hasResult_ && !busy_ && !writingReport_);
}

void AssessmentPanel::chooseReportFile() {
    if (!hasResult_) return;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString name = QString::fromStdString(assessment_.recordName) + QStringLiteral("-report.pdf");
    const QString path = QFileDialog::getSaveFileName(this, tr("Save patient report"), QDir(folder).filePath(name),
                                                      tr("PDF files (*.pdf)"));
    if (!path.isEmpty()) writeReport(path);
}

void AssessmentPanel::writeReport(const QString& pdfPath) {
    if (!hasResult_ || writingReport_) return;
    writingReport_ = true;
    updateReportButton();
    status_->setText(tr("Writing the patient report %1…").arg(QDir::toNativeSeparators(pdfPath)));
    status_->setVisible(true);
    const assess::Assessment a = assessment_;  // the worker's own copy
    runThen(this, backgroundThreadPool(), [a, pdfPath]() -> Written {
        Written out;
        try {
            writePatientReport(a, pdfPath);
        } catch (const std::exception& e) {
            std::string error, file = pdfPath.toStdString();
            describeError(e, error, file);
            out.error = QString::fromStdString(error);
            out.errorFile = QString::fromStdString(file);
        }
        return out;
    }, [this, pdfPath](const Written& r) {
        writingReport_ = false;
        updateReportButton();
        if (!r.error.isEmpty()) {
            status_->setText(tr("Could not write the patient report: %1").arg(r.error));
            Q_EMIT reportFailed(r.errorFile, r.error);
            return;
        }
        status_->setText(tr("Patient report written to %1").arg(QDir::toNativeSeparators(pdfPath)));
        Q_EMIT reportWritten(pdfPath);
    });
}

}  // namespace dacl::ui
