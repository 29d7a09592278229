#include "ui/views/run_compare_panel.h"

#include "ui/loaders/store_thread.h"
#include "ui/plots/palette.h"
#include "ui/plots/plot_export.h"
#include "ui/plots/plot_style.h"
#include "ui/report/fold_number.h"
#include "ui/report/report_figures.h"

#include "ui/plots/custom_plot.h"

#include <nlohmann/json.hpp>

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>
#include <set>

namespace dacl::ui {

using nlohmann::json;

namespace {

void flatten(const json& value, const std::string& prefix, std::map<std::string, QString>& out) {
    if (value.is_object() && !value.empty()) {
        for (const auto& [k, v] : value.items()) flatten(v, prefix.empty() ? k : prefix + "." + k, out);
        return;
    }
    out[prefix] = value.is_string() ? QString::fromStdString(value.get<std::string>())
                                    : QString::fromStdString(value.dump());
}

constexpr const char* kMissing = "–";

}  // namespace

std::map<std::string, QString> flattenRunSettings(const store::RunInfo& run) {
    std::map<std::string, QString> out;
    const json stored = json::parse(run.settingsJson, nullptr, /*allow_exceptions=*/false);
    if (stored.is_object()) {
        for (const auto& [k, v] : stored.items()) {
            // The pipeline stores {"settings": {...}, "request": {...}}: show settings by their own
            // names and the request's members under "request.".
            if (k == "settings") flatten(v, "", out);
            else flatten(v, k, out);
        }
    } else if (!stored.is_discarded()) {
        out["settings"] = QString::fromStdString(stored.dump());
    }
    out["(task)"] = QString::fromStdString(run.task);
    out["(seed)"] = QString::number(run.seed);
    out["(data fingerprint)"] = QString::fromStdString(run.dataFingerprint);
    out["(software version)"] = QString::fromStdString(run.softwareVersion);
    out["(device)"] = QString::fromStdString(run.device);
    return out;
}

RunComparePanel::RunComparePanel(StoreThread* store, QWidget* parent) : QWidget(parent), store_(store) {
    table_ = new QTableWidget(this);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    table_->horizontalHeader()->setStretchLastSection(true);
    diffOnly_ = new QCheckBox(tr("Differences only"), this);
    sameNote_ = new QLabel(tr("The compared runs have identical settings."), this);
    sameNote_->setEnabled(false);
    sameNote_->hide();

    metric_ = new QComboBox(this);
    metric_->setObjectName(QStringLiteral("metricPicker"));
    metric_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    foldMode_ = new QComboBox(this);
    foldMode_->addItem(tr("Mean over folds"), false);
    foldMode_->addItem(tr("Each fold"), true);
    plot_ = new QCustomPlot(this);
    plot_->setMinimumHeight(220);
    plot_->legend->setVisible(true);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    {
        auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
        ticker->setTickStep(1);
        ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
        plot_->xAxis->setTicker(ticker);
    }
    installPlotExportMenu(plot_, QStringLiteral("curves"));
    curveNote_ = new QLabel(this);

    auto* settingsBox = new QWidget(this);
    auto* sl = new QVBoxLayout(settingsBox);
    sl->setContentsMargins(0, 0, 0, 0);
    auto* sbar = new QHBoxLayout;
    sbar->addWidget(new QLabel(tr("Settings"), this));
    sbar->addStretch(1);
    sbar->addWidget(diffOnly_);
    sl->addLayout(sbar);
    sl->addWidget(sameNote_);
    sl->addWidget(table_);

    auto* curvesBox = new QWidget(this);
    auto* cl = new QVBoxLayout(curvesBox);
    cl->setContentsMargins(0, 0, 0, 0);
    auto* cbar = new QHBoxLayout;
    cbar->addWidget(new QLabel(tr("Curve:"), this));
    cbar->addWidget(metric_);
    cbar->addWidget(foldMode_);
    cbar->addWidget(curveNote_, 1);
    cl->addLayout(cbar);
    cl->addWidget(plot_, 1);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(settingsBox);
    split->addWidget(curvesBox);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(diffOnly_, &QCheckBox::toggled, this, [this] { applyDifferencesOnly(); });
    connect(metric_, &QComboBox::currentIndexChanged, this, [this] { plotCurves(); });
    connect(foldMode_, &QComboBox::currentIndexChanged, this, [this] { plotCurves(); });
    applyPlotStyle(*plot_);
}

void RunComparePanel::setRuns(const std::vector<store::RunInfo>& runs) {
    const QList<qint64> before = runIds();
    runs_ = runs;
    fillTable();
    if (runIds() != before) {
        points_.clear();
        plotCurves();
    }
    reloadCurves();
}

QList<qint64> RunComparePanel::runIds() const {
    QList<qint64> ids;
    for (const auto& r : runs_) ids << r.id;
    return ids;
}

void RunComparePanel::fillTable() {
    std::vector<std::map<std::string, QString>> flat;
    std::set<std::string> keys;
    for (const auto& r : runs_) {
        flat.push_back(flattenRunSettings(r));
        for (const auto& [k, _] : flat.back()) keys.insert(k);
    }
    table_->clear();
    table_->setColumnCount(static_cast<int>(runs_.size()));
    table_->setRowCount(static_cast<int>(keys.size()));
    QStringList headers;
    for (const auto& r : runs_)
        headers << QStringLiteral("%1 · %2").arg(r.id).arg(QString::fromStdString(r.name));
    table_->setHorizontalHeaderLabels(headers);
    QStringList rowKeys;
    differing_.clear();
    int row = 0;
    for (const std::string& key : keys) {
        std::set<QString> values;
        for (std::size_t c = 0; c < flat.size(); ++c) {
            const auto it = flat[c].find(key);
            const QString text = it == flat[c].end() ? QString::fromUtf8(kMissing) : it->second;
            values.insert(text);
            auto* item = new QTableWidgetItem(text);
            item->setToolTip(text);
            table_->setItem(row, static_cast<int>(c), item);
        }
        const QString k = QString::fromStdString(key);
        rowKeys << k;
        if (values.size() > 1) {
            differing_ << k;
            QFont bold = table_->font();
            bold.setBold(true);
            for (int c = 0; c < table_->columnCount(); ++c) {
                table_->item(row, c)->setFont(bold);
                table_->item(row, c)->setBackground(QColor(0xE6, 0x9F, 0x00, 50));
            }
        }
        ++row;
    }
    table_->setVerticalHeaderLabels(rowKeys);
    applyDifferencesOnly();
    table_->resizeColumnsToContents();
}

void RunComparePanel::applyDifferencesOnly() {
    const bool only = diffOnly_->isChecked();
    for (int r = 0; r < table_->rowCount(); ++r) {
        const QString key = table_->verticalHeaderItem(r) ? table_->verticalHeaderItem(r)->text() : QString();
        table_->setRowHidden(r, only && !differing_.contains(key));
    }
    sameNote_->setVisible(only && differing_.isEmpty() && runs_.size() >= 2);
}

void RunComparePanel::setDifferencesOnly(bool on) { diffOnly_->setChecked(on); }
bool RunComparePanel::differencesOnly() const { return diffOnly_->isChecked(); }

QStringList RunComparePanel::visibleKeys() const {
    QStringList out;
    for (int r = 0; r < table_->rowCount(); ++r)
        if (!table_->isRowHidden(r) && table_->verticalHeaderItem(r)) out << table_->verticalHeaderItem(r)->text();
    return out;
}

QStringList RunComparePanel::differingKeys() const { return differing_; }

void RunComparePanel::reloadCurves() {
    const int ticket = requests_.next();
    std::vector<std::int64_t> ids;
    for (const auto& r : runs_) ids.push_back(r.id);
    if (ids.empty() || !store_) return;
    store_->post(
        this,
        [ids](store::ResultsStore& st) {
            std::map<qint64, std::vector<store::MetricPoint>> out;
            for (std::int64_t id : ids) out[id] = st.metrics(id);
            return out;
        },
        [this, ticket](std::map<qint64, std::vector<store::MetricPoint>> points) {
            if (!requests_.isLatest(ticket)) return;
            points_ = std::move(points);
            std::set<QString> names;
            for (const auto& [_, pts] : points_)
                for (const auto& p : pts) names.insert(QString::fromStdString(p.name));
            const QString current = metric();
            QStringList list(names.begin(), names.end());
            if (list != metricNames()) {
                const QSignalBlocker block(metric_);
                metric_->clear();
                // People read the curve's name; the stored key stays in the tooltip and the data.
                for (const QString& key : list) {
                    metric_->addItem(curveTitle(key.toStdString()), key);
                    metric_->setItemData(metric_->count() - 1, key, Qt::ToolTipRole);
                }
                int pick = metric_->findData(current);
                // A sensible first curve: the validation AUROC, else a loss.
                if (pick < 0)
                    for (int i = 0; i < list.size() && pick < 0; ++i)
                        if (list[i].contains(QLatin1String("auroc"))) pick = i;
                if (pick < 0)
                    for (int i = 0; i < list.size() && pick < 0; ++i)
                        if (list[i].contains(QLatin1String("loss"))) pick = i;
                metric_->setCurrentIndex(pick < 0 ? 0 : pick);
            }
            plotCurves();
            Q_EMIT curvesLoaded();
        },
        [this](const QString& message) { curveNote_->setText(tr("Curves unavailable: %1").arg(message)); });
}

QStringList RunComparePanel::metricNames() const {
    QStringList out;
    for (int i = 0; i < metric_->count(); ++i) out << metric_->itemData(i).toString();
    return out;
}

void RunComparePanel::setMetric(const QString& name) { metric_->setCurrentIndex(metric_->findData(name)); }
QString RunComparePanel::metric() const { return metric_->currentData().toString(); }
void RunComparePanel::setShowFolds(bool on) { foldMode_->setCurrentIndex(on ? 1 : 0); }

void RunComparePanel::plotCurves() {
    plot_->clearGraphs();
    const std::string name = metric().toStdString();
    const bool eachFold = foldMode_->currentData().toBool();
    bool byStep = false;
    int curves = 0;
    static const Qt::PenStyle styles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine};
    for (std::size_t i = 0; i < runs_.size(); ++i) {
        const auto it = points_.find(runs_[i].id);
        if (it == points_.end()) continue;
        // Per-epoch points (no step) are the curves; a metric logged only per step uses the step.
        std::vector<const store::MetricPoint*> pts;
        for (const auto& p : it->second)
            if (p.name == name && !p.step) pts.push_back(&p);
        bool stepAxis = false;
        if (pts.empty()) {
            for (const auto& p : it->second)
                if (p.name == name && p.step) pts.push_back(&p);
            stepAxis = !pts.empty();
        }
        if (pts.empty()) continue;
        byStep = byStep || stepAxis;
        auto xOf = [&](const store::MetricPoint& p) {
            return stepAxis ? static_cast<double>(*p.step) : static_cast<double>(p.epoch.value_or(0));
        };
        std::map<int, std::map<double, std::pair<double, int>>> byFold;  // fold → x → (sum, n)
        for (const auto* p : pts) {
            auto& acc = byFold[eachFold ? p->fold.value_or(-1) : 0][xOf(*p)];
            acc.first += p->value;
            acc.second += 1;
        }
        const QString runLabel = QStringLiteral("%1 · %2").arg(runs_[i].id).arg(QString::fromStdString(runs_[i].name));
        int foldIndex = 0;
        for (const auto& [fold, series] : byFold) {
            QCPGraph* g = plot_->addGraph();
            QVector<double> x, y;
            for (const auto& [xv, acc] : series) {
                x << xv;
                y << acc.first / acc.second;
            }
            g->setData(x, y, true);
            QPen pen(palette::colour(static_cast<int>(i)), 1.6);
            pen.setStyle(styles[foldIndex % 4]);
            g->setPen(pen);
            if (x.size() < 30) g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
            g->setName(eachFold ? (fold < 0 ? tr("%1, final model").arg(runLabel) : tr("%1, fold %2").arg(runLabel, foldNumber(fold)))
                                : runLabel);
            ++foldIndex;
            ++curves;
        }
    }
    plot_->xAxis->setLabel(byStep ? tr("Step") : tr("Epoch"));
    plot_->yAxis->setLabel(metric_->currentText());
    plot_->rescaleAxes();
    // Whole epochs (or steps) on the axis, and a margin so that end points are not on the frame.
    const QCPRange x = plot_->xAxis->range();
    const double margin = std::max(0.2, x.size() * 0.02);
    plot_->xAxis->setRange(x.lower - margin, x.upper + margin);
    plot_->yAxis->scaleRange(1.08, plot_->yAxis->range().center());
    plot_->legend->setVisible(curves > 0);
    applyPlotStyle(*plot_);
    curveNote_->setText(curves == 0 && !runs_.empty() ? tr("No points of this curve for the selected runs") : QString());
    plot_->replot();
}

}  // namespace dacl::ui
