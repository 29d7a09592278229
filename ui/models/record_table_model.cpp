#include "ui/models/record_table_model.h"

namespace dacl::ui {

namespace {
QString labelName(const std::string& label) {
    if (label == "N") return RecordTableModel::tr("Normal");
    if (label == "A") return RecordTableModel::tr("AF");
    if (label == "O") return RecordTableModel::tr("Other");
    if (label == "~") return RecordTableModel::tr("Noisy");
    return RecordTableModel::tr("(unlabelled)");
}
}  // namespace

RecordTableModel::RecordTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void RecordTableModel::setDataset(std::optional<Dataset> dataset) {
    beginResetModel();
    dataset_ = std::move(dataset);
    endResetModel();
}

int RecordTableModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() || !dataset_) return 0;
    return static_cast<int>(dataset_->records().size());
}

int RecordTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RecordTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !dataset_) return {};
    const RecordEntry& r = dataset_->records().at(static_cast<std::size_t>(index.row()));
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Id: return QString::fromStdString(r.name);
        case Label: return labelName(r.label);
        case Duration: return QString::number(r.durationS, 'f', 1);
        case SamplingRate: return QString::number(r.fs, 'g', 6);
        }
    }
    // Numbers sort as numbers, not as text.
    if (role == Qt::UserRole) {
        switch (index.column()) {
        case Id: return QString::fromStdString(r.name);
        case Label: return QString::fromStdString(r.label);
        case Duration: return r.durationS;
        case SamplingRate: return r.fs;
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Duration)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Id: return tr("Record");
    case Label: return tr("Label");
    case Duration: return tr("Duration (s)");
    case SamplingRate: return tr("Rate (Hz)");
    }
    return {};
}

}  // namespace dacl::ui
