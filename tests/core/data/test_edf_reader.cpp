// EDF, EDF+ (C and D) and BDF files written by the test (edf_test_files.h) and read through EDFlib:
// physical values, labels, units, transducer/prefilter, per-signal rates, annotations, EDF+D
// time segments, the default ECG lead; and every kind of bad file refused with the file and reason.
#include "core/common/error.h"
#include "core/data/dataset.h"
#include "core/data/edf_reader.h"
#include "core/data/edf_test_files.h"
#include "core/data/lead_choice.h"
#include "core/data/record_file.h"
#include "core/data/test_files.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace dacl;
using namespace dacl::testfiles;

namespace {

QString write(const QTemporaryDir& tmp, const QString& name, const QByteArray& bytes) {
    const QString p = tmp.filePath(name);
    writeText(p, bytes);
    return p;
}

// The error text of reading `path`, or "" when it was read.
QString readError(const QString& path) {
    try {
        readEdf(path.toStdString());
    } catch (const InputError& e) {
        if (QString::fromStdString(e.file()) != path) return "wrong file in error: " + QString::fromStdString(e.what());
        return QString::fromStdString(e.reason());
    }
    return {};
}

}  // namespace

class TestEdfReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsEdfPlusWithMixedRatesAndAnnotations() {
        QTemporaryDir tmp;
        const EdfSpec spec = sleepLabFile();
        const QString p = write(tmp, "night.edf", edfBytes(spec));
        const Recording rec = readEdf(p.toStdString());
        QCOMPARE(rec.name, std::string("night"));
        QCOMPARE(rec.channels.size(), std::size_t(3));  // the annotation signal is not a channel
        QCOMPARE(rec.labels, (std::vector<std::string>{"EEG Fpz-Cz", "ECG II", "Resp chest"}));
        QCOMPARE(rec.units, (std::vector<std::string>{"uV", "uV", "mV"}));
        QCOMPARE(rec.fsOf(0), 100.0);
        QCOMPARE(rec.fsOf(1), 250.0);
        QCOMPARE(rec.fsOf(2), 25.0);
        QCOMPARE(rec.fs, 250.0);  // the default lead's rate
        QCOMPARE(defaultLead(rec), std::size_t(1));
        QCOMPARE(chooseLead(rec, -1), std::size_t(1));  // data.lead < 0: the default ECG lead
        QCOMPARE(chooseLead(rec, 2), std::size_t(2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, chooseLead(rec, 3));
        const Recording eeg = singleChannel(rec, 0);
        QCOMPARE(eeg.fs, 100.0);
        QCOMPARE(eeg.channels.size(), std::size_t(1));
        QCOMPARE(eeg.labels[0], std::string("EEG Fpz-Cz"));
        for (std::size_t c = 0; c < 3; ++c) {
            const EdfSignal& s = spec.channels[c];
            QCOMPARE(rec.channels[c].size(), s.physical.size());
            const double step = (s.physMax - s.physMin) / (s.digMax - s.digMin);
            for (std::size_t i = 0; i < s.physical.size(); ++i)
                QVERIFY2(std::abs(rec.channels[c][i] - s.physical[i]) <= step, qPrintable(QString("signal %1 sample %2").arg(c).arg(i)));
        }
        QCOMPARE(rec.durationS(), 10.0);
        QCOMPARE(rec.events.size(), std::size_t(2));
        QCOMPARE(rec.events[0].text, std::string("(AFIB"));
        QCOMPARE(rec.events[0].onsetS, 0.5);
        QCOMPARE(rec.events[0].durationS, 2.25);
        QCOMPARE(rec.events[1].text, std::string("Arousal"));
        QCOMPARE(rec.events[1].onsetS, 3.0);
        QVERIFY(rec.events[1].durationS < 0);

        const RecordHeader h = readEdfHeader(p.toStdString());
        QCOMPARE(h.format, std::string("edf+c"));
        QCOMPARE(h.nSignals, 3);
        QCOMPARE(h.fs, 250.0);
        QCOMPARE(h.nSamples, 2500L);
        QCOMPARE(h.signalSpecs()[1].transducer, std::string("AgCl electrode"));
        QCOMPARE(h.signalSpecs()[1].prefilter, std::string("HP:0.05Hz LP:150Hz"));
        QCOMPARE(h.signalSpecs()[0].fs, 100.0);
        QCOMPARE(h.baseDate, std::string("05/12/2026"));
        QCOMPARE(h.baseTime, std::string("10:20:30"));
        QVERIFY2(h.patient.find("MCH-0234567") != std::string::npos, h.patient.c_str());
        QVERIFY2(h.patient.find("Haagse Harry") != std::string::npos || h.patient.find("Haagse_Harry") != std::string::npos,
                 h.patient.c_str());
        QVERIFY2(h.recording.find("Holter") != std::string::npos, h.recording.c_str());
        // The dataset path reads the same samples through the header.
        const Recording again = readRecording(h);
        QCOMPARE(again.channels, rec.channels);
    }

