// Replays the fuzz corpus (tests/fuzz/corpus/<target>/, issue 18 §8) through the normal readers in
// every CI run: each input the fuzzer ever found (a crash, an error that did not name the file, a
// non-finite result) is kept there after its fix, together with the seeds. Every file must give a
// result or a clear error naming the file, never a crash; seeds (seed_*) are valid files and must
// read. The bytes reach the readers exactly as the fuzzer fed them (tests/fuzz/fuzz_inputs.h).
#include "tests/fuzz/fuzz_inputs.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QString corpusDir() { return QFileInfo(QStringLiteral(__FILE__)).dir().filePath(QStringLiteral("../../fuzz/corpus")); }

}  // namespace

class TestFuzzCorpusReplay : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyTargetHasACorpus() {
        for (const std::string& t : dacl::fuzz::targets()) {
            const QDir dir(corpusDir() + QLatin1Char('/') + QString::fromStdString(t));
            QVERIFY2(!dir.entryList(QDir::Files).isEmpty(), qPrintable(dir.path() + " is empty or missing"));
        }
    }

    void corpusFileGivesResultOrNamedError_data() {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("path");
        int rows = 0;
        for (const std::string& t : dacl::fuzz::targets()) {
            const QString target = QString::fromStdString(t);
            const QDir dir(corpusDir() + QLatin1Char('/') + target);
            for (const QFileInfo& f : dir.entryInfoList(QDir::Files, QDir::Name)) {
                QTest::newRow(qPrintable(target + QLatin1Char('/') + f.fileName())) << target << f.filePath();
                ++rows;
            }
        }
        QVERIFY(rows > 0);
    }

    void corpusFileGivesResultOrNamedError() {
        QFETCH(QString, target);
        QFETCH(QString, path);
        QFile f(path);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray bytes = f.readAll();
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const dacl::fuzz::Outcome o = dacl::fuzz::feed(target.toStdString(), bytes.toStdString(),
                                                       tmp.path().toStdString());
        QVERIFY2(o.errorNamesFile(), qPrintable("error does not name " + QString::fromStdString(o.file) + ": " +
                                                QString::fromStdString(o.error)));
        QVERIFY2(o.nonsense.empty(), qPrintable(QString::fromStdString(o.nonsense)));
        if (QFileInfo(path).fileName().startsWith(QLatin1String("seed_")))
            QVERIFY2(o.ok, qPrintable("a valid seed file failed: " + QString::fromStdString(o.error)));
    }
};

QTEST_APPLESS_MAIN(TestFuzzCorpusReplay)
#include "test_fuzz_corpus_replay.moc"
