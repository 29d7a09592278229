// The line above every tab: which dataset is open (name, records, record) and which run is current
// (number, name, status, the dataset it learned from), in the user's language, with a warning when
// the run learned from another dataset than the open one. A real tiny run in a real results file.
#include "common/tiny_run.h"
#include "ui/image_checks.h"
#include "ui/language_rows.h"
#include "core/data/dataset.h"
#include "core/store/results_store.h"
#include "ui/models/runs_model.h"
#include "ui/settings/language.h"
#include "ui/studio_document.h"
#include "ui/views/context_bar.h"

#include <QDir>
#include <QLabel>
#include <QTemporaryDir>
#include <QtTest>

using namespace dacl;
using namespace dacl::ui;

class TestContextBar : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    testing::TinyRun run_;

    // What a plain label of the same font, size and alignment shows for `text`: the reference for
    // what `label` should paint.
    static QImage asPlainLabel(const QLabel* label, const QString& text) {
        QLabel reference;
        reference.setTextFormat(Qt::PlainText);
        reference.setFont(label->font());
        reference.setAlignment(label->alignment());
        reference.setContentsMargins(label->contentsMargins());
        reference.setText(text);
        reference.resize(label->size());
        return reference.grab().toImage();
    }
    // Same pixels (a child's grab and a window's differ in format only).
    static bool samePixels(const QImage& a, const QImage& b) {
        return a.convertToFormat(QImage::Format_RGB32) == b.convertToFormat(QImage::Format_RGB32);
    }

    void loadRuns(RunsModel& model) {
        store::ResultsStore st(run_.dbPath.toStdString());
        model.update(loadRunRows(st));
    }
    // The tiny run's dataset open and the run current, as the main window has them.
    void openRun(StudioDocument& doc, RunsModel& runs) {
        loadRuns(runs);
        doc.setDataset(Dataset::open(run_.dataDir.toStdString()));
        doc.setResultsFile(run_.dbPath);
        doc.setRun(run_.runId);
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        installLanguage(QStringLiteral("en"));  // as the app does at start
        run_ = testing::makeTinyRun(dir_.path(), 12, "af_vs_rest", {"repr=pooled"});
        QVERIFY(run_.runId > 0);
        store::ResultsStore(run_.dbPath.toStdString()).renameRun(run_.runId, "baseline sweep");
    }
    void cleanup() { installLanguage(QStringLiteral("en")); }

    void namesTheOpenDatasetAndItsRecord() {
        StudioDocument doc;
        RunsModel runs;
        ContextBar bar(&doc, &runs);
        QCOMPARE(bar.datasetText(), QStringLiteral("No dataset open"));
        QCOMPARE(bar.runText(), QStringLiteral("No run selected"));
        QCOMPARE(bar.windowTitle(), QStringLiteral("DACL Studio"));

        doc.setDataset(Dataset::open(run_.dataDir.toStdString()));
        QCOMPARE(bar.datasetText(), QStringLiteral("Dataset: data · 12 records"));
        doc.setRecord(2);
        const QString name = QString::fromStdString(doc.dataset()->records()[2].name);
        QCOMPARE(bar.datasetText(), QStringLiteral("Dataset: data · 12 records · record %1").arg(name));
        QCOMPARE(bar.windowTitle(), QStringLiteral("DACL Studio — data"));
    }

    void namesTheRunAndTheDatasetItLearnedFrom() {
        StudioDocument doc;
        RunsModel runs;
        ContextBar bar(&doc, &runs);
        doc.setDataset(Dataset::open(run_.dataDir.toStdString()));
        doc.setResultsFile(run_.dbPath);
        doc.setRun(run_.runId);
        QCOMPARE(bar.runText(), QStringLiteral("Run %1").arg(run_.runId));  // until the Runs model has read the file
        loadRuns(runs);
        const QString text = bar.runText();
        QVERIFY2(text.startsWith(QStringLiteral("Run %1 “baseline sweep” · dacl af_vs_rest · finished · trained on data (12 records")
                                     .arg(run_.runId)),
                 qPrintable(text));
        QVERIFY(!bar.runOnOtherDataset());
        QVERIFY(bar.findChild<QLabel*>(QStringLiteral("contextWarning"))->isHidden());

        // A rename in the Runs table shows at once (the bar reads the model, not the file).
        QVERIFY(runs.setData(runs.index(0, RunsModel::Name), QStringLiteral("renamed"), Qt::EditRole));
        QVERIFY2(bar.runText().contains(QStringLiteral("“renamed”")), qPrintable(bar.runText()));
    }

    void warnsWhenTheRunLearnedFromAnotherDataset() {
        QTemporaryDir other;
        NullProgress quiet;
        synth::writeDemoDataset(QDir(other.path()).filePath(QStringLiteral("elsewhere")).toStdString(), 8, 7, quiet);
        StudioDocument doc;
        RunsModel runs;
        ContextBar bar(&doc, &runs);
        loadRuns(runs);
        doc.setResultsFile(run_.dbPath);
        doc.setRun(run_.runId);
        doc.setDataset(Dataset::open(QDir(other.path()).filePath(QStringLiteral("elsewhere")).toStdString()));
        QVERIFY(bar.runOnOtherDataset());
        auto* warning = bar.findChild<QLabel*>(QStringLiteral("contextWarning"));
        QVERIFY(!warning->isHidden());
        QVERIFY2(warning->text().contains(QStringLiteral("learned from data")), qPrintable(warning->text()));
        // Still drawn in the warning's orange (the label paints its own, possibly elided, text).
        bar.resize(1100, bar.sizeHint().height());
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        const QImage shot = warning->grab().toImage();
        int orange = 0;
        for (int y = 0; y < shot.height(); ++y)
            for (int x = 0; x < shot.width(); ++x) orange += testing::closeColour(shot.pixelColor(x, y), QColor(0xD5, 0x5E, 0x00), 30);
        QVERIFY2(orange > 20, qPrintable(QString::number(orange)));
        QCOMPARE(bar.datasetText(), QStringLiteral("Dataset: elsewhere · 8 records"));

        // One recording opened to be assessed is no dataset the run should have learned from.
        const QString one = QDir(other.path()).filePath(QStringLiteral("elsewhere/") +
                                                         QString::fromStdString(doc.dataset()->records()[0].name) + QStringLiteral(".hea"));
        doc.setDataset(Dataset::open(one.toStdString()));
        QVERIFY(doc.dataset()->isSingleFile());
        QVERIFY(!bar.runOnOtherDataset());

        // The run's own dataset again: no warning.
        doc.setDataset(Dataset::open(run_.dataDir.toStdString()));
        QVERIFY(!bar.runOnOtherDataset());
        QVERIFY(warning->isHidden());
    }

    void speaksGerman() {
        installLanguage(QStringLiteral("de"));
        StudioDocument doc;
        RunsModel runs;
        ContextBar bar(&doc, &runs);
        openRun(doc, runs);
        QVERIFY2(bar.datasetText().startsWith(QStringLiteral("Datensatz: data · 12 Aufnahmen")), qPrintable(bar.datasetText()));
        QVERIFY2(bar.runText().contains(QStringLiteral("abgeschlossen")), qPrintable(bar.runText()));
        QVERIFY2(!bar.runText().contains(QStringLiteral("finished")), qPrintable(bar.runText()));
    }

    // A long run name in a narrow window: the run label shows the text shortened in the middle
    // ("…", the end with the run's dataset kept), never cut mid-character at the edge; the whole
    // text is its tooltip, and a resize shortens it anew. English and German.
    void elidesALongRunNameInTheMiddle_data() {
        dacl::testing::addLanguageRows();
    }
    void elidesALongRunNameInTheMiddle() {
        QFETCH(QString, language);
        installLanguage(language);
        StudioDocument doc;
        RunsModel runs;
        ContextBar bar(&doc, &runs);
        openRun(doc, runs);
        const QString name = QStringLiteral("learning-rate sweep with rhythm channels, 30.72 s windows and the wider encoder");
        QVERIFY(runs.setData(runs.index(0, RunsModel::Name), name, Qt::EditRole));
        bar.resize(900, bar.sizeHint().height());
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        auto* label = bar.findChild<QLabel*>(QStringLiteral("contextRun"));
        QVERIFY(label);
        const QString full = label->text();
        QVERIFY2(full.contains(name), qPrintable(full));

        // Shows exactly what a label shows for the text elided in the middle to its width.
        auto elided = [&] { return label->fontMetrics().elidedText(full, Qt::ElideMiddle, label->contentsRect().width()); };
        QString shown = elided();
        QVERIFY2(shown != full && shown.contains(QChar(0x2026)), qPrintable(shown));
        const QImage narrow = label->grab().toImage();
        narrow.save(QDir::temp().filePath(QStringLiteral("dacl-context-run-%1.png").arg(language)));
        bar.grab().save(QDir::temp().filePath(QStringLiteral("dacl-context-bar-%1.png").arg(language)));
        QVERIFY2(samePixels(narrow, asPlainLabel(label, shown)), "the run label does not show the middle-elided text");
        QVERIFY2(label->toolTip().contains(full), qPrintable(label->toolTip()));

        // Wide enough: the whole text; narrow again: elided again, to the new width.
        bar.resize(3000, bar.height());
        QTRY_VERIFY(label->width() > label->fontMetrics().horizontalAdvance(full) + 20);
        QVERIFY(samePixels(label->grab().toImage(), asPlainLabel(label, full)));
        bar.resize(700, bar.height());
        QTRY_VERIFY(label->width() < 500);
        shown = elided();
        QVERIFY2(shown != full && shown.contains(QChar(0x2026)), qPrintable(shown));
        QVERIFY2(samePixels(label->grab().toImage(), asPlainLabel(label, shown)), "not elided anew after a resize");
        QVERIFY2(label->toolTip().contains(full), qPrintable(label->toolTip()));
    }
};

QTEST_MAIN(TestContextBar)
#include "test_context_bar.moc"