    void readsPlainEdfAndBdf() {
        QTemporaryDir tmp;
        for (const bool bdf : {false, true}) {
            EdfSpec spec;
            spec.bdf = bdf;
            spec.records = 4;
            EdfSignal a = edfSignal("I", "mV", -8, 8, "", "");
            EdfSignal b = edfSignal("V2", "mV", -8, 8, "", "");
            if (bdf) a.digMin = b.digMin = -8388608, a.digMax = b.digMax = 8388607;
            a.samplesPerRecord = b.samplesPerRecord = 360;
            a.physical = sine(1440, 360, 1.0, 2.5);
            b.physical = sine(1440, 360, 3.0, -1.25);
            spec.channels = {a, b};
            const QString p = write(tmp, bdf ? "r.bdf" : "r.edf", edfBytes(spec));
            const Recording rec = readRecordFile(p.toStdString());
            QVERIFY(rec.channelFs.empty());  // one rate
            QCOMPARE(rec.fs, 360.0);
            QCOMPARE(rec.nSamples(), std::size_t(1440));
            const double step = 16.0 / (a.digMax - a.digMin);
            for (std::size_t i = 0; i < 1440; ++i) {
                QVERIFY(std::abs(rec.channels[0][i] - a.physical[i]) <= step);
                QVERIFY(std::abs(rec.channels[1][i] - b.physical[i]) <= step);
            }
            QCOMPARE(readEdfHeader(p.toStdString()).format, std::string(bdf ? "bdf" : "edf"));
            QCOMPARE(defaultLead(rec), std::size_t(0));  // I before V2
        }
    }

