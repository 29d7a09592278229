// The temporal U-Net over frames: padding never changes a record's embedding (however long the
// batch is, whatever the padding holds), the valid frames do; shapes, timestep conditioning and
// the masked GroupNorm's statistics.
#include "core/ml/tensor_util.h"
#include "core/ml/temporal_unet.h"

#include <QtTest>

using namespace dacl::ml;

namespace {

TemporalUNet makeNet(bool time = true) {
    TemporalUNetSettings s;
    s.inputChannels = 8;
    s.width = 16;
    s.timeConditioning = time;
    TemporalUNet net(s);
    auto gen = makeGenerator(3);
    initParameters(*net, gen);
    net->eval();
    return net;
}

torch::Tensor valid(std::initializer_list<long> v) { return torch::tensor(std::vector<long>(v), torch::kInt64); }

}  // namespace

class TestTemporalUNet : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void paddingNeverChangesTheEmbedding() {
        torch::NoGradGuard guard;
        auto net = makeNet();
        auto gen = makeGenerator(5);
        const long V = 37;  // odd: exercises the ceil of every stride-2 step
        const auto x = torch::randn({1, 8, V}, gen);
        const auto t = torch::tensor({25L});
        const auto h0 = net->represent(x, valid({V}), t);
        for (long L : {V + 1, V + 2, 64L, 288L}) {
            // Padding filled with garbage: the mask must hide it.
            auto padded = torch::randn({1, 8, L}, gen) * 100.0;
            padded.narrow(2, 0, V).copy_(x);
            const auto h = net->represent(padded, valid({V}), t);
            QVERIFY2(torch::allclose(h, h0, 1e-5, 1e-5), qPrintable(QString("padded to %1 frames").arg(L)));
        }
        // In a batch beside a longer record, the same.
        auto batch = torch::randn({2, 8, 120}, gen);
        batch[0].narrow(1, 0, V).copy_(x[0]);
        const auto hb = net->represent(batch, valid({V, 120}), torch::tensor({25L, 25L}));
        QVERIFY(torch::allclose(hb[0], h0[0], 1e-5, 1e-5));
    }

    void validFramesDoChangeIt() {
        torch::NoGradGuard guard;
        auto net = makeNet();
        auto gen = makeGenerator(6);
        const auto x = torch::randn({1, 8, 64}, gen);
        const auto t = torch::tensor({0L});
        const auto full = net->represent(x, valid({64}), t);
        const auto shorter = net->represent(x, valid({40}), t);
        QVERIFY((full - shorter).abs().max().item<double>() > 1e-3);
        auto changed = x.clone();
        changed[0][3][10] += 5.0;
        QVERIFY((net->represent(changed, valid({64}), t) - full).abs().max().item<double>() > 1e-4);
    }

    void shapesAndProjection() {
        torch::NoGradGuard guard;
        auto net = makeNet();
        auto gen = makeGenerator(7);
        const auto h = net->represent(torch::randn({3, 8, 50}, gen), valid({50, 20, 1}), torch::tensor({0L, 10L, 100L}));
        QCOMPARE(h.size(0), 3);
        QCOMPARE(h.size(1), 48);
        QCOMPARE(net->representationDim(), 48);
        QVERIFY(torch::isfinite(h).all().item<bool>());  // a single valid frame still works
        QVERIFY(torch::allclose(net->project(h).norm(2, 1), torch::ones({3}), 1e-5, 1e-5));
        QCOMPARE(net->classify(h).size(1), 2);
    }

    void timestepConditioning() {
        torch::NoGradGuard guard;
        auto gen = makeGenerator(8);
        const auto x = torch::randn({1, 8, 40}, gen);
        auto net = makeNet(true);
        const auto a = net->represent(x, valid({40}), torch::tensor({0L}));
        const auto b = net->represent(x, valid({40}), torch::tensor({500L}));
        QVERIFY((a - b).abs().max().item<double>() > 1e-4);
        auto plain = makeNet(false);
        QVERIFY(torch::allclose(plain->represent(x, valid({40}), torch::tensor({0L})),
                                plain->represent(x, valid({40}), torch::tensor({500L}))));
    }

    void maskedGroupNormIgnoresPadding() {
        torch::NoGradGuard guard;
        MaskedGroupNorm norm(2, 4);
        auto gen = makeGenerator(9);
        auto x = torch::randn({1, 4, 10}, gen);
        auto mask = torch::zeros({1, 10});
        mask.narrow(1, 0, 6).fill_(1.0);
        const auto y = norm(x, mask);
        // Per group over the 6 valid frames: mean 0, variance 1; padding 0.
        const auto valid = y.narrow(2, 0, 6).reshape({2, 12});
        QVERIFY(torch::allclose(valid.mean(1), torch::zeros({2}), 1e-5, 1e-5));
        QVERIFY(torch::allclose(valid.var(1, false), torch::ones({2}), 1e-3, 1e-3));
        QCOMPARE(y.narrow(2, 6, 4).abs().max().item<double>(), 0.0);
    }
};

QTEST_APPLESS_MAIN(TestTemporalUNet)
#include "test_temporal_unet.moc"
