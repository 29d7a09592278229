#include "ui/jobs/report_job.h"

#include "ui/jobs/qt_progress.h"
#include "ui/report/report_writer.h"
#include "ui/settings/core_text.h"
#include "ui/loaders/thread_pools.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace dacl::ui {

namespace {
struct Loaded {
    std::shared_ptr<ReportData> data;
    QString error;
    bool cancelled = false;
};
}  // namespace

ReportJob::ReportJob(QObject* parent) : QObject(parent) {}

ReportJob::~ReportJob() {
    if (progress_) progress_->cancel();
}

void ReportJob::start(const QString& dbPath, qint64 runId, const QStringList& outputs, const ReportOptions& options) {
    if (running_) return;
    running_ = true;
    progress_ = std::make_shared<QtProgress>();
    connect(progress_.get(), &QtProgress::progressed, this, &ReportJob::progressed);
    auto progress = progress_;
    const std::string db = dbPath.toStdString();
    runThen(this, backgroundThreadPool(), [db, runId, options, progress] {
        Loaded out;
        try {
            store::OpenOptions o;
            o.create = false;
            store::ResultsStore st(db, o);  // this thread's own connection
            out.data = std::make_shared<ReportData>(loadReportData(st, runId, options, *progress));
        } catch (const Cancelled&) {
            out.cancelled = true;
        } catch (const std::exception& e) {
            out.error = QString::fromStdString(e.what());
        }
        return out;
    }, [this, outputs](const Loaded& loaded) {
        running_ = false;
        if (loaded.cancelled) {
            Q_EMIT failed(tr("Cancelled"));
            return;
        }
        if (!loaded.error.isEmpty()) {
            Q_EMIT failed(loaded.error);
            return;
        }
        QStringList written;
        try {
            for (const QString& out : outputs) {
                Q_EMIT progressed(tr("writing %1").arg(QFileInfo(out).fileName()), written.size(), outputs.size());
                writeReport(*loaded.data, out);
                written << out;
            }
        } catch (const std::exception& e) {
            Q_EMIT failed(QString::fromStdString(e.what()));
            return;
        }
        Q_EMIT finished(written);
    });
}

void ReportJob::cancel() {
    if (progress_) progress_->cancel();
}

ExportReportDialog::ExportReportDialog(const QString& dbPath, qint64 runId, const QString& openDataset, QWidget* parent)
    : QDialog(parent), dbPath_(dbPath), runId_(runId), datasetLoader_(this, backgroundThreadPool()) {
    setWindowTitle(tr("Export report of run %1").arg(runId));
    job_ = new ReportJob(this);
    output_ = new QLineEdit(QDir::home().filePath(QStringLiteral("dacl-run-%1-report.pdf").arg(runId)), this);
    auto* browse = new QPushButton(tr("Browse…"), this);
    html_ = new QCheckBox(tr("Also write an HTML copy (self-contained)"), this);
    html_->setChecked(true);
    record_ = new QLineEdit(this);
    record_->setPlaceholderText(tr("default: the positive test record with the highest probability"));
    data_ = new QLineEdit(this);
    data_->setPlaceholderText(tr("default: the folder the run was trained on"));
    dataNote_ = new QLabel(this);
    dataNote_->setWordWrap(true);
    bar_ = new QProgressBar(this);
    bar_->setRange(0, 0);
    bar_->hide();
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("Export"));

    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(output_, 1);
    fileRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("PDF file:"), fileRow);
    form->addRow(QString(), html_);
    form->addRow(tr("ECG record:"), record_);
    form->addRow(tr("Dataset folder:"), data_);
    form->addRow(QString(), dataNote_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(bar_);
    layout->addWidget(status_);
    layout->addWidget(buttons_);
    resize(560, sizeHint().height());

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Export report"), output_->text(), tr("PDF files (*.pdf)"));
        if (!f.isEmpty()) setOutput(f);
    });
    connect(buttons_, &QDialogButtonBox::accepted, this, &ExportReportDialog::startExport);
    connect(buttons_, &QDialogButtonBox::rejected, this, &ExportReportDialog::reject);
    connect(job_, &ReportJob::progressed, this, [this](const QString& stage, qint64 done, qint64 total) {
        status_->setText(stage);
        bar_->setRange(0, static_cast<int>(std::max<qint64>(total, 1)));
        bar_->setValue(static_cast<int>(done));
    });
    connect(job_, &ReportJob::finished, this, [this](const QStringList& written) {
        bar_->hide();
        status_->setText(tr("Written: %1").arg(written.join(QStringLiteral(", "))));
        buttons_->button(QDialogButtonBox::Ok)->setEnabled(true);
        buttons_->button(QDialogButtonBox::Cancel)->setText(tr("Close"));
    });
    connect(job_, &ReportJob::failed, this, [this](const QString& message) {
        bar_->hide();
        status_->setText(tr("The report was not written: %1").arg(coreText(message)));
        buttons_->button(QDialogButtonBox::Ok)->setEnabled(true);
    });
    chooseDataset(openDataset);
}

