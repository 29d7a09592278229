// The Training tab's form, as a researcher uses it: presets fill the method settings (Method
// defaults = the settings' own defaults), an edit makes the preset Custom, and Start's request
// carries the subset (stratified limit, class filter, a saved record list read from its file)
// and the representation; a record list that cannot be read is reported with its file, and the
// job's title says what is trained on what.
#include "ui/views/training_form.h"

#include "core/common/settings.h"

#include <QCheckBox>
#include <QFile>
#include <QLocale>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

using dacl::ui::TrainingForm;

class TestTrainingForm : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void presetsFillTheMethodSettings() {
        TrainingForm form;
        QCOMPARE(form.preset(), TrainingForm::QuickLook);
        const dacl::Settings base;
        auto r = form.request(QStringLiteral("/data/demo"), QStringLiteral("/tmp/r.db"), base);
        QCOMPARE(r.folds, 1);
        QCOMPARE(r.settings.getInt("seq.steps_per_epoch"), 10);

        form.applyPreset(TrainingForm::MethodDefaults);
        r = form.request(QStringLiteral("/data/demo"), QStringLiteral("/tmp/r.db"), base);
        QCOMPARE(r.folds, 5);
        for (const char* key : {"seq.vae_epochs", "seq.epochs", "seq.width", "diffusion.t_max", "seq.steps_per_epoch"})
            QVERIFY2(r.settings.getInt(key) == base.getInt(key), key);

        form.setFolds(3);  // any edit: the settings are the user's own now
        QCOMPARE(form.preset(), TrainingForm::Custom);
        QCOMPARE(form.request({}, {}, base).folds, 3);
    }

    void theRequestCarriesTheSubsetAndRepresentation() {
        QTemporaryDir dir;
        const QString list = dir.filePath(QStringLiteral("af.txt"));
        {
            QFile f(list);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("# AF records\nA00004\nA00005\n");
        }
        TrainingForm form;
        form.setTask(QStringLiteral("af_vs_normal"));
        form.setLimit(300);
        form.setClasses({QStringLiteral("N"), QStringLiteral("A")});
        QVERIFY(form.setRecordList(list));
        form.setRepresentation(QStringLiteral("pooled"));
        form.setEncoderWidth(24);
        const auto r = form.request(QStringLiteral("/data/physionet2017"), QStringLiteral("/tmp/r.db"), dacl::Settings());
        QCOMPARE(QString::fromStdString(r.task), QStringLiteral("af_vs_normal"));
        QCOMPARE(r.limit.value_or(0), std::size_t{300});
        QCOMPARE(r.classes, (std::vector<std::string>{"N", "A"}));
        QCOMPARE(r.records, (std::vector<std::string>{"A00004", "A00005"}));
        QCOMPARE(QString::fromStdString(r.settings.getString("repr")), QStringLiteral("pooled"));
        QCOMPARE(r.settings.getInt("encoder.base_channels"), 24);
        QCOMPARE(r.settings.getInt("seq.width"), 24);
        const QString title = form.describe(QStringLiteral("/data/physionet2017"));
        QVERIFY2(title.contains(QStringLiteral("af_vs_normal on physionet2017")) && title.contains(QStringLiteral("300")) &&
                     title.contains(QStringLiteral("classes N A")) && title.contains(QStringLiteral("af.txt")),
                 qPrintable(title));

        // Every class ticked and no limit or list: no filter at all.
        form.setClasses({});
        form.setLimit(0);
        form.clearRecordList();
        const auto all = form.request({}, {}, dacl::Settings());
        QVERIFY(all.classes.empty() && all.records.empty() && !all.limit);
    }

    // Another database's labels (not PhysioNet 2017's N/A/O/~) can be filtered: one box per label
    // of the open dataset, with its record count; a label left out stays out when the dataset is
    // opened again.
    void theClassFilterOffersTheDatasetsOwnLabels() {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));  // "1,200"
        TrainingForm form;
        QCOMPARE(form.classLabels(), (QStringList{QStringLiteral("N"), QStringLiteral("A"), QStringLiteral("O"), QStringLiteral("~")}));
        form.setDatasetClasses({{"SR", 1200}, {"AFIB", 41}, {"STACH", 300}});
        QCOMPARE(form.classLabels(), (QStringList{QStringLiteral("SR"), QStringLiteral("STACH"), QStringLiteral("AFIB")}));
        QStringList texts;
        for (const QCheckBox* box : form.findChildren<QCheckBox*>())
            if (box->property("label").isValid()) texts << box->text();
        QVERIFY2(texts.contains(QStringLiteral("SR (1,200)")) && texts.contains(QStringLiteral("AFIB (41)")), qPrintable(texts.join(u'|')));
        form.setClasses({QStringLiteral("SR"), QStringLiteral("AFIB")});
        QCOMPARE(form.request({}, {}, dacl::Settings()).classes, (std::vector<std::string>{"SR", "AFIB"}));
        form.setDatasetClasses({{"SR", 1100}, {"AFIB", 40}, {"STACH", 290}, {"SBRAD", 12}});
        QCOMPARE(form.request({}, {}, dacl::Settings()).classes, (std::vector<std::string>{"SR", "AFIB", "SBRAD"}));
        // A few labels show whole, side by side; dozens scroll sideways instead of widening the window.
        form.show();
        auto* filter = form.findChild<QScrollArea*>(QStringLiteral("classFilter"));
        QVERIFY(filter);
        QTRY_VERIFY(filter->isVisible());
        QVERIFY(!filter->horizontalScrollBar()->isVisible());
        std::map<std::string, int> many;
        for (int i = 0; i < 40; ++i) many["CODE" + std::to_string(i)] = 100 - i;
        form.setDatasetClasses(many);
        QTRY_VERIFY(filter->horizontalScrollBar()->isVisible());
        QVERIFY(form.sizeHint().width() < 900);

        // PhysioNet's letters first, in their usual order.
        form.setDatasetClasses({{"~", 284}, {"O", 2456}, {"A", 738}, {"N", 5050}});
        QCOMPARE(form.classLabels(), (QStringList{QStringLiteral("N"), QStringLiteral("A"), QStringLiteral("O"), QStringLiteral("~")}));
        QVERIFY(form.request({}, {}, dacl::Settings()).classes.empty());
    }

    void anUnreadableRecordListIsReportedWithItsFile() {
        TrainingForm form;
        QSignalSpy problems(&form, &TrainingForm::problem);
        QString error;
        const QString missing = QStringLiteral("/nonexistent/list.txt");
        QVERIFY(!form.setRecordList(missing, &error));
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.at(0).at(0).toString(), missing);
        QVERIFY(!error.isEmpty());
        QVERIFY(form.recordListPath().isEmpty());
        QVERIFY(form.request({}, {}, dacl::Settings()).records.empty());
    }
};

QTEST_MAIN(TestTrainingForm)
#include "test_training_form.moc"
