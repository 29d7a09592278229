#pragma once
// Folds are stored 0-based (results file, `dacl runs export --json`); people read them 1-based.
// Every table, view, report and CSV export of the app numbers folds through these two, so that
// "fold 1" is the first test fold wherever a user reads it.
#include <QLocale>
#include <QString>

#include <string>

namespace dacl::ui {

// For text on screen and in reports (locale digits).
inline QString foldNumber(int storedFold) { return QLocale().toString(storedFold + 1); }
// For CSV files, whose numbers never follow the locale.
inline std::string foldNumberCsv(int storedFold) { return std::to_string(storedFold + 1); }

}  // namespace dacl::ui
