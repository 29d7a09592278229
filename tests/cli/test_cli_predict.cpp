// `dacl predict` applies a real (tiny) run's final model to folders and single records, at any
// sampling rate and for every lead, writes the window CSV and the per-record summary, and skips a
// broken record with its file and reason while scoring the rest.
#include "core/data/signal_reader.h"
#include "core/data/wfdb_header.h"
#include "core/dsp/resample.h"
#include "core/store/results_store.h"
#include "core/synth/demo_dataset.h"
#include "run_dacl.h"
#include "common/tiny_run.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <map>

using namespace dacl;
using dacl::testcli::lastJsonLine;
using dacl::testcli::Result;
using dacl::testcli::runDacl;

namespace {

// Each call is a tiny pipeline or a prediction on a few records: minutes at most.
constexpr int kTimeoutS = 600;

// Spans of the probability over time (predict.span_s = 10 s, hop predict.hop_s = 5 s): starts
// 0, 5, 10, ... while the span fits, plus one ending at the record's end when the last regular
// one stops short; a record shorter than a span is one span.
int expectedWindows(double durationS) {
    if (durationS <= 10.0 + 1e-9) return 1;
    const int regular = static_cast<int>(std::floor((durationS - 10.0) / 5.0 + 1e-9)) + 1;
    return regular + ((regular - 1) * 5.0 + 10.0 < durationS - 1e-9 ? 1 : 0);
}

using Rows = std::vector<std::map<QString, QString>>;

Rows readCsv(const QString& path, QStringList* header = nullptr) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    if (lines.isEmpty()) return {};
    const QStringList cols = lines.front().split(',');
    if (header) *header = cols;
    Rows rows;
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList v = lines[i].split(',');
        std::map<QString, QString> row;
        for (int c = 0; c < cols.size() && c < v.size(); ++c) row[cols[c]] = v[c];
        rows.push_back(row);
    }
    return rows;
}

// Writes `channels` (mV) as a WFDB format-16 record at rate fs (1000 adu/mV).
void writeRecord(const QString& dir, const std::string& name, double fs, const std::vector<std::vector<double>>& channels) {
    std::vector<std::vector<int>> adu;
    for (const auto& c : channels) {
        std::vector<int> a;
        for (double v : c) a.push_back(static_cast<int>(std::lround(std::clamp(v * 1000.0, -32768.0, 32767.0))));
        adu.push_back(a);
    }
    writeDat(QDir(dir).filePath(QString::fromStdString(name + ".dat")).toStdString(), 16, adu);
    RecordHeader h;
    h.name = name;
    h.nSignals = static_cast<int>(channels.size());
    h.fs = fs;
    h.nSamples = static_cast<long>(channels.front().size());
    for (std::size_t k = 0; k < channels.size(); ++k) {
        SignalSpec s;
        s.file = name + ".dat";
        s.format = 16;
        s.gain = 1000;
        s.units = "mV";
        s.adcResolution = 16;
        s.description = "lead " + std::to_string(k);
        h.signalSpecs().push_back(s);
    }
    std::ofstream(QDir(dir).filePath(QString::fromStdString(name + ".hea")).toStdString()) << formatHeader(h);
}

}  // namespace

