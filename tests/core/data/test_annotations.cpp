// MIT-format annotation files: beat and rhythm annotations, SKIP, NUM/SUB/CHN, AUX strings,
// rhythm intervals, and errors for truncated files.
#include "core/common/error.h"
#include "core/data/annotations.h"
#include "core/data/test_files.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace dacl;

namespace {

// One 16-bit little-endian word with code `a` and field `i`, as annot(5) lays them out.
QByteArray word(int a, int i) {
    const unsigned w = (static_cast<unsigned>(a) << 10) | static_cast<unsigned>(i);
    return QByteArray(1, static_cast<char>(w & 0xFF)) + QByteArray(1, static_cast<char>(w >> 8));
}

}  // namespace

class TestAnnotations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // A file assembled word by word from the specification.
    void decodesHandBuiltFile() {
        QByteArray b;
        b += word(1, 100);                                   // N at 100
        b += word(28, 50);                                   // rhythm change at 150 ...
        b += word(63, 5) + QByteArray("(AFIB\0", 6);         // ... AUX "(AFIB" (odd length: one pad byte)
        b += word(59, 0) + word(0, 1) + word(0, 0x2345);     // SKIP 0x00012345 = 74565 samples
        b += word(5, 10);                                    // V at 150 + 74565 + 10
        b += word(62, 2) + word(60, 7) + word(61, 3);        // CHN 2, NUM 7, SUB 3 of that V
        b += word(1, 300);                                   // N: chan and num carry over, subtype does not
        b += word(28, 0) + word(63, 2) + QByteArray("(N", 2);
        b += word(0, 0);                                     // end of file
        b += QByteArray("ignored after the end", 21);
        const auto a = decodeAnnotations(b.toStdString(), 250.0, "x.atr");
        QCOMPARE(a.size(), std::size_t(5));
        QCOMPARE(a[0].sample, 100L);
        QCOMPARE(a[0].code, anncode::NORMAL);
        QCOMPARE(a[0].symbol(), std::string("N"));
        QVERIFY(a[0].isBeat());
        QCOMPARE(a[0].timeS, 0.4);
        QCOMPARE(a[1].sample, 150L);
        QCOMPARE(a[1].code, anncode::RHYTHM);
        QCOMPARE(a[1].symbol(), std::string("+"));
        QVERIFY(!a[1].isBeat());
        QCOMPARE(a[1].aux, std::string("(AFIB"));
        QCOMPARE(a[2].sample, 150L + 74565L + 10L);
        QCOMPARE(a[2].symbol(), std::string("V"));
        QCOMPARE(a[2].channel, 2);
        QCOMPARE(a[2].num, 7);
        QCOMPARE(a[2].subtype, 3);
        QCOMPARE(a[3].sample, a[2].sample + 300);
        QCOMPARE(a[3].channel, 2);
        QCOMPARE(a[3].num, 7);
        QCOMPARE(a[3].subtype, 0);
        QVERIFY(a[3].aux.empty());
        QCOMPARE(a[4].aux, std::string("(N"));
        QCOMPARE(a[4].sample, a[3].sample);
    }

    void roundTripThroughAFile() {
        std::vector<Annotation> in;
        auto add = [&](long t, int code, const std::string& aux = "", int sub = 0, int chan = 0, int num = 0) {
            Annotation a;
            a.sample = t;
            a.code = code;
            a.aux = aux;
            a.subtype = sub;
            a.channel = chan;
            a.num = num;
            in.push_back(a);
        };
        add(0, anncode::RHYTHM, "(N");
        add(1023, anncode::NORMAL);
        add(1024, anncode::NORMAL);          // largest step without SKIP, then the smallest
        add(2048, anncode::APC, "", 0, 1);
        add(5'000'000, anncode::RHYTHM, "(AFL");  // needs SKIP
        add(5'000'000, anncode::PVC, "", 0, 1, 3);
        add(5'000'001, anncode::NOISE, "", -1);  // "unreadable" noise: subtype -1
        add(5'000'100, anncode::NOTE, "free text with an even length!");
        QTemporaryDir dir;
        const std::string path = dir.filePath("r.atr").toStdString();
        writeAnnotations(path, in);
        const auto out = readAnnotations(path, 500.0);
        QCOMPARE(out.size(), in.size());
        for (std::size_t i = 0; i < in.size(); ++i) {
            QCOMPARE(out[i].sample, in[i].sample);
            QCOMPARE(out[i].code, in[i].code);
            QCOMPARE(out[i].aux, in[i].aux);
            QCOMPARE(out[i].subtype, in[i].subtype);
            QCOMPARE(out[i].channel, in[i].channel);
            QCOMPARE(out[i].num, in[i].num);
            QCOMPARE(out[i].timeS, in[i].sample / 500.0);
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, encodeAnnotations({in[2], in[1]}));
    }

    void rhythmIntervalsFromAuxStrings() {
        auto rhythm = [](long t, const std::string& aux) {
            Annotation a;
            a.sample = t;
            a.code = anncode::RHYTHM;
            a.aux = aux;
            return a;
        };
        Annotation beat;
        beat.sample = 50;
        beat.code = anncode::NORMAL;
        beat.aux = "(AFIB";  // AUX on a beat is not a rhythm change
        const std::vector<Annotation> anns{beat,
                                           rhythm(100, "(N"),
                                           rhythm(1000, "(AFIB"),
                                           rhythm(2000, "(AFIB"),  // repeated: no new stretch
                                           rhythm(3000, "(AFL"),
                                           rhythm(3000, "(N"),     // same sample: the later one wins
                                           rhythm(5000, "(AFIB")};
        const auto iv = rhythmIntervals(anns, 8000);
        QCOMPARE(iv.size(), std::size_t(4));
        const char* names[] = {"N", "AFIB", "N", "AFIB"};
        const long bounds[] = {100, 1000, 3000, 5000, 8000};
        for (std::size_t i = 0; i < 4; ++i) {
            QCOMPARE(iv[i].rhythm, std::string(names[i]));
            QCOMPARE(iv[i].start, bounds[i]);
            QCOMPARE(iv[i].end, bounds[i + 1]);
        }
        // A change that is overridden at the same sample by the running rhythm leaves one stretch.
        const auto merged = rhythmIntervals({rhythm(0, "(N"), rhythm(10, "(AFL"), rhythm(10, "(N")}, 500);
        QCOMPARE(merged.size(), std::size_t(1));
        QCOMPARE(merged[0].rhythm, std::string("N"));
        QCOMPARE(merged[0].end, 500L);
        QVERIFY(rhythmIntervals({beat}, 500).empty());
    }

    void truncatedFilesNameFileAndByte_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("aux cut off") << (word(28, 1) + word(63, 5) + QByteArray("(AF", 3)) << "AUX text of 5 bytes cut off at byte 4";
        QTest::newRow("skip cut off") << (word(1, 1) + word(59, 0) + word(0, 1)) << "SKIP interval cut off at byte 6";
        QTest::newRow("odd byte") << (word(1, 1) + QByteArray("\x01", 1)) << "odd byte at the end (byte 2)";
        QTest::newRow("modifier first") << word(60, 3) << "before any annotation";
    }

    void truncatedFilesNameFileAndByte() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath("bad.atr");
        testfiles::writeText(path, bytes);
        try {
            readAnnotations(path.toStdString(), 360);
            QFAIL("no error");
        } catch (const InputError& e) {
            QCOMPARE(QString::fromStdString(e.file()), path);
            QVERIFY2(QString::fromStdString(e.reason()).contains(expected), e.what());
        }
    }

    void fileWithoutEndMarkerIsAccepted() {
        const auto a = decodeAnnotations((word(1, 5) + word(1, 5)).toStdString(), 100, "x.atr");
        QCOMPARE(a.size(), std::size_t(2));
        QCOMPARE(a[1].sample, 10L);
    }

    void missingFile() {
        QVERIFY_THROWS_EXCEPTION(InputError, readAnnotations("/nonexistent/x.atr", 360));
    }
};

QTEST_APPLESS_MAIN(TestAnnotations)
#include "test_annotations.moc"
