#include "ui/views/scattering_view.h"


#include "ui/loaders/thread_pools.h"

#include "ui/plots/custom_plot.h"
#include "ui/plots/empty_plot.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace dacl::ui {

QString ScatteringView::hz(double f) { return tr("%1 Hz").arg(QLocale().toString(f, 'g', 3)); }

ScatteringView::ScatteringView(QWidget* parent) : QWidget(parent), loader_(this, viewThreadPool()) {
    pathCombo_ = new QComboBox(this);
    pathCombo_->setToolTip(tr("First-order path whose second-order coefficients are shown (or click the scalogram)"));
    connect(pathCombo_, &QComboBox::activated, this, [this](int i) { setFirstOrderPath(i); });
    gradientCombo_ = new QComboBox(this);
    gradientCombo_->addItems(heatmapGradientNames());
    connect(gradientCombo_, &QComboBox::activated, this,
            [this](int i) { setGradient(static_cast<HeatmapGradient>(i)); });
    scaleCombo_ = new QComboBox(this);
    scaleCombo_->addItem(tr("Log scale"));
    scaleCombo_->addItem(tr("Linear scale"));
    connect(scaleCombo_, &QComboBox::activated, this, [this](int i) { setLogScale(i == 0); });
    info_ = new QLabel(this);
    info_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Order 2 of"), this));
    bar->addWidget(pathCombo_);
    bar->addSpacing(8);
    bar->addWidget(new QLabel(tr("Colours"), this));
    bar->addWidget(gradientCombo_);
    bar->addWidget(scaleCombo_);
    bar->addStretch(1);
    buildPlot();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(info_);
    layout->addWidget(plot_, 1);
    clearMaps(tr("No record selected"), noRecordText());
}

ScatteringView::~ScatteringView() = default;

QString ScatteringView::noRecordText() {
    return tr("The scattering transform of the selected record's window appears here: the order-1 scalogram,\n"
              "the order-2 coefficients of a chosen path and the transformer's tokens.") +
           QLatin1Char('\n') + selectRecordHint();
}

void ScatteringView::buildPlot() {
    plot_ = new QCustomPlot(this);
    plot_->setMouseTracking(true);
    plot_->setInteractions(QCP::Interactions());
    plot_->setMinimumHeight(300);
    plot_->setBackground(palette().window());
    QCPLayoutGrid* grid = plot_->plotLayout();
    grid->clear();
    auto* left = new QCPMarginGroup(plot_);
    QFont titleFont = font();
    titleFont.setBold(true);
    const int stretch[3] = {4, 2, 4};
    for (int p = 0; p < 3; ++p) {
        PanelItems& it = panels_[p];
        it.title = new QCPTextElement(plot_, QString(), titleFont);
        it.rect = new QCPAxisRect(plot_);
        it.scale = new QCPColorScale(plot_);
        grid->addElement(2 * p, 0, it.title);
        grid->addElement(2 * p + 1, 0, it.rect);
        grid->addElement(2 * p + 1, 1, it.scale);
        grid->setRowStretchFactor(2 * p, 0.01);
        grid->setRowStretchFactor(2 * p + 1, stretch[p]);
        it.rect->setMarginGroup(QCP::msLeft | QCP::msRight, left);
        auto* rows = new QCPMarginGroup(plot_);
        it.rect->setMarginGroup(QCP::msTop | QCP::msBottom, rows);
        it.scale->setMarginGroup(QCP::msTop | QCP::msBottom, rows);
        it.scale->setBarWidth(12);
        it.map = new QCPColorMap(it.rect->axis(QCPAxis::atBottom), it.rect->axis(QCPAxis::atLeft));
        it.map->setColorScale(it.scale);
        it.map->setInterpolate(false);
        it.map->setTightBoundary(false);
        QCPAxis* y = it.rect->axis(QCPAxis::atLeft);
        y->setRangeReversed(true);  // row 0 (highest frequency, first path) on top
        y->grid()->setVisible(false);
        QCPAxis* x = it.rect->axis(QCPAxis::atBottom);
        x->grid()->setVisible(false);
        x->setLabel(tr("Time in record (s)"));
    }
    buildRhythmPlot(titleFont, left);
    grid->setColumnStretchFactor(1, 0.01);
    panels_[0].rect->axis(QCPAxis::atLeft)->setLabel(tr("Frequency (Hz)"));
    panels_[1].rect->axis(QCPAxis::atLeft)->setLabel(tr("Frequency (Hz)"));
    panels_[2].rect->axis(QCPAxis::atLeft)->setLabel(tr("Path (token dimension)"));
    panels_[2].scale->axis()->setLabel(tr("token value"));
    setGradient(gradient_);
    connect(plot_, &QCustomPlot::mouseMove, this, &ScatteringView::onMouseMove);
    connect(plot_, &QCustomPlot::mousePress, this, &ScatteringView::onMousePress);
}

