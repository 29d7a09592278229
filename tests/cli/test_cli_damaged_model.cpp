// A real trained run (a small pooled pipeline on demo data) against damage and read-only media
// (issue 18 §5, §7): one flipped bit in the stored model makes `dacl predict` fail naming the run
// and the artefact, instead of scoring with a corrupted model; the intact results file predicts
// from a folder nobody may write to.
#include "hostile_files.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>

#include <sys/stat.h>

using namespace dacl::testcli;

class TestCliDamagedModel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;

private Q_SLOTS:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    // A real trained run: a damaged model is named when predict loads it, and the intact file
    // predicts from a read-only folder.
    void aDamagedModelIsNamedAndAReadOnlyFilePredicts() {
        const QString data = dir_.filePath("demo2"), db = dir_.filePath("model.db");
        QVERIFY(runDacl({"demo-data", "--output", data, "--records", "80", "--quiet"}, 60).exitCode == 0);
        const Result train = runDacl({"pipeline", "--data", data, "--db", db, "--folds", "1", "--no-cache", "--set",
                                      "repr=pooled", "--set", "vae.epochs=2", "--set", "train.epochs=1", "--set",
                                      "eval.bootstrap=20", "--set", "threads=2"}, 120);
        QVERIFY2(train.exitCode == 0, qPrintable(train.err.right(2000)));

        // Flip one bit in the middle of the stored representation model, in the file's bytes.
        std::vector<unsigned char> model;
        {
            dacl::store::OpenOptions ro;
            ro.readOnly = true;
            dacl::store::ResultsStore st(db.toStdString(), ro);
            model = st.namedArtefact(1, dacl::store::metric::kModel, "representation")->data;
        }
        QVERIFY(model.size() > 1000);
        const QByteArray chunk(reinterpret_cast<const char*>(model.data()) + model.size() / 2, 64);
        const QString damaged = dir_.filePath("damaged.db");
        QFile f(db);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray bytes = f.readAll();
        const auto at = bytes.indexOf(chunk);
        QVERIFY(at > 0);
        bytes[at + 10] = static_cast<char>(bytes[at + 10] ^ 0x04);
        writeFile(damaged, bytes);
        const Result bad = runDacl({"predict", "--db", damaged, "--run", "1", "--input", data, "--output",
                                    dir_.filePath("bad.csv")}, 120);
        QVERIFY2(bad.exitCode == 1, qPrintable(bad.err.right(2000)));
        QVERIFY2(bad.err.contains(damaged + ": run 1 ('") && bad.err.contains("model/representation") &&
                     bad.err.contains("damaged"),
                 qPrintable(bad.err.right(2000)));

        // The intact file in a folder nobody may write to: predictions still come out.
        const QString folder = dir_.filePath("readonly-model"), out = dir_.filePath("out");
        QVERIFY(QDir().mkpath(folder) && QDir().mkpath(out));
        QVERIFY(QFile::copy(db, folder + "/model.db"));
        QVERIFY(::chmod(qPrintable(folder + "/model.db"), 0444) == 0 && ::chmod(qPrintable(folder), 0555) == 0);
        QVERIFY(::chmod(qPrintable(out), 0777) == 0 && ::chmod(qPrintable(dir_.path()), 0755) == 0);
        QVERIFY(QProcess::execute("chmod", {"-R", "a+rX", data}) == 0);
        const Result ok = runUnprivileged({"predict", "--db", folder + "/model.db", "--run", "1", "--input", data,
                                           "--output", out + "/p.csv"});
        QVERIFY2(ok.exitCode == 0 && QFile::exists(out + "/p.summary.csv"), qPrintable(ok.err.right(2000)));
        QVERIFY(::chmod(qPrintable(folder), 0755) == 0);
    }
};

QTEST_APPLESS_MAIN(TestCliDamagedModel)
#include "test_cli_damaged_model.moc"
