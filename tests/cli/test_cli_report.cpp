// `dacl report` end to end: a real short pipeline run on the built-in demo data (two folds, a
// baseline, few epochs), then the report as PDF (rendered and read back with poppler: at least
// two pages, the AUROC that `dacl runs show --json` prints, an embedded image, coloured plots)
// and as self-contained HTML (inline PNG plots); bad input gives a clear error and exit 1; and
// other commands never start Qt.
#include "run_dacl.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using dacl::testcli::lastJsonLine;
using dacl::testcli::Result;
using dacl::testcli::runDacl;
using dacl::testcli::runProgram;

namespace {

// A short pipeline on two cores plus report rendering: minutes; the poppler tools, seconds.
constexpr int kTimeoutS = 900;

// The environment for a run; `headless`: no display and no QT_QPA_PLATFORM, as on a server;
// `qpa`: a platform plugin to ask for instead.
QProcessEnvironment environment(bool headless, const QString& qpa) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (headless) {
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    }
    if (!qpa.isEmpty()) env.insert(QStringLiteral("QT_QPA_PLATFORM"), qpa);
    env.insert(QStringLiteral("OMP_NUM_THREADS"), QStringLiteral("2"));
    return env;
}

// A poppler tool (pdfinfo, pdftotext, ...).
Result run(const QString& program, const QStringList& args) {
    return runProgram(program, args, kTimeoutS, environment(false, {}));
}

// `dacl args`, headless or with another platform plugin when asked (see environment()).
// Not named `dacl`: that would clash with the namespace.
Result runDaclWith(const QStringList& args, bool headless = false, const QString& qpa = {}) {
    return runDacl(args, kTimeoutS, environment(headless, qpa));
}

// Share of strongly coloured pixels of a binary PPM (P6): the plots' Okabe–Ito lines, not the
// black text or grey rules of the tables.
int colouredPixels(const QString& ppmPath) {
    QFile f(ppmPath);
    if (!f.open(QIODevice::ReadOnly)) return -1;
    const QByteArray bytes = f.readAll();
    // Header: "P6\n<w> <h>\n<max>\n", possibly with comments.
    QList<QByteArray> fields;
    int pos = 0;
    while (fields.size() < 4 && pos < bytes.size()) {
        while (pos < bytes.size() && QChar(bytes[pos]).isSpace()) ++pos;
        if (bytes[pos] == '#') {
            while (pos < bytes.size() && bytes[pos] != '\n') ++pos;
            continue;
        }
        const int start = pos;
        while (pos < bytes.size() && !QChar(bytes[pos]).isSpace()) ++pos;
        fields << bytes.mid(start, pos - start);
    }
    ++pos;  // the single whitespace after maxval
    if (fields.size() < 4 || fields[0] != "P6") return -1;
    const int w = fields[1].toInt(), h = fields[2].toInt();
    int coloured = 0;
    for (int i = 0; i < w * h && pos + 3 * i + 2 < bytes.size(); ++i) {
        const auto r = static_cast<unsigned char>(bytes[pos + 3 * i]);
        const auto g = static_cast<unsigned char>(bytes[pos + 3 * i + 1]);
        const auto b = static_cast<unsigned char>(bytes[pos + 3 * i + 2]);
        if (std::max({r, g, b}) - std::min({r, g, b}) > 80) ++coloured;
    }
    return coloured;
}

}  // namespace

