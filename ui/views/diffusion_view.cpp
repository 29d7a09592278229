#include "ui/views/diffusion_view.h"

#include "ui/plots/palette.h"
#include "ui/plots/plot_style.h"
#include "ui/views/drift_plot.h"
#include "ui/views/sequence_diffusion_plots.h"
#include "ui/loaders/thread_pools.h"

#include "ui/plots/custom_plot.h"
#include "ui/plots/empty_plot.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSlider>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace dacl::ui {

namespace {

constexpr int kMaxMultiples = 8;
const QColor kZtColour = palette::colour(3);  // vermillion
const QColor kZ0Colour = QColor(40, 40, 40);

QString number(double v, int digits = 3) { return QLocale().toString(v, 'g', digits); }

QCustomPlot* makePlot(QWidget* parent) {
    auto* plot = new QCustomPlot(parent);
    plot->setMinimumHeight(150);
    plot->setInteractions(QCP::Interactions());
    return plot;
}

QVector<double> toQVector(const std::vector<double>& v) { return QVector<double>(v.begin(), v.end()); }

QVector<double> dimensions(int d) {
    QVector<double> x(d);
    for (int i = 0; i < d; ++i) x[i] = i + 1;
    return x;
}

QVector<double> graphValues(const QCPGraph* g) {
    QVector<double> v;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) v.push_back(it->value);
    return v;
}

QString scheduleName(ml::ScheduleKind kind) {
    return kind == ml::ScheduleKind::Linear ? DiffusionView::tr("Linear") : DiffusionView::tr("Cosine");
}

}  // namespace

