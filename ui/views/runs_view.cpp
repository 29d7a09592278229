#include "ui/views/runs_view.h"

#include "ui/loaders/store_thread.h"
#include "ui/report/run_csv_export.h"
#include "ui/views/run_compare_panel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <set>

namespace dacl::ui {

namespace {

constexpr int kDefaultPollMs = 1000;
// Every this many polls the reader reconnects: opening the file is what marks runs whose process
// died as interrupted, so a job killed while the view is open shows up as such.
constexpr int kReopenEveryPolls = 10;

enum DateMode { AnyTime = 0, LastDays = 1, Between = 2 };

class RunsFilterProxy : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    QString search, status, task;
    QDateTime from, to;  // invalid = open
    double aurocMin = 0;
    void refresh() { invalidateFilter(); }

protected:
    bool filterAcceptsRow(int row, const QModelIndex&) const override {
        const auto* m = static_cast<const RunsModel*>(sourceModel());
        const RunRow& r = m->rows()[static_cast<std::size_t>(row)];
        if (!status.isEmpty() && status != QLatin1String(store::toString(r.info.status))) return false;
        if (!task.isEmpty() && task != QString::fromStdString(r.info.task)) return false;
        if (from.isValid() && (!r.started.isValid() || r.started < from)) return false;
        if (to.isValid() && (!r.started.isValid() || r.started > to)) return false;
        if (aurocMin > 0 && (!r.auroc || !std::isfinite(r.auroc->mean) || r.auroc->mean < aurocMin)) return false;
        if (search.isEmpty()) return true;
        const QString hay = QString::number(r.info.id) + QLatin1Char(' ') + QString::fromStdString(r.info.name) +
                            QLatin1Char(' ') + QString::fromStdString(r.info.task) + QLatin1Char(' ') + r.method +
                            QLatin1Char(' ') + r.keySettings;
        return hay.contains(search, Qt::CaseInsensitive);
    }
};

}  // namespace

