#include "ui/models/record_table_model.h"

#include <QLocale>

#include <cmath>
#include <limits>

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
    const std::size_t n = dataset_ ? dataset_->size() : 0;
    heartRate_.assign(n, std::numeric_limits<double>::quiet_NaN());
    heartRateKnown_.assign(n, 0);
    endResetModel();
}

void RecordTableModel::setHeartRates(const QVector<int>& records, const QVector<double>& bpm) {
    int lo = rowCount(), hi = -1;
    for (int k = 0; k < records.size() && k < bpm.size(); ++k) {
        const int r = records[k];
        if (r < 0 || r >= rowCount()) continue;
        heartRate_[static_cast<std::size_t>(r)] = bpm[k];
        heartRateKnown_[static_cast<std::size_t>(r)] = 1;
        lo = std::min(lo, r);
        hi = std::max(hi, r);
    }
    if (hi >= lo) Q_EMIT dataChanged(index(lo, HeartRate), index(hi, HeartRate));
}

double RecordTableModel::heartRate(int record) const {
    return record >= 0 && record < rowCount() ? heartRate_[static_cast<std::size_t>(record)]
                                              : std::numeric_limits<double>::quiet_NaN();
}

bool RecordTableModel::heartRateKnown(int record) const {
    return record >= 0 && record < rowCount() && heartRateKnown_[static_cast<std::size_t>(record)];
}

void RecordTableModel::setRunPredictions(const QHash<QString, double>& probabilityByRecord,
                                         const QHash<QString, int>& foldByRecord) {
    probability_ = probabilityByRecord;
    fold_ = foldByRecord;
    if (rowCount() > 0) Q_EMIT dataChanged(index(0, Fold), index(rowCount() - 1, Prediction));
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
    const QString name = QString::fromStdString(r.name);
    const double hr = heartRate_[static_cast<std::size_t>(index.row())];
    const bool hrKnown = heartRateKnown_[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Id: return name;
        case Label: return labelName(r.label);
        case Duration: return QString::number(r.durationS, 'f', 1);
        case SamplingRate: return QString::number(r.fs, 'g', 6);
        case HeartRate:
            if (!hrKnown) return QStringLiteral("…");
            return std::isnan(hr) ? QStringLiteral("—") : QString::number(hr, 'f', 0);
        case Fold: {
            const auto it = fold_.constFind(name);
            return it == fold_.constEnd() ? QString() : QString::number(*it);
        }
        case Prediction: {
            const auto it = probability_.constFind(name);
            return it == probability_.constEnd() ? QString() : QString::number(*it, 'f', 3);
        }
        }
    }
    // Numbers sort as numbers, not as text; unknown values are invalid and sort last.
    if (role == Qt::UserRole) {
        switch (index.column()) {
        case Id: return name;
        case Label: return QString::fromStdString(r.label);
        case Duration: return r.durationS;
        case SamplingRate: return r.fs;
        case HeartRate: return hrKnown && !std::isnan(hr) ? QVariant(hr) : QVariant();
        case Fold: {
            const auto it = fold_.constFind(name);
            return it == fold_.constEnd() ? QVariant() : QVariant(*it);
        }
        case Prediction: {
            const auto it = probability_.constFind(name);
            return it == probability_.constEnd() ? QVariant() : QVariant(*it);
        }
        }
    }
    if (role == Qt::ToolTipRole && index.column() == HeartRate)
        return !hrKnown ? tr("Being computed…")
                        : std::isnan(hr) ? tr("No heart rate: the record could not be read or has fewer than two beats")
                                         : tr("Median heart rate from core's R-peak detector (60 / median RR)");
    if (role == Qt::TextAlignmentRole && index.column() >= Duration)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::ToolTipRole && section == Prediction)
        return tr("Probability of the current run's positive class");
    if (role != Qt::DisplayRole) return {};
    switch (section) {
    case Id: return tr("Record");
    case Label: return tr("Label");
    case Duration: return tr("Duration (s)");
    case SamplingRate: return tr("Rate (Hz)");
    case HeartRate: return tr("HR (bpm)");
    case Fold: return tr("Fold");
    case Prediction: return tr("Prediction");
    }
    return {};
}

}  // namespace dacl::ui