DiffusionView::DiffusionView(QWidget* parent) : QWidget(parent), loader_(this, viewThreadPool()) {
    buildControls();
    buildPlots();
    auto* windowPage = new QWidget(this);
    auto* grid = new QGridLayout(windowPage);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(latentPlot_, 0, 0);
    grid->addWidget(driftPlot_, 0, 1);
    grid->addWidget(multiplesPlot_, 1, 0, 1, 2);
    grid->addWidget(decodedPlot_, 2, 0, 1, 2);
    grid->setRowStretch(0, 5);
    grid->setRowStretch(1, 3);
    grid->setRowStretch(2, 4);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Schedule"), this));
    bar->addWidget(scheduleCombo_);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Timestep t"), this));
    bar->addWidget(slider_, 1);
    bar->addWidget(spin_);
    bar->addWidget(playButton_);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Small multiples at t ="), this));
    bar->addWidget(multiplesEdit_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(readout_);
    layout->addWidget(info_);
    sequencePlots_ = new SequenceDiffusionPlots(this);
    pages_ = new QStackedWidget(this);
    pages_->addWidget(windowPage);
    pages_->addWidget(sequencePlots_);
    layout->addWidget(pages_, 1);

    updateSchedule();
    clearPlots(tr("No run selected: choose a finished run (Runs view) or finish a training job."));
}

DiffusionView::~DiffusionView() = default;

void DiffusionView::buildControls() {
    scheduleCombo_ = new QComboBox(this);
    scheduleCombo_->addItem(scheduleName(ml::ScheduleKind::Linear));
    scheduleCombo_->addItem(scheduleName(ml::ScheduleKind::Cosine));
    scheduleCombo_->setToolTip(tr("Noise schedule of the forward diffusion (the model was trained with the one marked \"model\")"));
    connect(scheduleCombo_, &QComboBox::activated, this, [this](int i) {
        kindChosen_ = true;
        setScheduleKind(i == 0 ? ml::ScheduleKind::Linear : ml::ScheduleKind::Cosine);
    });
    slider_ = new QSlider(Qt::Horizontal, this);
    slider_->setMinimumWidth(200);
    slider_->setToolTip(tr("Diffusion timestep: 0 is the clean latent z0, T is (almost) pure noise"));
    connect(slider_, &QSlider::valueChanged, this, [this](int t) { setTimestep(t); });
    spin_ = new QSpinBox(this);
    connect(spin_, &QSpinBox::valueChanged, this, [this](int t) { setTimestep(t); });
    playButton_ = new QToolButton(this);
    playButton_->setCheckable(true);
    playButton_->setText(tr("Play"));
    playButton_->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    playButton_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    playButton_->setToolTip(tr("Animate t from the slider's position to T"));
    connect(playButton_, &QToolButton::toggled, this, [this](bool on) { setPlaying(on); });
    playTimer_ = new QTimer(this);
    playTimer_->setInterval(40);
    connect(playTimer_, &QTimer::timeout, this, &DiffusionView::advancePlay);
    multiplesEdit_ = new QLineEdit(this);
    multiplesEdit_->setMinimumWidth(170);
    multiplesEdit_->setMaximumWidth(240);
    multiplesEdit_->setToolTip(tr("Comma-separated timesteps of the small multiples (at most %1)").arg(kMaxMultiples));
    connect(multiplesEdit_, &QLineEdit::editingFinished, this, [this] {
        QVector<int> steps;
        for (const QString& part : multiplesEdit_->text().split(',', Qt::SkipEmptyParts)) {
            bool ok = false;
            const int t = part.trimmed().toInt(&ok);
            if (ok) steps.push_back(t);
        }
        setSmallMultipleSteps(steps);
    });
    readout_ = new QLabel(this);
    readout_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont f = readout_->font();
    f.setBold(true);
    readout_->setFont(f);
    info_ = new QLabel(this);
    info_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    info_->setWordWrap(true);
}

void DiffusionView::buildPlots() {
    latentPlot_ = makePlot(this);
    setPlotTitle(*latentPlot_, tr("Latent of the window: z0 and z_t"));
    latentPlot_->xAxis->setLabel(tr("Latent dimension"));
    latentPlot_->yAxis->setLabel(tr("z (standardised latent units)"));
    latentPlot_->legend->setVisible(true);
    latentPlot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    z0Graph_ = latentPlot_->addGraph();
    z0Graph_->setName(tr("z0 (clean: VAE μ)"));
    z0Graph_->setPen(QPen(kZ0Colour, 1.5));
    z0Graph_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kZ0Colour, 5));
    ztGraph_ = latentPlot_->addGraph();
    ztGraph_->setPen(QPen(kZtColour, 1.5));
    ztGraph_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kZtColour, 5));

    driftPlot_ = new DriftPlot(this, kZtColour);

    multiplesPlot_ = makePlot(this);
    multiplesPlot_->setMinimumHeight(130);

    decodedPlot_ = makePlot(this);
    setPlotTitle(*decodedPlot_, tr("VAE decoding back to pooled Scattering-Transformer features"));
    decodedPlot_->xAxis->setLabel(tr("Feature index (scattering path; first half: mean over tokens, second half: std over tokens)"));
    decodedPlot_->yAxis->setLabel(tr("Feature value"));
    decodedPlot_->legend->setVisible(true);
    decodedPlot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    featureGraph_ = decodedPlot_->addGraph();
    featureGraph_->setName(tr("f (the window's feature)"));
    featureGraph_->setPen(QPen(QColor(160, 160, 160), 3));
    decodedZ0Graph_ = decodedPlot_->addGraph();
    decodedZ0Graph_->setName(tr("decode(z0)"));
    decodedZ0Graph_->setPen(QPen(kZ0Colour, 1.2));
    decodedZtGraph_ = decodedPlot_->addGraph();
    decodedZtGraph_->setPen(QPen(kZtColour, 1.2));
    halfLine_ = new QCPItemStraightLine(decodedPlot_);
    halfLine_->setPen(QPen(QColor(120, 120, 120), 1, Qt::DashLine));
    meanLabel_ = new QCPItemText(decodedPlot_);
    stdLabel_ = new QCPItemText(decodedPlot_);
    for (QCPItemText* label : {meanLabel_, stdLabel_}) {
        label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignTop);
        label->setColor(QColor(90, 90, 90));
    }
    meanLabel_->setText(tr("mean over tokens"));
    stdLabel_->setText(tr("std over tokens"));
    rebuildMultiples();
    for (QCustomPlot* p : {latentPlot_, decodedPlot_}) applyPlotStyle(*p);
}