void ScatteringView::adoptScattering(std::shared_ptr<const dsp::Scattering1D> scattering) {
    scattering_ = std::move(scattering);
    order1Paths_.clear();
    const auto& paths = scattering_->paths();
    for (int p = 0; p < static_cast<int>(paths.size()); ++p)
        if (paths[p].order == 1) order1Paths_.push_back(p);
    // Until the user picks one, show the children of the path nearest 10 Hz: the QRS band,
    // where an ECG's first-order energy lies (among the paths that have children: at J = 5 the
    // paths near 10 Hz have none, and a map of one row is hard to read: at least two if any has).
    if (!n1Chosen_) {
        double best = 1e300;
        QVector<int> children(order1Paths_.size(), 0);
        for (const auto& p : paths)
            if (p.order == 2 && p.n1 >= 0 && p.n1 < children.size()) ++children[p.n1];
        const int wanted = children.isEmpty() ? 0 : std::min(2, *std::max_element(children.begin(), children.end()));
        for (int n1 = 0; n1 < order1Paths_.size(); ++n1) {
            if (children[n1] < wanted) continue;
            const double d = std::abs(std::log(paths[order1Paths_[n1]].xi1 * settings_.preprocess.targetFs / 10.0));
            if (d < best) {
                best = d;
                n1_ = n1;
            }
        }
    }
    n1_ = std::clamp(n1_, 0, std::max(0, static_cast<int>(order1Paths_.size()) - 1));
    updatePathCombo();
}

void ScatteringView::updatePathCombo() {
    QSignalBlocker block(pathCombo_);
    pathCombo_->clear();
    if (!scattering_) return;
    const auto& paths = scattering_->paths();
    const double fs = settings_.preprocess.targetFs;
    for (int n1 = 0; n1 < order1Paths_.size(); ++n1)
        pathCombo_->addItem(tr("n1 = %1 · %2").arg(n1).arg(hz(paths[order1Paths_[n1]].xi1 * fs)));
    pathCombo_->setCurrentIndex(n1_);
}

// ---------------------------------------------------------------- requests

void ScatteringView::setRecord(const Dataset* dataset, int recordIndex) {
    dataset_ = dataset;
    requestedRecord_ = dataset && recordIndex >= 0 && static_cast<std::size_t>(recordIndex) < dataset->size()
                           ? recordIndex
                           : -1;
    requestedWindow_ = 0;
    loader_.drop();
    if (requestedRecord_ < 0) {
        loading_ = false;
        result_ = WindowScattering{};
        clearMaps(tr("No record selected"), noRecordText());
        return;
    }
    startLoad();
}

void ScatteringView::setWindow(int windowIndex) {
    requestedWindow_ = std::max(0, windowIndex);
    if (requestedRecord_ < 0) return;
    if (!loading_ && result_.recordIndex == requestedRecord_ && result_.windowIndex == windowIndex) return;
    startLoad();
}

void ScatteringView::setFeatureSettings(const features::FeatureSettings& settings) {
    settings_ = settings;
    // Results computed with the previous settings are dropped (a newer load), and the next result
    // brings the transform for the new ones.
    if (requestedRecord_ >= 0) startLoad();
}

void ScatteringView::startLoad() {
    loading_ = true;
    const QString name = QString::fromStdString(dataset_->records()[requestedRecord_].name);
    info_->setStyleSheet(QString());
    info_->setText(tr("Computing the scattering of %1, window %2…").arg(name).arg(requestedWindow_ + 1));
    loader_.start([dataset = *dataset_, window = requestedWindow_, record = static_cast<std::size_t>(requestedRecord_),
                   settings = settings_] { return computeWindowScattering(dataset, record, window, settings); },
                  [this](WindowScattering result) { showResult(std::move(result)); });
}

