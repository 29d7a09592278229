#pragma once
// Core speaks English (its errors, progress stages and log lines are also what the CLI prints and
// what log files keep). The desktop app shows them in the user's language here, at the boundary:
// a known message is matched by pattern and its variable parts (files, names, numbers) are kept,
// numbers in the locale's format; a message it does not know is shown as it is, never dropped.
#include <QString>

#include <exception>
#include <string>

namespace dacl::ui {

QString coreText(const QString& message);
QString coreText(const std::string& message);
QString coreText(const std::exception& error);

// A value of a recording's header field (assess::headerFields) as the user reads it: the values
// core formats itself ("Duration" 30.0 s, "Sampling rate", "Signals" with rates) get the locale's
// decimal mark; what the file itself says (patient, comments, dates such as 05.12.26) stays as written.
QString headerValueText(const std::string& key, const std::string& value);

}  // namespace dacl::ui