// ---------------------------------------------------------------- requests

void DiffusionView::setModel(std::shared_ptr<const ml::RunModel> model) {
    if (model == model_) return;
    setPlaying(false);
    model_ = std::move(model);
    pages_->setCurrentIndex(isSequence() ? 1 : 0);
    if (model_ && !kindChosen_) kind_ = model_->scheduleKind();
    updateSchedule();
    startWalk();
}

void DiffusionView::setRecord(const Dataset* dataset, int recordIndex) {
    const int record =
        dataset && recordIndex >= 0 && static_cast<std::size_t>(recordIndex) < dataset->size() ? recordIndex : -1;
    if (dataset == dataset_ && record == requestedRecord_) return;
    dataset_ = dataset;
    requestedRecord_ = record;
    requestedWindow_ = 0;
    startWalk();
}

void DiffusionView::setWindow(int windowIndex) {
    requestedWindow_ = std::max(0, windowIndex);
    if (windowCount() > 0) requestedWindow_ = std::min(requestedWindow_, windowCount() - 1);
    if (isSequence()) {
        const SequenceWalk& w = sequenceWalk_;
        if (w.error.empty() && w.recordIndex == requestedRecord_ && w.spanIndex == requestedWindow_ && w.kind == kind_ && !busy_)
            return;
    } else if (walk_.error.empty() && walk_.recordIndex == requestedRecord_ && walk_.windowIndex == requestedWindow_ &&
        walk_.kind == kind_ && !busy_)
        return;
    startWalk();
}

void DiffusionView::setScheduleKind(ml::ScheduleKind kind) {
    if (kind == kind_) return;
    kind_ = kind;
    updateSchedule();
    startWalk();
}

void DiffusionView::setTimestep(int t) {
    t = std::clamp(t, 0, maxTimestep());
    if (t == t_ && slider_->value() == t && spin_->value() == t) return;
    t_ = t;
    {
        const QSignalBlocker a(slider_), b(spin_);
        slider_->setValue(t);
        spin_->setValue(t);
    }
    updateForTimestep();
    Q_EMIT timestepChanged(t_);
}

void DiffusionView::setSmallMultipleSteps(const QVector<int>& steps) {
    QVector<int> s;
    for (int t : steps)
        if (s.size() < kMaxMultiples) s.push_back(std::clamp(t, 0, maxTimestep()));
    if (s.isEmpty()) s = {0};
    multiples_ = s;
    rebuildMultiples();
    sequencePlots_->setMultiples(multiples_);
    updateStaticPlots();
}

