#include "ui/views/context_bar.h"

#include "ui/models/runs_model.h"
#include "ui/report/run_status_text.h"
#include "ui/studio_document.h"
#include "ui/views/elided_label.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>

namespace dacl::ui {

namespace {

QString folderName(const QString& path) { return QFileInfo(QDir::cleanPath(path)).fileName(); }

// Same folder, compared as absolute clean paths (a run records its absolute path; older runs
// their request's folder as given, relative to where the pipeline ran).
bool sameFolder(const QString& a, const QString& b) {
    return QDir::cleanPath(QFileInfo(a).absoluteFilePath()) == QDir::cleanPath(QFileInfo(b).absoluteFilePath());
}

}  // namespace

ContextBar::ContextBar(StudioDocument* document, RunsModel* runs, QWidget* parent)
    : QWidget(parent), document_(document), runs_(runs) {
    setObjectName(QStringLiteral("contextBar"));
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(8, 2, 8, 2);
    // Long names (a run's, a folder's) are shortened in the middle, never cut mid-character at the
    // edge; the whole text is in the tooltip.
    dataset_ = new ElidedLabel(this);
    dataset_->setObjectName(QStringLiteral("contextDataset"));
    run_ = new ElidedLabel(this);
    run_->setObjectName(QStringLiteral("contextRun"));
    warning_ = new ElidedLabel(this);
    warning_->setObjectName(QStringLiteral("contextWarning"));
    warning_->setStyleSheet(QStringLiteral("color: #D55E00; font-weight: bold;"));
    warning_->hide();
    row->addWidget(dataset_, 2);
    row->addWidget(run_, 3);
    row->addWidget(warning_, 2);

    connect(document_, &StudioDocument::datasetChanged, this, &ContextBar::refresh);
    connect(document_, &StudioDocument::recordChanged, this, &ContextBar::refresh);
    connect(document_, &StudioDocument::runChanged, this, &ContextBar::refresh);
    connect(document_, &StudioDocument::resultsFileChanged, this, &ContextBar::refresh);
    connect(runs_, &QAbstractItemModel::dataChanged, this, &ContextBar::refresh);
    connect(runs_, &QAbstractItemModel::rowsInserted, this, &ContextBar::refresh);
    connect(runs_, &QAbstractItemModel::rowsRemoved, this, &ContextBar::refresh);
    connect(runs_, &QAbstractItemModel::modelReset, this, &ContextBar::refresh);
    refresh();
}

QString ContextBar::datasetText() const { return dataset_->text(); }
QString ContextBar::runText() const { return run_->text(); }

QString ContextBar::windowTitle() const {
    const auto& dataset = document_->dataset();
    if (!dataset) return tr("DACL Studio");
    return tr("DACL Studio — %1").arg(folderName(QString::fromStdString(dataset->directory())));
}

void ContextBar::refresh() {
    const auto& dataset = document_->dataset();
    QString openPath;
    if (dataset) {
        openPath = QString::fromStdString(dataset->directory());
        QString text = tr("Dataset: %1 · %Ln record(s)", nullptr, static_cast<int>(dataset->size())).arg(folderName(openPath));
        const int record = document_->record();
        if (record >= 0 && record < static_cast<int>(dataset->size()))
            text += QStringLiteral(" · ") + tr("record %1").arg(QString::fromStdString(dataset->records()[static_cast<std::size_t>(record)].name));
        dataset_->setText(text);
        dataset_->setToolTipDetail(QDir::toNativeSeparators(openPath));
    } else {
        dataset_->setText(tr("No dataset open"));
        dataset_->setToolTipDetail({});
    }

    otherDataset_ = false;
    const qint64 runId = document_->run();
    const RunRow* row = runId > 0 ? runs_->rowOf(runId) : nullptr;
    if (runId <= 0) {
        run_->setText(tr("No run selected"));
        run_->setToolTipDetail(tr("Select a run in the Runs tab, or train one in the Training tab"));
    } else if (!row) {
        run_->setText(tr("Run %1").arg(runId));
        run_->setToolTipDetail({});
    } else {
        QString text = row->info.name.empty() ? tr("Run %1").arg(runId)
                                              : tr("Run %1 “%2”").arg(runId).arg(QString::fromStdString(row->info.name));
        text += QStringLiteral(" · %1 %2 · %3").arg(row->method, QString::fromStdString(row->info.task), runStatusText(row->info.status));
        const QString learned = describeRunDataset(row->dataset);
        text += QStringLiteral(" · ") + (learned.isEmpty() ? tr("dataset not recorded") : tr("trained on %1").arg(learned));
        run_->setText(text);
        run_->setToolTipDetail(QDir::toNativeSeparators(row->dataset.path));
        // Another folder with the same records (a copy: same fingerprint) is the same dataset.
        const bool sameRecords = dataset && !row->dataset.fingerprint.isEmpty() &&
                                 row->dataset.fingerprint == QString::fromStdString(dataset->fingerprint());
        // One recording opened to be assessed is not a dataset the run should have learned from.
        otherDataset_ = dataset && !dataset->isSingleFile() && !row->dataset.path.isEmpty() &&
                        !sameFolder(row->dataset.path, openPath) && !sameRecords;
    }
    warning_->setVisible(otherDataset_);
    if (otherDataset_) {
        warning_->setText(tr("⚠ The run learned from %1, not from the open dataset").arg(row->dataset.name));
        warning_->setToolTipDetail(tr("Records of the open dataset that the run never saw are scored by its final model; "
                                "its out-of-fold results belong to %1.").arg(QDir::toNativeSeparators(row->dataset.path)));
    }
    Q_EMIT changed();
}

}  // namespace dacl::ui
