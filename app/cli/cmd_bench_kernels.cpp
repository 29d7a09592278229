// `dacl bench transformer` and `dacl bench sampen`: the two kernels that dominated the Assessment
// of a day-long recording, timed alone (thread CPU time, best of --repeats), with the textbook
// loop beside them so that the speed-up is measured in one run on one machine.
#include "app/cli/commands.h"
#include "core/dsp/sample_entropy.h"
#include "core/dsp/scattering_transformer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>
#include <iostream>
#include <memory>
#include <random>
#include <vector>

namespace dacl::cli {

namespace {

double threadCpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// Best CPU seconds of one call over `repeats` rounds of `calls` calls.
double bestSeconds(int repeats, int calls, const std::function<void()>& f) {
    double best = 1e300;
    for (int r = 0; r < repeats; ++r) {
        const double t0 = threadCpuSeconds();
        for (int c = 0; c < calls; ++c) f();
        best = std::min(best, (threadCpuSeconds() - t0) / calls);
    }
    return best;
}

// One Scattering-Transformer layer written as method.md states it (the reference of the kernels).
std::vector<double> textbookLayer(const std::vector<double>& tokens, int T, int C) {
    std::vector<double> X = tokens;
    const auto pe = dsp::sinusoidalPositionalEncoding(T, C);
    for (std::size_t i = 0; i < X.size(); ++i) X[i] += pe[i];
    std::vector<double> A(static_cast<std::size_t>(T) * T), AX(X.size(), 0.0);
    for (int i = 0; i < T; ++i) {
        double mx = -INFINITY, sum = 0;
        for (int j = 0; j < T; ++j) {
            double dot = 0;
            for (int c = 0; c < C; ++c) dot += X[static_cast<std::size_t>(i) * C + c] * X[static_cast<std::size_t>(j) * C + c];
            A[static_cast<std::size_t>(i) * T + j] = dot / std::sqrt(static_cast<double>(C));
            mx = std::max(mx, A[static_cast<std::size_t>(i) * T + j]);
        }
        for (int j = 0; j < T; ++j) sum += (A[static_cast<std::size_t>(i) * T + j] = std::exp(A[static_cast<std::size_t>(i) * T + j] - mx));
        for (int j = 0; j < T; ++j) A[static_cast<std::size_t>(i) * T + j] /= sum;
    }
    for (int i = 0; i < T; ++i)
        for (int j = 0; j < T; ++j)
            for (int c = 0; c < C; ++c)
                AX[static_cast<std::size_t>(i) * C + c] += A[static_cast<std::size_t>(i) * T + j] * X[static_cast<std::size_t>(j) * C + c];
    return AX;  // without the LayerNorm: the O(T²C) part is what is compared
}

struct TransformerArgs {
    int frames = 288, paths = 84, repeats = 7, calls = 20;
    bool json = false;
};

struct SampenArgs {
    int beats = 100000, repeats = 3;
    bool json = false;
};

void benchTransformer(const TransformerArgs& a) {
    std::vector<double> tokens(static_cast<std::size_t>(a.frames) * a.paths);
    std::mt19937 eng(1);
    std::normal_distribution<double> normal(-3.0, 1.0);
    for (double& v : tokens) v = normal(eng);
    const dsp::ScatteringTransformer st({1});
    double sink = 0;
    const double fast = bestSeconds(a.repeats, a.calls, [&] { sink += st.forward(tokens.data(), a.frames, a.paths)[0]; });
    const double plain = bestSeconds(std::min(a.repeats, 3), std::max(1, a.calls / 4),
                                     [&] { sink += textbookLayer(tokens, a.frames, a.paths)[0]; });
    const double gflop = 3.0 * a.frames * a.frames * a.paths * 1e-9;  // Gram (symmetric: half of 2T²C) + A·X (2T²C)
    if (a.json) {
        std::cout << nlohmann::json{{"frames", a.frames}, {"paths", a.paths}, {"forward_ms", fast * 1e3},
                                    {"textbook_ms", plain * 1e3}, {"speedup", plain / fast}, {"gflops", gflop / fast},
                                    {"checksum", sink}}
                         .dump()
                  << std::endl;
        return;
    }
    std::printf("Scattering Transformer, one layer, %d frames x %d paths (thread CPU, best of %d)\n", a.frames, a.paths, a.repeats);
    std::printf("  forward (kernels, softmax, LayerNorm)  %8.3f ms  %5.1f GFLOP/s\n", fast * 1e3, gflop / fast);
    std::printf("  textbook loops (without LayerNorm)     %8.3f ms  (%.1fx)\n", plain * 1e3, plain / fast);
}

void benchSampen(const SampenArgs& a) {
    // A day of RR intervals: sinus stretches (0.67-1.0 s) and AF bursts (0.33-1.33 s) at 300 Hz.
    std::mt19937 eng(3);
    std::uniform_int_distribution<long> af(100, 400), sinus(200, 300);
    std::vector<double> rr;
    double mean = 0;
    for (int i = 0; i < a.beats; ++i) {
        rr.push_back(static_cast<double>((i / 300) % 3 == 0 ? af(eng) : sinus(eng)) / 300.0);
        mean += rr.back() / a.beats;
    }
    double var = 0;
    for (double v : rr) var += (v - mean) * (v - mean) / a.beats;
    const double r = 0.2 * std::sqrt(var);
    double value = 0;
    const double fast = bestSeconds(a.repeats, 1, [&] { value = dsp::sampleEntropy(rr, 2, r); });
    if (a.json) {
        std::cout << nlohmann::json{{"beats", a.beats}, {"seconds", fast}, {"sample_entropy", value}}.dump() << std::endl;
        return;
    }
    std::printf("Sample entropy (m = 2, r = 0.2 SD) of %d RR intervals: %.3f s thread CPU (best of %d), SampEn %.6f\n",
                a.beats, fast, a.repeats, value);
}

}  // namespace

void registerBenchKernelCommands(CLI::App& app) {
    CLI::App* bench = app.get_subcommand("bench");
    auto t = std::make_shared<TransformerArgs>();
    CLI::App* tc = bench->add_subcommand("transformer", "Scattering Transformer layer: kernels vs the textbook loops");
    tc->add_option("--frames", t->frames, "Tokens (frames of a span)")->capture_default_str()->check(CLI::Range(1, 4096));
    tc->add_option("--paths", t->paths, "Token dimension (scattering paths)")->capture_default_str()->check(CLI::Range(1, 4096));
    tc->add_option("--repeats", t->repeats, "Timed rounds (the best is reported)")->capture_default_str()->check(CLI::Range(1, 1000));
    tc->add_flag("--json", t->json, "One JSON object on stdout");
    tc->callback([t] { benchTransformer(*t); });

    auto s = std::make_shared<SampenArgs>();
    CLI::App* sc = bench->add_subcommand("sampen", "Sample entropy of a day of RR intervals (exact range counting)");
    sc->add_option("--beats", s->beats, "RR intervals")->capture_default_str()->check(CLI::Range(5, 10000000));
    sc->add_option("--repeats", s->repeats, "Timed rounds (the best is reported)")->capture_default_str()->check(CLI::Range(1, 100));
    sc->add_flag("--json", s->json, "One JSON object on stdout");
    sc->callback([s] { benchSampen(*s); });
}

}  // namespace dacl::cli
