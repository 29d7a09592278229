#pragma once
// Files that the hostile-input CLI tests (test_cli_hostile, test_cli_limits) build: small helpers
// shared by both, so each stays under a minute.
#include "core/store/metric_names.h"
#include "core/store/results_store.h"
#include "run_dacl.h"

#include <QFile>
#include <QJsonDocument>
#include <QtTest>

#include <unistd.h>

namespace dacl::testcli {

inline void writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

// True when `text` is one JSON document (object or array) per non-empty line.
inline bool everyLineIsJson(const QString& text) {
    const QStringList lines = text.split('\n', Qt::SkipEmptyParts);
    if (lines.isEmpty()) return false;
    for (const QString& line : lines) {
        QJsonParseError e{};
        QJsonDocument::fromJson(line.toUtf8(), &e);
        if (e.error != QJsonParseError::NoError) return false;
    }
    return true;
}

// A results file with one run whose name, task, record names and artefact name hold bytes that
// are not UTF-8 (a lone continuation byte, 0xFF, a truncated sequence).
inline std::string storeWithBadNames(const std::string& path) {
    using namespace dacl::store;
    ResultsStore st(path);
    NewRun nr;
    nr.name = "run \xff\xfe name";
    nr.task = "af_vs_rest\xc3";
    const std::int64_t id = st.createRun(nr);
    st.addPredictions(id, {{0, "rec\x80ord", 1, 0.9, std::nullopt, {}}, {0, "A00002", 0, 0.1, std::nullopt, {}}});
    Artefact a;
    a.kind = metric::kModel;
    a.name = "model\xe2\x82";
    a.data = {1, 2, 3};
    st.addArtefact(id, a);
    st.setFinalMetric(id, {metric::kAuroc, 0.9, 0.01, 0.85, 0.95});
    return std::to_string(id);
}

// Runs `dacl args` as the unprivileged user `nobody` when this test runs as root (root ignores
// file permissions, so a read-only folder is only read-only for someone else); plainly otherwise.
inline Result runUnprivileged(const QStringList& args) {
    if (::geteuid() != 0) return runDacl(args, 60);
    return runProgram("setpriv", QStringList{"--reuid=65534", "--regid=65534", "--clear-groups", "--",
                                             dacl::testcli::daclPath()} + args, 60);
}

}  // namespace dacl::testcli
