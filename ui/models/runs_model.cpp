#include "ui/models/runs_model.h"

#include "core/common/settings.h"
#include "core/store/metric_names.h"
#include "ui/report/number_text.h"
#include "ui/report/run_status_text.h"

#include <QBrush>
#include <QColor>
#include <QDir>
#include <QFileInfo>
#include <QLocale>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace dacl::ui {

using nlohmann::json;

namespace {

QString jsonText(const json& v) {
    if (v.is_string()) return QString::fromStdString(v.get<std::string>());
    return QString::fromStdString(v.dump());
}

bool sameMetric(const std::optional<store::FinalMetric>& a, const std::optional<store::FinalMetric>& b) {
    if (a.has_value() != b.has_value()) return false;
    if (!a) return true;
    auto eq = [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); };
    return eq(a->mean, b->mean) && eq(a->ciLow, b->ciLow) && eq(a->ciHigh, b->ciHigh) && eq(a->std, b->std);
}

// Path, fingerprint and record counts of a run's dataset, one per line.
QString datasetTooltip(const RunDataset& d) {
    if (d.path.isEmpty()) return RunsModel::tr("Dataset not recorded with this run");
    const QLocale locale;
    QStringList lines{QDir::toNativeSeparators(d.path)};
    if (d.records >= 0 && d.taskRecords >= 0)
        lines << RunsModel::tr("%1 of its %2 records used by the task")
                     .arg(locale.toString(d.taskRecords), locale.toString(d.records));
    if (!d.fingerprint.isEmpty()) lines << RunsModel::tr("Fingerprint %1").arg(d.fingerprint);
    return lines.join(QLatin1Char('\n'));
}

}  // namespace

bool RunRow::sameAs(const RunRow& o) const {
    const store::RunInfo& a = info;
    const store::RunInfo& b = o.info;
    return a.id == b.id && a.name == b.name && a.status == b.status && a.task == b.task &&
           a.startedAt == b.startedAt && a.finishedAt == b.finishedAt && a.error == b.error &&
           a.settingsJson == b.settingsJson && a.heartbeatAt == b.heartbeatAt && method == o.method &&
           sameMetric(auroc, o.auroc);
}

QDateTime parseStoreTime(const std::string& iso) {
    if (iso.empty()) return {};
    QDateTime t = QDateTime::fromString(QString::fromStdString(iso), Qt::ISODate);
    if (t.isValid()) t = t.toUTC();
    return t;
}

QString formatAuroc(const std::optional<store::FinalMetric>& m) {
    if (!m || !std::isfinite(m->mean)) return QStringLiteral("–");
    const bool interval = std::isfinite(m->ciLow) && std::isfinite(m->ciHigh) && m->ciHigh > m->ciLow;
    return interval ? localEstimate(m->mean, m->ciLow, m->ciHigh) : localNumber(m->mean);
}

QString keySettingsOf(const store::RunInfo& run) {
    const json stored = json::parse(run.settingsJson, nullptr, /*allow_exceptions=*/false);
    if (!stored.is_object()) return {};
    QStringList parts;
    const json* settings = &stored;
    if (stored.contains("request") && stored["request"].is_object()) {
        const json& r = stored["request"];
        if (r.contains("folds")) parts << QStringLiteral("folds=%1").arg(jsonText(r["folds"]));
        if (r.contains("limit")) parts << QStringLiteral("limit=%1").arg(jsonText(r["limit"]));
        if (r.value("robustness", false)) parts << QStringLiteral("robustness");
    }
    if (stored.contains("settings") && stored["settings"].is_object()) settings = &stored["settings"];
    static const json defaults = Settings().values();
    for (const auto& [key, value] : settings->items()) {
        if (key == "request") continue;
        const auto d = defaults.find(key);
        if (d != defaults.end() && *d == value) continue;
        parts << QStringLiteral("%1=%2").arg(QString::fromStdString(key), jsonText(value));
    }
    return parts.join(QStringLiteral(", "));
}

std::vector<RunRow> loadRunRows(store::ResultsStore& st) {
    std::vector<RunRow> out;
    for (store::RunInfo& info : st.listRuns()) {
        RunRow row;
        row.auroc = st.finalMetric(info.id, store::metric::kAuroc);
        // Baseline runs are children of their DACL run and are named after their method.
        row.method = info.parentId ? QString::fromStdString(info.name) : QStringLiteral("dacl");
        row.keySettings = keySettingsOf(info);
        row.started = parseStoreTime(info.startedAt.empty() ? info.createdAt : info.startedAt);
        row.finished = parseStoreTime(info.finishedAt);
        row.dataset = runDatasetOf(info);
        row.info = std::move(info);
        out.push_back(std::move(row));
    }
    return out;
}

RunsModel::RunsModel(QObject* parent) : QAbstractTableModel(parent) {}

