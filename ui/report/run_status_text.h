#pragma once
// A run's status in the user's language ("finished" → "abgeschlossen"): the results file stores
// the English spelling, which the Runs table, the training view and the report must not show raw.
#include "core/store/results_store.h"

#include <QString>

namespace dacl::ui {

QString runStatusText(store::RunStatus status);
// From the store's spelling; an unknown spelling is shown as it is.
QString runStatusText(const QString& storeSpelling);

}  // namespace dacl::ui
