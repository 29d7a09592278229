#pragma once
// Runs the real `dacl` binary (or any other program) the way a user would, for the CLI tests in
// tests/cli: one copy of the QProcess handling, so that every test treats a timeout, a crash and
// a binary that does not start the same way, and says which it was in `err`.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace dacl::testcli {

// What a finished program left behind. `exitCode` is -1 when it did not exit normally (timed
// out, crashed, never started); the last line of `err` then says which.
struct Result {
    int exitCode = -1;
    QString out, err;
};

// The `dacl` binary of this build (DACL_BINARY_DIR is the build folder, set by tests/CMakeLists.txt).
inline QString daclPath() { return QStringLiteral(DACL_BINARY_DIR "/app/cli/dacl"); }

// Most commands finish in seconds; a test with long runs (a whole pipeline) passes more.
constexpr int kDefaultTimeoutS = 300;

// Runs `program args` with `env` and waits up to `timeoutS` seconds. A process still running then
// is killed (a stray one would hold the test's temporary files and the CPU).
inline Result runProgram(const QString& program, const QStringList& args, int timeoutS = kDefaultTimeoutS,
                         const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForStarted()) return {-1, {}, QStringLiteral("%1: could not start: %2\n").arg(program, p.errorString())};

    QString reason;
    if (!p.waitForFinished(timeoutS * 1000)) {
        p.kill();
        p.waitForFinished();
        reason = QStringLiteral("timeout after %1 s").arg(timeoutS);
    } else if (p.exitStatus() != QProcess::NormalExit) {
        reason = QStringLiteral("crashed");
    }
    Result r{p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    if (!reason.isEmpty()) {
        // The reason goes last, after what it printed: tests often show only the end of `err`.
        r.exitCode = -1;
        if (!r.err.isEmpty() && !r.err.endsWith('\n')) r.err += '\n';
        r.err += QStringLiteral("%1: %2\n").arg(program, reason);
    }
    return r;
}

// Runs `dacl args`; see runProgram.
inline Result runDacl(const QStringList& args, int timeoutS = kDefaultTimeoutS,
                      const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    return runProgram(daclPath(), args, timeoutS, env);
}

// The JSON object on the last non-empty line of `out`: a --json summary comes last, after anything
// else that reached stdout on the way. An empty object when there is none.
inline QJsonObject lastJsonLine(const QString& out) {
    const QStringList lines = out.split('\n', Qt::SkipEmptyParts);
    return lines.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(lines.last().toUtf8()).object();
}

}  // namespace dacl::testcli
