// The time-conditioned U-Net encoder: shapes, size, normalised projections, the effect of the
// timestep and the no-conditioning baseline, deterministic initialisation.
#include "core/ml/tensor_util.h"
#include "core/ml/unet_encoder.h"

#include <QtTest>

using namespace dacl::ml;

class TestUNetEncoder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void shapesAndNormalisedProjection() {
        UNetEncoder net(32, EncoderSettings{});
        auto gen = makeGenerator(1);
        initParameters(*net, gen);
        auto z = torch::randn({5, 32}, gen);
        auto t = torch::tensor({0L, 1L, 50L, 100L, 999L});
        auto h = net->represent(z, t);
        QCOMPARE(h.size(0), 5);
        QCOMPARE(h.size(1), 160);  // [GAP(bottleneck: 128) ; GAP(output: 32)]
        QCOMPARE(net->representationDim(), 160);
        auto p = net->project(h);
        QCOMPARE(p.size(1), 128);
        QVERIFY(torch::allclose(p.norm(2, 1), torch::ones({5}), 1e-5, 1e-5));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, net->represent(torch::zeros({2, 16}), t.slice(0, 0, 2)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, UNetEncoder(30, EncoderSettings{}));
    }

    void wellUnderAMillionParameters() {
        const std::int64_t n32 = countParameters(*UNetEncoder(32, EncoderSettings{}));
        EncoderSettings small;
        small.baseWidth = 16;
        const std::int64_t n16 = countParameters(*UNetEncoder(32, small));
        EncoderSettings noTime;
        noTime.timeConditioning = false;
        const std::int64_t n32nt = countParameters(*UNetEncoder(32, noTime));
        qInfo("parameters: base 32: %lld, base 16: %lld, base 32 without time: %lld",
              static_cast<long long>(n32), static_cast<long long>(n16), static_cast<long long>(n32nt));
        QVERIFY(n32 < 1000000);
        QVERIFY(n16 < n32 / 2);
        QVERIFY(n32nt < n32);
    }

    void timestepChangesTheRepresentationOnlyWhenConditioned() {
        auto gen = makeGenerator(2);
        auto z = torch::randn({4, 32}, gen);
        auto t0 = torch::zeros({4}, torch::kInt64);
        auto t1 = torch::full({4}, 100L);
        UNetEncoder cond(32, EncoderSettings{});
        initParameters(*cond, gen);
        QVERIFY(!torch::allclose(cond->represent(z, t0), cond->represent(z, t1)));
        EncoderSettings s;
        s.timeConditioning = false;
        UNetEncoder plain(32, s);
        initParameters(*plain, gen);
        QVERIFY(torch::equal(plain->represent(z, t0), plain->represent(z, t1)));
    }

    void sinusoidalEmbedding() {
        auto e = timestepEmbedding(torch::tensor({0L, 3L}), 8);
        QCOMPARE(e.size(1), 8);
        // t = 0: sin parts 0, cos parts 1.
        QVERIFY(torch::equal(e[0], torch::tensor({0.f, 0.f, 0.f, 0.f, 1.f, 1.f, 1.f, 1.f})));
        // First frequency is 1: sin(3), cos(3).
        QVERIFY(std::abs(e[1][0].item<double>() - std::sin(3.0)) < 1e-6);
        QVERIFY(std::abs(e[1][4].item<double>() - std::cos(3.0)) < 1e-6);
        // Frequency i is 10000^(−i/4): element 1 is sin(3·10000^(−1/4)).
        QVERIFY(std::abs(e[1][1].item<double>() - std::sin(3.0 * std::pow(10000.0, -0.25))) < 1e-6);
    }

    // The optional embedding of the latent dimension index: c·d more parameters, zero at the
    // start (the same function as without it), and trained like every other weight.
    void positionEmbeddingStartsNeutralAndLearns() {
        EncoderSettings plainSettings, posSettings;
        plainSettings.baseWidth = posSettings.baseWidth = 16;
        posSettings.positional = true;
        UNetEncoder plain(32, plainSettings), pos(32, posSettings);
        QCOMPARE(countParameters(*pos) - countParameters(*plain), std::int64_t(16 * 32));
        auto g1 = makeGenerator(7), g2 = makeGenerator(7);
        initParameters(*plain, g1);
        initParameters(*pos, g2);
        auto z = torch::randn({6, 32}, g1);
        auto t = torch::full({6}, 10L);
        QVERIFY(torch::allclose(plain->represent(z, t), pos->represent(z, t)));
        pos->represent(z, t).pow(2).sum().backward();
        const auto named = pos->named_parameters();
        QVERIFY(named.contains("position_embedding"));
        const torch::Tensor grad = named["position_embedding"].grad();
        QVERIFY(grad.defined() && grad.abs().sum().item<double>() > 0);
        // Different positions get different gradients: the embedding can tell dimensions apart.
        QVERIFY(!torch::allclose(grad.select(2, 0), grad.select(2, 31)));
    }

    void initialisationIsAFunctionOfTheSeed() {
        UNetEncoder a(32, EncoderSettings{}), b(32, EncoderSettings{});
        auto ga = makeGenerator(5), gb = makeGenerator(5);
        initParameters(*a, ga);
        initParameters(*b, gb);
        auto pa = a->parameters(), pb = b->parameters();
        QCOMPARE(pa.size(), pb.size());
        for (std::size_t i = 0; i < pa.size(); ++i) QVERIFY(torch::equal(pa[i], pb[i]));
        auto gc = makeGenerator(6);
        initParameters(*b, gc);
        QVERIFY(!torch::equal(a->parameters()[0], b->parameters()[0]));
    }
};

QTEST_APPLESS_MAIN(TestUNetEncoder)
#include "test_unet_encoder.moc"
