// Data-parallel training of the sequence encoder and of the per-frame VAE on c10d/Gloo over
// loopback: two ranks (threads of this process, each with its own process group and 1 intra-op
// thread) with batch B train the same weights as one process with batch 2B (the encoder in both
// stages); bytes travel from rank 0 and between all ranks; a rank that stops makes the other fail
// with a clear error instead of hanging; a group that never fills up times out.
#include "core/ml/distributed.h"
#include "core/ml/runtime_info.h"
#include "common/rhythm_sequences.h"
#include "common/small_sequence_settings.h"
#include "core/ml/sequence_trainer.h"
#include "core/ml/vae.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <exception>
#include <random>
#include <stdexcept>
#include <thread>

using namespace dacl::ml;

namespace {

// Records whose class is a rhythm in time (as in test_sequence_trainer), of different lengths.
SequenceSet makeSet(std::size_t n, std::uint64_t seed, std::vector<int>& labels) {
    return dacl::testing::rhythmSequences(n, seed, labels, 3, 40, 16);
}

// One epoch per stage, so the kept weights are those after the last of its K steps.
SequenceTrainSettings small(int batch) {
    SequenceTrainSettings s = dacl::testing::smallSequenceSettings();
    s.batch = batch;
    s.epochs = 1;
    s.stepsPerEpoch = 5;
    s.warmupEpochs = 0;
    s.finetuneEpochs = 1;
    s.probeRecords = 40;
    s.seed = 7;
    return s;
}

struct Data {
    std::vector<int> y, yv;
    SequenceSet train = makeSet(60, 1, y), val = makeSet(20, 2, yv);
};

// What each stage's model computes on the validation records, and the weights.
struct Trained {
    std::vector<float> embedding, proba, weights;
    double supConLoss = 0, finetuneLoss = 0;
};

Trained train(SequenceTrainer& t, const Data& d) {
    Trained out;
    t.trainContrastive(d.train, d.y, d.val, d.yv, [&](const SequenceEpoch& e) { out.supConLoss = e.loss; });
    out.embedding = t.embed(d.val).data;
    t.trainSupervised(d.train, d.y, d.val, d.yv, [&](const SequenceEpoch& e) { out.finetuneLoss = e.loss; });
    out.proba = t.classProba(d.val).data;
    out.weights = t.flatParameters();
    return out;
}

float maxAbsDiff(const std::vector<float>& a, const std::vector<float>& b) {
    if (a.size() != b.size()) return INFINITY;
    float m = 0;
    for (std::size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(a[i] - b[i]));
    return m;
}

DistributedSettings loopback(int port, int rank, double timeout) {
    DistributedSettings s;
    s.masterAddr = "127.0.0.1";
    s.masterPort = port;
    s.worldSize = 2;
    s.rank = rank;
    s.timeoutSeconds = timeout;
    return s;
}

// Runs `body(rank)` on two threads; returns each rank's exception message ("" when none).
template <class Body>
std::vector<std::string> onTwoRanks(Body body) {
    std::vector<std::string> error(2);
    std::vector<std::thread> ranks;
    for (int r = 0; r < 2; ++r)
        ranks.emplace_back([&, r] {
            try {
                body(r);
            } catch (const std::exception& e) {
                error[static_cast<std::size_t>(r)] = e.what();
            }
        });
    for (auto& t : ranks) t.join();
    return error;
}

// Rows of `cols` correlated values (a few latent factors and noise), seeded.
Matrix factorRows(std::size_t rows, std::size_t cols, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    Matrix m(rows, cols);
    for (std::size_t r = 0; r < rows; ++r) {
        const float a = normal(rng), b = normal(rng);
        for (std::size_t c = 0; c < cols; ++c) m(r, c) = a * static_cast<float>(c % 3) - b * static_cast<float>(c % 2) + 0.1f * normal(rng);
    }
    return m;
}

// K = 3 epochs of a small VAE, no early stop before the last.
VaeSettings smallVae(int batch) {
    VaeSettings s;
    s.hidden1 = 16;
    s.hidden2 = 8;
    s.latentDim = 3;
    s.batchSize = batch;
    s.maxEpochs = 3;
    s.betaWarmupEpochs = 1;
    s.patience = 3;
    s.seed = 5;
    s.device = "cpu";
    return s;
}

}  // namespace

