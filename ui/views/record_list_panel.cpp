#include "ui/views/record_list_panel.h"

#include "core/common/csv.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace dacl::ui {

namespace {

QString field(const QString& s) { return QString::fromStdString(dacl::csvField(s.toStdString())); }

}  // namespace

RecordListPanel::RecordListPanel(QWidget* parent) : QWidget(parent) {
    title_ = new QLabel(this);
    title_->setWordWrap(true);
    exportButton_ = new QPushButton(tr("Export CSV…"), this);
    exportButton_->setToolTip(tr("Write these records with their label, prediction and probability as CSV"));
    table_ = new QTableWidget(0, 4, this);
    table_->setObjectName(QStringLiteral("recordList"));
    table_->setHorizontalHeaderLabels({tr("Record"), tr("Label"), tr("Predicted"), tr("Probability")});
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setToolTip(tr("Double-click a record to show its ECG"));

    auto* head = new QHBoxLayout;
    head->addWidget(title_, 1);
    head->addWidget(exportButton_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(head);
    layout->addWidget(table_, 1);

    // Activation: double-click, or Enter on the current row.
    connect(table_, &QTableWidget::cellActivated, this, [this](int row, int) {
        if (row >= 0 && row < rows_.size()) Q_EMIT recordActivated(rows_[row].record);
    });
    connect(exportButton_, &QPushButton::clicked, this, &RecordListPanel::exportInteractive);
    clear();
}

void RecordListPanel::setRows(const QString& title, QVector<RecordListRow> rows) {
    rows_ = std::move(rows);
    title_->setText(title);
    table_->setRowCount(static_cast<int>(rows_.size()));
    const QLocale locale;
    for (int r = 0; r < rows_.size(); ++r) {
        const RecordListRow& row = rows_[r];
        const QString p = std::isnan(row.probability) ? QString() : locale.toString(row.probability, 'f', 3);
        const QString cells[] = {row.record, row.label, row.predicted, p};
        for (int c = 0; c < 4; ++c) table_->setItem(r, c, new QTableWidgetItem(cells[c]));
    }
    exportButton_->setEnabled(!rows_.isEmpty());
}

void RecordListPanel::clear() { setRows(tr("No records"), {}); }

QString RecordListPanel::title() const { return title_->text(); }

bool RecordListPanel::exportCsv(const QString& path, QString* error) const {
    auto fail = [&](const QString& why) {
        if (error) *error = path + QStringLiteral(": ") + why;
        return false;
    };
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) return fail(f.errorString());
    // Machine-readable: C-locale numbers, whatever the interface language.
    QByteArray out = "record,label,predicted,probability\n";
    for (const RecordListRow& row : rows_) {
        const QString p = std::isnan(row.probability) ? QString() : QString::number(row.probability, 'g', 9);
        out += QStringList{field(row.record), field(row.label), field(row.predicted), p}.join(',').toUtf8() + '\n';
    }
    if (f.write(out) != out.size() || !f.commit()) return fail(f.errorString());
    return true;
}

void RecordListPanel::exportInteractive() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export records"), QStringLiteral("records.csv"),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportCsv(path, &error)) QMessageBox::warning(this, tr("Export records"), error);
}

}  // namespace dacl::ui