class TestCliReport : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    QString db_, data_;
    qint64 runId_ = 0;
    QString aurocText_;
    QJsonObject show_;

    bool havePoppler() const {
        for (const char* tool : {"pdfinfo", "pdftotext", "pdfimages", "pdftoppm"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty()) return false;
        return true;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        data_ = dir_.filePath(QStringLiteral("demo"));
        db_ = dir_.filePath(QStringLiteral("results.sqlite"));
        Result r = runDaclWith({"demo-data", "--output", data_, "--records", "160", "--quiet"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runDaclWith({"pipeline", "--data", data_, "--folds", "2", "--db", db_, "--no-cache", "--name", "report test",
                         "--set", "vae.epochs=10", "--set", "train.epochs=3", "--set", "threads=2", "--set", "seq.vae_epochs=4",
                         "--set", "seq.epochs=2", "--set", "seq.finetune_epochs=2", "--set", "seq.steps_per_epoch=10",
                         "--baselines", "st_lr", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err.right(3000)));
        runId_ = lastJsonLine(r.out)["run_id"].toInteger();
        QVERIFY(runId_ > 0);
        r = runDaclWith({"runs", "show", "--db", db_, "--run", QString::number(runId_), "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        show_ = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const double auroc = show_["final_metrics"].toObject()["auroc"].toObject()["mean"].toDouble();
        QVERIFY(auroc > 0);
        aurocText_ = QString::number(auroc, 'f', 3);
    }

    void pdfReportHasPagesAurocAndPlots() {
        if (!havePoppler()) QSKIP("poppler-utils (pdfinfo, pdftotext, pdfimages, pdftoppm) not installed");
        const QString pdf = dir_.filePath(QStringLiteral("report.pdf"));
        const Result r =
            runDaclWith({"report", "--db", db_, "--run", QString::number(runId_), "--output", pdf}, /*headless=*/true);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QFileInfo(pdf).size() > 10000);

        const Result info = run(QStringLiteral("pdfinfo"), {pdf});
        QCOMPARE(info.exitCode, 0);
        const auto pages = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info.out);
        QVERIFY2(pages.hasMatch(), qPrintable(info.out));
        QVERIFY2(pages.captured(1).toInt() >= 2, qPrintable(info.out));

        const Result text = run(QStringLiteral("pdftotext"), {"-layout", pdf, "-"});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(aurocText_), qPrintable(aurocText_ + " not in:\n" + text.out.left(3000)));
        for (const char* heading : {"Metrics", "ROC and precision", "Embedding map", "Training curves", "Per-fold results",
                                    "Baselines", "Settings", "Dataset"})
            QVERIFY2(text.out.contains(QString::fromLatin1(heading)), heading);
        QVERIFY(text.out.contains(QStringLiteral("st_lr")));            // the baseline's row
        QVERIFY(text.out.contains(QStringLiteral("report test")));      // run name
        QVERIFY(text.out.contains(show_["data_fingerprint"].toString()));
        // Searchable as typed: no ligature glyphs (U+FB00–U+FB06) in place of "ff", "fi", "fl".
        static const QRegularExpression ligature(QStringLiteral("[\\x{FB00}-\\x{FB06}]"));
        QVERIFY2(!text.out.contains(ligature), qPrintable(text.out.left(1500)));
        // The ECG strip of the default record: its name and probability are printed.
        QVERIFY2(text.out.contains(QStringLiteral("model probability of AF (A)")), qPrintable(text.out.right(3000)));

        const Result images = run(QStringLiteral("pdfimages"), {"-list", pdf});
        QCOMPARE(images.exitCode, 0);
        QVERIFY2(images.out.split('\n', Qt::SkipEmptyParts).size() >= 3, qPrintable(images.out));  // header, rule, ≥1 image

        // Page 1 carries the ROC and PR curves: coloured lines on a white page.
        const QString prefix = dir_.filePath(QStringLiteral("page1"));
        QCOMPARE(run(QStringLiteral("pdftoppm"), {"-r", "40", "-f", "1", "-l", "1", "-singlefile", pdf, prefix}).exitCode, 0);
        const int coloured = colouredPixels(prefix + QStringLiteral(".ppm"));
        QVERIFY2(coloured > 150, qPrintable(QString::number(coloured)));
    }

    void htmlReportIsSelfContainedWithPlots() {
        const QString html = dir_.filePath(QStringLiteral("report.html"));
        const Result r = runDaclWith({"report", "--db", db_, "--run", QString::number(runId_), "--output", html}, true);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile f(html);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY(text.contains(aurocText_));
        // ROC, PR, embedding map, ECG strip and at least one training curve, all inline.
        const QStringList images = text.split(QStringLiteral("<img src=\"data:image/png;base64,"));
        QVERIFY2(images.size() - 1 >= 5, qPrintable(QString::number(images.size() - 1)));
        const QByteArray png = QByteArray::fromBase64(images[1].section(QLatin1Char('"'), 0, 0).toLatin1());
        QVERIFY(png.startsWith("\x89PNG"));
        QVERIFY(png.size() > 5000);
        QVERIFY(!text.contains(QStringLiteral("src=\"http")));  // nothing fetched from elsewhere
        QVERIFY(text.contains(QStringLiteral("alt=\"ECG strip of record")));
    }

    void chosenRecordIsShown() {
        if (!havePoppler()) QSKIP("poppler-utils not installed");
        // A negative test record: not the default choice.
        const Result e = runDaclWith({"runs", "export", "--db", db_, "--run", QString::number(runId_)});
        QCOMPARE(e.exitCode, 0);
        QString record;
        for (const auto v : QJsonDocument::fromJson(e.out.toUtf8()).object()["predictions"].toArray())
            if (v.toObject()["label"].toInt() == 0) record = v.toObject()["record"].toString();
        QVERIFY(!record.isEmpty());
        const QString pdf = dir_.filePath(QStringLiteral("record.pdf"));
        const Result r = runDaclWith(
            {"report", "--db", db_, "--run", QString::number(runId_), "--output", pdf, "--record", record, "--data", data_},
            true);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const Result text = run(QStringLiteral("pdftotext"), {pdf, "-"});
        QVERIFY2(text.out.contains(QStringLiteral("Record ") + record), qPrintable(record));
    }

    void badInputGivesClearErrors() {
        const QString pdf = dir_.filePath(QStringLiteral("x.pdf"));
        Result r = runDaclWith({"report", "--db", db_, "--run", "999", "--output", pdf}, true);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("no run with id 999")), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(pdf));

        r = runDaclWith({"report", "--db", db_, "--run", QString::number(runId_), "--output", "/nonexistent-dir/r.pdf"}, true);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("/nonexistent-dir/r.pdf")), qPrintable(r.err));

        r = runDaclWith({"report", "--db", db_, "--run", QString::number(runId_), "--output", dir_.filePath("r.docx")}, true);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral(".pdf, .html")), qPrintable(r.err));

        r = runDaclWith({"report", "--db", dir_.filePath("none.sqlite"), "--run", "1", "--output", pdf}, true);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("none.sqlite")), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(dir_.filePath("none.sqlite")));

        r = runDaclWith({"report", "--db", db_, "--run", QString::number(runId_), "--output", pdf, "--record", "NOPE"}, true);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("NOPE")), qPrintable(r.err));
    }

    void otherCommandsNeverStartQt() {
        // With a platform plugin that does not exist, anything creating a QApplication aborts.
        const Result r = runDaclWith({"runs", "list", "--db", db_}, true, QStringLiteral("no-such-platform"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("report test")));
    }
};

QTEST_GUILESS_MAIN(TestCliReport)
#include "test_cli_report.moc"
