#include "ui/views/training_form.h"

#include "core/common/error.h"
#include "core/data/record_list.h"
#include "core/eval/tasks.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>

#include <algorithm>

namespace dacl::ui {

namespace {

const char* const kClassLabels[] = {"N", "A", "O", "~"};

}  // namespace

TrainingForm::TrainingForm(QWidget* parent) : QGroupBox(tr("Training run"), parent) {
    buildUi();
    applyPreset(QuickLook);
}

void TrainingForm::buildUi() {
    auto* form = new QFormLayout(this);
    preset_ = new QComboBox(this);
    preset_->addItem(tr("Quick look (minutes)"), QuickLook);
    preset_->addItem(tr("Method defaults (hours on a CPU)"), MethodDefaults);
    preset_->addItem(tr("Custom"), Custom);
    preset_->setToolTip(tr("Quick look: few epochs, one split, to see the pipeline work. Method defaults: "
                           "the settings of the method description (5-fold cross-validation)."));
    connect(preset_, &QComboBox::activated, this, [this](int i) {
        const auto p = static_cast<Preset>(preset_->itemData(i).toInt());
        if (p != Custom) applyPreset(p);
    });

    task_ = new QComboBox(this);
    for (const std::string& t : eval::taskNames()) {
        task_->addItem(QString::fromStdString(t), QString::fromStdString(t));
        task_->setItemData(task_->count() - 1, QString::fromStdString(eval::taskInfo(t).description), Qt::ToolTipRole);
    }
    repr_ = new QComboBox(this);
    repr_->addItem(tr("Sequence (whole record, v2)"), QStringLiteral("sequence"));
    repr_->addItem(tr("Pooled 10-s windows (v1)"), QStringLiteral("pooled"));
    repr_->setToolTip(tr("What the encoder sees: the latent sequence of the whole record, or pooled windows"));
    auto spin = [this](int lo, int hi, const QString& tip) {
        auto* s = new QSpinBox(this);
        s->setRange(lo, hi);
        s->setToolTip(tip);
        connect(s, &QSpinBox::valueChanged, this, &TrainingForm::markCustom);
        return s;
    };
    folds_ = spin(1, 10, tr("1: one stratified 80/20 split; k: k-fold cross-validation by record"));
    vaeEpochs_ = spin(1, 1000, tr("Maximal VAE epochs (early stopping may end sooner)"));
    encoderEpochs_ = spin(1, 1000, tr("Epochs of the contrastive encoder (and of its fine-tuning)"));
    encoderWidth_ = spin(4, 256, tr("U-Net channels of the first level"));
    tMax_ = spin(1, 1000, tr("Noisy views use diffusion timesteps t ~ Uniform{1…t_max}"));
    connect(task_, &QComboBox::activated, this, &TrainingForm::markCustom);
    connect(repr_, &QComboBox::activated, this, &TrainingForm::markCustom);

    // The subset of the open dataset.
    limited_ = new QCheckBox(tr("At most"), this);
    limit_ = new QSpinBox(this);
    limit_->setRange(10, 1000000);
    limit_->setValue(200);
    limit_->setSuffix(tr(" records"));
    limit_->setToolTip(tr("A stratified subset: each class keeps its share"));
    limit_->setEnabled(false);
    connect(limited_, &QCheckBox::toggled, limit_, &QWidget::setEnabled);
    auto* limitRow = new QHBoxLayout;
    limitRow->addWidget(limited_);
    limitRow->addWidget(limit_, 1);
    // Another database may have dozens of labels: they scroll sideways rather than widen the window.
    auto* classScroll = classScroll_ = new QScrollArea(this);
    classScroll->setObjectName(QStringLiteral("classFilter"));
    classScroll->setFrameShape(QFrame::NoFrame);
    classScroll->setWidgetResizable(true);
    classScroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* classBoxes = new QWidget(classScroll);
    classRow_ = new QHBoxLayout(classBoxes);
    classRow_->setContentsMargins(0, 0, 0, 0);
    for (const char* label : kClassLabels) addClassBox(QString::fromLatin1(label), -1);
    classRow_->addStretch(1);
    classScroll->setWidget(classBoxes);
    classScroll->viewport()->setAutoFillBackground(false);  // the form's own background
    classBoxes->setAutoFillBackground(false);
    fitClassFilter();
    recordList_ = new QLabel(tr("all records"), this);
    recordList_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* choose = new QPushButton(tr("List…"), this);
    choose->setToolTip(tr("Train only on the records named in a file (one name per line, e.g. an exported selection)"));
    auto* clear = new QPushButton(tr("All"), this);
    clear->setToolTip(tr("Forget the record list"));
    connect(choose, &QPushButton::clicked, this, &TrainingForm::chooseRecordList);
    connect(clear, &QPushButton::clicked, this, &TrainingForm::clearRecordList);
    auto* listRow = new QHBoxLayout;
    listRow->addWidget(recordList_, 1);
    listRow->addWidget(choose);
    listRow->addWidget(clear);

    form->addRow(tr("Preset"), preset_);
    form->addRow(tr("Task"), task_);
    form->addRow(tr("Records"), limitRow);
    form->addRow(tr("Classes"), classScroll);
    form->addRow(tr("Record list"), listRow);
    form->addRow(tr("Folds"), folds_);
    form->addRow(tr("Representation"), repr_);
    form->addRow(tr("VAE epochs"), vaeEpochs_);
    form->addRow(tr("Encoder epochs"), encoderEpochs_);
    form->addRow(tr("Encoder width"), encoderWidth_);
    form->addRow(tr("t_max"), tMax_);
}

void TrainingForm::applyPreset(Preset preset) {
    applying_ = true;
    const Settings defaults;
    const bool sequence = repr_->currentData().toString() == QStringLiteral("sequence");
    if (preset == QuickLook) {
        folds_->setValue(1);
        vaeEpochs_->setValue(10);
        encoderEpochs_->setValue(5);
        encoderWidth_->setValue(16);
        tMax_->setValue(static_cast<int>(defaults.getInt("diffusion.t_max")));
    } else if (preset == MethodDefaults) {
        folds_->setValue(5);
        vaeEpochs_->setValue(static_cast<int>(defaults.getInt(sequence ? "seq.vae_epochs" : "vae.epochs")));
        encoderEpochs_->setValue(static_cast<int>(defaults.getInt(sequence ? "seq.epochs" : "train.epochs")));
        encoderWidth_->setValue(static_cast<int>(defaults.getInt(sequence ? "seq.width" : "encoder.base_channels")));
        tMax_->setValue(static_cast<int>(defaults.getInt("diffusion.t_max")));
    }
    preset_->setCurrentIndex(preset_->findData(preset));
    applying_ = false;
}

TrainingForm::Preset TrainingForm::preset() const { return static_cast<Preset>(preset_->currentData().toInt()); }

void TrainingForm::markCustom() {
    if (!applying_) preset_->setCurrentIndex(preset_->findData(Custom));
}

void TrainingForm::setTask(const QString& task) {
    const int i = task_->findData(task);
    if (i >= 0) task_->setCurrentIndex(i);
}
void TrainingForm::setFolds(int folds) { folds_->setValue(folds); }
void TrainingForm::setRepresentation(const QString& repr) {
    const int i = repr_->findData(repr);
    if (i >= 0) repr_->setCurrentIndex(i);
}
void TrainingForm::setVaeEpochs(int epochs) { vaeEpochs_->setValue(epochs); }
void TrainingForm::setEncoderEpochs(int epochs) { encoderEpochs_->setValue(epochs); }
void TrainingForm::setEncoderWidth(int channels) { encoderWidth_->setValue(channels); }
void TrainingForm::setTMax(int tMax) { tMax_->setValue(tMax); }

void TrainingForm::setLimit(int records) {
    limited_->setChecked(records > 0);
    if (records > 0) limit_->setValue(records);
}

void TrainingForm::setClasses(const QStringList& labels) {
    for (QCheckBox* box : classes_)
        box->setChecked(labels.isEmpty() || labels.contains(box->property("label").toString()));
}

QStringList TrainingForm::checkedClasses() const {
    QStringList out;
    for (QCheckBox* box : classes_)
        if (box->isChecked()) out << box->property("label").toString();
    return out;
}

QStringList TrainingForm::classLabels() const {
    QStringList out;
    for (QCheckBox* box : classes_) out << box->property("label").toString();
    return out;
}

void TrainingForm::addClassBox(const QString& label, int records) {
    const QString shown = label.isEmpty() ? tr("(no label)") : label;
    auto* box = new QCheckBox(records < 0 ? shown : tr("%1 (%2)").arg(shown, QLocale().toString(records)),
                              classRow_->parentWidget());
    box->setProperty("label", label);
    box->setChecked(true);
    box->setToolTip(tr("Train and evaluate on records labelled %1").arg(shown));
    classes_.push_back(box);
    classRow_->insertWidget(static_cast<int>(classes_.size()) - 1, box);  // before the stretch
    box->show();  // a child added to a shown form stays hidden (and out of the layout) otherwise
}

// A few labels (PhysioNet's four) all show without scrolling; dozens scroll sideways.
void TrainingForm::fitClassFilter() {
    QWidget* boxes = classRow_->parentWidget();
    boxes->adjustSize();
    const int bar = classScroll_->horizontalScrollBar()->sizeHint().height();
    const bool scrolls = boxes->sizeHint().width() > 480;
    classScroll_->setMinimumWidth(std::min(boxes->sizeHint().width(), 480));
    classScroll_->setHorizontalScrollBarPolicy(scrolls ? Qt::ScrollBarAlwaysOn : Qt::ScrollBarAlwaysOff);
    classScroll_->setFixedHeight(boxes->sizeHint().height() + (scrolls ? bar : 0));
}

void TrainingForm::setDatasetClasses(const std::map<std::string, int>& counts) {
    const QStringList unticked = [&] {
        QStringList out;
        for (QCheckBox* box : classes_)
            if (!box->isChecked()) out << box->property("label").toString();
        return out;
    }();
    for (QCheckBox* box : classes_) delete box;
    classes_.clear();
    if (counts.empty()) {
        for (const char* label : kClassLabels) addClassBox(QString::fromLatin1(label), -1);
        fitClassFilter();
        return;
    }
    // PhysioNet 2017's letters in their usual order, then the rest by how many records they have.
    std::vector<std::pair<std::string, int>> order(counts.begin(), counts.end());
    auto rank = [](const std::string& l) {
        for (int i = 0; i < 4; ++i)
            if (l == kClassLabels[i]) return i;
        return 4;
    };
    std::stable_sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
        return rank(a.first) != rank(b.first) ? rank(a.first) < rank(b.first) : a.second > b.second;
    });
    for (const auto& [label, n] : order) addClassBox(QString::fromStdString(label), n);
    for (QCheckBox* box : classes_)  // a label the user had left out stays out
        if (unticked.contains(box->property("label").toString())) box->setChecked(false);
    fitClassFilter();
}