RunsView::RunsView(QWidget* parent) : QWidget(parent) {
    store_ = new StoreThread(this);
    model_ = new RunsModel(this);
    auto* proxy = new RunsFilterProxy(this);
    proxy->setSourceModel(model_);
    proxy->setSortRole(RunsModel::SortRole);
    proxy->setDynamicSortFilter(true);
    proxy_ = proxy;

    search_ = new QLineEdit(this);
    search_->setPlaceholderText(tr("Search name, id, task, settings…"));
    search_->setClearButtonEnabled(true);
    status_ = new QComboBox(this);
    status_->addItem(tr("All statuses"), QString());
    for (auto s : {store::RunStatus::Queued, store::RunStatus::Running, store::RunStatus::Finished,
                   store::RunStatus::Failed, store::RunStatus::Cancelled, store::RunStatus::Interrupted})
        status_->addItem(QString::fromLatin1(store::toString(s)), QString::fromLatin1(store::toString(s)));
    task_ = new QComboBox(this);
    task_->addItem(tr("All tasks"), QString());
    dateMode_ = new QComboBox(this);
    dateMode_->addItem(tr("Any time"), AnyTime);
    dateMode_->addItem(tr("Last days:"), LastDays);
    dateMode_->addItem(tr("Between:"), Between);
    lastDays_ = new QSpinBox(this);
    lastDays_->setRange(1, 3650);
    lastDays_->setValue(7);
    from_ = new QDateEdit(QDate::currentDate().addDays(-30), this);
    to_ = new QDateEdit(QDate::currentDate(), this);
    for (QDateEdit* d : {from_, to_}) {
        d->setCalendarPopup(true);
        d->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    aurocMin_ = new QDoubleSpinBox(this);
    aurocMin_->setRange(0, 1);
    aurocMin_->setSingleStep(0.05);
    aurocMin_->setDecimals(2);
    aurocMin_->setPrefix(tr("AUROC ≥ "));
    aurocMin_->setSpecialValueText(tr("Any AUROC"));

    table_ = new QTableView(this);
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->sortByColumn(RunsModel::Id, Qt::DescendingOrder);
    table_->setContextMenuPolicy(Qt::CustomContextMenu);
    table_->setColumnWidth(RunsModel::Name, 160);
    table_->setColumnWidth(RunsModel::Settings, 260);
    table_->setColumnWidth(RunsModel::Dataset, 130);
    table_->setColumnWidth(RunsModel::Auroc, 170);

    renameButton_ = new QPushButton(tr("Rename"), this);
    deleteButton_ = new QPushButton(tr("Delete…"), this);
    resumeButton_ = new QPushButton(tr("Resume"), this);
    resumeButton_->setToolTip(tr("Continue an interrupted, cancelled or failed run where it stopped"));
    summary_ = new QLabel(this);
    error_ = new QLabel(this);
    error_->setStyleSheet(QStringLiteral("color: #D55E00"));
    error_->setWordWrap(true);
    error_->hide();
    emptyState_ = new QLabel(tr("No runs yet — train a model (Training tab) and its runs appear here."), this);
    emptyState_->setObjectName(QStringLiteral("runsEmptyState"));
    emptyState_->setAlignment(Qt::AlignCenter);
    emptyState_->setWordWrap(true);
    tableStack_ = new QStackedWidget(this);
    tableStack_->addWidget(table_);
    tableStack_->addWidget(emptyState_);

    compare_ = new RunComparePanel(store_, this);
    compareHint_ = new QLabel(tr("Select two or more runs (Ctrl+click) to compare their settings and curves."), this);
    compareHint_->setAlignment(Qt::AlignCenter);
    compareHint_->setEnabled(false);
    auto* compareStack = new QStackedWidget(this);
    compareStack->addWidget(compareHint_);
    compareStack->addWidget(compare_);

    auto* filters = new QHBoxLayout;
    filters->addWidget(search_, 3);
    filters->addWidget(status_, 1);
    filters->addWidget(task_, 1);
    filters->addWidget(dateMode_);
    filters->addWidget(lastDays_);
    filters->addWidget(from_);
    filters->addWidget(to_);
    filters->addWidget(aurocMin_);
    auto* actions = new QHBoxLayout;
    actions->addWidget(renameButton_);
    actions->addWidget(deleteButton_);
    actions->addWidget(resumeButton_);
    actions->addWidget(summary_, 1);
    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(filters);
    topLayout->addWidget(tableStack_, 1);
    topLayout->addLayout(actions);
    topLayout->addWidget(error_);
    split_ = new QSplitter(Qt::Vertical, this);
    split_->addWidget(top);
    split_->addWidget(compareStack);
    split_->setStretchFactor(0, 3);
    split_->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split_);

    auto dateWidgets = [this] {
        const int mode = dateMode_->currentData().toInt();
        lastDays_->setVisible(mode == LastDays);
        from_->setVisible(mode == Between);
        to_->setVisible(mode == Between);
        applyFilter();
    };
    dateWidgets();
    connect(search_, &QLineEdit::textChanged, this, [this] { applyFilter(); });
    connect(status_, &QComboBox::currentIndexChanged, this, [this] { applyFilter(); });
    connect(task_, &QComboBox::currentIndexChanged, this, [this] { applyFilter(); });
    connect(dateMode_, &QComboBox::currentIndexChanged, this, dateWidgets);
    connect(lastDays_, &QSpinBox::valueChanged, this, [this] { applyFilter(); });
    connect(from_, &QDateEdit::dateChanged, this, [this] { applyFilter(); });
    connect(to_, &QDateEdit::dateChanged, this, [this] { applyFilter(); });
    connect(aurocMin_, &QDoubleSpinBox::valueChanged, this, [this] { applyFilter(); });
    connect(model_, &RunsModel::renameRequested, this, &RunsView::renameRun);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] { selectionChanged(); });
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { selectionChanged(); });
    connect(renameButton_, &QPushButton::clicked, this, [this] {
        const QModelIndex cur = table_->currentIndex();
        if (cur.isValid()) table_->edit(proxy_->index(cur.row(), RunsModel::Name));
    });
    connect(deleteButton_, &QPushButton::clicked, this, &RunsView::deleteSelectedRuns);
    connect(resumeButton_, &QPushButton::clicked, this, &RunsView::resumeSelectedRun);
    connect(table_, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        const qint64 id = currentRunId();
        QMenu menu(this);
        menu.addAction(tr("Rename"), renameButton_, &QPushButton::click)->setEnabled(id >= 0);
        menu.addAction(tr("Delete…"), this, &RunsView::deleteSelectedRuns)->setEnabled(!selectedRunIds().isEmpty());
        menu.addAction(tr("Resume"), this, &RunsView::resumeSelectedRun)->setEnabled(resumeButton_->isEnabled());
        menu.addSeparator();
        menu.addAction(tr("Export report…"), this, [this, id] { Q_EMIT reportRequested(id); })->setEnabled(id >= 0);
        auto exportCsv = [this, id](bool embeddings) {
            const QString file = QFileDialog::getSaveFileName(
                this, embeddings ? tr("Export embeddings") : tr("Export predictions"),
                QStringLiteral("run%1-%2.csv").arg(id).arg(embeddings ? QStringLiteral("embeddings") : QStringLiteral("predictions")),
                tr("CSV files (*.csv)"));
            if (file.isEmpty()) return;
            store_->post(
                this,
                [id, file, embeddings](store::ResultsStore& st) {
                    return embeddings ? writeEmbeddingsCsv(st, id, file.toStdString())
                                      : writePredictionsCsv(st, id, file.toStdString());
                },
                [this, file](std::size_t rows) { summary_->setText(tr("Wrote %n row(s) to %1", nullptr, static_cast<int>(rows)).arg(file)); },
                [this](const QString& message) { reportError(message); });
        };
        menu.addAction(tr("Export predictions as CSV…"), this, [exportCsv] { exportCsv(false); })->setEnabled(id >= 0);
        menu.addAction(tr("Export embeddings as CSV…"), this, [exportCsv] { exportCsv(true); })->setEnabled(id >= 0);
        menu.exec(table_->viewport()->mapToGlobal(pos));
    });

    timer_ = new QTimer(this);
    timer_->setInterval(kDefaultPollMs);
    connect(timer_, &QTimer::timeout, this, &RunsView::refresh);
    selectionChanged();
}

