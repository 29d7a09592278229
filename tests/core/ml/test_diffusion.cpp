// Forward diffusion: schedules against hand-computed values and the method's quoted noise
// levels; closed-form q(z_t | z0) against its empirical mean and variance; views.
#include "core/ml/diffusion.h"
#include "core/ml/tensor_util.h"

#include <QtTest>

#include <cmath>

using namespace dacl::ml;

class TestDiffusion : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void linearAlphaBarByHand() {
        DiffusionSchedule s;  // linear 1e-4 → 0.02, T = 1000
        QCOMPARE(s.steps(), 1000);
        QCOMPARE(s.alphaBar(0), 1.0);
        // β_1 = 1e-4, β_2 = 1e-4 + 0.0199/999.
        const double b2 = 1e-4 + (0.02 - 1e-4) / 999.0;
        QVERIFY(std::abs(s.beta(1) - 1e-4) < 1e-15);
        QVERIFY(std::abs(s.beta(2) - b2) < 1e-15);
        QVERIFY(std::abs(s.beta(1000) - 0.02) < 1e-15);
        QVERIFY(std::abs(s.alphaBar(1) - 0.9999) < 1e-15);
        QVERIFY(std::abs(s.alphaBar(2) - 0.9999 * (1 - b2)) < 1e-15);
    }

    void linearNoiseLevelsQuotedInMethod() {
        DiffusionSchedule s;
        const int ts[] = {50, 100, 200, 500};
        const double quoted[] = {0.17, 0.32, 0.58, 0.96};
        for (int i = 0; i < 4; ++i) {
            const double got = s.noiseScale(ts[i]);
            QVERIFY2(std::abs(got - quoted[i]) < 0.005,
                     qPrintable(QString("t=%1: %2 vs %3").arg(ts[i]).arg(got).arg(quoted[i])));
            QVERIFY(std::abs(got * got + s.signalScale(ts[i]) * s.signalScale(ts[i]) - 1) < 1e-12);
        }
    }

    void cosineMatchesNicholDhariwal() {
        ScheduleSettings ss;
        ss.kind = ScheduleKind::Cosine;
        DiffusionSchedule s(ss);
        const double pi = std::acos(-1.0);
        auto f = [&](double t) {
            const double c = std::cos((t / 1000 + 0.008) / 1.008 * pi / 2);
            return c * c;
        };
        // Away from the clipped end, ᾱ_t = f(t)/f(0) exactly (up to rounding of the product).
        for (int t : {1, 2, 10, 100, 500, 900})
            QVERIFY2(std::abs(s.alphaBar(t) - f(t) / f(0)) < 1e-12, qPrintable(QString::number(t)));
        // The clip keeps the last step strictly inside (0, 1).
        QVERIFY(s.beta(1000) <= 0.999 + 1e-15);
        QVERIFY(s.alphaBar(1000) > 0.0);
        // Monotone decreasing.
        for (int t = 1; t <= 1000; ++t) QVERIFY(s.alphaBar(t) < s.alphaBar(t - 1));
    }

    void badSettingsAndTimesteps() {
        DiffusionSchedule s;
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, s.alphaBar(1001));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, s.beta(0));
        ScheduleSettings bad;
        bad.steps = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, DiffusionSchedule{bad});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, scheduleKindFromString("quadratic"));
        QVERIFY(scheduleKindFromString("cosine") == ScheduleKind::Cosine);
    }

    void qSampleEmpiricalMoments() {
        // For a fixed z0, z_t has mean √ᾱ_t·z0 and variance 1 − ᾱ_t in every coordinate.
        DiffusionSchedule s;
        ForwardDiffusion fd(s);
        auto gen = makeGenerator(7);
        const long n = 200000;
        auto z0row = torch::tensor({1.5f, -2.0f, 0.0f, 0.5f});
        auto z0 = z0row.unsqueeze(0).expand({n, 4}).contiguous();
        for (int t : {1, 100, 500}) {
            auto tt = torch::full({n}, t, torch::kInt64);
            auto zt = fd.qSample(z0, tt, normalLike(z0, gen)).to(torch::kFloat64);
            auto mean = zt.mean(0);
            auto var = zt.var(0);
            for (int j = 0; j < 4; ++j) {
                const double m = s.signalScale(t) * z0row[j].item<double>();
                const double v = 1 - s.alphaBar(t);
                // 5 standard errors of the sample mean / variance.
                QVERIFY2(std::abs(mean[j].item<double>() - m) < 5 * std::sqrt(v / n) + 1e-6,
                         qPrintable(QString("t=%1 mean").arg(t)));
                QVERIFY2(std::abs(var[j].item<double>() - v) < 5 * v * std::sqrt(2.0 / n) + 1e-9,
                         qPrintable(QString("t=%1 var %2 vs %3").arg(t).arg(var[j].item<double>()).arg(v)));
            }
        }
    }

    void viewsSampleTimestepsUniformlyWithFreshNoise() {
        ForwardDiffusion fd{DiffusionSchedule()};
        auto gen = makeGenerator(3);
        auto z0 = torch::randn({500, 8}, gen);
        auto v = fd.views(z0, 2, 100, gen);
        QCOMPARE(v.z.size(0), 1000);
        QCOMPARE(v.t.size(0), 1000);
        QVERIFY(v.t.min().item<long>() >= 1);
        QVERIFY(v.t.max().item<long>() <= 100);
        // Every timestep value shows up with roughly uniform frequency (10 per value on average).
        auto counts = torch::bincount(v.t, {}, 101).slice(0, 1);
        QVERIFY(counts.gt(0).sum().item<long>() >= 95);
        // The two views of a row differ (fresh noise and timesteps), and each view is centred on
        // √ᾱ_t·z0: residual/(noise std) has unit variance.
        QVERIFY(!torch::allclose(v.z.slice(0, 0, 500), v.z.slice(0, 500, 1000)));
        auto a = torch::empty({1000, 1});
        auto sd = torch::empty({1000, 1});
        DiffusionSchedule s;
        for (int i = 0; i < 1000; ++i) {
            const int t = static_cast<int>(v.t[i].item<long>());
            a[i][0] = s.signalScale(t);
            sd[i][0] = s.noiseScale(t);
        }
        auto eps = (v.z - a * z0.repeat({2, 1})) / sd;
        QVERIFY(std::abs(eps.var().item<double>() - 1.0) < 0.05);
        QVERIFY(std::abs(eps.mean().item<double>()) < 0.05);
        // Same generator state → same views.
        auto g1 = makeGenerator(11), g2 = makeGenerator(11);
        QVERIFY(torch::equal(fd.views(z0, 2, 100, g1).z, fd.views(z0, 2, 100, g2).z));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fd.views(z0, 2, 1001, gen));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fd.views(z0, 0, 100, gen));
    }

    void diffuseMatrix() {
        Matrix z0(3000, 2, 1.0f);
        DiffusionSchedule s;
        QCOMPARE(diffuse(z0, 0, s, 1).data, z0.data);
        auto z = diffuse(z0, 200, s, 1);
        double sum = 0;
        for (float v : z.data) sum += v;
        QVERIFY(std::abs(sum / z.data.size() - s.signalScale(200)) < 0.05);
        QCOMPARE(diffuse(z0, 200, s, 1).data, z.data);  // seeded
        QVERIFY(diffuse(z0, 200, s, 2).data != z.data);
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, diffuse(z0, 1001, s, 1));
    }
};

QTEST_APPLESS_MAIN(TestDiffusion)
#include "test_diffusion.moc"
