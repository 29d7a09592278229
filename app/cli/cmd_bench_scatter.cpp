// `dacl bench scatter`: CPU time of the scattering transform per signal, float64 and float32,
// with the lane FFTs (the default path) and with one FFTW call per wavelet (FFTW_ESTIMATE plans
// and the machine's wisdom), measured in one process (interleaved, so that all figures see the
// same load); nominal FLOPs and GFLOP/s; optionally kymatio in the
// same invocation (--compare-kymatio PYTHON), so that the ratio is always taken on one machine.
#include "core/common/json_text.h"
#include "core/dsp/fft_wisdom.h"
#include "core/dsp/lane_fft.h"
#include "core/dsp/scattering.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace dacl::cli {

std::pair<int, int> parseScatterQ(const std::string& s);  // cmd_scatter.cpp

namespace {

using dsp::Scattering1D;
using dsp::ScatteringConfig;

struct BenchOptions {
    int threads = 1, N = 3072, J = 7, signals = 256, repeats = 3;
    std::string q = "8", effort = "wisdom", fft = "lanes", wisdom, python, laneVariant;
    bool float32 = false, json = false;
};

double processCpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// One configuration being timed: its transform object (plans) and its samples per batch.
struct Variant {
    std::string plans;  // "lanes" (lane FFTs), or FFTW per wavelet: "estimate", "wisdom" or "measure"
    bool float32 = false;
    std::unique_ptr<Scattering1D> s;
    std::vector<double> wall, cpu;
    double flops = 0, planSeconds = 0;
};

struct Signals {
    std::vector<double> d;
    std::vector<float> f;
    mutable std::vector<double> outD;
    mutable std::vector<float> outF;
};

void runBatch(const Variant& v, const Signals& x, std::size_t count, int threads) {
    const std::size_t need = count * v.s->outputSize();
    if (v.float32 && x.outF.size() < need) x.outF.resize(need);
    if (!v.float32 && x.outD.size() < need) x.outD.resize(need);
    if (v.float32) v.s->transformBatch(x.f.data(), count, x.outF.data(), threads);
    else v.s->transformBatch(x.d.data(), count, x.outD.data(), threads);
}

void timeOnce(Variant& v, const Signals& x, std::size_t count, int threads) {
    const double c0 = processCpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    runBatch(v, x, count, threads);
    const auto t1 = std::chrono::steady_clock::now();
    v.cpu.push_back((processCpuSeconds() - c0) / static_cast<double>(count));
    v.wall.push_back(std::chrono::duration<double>(t1 - t0).count() / static_cast<double>(count));
}

Variant makeVariant(const ScatteringConfig& base, dsp::fft::Effort e, const std::string& name, bool float32,
                    const Signals& x, bool forceLanes = false) {
    Variant v;
    v.plans = name;
    v.float32 = float32;
    ScatteringConfig c = base;
    c.effort = e;
    c.laneFft = name == "lanes";
    c.laneFftAlways = forceLanes;
    const auto t0 = std::chrono::steady_clock::now();
    v.s = std::make_unique<Scattering1D>(c);
    v.flops = v.s->flopsPerSignal(float32);  // builds this precision's plans
    v.planSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    runBatch(v, x, 1, 1);  // workspaces outside the timed region
    return v;
}

// kymatio's CPU time per signal for the same configuration, one thread; an object with
// "error" when it cannot be run (kymatio or NumPy not importable).
nlohmann::json runKymatio(const std::string& python, const BenchOptions& o, int q1, int q2) {
    char path[] = "/tmp/dacl-kymatio-XXXXXX";
    const int fd = mkstemp(path);
    if (fd < 0) return {{"error", "cannot create a temporary script"}};
    close(fd);
    {
        std::ofstream f(path);
        f << "import json, sys, time\n"
             "try:\n"
             "    import numpy as np\n"
             "    import kymatio\n"
             "    from kymatio.numpy import Scattering1D\n"
             "except Exception as e:\n"
             "    print(json.dumps({'error': type(e).__name__ + ': ' + str(e)})); sys.exit(0)\n"
             "N, J, Q1, Q2, count, repeats = "
          << o.N << ", " << o.J << ", " << q1 << ", " << q2 << ", " << o.signals << ", " << o.repeats
          << "\n"
             "S = Scattering1D(J=J, shape=N, Q=(Q1, Q2))\n"
             "x = np.random.default_rng(12345).standard_normal((count, N))\n"
             "S(x[:2])\n"
             "t = []\n"
             "for r in range(repeats):\n"
             "    c0 = time.process_time(); S(x); t.append((time.process_time() - c0) / count)\n"
             "t.sort()\n"
             "print(json.dumps({'cpu_seconds_per_signal': t[len(t) // 2], 'version': kymatio.__version__}))\n";
    }
    // One thread, as for dacl's figures: no BLAS or OpenMP pools.
    const std::string cmd = "OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 '" + python + "' " + path + " 2>&1";
    std::string out;
    if (FILE* p = popen(cmd.c_str(), "r")) {
        char buf[4096];
        while (std::fgets(buf, sizeof buf, p)) out += buf;
        pclose(p);
    }
    std::remove(path);
    const auto last = out.find_last_of('{');
    try {
        if (last != std::string::npos) return nlohmann::json::parse(out.substr(last));
    } catch (const std::exception&) {
    }
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return {{"error", out.empty() ? python + " did not run" : out.substr(out.find_last_of('\n') + 1)}};
}

void runBench(const BenchOptions& o) {
    if (o.signals < 1 || o.repeats < 1) throw std::invalid_argument("--signals and --repeats must be >= 1");
    if (o.effort != "estimate" && o.effort != "measure" && o.effort != "wisdom")
        throw std::invalid_argument("--effort must be estimate, wisdom or measure (got '" + o.effort + "')");
    if (o.fft != "lanes" && o.fft != "fftw")
        throw std::invalid_argument("--fft must be lanes or fftw (got '" + o.fft + "')");
    // A forced kernel variant (to measure what other CPUs would run): its lanes rows always use
    // the lane FFTs, also where the default would take FFTW's path.
    namespace lanes = dsp::lanes;
    const bool forced = !o.laneVariant.empty();
    if (forced) {
        const lanes::LaneVariant v = o.laneVariant == "avx512" ? lanes::LaneVariant::Avx512
                                     : o.laneVariant == "avx2" ? lanes::LaneVariant::Avx2
                                     : o.laneVariant == "baseline"
                                         ? lanes::LaneVariant::Baseline
                                         : throw std::invalid_argument("--lane-variant must be avx512, avx2 or baseline (got '" +
                                                                       o.laneVariant + "')");
        if (!lanes::useLaneVariant(v))
            throw std::invalid_argument("--lane-variant " + o.laneVariant + ": this CPU does not support it");
    }
    const auto [q1, q2] = parseScatterQ(o.q);
    ScatteringConfig cfg;
    cfg.N = o.N;
    cfg.J = o.J;
    cfg.Q1 = q1;
    cfg.Q2 = q2;

    Signals x;
    const std::size_t count = static_cast<std::size_t>(o.signals);
    {
        std::mt19937_64 rng(12345);
        std::normal_distribution<double> gauss(0.0, 1.0);
        x.d.resize(count * static_cast<std::size_t>(o.N));
        for (auto& v : x.d) v = gauss(rng);
        x.f.assign(x.d.begin(), x.d.end());
    }

    // ESTIMATE plans first, before any wisdom is in the process (ESTIMATE would use it).
    namespace fft = dsp::fft;
    fft::configureWisdom("none");
    std::vector<Variant> vs;
    for (bool f32 : {false, true}) vs.push_back(makeVariant(cfg, fft::Effort::Estimate, "estimate", f32, x));
    const fft::WisdomStatus wisdom =
        fft::loadWisdomNow(o.wisdom.empty() ? fft::defaultWisdomPath() : o.wisdom);
    for (bool f32 : {false, true}) vs.push_back(makeVariant(cfg, fft::Effort::Wisdom, "wisdom", f32, x));
    // The lane FFTs (their input FFT and order-0 path still use FFTW, with the wisdom).
    for (bool f32 : {false, true}) vs.push_back(makeVariant(cfg, fft::Effort::Wisdom, "lanes", f32, x, forced));
    if (o.effort == "measure")
        for (bool f32 : {false, true}) vs.push_back(makeVariant(cfg, fft::Effort::Measure, "measure", f32, x));
    const fft::WisdomStatus after = fft::wisdomStatus();

    // Interleaved: batch r of every variant before batch r+1 of any, one thread each.
    for (int r = 0; r < o.repeats; ++r)
        for (auto& v : vs) timeOnce(v, x, count, 1);
    Variant* primary = nullptr;
    const std::string headline = o.fft == "lanes" ? "lanes" : o.effort;
    for (auto& v : vs)
        if (v.plans == headline && v.float32 == o.float32) primary = &v;
    // Same-run ratio of the FFTW path (wisdom plans) to the lane FFTs, per precision.
    auto cpuOf = [&](const std::string& plans, bool f32) {
        for (const auto& v : vs)
            if (v.plans == plans && v.float32 == f32) return median(v.cpu);
        return 0.0;
    };
    const double lanesGain64 = cpuOf("wisdom", false) / cpuOf("lanes", false);
    const double lanesGain32 = cpuOf("wisdom", true) / cpuOf("lanes", true);
    // Which kernels the lanes rows ran (where the lanes do not pay, those rows are FFTW's path).
    const auto variantName = [](dsp::lanes::LaneVariant v) {
        return v == dsp::lanes::LaneVariant::Avx512 ? "avx512" : v == dsp::lanes::LaneVariant::Avx2 ? "avx2" : "baseline";
    };
    const std::string laneVariant = variantName(dsp::lanes::laneVariant());
    const bool pays64 = forced || lanes::lanesPay<double>(), pays32 = forced || lanes::lanesPay<float>();
    // The multi-thread figure for the chosen variant, against its single-thread figure above.
    Variant multi;
    if (o.threads > 1) {
        for (int r = 0; r < o.repeats; ++r) {
            const double c0 = processCpuSeconds();
            const auto t0 = std::chrono::steady_clock::now();
            runBatch(*primary, x, count, o.threads);
            multi.wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / count);
            multi.cpu.push_back((processCpuSeconds() - c0) / count);
        }
    }
    const double singleWall = median(primary->wall), singleCpu = median(primary->cpu);
    const double perSignal = o.threads > 1 ? median(multi.wall) : singleWall;
    const double cpuPerSignal = o.threads > 1 ? median(multi.cpu) : singleCpu;