    // EDF+D: records at 0, 1 and 5 s: two stretches, and sample times follow the recording clock.
    void discontinuousFileKeepsItsClock() {
        QTemporaryDir tmp;
        EdfSpec spec = oneLeadEdf("EDF+D", 200, {0, 1, 5});
        spec.channels[1].recordTals = {"", "", edfTal(5.5, 0.25, "Noise")};
        const EdfSignal& ecg = spec.channels[0];
        const QString p = write(tmp, "gappy.edf", edfBytes(spec));
        QCOMPARE(readError(p), QString());
        const Recording rec = readEdf(p.toStdString());
        try {
            QCOMPARE(readEdfHeader(p.toStdString()).format, std::string("edf+d"));
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
        QCOMPARE(rec.nSamples(), std::size_t(600));
        QCOMPARE(rec.segments.size(), std::size_t(2));
        QCOMPARE(rec.segments[0].startS, 0.0);
        QCOMPARE(rec.segments[0].durationS, 2.0);
        QCOMPARE(rec.segments[1].startS, 5.0);
        QCOMPARE(sampleTimeS(rec, 0, 100), 0.5);
        QCOMPARE(sampleTimeS(rec, 0, 450), 5.25);  // third record, 50 samples in
        QCOMPARE(rec.events.size(), std::size_t(1));
        QCOMPARE(rec.events[0].text, std::string("Noise"));
        QCOMPARE(rec.events[0].onsetS, 5.5);
        QCOMPARE(rec.events[0].durationS, 0.25);
        const double step = 10.0 / 65535;
        for (std::size_t i = 0; i < 600; ++i) QVERIFY(std::abs(rec.channels[0][i] - ecg.physical[i]) <= step);
        // The header alone (a dataset opening the file) needs no copy of the samples.
        try {
            QCOMPARE(Dataset::open(p.toStdString()).records()[0].nSamples, 600L);
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
    }

    void datasetOpensOneFileAndMixedFolders() {
        QTemporaryDir tmp;
        const QString p = write(tmp, "night.edf", edfBytes(sleepLabFile()));
        const Dataset one = Dataset::open(p.toStdString());
        QVERIFY(one.isSingleFile());
        QCOMPARE(one.size(), std::size_t(1));
        QCOMPARE(one.records()[0].name, std::string("night"));
        QCOMPARE(one.records()[0].fs, 250.0);
        QCOMPARE(one.records()[0].durationS, 10.0);
        QCOMPARE(one.signal(0)->channels.size(), std::size_t(3));

        // A folder with a WFDB/MAT record, an EDF file and a CSV file, and a bad EDF file.
        QDir(tmp.path()).mkdir("mixed");
        const QString d = tmp.filePath("mixed");
        writeMatRecord(d, "A01", 3000);
        writeText(d + "/B02.edf", edfBytes(sleepLabFile(3)));
        writeText(d + "/C03.csv", "# fs=250\nII,V1\n0.1,0.2\n0.3,0.4\n0.5,0.6\n");
        QByteArray bad = edfBytes(sleepLabFile(3));
        bad.chop(100);
        writeText(d + "/D04.edf", bad);
        const Dataset ds = Dataset::open(d.toStdString());
        QCOMPARE(ds.size(), std::size_t(3));
        QCOMPARE(ds.records()[0].name, std::string("A01"));
        QCOMPARE(ds.records()[1].name, std::string("B02"));
        QCOMPARE(ds.records()[2].name, std::string("C03"));
        QCOMPARE(ds.header(1).format, std::string("edf+c"));
        QCOMPARE(ds.signal(2)->nSamples(), std::size_t(3));
        QCOMPARE(ds.skipped().size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(ds.skipped()[0].file), d + "/D04.edf");
        QVERIFY(QString::fromStdString(ds.skipped()[0].reason).contains("truncated"));
    }

    // Each bad file: refused with the file and a reason a user can act on.
    void badFilesNameFileAndReason() {
        QTemporaryDir tmp;
        struct Case {
            const char* name;
            const char* reason;
            QByteArray bytes;
        };
        std::vector<Case> cases;
        {
            EdfSpec s = sleepLabFile(2);
            s.headerBytesOverride = 1024;
            cases.push_back({"header_size.edf", "header size field says 1024 bytes", edfBytes(s)});
        }
        {
            QByteArray b = edfBytes(sleepLabFile(2));
            b.chop(7);
            cases.push_back({"truncated.edf", "1 whole data record(s) and an incomplete one", b});
        }
        {
            QByteArray b = edfBytes(sleepLabFile(2));
            b.append(QByteArray(10, '\0'));
            cases.push_back({"longer.edf", "more than the", b});
        }
        {
            EdfSpec s = sleepLabFile(2);
            s.channels[1].digMin = s.channels[1].digMax = 100;
            cases.push_back({"digital.edf", "signal 2 ('ECG II'): digital minimum equals digital maximum", edfBytes(s)});
        }
        {
            EdfSpec s = sleepLabFile(2);
            s.channels[2].physMin = s.channels[2].physMax = 5;
            cases.push_back({"physical.edf", "signal 3 ('Resp chest'): physical minimum equals physical maximum", edfBytes(s)});
        }
        {
            EdfSpec s = sleepLabFile(2);
            s.durationText = "0";
            cases.push_back({"zero_duration.edf", "data record duration is 0 s", edfBytes(s)});
        }
        {
            EdfSpec s = sleepLabFile(2);
            s.durationText = "-1";
            cases.push_back({"negative_duration.edf", "data record duration is -1 s", edfBytes(s)});
        }
        {
            EdfSpec s = sleepLabFile(2);
            s.patient = "MCH-0234567 F 02-MAY-1951 J\xC3\xBCrgen";
            cases.push_back({"non_ascii.edf", "'patient identification' holds a non-ASCII byte 0xC3", edfBytes(s)});
        }
        {
            EdfSpec s;
            s.reserved = "EDF+C";
            s.records = 2;
            EdfSignal ann;
            ann.annotations = true;
            ann.samplesPerRecord = 30;
            s.channels = {ann};
            cases.push_back({"annotations_only.edf", "holds only annotations", edfBytes(s)});
        }
        cases.push_back({"tiny.edf", "shorter than the 256-byte EDF header", QByteArray("0       short")});
        cases.push_back({"not_edf.edf", "not an EDF or BDF file", QByteArray(300, 'x')});
        for (const Case& c : cases) {
            const QString p = write(tmp, c.name, c.bytes);
            const QString why = readError(p);
            QVERIFY2(why.contains(c.reason), qPrintable(QString("%1: got '%2'").arg(c.name, why)));
            // Opening as a dataset gives the same reason, not a crash or "no records".
            try {
                Dataset::open(p.toStdString());
                QFAIL(c.name);
            } catch (const InputError& e) {
                QVERIFY2(QString::fromStdString(e.what()).contains(c.reason), e.what());
            }
        }
    }

    void leadChoicePrefersEcgAndFindsNames() {
        QCOMPARE(defaultLeadIndex({"EEG C3-A2", "EOG left", "EKG", "SpO2"}), std::size_t(2));
        QCOMPARE(defaultLeadIndex({"V1", "I", "II", "III"}), std::size_t(2));
        QCOMPARE(defaultLeadIndex({"EDF Annotations", "Resp", "Pleth", "MLII", "V5"}), std::size_t(3));
        QCOMPARE(defaultLeadIndex({"EEG Fpz-Cz", "chan 7"}), std::size_t(1));  // not known as non-ECG
        QCOMPARE(defaultLeadIndex({"", ""}), std::size_t(0));
        QCOMPARE(defaultLeadIndex({}), std::size_t(0));
        QVERIFY(isEcgLabel("ECG Lead-II"));
        QVERIFY(isEcgLabel("v6"));
        QVERIFY(!isEcgLabel("SaO2"));
        QVERIFY(!isEcgLabel("EEG O2-A1"));
        const std::vector<std::string> labels = {"EEG Fpz-Cz", "ECG II", "Resp chest", "ECG"};
        QCOMPARE(findLead(labels, "ii").value(), std::size_t(1));
        QCOMPARE(findLead(labels, "Lead II").value(), std::size_t(1));
        QCOMPARE(findLead(labels, "ECG").value(), std::size_t(3));  // an exact label wins
        QVERIFY(!findLead(labels, "V1"));
        QCOMPARE(resolveLead(labels, "2"), std::size_t(2));
        QCOMPARE(resolveLead(labels, "resp chest"), std::size_t(2));
        QCOMPARE(ecgLeadIndices(labels), (std::vector<std::size_t>{1, 3}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, resolveLead(labels, "7"));
        try {
            resolveLead(labels, "V1");
            QFAIL("V1 found");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("1 'ECG II'") != std::string::npos, e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestEdfReader)
#include "test_edf_reader.moc"
