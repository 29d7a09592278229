#include "ui/report/number_text.h"

#include <QLocale>

#include <cmath>

namespace dacl::ui {

QString localNumber(double v, int decimals, const QString& missing) {
    return std::isfinite(v) ? QLocale().toString(v, 'f', decimals) : missing;
}

QString localInterval(double lo, double hi, int decimals) {
    if (!std::isfinite(lo) || !std::isfinite(hi)) return {};
    const QString separator = QLocale().decimalPoint() == QStringLiteral(",") ? QStringLiteral("; ") : QStringLiteral(", ");
    return QStringLiteral("[%1%2%3]").arg(localNumber(lo, decimals), separator, localNumber(hi, decimals));
}

QString localEstimate(double mean, double lo, double hi, int decimals) {
    const QString interval = localInterval(lo, hi, decimals);
    return interval.isEmpty() ? localNumber(mean, decimals) : localNumber(mean, decimals) + QLatin1Char(' ') + interval;
}

}  // namespace dacl::ui