RunsView::~RunsView() = default;

void RunsView::setResultsFile(const QString& path) {
    path_ = path;
    requests_.drop();
    pollInFlight_ = false;
    polls_ = 0;
    store_->setPath(path);
    model_->clear();
    compare_->setRuns({});
    showEmptyState(false);
    error_->hide();
    lastError_.clear();
    if (path.isEmpty()) {
        timer_->stop();
        summary_->clear();
        return;
    }
    refresh();
    timer_->start();
}

QString RunsView::resultsFile() const { return path_; }
void RunsView::setPollInterval(int ms) { timer_->setInterval(ms); }
int RunsView::pollInterval() const { return timer_->interval(); }

void RunsView::refresh() {
    if (path_.isEmpty() || pollInFlight_) return;
    pollInFlight_ = true;
    const bool reopen = polls_ > 0 && polls_ % kReopenEveryPolls == 0;
    ++polls_;
    const int ticket = requests_.next();
    store_->postUnlessMissing(
        this, [](store::ResultsStore& st) { return loadRunRows(st); },
        [this, ticket](std::vector<RunRow> rows) {
            if (!requests_.isLatest(ticket)) return;
            pollInFlight_ = false;
            applyRows(std::move(rows));
        },
        [this, ticket] {
            // The results file is created by the first training job: until then there is
            // nothing to read, which is no error.
            if (!requests_.isLatest(ticket)) return;
            pollInFlight_ = false;
            if (model_->rowCount() > 0) {
                model_->clear();
                selectionChanged();
            }
            clearPollError();
            showEmptyState(true);
            ++refreshes_;
            Q_EMIT refreshed();
        },
        [this, ticket](const QString& message) {
            if (!requests_.isLatest(ticket)) return;
            pollInFlight_ = false;
            showEmptyState(false);  // an unreadable file is not an empty one
            reportError(message);
            pollError_ = true;
        },
        reopen);
}

void RunsView::applyRows(std::vector<RunRow> rows) {
    // Remember the compared runs' state to refresh the comparison only when one of them changed.
    const QList<qint64> compared = compare_->runIds();
    std::vector<RunRow> before;
    for (qint64 id : compared)
        if (const RunRow* r = model_->rowOf(id)) before.push_back(*r);
    const bool changed = model_->update(std::move(rows));
    showEmptyState(model_->rowCount() == 0);
    clearPollError();
    if (changed) {
        updateTaskChoices();
        bool comparedChanged = false;
        for (const RunRow& old : before) {
            const RunRow* now = model_->rowOf(old.info.id);
            comparedChanged = comparedChanged || !now || !now->sameAs(old);
        }
        if (comparedChanged) selectionChanged();
        else {
            // Counts and button states may change with a run's status.
            const int shown = proxy_->rowCount();
            summary_->setText(tr("%1 of %n run(s)", nullptr, model_->rowCount()).arg(shown));
        }
    }
    ++refreshes_;
    Q_EMIT refreshed();
}

void RunsView::updateTaskChoices() {
    std::set<QString> tasks;
    for (const RunRow& r : model_->rows()) tasks.insert(QString::fromStdString(r.info.task));
    QStringList now;
    for (int i = 1; i < task_->count(); ++i) now << task_->itemData(i).toString();
    const QStringList want(tasks.begin(), tasks.end());
    if (now == want) return;
    const QString current = task_->currentData().toString();
    const QSignalBlocker block(task_);
    while (task_->count() > 1) task_->removeItem(1);
    for (const QString& t : want) task_->addItem(t, t);
    task_->setCurrentIndex(std::max(0, task_->findData(current)));
}