void DiffusionView::setPlaying(bool playing) {
    if (playing && t_ >= maxTimestep()) setTimestep(0);
    if (playing) playTimer_->start();
    else playTimer_->stop();
    const QSignalBlocker block(playButton_);
    playButton_->setChecked(playing);
    playButton_->setText(playing ? tr("Pause") : tr("Play"));
    playButton_->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

bool DiffusionView::isPlaying() const { return playTimer_->isActive(); }

int DiffusionView::maxTimestep() const { return schedule_.steps(); }

void DiffusionView::advancePlay() {
    // About ten seconds from 0 to T, whatever T is.
    const int step = std::max(1, maxTimestep() / 250);
    const int next = std::min(maxTimestep(), t_ + step);
    setTimestep(next);
    if (next >= maxTimestep()) setPlaying(false);
}

void DiffusionView::updateSchedule() {
    if (model_) {
        schedule_ = ml::viewSchedule(*model_, kind_);
    } else {
        ml::ScheduleSettings s;
        s.kind = kind_;
        schedule_ = ml::DiffusionSchedule(s);
    }
    const ml::ScheduleKind own = model_ ? model_->scheduleKind() : ml::ScheduleKind::Linear;
    for (int i = 0; i < 2; ++i) {
        const auto k = i == 0 ? ml::ScheduleKind::Linear : ml::ScheduleKind::Cosine;
        scheduleCombo_->setItemText(i, model_ && k == own ? tr("%1 (model)").arg(scheduleName(k)) : scheduleName(k));
    }
    scheduleCombo_->setCurrentIndex(kind_ == ml::ScheduleKind::Linear ? 0 : 1);
    {
        const QSignalBlocker a(slider_), b(spin_);
        slider_->setRange(0, maxTimestep());
        slider_->setPageStep(std::max(1, maxTimestep() / 20));
        spin_->setRange(0, maxTimestep());
    }
    t_ = std::clamp(t_, 0, maxTimestep());
    QVector<int> clamped;
    for (int t : multiples_) clamped.push_back(std::min(t, maxTimestep()));
    multiples_ = clamped;
    sequencePlots_->setMultiples(multiples_);
    {
        QStringList parts;
        for (int t : multiples_) parts << QString::number(t);
        multiplesEdit_->setText(parts.join(QStringLiteral(", ")));
    }
    updateForTimestep();
}

void DiffusionView::startWalk() {
    loader_.drop();
    if (!model_ || !dataset_ || requestedRecord_ < 0) {
        busy_ = false;
        walk_ = ml::DiffusionWalk();
        sequenceWalk_ = SequenceWalk();
        clearPlots(!model_ ? tr("No run selected: choose a finished run (Runs view) or finish a training job.")
                           : tr("No record selected."));
        return;
    }
    busy_ = true;
    info_->setStyleSheet(QString());
    info_->setText(tr("Diffusing window %1 of %2 over t = 0…%3…")
                       .arg(requestedWindow_ + 1)
                       .arg(QString::fromStdString(dataset_->records()[static_cast<std::size_t>(requestedRecord_)].name))
                       .arg(maxTimestep()));
    if (isSequence()) {
        startSequenceWalk();
        return;
    }
    loader_.start([model = model_, dataset = *dataset_, record = static_cast<std::size_t>(requestedRecord_),
                   window = requestedWindow_, kind = kind_] { return ml::computeDiffusionWalk(*model, dataset, record, window, kind); },
                  [this](ml::DiffusionWalk walk) { showWalk(std::move(walk)); });
}

// ---------------------------------------------------------------- results

void DiffusionView::showWalk(ml::DiffusionWalk walk) {
    busy_ = false;
    walk_ = std::move(walk);
    if (!walk_.error.empty()) {
        const QString file = QString::fromStdString(walk_.errorFile);
        const QString reason = QString::fromStdString(walk_.error);
        clearPlots(tr("Cannot show %1: %2").arg(file.isEmpty() ? tr("the record") : file, reason));
        info_->setStyleSheet(QStringLiteral("color: #b00020;"));
        Q_EMIT loadFailed(file, reason);
        return;
    }
    requestedWindow_ = walk_.windowIndex;
    showEmptyState({});
    const auto& entry = dataset_->records()[static_cast<std::size_t>(walk_.recordIndex)];
    const int tMax = static_cast<int>(model_->settings().getInt("diffusion.t_max"));
    info_->setStyleSheet(QString());
    info_->setText(tr("Run %1 · record %2%3 · window %4 of %5 (%6–%7 s) · d = %8 · T = %9 · the encoder was trained on views with t ≤ %10 (%11 schedule)")
                       .arg(model_->runId())
                       .arg(QString::fromStdString(entry.name))
                       .arg(entry.label.empty() ? QString() : tr(" (label %1)").arg(QString::fromStdString(entry.label)))
                       .arg(walk_.windowIndex + 1)
                       .arg(walk_.windowCount)
                       .arg(number(walk_.startS, 4))
                       .arg(number(walk_.endS, 4))
                       .arg(walk_.latentDim())
                       .arg(walk_.steps)
                       .arg(tMax)
                       .arg(scheduleName(model_->scheduleKind()).toLower()));
    updateStaticPlots();
    updateForTimestep();
    Q_EMIT windowShown(walk_.recordIndex, walk_.windowIndex);
}

void DiffusionView::clearPlots(const QString& message) {
    info_->setStyleSheet(QString());
    info_->setText(message);
    for (QCPGraph* g : {z0Graph_, ztGraph_, featureGraph_, decodedZ0Graph_, decodedZtGraph_}) g->data()->clear();
    driftPlot_->clearCurves();
    for (QCPGraph* g : multipleZ0_) g->data()->clear();
    for (QCPGraph* g : multipleZt_) g->data()->clear();
    // Error messages stay in the info line; an empty plot says what it will show and how.
    const bool error = model_ && dataset_ && requestedRecord_ >= 0;
    const QString how = !model_ ? trainOrSelectRunHint() : selectRecordHint();
    showEmptyState(error ? QStringList{message, {}, {}, {}}
                         : QStringList{tr("z0 and its noisy views z_t of the current window appear here.") + QLatin1Char('\n') + how,
                                       tr("The VAE's decoding of z0 and z_t appears here.") + QLatin1Char('\n') + how,
                                       tr("How far the encoder's embedding drifts with t appears here.") + QLatin1Char('\n') + how,
                                       tr("z_t at chosen timesteps appears here.")});
    for (QCustomPlot* p : std::initializer_list<QCustomPlot*>{latentPlot_, driftPlot_, multiplesPlot_, decodedPlot_}) p->replot();
    sequencePlots_->clear();
    updateForTimestep();
}

// Texts for the latent, decoded, drift and small-multiples plots; all empty: the data is shown,
// with legends and the decoded plot's mean/std divider (which would mark nothing without data).
void DiffusionView::showEmptyState(const QStringList& texts) {
    const bool shown = texts.join(QString()).isEmpty();
    setEmptyPlotText(*latentPlot_, texts.value(0));
    setEmptyPlotText(*decodedPlot_, texts.value(1));
    setEmptyPlotText(*driftPlot_, texts.value(2));
    setEmptyPlotText(*multiplesPlot_, texts.value(3));
    for (QCustomPlot* p : std::initializer_list<QCustomPlot*>{latentPlot_, decodedPlot_, driftPlot_}) p->legend->setVisible(shown);
    for (QCPAbstractItem* item : std::initializer_list<QCPAbstractItem*>{halfLine_, meanLabel_, stdLabel_}) item->setVisible(shown);
}

QString DiffusionView::readoutText() const { return readout_->text(); }

void DiffusionView::rebuildMultiples() {
    multiplesPlot_->clearGraphs();  // before their axes go with the old axis rects
    QCPLayoutGrid* grid = multiplesPlot_->plotLayout();
    grid->clear();
    multipleZ0_.clear();
    multipleZt_.clear();
    QFont titleFont = plotFont(9, false, true);
    auto* margins = new QCPMarginGroup(multiplesPlot_);
    for (int i = 0; i < multiples_.size(); ++i) {
        auto* title = new QCPTextElement(multiplesPlot_, QString(), titleFont);
        auto* rect = new QCPAxisRect(multiplesPlot_);
        grid->addElement(0, i, title);
        grid->addElement(1, i, rect);
        rect->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
        rect->axis(QCPAxis::atBottom)->setLabel(tr("dimension"));
        QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
        ticker->setTickStep(4.0);
        ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
        rect->axis(QCPAxis::atBottom)->setTicker(ticker);
        if (i == 0) rect->axis(QCPAxis::atLeft)->setLabel(tr("z"));
        else rect->axis(QCPAxis::atLeft)->setTickLabels(false);
        auto* z0 = multiplesPlot_->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        z0->setPen(QPen(QColor(150, 150, 150), 1));
        auto* zt = multiplesPlot_->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        zt->setPen(QPen(kZtColour, 1.3));
        multipleZ0_.push_back(z0);
        multipleZt_.push_back(zt);
    }
    grid->setRowStretchFactor(0, 0.01);
    setEmptyPlotText(*multiplesPlot_, emptyPlotText(*multiplesPlot_));  // onto the new first axis rect
    applyPlotStyle(*multiplesPlot_);
    multiplesPlot_->replot();
}

// Everything that does not depend on t: axes ranges fixed over all t, so that playing does not
// make the axes jump; z0, f and decode(z0); the drift curves; the small multiples.
void DiffusionView::updateStaticPlots() {
    const int d = walk_.latentDim();
    if (d == 0 || walk_.alphaBar.empty()) return;
    const QVector<double> dims = dimensions(d);
    double zLow = 0, zHigh = 0;
    for (int i = 0; i < d; ++i) {
        // z_t moves on an ellipse between z0 and ε: its extent bounds every t.
        const double r = std::hypot(walk_.z0[static_cast<std::size_t>(i)], walk_.epsilon[static_cast<std::size_t>(i)]);
        zLow = std::min(zLow, -r);
        zHigh = std::max(zHigh, r);
    }
    z0Graph_->setData(dims, toQVector(walk_.z0), true);
    latentPlot_->xAxis->setRange(0.4, d + 0.6);
    latentPlot_->yAxis->setRange(zLow * 1.05, zHigh * 1.05 + 0.3 * (zHigh - zLow));  // legend room
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(d > 16 ? 4.0 : 2.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssNone);
    latentPlot_->xAxis->setTicker(ticker);

    for (int i = 0; i < multiples_.size(); ++i) {
        const int t = std::min(multiples_[i], walk_.steps);
        multipleZ0_[i]->setData(dims, toQVector(walk_.z0), true);
        multipleZt_[i]->setData(dims, toQVector(walk_.zt(t)), true);
        auto* rect = multipleZt_[i]->keyAxis()->axisRect();
        rect->axis(QCPAxis::atBottom)->setRange(0.4, d + 0.6);
        rect->axis(QCPAxis::atLeft)->setRange(zLow * 1.05, zHigh * 1.05);
        const double a = walk_.alphaBar[static_cast<std::size_t>(t)];
        if (auto* title = qobject_cast<QCPTextElement*>(multiplesPlot_->plotLayout()->element(0, i)))
            title->setText(tr("t = %1 · noise std %2").arg(t).arg(number(std::sqrt(1 - a), 2)));
    }
    multiplesPlot_->replot();

    // Decoded features: every t's decoding sets the range once.
    const int n = static_cast<int>(walk_.features.size());
    QVector<double> idx(n);
    for (int i = 0; i < n; ++i) idx[i] = i;
    featureGraph_->setData(idx, toQVector(walk_.features), true);
    QVector<double> dz0(n);
    for (int i = 0; i < n; ++i) dz0[i] = walk_.decoded(0, static_cast<std::size_t>(i));
    decodedZ0Graph_->setData(idx, dz0, true);
    const auto [lo, hi] = std::minmax_element(walk_.decoded.data.begin(), walk_.decoded.data.end());
    double fLow = *lo, fHigh = *hi;
    for (double v : walk_.features) {
        fLow = std::min(fLow, v);
        fHigh = std::max(fHigh, v);
    }
    decodedPlot_->xAxis->setRange(-1, n);
    decodedPlot_->yAxis->setRange(fLow - 0.05 * (fHigh - fLow), fHigh + 0.3 * (fHigh - fLow));
    halfLine_->point1->setCoords(n / 2.0 - 0.5, 0);
    halfLine_->point2->setCoords(n / 2.0 - 0.5, 1);
    meanLabel_->position->setCoords(n / 4.0, 0.02);
    stdLabel_->position->setCoords(3 * n / 4.0, 0.02);

    // Drift over every t, with the band of timesteps the encoder's views were drawn from.
    QVector<double> ts(static_cast<int>(walk_.drift.size()));
    for (int t = 0; t < ts.size(); ++t) ts[t] = t;
    const int tMax = model_ ? static_cast<int>(model_->settings().getInt("diffusion.t_max")) : 0;
    driftPlot_->setCurves(ts, toQVector(walk_.drift), toQVector(walk_.cosine), walk_.steps, tMax);
}

void DiffusionView::updateForTimestep() {
    const int t = t_;
    const double a = schedule_.alphaBar(t);
    noiseStd_ = std::sqrt(1 - a);
    signalScale_ = std::sqrt(a);
    snr_ = a < 1 ? a / (1 - a) : std::numeric_limits<double>::infinity();
    const QString snrText = std::isfinite(snr_) ? tr("%1 (%2 dB)").arg(number(snr_)).arg(number(10 * std::log10(snr_)))
                                                : tr("∞ (clean)");
    readout_->setText(tr("t = %1 of %2 (%3 schedule) · noise std √(1−ᾱ_t) = %4 · signal scale √ᾱ_t = %5 · SNR ᾱ_t/(1−ᾱ_t) = %6")
                          .arg(t)
                          .arg(maxTimestep())
                          .arg(scheduleName(kind_).toLower())
                          .arg(QLocale().toString(noiseStd_, 'f', 4))
                          .arg(QLocale().toString(signalScale_, 'f', 4))
                          .arg(snrText));

    if (isSequence()) {
        sequencePlots_->setTimestep(t);
        const QPointF m = sequencePlots_->driftMarker();
        if (std::isfinite(m.y()))
            readout_->setText(readout_->text() + tr(" · encoder drift ‖Δh‖ = %1").arg(number(m.y())));
        return;
    }
    const bool have = walk_.error.empty() && walk_.latentDim() > 0 && t < static_cast<int>(walk_.alphaBar.size());
    ztGraph_->setName(tr("z_t at t = %1").arg(t));
    decodedZtGraph_->setName(tr("decode(z_t) at t = %1").arg(t));
    if (have) {
        const int d = walk_.latentDim();
        ztGraph_->setData(dimensions(d), toQVector(walk_.zt(t)), true);
        const int n = static_cast<int>(walk_.decoded.cols);
        QVector<double> idx(n), dec(n);
        for (int i = 0; i < n; ++i) {
            idx[i] = i;
            dec[i] = walk_.decoded(static_cast<std::size_t>(t), static_cast<std::size_t>(i));
        }
        decodedZtGraph_->setData(idx, dec, true);
        driftPlot_->setMarker(t);
        readout_->setText(readout_->text() + tr(" · encoder drift ‖Δh‖ = %1, cosine %2")
                                                  .arg(number(walk_.drift[static_cast<std::size_t>(t)]))
                                                  .arg(QLocale().toString(walk_.cosine[static_cast<std::size_t>(t)], 'f', 3)));
    } else {
        ztGraph_->data()->clear();
        decodedZtGraph_->data()->clear();
        driftPlot_->hideMarker();
    }
    for (QCustomPlot* p : std::initializer_list<QCustomPlot*>{latentPlot_, driftPlot_, decodedPlot_}) p->replot(QCustomPlot::rpQueuedReplot);
}

QVector<double> DiffusionView::shownZ0() const { return graphValues(z0Graph_); }
QVector<double> DiffusionView::shownZt() const { return graphValues(ztGraph_); }
QVector<double> DiffusionView::shownSmallMultiple(int index) const {
    return index >= 0 && index < multipleZt_.size() ? graphValues(multipleZt_[index]) : QVector<double>();
}
QVector<double> DiffusionView::shownDecodedZt() const { return graphValues(decodedZtGraph_); }
QVector<double> DiffusionView::shownDecodedZ0() const { return graphValues(decodedZ0Graph_); }
QVector<double> DiffusionView::shownDrift() const { return driftPlot_->shownDrift(); }
QVector<double> DiffusionView::shownCosine() const { return driftPlot_->shownCosine(); }

QPointF DiffusionView::driftMarker() const { return driftPlot_->marker(); }
QCustomPlot* DiffusionView::driftPlot() const { return driftPlot_; }

}  // namespace dacl::ui
