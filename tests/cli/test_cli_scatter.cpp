// `dacl scatter` and `dacl bench scatter` run as a user would: the real binary on the golden
// kymatio inputs, on broken inputs, and with --json.
#include "core/dsp/test_scattering_golden.h"
#include "core/synth/demo_dataset.h"
#include "run_dacl.h"

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using dacl::testcli::Result;
using dacl::testcli::runDacl;

namespace {

QString goldenPath(const QString& file) { return QString::fromStdString(golden::dir()) + file; }

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Worst row-relative error of a `dacl scatter` output against the kymatio ECG reference.
double worstError(const QString& out) {
    const auto ref = golden::matrix(golden::dir() + "ecg_N3072_J7_Q8.output.csv");
    std::vector<double> flat;
    for (const auto& row : golden::matrix(out.toStdString())) flat.insert(flat.end(), row.begin(), row.end());
    if (flat.size() != ref.size() * ref[0].size()) return 1e300;
    return golden::worstRowRelative(flat, ref, static_cast<int>(ref[0].size()));
}

// A valid wisdom file as another machine would have written it: new machine line, and the
// checksum (64-bit FNV-1a of everything before the checksum line) made to match.
QByteArray withMachine(const QByteArray& text, const QByteArray& machineLine) {
    QList<QByteArray> lines = text.split('\n');
    lines[1] = machineLine;
    QByteArray body = lines.join('\n');
    body.truncate(body.lastIndexOf("checksum "));
    quint64 h = 1469598103934665603ULL;
    for (const char c : body) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return body + "checksum " + QByteArray::number(h, 16).rightJustified(16, '0') + "\n";
}

}  // namespace

