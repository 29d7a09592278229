#pragma once
// QCustomPlot for code built with QT_NO_KEYWORDS (every target here: Qt's `slots` macro breaks
// LibTorch's headers). QCustomPlot's own header still writes `signals:` and `foreach`, so the
// keywords are defined for that header only and removed again. Include this, never
// <qcustomplot.h> directly.
#ifdef QT_NO_KEYWORDS
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach
#else
#include <qcustomplot.h>
#endif
