// `dacl bench encoder` and `dacl bench vae`: seconds per training epoch of the learning
// components on synthetic data of the protocol's size, to size models and epochs for the
// time budget (method.md §6). Reports the runtime (BLAS, threads, device) with the figures.
#include "app/cli/commands.h"
#include "core/common/settings.h"
#include "core/ml/cpu_tuning.h"
#include "core/ml/probe.h"
#include "core/ml/runtime_info.h"
#include "core/ml/trainer.h"
#include "core/ml/vae.h"

#include <chrono>
#include <cstdio>
#include <random>

namespace dacl::cli {

namespace {

struct BenchOptions {
    std::size_t samples = 20000;
    int latent = 32;
    int features = 352;
    int epochs = 2;
    int threads = 2;
    int width = 32;
    int batch = 256;
    int views = 2;
    int blasThreads = 1;
    bool untuned = false;
    std::string device = "cpu";
};

// Two imbalanced Gaussian classes (9 % positives, like AF), unit noise: the speed does not depend
// on the values, but the class balance shapes the batches.
void synthetic(std::size_t n, int cols, ml::Matrix& x, std::vector<int>& y) {
    std::mt19937 rng(1);
    std::normal_distribution<float> N01;
    std::bernoulli_distribution af(0.09);
    x = ml::Matrix(n, static_cast<std::size_t>(cols));
    y.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        y[i] = af(rng) ? 1 : 0;
        for (int j = 0; j < cols; ++j) x(i, static_cast<std::size_t>(j)) = N01(rng) + (j < 4 ? 1.5f * static_cast<float>(y[i]) : 0.0f);
    }
}

void addCommon(CLI::App* c, BenchOptions& o) {
    c->add_option("--samples", o.samples, "training rows")->capture_default_str()->check(CLI::Range(std::size_t{1}, std::size_t{100000000}));
    c->add_option("--epochs", o.epochs, "epochs to time")->capture_default_str()->check(CLI::Range(1, 10000));
    c->add_option("--threads", o.threads, "compute threads (0 = all cores)")->capture_default_str()->check(CLI::Range(0, maxThreads()));
    c->add_option("--batch", o.batch, "batch size")->capture_default_str()->check(CLI::Range(2, 65536));
    c->add_option("--device", o.device, "auto | cpu | cuda")->capture_default_str();
    c->add_option("--blas-threads", o.blasThreads, "threads of the BLAS library itself")->capture_default_str()->check(CLI::Range(0, maxThreads()));
    c->add_flag("--untuned", o.untuned, "keep glibc's default allocator thresholds (for comparison)");
}

}  // namespace