class TestCliScatter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesGoldenFiles_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<double>("tolerance");
        QTest::newRow("ecg") << "ecg_N3072_J7_Q8" << QStringList{"--J", "7", "--Q", "8"} << 1e-10;
        QTest::newRow("ecg-float32") << "ecg_N3072_J7_Q8" << QStringList{"--J", "7", "--Q", "8,1", "--float32"} << 1e-4;
        QTest::newRow("chirp-order1")
            << "chirp_N1024_J4_Q1_order1" << QStringList{"--J", "4", "--Q", "1", "--max-order", "1"} << 1e-10;
    }
    void matchesGoldenFiles() {
        QFETCH(QString, name);
        QFETCH(QStringList, flags);
        QFETCH(double, tolerance);
        QTemporaryDir tmp;
        const QString out = tmp.filePath("S.csv"), paths = tmp.filePath("paths.csv");
        const Result r = runDacl(QStringList{"scatter", "--input", goldenPath(name + ".input.csv"), "--output", out, "--paths", paths} +
                                 flags);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto ref = golden::matrix(golden::dir() + name.toStdString() + ".output.csv");
        const auto got = golden::matrix(out.toStdString());
        QCOMPARE(got.size(), ref.size());
        std::vector<double> flat;
        for (const auto& row : got) {
            QCOMPARE(row.size(), ref[0].size());
            flat.insert(flat.end(), row.begin(), row.end());
        }
        QVERIFY(golden::worstRowRelative(flat, ref, static_cast<int>(ref[0].size())) <= tolerance);
        // Every value is printed exactly as printf("%.17g") prints it.
        for (const auto& line : golden::lines(out.toStdString())) {
            for (const auto& field : golden::splitComma(line)) {
                char buf[40];
                std::snprintf(buf, sizeof buf, "%.17g", golden::num(field));
                QCOMPARE(field, std::string(buf));
            }
        }

        // Path table: same header, same integers, same frequencies, same empty fields.
        const auto mine = golden::lines(paths.toStdString());
        const auto theirs = golden::lines(golden::dir() + name.toStdString() + ".paths.csv");
        QCOMPARE(mine.size(), theirs.size());
        QCOMPARE(mine[0], theirs[0]);
        for (std::size_t i = 1; i < mine.size(); ++i) {
            const auto a = golden::splitComma(mine[i]), b = golden::splitComma(theirs[i]);
            QCOMPARE(a.size(), std::size_t(10));
            QCOMPARE(a.size(), b.size());
            for (std::size_t k = 0; k < a.size(); ++k) {
                if (k >= 4 && k <= 7 && !b[k].empty()) {
                    const double x = golden::num(a[k]), y = golden::num(b[k]);
                    QVERIFY(std::abs(x - y) <= 1e-15 * std::abs(y));
                } else {
                    QCOMPARE(a[k], b[k]);
                }
            }
        }
    }

    void badInputNamesFileAndLine_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        const QByteArray ok = QByteArray("0.5\n").repeated(200);
        QTest::newRow("junk") << (ok + "0.1\nabc\n" + ok) << ":202: expected one number per line, got 'abc'";
        QTest::newRow("trailing junk") << (ok + "1.5mV\n") << ":201: expected one number per line";
        QTest::newRow("nan") << ("1\n2\nnan\n" + ok) << ":3: value is NaN";
        QTest::newRow("inf") << (ok + "-inf\n") << ":201: value is infinite";
        QTest::newRow("empty") << QByteArray("\n\n") << ": no samples";
    }
    void badInputNamesFileAndLine() {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        const QString in = tmp.filePath("signal.csv"), out = tmp.filePath("S.csv");
        writeFile(in, content);
        const Result r = runDacl({"scatter", "--input", in, "--J", "4", "--Q", "2", "--output", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("dacl: error: " + in + expected), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
    }

    void badSettingsAreErrors() {
        QTemporaryDir tmp;
        const QString out = tmp.filePath("S.csv");
        const QString in = goldenPath("chirp_N1024_J6_Q8.input.csv");
        Result r = runDacl({"scatter", "--input", in, "--J", "6", "--Q", "8,x", "--output", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("--Q must be"), qPrintable(r.err));
        r = runDacl({"scatter", "--input", in, "--J", "12", "--Q", "8", "--output", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("too short for J = 12"), qPrintable(r.err));
        r = runDacl({"scatter", "--input", tmp.filePath("missing.csv"), "--output", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("missing.csv: cannot open file"), qPrintable(r.err));
    }

    // `dacl features`: CSV/NPY output, JSON summary, and the cache across invocations.
    void featuresOverADataset() {
        QTemporaryDir tmp;
        const QString data = tmp.filePath("data"), cache = tmp.filePath("cache");
        dacl::NullProgress np;
        dacl::synth::writeDemoDataset(data.toStdString(), 3, 5, np);
        // The default (repr=sequence) writes one row per 30.72-s span: a header of 27 values, then
        // 288 frames of C channels (features/sequence_layout.h).
        const Result seq = runDacl({"features", "--data", data, "--no-cache", "--json", "--quiet", "--output", tmp.filePath("s.csv")});
        QVERIFY2(seq.exitCode == 0, qPrintable(seq.err));
        const int seqDim = QJsonDocument::fromJson(seq.out.toUtf8()).object()["dim"].toInt();
        QVERIFY2(seqDim > 27 && (seqDim - 27) % 288 == 0, qPrintable(QString::number(seqDim)));
        // The pooled windows of version 1 from here on.
        const QStringList base{"features", "--data", data, "--cache", cache, "--json", "--quiet", "--set", "threads=2",
                               "--set", "repr=pooled"};
        const Result first = runDacl(base + QStringList{"--output", tmp.filePath("f.csv")});
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        const QJsonObject j = QJsonDocument::fromJson(first.out.toUtf8()).object();
        QCOMPARE(j["dim"].toInt(), 352);
        QCOMPARE(j["records"].toInt(), 3);
        QCOMPARE(j["from_cache"].toBool(), false);
        const int windows = j["windows"].toInt();
        QVERIFY(windows >= 3);
        const auto lines = golden::lines(tmp.filePath("f.csv").toStdString());
        QCOMPARE(static_cast<int>(lines.size()), windows + 1);
        QCOMPARE(lines[0].substr(0, 30), std::string("record,label,start_s,eval,f0,f"));
        QCOMPARE(golden::splitComma(lines[1]).size(), std::size_t(4 + 352));

        const Result second = runDacl(base + QStringList{"--output", tmp.filePath("g.csv")});
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        QCOMPARE(QJsonDocument::fromJson(second.out.toUtf8()).object()["from_cache"].toBool(), true);
        QCOMPARE(golden::lines(tmp.filePath("g.csv").toStdString()), lines);

        // Reproducible across processes, not only through the cache: a fresh process computing
        // the features again gives the same bytes (the FFT plans do not depend on timing).
        const Result fresh = runDacl(base + QStringList{"--no-cache", "--output", tmp.filePath("h.csv")});
        QVERIFY2(fresh.exitCode == 0, qPrintable(fresh.err));
        QCOMPARE(QJsonDocument::fromJson(fresh.out.toUtf8()).object()["from_cache"].toBool(), false);
        QCOMPARE(golden::lines(tmp.filePath("h.csv").toStdString()), lines);

        const Result changed = runDacl(base + QStringList{"--set", "st.layers=0", "--per-record", "--output", tmp.filePath("r.npy")});
        QVERIFY2(changed.exitCode == 0, qPrintable(changed.err));
        QCOMPARE(QJsonDocument::fromJson(changed.out.toUtf8()).object()["from_cache"].toBool(), false);
        QFile npy(tmp.filePath("r.npy"));
        QVERIFY(npy.open(QIODevice::ReadOnly));
        const QByteArray head = npy.read(128);
        QVERIFY(head.startsWith("\x93NUMPY"));
        QVERIFY(head.contains("'shape': (3, 352)"));
        QCOMPARE(npy.size(), qint64(128 + 3 * 352 * 4));
        QCOMPARE(golden::lines(tmp.filePath("r.npy.rows.csv").toStdString()).size(), std::size_t(4));

        Result bad = runDacl(base + QStringList{"--set", "scatter.nope=1", "--output", tmp.filePath("x.csv")});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("scatter.nope"), qPrintable(bad.err));
        bad = runDacl({"features", "--data", tmp.filePath("missing"), "--output", tmp.filePath("x.csv")});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("missing"), qPrintable(bad.err));
    }

    // FFTW wisdom (issue 19): made once, then two separate processes reading it compute the
    // same bytes (the recorded plans are replayed, never re-timed); a missing, damaged or stale
    // file falls back to FFTW_ESTIMATE, says so on stderr, and the numbers still match kymatio.
    void wisdomGivesIdenticalOutputAcrossProcesses() {
        QTemporaryDir tmp;
        const QString wisdom = tmp.filePath("cache/fftw-wisdom.txt");  // the folder is created
        const Result gen = runDacl({"scatter", "--wisdom-generate", "--wisdom", wisdom, "--wisdom-max-n", "8192"});
        QVERIFY2(gen.exitCode == 0, qPrintable(gen.err));
        const QByteArray text = readAll(wisdom);
        QVERIFY(text.startsWith("dacl-fftw-wisdom 1\n"));
        QVERIFY(text.contains("\nmax_n 8192\n"));

        const QString in = goldenPath("ecg_N3072_J7_Q8.input.csv");
        const auto ref = golden::matrix(golden::dir() + "ecg_N3072_J7_Q8.output.csv");
        const QStringList base{"scatter", "--input", in, "--J", "7", "--Q", "8", "--wisdom", wisdom, "--output"};
        // Both wavelet FFT paths: the lane FFTs (default; no planner at all) and FFTW per wavelet.
        for (const QString fft : {"lanes", "fftw"})
            for (const bool f32 : {false, true}) {
                const QStringList opts = QStringList{"--fft", fft} + (f32 ? QStringList{"--float32"} : QStringList{});
                const QString a = tmp.filePath("a.csv"), b = tmp.filePath("b.csv");
                const Result ra = runDacl(base + QStringList{a} + opts);
                const Result rb = runDacl(base + QStringList{b} + opts);
                QVERIFY2(ra.exitCode == 0 && rb.exitCode == 0, qPrintable(ra.err + rb.err));
                QVERIFY2(!ra.err.contains("FFTW_ESTIMATE"), qPrintable(ra.err));  // the plans came from the file
                QCOMPARE(readAll(b), readAll(a));
                QVERIFY(worstError(a) <= (f32 ? 1e-4 : 1e-10));
            }

        // No file, half a file, a file from another machine: ESTIMATE plans, a note, same accuracy.
        writeFile(tmp.filePath("half.txt"), text.left(text.size() / 2));
        writeFile(tmp.filePath("other.txt"), withMachine(text, "machine Some Other CPU (family 1 model 1 stepping 1; sse2)"));
        const QStringList cases[] = {{tmp.filePath("missing.txt"), "not found"},
                                     {tmp.filePath("half.txt"), "truncated"},
                                     {tmp.filePath("other.txt"), "made on another machine"}};
        for (const QStringList& c : cases) {
            const QString out = tmp.filePath("e.csv");
            QStringList args = base + QStringList{out};
            args[args.indexOf("--wisdom") + 1] = c[0];
            const Result r = runDacl(args);
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QVERIFY2(r.err.contains("FFTW_ESTIMATE") && r.err.contains(c[1]) && r.err.contains("--wisdom-generate"),
                     qPrintable(r.err));
            QVERIFY(worstError(out) <= 1e-10);
        }
        const Result bad = runDacl({"scatter", "--wisdom-generate", "--wisdom", wisdom, "--wisdom-max-n", "1000"});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("power of two"), qPrintable(bad.err));
        QCOMPARE(readAll(wisdom), text);  // a refused request leaves the old file alone
    }

    // The kernel benchmarks: the transformer layer beside its textbook loops, the sample entropy
    // of a synthetic day of RR intervals; both as JSON.
    void kernelBenchmarksPrintJson() {
        Result r = runDacl({"bench", "transformer", "--frames", "40", "--paths", "12", "--repeats", "1", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j["frames"].toInt(), 40);
        QVERIFY(j["forward_ms"].toDouble() > 0 && j["textbook_ms"].toDouble() > 0);
        r = runDacl({"bench", "sampen", "--beats", "2000", "--repeats", "1", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j["beats"].toInt(), 2000);
        QVERIFY(j["sample_entropy"].toDouble() > 0);
    }

    void benchPrintsJson() {
        const Result r = runDacl({"bench", "scatter", "--N", "1024", "--J", "6", "--Q", "4", "--threads", "2", "--signals",
                            "4", "--repeats", "1", "--json", "--compare-kymatio", "/nonexistent/python3"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QVERIFY(j["seconds_per_signal"].toDouble() > 0);
        QCOMPARE(j["threads"].toInt(), 2);
        QCOMPARE(j["N"].toInt(), 1024);
        QCOMPARE(j["J"].toInt(), 6);
        QCOMPARE(j["Q"].toArray().at(0).toInt(), 4);
        QVERIFY(j["speedup_vs_single_thread"].toDouble() > 0);
        QCOMPARE(j["fft_effort"].toString(), QStringLiteral("wisdom"));
        QCOMPARE(j["fft"].toString(), QStringLiteral("lanes"));
        // Both precisions with the lane FFTs and with FFTW per wavelet (ESTIMATE and wisdom
        // plans), each with its FLOPs and GFLOP/s, and the same-run ratio lanes : FFTW.
        const QJsonArray variants = j["variants"].toArray();
        QCOMPARE(variants.size(), 6);
        QStringList plans;
        for (const auto& v : variants) plans << v.toObject()["plans"].toString();
        QCOMPARE(plans.count("lanes"), 2);
        QVERIFY(j["lanes_speedup_vs_fftw_wisdom"].toObject()["float32"].toDouble() > 0);
        QVERIFY(QStringList({"avx512", "avx2", "baseline"}).contains(j["lane_variant"].toString()));
        QVERIFY(j["lanes_used"].toObject().contains("float64"));
        for (const auto& v : variants) {
            QVERIFY(v.toObject()["cpu_seconds_per_signal"].toDouble() > 0);
            QVERIFY(v.toObject()["flops_per_signal"].toDouble() > 1e5);
            QVERIFY(v.toObject()["gflops_per_second"].toDouble() > 0);
        }
        QVERIFY(j["wisdom"].toObject().contains("loaded"));
        // kymatio that cannot run is skipped with the reason, not an error.
        QVERIFY(!j["kymatio"].toObject()["error"].toString().isEmpty());
    }

    // What a CPU with fewer instruction sets would run, measured on this one: the baseline
    // kernels (every CPU has them) run the lanes rows even though the default would take FFTW's
    // path there; an unknown variant is an error that names it.
    void benchForcesALaneVariant() {
        const QStringList args{"bench", "scatter", "--N", "1024", "--J", "6", "--signals", "2", "--repeats", "1", "--json"};
        Result r = runDacl(args + QStringList{"--lane-variant", "baseline"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j["lane_variant"].toString(), QStringLiteral("baseline"));
        QVERIFY(j["lanes_used"].toObject()["float64"].toBool());
        QVERIFY(j["lanes_used"].toObject()["float32"].toBool());
        r = runDacl(args + QStringList{"--lane-variant", "sse9"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("--lane-variant must be avx512, avx2 or baseline (got 'sse9')"), qPrintable(r.err));
    }
};

QTEST_APPLESS_MAIN(TestCliScatter)
#include "test_cli_scatter.moc"