void RunsView::applyFilter() {
    auto* p = static_cast<RunsFilterProxy*>(proxy_);
    p->search = search_->text().trimmed();
    p->status = status_->currentData().toString();
    p->task = task_->currentData().toString();
    p->aurocMin = aurocMin_->value();
    p->from = {};
    p->to = {};
    switch (dateMode_->currentData().toInt()) {
    case LastDays: p->from = QDateTime::currentDateTimeUtc().addDays(-lastDays_->value()); break;
    case Between:
        p->from = from_->date().startOfDay().toUTC();
        p->to = to_->date().endOfDay().toUTC();
        break;
    default: break;
    }
    p->refresh();
    summary_->setText(tr("%1 of %n run(s)", nullptr, model_->rowCount()).arg(proxy_->rowCount()));
}

void RunsView::setSearchText(const QString& text) { search_->setText(text); }
void RunsView::setStatusFilter(const QString& status) {
    status_->setCurrentIndex(std::max(0, status_->findData(status)));
}
void RunsView::setTaskFilter(const QString& task) {
    if (!task.isEmpty() && task_->findData(task) < 0) task_->addItem(task, task);
    task_->setCurrentIndex(std::max(0, task_->findData(task)));
}
void RunsView::setLastDays(int days) {
    if (days <= 0) {
        clearDateFilter();
        return;
    }
    lastDays_->setValue(days);
    dateMode_->setCurrentIndex(dateMode_->findData(LastDays));
    applyFilter();
}
void RunsView::setDateRange(const QDate& from, const QDate& to) {
    from_->setDate(from);
    to_->setDate(to);
    dateMode_->setCurrentIndex(dateMode_->findData(Between));
    applyFilter();
}
void RunsView::clearDateFilter() { dateMode_->setCurrentIndex(dateMode_->findData(AnyTime)); }
void RunsView::setAurocMinimum(double minimum) { aurocMin_->setValue(minimum); }

void RunsView::renameRun(qint64 runId, const QString& name) {
    const std::string n = name.trimmed().toStdString();
    if (n.empty()) return;
    clearActionError();
    store_->post(
        this, [runId, n](store::ResultsStore& st) { st.renameRun(runId, n); },
        [this] { refresh(); },
        [this](const QString& message) {
            reportError(tr("Rename failed: %1").arg(message));
            refresh();  // shows the stored name again
        });
}

void RunsView::deleteRuns(const QList<qint64>& runIds) {
    if (runIds.isEmpty()) return;
    clearActionError();
    const std::vector<qint64> ids(runIds.begin(), runIds.end());
    store_->post(
        this,
        [ids](store::ResultsStore& st) {
            // Each run on its own: a running run cannot be deleted, the others still are.
            QStringList failures;
            for (qint64 id : ids) {
                try {
                    if (st.findRun(id)) st.deleteRun(id);  // a child may have gone with its parent
                } catch (const std::exception& e) {
                    failures << QString::fromStdString(e.what());
                }
            }
            return failures;
        },
        [this](QStringList failures) {
            for (QString& f : failures) f = coreText(f);
            if (!failures.isEmpty()) reportError(tr("Not deleted: %1").arg(failures.join(QStringLiteral("; "))));
            refresh();
        },
        [this](const QString& message) { reportError(message); });
}

void RunsView::deleteSelectedRuns() {
    const QList<qint64> ids = selectedRunIds();
    if (ids.isEmpty()) return;
    QStringList names;
    int children = 0;
    for (qint64 id : ids) {
        if (const RunRow* r = model_->rowOf(id)) names << QStringLiteral("%1 (%2)").arg(id).arg(QString::fromStdString(r->info.name));
        for (const RunRow& other : model_->rows())
            if (other.info.parentId && *other.info.parentId == id && !ids.contains(other.info.id)) ++children;
    }
    QString text = tr("Delete %n run(s) and all their results from the file?", nullptr, static_cast<int>(ids.size())) +
                   QStringLiteral("\n\n") + names.join(QStringLiteral("\n"));
    if (children > 0) text += QStringLiteral("\n\n") + tr("%n baseline run(s) belonging to them will be deleted too.", nullptr, children);
    // One question for the whole selection, asked before any work starts.
    if (QMessageBox::question(this, tr("Delete runs"), text, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) !=
        QMessageBox::Yes)
        return;
    deleteRuns(ids);
}

