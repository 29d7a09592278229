// The real PhysioNet/CinC 2017 training set (shared/data/physionet2017): record and class counts,
// durations, and sample values compared with the raw .mat bytes parsed here, independently of
// the reader (int16 little-endian from byte 24, divided by the gain 1000 adu/mV).
#include "core/data/dataset.h"
#include "core/data/test_files.h"

#include <QFileInfo>
#include <QtTest>

#include <cmath>
#include <cstring>

using namespace dacl;

namespace {

const QString kDir = QStringLiteral(DACL_SHARED_DIR "/data/physionet2017");

std::vector<double> rawMillivolts(const QString& name) {
    const QByteArray b = testfiles::readBytes(kDir + "/" + name + ".mat");
    std::vector<double> v;
    for (int off = 24; off + 1 < b.size(); off += 2) {
        std::int16_t x;
        std::memcpy(&x, b.constData() + off, 2);
        v.push_back(x / 1000.0);
    }
    return v;
}

}  // namespace

class TestPhysionet2017 : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        if (!QFileInfo::exists(kDir + "/RECORDS")) QSKIP("PhysioNet 2017 data not present");
    }

    void opensAllRecordsWithTheirLabels() {
        const Dataset ds = Dataset::open(kDir.toStdString());
        QCOMPARE(ds.records().size(), std::size_t(8528));
        QVERIFY(ds.skipped().empty());
        QCOMPARE(ds.classCounts(), (std::map<std::string, int>{{"N", 5050}, {"A", 738}, {"O", 2456}, {"~", 284}}));
        double lo = 1e9, hi = 0;
        for (const RecordEntry& r : ds.records()) {
            QCOMPARE(r.fs, 300.0);
            lo = std::min(lo, r.durationS);
            hi = std::max(hi, r.durationS);
        }
        QVERIFY2(lo >= 9.0 && lo < 10.0, qPrintable(QString::number(lo)));
        QVERIFY2(hi > 60.0 && hi <= 61.0, qPrintable(QString::number(hi)));
        QCOMPARE(ds.records().front().name, std::string("A00001"));
        QCOMPARE(ds.records().back().name, std::string("A08528"));
    }

    void samplesEqualTheRawFile() {
        const Dataset ds = Dataset::open(kDir.toStdString());
        for (const char* name : {"A00001", "A00002", "A01234", "A04567", "A08528"}) {
            const auto idx = ds.indexOf(name);
            QVERIFY(idx);
            const auto rec = ds.signal(*idx);
            const std::vector<double> raw = rawMillivolts(name);
            QCOMPARE(rec->channels.size(), std::size_t(1));
            QCOMPARE(rec->units, std::vector<std::string>{"mV"});
            QCOMPARE(long(raw.size()), ds.records()[*idx].nSamples);
            QCOMPARE(rec->channels[0], raw);
        }
        // First samples of A00001 as published (val(1:3) = -127, -162, -197).
        const auto a1 = ds.signal(0);
        QCOMPARE(a1->channels[0][0], -0.127);
        QCOMPARE(a1->channels[0][1], -0.162);
    }

    // Reading everything: no failures, and the 565 headers whose initial value disagrees with the
    // first sample (as PhysioNet shipped them) are read like all others.
    void readsEverySignal() {
        const Dataset ds = Dataset::open(kDir.toStdString());
        NullProgress quiet;
        std::vector<SkippedFile> failures;
        const auto all = ds.readAll(2, quiet, &failures);
        QVERIFY(failures.empty());
        int initialValueMismatches = 0;
        std::size_t samples = 0;
        for (std::size_t i = 0; i < all.size(); ++i) {
            QVERIFY(all[i]);
            QCOMPARE(long(all[i]->nSamples()), ds.records()[i].nSamples);
            samples += all[i]->nSamples();
            const double first = all[i]->channels[0][0] * 1000.0;
            if (std::lround(first) != ds.header(i).signalSpecs()[0].initialValue) ++initialValueMismatches;
        }
        QCOMPARE(initialValueMismatches, 565);
        QVERIFY(samples > 80'000'000);  // 77 hours at 300 Hz
    }
};

QTEST_APPLESS_MAIN(TestPhysionet2017)
#include "test_physionet2017.moc"
