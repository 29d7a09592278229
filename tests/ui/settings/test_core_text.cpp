// Core's English messages shown in the user's language at the UI boundary (coreText): real errors
// thrown by the real readers and results store, so that a reworded core message that the table
// no longer matches is caught here, not by a German user.
#include "core/data/dataset.h"
#include "core/store/results_store.h"
#include "ui/settings/core_text.h"
#include "ui/settings/language.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace dacl;
using namespace dacl::ui;

namespace {

template <class F>
QString errorOf(F f) {
    try {
        f();
    } catch (const std::exception& e) {
        return coreText(e);
    }
    return QStringLiteral("(no error)");
}

}  // namespace

class TestCoreText : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;

private Q_SLOTS:
    void init() { installLanguage(QStringLiteral("de")); }
    void cleanupTestCase() { installLanguage(QStringLiteral("en")); }

    void realReaderErrorsInGerman() {
        const QString missing = dir_.filePath(QStringLiteral("nowhere"));
        QCOMPARE(errorOf([&] { Dataset::open(missing.toStdString()); }), missing + QStringLiteral(": Datenordner existiert nicht"));

        const QString empty = dir_.filePath(QStringLiteral("empty"));
        QVERIFY(QDir().mkpath(empty));
        const QString noRecords = errorOf([&] { Dataset::open(empty.toStdString()); });
        QVERIFY2(noRecords.startsWith(empty + QStringLiteral(": keine Aufnahmen: ")), qPrintable(noRecords));

        const QString edf = dir_.filePath(QStringLiteral("short.edf"));
        QFile f(edf);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("0       ");  // 8 bytes of a 256-byte header
        f.close();
        const QString cut = errorOf([&] { Dataset::open(edf.toStdString()); });
        QVERIFY2(cut.startsWith(edf + QStringLiteral(": Datei ist unvollständig: ")), qPrintable(cut));
    }

    void realResultsFileErrorsInGerman() {
        const QString db = dir_.filePath(QStringLiteral("runs.db"));
        store::ResultsStore st(db.toStdString());
        QCOMPARE(errorOf([&] { st.run(42); }), db + QStringLiteral(": kein Lauf 42"));

        const QString text = dir_.filePath(QStringLiteral("not-a-db.db"));
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        const QString notOurs = errorOf([&] { store::ResultsStore other(text.toStdString()); });
        QVERIFY2(notOurs.startsWith(text + QStringLiteral(": keine Ergebnisdatei von DACL Studio (")), qPrintable(notOurs));
    }

    void logLinesStagesAndNestedReasons() {
        QCOMPARE(coreText(std::string("reading signals")), QStringLiteral("Signale lesen"));
        QCOMPARE(coreText(std::string("VAE epoch 3/40")), QStringLiteral("VAE-Epoche 3/40"));
        QCOMPARE(coreText(std::string("skipped /d/A01.hea: record has no samples")),
                 QStringLiteral("übersprungen /d/A01.hea: Aufnahme enthält keine Abtastwerte"));
        QCOMPARE(coreText(std::string("resuming run 7 (interrupted)")), QStringLiteral("Lauf 7 wird fortgesetzt (unterbrochen)"));
        // Numbers in the locale's format, names kept as they are.
        QCOMPARE(coreText(std::string("dacl fold 2: AUROC 0.912345 (RSS 1.5 GiB)")),
                 QStringLiteral("dacl Fold 2: AUROC 0,912345 (RSS 1.5 GiB)"));
        QCOMPARE(coreText(std::string("final model: validation AUROC probe 0.962865, fine-tuned 0.984085: scoring with the finetuned stage")),
                 QStringLiteral("finales Modell: Validierungs-AUROC Probe 0,962865, feinabgestimmt 0,984085: bewertet mit der "
                                "feinabgestimmten Stufe"));
        QCOMPARE(coreText(std::string("dacl fold 2/2: AUROC 0.998650 (RSS 0.91 GB, peak 1.08 GB)")),
                 QStringLiteral("dacl Fold 2/2: AUROC 0,998650 (RSS 0,91 GB, Spitze 1,08 GB)"));
        QCOMPARE(coreText(std::string("training: 96.3 s (RSS 0.91 GB, peak 1.08 GB)")),
                 QStringLiteral("Training: 96,3 s (RSS 0,91 GB, Spitze 1,08 GB)"));
        QCOMPARE(coreText(std::string("dacl folds: 96.3 s")), QStringLiteral("dacl Folds: 96,3 s"));
        QCOMPARE(coreText(std::string("/x/y.csv: line 3: record has no samples")),
                 QStringLiteral("/x/y.csv: Zeile 3: Aufnahme enthält keine Abtastwerte"));
        // A %1 inside a file name is not an argument marker.
        QCOMPARE(coreText(std::string("/d/100%1.hea: record has no signals")),
                 QStringLiteral("/d/100%1.hea: Aufnahme enthält keine Signale"));
    }

    // What the assessment of one recording shows: how the run's threshold was chosen, the header.
    void assessmentTextsInGerman() {
        const QString how = coreText(std::string("threshold: Youden's J on the final model's validation records; sensitivity and "
                                                 "specificity: mean over 2 cross-validation folds' test records, each at its "
                                                 "fold's validation threshold"));
        QVERIFY2(how.startsWith(QStringLiteral("Schwelle: Youden-J")) && how.contains(QStringLiteral(" 2 ")), qPrintable(how));
        // A run with one fold says "fold's" (core's singular), which is translated too.
        const QString one = coreText(std::string("threshold: Youden's J on the final model's validation records; sensitivity and "
                                                 "specificity: mean over 1 cross-validation fold's test records, each at its "
                                                 "fold's validation threshold"));
        QVERIFY2(one.startsWith(QStringLiteral("Schwelle: Youden-J")) && one.contains(QStringLiteral(" 1 ")), qPrintable(one));
        QCOMPARE(coreText(std::string("Sampling rate")), QStringLiteral("Abtastrate"));
        // challenge4: the class weights fitted on validation (core/assess/run_choice.cpp).
        QCOMPARE(coreText(std::string("no binary threshold (task challenge4: the class with the largest probability x its "
                                      "weight, fitted on the final model's validation records for the mean F1 of N, A and "
                                      "O: N 1.00, A 0.35, O 0.84, ~ 0.42)")),
                 QStringLiteral("keine binäre Schwelle (Aufgabe challenge4: die Klasse mit der größten Wahrscheinlichkeit "
                                "mal ihrem Gewicht, angepasst auf den Validierungsaufnahmen des finalen Modells für das "
                                "mittlere F1 von N, A und O: N 1,00, A 0,35, O 0,84, ~ 0,42)"));
        const QString best = coreText(std::string("best finished run of task af_vs_rest: the highest stored AUROC (0.994) among 3 "
                                                  "finished runs with a final model"));
        QVERIFY2(best.contains(QStringLiteral("0,994")) && best.contains(QStringLiteral("af_vs_rest")), qPrintable(best));
    }

    // The header values core formats take the German decimal comma; what the file says stays.
    void headerValuesTakeTheLocalesDecimalMark() {
        QCOMPARE(headerValueText("Duration", "30.0 s"), QStringLiteral("30,0 s"));
        QCOMPARE(headerValueText("Duration", "0:05:12 (312 s)"), QStringLiteral("0:05:12 (312 s)"));
        QCOMPARE(headerValueText("Sampling rate", "62.5 Hz"), QStringLiteral("62,5 Hz"));
        QCOMPARE(headerValueText("Signals", "ECG I (200 Hz), Resp (62.5 Hz)"), QStringLiteral("ECG I (200 Hz), Resp (62,5 Hz)"));
        QCOMPARE(headerValueText("Start date", "05.12.26"), QStringLiteral("05.12.26"));
        QCOMPARE(headerValueText("Signals", "lead v1.2.3 (250 Hz)"), QStringLiteral("lead v1.2.3 (250 Hz)"));
        QCOMPARE(headerValueText("Age", "63.5"), QStringLiteral("63.5"));
        installLanguage(QStringLiteral("en"));
        QCOMPARE(headerValueText("Duration", "30.0 s"), QStringLiteral("30.0 s"));
    }

    void unknownMessagesAndEnglishStayAsTheyAre() {
        QCOMPARE(coreText(std::string("something nobody translated")), QStringLiteral("something nobody translated"));
        installLanguage(QStringLiteral("en"));
        QCOMPARE(coreText(std::string("/d/A01.hea: record has no samples")), QStringLiteral("/d/A01.hea: record has no samples"));
        QCOMPARE(coreText(std::string("dacl fold 2: AUROC 0.912345 (x)")), QStringLiteral("dacl fold 2: AUROC 0.912345 (x)"));
        // Core's own English wording, not the pattern's rephrasing for translators ("fold(s)").
        const std::string how = "threshold: Youden's J on the final model's validation records; sensitivity and specificity: "
                                "mean over 2 cross-validation folds' test records, each at its fold's validation threshold";
        QCOMPARE(coreText(how), QString::fromStdString(how));
    }
};

QTEST_MAIN(TestCoreText)
#include "test_core_text.moc"