void ScatteringView::showResult(WindowScattering result) {
    loading_ = false;
    if (!result.error.empty()) {
        const QString file = QString::fromStdString(result.errorFile);
        const QString reason = QString::fromStdString(result.error);
        result_ = WindowScattering{};
        clearMaps(tr("Could not compute the scattering"), tr("Could not compute the scattering: the reason is above."));
        info_->setStyleSheet(QStringLiteral("color: #b00020;"));
        info_->setText(file.isEmpty() ? reason : tr("%1: %2").arg(file, reason));
        Q_EMIT loadFailed(file, reason);
        return;
    }
    result_ = std::move(result);
    requestedWindow_ = result_.windowIndex;
    if (result_.scattering != scattering_) adoptScattering(result_.scattering);
    const double end = result_.startS + settings_.window.samples / result_.fs;
    info_->setStyleSheet(QString());
    const QString unit = result_.sequence ? tr("span %1 of %2 (repr = sequence)") : tr("window %1 of %2");
    const QString frames = result_.validFrames < result_.nFrames
                               ? tr("%1 frames (%2 inside the record, the rest padding)").arg(result_.nFrames).arg(result_.validFrames)
                               : tr("%1 frames").arg(result_.nFrames);
    info_->setText(tr("%1  ·  %2  ·  %3–%4 s  ·  %5 paths × %6  ·  J = %7, Q = (%8, %9)")
                       .arg(QString::fromStdString(dataset_->records()[result_.recordIndex].name),
                            unit.arg(result_.windowIndex + 1).arg(result_.windowCount))
                       .arg(QLocale().toString(result_.startS, 'f', 2), QLocale().toString(end, 'f', 2))
                       .arg(result_.nPaths)
                       .arg(frames)
                       .arg(settings_.J)
                       .arg(settings_.Q1)
                       .arg(settings_.Q2));
    updateMaps();
    Q_EMIT windowShown(result_.recordIndex, result_.windowIndex);
}

void ScatteringView::clearMaps(const QString& message, const QString& plotText) {
    for (auto& p : panels_) {
        p.map->data()->clear();
        p.map->setVisible(false);
        p.scale->setVisible(false);  // a colour bar of no values
        p.title->setText(QString());
    }
    for (auto* line : tokenSeparators_) plot_->removeItem(line);
    tokenSeparators_.clear();
    clearRhythm();
    rhythmLegend_->setVisible(false);
    setEmptyPlotText(*plot_, plotText, panels_[0].rect);  // in the top map, clear of the axis titles
    info_->setStyleSheet(QString());
    info_->setText(message);
    plot_->replot();
}

// ---------------------------------------------------------------- maps

double ScatteringView::shown(double s) const { return log_ ? std::log(s + settings_.logEps) : s; }

void ScatteringView::updateMaps() {
    if (result_.recordIndex < 0) return;
    setEmptyPlotText(*plot_, QString());
    for (auto& p : panels_) p.scale->setVisible(true);
    fillOrder1();
    fillOrder2();
    fillTokens();
    fillRhythm();
    updateTitles();
    plot_->replot();
}

void ScatteringView::setFirstOrderPath(int n1) {
    if (order1Paths_.isEmpty()) {
        // No result yet: remember the choice for when the transform arrives.
        n1_ = std::max(0, n1);
        n1Chosen_ = true;
        return;
    }
    n1 = std::clamp(n1, 0, static_cast<int>(order1Paths_.size()) - 1);
    const bool changed = n1 != n1_;
    n1_ = n1;
    n1Chosen_ = true;
    {
        QSignalBlocker block(pathCombo_);
        pathCombo_->setCurrentIndex(n1);
    }
    if (result_.recordIndex >= 0) {
        fillOrder2();
        updateTitles();
        plot_->replot();
    }
    if (changed) Q_EMIT firstOrderPathChanged(n1);
}

void ScatteringView::setGradient(HeatmapGradient gradient) {
    gradient_ = gradient;
    {
        QSignalBlocker block(gradientCombo_);
        gradientCombo_->setCurrentIndex(static_cast<int>(gradient));
    }
    QCPColorGradient g = makeGradient(gradient);
    g.setNanHandling(QCPColorGradient::nhTransparent);  // padding frames of a short record
    for (auto& p : panels_) p.scale->setGradient(g);
    plot_->replot();
}

void ScatteringView::setLogScale(bool log) {
    log_ = log;
    {
        QSignalBlocker block(scaleCombo_);
        scaleCombo_->setCurrentIndex(log ? 0 : 1);
    }
    if (result_.recordIndex >= 0) {
        fillOrder1();
        fillOrder2();
        plot_->replot();
    }
}

// ---------------------------------------------------------------- read-back (tests, tours)

ScatteringView::Heatmap ScatteringView::order1Matrix() const {
    Heatmap h;
    if (result_.recordIndex < 0) return h;
    h.rows = order1Paths_.size();
    h.cols = result_.nFrames;
    for (int r = 0; r < h.rows; ++r)
        for (int c = 0; c < h.cols; ++c) h.values.push_back(result_.S[static_cast<std::size_t>(order1Paths_[r]) * h.cols + c]);
    return h;
}