class TestCliPredict : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    QString data_, db_;
    qint64 runId_ = 0;
    double threshold_ = 0;

    Result predict(const QStringList& inputs, const QString& output, const QStringList& extra = {}) {
        QStringList args{"predict", "--db", db_, "--run", QString::number(runId_), "--output", output, "--threads", "2", "--input"};
        return runDacl(args + inputs + extra, kTimeoutS);
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        data_ = dir_.filePath("data");
        db_ = dir_.filePath("runs.db");
        NullProgress quiet;
        synth::writeDemoDataset(data_.toStdString(), 14, synth::kDefaultDemoSeed, quiet);
        QStringList args{"pipeline", "--data", data_, "--task", "af_vs_rest", "--folds", "1", "--db", db_, "--no-cache", "--json"};
        for (const auto& s : testing::tinyRunSettings()) args << "--set" << QString::fromStdString(s);
        const Result r = runDacl(args, kTimeoutS);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err.right(2000)));
        runId_ = lastJsonLine(r.out)["run_id"].toInteger();
        store::ResultsStore st(db_.toStdString());
        const auto t = st.finalMetric(runId_, "final_threshold");
        QVERIFY(t.has_value());
        threshold_ = t->mean;
    }

    void folderWithABrokenRecordIsScoredAndTheBrokenOneNamed() {
        // The demo folder plus one record whose header is garbage.
        const QString in = dir_.filePath("folder");
        QVERIFY(QDir().mkpath(in));
        for (const QString& f : QDir(data_).entryList(QDir::Files)) QVERIFY(QFile::copy(QDir(data_).filePath(f), QDir(in).filePath(f)));
        {
            QFile bad(QDir(in).filePath("BROKEN.hea"));
            QVERIFY(bad.open(QIODevice::WriteOnly));
            bad.write("BROKEN one 300 nine\n");
        }
        {
            QFile records(QDir(in).filePath("RECORDS"));
            QVERIFY(records.open(QIODevice::Append));
            records.write("BROKEN\n");
        }
        const QString out = dir_.filePath("folder.csv");
        const Result r = predict({in}, out);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err.right(2000)));
        QVERIFY2(r.err.contains("BROKEN.hea"), qPrintable(r.err.right(2000)));

        QStringList header, summaryHeader;
        const Rows windows = readCsv(out, &header);
        QCOMPARE(header, QStringList({"record", "lead", "start_s", "end_s", "p"}));
        const Rows summary = readCsv(dir_.filePath("folder.summary.csv"), &summaryHeader);
        QCOMPARE(summaryHeader, QStringList({"record", "lead", "duration_s", "windows", "p", "predicted", "predicted_class",
                                             "quality", "quality_reason"}));
        QCOMPARE(summary.size(), std::size_t{14});  // every demo record, not the broken one

        // Signal quality per lead: the demo's ECG-like records pass; a flagged one says why.
        int ok = 0;
        for (const auto& s : summary) {
            const QString q = s.at("quality");
            QVERIFY2(QStringList({"ok", "too_short", "flat", "noisy", "not_ecg"}).contains(q), qPrintable(q));
            QCOMPARE(s.at("quality_reason").isEmpty(), q == "ok");
            ok += q == "ok";
        }
        QVERIFY2(ok >= 10, qPrintable(QString::number(ok)));
        for (const auto& s : summary) {
            double sum = 0;
            int n = 0;
            for (const auto& w : windows)
                if (w.at("record") == s.at("record")) {
                    const double p = w.at("p").toDouble();
                    QVERIFY(p >= 0 && p <= 1);
                    QVERIFY(w.at("end_s").toDouble() > w.at("start_s").toDouble());
                    QVERIFY(w.at("end_s").toDouble() <= s.at("duration_s").toDouble() + 1e-3);
                    sum += p;
                    ++n;
                }
            QCOMPARE(n, expectedWindows(s.at("duration_s").toDouble()));
            QCOMPARE(s.at("windows").toInt(), n);
            // The record score is the pipeline's (spans of 30.72 s, fused with the RR booster); the
            // spans are the model alone over time: both probabilities.
            const double score = s.at("p").toDouble();
            QVERIFY2(score >= 0 && score <= 1 && std::isfinite(sum / n), qPrintable(s.at("record")));
            QCOMPARE(s.at("predicted").toInt(), score >= threshold_ ? 1 : 0);
            QCOMPARE(s.at("predicted_class"), score >= threshold_ ? QStringLiteral("A") : QStringLiteral("N/O/~"));
        }
    }

    void singleRecordsByHeaderAndByName() {
        const QString out = dir_.filePath("single.csv");
        const Result r = predict({QDir(data_).filePath("D00001.hea"), QDir(data_).filePath("D00002")}, out);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err.right(2000)));
        const Rows summary = readCsv(dir_.filePath("single.summary.csv"));
        QCOMPARE(summary.size(), std::size_t{2});
        QCOMPARE(summary[0].at("record"), QStringLiteral("D00001"));
        QCOMPARE(summary[1].at("record"), QStringLiteral("D00002"));
        QCOMPARE(static_cast<int>(readCsv(out).size()),
                 expectedWindows(summary[0].at("duration_s").toDouble()) + expectedWindows(summary[1].at("duration_s").toDouble()));
    }

    // A record at 500 Hz is resampled to the run's 300 Hz: same windows, (nearly) the same scores.
    void recordAt500HzMatchesTheOriginal() {
        const QString in = dir_.filePath("resampled");
        QVERIFY(QDir().mkpath(in));
        const Recording original = readRecording(parseHeader(QDir(data_).filePath("D00003.hea").toStdString()));
        writeRecord(in, "R500", 500, {dsp::resample(original.channels[0], original.fs, 500)});
        const Result r = predict({QDir(in).filePath("R500"), QDir(data_).filePath("D00003")}, dir_.filePath("r500.csv"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err.right(2000)));
        const Rows w = readCsv(dir_.filePath("r500.csv"));
        const int n = expectedWindows(original.durationS());
        QCOMPARE(w.size(), static_cast<std::size_t>(2 * n));
        for (int k = 0; k < n; ++k) {
            QCOMPARE(w[k].at("record"), QStringLiteral("R500"));
            QCOMPARE(w[k].at("start_s"), w[k + n].at("start_s"));
            // Resampling moves R peaks by a sample or two, and the rhythm channels follow the beats
            // of each 10-s span: spans agree a little less closely than whole records.
            QVERIFY2(std::abs(w[k].at("p").toDouble() - w[k + n].at("p").toDouble()) < 0.06,
                     qPrintable(w[k].at("p") + " vs " + w[k + n].at("p")));
        }
        const Rows s = readCsv(dir_.filePath("r500.summary.csv"));
        QVERIFY(std::abs(s[0].at("duration_s").toDouble() - original.durationS()) < 0.01);
    }

    // Every lead of a 2-lead record unless --lead; a lead the record lacks is a clear error.
    void twoLeadRecord() {
        const QString in = dir_.filePath("twolead");
        QVERIFY(QDir().mkpath(in));
        const Recording a = readRecording(parseHeader(QDir(data_).filePath("D00004.hea").toStdString()));
        const Recording b = readRecording(parseHeader(QDir(data_).filePath("D00005.hea").toStdString()));
        // Leads of a record have one length: the demo records' differ slightly, so cut both.
        const std::size_t n = std::min(a.nSamples(), b.nSamples());
        const std::vector<double> leadA(a.channels[0].begin(), a.channels[0].begin() + static_cast<long>(n));
        const std::vector<double> leadB(b.channels[0].begin(), b.channels[0].begin() + static_cast<long>(n));
        writeRecord(in, "TWO", 300, {leadA, leadB});
        writeRecord(in, "A_CUT", 300, {leadA});
        writeRecord(in, "B_CUT", 300, {leadB});

        const QString out = dir_.filePath("two.csv");
        Result r = predict({QDir(in).filePath("TWO"), QDir(in).filePath("A_CUT"), QDir(in).filePath("B_CUT")}, out);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err.right(2000)));
        const Rows s = readCsv(dir_.filePath("two.summary.csv"));
        QCOMPARE(s.size(), std::size_t{5});
        QCOMPARE(s[0].at("lead"), QStringLiteral("0"));
        QCOMPARE(s[1].at("lead"), QStringLiteral("1"));
        // A record with two leads gets a combined row: the mean of its leads' scores.
        QCOMPARE(s[2].at("lead"), QStringLiteral("combined"));
        QVERIFY(std::abs(s[2].at("p").toDouble() - 0.5 * (s[0].at("p").toDouble() + s[1].at("p").toDouble())) < 1e-6);
        // Lead 0 holds A_CUT's samples and lead 1 B_CUT's (same adu): the same scores.
        QCOMPARE(s[0].at("p"), s[3].at("p"));
        QCOMPARE(s[1].at("p"), s[4].at("p"));

        r = predict({QDir(in).filePath("TWO")}, out, {"--lead", "1"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err.right(2000)));
        const Rows only = readCsv(dir_.filePath("two.summary.csv"));
        QCOMPARE(only.size(), std::size_t{1});
        QCOMPARE(only[0].at("lead"), QStringLiteral("1"));
        // Another process: FFTW_MEASURE may pick other FFT algorithms, features then differ in the
        // last float digits (scores by ~1e-4), so not bit for bit.
        QVERIFY(std::abs(only[0].at("p").toDouble() - s[1].at("p").toDouble()) < 2e-3);

        r = predict({QDir(in).filePath("TWO")}, out, {"--lead", "2"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("TWO.hea") && r.err.contains("no lead 2"), qPrintable(r.err));
        QVERIFY2(r.err.contains("no record could be scored"), qPrintable(r.err));
    }

    void clearErrors() {
        Result r = runDacl({"predict", "--db", db_, "--run", "999", "--input", data_, "--output", dir_.filePath("x.csv")}, kTimeoutS);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no run 999"), qPrintable(r.err));
        r = predict({dir_.filePath("nowhere")}, dir_.filePath("x.csv"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("nowhere") && r.err.contains("no record could be scored"), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir_.filePath("x.csv")));
    }
};

QTEST_APPLESS_MAIN(TestCliPredict)
#include "test_cli_predict.moc"
