// `dacl assess`, `dacl report --input` and `dacl bench assess` as a user runs them: one real
// PhysioNet recording through a real (tiny) run. The JSON Assessment carries p(AF), the threshold
// and rhythm figures; the one-page patient report PDF (checked with pdftotext) names the record,
// p(AF), the threshold and the intended use; bad files and runs fail naming them.
#include "cli/run_dacl.h"
#include "core/common/progress.h"
#include "core/synth/demo_dataset.h"
#include "common/tiny_run.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

using dacl::testcli::Result;
using dacl::testcli::runDacl;
using dacl::testcli::runProgram;

namespace {

constexpr int kTimeoutS = 600;

// `dacl report` exists only in builds with the Qt GUI (DACL_BUILD_GUI).
bool reportBuilt() { return runDacl({"report", "--help"}, 60).out.contains("--output"); }

QString physionet(const char* record) { return QStringLiteral(DACL_SHARED_DIR "/data/physionet2017/%1.hea").arg(QLatin1String(record)); }

}  // namespace

class TestCliAssess : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    QString db_;
    qint64 runId_ = 0;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const QString data = dir_.filePath("data");
        db_ = dir_.filePath("runs.db");
        dacl::NullProgress quiet;
        dacl::synth::writeDemoDataset(data.toStdString(), 12, dacl::synth::kDefaultDemoSeed, quiet);
        QStringList args{"pipeline", "--data", data, "--task", "af_vs_rest", "--folds", "1", "--db", db_, "--no-cache", "--json"};
        for (const auto& s : dacl::testing::tinyRunSettings()) args << "--set" << QString::fromStdString(s);
        const Result r = runDacl(args, kTimeoutS);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        runId_ = dacl::testcli::lastJsonLine(r.out).value("run_id").toInteger();
        QVERIFY(runId_ > 0);
    }

    void assessPrintsTheAssessmentAsJson() {
        const Result r = runDacl({"assess", "--db", db_, "--input", physionet("A00004"), "--json"}, kTimeoutS);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = dacl::testcli::lastJsonLine(r.out);
        QCOMPARE(j.value("record").toString(), QStringLiteral("A00004"));
        QCOMPARE(j.value("run").toObject().value("id").toInteger(), runId_);
        QVERIFY(j.value("run").toObject().value("chosen_how").toString().contains("best finished run"));
        const double p = j.value("combined_p_af").toDouble(-1);
        QVERIFY(p >= 0 && p <= 1);
        const QJsonArray leads = j.value("leads").toArray();
        QCOMPARE(leads.size(), 1);
        QCOMPARE(leads[0].toObject().value("p_af").toDouble(), p);
        const double threshold = j.value("threshold").toDouble(-1);
        QVERIFY(threshold >= 0 && threshold <= 1);
        QCOMPARE(j.value("positive").toBool(), p >= threshold);
        const QJsonObject rhythm = j.value("rhythm").toObject();
        QVERIFY(rhythm.value("beats").toInt() > 20);
        QVERIFY(rhythm.value("rmssd_ms").toDouble() > 0);
        QCOMPARE(rhythm.value("rr_s").toArray().size(), rhythm.value("beats").toInt() - 1);

        // The same numbers in words without --json.
        const Result text = runDacl({"assess", "--db", db_, "--run", QString::number(runId_), "--input", physionet("A00004")}, kTimeoutS);
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        QVERIFY2(text.out.contains(QStringLiteral("combined p(AF) %1").arg(p, 0, 'f', 3)), qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("threshold %1").arg(threshold, 0, 'f', 3)), qPrintable(text.out));
    }

    void patientReportNamesRecordResultThresholdAndIntendedUse() {
        if (!reportBuilt()) QSKIP("dacl was built without the Qt GUI: no reports");
        const QString pdf = dir_.filePath("patient.pdf");
        const Result r = runDacl({"report", "--db", db_, "--run", QString::number(runId_), "--input", physionet("A00004"),
                                  "--output", pdf},
                                 kTimeoutS);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QFile::exists(pdf));
        const Result info = runProgram("pdfinfo", {pdf}, 60);
        if (info.exitCode == -1 && info.err.contains("could not start")) QSKIP("poppler-utils (pdfinfo, pdftotext) not installed");
        QVERIFY2(info.out.contains(QRegularExpression("Pages:\\s+1\\n")), qPrintable(info.out));
        const Result text = runProgram("pdftotext", {"-layout", pdf, "-"}, 60);
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        const Result json = runDacl({"assess", "--db", db_, "--run", QString::number(runId_), "--input", physionet("A00004"), "--json"},
                                    kTimeoutS);
        const QJsonObject j = dacl::testcli::lastJsonLine(json.out);
        const QString t = text.out;
        QVERIFY2(t.contains("A00004"), qPrintable(t));
        QVERIFY2(t.contains(QStringLiteral("p(AF) %1").arg(j.value("combined_p_af").toDouble(), 0, 'f', 2)), qPrintable(t));
        QVERIFY2(t.contains(QStringLiteral("threshold %1").arg(j.value("threshold").toDouble(), 0, 'f', 2)), qPrintable(t));
        QVERIFY2(t.contains("research software, not a diagnosis"), qPrintable(t));
        QVERIFY2(t.contains("25 mm/s, 10 mm/mV"), qPrintable(t));
        QVERIFY2(t.contains("Most AF-like 10 s") && t.contains("Least AF-like 10 s"), qPrintable(t));
        QVERIFY2(t.contains(QStringLiteral("Run %1").arg(runId_)), qPrintable(t));
    }

    void badInputIsNamed() {
        const QString garbage = dir_.filePath("garbage.edf");
        std::ofstream(garbage.toStdString()) << "not an EDF file at all";
        Result r = runDacl({"assess", "--db", db_, "--input", garbage}, kTimeoutS);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(garbage), qPrintable(r.err));
        r = runDacl({"assess", "--db", db_, "--input", dir_.filePath("missing.hea")}, kTimeoutS);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("missing"), qPrintable(r.err));
        r = runDacl({"assess", "--db", db_, "--run", "999", "--input", physionet("A00001")}, kTimeoutS);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("999"), qPrintable(r.err));
        if (!reportBuilt()) return;
        r = runDacl({"report", "--db", db_, "--input", garbage, "--output", dir_.filePath("g.pdf")}, kTimeoutS);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(garbage), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir_.filePath("g.pdf")));
        r = runDacl({"report", "--db", db_, "--input", physionet("A00001"), "--output", dir_.filePath("no-such-dir/p.pdf")}, kTimeoutS);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no-such-dir/p.pdf"), qPrintable(r.err));
    }

    void benchAssessReportsWallTimeAndMemory() {
        const Result r = runDacl({"bench", "assess", "--db", db_, "--input", physionet("A00001"), "--json"}, kTimeoutS);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = dacl::testcli::lastJsonLine(r.out);
        QVERIFY(j.value("wall_s").toDouble() > 0);
        QVERIFY(j.value("peak_rss_mb").toDouble() > 10);
        QCOMPARE(j.value("leads").toInt(), 1);
        QVERIFY(j.value("stages_s").toObject().contains("scoring"));
    }
};

QTEST_MAIN(TestCliAssess)
#include "test_cli_assess.moc"