ScatteringView::Heatmap ScatteringView::displayed(Panel p) const {
    Heatmap h;
    const QCPColorMap* map = panel(p).map;
    if (!map->visible()) return h;
    h.cols = map->data()->keySize();
    h.rows = map->data()->valueSize();
    for (int r = 0; r < h.rows; ++r)
        for (int c = 0; c < h.cols; ++c) h.values.push_back(map->data()->cell(c, r));
    return h;
}

QVector<double> ScatteringView::order1FrequenciesHz() const {
    QVector<double> f;
    for (int p : order1Paths_) f.push_back(scattering_->paths()[p].xi1 * settings_.preprocess.targetFs);
    return f;
}

QVector<double> ScatteringView::order2FrequenciesHz() const {
    QVector<double> f;
    for (int p : rowPaths(Panel::Order2)) f.push_back(scattering_->paths()[p].xi2 * settings_.preprocess.targetFs);
    return f;
}

QMap<double, QString> ScatteringView::axisTicks(Panel p) const {
    auto ticker = panel(p).rect->axis(QCPAxis::atLeft)->ticker().dynamicCast<QCPAxisTickerText>();
    return ticker ? ticker->ticks() : QMap<double, QString>{};
}

QPointF ScatteringView::cellCentre(Panel p, int row, int col) const {
    const PanelItems& it = panel(p);
    double key = 0, value = 0;
    it.map->data()->cellToCoord(col, row, &key, &value);
    return {it.rect->axis(QCPAxis::atBottom)->coordToPixel(key), it.rect->axis(QCPAxis::atLeft)->coordToPixel(value)};
}

// ---------------------------------------------------------------- hover and click

QString ScatteringView::pathText(int path) const {
    const auto& p = scattering_->paths()[path];
    const double fs = settings_.preprocess.targetFs;
    switch (p.order) {
    case 0: return tr("Order 0 (low-pass average)");
    case 1: return tr("Order 1 · n1 = %1 (j1 = %2) · %3").arg(p.n1).arg(p.j1).arg(hz(p.xi1 * fs));
    default:
        return tr("Order 2 · n1 = %1 (j1 = %2) → n2 = %3 (j2 = %4) · %5 → %6")
            .arg(p.n1)
            .arg(p.j1)
            .arg(p.n2)
            .arg(p.j2)
            .arg(hz(p.xi1 * fs), hz(p.xi2 * fs));
    }
}

QString ScatteringView::valueText(Panel p, double value) const {
    const QLocale l;
    if (p == Panel::Tokens) return tr("token value %1").arg(l.toString(value, 'g', 5));
    return log_ ? tr("log(S + %1) = %2").arg(settings_.logEps).arg(l.toString(value, 'g', 5))
                : tr("S = %1").arg(l.toString(value, 'g', 5));
}

QString ScatteringView::describeAt(const QPointF& pos) const {
    if (result_.recordIndex < 0 || !scattering_) return {};
    for (Panel p : {Panel::Order1, Panel::Order2, Panel::Tokens}) {
        const PanelItems& it = panel(p);
        if (!it.map->visible() || !it.rect->rect().contains(pos.toPoint())) continue;
        const double key = it.rect->axis(QCPAxis::atBottom)->pixelToCoord(pos.x());
        const double value = it.rect->axis(QCPAxis::atLeft)->pixelToCoord(pos.y());
        int col = -1, row = -1;
        it.map->data()->coordToCell(key, value, &col, &row);
        if (col < 0 || row < 0 || col >= it.map->data()->keySize() || row >= it.map->data()->valueSize()) return {};
        const int path = rowPaths(p).value(row, -1);
        if (path < 0) return {};
        const double v = it.map->data()->cell(col, row);
        const double t = frameTimes().value(col);
        return tr("%1\nframe %2 at %3 s\n%4")
            .arg(pathText(path))
            .arg(col)
            .arg(QLocale().toString(t, 'f', 2), valueText(p, v));
    }
    return {};
}

void ScatteringView::onMouseMove(QMouseEvent* event) {
    const QString text = describeAt(event->position());
    if (text.isEmpty()) {
        QToolTip::hideText();
        return;
    }
    hoverText_ = text;
    QToolTip::showText(event->globalPosition().toPoint(), text, plot_);
}

void ScatteringView::onMousePress(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || result_.recordIndex < 0) return;
    const PanelItems& it = panel(Panel::Order1);
    if (!it.rect->rect().contains(event->position().toPoint())) return;
    const double value = it.rect->axis(QCPAxis::atLeft)->pixelToCoord(event->position().y());
    const int row = static_cast<int>(std::lround(value));
    if (row >= 0 && row < order1Paths_.size()) setFirstOrderPath(row);
}

}  // namespace dacl::ui
