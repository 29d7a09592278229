#include "ui/views/embedding_data.h"

#include "core/common/csv.h"
#include "core/pipeline/run_model.h"
#include "core/store/results_store.h"
#include "ui/report/fold_number.h"

#include <QCoreApplication>
#include <QSaveFile>

#include <cmath>
#include <map>
#include <stdexcept>

namespace dacl::ui {

namespace {

QString csvField(const QString& s) { return QString::fromStdString(dacl::csvField(s.toStdString())); }

}  // namespace

RunEmbeddings readRunEmbeddings(const QString& dbPath, qint64 runId) {
    RunEmbeddings out;
    store::OpenOptions options;
    options.create = false;
    store::ResultsStore db(dbPath.toStdString(), options);
    const store::RunInfo info = db.run(runId);
    for (const std::string& name : ml::taskClassNames(info.task)) out.classNames << QString::fromStdString(name);
    // Predictions by (record, fold): probability, label and predicted class.
    std::map<std::pair<std::string, int>, store::Prediction> byRecord;
    for (auto& p : db.predictions(runId)) byRecord[{p.record, p.fold.value_or(-1)}] = std::move(p);
    for (const store::Embedding& e : db.embeddings(runId)) {
        if (e.window) continue;  // record level only
        if (e.vector.empty()) continue;
        if (out.dims == 0) out.dims = static_cast<int>(e.vector.size());
        if (static_cast<int>(e.vector.size()) != out.dims)
            throw std::runtime_error(dbPath.toStdString() + ": run " + std::to_string(runId) +
                                     " has embeddings of different lengths (" + std::to_string(out.dims) + " and " +
                                     std::to_string(e.vector.size()) + ")");
        EmbeddingPoint p;
        p.record = QString::fromStdString(e.record);
        p.fold = e.fold.value_or(-1);
        p.timestep = e.t;
        const auto it = byRecord.find({e.record, p.fold});
        if (it != byRecord.end()) {
            p.label = it->second.label;
            p.probability = it->second.score;
            p.predicted = it->second.predicted.value_or(-1);
        }
        if (e.label) p.label = *e.label;
        out.points.push_back(p);
        out.values.insert(out.values.end(), e.vector.begin(), e.vector.end());
    }
    return out;
}

bool writeEmbeddingLayoutCsv(const QString& path, const std::vector<EmbeddingPoint>& points, const std::vector<double>& layout,
                             const QStringList& classNames, QString* error) {
    auto fail = [&](const QString& why) {
        if (error) *error = path + QStringLiteral(": ") + why;
        return false;
    };
    if (layout.size() != 2 * points.size() || points.empty()) return fail(QCoreApplication::translate("dacl::ui::EmbeddingView", "no layout to export"));
    auto className = [&](int c) { return c < 0 ? QString() : c < classNames.size() ? classNames[c] : QString::number(c); };
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) return fail(f.errorString());
    QByteArray out = "record,label,predicted,probability,fold,t,x,y\n";
    for (std::size_t i = 0; i < points.size(); ++i) {
        const EmbeddingPoint& p = points[i];
        QStringList row{csvField(p.record), csvField(className(p.label)), csvField(className(p.predicted)),
                        std::isnan(p.probability) ? QString() : QString::number(p.probability, 'g', 9),
                        p.fold >= 0 ? QString::fromStdString(foldNumberCsv(p.fold)) : QString(), QString::number(p.timestep),
                        QString::number(layout[2 * i], 'g', 12), QString::number(layout[2 * i + 1], 'g', 12)};
        out += row.join(',').toUtf8() + '\n';
    }
    if (f.write(out) != out.size() || !f.commit()) return fail(f.errorString());
    return true;
}

}  // namespace dacl::ui