void ExportReportDialog::chooseDataset(const QString& openDataset) {
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(false);
    data_->setEnabled(false);  // what the user types is not overwritten by the proposal
    dataNote_->setText(tr("Looking for the run's dataset…"));
    struct Choice {
        ReportDataset dataset;
        QString error;
    };
    datasetLoader_.start(
        [db = dbPath_.toStdString(), runId = runId_, fallback = openDataset.toStdString()] {
            Choice out;
            try {
                store::OpenOptions o;
                o.create = false;
                store::ResultsStore st(db, o);
                out.dataset = chooseReportDataset(st.run(runId), db, fallback);
            } catch (const std::exception& e) {
                out.error = QString::fromStdString(e.what());
            }
            return out;
        },
        [this](const Choice& c) { showDatasetChoice(c.dataset, c.error); });
}

void ExportReportDialog::showDatasetChoice(const ReportDataset& choice, const QString& error) {
    const QString dir = QString::fromStdString(choice.dir), runDir = QString::fromStdString(choice.runDir);
    proposedDataDir_ = dir;
    data_->setText(dir);
    data_->setEnabled(true);
    if (!error.isEmpty())
        dataNote_->setText(tr("The run's dataset is not known: %1").arg(error));
    else if (!dir.isEmpty() && !choice.fallback)
        dataNote_->setText(tr("The dataset the run was trained on."));
    else if (!dir.isEmpty())
        dataNote_->setText(tr("The run's dataset %1 is not on this computer: the open dataset is used instead "
                              "(a record that is not in it is shown without its ECG strip).").arg(runDir));
    else if (!runDir.isEmpty())
        dataNote_->setText(tr("The run's dataset %1 is not on this computer: the report has no ECG strip "
                              "unless you choose a folder.").arg(runDir));
    else
        dataNote_->setText(tr("The run does not say which dataset it used: choose a folder for the ECG strip."));
    if (!job_->isRunning()) buttons_->button(QDialogButtonBox::Ok)->setEnabled(true);
    Q_EMIT datasetChosen(dir);
}

QString ExportReportDialog::dataDir() const { return data_->text(); }
QString ExportReportDialog::datasetNote() const { return dataNote_->text(); }

void ExportReportDialog::setOutput(const QString& path) { output_->setText(path); }

void ExportReportDialog::startExport() {
    QString pdf = output_->text().trimmed();
    if (pdf.isEmpty()) return;
    if (QFileInfo(pdf).suffix().toLower() != QLatin1String("pdf")) pdf += QStringLiteral(".pdf");
    QStringList outputs{pdf};
    if (html_->isChecked()) outputs << pdf.left(pdf.size() - 4) + QStringLiteral(".html");
    ReportOptions o;
    o.recordName = record_->text().trimmed().toStdString();
    o.dataDir = data_->text().trimmed().toStdString();
    o.dataDirChosen = data_->text().trimmed() != proposedDataDir_;
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(false);
    bar_->setRange(0, 0);
    bar_->show();
    status_->setText(tr("Preparing the report…"));
    job_->start(dbPath_, runId_, outputs, o);
}

void ExportReportDialog::reject() {
    if (job_->isRunning()) {
        job_->cancel();  // the job reports "Cancelled"; the dialog stays until then
        status_->setText(tr("Cancelling…"));
        return;
    }
    QDialog::reject();
}

}  // namespace dacl::ui