    nlohmann::json kym;
    if (!o.python.empty()) kym = runKymatio(o.python, o, q1, q2);
    const bool haveKym = kym.contains("cpu_seconds_per_signal");

    nlohmann::json table = nlohmann::json::array();
    for (const auto& v : vs) {
        const double cpu = median(v.cpu);
        nlohmann::json row{{"plans", v.plans},
                           {"float32", v.float32},
                           {"cpu_seconds_per_signal", cpu},
                           {"wall_seconds_per_signal", median(v.wall)},
                           {"flops_per_signal", v.flops},
                           {"gflops_per_second", v.flops / cpu * 1e-9},
                           {"plan_seconds", v.planSeconds}};
        if (haveKym) row["speedup_vs_kymatio"] = kym["cpu_seconds_per_signal"].get<double>() / cpu;
        table.push_back(row);
    }
    const Scattering1D& s = *primary->s;
    nlohmann::json wj{{"path", wisdom.path},
                      {"loaded", wisdom.state == fft::WisdomState::Loaded},
                      {"reason", wisdom.reason},
                      {"rigor", wisdom.rigor},
                      {"max_n", wisdom.maxN},
                      {"plans_from_wisdom", after.plansFromWisdom},
                      {"plans_estimated", after.plansEstimated},
                      {"message", fft::describeWisdom(after)}};
    if (o.json) {
        nlohmann::json j{{"seconds_per_signal", perSignal},
                         {"signals_per_second", 1.0 / perSignal},
                         {"cpu_seconds_per_signal", cpuPerSignal},
                         {"single_thread_seconds_per_signal", singleWall},
                         {"single_thread_cpu_seconds_per_signal", singleCpu},
                         {"speedup_vs_single_thread", singleWall / perSignal},
                         {"threads", o.threads},
                         {"N", o.N},
                         {"J", o.J},
                         {"Q", {q1, q2}},
                         {"max_order", 2},
                         {"float32", o.float32},
                         {"signals", o.signals},
                         {"repeats", o.repeats},
                         {"n_paths", s.nPaths()},
                         {"n_frames", s.nFrames()},
                         {"padded_length", s.paddedLength()},
                         {"plan_seconds", primary->planSeconds},
                         {"fft_effort", o.effort},
                         {"fft", o.fft},
                         {"lanes_speedup_vs_fftw_wisdom", {{"float64", lanesGain64}, {"float32", lanesGain32}}},
                         {"lane_variant", laneVariant},
                         {"lanes_used", {{"float64", pays64}, {"float32", pays32}}},
                         {"flops_per_signal", primary->flops},
                         {"gflops_per_second", primary->flops / singleCpu * 1e-9},
                         {"variants", table},
                         {"wisdom", wj}};
        if (!o.python.empty()) j["kymatio"] = kym;
        std::cout << jsonText(j) << "\n";
        return;
    }
    std::printf("scattering N=%d J=%d Q=(%d,%d), %d paths x %d frames, padded %d; one thread, CPU time per signal,\n"
                "median of %d interleaved batches of %d signals\n",
                o.N, o.J, q1, q2, s.nPaths(), s.nFrames(), s.paddedLength(), o.repeats, o.signals);
    std::printf("  %s\n", fft::describeWisdom(after).c_str());
    std::printf("  %-9s %-8s %10s %10s %12s %9s%s\n", "plans", "float", "CPU ms", "wall ms", "MFLOP/sig", "GFLOP/s",
                haveKym ? "  x kymatio" : "");
    for (const auto& row : table) {
        std::printf("  %-9s %-8s %10.4f %10.4f %12.2f %9.2f", row["plans"].get<std::string>().c_str(),
                    row["float32"].get<bool>() ? "float32" : "float64", row["cpu_seconds_per_signal"].get<double>() * 1e3,
                    row["wall_seconds_per_signal"].get<double>() * 1e3, row["flops_per_signal"].get<double>() * 1e-6,
                    row["gflops_per_second"].get<double>());
        if (haveKym) std::printf("  %9.1fx", row["speedup_vs_kymatio"].get<double>());
        std::printf("\n");
    }
    std::printf("  lane FFTs (%s kernels%s) vs FFTW with wisdom, same run: %.2fx (float64), %.2fx (float32)\n",
                laneVariant.c_str(), pays64 && pays32 ? "" : pays32 ? "; float64 rows are FFTW's path" : "; both are FFTW's path",
                lanesGain64, lanesGain32);
    if (o.threads > 1)
        std::printf("  %d threads (%s, %s): %.4f ms/signal wall; speed-up %.2fx over one thread\n", o.threads,
                    headline.c_str(), o.float32 ? "float32" : "float64", perSignal * 1e3, singleWall / perSignal);
    if (haveKym)
        std::printf("  kymatio %s (NumPy backend, same signals, one thread): %.4f ms/signal CPU\n",
                    kym.value("version", std::string("?")).c_str(), kym["cpu_seconds_per_signal"].get<double>() * 1e3);
    else if (!o.python.empty())
        std::printf("  kymatio: skipped, %s cannot run it (%s)\n", o.python.c_str(),
                    kym.value("error", std::string("unknown error")).c_str());
}

}  // namespace

