#include "ui/views/problems_panel.h"

#include "ui/settings/core_text.h"

#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace dacl::ui {

ProblemsPanel::ProblemsPanel(QWidget* parent) : QWidget(parent) {
    list_ = new QTreeWidget(this);
    list_->setHeaderLabels({tr("File"), tr("Problem")});
    list_->setRootIsDecorated(false);
    list_->header()->setStretchLastSection(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(list_);
}

void ProblemsPanel::addProblem(const QString& file, const QString& coreReason) {
    const QString reason = coreText(coreReason);  // core's English reasons in the user's language
    auto* item = new QTreeWidgetItem(list_, {file, reason});
    item->setToolTip(0, file);
    item->setToolTip(1, reason);
    Q_EMIT countChanged(count());
}

void ProblemsPanel::clear() {
    list_->clear();
    Q_EMIT countChanged(0);
}

int ProblemsPanel::count() const { return list_->topLevelItemCount(); }

}  // namespace dacl::ui
