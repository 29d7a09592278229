#include "ui/report/run_dataset.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QObject>

#include <nlohmann/json.hpp>

namespace dacl::ui {

using nlohmann::json;

namespace {

QString stringAt(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

qint64 countAt(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_number_integer() ? it->get<qint64>() : qint64{-1};
}

}  // namespace

RunDataset runDatasetOf(const store::RunInfo& run) {
    RunDataset d;
    d.fingerprint = QString::fromStdString(run.dataFingerprint);
    const json stored = json::parse(run.settingsJson, nullptr, /*allow_exceptions=*/false);
    if (!stored.is_object()) return d;
    if (const auto request = stored.find("request"); request != stored.end() && request->is_object())
        d.requestPath = stringAt(*request, "data");
    if (const auto dataset = stored.find("dataset"); dataset != stored.end() && dataset->is_object()) {
        d.path = stringAt(*dataset, "path");
        d.recorded = !d.path.isEmpty();
        d.name = stringAt(*dataset, "name");
        d.records = countAt(*dataset, "records");
        d.taskRecords = countAt(*dataset, "task_records");
    }
    if (!d.recorded) d.path = d.requestPath;
    if (d.name.isEmpty() && !d.path.isEmpty()) d.name = QFileInfo(QDir::cleanPath(d.path)).fileName();
    return d;
}

QString describeRunDataset(const RunDataset& d) {
    if (d.name.isEmpty()) return {};
    const QLocale locale;
    if (d.records < 0) return d.name;
    const QString records = QObject::tr("%1 records").arg(locale.toString(d.records));
    if (d.taskRecords >= 0 && d.taskRecords != d.records)
        return QObject::tr("%1 (%2, %3 used)").arg(d.name, records, locale.toString(d.taskRecords));
    return QObject::tr("%1 (%2)").arg(d.name, records);
}

}  // namespace dacl::ui
