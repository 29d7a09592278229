// The Training tab's one progress figure for a whole pipeline job: it rises from 0 to 1 through
// the stages and folds in the order core sends them (stage counters that restart, folds that
// overlap), never goes back, names the stage with 1-based folds, and gives an ETA once enough
// of the job is done.
#include "ui/jobs/overall_progress.h"

#include <QtTest>

using namespace dacl;
using dacl::ui::OverallProgress;

class TestOverallProgress : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void risesOnceThroughStagesAndFolds() {
        OverallProgress p;
        p.start(true);
        QCOMPARE(p.fraction(), 0.0);
        QCOMPARE(p.etaSeconds(10), -1.0);
        double last = 0;
        auto rises = [&](const char* where) {
            QVERIFY2(p.fraction() >= last, where);
            last = p.fraction();
        };
        p.onEvent(event::StageStarted{1, PipelineStage::Features});
        QCOMPARE(p.stageText(), QStringLiteral("Features"));
        for (int i = 1; i <= 10; ++i) {
            p.onStageProgress(i, 10);
            rises("features");
        }
        QVERIFY(p.fraction() > 0.15 && p.fraction() <= 0.2 + 1e-12);
        p.onEvent(event::StageFinished{1, PipelineStage::Features, 3.0});
        p.onEvent(event::StageStarted{1, PipelineStage::Training});
        // Two workers: the final model and fold 0 train at once, each stage's counter restarts.
        p.onEvent(event::FoldStarted{1, kFinalModelFold, 2});
        p.onEvent(event::FoldStarted{1, 0, 2});
        QCOMPARE(p.stageText(), QStringLiteral("Training · final model, fold 1 of 2"));
        for (int stage = 0; stage < 2; ++stage)
            for (int e = 1; e <= 5; ++e) {
                p.onStageProgress(e, 5);
                rises("training");
            }
        p.onEvent(event::FoldFinished{1, 0, 2});
        rises("fold 1 done");
        p.onEvent(event::FoldStarted{1, 1, 2});
        p.onStageProgress(1, 5);  // the next fold's first epoch: the bar must not drop
        rises("fold 2 starts");
        p.onEvent(event::FoldFinished{1, kFinalModelFold, 2});
        p.onEvent(event::FoldFinished{1, 1, 2});
        rises("folds done");
        QVERIFY(std::abs(p.fraction() - 0.95) < 1e-9);  // features + training
        QVERIFY(p.etaSeconds(95.0) > 4.9 && p.etaSeconds(95.0) < 5.1);  // 95 s for 95 %: 5 s left
        p.onEvent(event::StageFinished{1, PipelineStage::Training, 60.0});
        p.onEvent(event::StageStarted{1, PipelineStage::FinalMetrics});
        QCOMPARE(p.stageText(), QStringLiteral("Final metrics"));
        p.onEvent(event::StageFinished{1, PipelineStage::FinalMetrics, 1.0});
        QCOMPARE(p.fraction(), 1.0);
        QCOMPARE(p.etaSeconds(100), 0.0);
        QCOMPARE(p.stageText(), QStringLiteral("Finished"));
    }

    void withoutAFinalModelTheFoldsFillTraining() {
        OverallProgress p;
        p.start(false);
        p.onEvent(event::StageStarted{1, PipelineStage::Features});
        p.onEvent(event::StageFinished{1, PipelineStage::Features, 1.0});
        p.onEvent(event::StageStarted{1, PipelineStage::Training});
        p.onEvent(event::FoldStarted{1, 0, 1});
        p.onEvent(event::FoldFinished{1, 0, 1});
        QVERIFY(std::abs(p.fraction() - 0.95) < 1e-9);
    }

    void aNewJobStartsAtZero() {
        OverallProgress p;
        p.start(true);
        p.onEvent(event::StageStarted{1, PipelineStage::Features});
        p.onStageProgress(5, 10);
        QVERIFY(p.fraction() > 0);
        p.start(true);
        QCOMPARE(p.fraction(), 0.0);
        QCOMPARE(p.stageText(), QStringLiteral("Opening the dataset"));
    }
};

QTEST_MAIN(TestOverallProgress)
#include "test_overall_progress.moc"
