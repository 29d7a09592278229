// `dacl tsne` and `dacl bench tsne` run as a user would: a CSV round trip (same order, same
// result on a second run and with another thread count), the KL of a layout via --score, and
// broken inputs that must name the file and the line.
#include "run_dacl.h"

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cmath>

using dacl::testcli::Result;
using dacl::testcli::runDacl;

namespace {

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QByteArray readFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll();
}

// Three tight groups of 20 points in 4-D, interleaved (row i belongs to group i % 3).
QByteArray threeGroups() {
    QByteArray csv;
    for (int i = 0; i < 60; ++i) {
        const int g = i % 3;
        QStringList row;
        for (int d = 0; d < 4; ++d) row << QString::number(10.0 * (d == g) + 0.01 * ((i * 7 + d * 13) % 17), 'g', 10);
        csv += row.join(',').toUtf8() + '\n';
    }
    return csv;
}

QVector<QPointF> parseLayout(const QByteArray& text) {
    QVector<QPointF> pts;
    for (const QByteArray& line : text.split('\n')) {
        if (line.isEmpty()) continue;
        const QList<QByteArray> f = line.split(',');
        if (f.size() != 2) return {};
        pts.push_back({f[0].toDouble(), f[1].toDouble()});
    }
    return pts;
}

}  // namespace

class TestCliTsne : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip() {
        QTemporaryDir dir;
        const QString in = dir.filePath("emb.csv"), out = dir.filePath("xy.csv"), out2 = dir.filePath("xy2.csv");
        writeFile(in, threeGroups());
        const Result r = runDacl({"tsne", "--input", in, "--output", out, "--perplexity", "10", "--iterations", "400",
                               "--threads", "1", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j["points"].toInt(), 60);
        QCOMPARE(j["dims"].toInt(), 4);
        QCOMPARE(j["method"].toString(), QString("exact"));
        QCOMPARE(j["iterations"].toInt(), 400);
        const double kl = j["kl_divergence"].toDouble();
        QVERIFY(kl > 0 && kl < 2);
        const QVector<QPointF> xy = parseLayout(readFile(out));
        QCOMPARE(xy.size(), 60);
        // Same order as the input: each point's nearest 2-D neighbour is in its own group.
        for (int i = 0; i < 60; ++i) {
            int best = -1;
            double bestD = 1e300;
            for (int k = 0; k < 60; ++k) {
                if (k == i) continue;
                const QPointF d = xy[i] - xy[k];
                const double d2 = QPointF::dotProduct(d, d);
                if (d2 < bestD) { bestD = d2; best = k; }
            }
            QCOMPARE(best % 3, i % 3);
        }
        // A second run with two threads writes the same bytes.
        const Result r2 = runDacl({"tsne", "--input", in, "--output", out2, "--perplexity", "10", "--iterations", "400",
                                "--threads", "2", "--quiet"});
        QVERIFY2(r2.exitCode == 0, qPrintable(r2.err));
        QCOMPARE(readFile(out2), readFile(out));
        // --score gives the KL of a layout under the input's P: the reported one for our layout.
        const Result s = runDacl({"tsne", "--input", in, "--score", out, "--perplexity", "10", "--json"});
        QVERIFY2(s.exitCode == 0, qPrintable(s.err));
        QVERIFY(std::abs(QJsonDocument::fromJson(s.out.toUtf8()).object()["kl_divergence"].toDouble() - kl) < 1e-9);
    }

    void barnesHutWithHeader() {
        QTemporaryDir dir;
        const QString in = dir.filePath("emb.csv"), out = dir.filePath("xy.csv");
        writeFile(in, "a,b,c,d\n" + threeGroups());
        const Result r = runDacl({"tsne", "--input", in, "--header", "--output", out, "--method", "bh", "--perplexity", "5",
                               "--iterations", "300", "--quiet"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("bh"));
        QCOMPARE(parseLayout(readFile(out)).size(), 60);
    }

    void badInputsNameFileAndLine_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not a number") << QByteArray("1,2\n3,4\n5,x\n7,8\n") << QStringList{} << "emb.csv:3: field 2 is not a number";
        QTest::newRow("ragged") << QByteArray("1,2,3\n4,5,6\n7,8\n") << QStringList{} << "emb.csv:3: expected 3 numbers";
        QTest::newRow("infinite") << QByteArray("1,2\ninf,4\n") << QStringList{} << "emb.csv:2: field 1 is not finite";
        QTest::newRow("perplexity too large") << QByteArray("1,2\n3,4\n5,6\n") << QStringList{"--perplexity", "30"}
                                              << "perplexity must be > 0 and less than the number of points (3)";
    }
    void badInputsNameFileAndLine() {
        QFETCH(QByteArray, content);
        QFETCH(QStringList, extra);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString in = dir.filePath("emb.csv");
        writeFile(in, content);
        const Result r = runDacl(QStringList{"tsne", "--input", in, "--output", dir.filePath("xy.csv"), "--quiet"} + extra);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("dacl: error: "), qPrintable(r.err));
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath("xy.csv")));
    }

    void missingFileAndLayoutMismatch() {
        QTemporaryDir dir;
        Result r = runDacl({"tsne", "--input", dir.filePath("nope.csv"), "--output", dir.filePath("xy.csv")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("nope.csv: cannot open file"));
        const QString in = dir.filePath("emb.csv"), bad = dir.filePath("layout.csv");
        writeFile(in, threeGroups());
        writeFile(bad, "1,2\n3,4\n");
        r = runDacl({"tsne", "--input", in, "--score", bad, "--perplexity", "5"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("layout.csv: expected 60 rows of x,y"), qPrintable(r.err));
    }

    void bench() {
        const Result r = runDacl({"bench", "tsne", "--n", "300", "--dim", "10", "--iterations", "100", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonArray runs = j["runs"].toArray();
        QCOMPARE(runs.size(), 3);
        QCOMPARE(runs[0].toObject()["method"].toString(), QString("exact"));
        QCOMPARE(runs[2].toObject()["threads"].toInt(), 2);
        for (const auto& v : runs) {
            QVERIFY(v.toObject()["ms"].toDouble() > 0);
            QVERIFY(v.toObject()["kl_divergence"].toDouble() > 0);
        }
        // Both Barnes-Hut runs compute the same layout, hence the same KL.
        QCOMPARE(runs[1].toObject()["kl_divergence"].toDouble(), runs[2].toObject()["kl_divergence"].toDouble());
        QTemporaryDir dir;
        const Result w = runDacl({"bench", "tsne", "--n", "50", "--dim", "3", "--write-input", dir.filePath("in.csv")});
        QVERIFY2(w.exitCode == 0, qPrintable(w.err));
        QCOMPARE(readFile(dir.filePath("in.csv")).count('\n'), 50);
    }
};

QTEST_APPLESS_MAIN(TestCliTsne)
#include "test_cli_tsne.moc"