bool RunsModel::update(std::vector<RunRow> rows) {
    bool changed = false;
    std::unordered_map<qint64, std::size_t> incoming;
    for (std::size_t i = 0; i < rows.size(); ++i) incoming[rows[i].info.id] = i;
    // Removals, from the bottom so that indices stay valid.
    for (int r = static_cast<int>(rows_.size()) - 1; r >= 0; --r) {
        if (incoming.count(rows_[static_cast<std::size_t>(r)].info.id)) continue;
        beginRemoveRows({}, r, r);
        rows_.erase(rows_.begin() + r);
        endRemoveRows();
        changed = true;
    }
    std::unordered_map<qint64, std::size_t> existing;
    for (std::size_t r = 0; r < rows_.size(); ++r) existing[rows_[r].info.id] = r;
    std::vector<RunRow> added;
    for (RunRow& row : rows) {
        const auto it = existing.find(row.info.id);
        if (it == existing.end()) {
            added.push_back(std::move(row));
            continue;
        }
        RunRow& mine = rows_[it->second];
        if (mine.sameAs(row)) continue;
        mine = std::move(row);
        const int r = static_cast<int>(it->second);
        Q_EMIT dataChanged(index(r, 0), index(r, ColumnCount - 1));
        changed = true;
    }
    if (!added.empty()) {
        const int first = static_cast<int>(rows_.size());
        beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
        for (RunRow& row : added) rows_.push_back(std::move(row));
        endInsertRows();
        changed = true;
    }
    return changed;
}

void RunsModel::clear() {
    beginResetModel();
    rows_.clear();
    endResetModel();
}

const RunRow* RunsModel::rowOf(qint64 runId) const {
    const int r = rowIndexOf(runId);
    return r < 0 ? nullptr : &rows_[static_cast<std::size_t>(r)];
}

int RunsModel::rowIndexOf(qint64 runId) const {
    for (std::size_t r = 0; r < rows_.size(); ++r)
        if (rows_[r].info.id == runId) return static_cast<int>(r);
    return -1;
}

int RunsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int RunsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant RunsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= static_cast<int>(rows_.size())) return {};
    const RunRow& row = rows_[static_cast<std::size_t>(index.row())];
    const store::RunInfo& r = row.info;
    const QLocale locale;
    auto timeText = [&](const QDateTime& t) {
        return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
    };
    if (role == RunIdRole) return QVariant::fromValue<qint64>(r.id);
    if (role == StatusRole) return QString::fromLatin1(store::toString(r.status));
    if (role == Qt::DisplayRole || role == Qt::EditRole) {
        switch (index.column()) {
        case Id: return QVariant::fromValue<qint64>(r.id);
        case Name: return QString::fromStdString(r.name);
        case Status: return runStatusText(r.status);
        case Started: return timeText(row.started);
        case Finished: return timeText(row.finished);
        case Dataset: return row.dataset.name;
        case Records:
            return row.dataset.taskRecords >= 0 ? locale.toString(row.dataset.taskRecords) : QStringLiteral("–");
        case Task: return QString::fromStdString(r.task);
        case Method: return row.method;
        case Settings: return row.keySettings;
        case Auroc: return formatAuroc(row.auroc);
        default: return {};
        }
    }
    if (role == SortRole) {
        switch (index.column()) {
        case Id: return QVariant::fromValue<qint64>(r.id);
        case Started: return row.started;
        case Finished: return row.finished;
        case Records: return row.dataset.taskRecords;
        case Auroc: return row.auroc && std::isfinite(row.auroc->mean) ? row.auroc->mean : -1.0;
        default: return data(index, Qt::DisplayRole).toString().toLower();
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == Status && !r.error.empty()) return QString::fromStdString(r.error);
        if (index.column() == Settings) return row.keySettings;
        if (index.column() == Name && r.parentId) return tr("Baseline of run %1").arg(*r.parentId);
        if (index.column() == Dataset || index.column() == Records) return datasetTooltip(row.dataset);
    }
    if (role == Qt::ForegroundRole && index.column() == Status) {
        // Colour-blind-safe hues (Okabe–Ito) for the states that ask for attention.
        switch (r.status) {
        case store::RunStatus::Failed: return QBrush(QColor(0xD5, 0x5E, 0x00));
        case store::RunStatus::Interrupted: return QBrush(QColor(0xCC, 0x79, 0xA7));
        case store::RunStatus::Running: return QBrush(QColor(0x00, 0x72, 0xB2));
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Id || index.column() == Records || index.column() == Auroc))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Id: return tr("ID");
    case Name: return tr("Name");
    case Status: return tr("Status");
    case Started: return tr("Started");
    case Finished: return tr("Finished");
    case Dataset: return tr("Dataset");
    case Records: return tr("Records");
    case Task: return tr("Task");
    case Method: return tr("Method");
    case Settings: return tr("Key settings");
    case Auroc: return tr("AUROC [95% CI]");
    default: return {};
    }
}

Qt::ItemFlags RunsModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.column() == Name) f |= Qt::ItemIsEditable;
    return f;
}

bool RunsModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || index.column() != Name || index.row() >= static_cast<int>(rows_.size())) return false;
    const QString name = value.toString().trimmed();
    RunRow& row = rows_[static_cast<std::size_t>(index.row())];
    if (name.isEmpty() || name == QString::fromStdString(row.info.name)) return false;
    row.info.name = name.toStdString();
    Q_EMIT dataChanged(index, index);
    Q_EMIT renameRequested(row.info.id, name);
    return true;
}

}  // namespace dacl::ui
