// Settings: defaults from method.md, typed `key=value` overrides, config files, clear errors.
#include "core/common/settings.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using dacl::Settings;

class TestSettings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultsFollowTheMethod() {
        Settings s;
        QCOMPARE(s.getInt("scatter.J"), 7LL);
        QCOMPARE(s.getInt("scatter.Q1"), 8LL);
        QCOMPARE(s.getInt("window.n"), 3072LL);
        QCOMPARE(s.getInt("vae.latent"), 32LL);
        QCOMPARE(s.getDouble("vae.beta"), 0.01);
        QCOMPARE(s.getInt("diffusion.t_max"), 100LL);
        QCOMPARE(s.getDouble("train.temperature"), 0.1);
        QCOMPARE(s.getString("diffusion.schedule"), std::string("linear"));
        QVERIFY(s.changed().empty());
    }

    void assignmentsAreTyped() {
        Settings s;
        s.set("diffusion.t_max=1000");
        s.set("encoder.time_conditioning=false");
        s.set("vae.beta=0.5");
        s.set("diffusion.schedule=cosine");
        QCOMPARE(s.getInt("diffusion.t_max"), 1000LL);
        QCOMPARE(s.getBool("encoder.time_conditioning"), false);
        QCOMPARE(s.getDouble("vae.beta"), 0.5);
        QCOMPARE(s.changed().size(), std::size_t(4));
    }

    void badAssignmentsNameTheKeyAndReason() {
        Settings s;
        auto message = [&](const std::string& a) -> std::string {
            try {
                s.set(a);
            } catch (const std::invalid_argument& e) {
                return e.what();
            }
            return {};
        };
        QVERIFY(message("nonsense.key=1").find("unknown setting 'nonsense.key'") != std::string::npos);
        QVERIFY(message("scatter.J=seven").find("scatter.J") != std::string::npos);
        QVERIFY(message("scatter.J=7.5").find("integer") != std::string::npos);
        QVERIFY(message("diffusion.schedule=quadratic").find("linear, cosine") != std::string::npos);
        QVERIFY(message("vae.beta=nan").find("vae.beta") != std::string::npos);
        QVERIFY(message("novalue").find("key=value") != std::string::npos);
        QCOMPARE(s.getInt("scatter.J"), 7LL);  // failed assignments change nothing
    }

    void configFileIsMergedAndErrorsNameTheFile() {
        QTemporaryDir dir;
        const std::string good = dir.filePath("good.json").toStdString();
        std::ofstream(good) << R"({"train.epochs": 5, "st.layers": 0})";
        Settings s;
        s.mergeFile(good);
        QCOMPARE(s.getInt("train.epochs"), 5LL);
        QCOMPARE(s.getInt("st.layers"), 0LL);

        const std::string bad = dir.filePath("bad.json").toStdString();
        std::ofstream(bad) << R"({"train.epochs": "many"})";
        try {
            s.mergeFile(bad);
            QFAIL("expected an error");
        } catch (const std::invalid_argument& e) {
            QVERIFY(std::string(e.what()).find(bad) != std::string::npos);
            QVERIFY(std::string(e.what()).find("train.epochs") != std::string::npos);
        }
        const std::string broken = dir.filePath("broken.json").toStdString();
        std::ofstream(broken) << "{ not json";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.mergeFile(broken));
    }
};

QTEST_APPLESS_MAIN(TestSettings)
#include "test_settings.moc"
