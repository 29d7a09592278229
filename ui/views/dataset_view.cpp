#include "ui/views/dataset_view.h"

#include "ui/loaders/record_heart_rates.h"
#include "ui/models/record_table_model.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QProgressBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace dacl::ui {

namespace {

// Keeps rows whose label matches the class filter and whose id contains the search text.
class RecordFilterProxy : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    QString label;
    QString search;
    QSet<QString> subset;  // record ids chosen elsewhere (embedding selection); empty = all
    void refresh() { invalidateFilter(); }

protected:
    // Unknown values (no prediction, heart rate not computable) sort last in either order.
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override {
        const bool l = left.data(sortRole()).isValid(), r = right.data(sortRole()).isValid();
        if (l != r) return l == (sortOrder() == Qt::AscendingOrder);
        return QSortFilterProxyModel::lessThan(left, right);
    }

    bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
        const QAbstractItemModel* m = sourceModel();
        if (!label.isEmpty() &&
            m->index(row, RecordTableModel::Label, parent).data(Qt::UserRole).toString() != label)
            return false;
        const QString id = m->index(row, RecordTableModel::Id, parent).data().toString();
        if (!subset.isEmpty() && !subset.contains(id)) return false;
        return search.isEmpty() || id.contains(search, Qt::CaseInsensitive);
    }
};

}  // namespace

DatasetView::DatasetView(QWidget* parent) : QWidget(parent) {
    model_ = new RecordTableModel(this);
    auto* proxy = new RecordFilterProxy(this);
    proxy->setSourceModel(model_);
    proxy->setSortRole(Qt::UserRole);
    proxy_ = proxy;

    search_ = new QLineEdit(this);
    search_->setPlaceholderText(tr("Search record id…"));
    search_->setClearButtonEnabled(true);
    classFilter_ = new QComboBox(this);
    classFilter_->addItem(tr("All classes"), QString());
    classFilter_->addItem(tr("Normal (N)"), QStringLiteral("N"));
    classFilter_->addItem(tr("AF (A)"), QStringLiteral("A"));
    classFilter_->addItem(tr("Other (O)"), QStringLiteral("O"));
    classFilter_->addItem(tr("Noisy (~)"), QStringLiteral("~"));
    counts_ = new QLabel(this);
    heartRateProgress_ = new QProgressBar(this);
    heartRateProgress_->setFormat(tr("Heart rates %v / %m"));
    // Wide enough for its text at 99,999 records (squeezed, the text was cut).
    const QString widest = heartRateProgress_->format()
                               .replace(QLatin1String("%v"), QLatin1String("99999"))
                               .replace(QLatin1String("%m"), QLatin1String("99999"));
    heartRateProgress_->setFixedWidth(fontMetrics().horizontalAdvance(widest) + 32);
    heartRateProgress_->setToolTip(tr("Median heart rate of every record, computed in the background"));
    heartRateProgress_->hide();
    heartRates_ = new RecordHeartRates(this);
    connect(heartRates_, &RecordHeartRates::computed, model_, &RecordTableModel::setHeartRates);
    connect(heartRates_, &RecordHeartRates::progressed, this, [this](int done, int total) {
        heartRateProgress_->setRange(0, total);
        heartRateProgress_->setValue(done);
    });
    connect(heartRates_, &RecordHeartRates::finished, this, [this] {
        heartRateProgress_->hide();
        fitColumns(RecordTableModel::HeartRate, RecordTableModel::HeartRate);
        Q_EMIT heartRatesFinished();
    });

    table_ = new QTableView(this);
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->verticalHeader()->hide();
    // The last column holds a short prediction: stretched, it stood far from its record.
    table_->horizontalHeader()->setStretchLastSection(false);
    table_->sortByColumn(RecordTableModel::Id, Qt::AscendingOrder);

    auto* bar = new QHBoxLayout;
    bar->addWidget(search_, 2);
    bar->addWidget(classFilter_, 1);
    bar->addWidget(counts_, 3);
    subsetNote_ = new QPushButton(this);
    subsetNote_->setToolTip(tr("Show every record again"));
    subsetNote_->hide();
    connect(subsetNote_, &QPushButton::clicked, this, [this] { setRecordSubset({}); });
    bar->addWidget(subsetNote_);
    bar->addWidget(heartRateProgress_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(table_);

    connect(search_, &QLineEdit::textChanged, this, [this] { applyFilter(); });
    connect(classFilter_, &QComboBox::currentIndexChanged, this, [this] { applyFilter(); });
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                Q_EMIT currentRecordChanged(current.isValid() ? proxy_->mapToSource(current).row()
                                                              : -1);
            });
}

void DatasetView::setDataset(std::optional<Dataset> dataset) {
    QString text;
    if (dataset) {
        const auto counts = dataset->classCounts();
        text = tr("%n record(s)", nullptr, static_cast<int>(dataset->records().size()));
        for (const auto& [label, n] : counts)
            text += QStringLiteral("  ·  %1: %2").arg(QString::fromStdString(label.empty() ? "?" : label)).arg(n);
        if (!dataset->skipped().empty())
            text += tr("  ·  %n skipped", nullptr, static_cast<int>(dataset->skipped().size()));
    }
    counts_->setText(text);
    heartRates_->cancel();
    if (dataset) heartRates_->start(*dataset);
    heartRateProgress_->setVisible(dataset && dataset->size() > 0);
    model_->setDataset(std::move(dataset));
    fitColumns(0, RecordTableModel::ColumnCount - 1);
}

void DatasetView::setRunPredictions(const RunPredictions& predictions) {
    model_->setRunPredictions(predictions);
    fitColumns(RecordTableModel::Fold, RecordTableModel::Prediction);
}

// Each column as wide as its contents (Qt samples the rows it measures), but never wider than
// about 28 digits, so that no odd cell widens the table.
void DatasetView::fitColumns(int first, int last) {
    const int widest = 28 * table_->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    for (int c = first; c <= last; ++c) {
        table_->resizeColumnToContents(c);
        table_->setColumnWidth(c, std::min(table_->columnWidth(c), widest));
    }
}

bool DatasetView::heartRatesComplete() const {
    for (int r = 0; r < model_->rowCount(); ++r)
        if (!model_->heartRateKnown(r)) return false;
    return true;
}

int DatasetView::visibleRecordCount() const { return proxy_->rowCount(); }
QString DatasetView::countsText() const { return counts_->text(); }

void DatasetView::setClassFilter(const QString& label) {
    classFilter_->setCurrentIndex(std::max(0, classFilter_->findData(label)));
}

void DatasetView::setSearchText(const QString& text) { search_->setText(text); }

void DatasetView::setRecordSubset(const QStringList& records) {
    auto* proxy = static_cast<RecordFilterProxy*>(proxy_);
    proxy->subset = QSet<QString>(records.begin(), records.end());
    subsetNote_->setVisible(!records.isEmpty());
    subsetNote_->setText(tr("%n record(s) selected in the embedding", nullptr, static_cast<int>(records.size())));
    proxy->refresh();
}

bool DatasetView::selectRecord(const QString& record) {
    for (int row = 0; row < proxy_->rowCount(); ++row) {
        const QModelIndex index = proxy_->index(row, RecordTableModel::Id);
        if (index.data().toString() == record) {
            table_->selectRow(row);
            table_->scrollTo(index);
            return true;
        }
    }
    return false;
}

void DatasetView::applyFilter() {
    auto* proxy = static_cast<RecordFilterProxy*>(proxy_);
    proxy->label = classFilter_->currentData().toString();
    proxy->search = search_->text();
    proxy->refresh();
}

}  // namespace dacl::ui