void registerBenchMlCommands(CLI::App& app) {
    CLI::App* bench = app.get_subcommand("bench");
    static BenchOptions enc, vae, probe;
    static int probeClasses = 2;

    CLI::App* e = bench->add_subcommand("encoder", "DACL encoder training: seconds per epoch");
    addCommon(e, enc);
    e->add_option("--latent", enc.latent, "latent size d")->capture_default_str()->check(CLI::Range(1, 1024));
    e->add_option("--width", enc.width, "U-Net base channels")->capture_default_str()->check(CLI::Range(1, 512));
    e->add_option("--views", enc.views, "noisy views per sample")->capture_default_str()->check(CLI::Range(1, 64));
    e->callback([] {
        dacl::configureThreads(enc.threads);
        ml::setBlasThreads(enc.blasThreads);
        if (!enc.untuned) ml::retainFreedMemory();
        std::printf("%s\n", dacl::describe(dacl::runtimeInfo()).c_str());
        ml::Matrix z;
        std::vector<int> y;
        synthetic(enc.samples, enc.latent, z, y);
        ml::DaclSettings s;
        s.encoder.baseWidth = enc.width;
        s.batchSize = enc.batch;
        s.numViews = enc.views;
        s.epochs = enc.epochs;
        s.device = enc.device;
        ml::DaclTrainer t(enc.latent, 2, s);
        t.train(z, y, {{}, [&](const ml::TrainEpoch& ep) {
                           std::printf("epoch %d: %.2f s, loss %.4f\n", ep.epoch + 1, ep.seconds, ep.meanLoss);
                       }});
        double total = 0;
        for (const auto& ep : t.history()) total += ep.seconds;
        const auto t0 = std::chrono::steady_clock::now();
        const auto h = t.embed(z);
        const double embedS = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("encoder: %lld parameters, width %d, batch %d, %d views, %zu samples x d=%d, device %s\n",
                    static_cast<long long>(t.parameterCount()), enc.width, enc.batch, enc.views, enc.samples,
                    enc.latent, t.device().c_str());
        std::printf("mean %.2f s per epoch; embedding %zu rows: %.2f s\n", total / t.history().size(), h.rows, embedS);
    });

    CLI::App* v = bench->add_subcommand("vae", "VAE training: seconds per epoch");
    addCommon(v, vae);
    v->add_option("--features", vae.features, "input columns (2C)")->capture_default_str()->check(CLI::Range(1, 100000));
    v->callback([] {
        dacl::configureThreads(vae.threads);
        ml::setBlasThreads(vae.blasThreads);
        if (!vae.untuned) ml::retainFreedMemory();
        std::printf("%s\n", dacl::describe(dacl::runtimeInfo()).c_str());
        ml::Matrix x;
        std::vector<int> y;
        synthetic(vae.samples, vae.features, x, y);
        ml::VaeSettings s;
        s.maxEpochs = vae.epochs;
        s.betaWarmupEpochs = 0;
        s.batchSize = vae.batch;
        s.device = vae.device;
        ml::Vae model(vae.features, s);
        const auto r = model.fit(x, {}, [](const ml::VaeEpoch& ep) {
            std::printf("epoch %d: %.2f s, val recon %.4f\n", ep.epoch + 1, ep.seconds, ep.valRecon);
        });
        double total = 0;
        for (const auto& ep : r.epochs) total += ep.seconds;
        std::printf("VAE: %lld parameters, %zu samples x %d features, batch %d\n",
                    static_cast<long long>(model.parameterCount()), vae.samples, vae.features, vae.batch);
        std::printf("mean %.2f s per epoch\n", total / r.epochs.size());
    });

    CLI::App* p = bench->add_subcommand("probe", "Logistic-regression probe: seconds per fit");
    addCommon(p, probe);
    p->add_option("--features", probe.features, "embedding size")->capture_default_str()->check(CLI::Range(1, 100000));
    p->add_option("--classes", probeClasses, "2 (binary) or more (multinomial)")->capture_default_str()->check(CLI::Range(2, 1000));
    p->callback([] {
        dacl::configureThreads(probe.threads);
        ml::setBlasThreads(probe.blasThreads);
        if (!probe.untuned) ml::retainFreedMemory();
        std::printf("%s\n", dacl::describe(dacl::runtimeInfo()).c_str());
        ml::Matrix x;
        std::vector<int> y;
        synthetic(probe.samples, probe.features, x, y);
        // K > 2: the non-AF rows spread over classes 0, 2, 3, ... (class 1 stays the AF-like one).
        const std::size_t rest = static_cast<std::size_t>(probeClasses - 1);
        if (probeClasses > 2)
            for (std::size_t i = 0; i < y.size(); ++i)
                if (y[i] == 0 && i % rest != 0) y[i] = static_cast<int>(i % rest) + 1;
        const auto t0 = std::chrono::steady_clock::now();
        ml::LogisticProbe m;
        const auto r = m.fit(x, y, probeClasses);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("probe: %zu samples x %d features, %d classes: %.2f s, %d evaluations, max |grad| %.1e\n",
                    probe.samples, probe.features, probeClasses, s, r.iterations, r.gradientNorm);
    });
}

}  // namespace dacl::cli