void registerBenchScatter(CLI::App& bench) {
    auto bo = std::make_shared<BenchOptions>();
    auto* cmd = bench.add_subcommand(
        "scatter", "Scattering CPU time per signal: float64/float32 x lane FFTs / FFTW (ESTIMATE, wisdom), FLOPs, GFLOP/s");
    cmd->add_option("--threads", bo->threads, "Also time this many worker threads (for the chosen --fft/--float32)")
        ->default_val(1)
        ->check(CLI::Range(1, 1024));
    cmd->add_option("--N", bo->N, "Signal length")->default_val(3072)->check(CLI::Range(1, 1 << 24));
    cmd->add_option("--J", bo->J, "Averaging scale 2^J")->default_val(7)->check(CLI::Range(1, 16));
    cmd->add_option("--Q", bo->q, "Q1 or Q1,Q2")->default_val("8");
    cmd->add_option("--signals", bo->signals, "Signals per timed batch")->default_val(256)->check(CLI::Range(1, 1000000));
    cmd->add_option("--repeats", bo->repeats, "Timed batches per variant (the median is reported)")
        ->default_val(3)
        ->check(CLI::Range(1, 1000));
    cmd->add_flag("--float32", bo->float32, "The headline figures (and --threads) in single precision");
    cmd->add_option("--fft", bo->fft, "Path of the headline figures: lanes (default: lane FFTs) or fftw (one FFTW call "
                                      "per wavelet, with the --effort plans); both are always timed")
        ->default_val("lanes");
    cmd->add_option("--effort", bo->effort, "Plans of the FFTW headline figures (--fft fftw): wisdom (default), estimate, "
                                            "or measure (adds MEASURE rows: timed plans, not reproducible across processes)")
        ->default_val("wisdom");
    cmd->add_option("--wisdom", bo->wisdom, "FFTW wisdom file (default: " + dsp::fft::defaultWisdomPath() + ")");
    cmd->add_option("--compare-kymatio", bo->python,
                    "Python interpreter with kymatio: time kymatio (NumPy backend) on the same signals in this run");
    cmd->add_option("--lane-variant", bo->laneVariant,
                    "Run the lane FFTs with these kernels (avx512, avx2 or baseline; the CPU must support them), "
                    "also where the default would take FFTW's path: what a CPU with only that instruction set gets");
    cmd->add_flag("--json", bo->json, "Print one JSON object");
    cmd->callback([bo] { runBench(*bo); });
}

}  // namespace dacl::cli