class TestDistributedTraining : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        if (!distributedAvailable()) QSKIP("built without libgloo-dev: no distributed training");
        dacl::configureThreads(1);
    }

    void twoRanksTrainWhatOneProcessTrainsWithTheDoubledBatch() {
        const Data d;
        SequenceTrainer single(3, 2, small(8));
        const Trained one = train(single, d);

        std::vector<Trained> rank(2);
        const int port = freeLoopbackPort();
        const auto errors = onTwoRanks([&](int r) {
            auto group = std::make_shared<DistributedGroup>(loopback(port, r, 60));
            SequenceTrainer t(3, 2, small(4));
            t.setDistributed(group);
            rank[static_cast<std::size_t>(r)] = train(t, d);
        });
        QVERIFY2(errors[0].empty() && errors[1].empty(), (errors[0] + " | " + errors[1]).c_str());

        // The all-reduced gradients are the same bytes on every rank, so are the weights.
        QVERIFY(rank[0].weights == rank[1].weights);
        QVERIFY(rank[0].embedding == rank[1].embedding);
        // Against one process: the same records, crops and noise, summed in another order and
        // through convolutions of half the batch, so the same model up to float rounding
        // (measured: < 1e-6 after 5 AdamW steps of lr 1e-3 per stage). The model is compared by
        // what it computes: the biases of the convolutions before a GroupNorm, which cancels
        // them, have a true gradient of 0, and AdamW turns its rounding noise into steps of up
        // to ±lr in either run (they differ by ~1e-3 and change nothing the model computes).
        const float embedding = maxAbsDiff(rank[0].embedding, one.embedding);
        const float proba = maxAbsDiff(rank[0].proba, one.proba);
        qInfo("max |2 ranks - 1 process|: embedding %.3g after SupCon, class probability %.3g after fine-tuning",
              embedding, proba);
        QVERIFY2(embedding < 1e-5f, qPrintable(QString::number(embedding)));
        QVERIFY2(proba < 1e-5f, qPrintable(QString::number(proba)));
        QVERIFY(std::abs(rank[0].supConLoss - one.supConLoss) < 1e-5);
        QVERIFY(std::abs(rank[0].finetuneLoss - one.finetuneLoss) < 1e-5);

        // The tolerance tells the cases apart: one process with a single rank's batch (what a
        // rank trains without the all-reduce) computes something else.
        SequenceTrainer half(3, 2, small(4));
        const Trained alone = train(half, d);
        qInfo("one process with batch 4 instead of 8: embedding %.3g away", maxAbsDiff(alone.embedding, one.embedding));
        QVERIFY(maxAbsDiff(alone.embedding, one.embedding) > 1e-3f);
    }

    // The per-frame VAE the same way. 97 rows = 6 global batches of 16 and a last one of a single
    // row, which leaves rank 1 an empty shard (it adds zero gradients).
    void twoRanksTrainTheVaeAsOneProcessWithTheDoubledBatch() {
        const Matrix x = factorRows(97, 6, 11), v = factorRows(30, 6, 12);
        Vae single(6, smallVae(16));
        const VaeReport one = single.fit(x, v);
        const std::vector<float> oneCode = single.encode(v).data, oneRecon = single.reconstruct(v).data;

        std::vector<std::vector<float>> code(2), recon(2);
        std::vector<VaeReport> report(2);
        const int port = freeLoopbackPort();
        const auto errors = onTwoRanks([&](int r) {
            auto group = std::make_shared<DistributedGroup>(loopback(port, r, 60));
            Vae vae(6, smallVae(8));
            vae.setDistributed(group);
            report[static_cast<std::size_t>(r)] = vae.fit(x, v);
            code[static_cast<std::size_t>(r)] = vae.encode(v).data;
            recon[static_cast<std::size_t>(r)] = vae.reconstruct(v).data;
        });
        QVERIFY2(errors[0].empty() && errors[1].empty(), (errors[0] + " | " + errors[1]).c_str());
        QVERIFY(code[0] == code[1]);  // the same bytes of gradient on every rank: the same weights
        QCOMPARE(report[0].bestEpoch, one.bestEpoch);
        QCOMPARE(report[0].epochs.size(), one.epochs.size());
        // Against one process: the same rows and noise, summed in another order, so the same
        // model up to float rounding. Tolerance 1e-5 on what it computes (standardised latents,
        // reconstructions in input units of about 1), and on every epoch's reported losses.
        const float dCode = maxAbsDiff(code[0], oneCode), dRecon = maxAbsDiff(recon[0], oneRecon);
        double dLoss = 0;
        for (std::size_t e = 0; e < one.epochs.size(); ++e)
            dLoss = std::max({dLoss, std::abs(report[0].epochs[e].trainLoss - one.epochs[e].trainLoss),
                              std::abs(report[0].epochs[e].valRecon - one.epochs[e].valRecon)});
        qInfo("VAE, max |2 ranks - 1 process| after 3 epochs: latent %.3g, reconstruction %.3g, losses %.3g", dCode,
              dRecon, dLoss);
        QVERIFY2(dCode < 1e-5f, qPrintable(QString::number(dCode)));
        QVERIFY2(dRecon < 1e-5f, qPrintable(QString::number(dRecon)));
        QVERIFY2(dLoss < 1e-5, qPrintable(QString::number(dLoss)));

        // The tolerance tells the cases apart: a rank's batch alone trains another model.
        Vae half(6, smallVae(8));
        half.fit(x, v);
        qInfo("VAE alone with batch 8 instead of 16: latent %.3g away", maxAbsDiff(half.encode(v).data, oneCode));
        QVERIFY(maxAbsDiff(half.encode(v).data, oneCode) > 1e-3f);
    }

    void bytesTravelFromRankZeroAndBetweenAllRanks() {
        std::vector<std::string> fromZero(2);
        std::vector<std::vector<std::string>> gathered(2);
        const int port = freeLoopbackPort();
        const auto errors = onTwoRanks([&](int r) {
            DistributedGroup group(loopback(port, r, 60));
            fromZero[static_cast<std::size_t>(r)] = group.broadcastBytes(r == 0 ? std::string("plan\0of rank 0", 14) : "ignored");
            // Unequal lengths, one of them empty.
            gathered[static_cast<std::size_t>(r)] = group.allGatherBytes(r == 0 ? std::string() : std::string(1000, 'x'));
        });
        QVERIFY2(errors[0].empty() && errors[1].empty(), (errors[0] + " | " + errors[1]).c_str());
        for (int r = 0; r < 2; ++r) {
            QCOMPARE(fromZero[static_cast<std::size_t>(r)], std::string("plan\0of rank 0", 14));
            QCOMPARE(gathered[static_cast<std::size_t>(r)].size(), std::size_t{2});
            QVERIFY(gathered[static_cast<std::size_t>(r)][0].empty());
            QCOMPARE(gathered[static_cast<std::size_t>(r)][1], std::string(1000, 'x'));
        }
    }

    void aRankThatStopsFailsTheOthersWithAClearError() {
        const Data d;
        const int port = freeLoopbackPort();
        const auto errors = onTwoRanks([&](int r) {
            auto group = std::make_shared<DistributedGroup>(loopback(port, r, 30));
            SequenceTrainSettings s = small(4);
            s.epochs = 3;
            SequenceTrainer t(3, 2, s);
            t.setDistributed(group);
            // Rank 1 fails after its first epoch; its group closes as the thread unwinds.
            t.trainContrastive(d.train, d.y, d.val, d.yv, [&](const SequenceEpoch&) {
                if (r == 1) throw std::runtime_error("rank 1 out of memory");
            });
        });
        QCOMPARE(QString::fromStdString(errors[1]), QString("rank 1 out of memory"));
        // The survivor names the rank it lost (of two, the other one) and the timeout it waits at most.
        QVERIFY2(errors[0].find("rank 0 of 2 lost rank 1 during") != std::string::npos, errors[0].c_str());
        QVERIFY2(errors[0].find("within the 30 s timeout (DACL_DIST_TIMEOUT)") != std::string::npos, errors[0].c_str());
    }

    void aGroupThatNeverFillsUpTimesOut() {
        try {
            DistributedGroup alone(loopback(freeLoopbackPort(), 0, 2));
            QFAIL("joined a group of 2 alone");
        } catch (const std::runtime_error& e) {
            QVERIFY2(std::string(e.what()).find("could not join the 2 ranks at 127.0.0.1") != std::string::npos, e.what());
        }
    }

    void environmentVariablesAreChecked() {
        qputenv("MASTER_ADDR", "127.0.0.1");
        qputenv("MASTER_PORT", "29511");
        qputenv("WORLD_SIZE", "2");
        qputenv("RANK", "1");
        const DistributedSettings s = distributedSettingsFromEnvironment();
        QCOMPARE(s.rank, 1);
        QCOMPARE(s.worldSize, 2);
        QCOMPARE(s.masterPort, 29511);
        qputenv("RANK", "2");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, distributedSettingsFromEnvironment());
        qunsetenv("MASTER_PORT");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, distributedSettingsFromEnvironment());
    }
};

QTEST_APPLESS_MAIN(TestDistributedTraining)
#include "test_distributed_training.moc"
