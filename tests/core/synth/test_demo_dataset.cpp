// The demo dataset writer: class mix, the PhysioNet 2017 file layout byte by byte, loading
// through the data layer, determinism, cancellation and bad input.
#include "core/common/error.h"
#include "core/data/dataset.h"
#include "core/data/wfdb_header.h"
#include "core/dsp/rpeaks.h"
#include "core/synth/demo_dataset.h"

#include <QtTest>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace dacl;
using namespace dacl::synth;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string l;
    while (std::getline(in, l)) out.push_back(l);
    return out;
}

std::map<char, int> counts(const std::vector<char>& labels) {
    std::map<char, int> c;
    for (char l : labels) ++c[l];
    return c;
}

class CancelAfter : public ProgressSink {
public:
    explicit CancelAfter(std::size_t n) : n_(n) {}
    void report(const std::string&, std::size_t done, std::size_t) override { done_ = done; }
    bool cancelled() const override { return done_ >= n_; }

private:
    std::size_t n_, done_ = 0;
};

}  // namespace

class TestDemoDataset : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void classMix() {
        const std::map<char, int> c400 = counts(demoLabels(400, 1));
        QCOMPARE(c400.at('N'), 220);
        QCOMPARE(c400.at('A'), 80);
        QCOMPARE(c400.at('O'), 68);
        QCOMPARE(c400.at('~'), 32);
        // Every class present for small datasets too.
        for (int n = 4; n <= 30; ++n) {
            const std::map<char, int> c = counts(demoLabels(n, 7));
            QCOMPARE(int(c.size()), 4);
            int sum = 0;
            for (const auto& [label, k] : c) sum += k;
            QCOMPARE(sum, n);
            QVERIFY(c.at('N') >= c.at('A') && c.at('A') >= c.at('~'));
        }
        std::vector<char> two = demoLabels(2, 1);  // fewer than 4: the first classes in order
        std::sort(two.begin(), two.end());
        QVERIFY(two == (std::vector<char>{'A', 'N'}));
        QVERIFY(demoLabels(0, 1).empty());
        // Shuffled by the seed, reproducibly.
        QVERIFY(demoLabels(400, 1) == demoLabels(400, 1));
        QVERIFY(demoLabels(400, 1) != demoLabels(400, 2));
        QCOMPARE(demoRecordName(0), std::string("D00001"));
        QCOMPARE(demoRecordName(399), std::string("D00400"));
    }

    void physionetLayout() {
        QTemporaryDir tmp;
        const std::string dir = tmp.path().toStdString() + "/demo";  // created by the writer
        NullProgress quiet;
        const DemoDatasetSummary s = writeDemoDataset(dir, 12, 5, quiet);
        QCOMPARE(s.records, 12);

        const std::vector<std::string> recs = lines(slurp(dir + "/RECORDS"));
        const std::vector<std::string> refs = lines(slurp(dir + "/REFERENCE.csv"));
        const std::vector<char> labels = demoLabels(12, 5);
        QCOMPARE(int(recs.size()), 12);
        QCOMPARE(int(refs.size()), 12);
        for (int i = 0; i < 12; ++i) {
            const std::string name = demoRecordName(i);
            QCOMPARE(recs[i], name);
            QCOMPARE(refs[i], name + "," + std::string(1, labels[i]));

            // MAT v4: type 30 (int16), 1 × N, real, name "val", samples from byte 24.
            const std::string mat = slurp(dir + "/" + name + ".mat");
            std::int32_t h[5];
            std::memcpy(h, mat.data(), 20);
            QCOMPARE(h[0], 30);
            QCOMPARE(h[1], 1);
            QCOMPARE(h[3], 0);
            QCOMPARE(h[4], 4);
            QCOMPARE(std::string(mat.data() + 20, 4), std::string("val\0", 4));
            const long n = h[2];
            QCOMPARE(long(mat.size()), 24 + 2 * n);
            QVERIFY(n >= 9 * 300 && n <= 61 * 300);
            std::int16_t first;
            std::memcpy(&first, mat.data() + 24, 2);

            const std::vector<std::string> hea = lines(slurp(dir + "/" + name + ".hea"));
            QVERIFY(hea.size() >= 2);
            QCOMPARE(hea[0], name + " 1 300 " + std::to_string(n));
            QCOMPARE(hea[1], name + ".mat 16+24 1000/mV 16 0 " + std::to_string(first) + " 0 0 ECG");
            for (std::size_t k = 2; k < hea.size(); ++k) QVERIFY(hea[k].rfind("# ", 0) == 0);
        }
        QCOMPARE(s.classCounts, counts(labels));
    }

    void loadsThroughTheDataLayer() {
        QTemporaryDir tmp;
        NullProgress quiet;
        const DemoDatasetSummary s = writeDemoDataset(tmp.path().toStdString(), 20, 11, quiet);
        const Dataset ds = Dataset::open(tmp.path().toStdString());
        QCOMPARE(int(ds.size()), 20);
        QVERIFY(ds.skipped().empty());
        const std::map<std::string, int> cc = ds.classCounts();
        for (const auto& [label, k] : s.classCounts) QCOMPARE(cc.at(std::string(1, label)), k);
        // Physical units: R waves around 1 mV, plausible rates for the normal records.
        int normals = 0;
        for (std::size_t i = 0; i < ds.size(); ++i) {
            const auto rec = ds.signal(i);
            QCOMPARE(rec->fs, 300.0);
            if (ds.records()[i].label != "N") continue;
            ++normals;
            const std::vector<double>& x = rec->channels.at(0);
            const double hr = dsp::heartRateBpm(dsp::detectRPeaks(x, 300), 300);
            QVERIFY2(hr >= 50 && hr <= 100, qPrintable(QString("%1 bpm").arg(hr)));
            const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
            QVERIFY(*hi - *lo > 0.5 && *hi - *lo < 4.0);
        }
        QVERIFY(normals >= 10);
    }

    void reproducibleBytes() {
        QTemporaryDir a, b, c;
        NullProgress quiet;
        writeDemoDataset(a.path().toStdString(), 8, 42, quiet);
        writeDemoDataset(b.path().toStdString(), 8, 42, quiet);
        writeDemoDataset(c.path().toStdString(), 8, 43, quiet);
        int differing = 0;
        for (int i = 0; i < 8; ++i)
            for (const char* ext : {".hea", ".mat"}) {
                const std::string f = "/" + demoRecordName(i) + ext;
                QVERIFY(slurp(a.path().toStdString() + f) == slurp(b.path().toStdString() + f));
                differing += slurp(a.path().toStdString() + f) != slurp(c.path().toStdString() + f);
            }
        QVERIFY(slurp(a.path().toStdString() + "/REFERENCE.csv") == slurp(b.path().toStdString() + "/REFERENCE.csv"));
        QCOMPARE(differing, 16);  // another seed: every file differs
    }

    void cancellation() {
        QTemporaryDir tmp;
        CancelAfter sink(3);
        QVERIFY_THROWS_EXCEPTION(Cancelled, writeDemoDataset(tmp.path().toStdString(), 10, 1, sink));
        // An interrupted run does not look like a complete dataset.
        QVERIFY(!QFile::exists(tmp.path() + "/REFERENCE.csv"));
        QVERIFY(!QFile::exists(tmp.path() + "/RECORDS"));
        QVERIFY(QFile::exists(tmp.path() + "/D00003.mat"));
        QVERIFY(!QFile::exists(tmp.path() + "/D00005.mat"));
    }

    void badInput() {
        QTemporaryDir tmp;
        NullProgress quiet;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writeDemoDataset(tmp.path().toStdString(), 0, 1, quiet));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 writeDemoDataset(tmp.path().toStdString(), synth::kMaxDemoRecords + 1, 1, quiet));
        QCOMPARE(synth::demoRecordName(99998), std::string("D99999"));
        QCOMPARE(synth::demoRecordName(99999), std::string("D100000"));
        // The output "folder" is an existing file: the error names it.
        const std::string file = tmp.path().toStdString() + "/not-a-folder";
        std::ofstream(file) << "x";
        try {
            writeDemoDataset(file, 2, 1, quiet);
            QFAIL("expected InputError");
        } catch (const InputError& e) {
            QCOMPARE(e.file(), file);
        }
    }
};

QTEST_APPLESS_MAIN(TestDemoDataset)
#include "test_demo_dataset.moc"
