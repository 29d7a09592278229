// The single-recording assessment on real files and a real (tiny) run: a PhysioNet
// record and a two-lead EDF+ file written with EDFlib give per-lead and combined p(AF) equal to
// the run's model, rhythm figures from the record's beats (AF irregular, normal regular), the
// run's threshold, warnings for a 200-Hz file, a 5-s file and a lead the run never saw, and
// clear errors for a bad file, a missing run and a cancelled job.
#include "core/common/error.h"
#include "core/data/record_file.h"
#include "core/dsp/resample.h"
#include "core/assess/assessment.h"
#include "core/assess/assessment_warnings.h"
#include "core/pipeline/run_model.h"
#include "core/store/results_store.h"
#include "tools/make_24h_edf.h"
#include "common/tiny_run.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <thread>

using namespace dacl;

namespace {

std::string physionet(const char* record) { return std::string(DACL_SHARED_DIR "/data/physionet2017/") + record + ".hea"; }

bool hasWarning(const assess::Assessment& a, const QString& part) {
    for (const auto& w : a.warnings)
        if (QString::fromStdString(w).contains(part)) return true;
    return false;
}

QString warnings(const assess::Assessment& a) {
    QStringList l;
    for (const auto& w : a.warnings) l << QString::fromStdString(w);
    return l.join(QStringLiteral(" | "));
}

// Writes samples [from, from + n) of lead 0 of `rec` as a CSV at `fs` (resampled when it differs).
void writeCsv(const std::string& path, const Recording& rec, double fs, std::size_t n) {
    std::vector<double> x(rec.channels[0].begin(), rec.channels[0].begin() + static_cast<long>(std::min(n, rec.nSamples())));
    if (fs != rec.fs) x = dsp::resample(x, rec.fs, fs);
    std::ofstream out(path);
    out << "# fs=" << fs << "\nII\n";
    for (double v : x) out << v << "\n";
}

class CancelAtScoring final : public ProgressSink {
public:
    void report(const std::string& stage, std::size_t, std::size_t) override {
        if (stage.rfind("scoring", 0) == 0) cancel_ = true;
    }
    bool cancelled() const override { return cancel_; }

private:
    bool cancel_ = false;
};

}  // namespace

