#pragma once
// Non-blocking list of problems (file + reason). Replaces modal error dialogs, which would
// stack up when a job reports many bad records.
#include <QWidget>

class QTreeWidget;

namespace dacl::ui {

class ProblemsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ProblemsPanel(QWidget* parent = nullptr);
    void addProblem(const QString& file, const QString& reason);
    void clear();
    int count() const;

Q_SIGNALS:
    void countChanged(int count);

private:
    QTreeWidget* list_;
};

}  // namespace dacl::ui
