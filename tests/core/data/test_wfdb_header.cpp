// WFDB header parsing: every field of the record and signal lines, WFDB defaults, and an error
// that names file, line and field for each kind of malformed header.
#include "core/common/error.h"
#include "core/data/wfdb_header.h"
#include "core/data/test_files.h"

#include <QTemporaryDir>
#include <QtTest>

#include <clocale>

using namespace dacl;

class TestWfdbHeader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void physionet2017Header() {
        // A00001.hea as shipped; its initial value (-127) is the first sample here, but the
        // field is informative only (565 PhysioNet headers disagree with their data).
        const RecordHeader h = parseHeaderText("A00001 1 300 9000 05:05:15 1/05/2000 \n"
                                               "A00001.mat 16+24 1000/mV 16 0 -127 0 0 ECG \n",
                                               "A00001.hea");
        QCOMPARE(h.name, std::string("A00001"));
        QCOMPARE(h.nSignals, 1);
        QCOMPARE(h.fs, 300.0);
        QCOMPARE(h.nSamples, 9000L);
        QCOMPARE(h.baseTime, std::string("05:05:15"));
        QCOMPARE(h.baseDate, std::string("1/05/2000"));
        QCOMPARE(h.signalSpecs().size(), std::size_t(1));
        const SignalSpec& s = h.signalSpecs()[0];
        QCOMPARE(s.file, std::string("A00001.mat"));
        QCOMPARE(s.format, 16);
        QCOMPARE(s.byteOffset, 24L);
        QCOMPARE(s.gain, 1000.0);
        QCOMPARE(s.baseline, 0.0);
        QCOMPARE(s.units, std::string("mV"));
        QCOMPARE(s.adcResolution, 16);
        QCOMPARE(s.adcZero, 0);
        QCOMPARE(s.initialValue, -127);
        QCOMPARE(s.checksum, 0);
        QCOMPARE(s.blockSize, 0);
        QCOMPARE(s.description, std::string("ECG"));
        QCOMPARE(h.path, std::string("A00001.hea"));
    }

    void multiSignalHeaderWithCommentsAndBaseline() {
        const RecordHeader h = parseHeaderText("# leading comment\r\n"
                                               "100 3 360/720(0) 650000\r\n"
                                               "\r\n"
                                               "100.dat 212 200(1024)/mV 11 1024 995 -22131 0 MLII lead, modified\r\n"
                                               "100.dat 212 200/uV 11 1024 1011 20052 0 V5\r\n"
                                               "101.dat 80x1:0+512\r\n"
                                               "# Age: 69  Sex: M\r\n",
                                               "100.hea");
        QCOMPARE(h.nSignals, 3);
        QCOMPARE(h.fs, 360.0);
        QCOMPARE(h.nSamples, 650000L);
        QVERIFY(h.baseTime.empty());
        QCOMPARE(h.comments, (std::vector<std::string>{"leading comment", "Age: 69  Sex: M"}));
        QCOMPARE(h.signalSpecs()[0].format, 212);
        QCOMPARE(h.signalSpecs()[0].baseline, 1024.0);
        QCOMPARE(h.signalSpecs()[0].adcZero, 1024);
        QCOMPARE(h.signalSpecs()[0].checksum, -22131);
        QCOMPARE(h.signalSpecs()[0].description, std::string("MLII lead, modified"));
        // No "(baseline)": the baseline is the ADC zero.
        QCOMPARE(h.signalSpecs()[1].baseline, 1024.0);
        QCOMPARE(h.signalSpecs()[1].units, std::string("uV"));
        // Only file and format given: WFDB defaults (gain 200 adu/mV, zero baseline).
        const SignalSpec& s = h.signalSpecs()[2];
        QCOMPARE(s.format, 80);
        QCOMPARE(s.byteOffset, 512L);
        QCOMPARE(s.samplesPerFrame, 1);
        QCOMPARE(s.gain, 200.0);
        QCOMPARE(s.baseline, 0.0);
        QCOMPARE(s.units, std::string("mV"));
    }

    void recordLineDefaults() {
        const RecordHeader h = parseHeaderText("rec 0\n", "rec.hea");
        QCOMPARE(h.nSignals, 0);
        QCOMPARE(h.fs, 250.0);  // WFDB default rate
        QCOMPARE(h.nSamples, 0L);
    }

    void formatHeaderRoundTrip() {
        RecordHeader h;
        h.name = "r1";
        h.nSignals = 2;
        h.fs = 128.5;
        h.nSamples = 12345;
        h.baseTime = "10:00:00";
        SignalSpec a;
        a.file = "r1.dat";
        a.format = 212;
        a.gain = 400.25;
        a.baseline = -12;
        a.adcZero = 3;
        a.adcResolution = 12;
        a.initialValue = 7;
        a.units = "mV";
        a.description = "lead I (derived)";
        SignalSpec b = a;
        b.format = 212;
        b.byteOffset = 0;
        b.baseline = 3;  // equal to adcZero: written without "(baseline)"
        b.units = "uV";
        h.signalSpecs() = {a, b};
        h.comments = {"made by a test"};
        const RecordHeader back = parseHeaderText(formatHeader(h), "r1.hea");
        QCOMPARE(back.name, h.name);
        QCOMPARE(back.fs, h.fs);
        QCOMPARE(back.nSamples, h.nSamples);
        QCOMPARE(back.baseTime, h.baseTime);
        QCOMPARE(back.comments, h.comments);
        QCOMPARE(back.signalSpecs().size(), std::size_t(2));
        for (std::size_t i = 0; i < 2; ++i) {
            QCOMPARE(back.signalSpecs()[i].format, h.signalSpecs()[i].format);
            QCOMPARE(back.signalSpecs()[i].gain, h.signalSpecs()[i].gain);
            QCOMPARE(back.signalSpecs()[i].baseline, h.signalSpecs()[i].baseline);
            QCOMPARE(back.signalSpecs()[i].adcZero, h.signalSpecs()[i].adcZero);
            QCOMPARE(back.signalSpecs()[i].initialValue, h.signalSpecs()[i].initialValue);
            QCOMPARE(back.signalSpecs()[i].units, h.signalSpecs()[i].units);
            QCOMPARE(back.signalSpecs()[i].description, h.signalSpecs()[i].description);
        }
    }

    void badHeaders_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("expected");  // substring of the reason
        QTest::newRow("empty") << QByteArray("") << 0 << "empty header";
        QTest::newRow("only comments") << QByteArray("# nothing\n\n") << 0 << "empty header";
        QTest::newRow("nsig not a number") << QByteArray("r x 300 10\n") << 1 << "field 2 (number of signals)";
        QTest::newRow("missing nsig") << QByteArray("r\n") << 1 << "field 2 (number of signals): missing";
        QTest::newRow("zero fs") << QByteArray("r 1 0 10\nr.dat 16 200/mV\n") << 1 << "field 3 (sampling frequency): must be positive";
        QTest::newRow("negative fs") << QByteArray("r 1 -300 10\nr.dat 16\n") << 1 << "field 3 (sampling frequency): must be positive";
        QTest::newRow("non-finite fs") << QByteArray("r 1 inf 10\nr.dat 16\n") << 1 << "field 3 (sampling frequency)";
        QTest::newRow("fs garbage") << QByteArray("r 1 300Hz 10\nr.dat 16\n") << 1 << "field 3 (sampling frequency)";
        QTest::newRow("bad nsamp") << QByteArray("r 1 300 -5\nr.dat 16\n") << 1 << "field 4 (number of samples)";
        QTest::newRow("zero gain") << QByteArray("r 1 300 10\n# c\nr.dat 16 0/mV 16 0\n") << 3 << "field 3 (gain): gain must be nonzero";
        QTest::newRow("nan gain") << QByteArray("r 1 300 10\nr.dat 16 nan/mV\n") << 2 << "field 3 (gain): 'nan' is not finite";
        QTest::newRow("inf gain") << QByteArray("r 1 300 10\nr.dat 16 inf(0)/mV\n") << 2 << "field 3 (gain): 'inf' is not finite";
        QTest::newRow("gain garbage") << QByteArray("r 1 300 10\nr.dat 16 abc/mV\n") << 2 << "field 3 (gain)";
        QTest::newRow("bad baseline") << QByteArray("r 1 300 10\nr.dat 16 200(x)/mV\n") << 2 << "field 3 (baseline)";
        QTest::newRow("bad format") << QByteArray("r 1 300 10\nr.dat sixteen\n") << 2 << "field 2 (format)";
        QTest::newRow("missing format") << QByteArray("r 1 300 10\nr.dat\n") << 2 << "field 2 (format): missing";
        QTest::newRow("bad offset") << QByteArray("r 1 300 10\nr.dat 16+x\n") << 2 << "field 2 (format)";
        QTest::newRow("bad adc zero") << QByteArray("r 1 300 10\nr.dat 16 200 12 zero\n") << 2 << "field 5 (ADC zero)";
        QTest::newRow("missing signal line") << QByteArray("r 2 300 10\nr.dat 16\n") << 0 << "declares 2 signal(s) but the header has 1";
        QTest::newRow("extra signal line") << QByteArray("r 1 300 10\nr.dat 16\nr.dat 16\n") << 3 << "more signal lines";
        QTest::newRow("multi-segment") << QByteArray("r/2 1 300 10\n") << 1 << "multi-segment";
    }

    void badHeaders() {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(QString, expected);
        try {
            parseHeaderText(text.toStdString(), "/data/bad.hea");
            QFAIL("no error for a malformed header");
        } catch (const InputError& e) {
            const QString what = QString::fromStdString(e.what());
            QCOMPARE(e.file(), std::string("/data/bad.hea"));
            QCOMPARE(e.line(), line);
            QVERIFY2(what.startsWith("/data/bad.hea"), qPrintable(what));
            if (line > 0) QVERIFY2(what.contains(QString(":%1:").arg(line)), qPrintable(what));
            QVERIFY2(what.contains(expected), qPrintable(what));
        }
    }

    void readsFilesAndNamesMissingOnes() {
        QTemporaryDir dir;
        const QString path = dir.filePath("x.hea");
        testfiles::writeText(path, "x 1 500 20\nx.dat 16 100/mV\n");
        const RecordHeader h = parseHeader(path.toStdString());
        QCOMPARE(h.fs, 500.0);
        QCOMPARE(h.path, path.toStdString());
        const std::string missing = dir.filePath("nope.hea").toStdString();
        try {
            parseHeader(missing);
            QFAIL("no error for a missing header");
        } catch (const InputError& e) {
            QCOMPARE(e.file(), missing);
            QVERIFY(QString::fromStdString(e.reason()).contains("cannot open"));
        }
    }

    void numbersIgnoreTheCLocale() {
        // Qt applications adopt the user's locale; a decimal comma locale must not break parsing.
        const char* old = std::setlocale(LC_NUMERIC, nullptr);
        const std::string saved = old ? old : "C";
        const bool haveGerman = std::setlocale(LC_NUMERIC, "de_DE.UTF-8") != nullptr;
        const RecordHeader h = parseHeaderText("r 1 128.5 10\nr.dat 16 200.5/mV\n", "r.hea");
        std::setlocale(LC_NUMERIC, saved.c_str());
        QCOMPARE(h.fs, 128.5);
        QCOMPARE(h.signalSpecs()[0].gain, 200.5);
        if (!haveGerman) qInfo("de_DE locale not installed: checked in the C locale only");
    }
};

QTEST_APPLESS_MAIN(TestWfdbHeader)
#include "test_wfdb_header.moc"
