// CSV/TSV recordings: one column per lead under a header line; the rate from the option, a
// "# fs=" line or a time column; units from the column name or a "# unit:" line; and each bad
// table refused with the file, the line and the reason.
#include "core/common/error.h"
#include "core/data/csv_reader.h"
#include "core/data/dataset.h"
#include "core/data/record_file.h"
#include "core/data/test_files.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace dacl;
using testfiles::writeText;

namespace {

QString write(const QTemporaryDir& tmp, const QString& name, const QByteArray& text) {
    const QString p = tmp.filePath(name);
    writeText(p, text);
    return p;
}

// "line N: reason" of reading `path`, or "" when it was read.
QString readError(const QString& path, double fs = 0) {
    try {
        readCsv(path.toStdString(), CsvOptions{fs});
    } catch (const InputError& e) {
        if (QString::fromStdString(e.file()) != path) return "wrong file: " + QString::fromStdString(e.what());
        return QString::fromStdString(e.located());
    }
    return {};
}

}  // namespace

class TestCsvReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsLeadsRateAndUnits() {
        QTemporaryDir tmp;
        const QString p = write(tmp, "ecg.csv", "# exported by a monitor\n# fs=500\n# unit: uV\nI,II (mV),\"V1\"\n1,0.5,-3\n2,0.25,-4\r\n3,0.125,-5\n");
        const Recording rec = readCsv(p.toStdString());
        QCOMPARE(rec.name, std::string("ecg"));
        QCOMPARE(rec.fs, 500.0);
        QCOMPARE(rec.labels, (std::vector<std::string>{"I", "II", "V1"}));
        QCOMPARE(rec.units, (std::vector<std::string>{"uV", "mV", "uV"}));
        QCOMPARE(rec.channels[1], (std::vector<double>{0.5, 0.25, 0.125}));
        QCOMPARE(rec.channels[2], (std::vector<double>{-3, -4, -5}));
        // The option wins over the file.
        QCOMPARE(readCsv(p.toStdString(), CsvOptions{250}).fs, 250.0);
    }

    void timeColumnGivesTheRate() {
        QTemporaryDir tmp;
        const QString p = write(tmp, "t.csv", "time_s,ECG\n0.000,0.1\n0.004,0.2\n0.008,0.3\n0.012,0.4\n");
        const Recording rec = readCsv(p.toStdString());
        QCOMPARE(rec.channels.size(), std::size_t(1));  // the time column is not a lead
        QCOMPARE(rec.labels[0], std::string("ECG"));
        QCOMPARE(rec.units[0], std::string("mV"));  // the default
        QVERIFY(std::abs(rec.fs - 250.0) < 1e-6);
        const QString uneven = write(tmp, "uneven.csv", "time,II\n0,1\n0.004,2\n0.010,3\n");
        QVERIFY2(readError(uneven).contains("not evenly spaced"), qPrintable(readError(uneven)));
    }

    void tsvAndSemicolons() {
        QTemporaryDir tmp;
        const Recording tsv = readCsv(write(tmp, "a.tsv", "II\tV5\n1\t2\n3\t4\n").toStdString(), CsvOptions{128});
        QCOMPARE(tsv.channels[1], (std::vector<double>{2, 4}));
        const Recording semi = readCsv(write(tmp, "b.csv", "# fs=100 Hz\nII;V5\n1;2\n3;4\n").toStdString());
        QCOMPARE(semi.fs, 100.0);
        QCOMPARE(semi.channels[0], (std::vector<double>{1, 3}));
    }

    void badTablesNameFileLineAndReason() {
        QTemporaryDir tmp;
        QCOMPARE(readError(write(tmp, "empty.csv", "")), QString("empty CSV: no header line and no samples"));
        QCOMPARE(readError(write(tmp, "comments.csv", "# fs=300\n\n")), QString("empty CSV: no header line and no samples"));
        QCOMPARE(readError(write(tmp, "header_only.csv", "# fs=300\nII,V1\n")), QString("line 2: CSV has a header but no samples"));
        QCOMPARE(readError(write(tmp, "cell.csv", "# fs=300\nII,V1\n1,2\n3,abc\n")),
                 QString("line 4: column 'V1': 'abc' is not a number"));
        QCOMPARE(readError(write(tmp, "short.csv", "# fs=300\nII,V1\n1,2\n3\n")),
                 QString("line 4: row has 1 cells, the header names 2 columns"));
        QVERIFY(readError(write(tmp, "noheader.csv", "1,2\n3,4\n"), 300).contains("line 1: the first line holds numbers"));
        QVERIFY(readError(write(tmp, "nofs.csv", "II\n1\n2\n")).contains("sampling rate unknown"));
        QVERIFY(readError(write(tmp, "badfs.csv", "# fs=-5\nII\n1\n")).contains("line 1:"));
        QVERIFY(readError(write(tmp, "nan.csv", "# fs=5\nII\nnan\n")).contains("'nan' is not a number"));
    }

    void opensAsOneRecordDataset() {
        QTemporaryDir tmp;
        const QString p = write(tmp, "one.csv", "II,V1\n1,2\n3,4\n5,6\n");
        DatasetOptions o;
        o.csvFs = 200;
        const Dataset ds = Dataset::open(p.toStdString(), o);
        QCOMPARE(ds.size(), std::size_t(1));
        QCOMPARE(ds.records()[0].fs, 200.0);
        QCOMPARE(ds.records()[0].nSamples, 3L);
        QCOMPARE(ds.signal(0)->channels[1], (std::vector<double>{2, 4, 6}));
        QCOMPARE(readRecordHeader(p.toStdString(), RecordFileOptions{200}).signalSpecs()[1].description, std::string("V1"));
        // Without a rate the dataset says why.
        try {
            Dataset::open(p.toStdString());
            QFAIL("opened without a rate");
        } catch (const InputError& e) {
            QVERIFY2(std::string(e.what()).find("sampling rate unknown") != std::string::npos, e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestCsvReader)
#include "test_csv_reader.moc"
