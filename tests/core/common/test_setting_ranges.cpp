// Every numeric setting has a valid range, enforced where settings are parsed (issue 18): a typo
// such as threads=9999, preprocess.fs=0 or vae.lr=1e308 is refused at once with the range in the
// message, instead of starting 1,300 threads or training to a NULL loss hours later.
#include "core/common/settings.h"

#include <QtTest>

#include <cmath>
#include <thread>

using dacl::Settings;
using dacl::SettingSpec;

namespace {

std::string refusal(Settings& s, const std::string& assignment) {
    try {
        s.set(assignment);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return {};
}

}  // namespace

class TestSettingRanges : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyNumberHasARangeHoldingItsDefault() {
        for (const SettingSpec& spec : Settings::specs()) {
            if (!spec.defaultValue.is_number()) continue;
            QVERIFY2(std::isfinite(spec.min) && std::isfinite(spec.max), spec.key.c_str());
            const double d = spec.defaultValue.get<double>();
            QVERIFY2(spec.min <= d && d <= spec.max, spec.key.c_str());
            QVERIFY2(!dacl::rangeText(spec).empty(), spec.key.c_str());
        }
    }

    void outOfRangeIsRefusedWithTheRange() {
        Settings s;
        const std::string threads = refusal(s, "threads=9999");
        QVERIFY2(threads.find("threads") != std::string::npos, threads.c_str());
        const std::string limit = std::to_string(dacl::maxThreads());
        QVERIFY2(threads.find("0 .. " + limit) != std::string::npos, threads.c_str());
        QCOMPARE(dacl::maxThreads(), 4 * static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));

        for (const char* a : {"preprocess.fs=0", "preprocess.fs=1e23", "data.lead=-1", "vae.lr=1e308", "train.lr=0",
                              "vae.epochs=0", "scatter.J=40", "seed=-5", "eval.val_fraction=1",
                              "threads=99999999999999999999999", "train.threads=-1"}) {
            const std::string m = refusal(s, a);
            QVERIFY2(m.find("outside the valid range") != std::string::npos, (std::string(a) + ": " + m).c_str());
            const std::string key = std::string(a).substr(0, std::string(a).find('='));
            QVERIFY2(m.find("'" + key + "'") != std::string::npos, m.c_str());
        }
        // A stored run or config from a machine with more cores loads, its thread counts capped.
        Settings stored;
        stored.merge(nlohmann::json{{"threads", 100000}, {"train.threads", 100000}}, "run 7");
        QCOMPARE(stored.getInt("threads"), static_cast<long long>(dacl::maxThreads()));
        QCOMPARE(stored.getInt("train.threads"), static_cast<long long>(dacl::maxThreads()));
        // Config files go through the same check otherwise.
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.merge(nlohmann::json{{"vae.batch", 0}}, "cfg.json"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.merge(nlohmann::json{{"seed", 1e30}}, "cfg.json"));
        QCOMPARE(s.changed().size(), std::size_t(0));  // nothing refused was kept
    }

    void theEdgesOfARangeAreAccepted() {
        Settings s;
        s.set("threads=" + std::to_string(dacl::maxThreads()));
        s.set("threads=0");
        s.set("scatter.max_order=1");
        s.set("preprocess.fs=50");
        QCOMPARE(s.getDouble("preprocess.fs"), 50.0);
        s.set("seq.finetune_epochs=0");
    }

    void invalidUtf8InAValueGivesAnErrorNotAnException() {
        Settings s;
        const std::string m = refusal(s, "vae.lr=\xff\xfe");
        QVERIFY2(m.find("vae.lr") != std::string::npos && m.find("expected a number") != std::string::npos, m.c_str());
    }
};

QTEST_APPLESS_MAIN(TestSettingRanges)
#include "test_setting_ranges.moc"
