#include "ui/settings/core_text.h"

#include "ui/report/run_status_text.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>
#include <QStringList>

#include <vector>

namespace dacl::ui {

namespace {

// One message core writes. `regex` matches the English text (anchored); its captures fill %1, %2…
// of `text`, the source string that Linguist translates in context "CoreText". Captures whose bit
// is set in `nested` are messages themselves (a reason inside "skipped FILE: REASON") and are
// translated in turn. `afterPath`: the message may start with "FILE: " or "FILE:LINE: " (how
// InputError and StoreError name the file), which is kept as it is.
struct Pattern {
    const char* regex;
    const char* text;
    unsigned nested = 0;
    bool afterPath = false;
};

constexpr unsigned arg(int n) { return 1u << (n - 1); }

const Pattern kPatterns[] = {
    // Errors about files and folders (the reason after "FILE: ").
    {"cannot open file: it does not exist", QT_TRANSLATE_NOOP("CoreText", "cannot open file: it does not exist"), 0, true},
    {"cannot open file: (.+)", QT_TRANSLATE_NOOP("CoreText", "cannot open file: %1"), arg(1), true},
    {"cannot read file: (.+)", QT_TRANSLATE_NOOP("CoreText", "cannot read file: %1"), arg(1), true},
    {"cannot write file: (.+)", QT_TRANSLATE_NOOP("CoreText", "cannot write file: %1"), arg(1), true},
    {"cannot read folder: (.+)", QT_TRANSLATE_NOOP("CoreText", "cannot read folder: %1"), arg(1), true},
    {"cannot open for writing", QT_TRANSLATE_NOOP("CoreText", "cannot open for writing"), 0, true},
    {"write failed \\(disk full\\?\\)", QT_TRANSLATE_NOOP("CoreText", "write failed (disk full?)"), 0, true},
    {"is a folder, not a file", QT_TRANSLATE_NOOP("CoreText", "is a folder, not a file"), 0, true},
    {"data folder does not exist", QT_TRANSLATE_NOOP("CoreText", "data folder does not exist"), 0, true},
    {"dataset folder not found", QT_TRANSLATE_NOOP("CoreText", "dataset folder not found"), 0, true},
    {"lists no records", QT_TRANSLATE_NOOP("CoreText", "lists no records"), 0, true},
    {"no records: the folder has no RECORDS, REFERENCE.csv or record files \\((.+)\\)",
     QT_TRANSLATE_NOOP("CoreText", "no records: the folder has no RECORDS, REFERENCE.csv or record files (%1)"), 0, true},
    {"record has no signals", QT_TRANSLATE_NOOP("CoreText", "record has no signals"), 0, true},
    {"record has no samples", QT_TRANSLATE_NOOP("CoreText", "record has no samples"), 0, true},
    {"signal file is missing \\(named in (.+)\\)", QT_TRANSLATE_NOOP("CoreText", "signal file is missing (named in %1)"), 0, true},
    {"header file is missing \\(record listed in (.+) line (\\d+)\\)",
     QT_TRANSLATE_NOOP("CoreText", "header file is missing (record listed in %1 line %2)"), 0, true},
    {"empty header: no record line", QT_TRANSLATE_NOOP("CoreText", "empty header: no record line"), 0, true},
    {"sampling rate unknown: give it with --fs, a '# fs=<Hz>' line, or a time column",
     QT_TRANSLATE_NOOP("CoreText", "sampling rate unknown: give it with --fs, a '# fs=<Hz>' line, or a time column"), 0, true},
    {"not an EDF or BDF file \\(.*\\)",
     QT_TRANSLATE_NOOP("CoreText", "not an EDF or BDF file (the version field is neither '0' nor that of BioSemi's BDF)"), 0, true},
    {"truncated: (.+)", QT_TRANSLATE_NOOP("CoreText", "file is cut short: %1"), 0, true},
    {"label for record '(.+)', which does not exist \\((.+)\\)",
     QT_TRANSLATE_NOOP("CoreText", "label for record '%1', which does not exist (%2)"), 0, true},
    {"record '(.+)' is listed twice", QT_TRANSLATE_NOOP("CoreText", "record '%1' is listed twice"), 0, true},
    {"ignored: record '(.+)' is already read from (.+)",
     QT_TRANSLATE_NOOP("CoreText", "ignored: record '%1' is already read from %2"), 0, true},
    // The results file.
    {"cannot open results file: (.+)", QT_TRANSLATE_NOOP("CoreText", "cannot open results file: %1"), arg(1), true},
    {"not a DACL Studio results file \\((.+)\\)", QT_TRANSLATE_NOOP("CoreText", "not a DACL Studio results file (%1)"), 0, true},
    {"no run (\\d+)", QT_TRANSLATE_NOOP("CoreText", "no run %1"), 0, true},
    {"run (\\d+) is running \\(process (\\d+) on (.+)\\); cancel it first",
     QT_TRANSLATE_NOOP("CoreText", "run %1 is running (process %2 on %3); cancel it first"), 0, true},
    {"no results file is open", QT_TRANSLATE_NOOP("CoreText", "no results file is open")},
    // Records of a run.
    {"record (.+) is not in (.+)", QT_TRANSLATE_NOOP("CoreText", "record %1 is not in %2")},
    {"record (.+) has no test prediction in run (\\d+)", QT_TRANSLATE_NOOP("CoreText", "record %1 has no test prediction in run %2")},
    // Where a problem is (the problems panel shows the file apart).
    {"line (\\d+): (.+)", QT_TRANSLATE_NOOP("CoreText", "line %1: %2"), arg(2)},
    // Progress stages.
    {"opening dataset", QT_TRANSLATE_NOOP("CoreText", "opening dataset")},
    {"reading signals", QT_TRANSLATE_NOOP("CoreText", "reading signals")},
    {"reading results", QT_TRANSLATE_NOOP("CoreText", "reading results")},
    {"features", QT_TRANSLATE_NOOP("CoreText", "features")},
    {"VAE epoch (\\d+)/(\\d+)", QT_TRANSLATE_NOOP("CoreText", "VAE epoch %1/%2")},
    {"DAE epoch (\\d+)/(\\d+)", QT_TRANSLATE_NOOP("CoreText", "DAE epoch %1/%2")},
    {"DACL epoch (\\d+)/(\\d+)", QT_TRANSLATE_NOOP("CoreText", "DACL epoch %1/%2")},
    {"nearest neighbours", QT_TRANSLATE_NOOP("CoreText", "nearest neighbours")},
    {"affinities", QT_TRANSLATE_NOOP("CoreText", "affinities")},
    {"bootstrap intervals", QT_TRANSLATE_NOOP("CoreText", "bootstrap intervals")},
    {"loading model", QT_TRANSLATE_NOOP("CoreText", "loading model")},
    {"scoring lead (.+)", QT_TRANSLATE_NOOP("CoreText", "scoring lead %1")},
    {"scoring", QT_TRANSLATE_NOOP("CoreText", "scoring")},
    {"rhythm", QT_TRANSLATE_NOOP("CoreText", "rhythm")},
    {"done", QT_TRANSLATE_NOOP("CoreText", "done")},
    // Log lines of a pipeline job.
    {"skipped (.+?): (.+)", QT_TRANSLATE_NOOP("CoreText", "skipped %1: %2"), arg(2)},
    {"features loaded from cache (.+)", QT_TRANSLATE_NOOP("CoreText", "features loaded from cache %1")},
    {"features: (.+)", QT_TRANSLATE_NOOP("CoreText", "features: %1"), arg(1)},
    {"training (\\d+) tasks on (\\d+) workers", QT_TRANSLATE_NOOP("CoreText", "training %1 tasks on %2 workers")},
    {"training: (.+)", QT_TRANSLATE_NOOP("CoreText", "training: %1"), arg(1)},
    {"resuming run (\\d+) \\((\\w+)\\)", QT_TRANSLATE_NOOP("CoreText", "resuming run %1 (%2)"), arg(2)},
    {"final model: (.+)", QT_TRANSLATE_NOOP("CoreText", "final model: %1"), arg(1)},
    {"(\\S+) fold (\\d+(?:/\\d+)?): (.+)", QT_TRANSLATE_NOOP("CoreText", "%1 fold %2: %3"), arg(3)},
    {"(\\S+) folds: (.+)", QT_TRANSLATE_NOOP("CoreText", "%1 folds: %2"), arg(2)},
    {"AUROC ([0-9.]+) \\((.+)\\)", QT_TRANSLATE_NOOP("CoreText", "AUROC %1 (%2)"), arg(2)},
    {"F1 ([0-9.]+) \\((.+)\\)", QT_TRANSLATE_NOOP("CoreText", "F1 %1 (%2)"), arg(2)},
    {"validation AUROC probe ([0-9.]+), fine-tuned ([0-9.]+): scoring with the finetuned stage",
     QT_TRANSLATE_NOOP("CoreText", "validation AUROC probe %1, fine-tuned %2: scoring with the fine-tuned stage")},
    {"validation AUROC probe ([0-9.]+), fine-tuned ([0-9.]+): scoring with the probe stage",
     QT_TRANSLATE_NOOP("CoreText", "validation AUROC probe %1, fine-tuned %2: scoring with the probe stage")},
    {"validation AUROC probe ([0-9.]+): scoring with the probe stage",
     QT_TRANSLATE_NOOP("CoreText", "validation AUROC probe %1: scoring with the probe stage")},
    {"([0-9.]+) s \\(RSS ([0-9.]+) GB, peak ([0-9.]+) GB\\)", QT_TRANSLATE_NOOP("CoreText", "%1 s (RSS %2 GB, peak %3 GB)")},
    {"RSS ([0-9.]+) GB, peak ([0-9.]+) GB", QT_TRANSLATE_NOOP("CoreText", "RSS %1 GB, peak %2 GB")},
    {"([0-9.]+) s", QT_TRANSLATE_NOOP("CoreText", "%1 s")},
    {"fold (\\d+): (\\d+) noisy test sets computed, shared by the fold's methods",
     QT_TRANSLATE_NOOP("CoreText", "fold %1: %2 noisy test sets computed, shared by the fold's methods")},
    // The assessment of one recording: how the run's threshold was chosen, the header's fields.
    {"threshold: Youden's J on the final model's validation records; sensitivity and specificity: mean over (\\d+) "
     "cross-validation (?:folds'|fold's) test records, each at its fold's validation threshold",
     QT_TRANSLATE_NOOP("CoreText", "threshold: Youden's J on the final model's validation records; sensitivity and "
                                   "specificity: mean over the test records of %1 cross-validation fold(s), each at its "
                                   "fold's validation threshold")},
    {"one lead: its own p", QT_TRANSLATE_NOOP("CoreText", "one lead: its own p")},
    {"mean of the leads' p \\((\\d+) leads\\)", QT_TRANSLATE_NOOP("CoreText", "mean of the leads' p (%1 leads)")},
    {"no binary threshold \\(task (\\S+): the class with the largest probability\\)",
     QT_TRANSLATE_NOOP("CoreText", "no binary threshold (task %1: the class with the largest probability)")},
    {"no binary threshold \\(task (\\S+): the class with the largest probability x its weight, fitted on the final "
     "model's validation records for the mean F1 of N, A and O: N ([0-9.]+), A ([0-9.]+), O ([0-9.]+), ~ ([0-9.]+)\\)",
     QT_TRANSLATE_NOOP("CoreText", "no binary threshold (task %1: the class with the largest probability x its weight, "
                                   "fitted on the final model's validation records for the mean F1 of N, A and O: N %2, A %3, O %4, ~ %5)")},
    {"run (\\d+) as asked", QT_TRANSLATE_NOOP("CoreText", "run %1 as asked")},
    {"best finished run of task (\\S+): the highest stored AUROC \\(([0-9.]+)\\) among (\\d+) finished runs? with a final model",
     QT_TRANSLATE_NOOP("CoreText", "best finished run of task %1: the highest stored AUROC (%2) among %3 finished run(s) with a final model")},
    {"Record", QT_TRANSLATE_NOOP("CoreText", "Record")},
    {"Patient", QT_TRANSLATE_NOOP("CoreText", "Patient")},
    {"Recording", QT_TRANSLATE_NOOP("CoreText", "Recording")},
    {"Start date", QT_TRANSLATE_NOOP("CoreText", "Start date")},
    {"Start time", QT_TRANSLATE_NOOP("CoreText", "Start time")},
    {"Signals", QT_TRANSLATE_NOOP("CoreText", "Signals")},
    {"Sampling rate", QT_TRANSLATE_NOOP("CoreText", "Sampling rate")},
    {"Duration", QT_TRANSLATE_NOOP("CoreText", "Duration")},
    {"Annotations", QT_TRANSLATE_NOOP("CoreText", "Annotations")},
    {"Comment", QT_TRANSLATE_NOOP("CoreText", "Comment")},
    // Reasons from the C library and SQLite inside the messages above.
    {"No such file or directory", QT_TRANSLATE_NOOP("CoreText", "No such file or directory")},
    {"Permission denied", QT_TRANSLATE_NOOP("CoreText", "Permission denied")},
    {"Is a directory", QT_TRANSLATE_NOOP("CoreText", "Is a directory")},
    {"No space left on device", QT_TRANSLATE_NOOP("CoreText", "No space left on device")},
    {"unable to open database file", QT_TRANSLATE_NOOP("CoreText", "unable to open database file")},
};

struct Compiled {
    QRegularExpression regex;
    const Pattern* pattern;
};

const std::vector<Compiled>& compiled() {
    static const std::vector<Compiled> all = [] {
        // Whole messages first: "skipped FILE: REASON" is a log line about a file, not a reason
        // after a file named "skipped FILE".
        std::vector<const Pattern*> order;
        for (const Pattern& p : kPatterns)
            if (!p.afterPath) order.push_back(&p);
        for (const Pattern& p : kPatterns)
            if (p.afterPath) order.push_back(&p);
        std::vector<Compiled> out;
        for (const Pattern* pattern : order) {
            const Pattern& p = *pattern;
            const QString body = QString::fromUtf8(p.regex);
            // The optional "FILE: " prefix is the first capture; the pattern's own come after it.
            const QString full = p.afterPath ? QStringLiteral("^(?:(.+?): )?") + body + QStringLiteral("$")
                                             : QStringLiteral("^()") + body + QStringLiteral("$");
            out.push_back({QRegularExpression(full, QRegularExpression::DotMatchesEverythingOption), &p});
        }
        return out;
    }();
    return all;
}

// "0.912345" → "0,912345" in German; anything else unchanged.
QString localisedNumber(const QString& text) {
    static const QRegularExpression decimal(QStringLiteral("^-?\\d+\\.(\\d+)$"));
    const QRegularExpressionMatch m = decimal.match(text);
    if (!m.hasMatch()) return text;
    return QLocale().toString(text.toDouble(), 'f', static_cast<int>(m.capturedLength(1)));
}

// `text` with %1…%9 replaced by `args` in one pass (an argument that holds "%1" stays as it is).
QString fill(const QString& text, const QStringList& args) {
    QString out;
    for (int i = 0; i < text.size(); ++i) {
        const int n = i + 1 < text.size() ? text[i + 1].digitValue() : -1;
        if (text[i] == QLatin1Char('%') && n >= 1 && n <= args.size()) {
            out += args[n - 1];
            ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

// "FILE: line 3" (where InputError says the problem is) with "line" in the user's language.
QString locatedPrefix(const QString& prefix) {
    static const QRegularExpression line(QStringLiteral("(^|: )line (\\d+)$"));
    const QRegularExpressionMatch m = line.match(prefix);
    if (!m.hasMatch()) return prefix;
    return prefix.left(m.capturedStart(0)) + m.captured(1) +
           QCoreApplication::translate("CoreText", "line %1").arg(m.captured(2));
}

// A part that is a message of its own: a run status ("finished") or another known message.
QString nestedText(const QString& part) {
    const QString status = runStatusText(part);
    return status != part ? status : coreText(part);
}

}  // namespace

QString coreText(const QString& message) {
    // In English core's own wording is best (the patterns' texts are rephrased for translators).
    const QLocale::Language language = QLocale().language();
    if (language == QLocale::English || language == QLocale::C) return message;
    for (const Compiled& c : compiled()) {
        const QRegularExpressionMatch m = c.regex.match(message);
        if (!m.hasMatch()) continue;
        const QString translated = QCoreApplication::translate("CoreText", c.pattern->text);
        QStringList args;
        for (int i = 2; i <= m.lastCapturedIndex(); ++i) {
            const QString part = m.captured(i);
            args << ((c.pattern->nested & arg(i - 1)) != 0 ? nestedText(part) : localisedNumber(part));
        }
        const QString out = fill(translated, args);
        return m.captured(1).isEmpty() ? out : locatedPrefix(m.captured(1)) + QStringLiteral(": ") + out;
    }
    return message;
}

QString coreText(const std::string& message) { return coreText(QString::fromStdString(message)); }

QString coreText(const std::exception& error) { return coreText(QString::fromUtf8(error.what())); }

QString headerValueText(const std::string& key, const std::string& value) {
    const QString text = QString::fromStdString(value);
    if (key != "Duration" && key != "Sampling rate" && key != "Signals") return text;
    // A decimal number on its own: not part of a dotted run such as a date or a version.
    static const QRegularExpression number(QStringLiteral("(?<![\\d.])\\d+\\.\\d+(?![\\d.])"));
    QString out;
    qsizetype last = 0;
    for (auto it = number.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(last, m.capturedStart()) + localisedNumber(m.captured());
        last = m.capturedEnd();
    }
    return out + text.mid(last);
}

}  // namespace dacl::ui