bool RunsView::canResume(const store::RunInfo& run) {
    // Baselines resume with their parent run (the pipeline refuses them on their own).
    return !run.parentId && (run.status == store::RunStatus::Interrupted || run.status == store::RunStatus::Cancelled ||
                             run.status == store::RunStatus::Failed);
}

void RunsView::resumeSelectedRun() {
    const QList<qint64> ids = selectedRunIds();
    if (ids.size() != 1) return;
    const RunRow* r = model_->rowOf(ids.front());
    if (r && canResume(r->info)) Q_EMIT resumeRequested(ids.front());
}

QList<qint64> RunsView::visibleRunIds() const {
    QList<qint64> out;
    for (int r = 0; r < proxy_->rowCount(); ++r) out << proxy_->index(r, 0).data(RunsModel::RunIdRole).toLongLong();
    return out;
}

QList<qint64> RunsView::selectedRunIds() const {
    QList<qint64> out;
    // In table order, so that the comparison's columns follow what the user sees.
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    QList<int> order;
    for (const QModelIndex& i : rows) order << i.row();
    std::sort(order.begin(), order.end());
    for (int r : order) out << proxy_->index(r, 0).data(RunsModel::RunIdRole).toLongLong();
    return out;
}

void RunsView::selectRuns(const QList<qint64>& runIds) {
    QItemSelection selection;
    QModelIndex first;
    for (int r = 0; r < proxy_->rowCount(); ++r) {
        const QModelIndex i = proxy_->index(r, 0);
        if (!runIds.contains(i.data(RunsModel::RunIdRole).toLongLong())) continue;
        selection.select(i, proxy_->index(r, RunsModel::ColumnCount - 1));
        if (!first.isValid()) first = i;
    }
    auto* sm = table_->selectionModel();
    sm->select(selection, QItemSelectionModel::ClearAndSelect);
    if (first.isValid()) sm->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
    selectionChanged();
}

qint64 RunsView::currentRunId() const {
    const QModelIndex cur = table_->selectionModel()->currentIndex();
    if (cur.isValid() && table_->selectionModel()->isRowSelected(cur.row(), {}))
        return cur.data(RunsModel::RunIdRole).toLongLong();
    const QList<qint64> ids = selectedRunIds();
    return ids.isEmpty() ? -1 : ids.front();
}

void RunsView::selectionChanged() {
    const QList<qint64> ids = selectedRunIds();
    const RunRow* single = ids.size() == 1 ? model_->rowOf(ids.front()) : nullptr;
    renameButton_->setEnabled(single != nullptr);
    deleteButton_->setEnabled(!ids.isEmpty());
    resumeButton_->setEnabled(single && canResume(single->info));
    summary_->setText(tr("%1 of %n run(s)", nullptr, model_->rowCount()).arg(proxy_->rowCount()) +
                      (ids.size() > 1 ? tr(", %1 selected").arg(ids.size()) : QString()));

    std::vector<store::RunInfo> compared;
    if (ids.size() >= 2)
        for (qint64 id : ids)
            if (const RunRow* r = model_->rowOf(id)) compared.push_back(r->info);
    compare_->setRuns(compared);
    if (auto* stack = qobject_cast<QStackedWidget*>(compare_->parentWidget()))
        stack->setCurrentWidget(compared.size() >= 2 ? static_cast<QWidget*>(compare_) : compareHint_);

    if (ids != lastSelected_) {
        lastSelected_ = ids;
        Q_EMIT selectedRunsChanged(ids);
    }
    const qint64 current = currentRunId();
    if (current != lastCurrent_) {
        lastCurrent_ = current;
        Q_EMIT currentRunChanged(current);
    }
}

QString RunsView::emptyStateText() const {
    return tableStack_->currentWidget() == emptyState_ ? emptyState_->text() : QString();
}

void RunsView::showEmptyState(bool empty) {
    tableStack_->setCurrentWidget(empty ? static_cast<QWidget*>(emptyState_) : table_);
}

// The file is readable again (or not there yet); errors of actions stay until the next action.
void RunsView::clearPollError() {
    if (!pollError_) return;
    pollError_ = false;
    error_->hide();
    lastError_.clear();
}

void RunsView::clearActionError() {
    if (pollError_) return;
    error_->hide();
    lastError_.clear();
}

void RunsView::reportError(const QString& message) {
    lastError_ = message;
    error_->setText(message);
    error_->show();
    Q_EMIT errorOccurred(message);
}

}  // namespace dacl::ui
