// Task definitions: which class letters are positive, negative or excluded.
#include "core/eval/tasks.h"

#include <QtTest>

using namespace dacl::eval;

class TestEvalTasks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void labels() {
        QCOMPARE(taskLabel("af_vs_rest", "A"), std::optional<int>(1));
        for (const char* c : {"N", "O", "~"}) QCOMPARE(taskLabel("af_vs_rest", c), std::optional<int>(0));
        QCOMPARE(taskLabel("af_vs_normal", "A"), std::optional<int>(1));
        QCOMPARE(taskLabel("af_vs_normal", "N"), std::optional<int>(0));
        QVERIFY(!taskLabel("af_vs_normal", "O"));
        QVERIFY(!taskLabel("af_vs_normal", "~"));
        QCOMPARE(taskLabel("normal_vs_abnormal", "N"), std::optional<int>(0));
        for (const char* c : {"A", "O", "~"}) QCOMPARE(taskLabel("normal_vs_abnormal", c), std::optional<int>(1));
        QCOMPARE(taskLabel("challenge4", "N"), std::optional<int>(kClassN));
        QCOMPARE(taskLabel("challenge4", "A"), std::optional<int>(kClassA));
        QCOMPARE(taskLabel("challenge4", "O"), std::optional<int>(kClassO));
        QCOMPARE(taskLabel("challenge4", "~"), std::optional<int>(kClassNoisy));
    }

    void namesAndInfo() {
        QCOMPARE(taskNames(), (std::vector<std::string>{"af_vs_rest", "af_vs_normal", "normal_vs_abnormal", "challenge4"}));
        for (const std::string& t : taskNames()) QCOMPARE(taskInfo(t).name, t);
        QVERIFY(isBinaryTask("af_vs_rest"));
        QVERIFY(!isBinaryTask("challenge4"));
        QCOMPARE(taskInfo("challenge4").classes, 4);
    }

    void unknownNamesAreClearErrors() {
        try {
            taskLabel("af_vs_everything", "A");
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            const QString msg = e.what();
            QVERIFY(msg.contains("af_vs_everything"));
            QVERIFY(msg.contains("af_vs_rest"));  // lists the valid names
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, taskLabel("af_vs_rest", "X"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, classCode(""));
    }
};

QTEST_APPLESS_MAIN(TestEvalTasks)
#include "test_eval_tasks.moc"
