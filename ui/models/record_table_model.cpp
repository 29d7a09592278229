#include "ui/models/record_table_model.h"

#include "core/eval/tasks.h"
#include "ui/report/fold_number.h"

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

void RecordTableModel::setRunPredictions(const RunPredictions& predictions) {
    predictions_ = predictions;
    if (rowCount() > 0) Q_EMIT dataChanged(index(0, Fold), index(rowCount() - 1, Prediction));
}

const RecordPrediction* RecordTableModel::predictionOf(const QString& record) const {
    const auto it = predictions_.byRecord.constFind(record);
    return it == predictions_.byRecord.constEnd() ? nullptr : &*it;
}

// Label 1 is the positive class of every task (challenge4: AF, whose probability is stored).
QString RecordTableModel::className(int label) const {
    const QString& task = predictions_.task;
    if (task == QLatin1String("af_vs_rest")) return label == 1 ? tr("AF") : tr("non-AF");
    if (task == QLatin1String("af_vs_normal")) return label == 1 ? tr("AF") : tr("Normal");
    if (task == QLatin1String("normal_vs_abnormal")) return label == 1 ? tr("Abnormal") : tr("Normal");
    if (task == QLatin1String("challenge4") && label >= eval::kClassN && label <= eval::kClassNoisy)
        return labelName(std::string(1, "NAO~"[label]));
    return QLocale().toString(label);
}

QString RecordTableModel::predictionText(const RecordPrediction& p) const {
    const QString probability = QLocale().toString(p.probability, 'f', 2);
    if (!p.predicted) return probability;
    const QString mark = *p.predicted == p.label ? QStringLiteral("✓") : QStringLiteral("✗");
    return tr("%1 · %2 %3").arg(className(*p.predicted), probability, mark);
}

QString RecordTableModel::predictionToolTip(const RecordPrediction& p) const {
    QString probability = tr("p(%1) = %2").arg(className(1), QLocale().toString(p.probability, 'f', 3));
    if (std::isfinite(p.threshold))
        probability += tr(", threshold %1").arg(QLocale().toString(p.threshold, 'f', 3));
    const QString fold = tr("Tested in fold %1.").arg(foldNumber(p.fold));
    if (!p.predicted) return tr("%1; the run stored no predicted class. %2").arg(probability, fold);
    return (*p.predicted == p.label ? tr("✓ Correct: predicted %1 (%2), labelled %3. %4")
                                    : tr("✗ Wrong: predicted %1 (%2), labelled %3. %4"))
        .arg(className(*p.predicted), probability, className(p.label), fold);
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
        case Duration: return QLocale().toString(r.durationS, 'f', 1);
        case SamplingRate: return QLocale().toString(r.fs, 'g', 6);
        case HeartRate:
            if (!hrKnown) return QStringLiteral("…");
            return std::isnan(hr) ? QStringLiteral("—") : QLocale().toString(hr, 'f', 0);
        case Fold: {
            const RecordPrediction* p = predictionOf(name);
            return p ? foldNumber(p->fold) : QString();
        }
        case Prediction: {
            const RecordPrediction* p = predictionOf(name);
            return p ? predictionText(*p) : QString();
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
            const RecordPrediction* p = predictionOf(name);
            return p ? QVariant(p->fold + 1) : QVariant();
        }
        case Prediction: {
            const RecordPrediction* p = predictionOf(name);
            return p ? QVariant(p->probability) : QVariant();
        }
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Prediction) {
        const RecordPrediction* p = predictionOf(name);
        return p ? predictionToolTip(*p) : QVariant();
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
        return tr("The current run's predicted class and probability of its positive class; "
                  "✓ correct, ✗ wrong (out-of-fold test predictions only)");
    if (role == Qt::ToolTipRole && section == Fold) return tr("The current run's test fold of the record");
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
