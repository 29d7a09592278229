#pragma once
// Numbers as the user's locale writes them, in one place for views and reports: "0,912" and
// "[0,871; 0,948]" in German (a decimal comma needs another list separator), "0.912" and
// "[0.871, 0.948]" in English. CSV files never use these: they keep '.' for other programs.
#include <QString>

namespace dacl::ui {

// `v` with `decimals` decimals in the default locale; `missing` when not finite.
QString localNumber(double v, int decimals = 3, const QString& missing = QStringLiteral("–"));
// " [lo; hi]" style interval ("" when either end is not finite), with the locale's separator.
QString localInterval(double lo, double hi, int decimals = 3);
// "0,912 [0,871; 0,948]": an estimate with its interval when it has one.
QString localEstimate(double mean, double lo, double hi, int decimals = 3);

}  // namespace dacl::ui
