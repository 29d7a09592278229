#include "ui/report/run_status_text.h"

#include <QCoreApplication>

namespace dacl::ui {

QString runStatusText(store::RunStatus s) {
    switch (s) {
    case store::RunStatus::Queued: return QCoreApplication::translate("RunStatus", "queued");
    case store::RunStatus::Running: return QCoreApplication::translate("RunStatus", "running");
    case store::RunStatus::Finished: return QCoreApplication::translate("RunStatus", "finished");
    case store::RunStatus::Failed: return QCoreApplication::translate("RunStatus", "failed");
    case store::RunStatus::Cancelled: return QCoreApplication::translate("RunStatus", "cancelled");
    case store::RunStatus::Interrupted: return QCoreApplication::translate("RunStatus", "interrupted");
    }
    return {};
}

QString runStatusText(const QString& storeSpelling) {
    try {
        return runStatusText(store::parseRunStatus(storeSpelling.toStdString()));
    } catch (const std::exception&) {
        return storeSpelling;
    }
}

}  // namespace dacl::ui