bool TrainingForm::setRecordList(const QString& path, QString* error) {
    try {
        recordNames_ = readRecordList(path.toStdString());  // a small text file: read here
    } catch (const std::exception& e) {
        std::string reason, file = path.toStdString();
        describeError(e, reason, file);
        if (error) *error = QString::fromStdString(reason);
        Q_EMIT problem(QString::fromStdString(file), QString::fromStdString(reason));
        return false;
    }
    recordListPath_ = path;
    recordList_->setText(tr("%1 (%n record(s))", nullptr, static_cast<int>(recordNames_.size()))
                             .arg(QFileInfo(path).fileName()));
    recordList_->setToolTip(QDir::toNativeSeparators(path));
    return true;
}

void TrainingForm::clearRecordList() {
    recordNames_.clear();
    recordListPath_.clear();
    recordList_->setText(tr("all records"));
    recordList_->setToolTip(QString());
}

void TrainingForm::chooseRecordList() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Train on the records of a list"), QString(),
                                                      tr("Record lists (*.txt *.csv);;All files (*)"));
    if (!path.isEmpty()) setRecordList(path);
}

ml::PipelineRequest TrainingForm::request(const QString& dataDir, const QString& dbPath, const Settings& base) const {
    ml::PipelineRequest r;
    r.dataDir = dataDir.toStdString();
    r.dbPath = dbPath.toStdString();
    r.task = task_->currentData().toString().toStdString();
    r.folds = folds_->value();
    if (limited_->isChecked()) r.limit = static_cast<std::size_t>(limit_->value());
    const QStringList classes = checkedClasses();
    if (classes.size() < static_cast<int>(classes_.size()))
        for (const QString& c : classes) r.classes.push_back(c.toStdString());
    r.records = recordNames_;
    r.settings = base;
    r.settings.set("repr", repr_->currentData().toString().toStdString());
    // The form sizes either representation: the v1 VAE and encoder, and the v2 frame VAE, both
    // training stages and the U-Net width.
    r.settings.set("vae.epochs", vaeEpochs_->value());
    r.settings.set("train.epochs", encoderEpochs_->value());
    r.settings.set("encoder.base_channels", encoderWidth_->value());
    r.settings.set("diffusion.t_max", tMax_->value());
    r.settings.set("seq.vae_epochs", vaeEpochs_->value());
    r.settings.set("seq.epochs", encoderEpochs_->value());
    r.settings.set("seq.finetune_epochs", encoderEpochs_->value());
    r.settings.set("seq.width", encoderWidth_->value());
    // An epoch of the sequence trainer is 10 batches unless the method's own settings are asked
    // for (the form's epochs are sized for that).
    if (preset() != MethodDefaults) r.settings.set("seq.steps_per_epoch", 10);
    return r;
}

QString TrainingForm::describe(const QString& dataDir) const {
    const QLocale locale;
    QStringList parts{tr("%n fold(s)", nullptr, folds_->value())};
    if (limited_->isChecked()) parts << tr("at most %1 records").arg(locale.toString(limit_->value()));
    const QStringList classes = checkedClasses();
    if (classes.size() < static_cast<int>(classes_.size())) parts << tr("classes %1").arg(classes.join(QLatin1Char(' ')));
    if (!recordNames_.empty()) parts << tr("list %1").arg(QFileInfo(recordListPath_).fileName());
    return tr("%1 on %2 (%3)").arg(task_->currentData().toString(), QDir(dataDir).dirName(), parts.join(QStringLiteral(", ")));
}

}  // namespace dacl::ui