class TestAssessment : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    testing::TinyRun run_;

    assess::AssessOptions options(long long runId = -1) const {
        assess::AssessOptions o;
        o.resultsFile = run_.dbPath.toStdString();
        o.runId = runId < 0 ? run_.runId : runId;
        return o;
    }
    std::string path(const char* name) const { return dir_.filePath(QString::fromLatin1(name)).toStdString(); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        run_ = testing::makeTinyRun(dir_.path());
        QVERIFY(run_.runId > 0);
    }

    void physionetRecordMatchesTheRunsModel() {
        const std::string file = physionet("A00004");
        const assess::Assessment a = assess::assessRecording(file, options(), nullptr);
        QCOMPARE(a.recordName, std::string("A00004"));
        QCOMPARE(a.format, std::string("MAT"));
        QCOMPARE(a.leads.size(), std::size_t(1));
        QCOMPARE(a.modelFsHz, 300.0);
        const Recording rec = readRecordFile(file);
        QCOMPARE(a.durationS, rec.durationS());
        // The same number the run's model gives the record (one implementation, lifted from predict).
        const ml::RunModel model = ml::RunModel::load(run_.dbPath.toStdString(), run_.runId);
        const ml::RecordPrediction p = model.predict(rec, 0);
        QCOMPARE(a.leads[0].pAf, p.score);
        QCOMPARE(a.combinedPAf, p.score);
        QVERIFY(a.leads[0].pAf >= 0 && a.leads[0].pAf <= 1);
        QCOMPARE(a.leads[0].spans.size(), p.spans.size());
        QVERIFY(!a.leads[0].spans.empty());
        QVERIFY(std::fabs(a.leads[0].spans.back().endS - a.durationS) < 0.01);
        // The run's validation threshold and the cross-validated sensitivity/specificity.
        QCOMPARE(a.threshold, model.threshold());
        store::ResultsStore db(run_.dbPath.toStdString());
        const auto sensitivity = db.finalMetric(run_.runId, "sensitivity"), specificity = db.finalMetric(run_.runId, "specificity");
        QVERIFY(sensitivity && specificity);
        QCOMPARE(a.sensitivity, sensitivity->mean);
        QCOMPARE(a.specificity, specificity->mean);
        QVERIFY(a.thresholdHow.find("validation") != std::string::npos);
        QCOMPARE(a.positive, a.combinedPAf >= a.threshold);
        QCOMPARE(a.run.runId, static_cast<long long>(run_.runId));
        QCOMPARE(a.run.chosenHow, "run " + std::to_string(run_.runId) + " as asked");
        QCOMPARE(a.run.settingsDigest.size(), std::size_t(16));
        QVERIFY(!a.run.createdAt.empty() && !a.run.version.empty());
        // Header fields in file order: the record line first.
        QVERIFY(!a.headerFields.empty());
        QCOMPARE(a.headerFields.front(), std::make_pair(std::string("Record"), std::string("A00004")));
        bool rate = false, time = false;
        for (const auto& [k, v] : a.headerFields) {
            rate |= k == "Sampling rate" && v == "300 Hz";
            time |= k == "Start time" && v == "11:05:48";
        }
        QVERIFY(rate);
        QVERIFY2(time, "A00004.hea gives a start time");
        // 300 Hz, 30 s, lead 'ECG' as in training: nothing to warn about but (maybe) quality.
        QVERIFY2(!hasWarning(a, "resampled") && !hasWarning(a, "shorter") && !hasWarning(a, "not seen"), qPrintable(warnings(a)));
    }

    void bestRunIsChosenWhenNoneIsNamed() {
        const assess::Assessment a = assess::assessRecording(physionet("A00001"), options(0), nullptr);
        QCOMPARE(a.run.runId, static_cast<long long>(run_.runId));
        QVERIFY2(a.run.chosenHow.find("best finished run of task af_vs_rest") != std::string::npos, a.run.chosenHow.c_str());
        assess::AssessOptions other = options(0);
        other.task = "normal_vs_abnormal";
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, assess::assessRecording(physionet("A00001"), other, nullptr));
    }

    void rhythmFiguresFollowTheBeats() {
        // Real PhysioNet records: AF (class A in REFERENCE.csv) is irregular, sinus rhythm (class N,
        // records without ectopic beats) is not: every AF record's RMSSD exceeds every normal one's,
        // and only the normal records have a P wave before their beats.
        const std::vector<const char*> af = {"A00004", "A00005", "A00009", "A00015"}, normal = {"A00001", "A00006", "A00007", "A00010"};
        double minAf = 1e9, maxNormal = 0;
        std::vector<double> afP, normalP;
        std::vector<const char*> records = af;
        records.insert(records.end(), normal.begin(), normal.end());
        for (const char* r : records) {
            const assess::Assessment a = assess::assessRecording(physionet(r), options(), nullptr);
            const assess::RhythmFigures& h = a.rhythm;
            QCOMPARE(h.lead, std::string("ECG"));
            QVERIFY2(h.heartRateBpm > 40 && h.heartRateBpm < 200, r);
            // Beats match the rate over the record within 25 %.
            const double expected = h.heartRateBpm / 60 * a.durationS;
            QVERIFY2(std::fabs(h.beats - expected) < 0.25 * expected, r);
            QCOMPARE(h.rPeakS.size(), static_cast<std::size_t>(h.beats));
            QCOMPARE(h.rrS.size(), h.rPeakS.size() - 1);
            for (std::size_t i = 0; i < h.rrS.size(); ++i) QCOMPARE(h.rrS[i], h.rPeakS[i + 1] - h.rPeakS[i]);
            QVERIFY(h.pnn50 >= 0 && h.pnn50 <= 1);
            QVERIFY(std::isfinite(h.sampleEntropy));
            QVERIFY2(h.pWaveCoherence > -1 && h.pWaveCoherence <= 1, r);
            if (std::find(af.begin(), af.end(), r) != af.end()) {
                minAf = std::min(minAf, h.rmssdMs);
                afP.push_back(h.pWaveCoherence);
            } else {
                maxNormal = std::max(maxNormal, h.rmssdMs);
                normalP.push_back(h.pWaveCoherence);
            }
        }
        QVERIFY2(minAf > maxNormal, qPrintable(QStringLiteral("AF RMSSD min %1 ms, normal max %2 ms").arg(minAf).arg(maxNormal)));
        // P waves: present before the normal records' beats, absent in AF (the mean of each group).
        const auto mean = [](const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / double(v.size()); };
        QVERIFY2(mean(normalP) > 0.3 && mean(afP) < mean(normalP) - 0.2,
                 qPrintable(QStringLiteral("P-wave coherence: normal %1, AF %2").arg(mean(normalP)).arg(mean(afP))));
    }

    void pooledRunsGiveTheSameRhythmFigures() {
        // A version-1 run keeps no R peaks of its own: the rhythm figures come from the same
        // detector on the lead prepared the same way, so they equal the sequence run's.
        QTemporaryDir pooledDir;
        QVERIFY(pooledDir.isValid());
        const testing::TinyRun pooled = testing::makeTinyRun(pooledDir.path(), 12, "af_vs_rest", {"repr=pooled"});
        assess::AssessOptions o;
        o.resultsFile = pooled.dbPath.toStdString();
        o.runId = pooled.runId;
        for (const char* r : {"A00004", "A00001"}) {
            const assess::RhythmFigures p = assess::assessRecording(physionet(r), o, nullptr).rhythm;
            const assess::RhythmFigures s = assess::assessRecording(physionet(r), options(), nullptr).rhythm;
            QCOMPARE(p.beats, s.beats);
            QCOMPARE(p.heartRateBpm, s.heartRateBpm);
            QVERIFY2(std::isfinite(p.pWaveCoherence), r);
            QCOMPARE(p.pWaveCoherence, s.pWaveCoherence);
        }
    }

    void twoLeadEdfGivesPerLeadAndCombined() {
        // Lead I and lead II of an EDF+ file (EDFlib), with an EEG signal at another rate that
        // is not an ECG lead and must not be scored.
        const Recording af = readRecordFile(physionet("A00004"));
        std::vector<tools::EdfLead> leads(3);
        leads[0].label = "ECG I";
        leads[1].label = "EEG Fpz-Cz";
        leads[1].fs = 100;
        leads[2].label = "ECG II";
        for (double v : af.channels[0]) {
            leads[0].physical.push_back(1000 * v);  // mV -> uV
            leads[2].physical.push_back(-700 * v);  // another projection of the same heart
        }
        for (std::size_t i = 0; i < af.nSamples() / 3; ++i) leads[1].physical.push_back(20 * std::sin(0.6 * static_cast<double>(i)));
        const std::string file = path("two_leads.edf");
        tools::writeEdfPlus(file, leads, "MCH-0234567 F 02-MAY-1951 Test_Patient", "Holter_3");
        const assess::Assessment a = assess::assessRecording(file, options(), nullptr);
        QCOMPARE(a.format, std::string("EDF+"));
        QCOMPARE(a.leads.size(), std::size_t(2));
        QCOMPARE(a.leads[0].name, std::string("ECG I"));
        QCOMPARE(a.leads[0].index, 0);
        QCOMPARE(a.leads[1].name, std::string("ECG II"));
        QCOMPARE(a.leads[1].index, 2);
        QCOMPARE(a.combinedPAf, (a.leads[0].pAf + a.leads[1].pAf) / 2);
        QVERIFY2(a.combinedRule.find("mean") != std::string::npos, a.combinedRule.c_str());
        for (const auto& l : a.leads) {
            QCOMPARE(l.fileFsHz, 300.0);
            QVERIFY(!l.spans.empty());
            QVERIFY(l.pAf >= 0 && l.pAf <= 1);
        }
        bool patient = false;
        for (const auto& [k, v] : a.headerFields) patient |= k == "Patient" && v.find("MCH-0234567") != std::string::npos;
        QVERIFY(patient);
        // Trained on PhysioNet-style 'ECG' (a single lead taken as lead I): lead II is new to the run.
        QVERIFY(a.leads[0].seenInTraining);
        QVERIFY(!a.leads[1].seenInTraining);
        QVERIFY2(hasWarning(a, "lead 'ECG II' was not seen in training"), qPrintable(warnings(a)));
        QVERIFY2(!hasWarning(a, "lead 'ECG I' was"), qPrintable(warnings(a)));
        // --lead picks one by label.
        assess::AssessOptions one = options();
        one.lead = "II";
        const assess::Assessment b = assess::assessRecording(file, one, nullptr);
        QCOMPARE(b.leads.size(), std::size_t(1));
        QCOMPARE(b.leads[0].pAf, a.leads[1].pAf);
        QCOMPARE(b.combinedPAf, b.leads[0].pAf);
    }

    void warnsOfResamplingAndShortRecords() {
        const Recording rec = readRecordFile(physionet("A00001"));
        writeCsv(path("at200.csv"), rec, 200, rec.nSamples());
        const assess::Assessment slow = assess::assessRecording(path("at200.csv"), options(), nullptr);
        QCOMPARE(slow.format, std::string("CSV"));
        QCOMPARE(slow.leads.front().fileFsHz, 200.0);
        QVERIFY2(hasWarning(slow, "resampled from 200 Hz to 300 Hz"), qPrintable(warnings(slow)));
        QVERIFY2(!hasWarning(slow, "shorter"), qPrintable(warnings(slow)));

        writeCsv(path("five.csv"), rec, 300, 1500);
        const assess::Assessment shortOne = assess::assessRecording(path("five.csv"), options(), nullptr);
        QCOMPARE(shortOne.durationS, 5.0);
        QVERIFY2(hasWarning(shortOne, "record (5.0 s) is shorter than the model's span (10.0 s)"), qPrintable(warnings(shortOne)));
        QVERIFY2(!hasWarning(shortOne, "resampled"), qPrintable(warnings(shortOne)));
        QVERIFY(std::isfinite(shortOne.combinedPAf));
    }

    void leadClassesAreJudgedByName() {
        QCOMPARE(assess::leadClass("ECG II"), std::string("II"));
        QCOMPARE(assess::leadClass("Lead V1"), std::string("V1"));
        QCOMPARE(assess::leadClass("MLII"), std::string("II"));
        QCOMPARE(assess::leadClass("ECG"), std::string());
        QVERIFY(assess::leadSeenInTraining("V5", "V5"));
        QVERIFY(!assess::leadSeenInTraining("V1", "ECG II"));
        QVERIFY(assess::leadSeenInTraining("ECG1", "II"));  // a label naming no lead cannot be judged
        QVERIFY(assess::leadSeenInTraining("V1", ""));      // nor an unknown training lead
    }

    void badInputNamesTheFile() {
        const std::string garbage = path("garbage.edf");
        std::ofstream(garbage) << "this is not an EDF file";
        try {
            assess::assessRecording(garbage, options(), nullptr);
            QFAIL("a garbage EDF file was assessed");
        } catch (const InputError& e) {
            QVERIFY2(std::string(e.what()).find(garbage) != std::string::npos, e.what());
        }
        const std::string missing = path("nowhere.hea");
        try {
            assess::assessRecording(missing, options(), nullptr);
            QFAIL("a missing file was assessed");
        } catch (const InputError& e) {
            QVERIFY2(std::string(e.what()).find("nowhere") != std::string::npos, e.what());
        }
        try {
            assess::assessRecording(physionet("A00001"), options(999), nullptr);
            QFAIL("run 999 does not exist");
        } catch (const InputError&) {
            QFAIL("a missing run is not the file's fault");
        } catch (const std::runtime_error& e) {
            QVERIFY2(std::string(e.what()).find("999") != std::string::npos, e.what());
        }
        assess::AssessOptions badLead = options();
        badLead.lead = "V6";
        QVERIFY_THROWS_EXCEPTION(InputError, assess::assessRecording(physionet("A00001"), badLead, nullptr));
    }

    void runsOnAWorkerThreadAndCancels() {
        CancelAtScoring cancel;
        bool cancelled = false;
        std::thread worker([&] {
            try {
                assess::assessRecording(physionet("A00001"), options(), &cancel);
            } catch (const Cancelled&) {
                cancelled = true;
            }
        });
        worker.join();
        QVERIFY(cancelled);
    }
};

QTEST_APPLESS_MAIN(TestAssessment)
#include "test_assessment.moc"
