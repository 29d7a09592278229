#pragma once
// The Training tab's form: what to train on (task, folds, and a subset of the open dataset: a
// stratified limit, a class filter, a saved record list) and the method settings a researcher
// sweeps (representation, epochs, U-Net width, t_max), with presets. It builds the pipeline
// request that Start queues; everything else comes from the base settings.
#include "core/common/settings.h"
#include "core/pipeline/pipeline.h"

#include <QGroupBox>
#include <QStringList>

#include <map>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QScrollArea;
class QLabel;
class QSpinBox;

namespace dacl::ui {

class TrainingForm : public QGroupBox {
    Q_OBJECT
public:
    enum Preset { QuickLook, MethodDefaults, Custom };

    explicit TrainingForm(QWidget* parent = nullptr);

    // The request for `dataDir` and `dbPath`: the form over `base`.
    ml::PipelineRequest request(const QString& dataDir, const QString& dbPath, const Settings& base) const;
    // "af_vs_rest on demo (3 folds, 200 records, classes N A)": the job's title.
    QString describe(const QString& dataDir) const;

    void applyPreset(Preset preset);
    Preset preset() const;
    void setTask(const QString& task);
    void setFolds(int folds);
    void setRepresentation(const QString& repr);  // "sequence" or "pooled"
    void setVaeEpochs(int epochs);
    void setEncoderEpochs(int epochs);
    void setEncoderWidth(int channels);
    void setTMax(int tMax);
    void setLimit(int records);                   // 0: every record of the task
    void setClasses(const QStringList& labels);   // empty or all: no filter
    // The open dataset's labels and their record counts: one box per label ("AFIB (41)"), so that
    // other databases' classes can be filtered too; no labels keeps the PhysioNet 2017 letters.
    void setDatasetClasses(const std::map<std::string, int>& counts);
    QStringList classLabels() const;  // the labels offered, in order
    // Reads a saved record list; false (and *error, naming the file) when it cannot be used.
    bool setRecordList(const QString& path, QString* error = nullptr);
    void clearRecordList();
    QString recordListPath() const { return recordListPath_; }

Q_SIGNALS:
    void problem(const QString& file, const QString& reason);  // a record list could not be read

private:
    void buildUi();
    void markCustom();
    void chooseRecordList();
    QStringList checkedClasses() const;
    void addClassBox(const QString& label, int records);

    QComboBox *preset_, *task_, *repr_;
    QSpinBox *folds_, *vaeEpochs_, *encoderEpochs_, *encoderWidth_, *tMax_, *limit_;
    QCheckBox* limited_;
    std::vector<QCheckBox*> classes_;  // the label is each box's "label" property
    QHBoxLayout* classRow_ = nullptr;
    QScrollArea* classScroll_ = nullptr;
    void fitClassFilter();
    QLabel* recordList_;
    QString recordListPath_;
    std::vector<std::string> recordNames_;
    bool applying_ = false;  // a preset is being applied: its edits are not "custom"
};

}  // namespace dacl::ui
