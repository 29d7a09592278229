// `dacl scatter`: kymatio-compatible 1-D scattering of one signal file.
// `dacl features`: the cached feature job over a dataset (pooled Scattering-Transformer features).
// `dacl bench scatter`: throughput of the scattering transform.
#include "app/cli/commands.h"
#include "app/cli/terminal_progress.h"
#include "core/common/error.h"
#include "core/common/json_text.h"
#include "core/common/settings.h"
#include "core/data/dataset.h"
#include "core/dsp/scattering.h"
#include "core/features/feature_job.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace dacl::cli {

namespace {

using dsp::Scattering1D;
using dsp::ScatteringConfig;

// "8" -> (8, 1); "8,2" -> (8, 2).
std::pair<int, int> parseQ(const std::string& s) {
    const auto comma = s.find(',');
    auto toInt = [&](const std::string& t) {
        char* end = nullptr;
        const long v = std::strtol(t.c_str(), &end, 10);
        if (t.empty() || *end != '\0' || v < 1 || v > 64)
            throw std::invalid_argument("--Q must be Q1 or Q1,Q2 with integers in 1..64 (got '" + s + "')");
        return static_cast<int>(v);
    };
    if (comma == std::string::npos) return {toInt(s), 1};
    return {toInt(s.substr(0, comma)), toInt(s.substr(comma + 1))};
}

// The transform of one signal keeps its whole filter bank at the padded length (about 60
// wavelets x 2N doubles at the default Q1 = 8): ~1 GB at this length. Longer signals are refused
// while reading, before anything large is allocated (10^7 samples grew past 5.9 GB, issue 18).
constexpr std::size_t kMaxScatterSamples = std::size_t{1} << 20;

// One finite number per line; blank lines are skipped.
std::vector<double> readSignal(const std::string& path) {
    std::ifstream f(path);
    if (!f) throw InputError(path, "cannot open file");
    std::vector<double> x;
    std::string line;
    int lineNo = 0;
    while (std::getline(f, line)) {
        ++lineNo;
        const auto b = line.find_first_not_of(" \t\r");
        if (b == std::string::npos) continue;
        const auto e = line.find_last_not_of(" \t\r");
        const std::string field = line.substr(b, e - b + 1);
        char* end = nullptr;
        const double v = std::strtod(field.c_str(), &end);  // C locale in the CLI
        if (end == field.c_str() || *end != '\0')
            throw InputError(path, "expected one number per line, got '" + field + "'", lineNo);
        if (!std::isfinite(v))
            throw InputError(path, std::string("value is ") + (std::isnan(v) ? "NaN" : "infinite") +
                                       "; the scattering transform needs finite samples", lineNo);
        if (x.size() == kMaxScatterSamples)
            throw InputError(path, "more than " + std::to_string(kMaxScatterSamples) +
                                       " samples: too long to transform as one signal (its filter bank alone "
                                       "would need gigabytes); cut it into pieces or use `dacl features`",
                             lineNo);
        x.push_back(v);
    }
    if (x.empty()) throw InputError(path, "no samples");
    return x;
}

void writeFileOrThrow(const std::string& path, const std::string& text) {
    std::ofstream f(path, std::ios::binary);
    if (!f) throw InputError(path, "cannot write file");
    f << text;
    if (!f) throw InputError(path, "write failed");
}

std::string g17(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string pathTable(const Scattering1D& s) {
    std::string out = "index,order,j1,j2,xi1,sigma1,xi2,sigma2,n1,n2\n";
    auto opt = [](double v) { return std::isnan(v) ? std::string() : g17(v); };
    for (int r = 0; r < s.nPaths(); ++r) {
        const auto& p = s.paths()[r];
        out += std::to_string(r) + "," + std::to_string(p.order) + "," + std::to_string(p.j1) + "," +
               std::to_string(p.j2) + "," + opt(p.xi1) + "," + opt(p.sigma1) + "," + opt(p.xi2) + "," +
               opt(p.sigma2) + "," + std::to_string(p.n1) + "," + std::to_string(p.n2) + "\n";
    }
    return out;
}

template <class T> std::string outputTable(const std::vector<T>& S, int nPaths, int nFrames) {
    std::string out;
    out.reserve(static_cast<std::size_t>(nPaths) * nFrames * 24);
    for (int r = 0; r < nPaths; ++r) {
        for (int t = 0; t < nFrames; ++t) {
            if (t) out += ',';
            out += g17(static_cast<double>(S[static_cast<std::size_t>(r) * nFrames + t]));
        }
        out += '\n';
    }
    return out;
}

struct ScatterOptions {
    std::string input, output, paths, q = "8";
    int J = 7, maxOrder = 2;
    bool float32 = false;
};

void runScatter(const ScatterOptions& o) {
    const auto [q1, q2] = parseQ(o.q);
    const std::vector<double> x = readSignal(o.input);
    ScatteringConfig cfg;
    cfg.N = static_cast<int>(x.size());
    cfg.J = o.J;
    cfg.Q1 = q1;
    cfg.Q2 = q2;
    cfg.maxOrder = o.maxOrder;
    cfg.effort = dsp::fft::Effort::Estimate;  // one signal: planning would cost more than it saves
    const Scattering1D s(cfg);
    std::string table;
    if (o.float32) {
        const std::vector<float> xf(x.begin(), x.end());
        std::vector<float> S(s.outputSize());
        s.transform(xf.data(), S.data());
        table = outputTable(S, s.nPaths(), s.nFrames());
    } else {
        std::vector<double> S(s.outputSize());
        s.transform(x.data(), S.data());
        table = outputTable(S, s.nPaths(), s.nFrames());
    }
    writeFileOrThrow(o.output, table);
    if (!o.paths.empty()) writeFileOrThrow(o.paths, pathTable(s));
}

struct BenchOptions {
    int threads = 1, N = 3072, J = 7, signals = 256, repeats = 3;
    std::string q = "8";
    std::string effort = "estimate";
    bool float32 = false, json = false;
};

double processCpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

struct Timing {
    double wall = 0;  // seconds per signal, median over the timed batches
    double cpu = 0;   // CPU seconds (all threads) per signal, median: meaningful on a busy machine
};

// One warm-up batch (workspaces, caches), then `repeats` timed batches.
template <class T>
Timing timeBatches(const Scattering1D& s, const std::vector<T>& x, std::size_t count, int threads, int repeats) {
    std::vector<T> out(count * s.outputSize());
    s.transformBatch(x.data(), count, out.data(), threads);
    std::vector<double> wall, cpu;
    for (int r = 0; r < repeats; ++r) {
        const double c0 = processCpuSeconds();
        const auto t0 = std::chrono::steady_clock::now();
        s.transformBatch(x.data(), count, out.data(), threads);
        const auto t1 = std::chrono::steady_clock::now();
        cpu.push_back((processCpuSeconds() - c0) / static_cast<double>(count));
        wall.push_back(std::chrono::duration<double>(t1 - t0).count() / static_cast<double>(count));
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    return {wall[wall.size() / 2], cpu[cpu.size() / 2]};
}

template <class T> void runBenchTyped(const BenchOptions& o, const Scattering1D& s, double planSeconds) {
    std::mt19937_64 rng(12345);
    std::normal_distribution<double> gauss(0.0, 1.0);
    std::vector<T> x(static_cast<std::size_t>(o.signals) * o.N);
    for (auto& v : x) v = static_cast<T>(gauss(rng));
    const std::size_t count = static_cast<std::size_t>(o.signals);
    const Timing multi = timeBatches(s, x, count, o.threads, o.repeats);
    // The multi-thread speed-up is measured against one thread on the same signals, in this run.
    const Timing one = o.threads == 1 ? multi : timeBatches(s, x, count, 1, o.repeats);
    const double perSignal = multi.wall, single = one.wall;
    const auto [q1, q2] = parseQ(o.q);
    if (o.json) {
        nlohmann::json j{{"seconds_per_signal", perSignal},
                         {"signals_per_second", 1.0 / perSignal},
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
                         {"plan_seconds", planSeconds},
                         {"fft_effort", o.effort},
                         {"cpu_seconds_per_signal", multi.cpu},
                         {"single_thread_seconds_per_signal", single},
                         {"single_thread_cpu_seconds_per_signal", one.cpu},
                         {"speedup_vs_single_thread", single / perSignal}};
        std::cout << jsonText(j) << "\n";
    } else {
        std::printf("scattering N=%d J=%d Q=(%d,%d) %s, %d paths x %d frames, padded %d\n", o.N, o.J, q1, q2,
                    o.float32 ? "float32" : "float64", s.nPaths(), s.nFrames(), s.paddedLength());
        std::printf("  plan (%s): %.3f s (once per configuration)\n", o.effort.c_str(), planSeconds);
        std::printf("  %d thread(s): %.4f ms/signal (%.0f signals/s; CPU %.4f ms/signal), median of %d batches of %d\n",
                    o.threads, perSignal * 1e3, 1.0 / perSignal, multi.cpu * 1e3, o.repeats, o.signals);
        if (o.threads != 1)
            std::printf("  1 thread: %.4f ms/signal (CPU %.4f ms/signal); speed-up %.2fx\n", single * 1e3, one.cpu * 1e3,
                        single / perSignal);
    }
}

void runBench(const BenchOptions& o) {
    if (o.threads < 1) throw std::invalid_argument("--threads must be >= 1");
    if (o.signals < 1 || o.repeats < 1) throw std::invalid_argument("--signals and --repeats must be >= 1");
    const auto [q1, q2] = parseQ(o.q);
    ScatteringConfig cfg;
    cfg.N = o.N;
    cfg.J = o.J;
    cfg.Q1 = q1;
    cfg.Q2 = q2;
    if (o.effort != "estimate" && o.effort != "measure") throw std::invalid_argument("--effort must be estimate or measure");
    cfg.effort = o.effort == "measure" ? dsp::fft::Effort::Measure : dsp::fft::Effort::Estimate;
    const auto t0 = std::chrono::steady_clock::now();
    const Scattering1D s(cfg);
    // Build the engine (FFT plans) outside the timed region.
    if (o.float32) {
        std::vector<float> z(o.N, 0.0f), out(s.outputSize());
        s.transform(z.data(), out.data());
    } else {
        std::vector<double> z(o.N, 0.0), out(s.outputSize());
        s.transform(z.data(), out.data());
    }
    const double plan = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (o.float32) runBenchTyped<float>(o, s, plan);
    else runBenchTyped<double>(o, s, plan);
}

std::string defaultFeatureCache() {
    if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/dacl/features";
    return ".dacl-cache/features";
}

bool endsWith(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::string g9(float v) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(v));  // round-trips a float
    return buf;
}

// NumPy .npy (format 1.0) of a rows x cols float32 matrix.
void writeNpy(const std::string& path, const float* data, std::size_t rows, std::size_t cols) {
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::to_string(rows) + ", " +
                         std::to_string(cols) + "), }";
    const std::size_t total = 10 + header.size() + 1;
    header.append((64 - total % 64) % 64, ' ');
    header += '\n';
    std::ofstream f(path, std::ios::binary);
    if (!f) throw InputError(path, "cannot write file");
    const unsigned short len = static_cast<unsigned short>(header.size());
    f.write("\x93NUMPY\x01\x00", 8);
    f.write(reinterpret_cast<const char*>(&len), 2);
    f << header;
    f.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(rows * cols * sizeof(float)));
    if (!f) throw InputError(path, "write failed");
}

struct FeaturesOptions {
    std::string data, output, cache, config;
    std::vector<std::string> sets;
    std::size_t limit = 0;
    bool noCache = false, float64 = false, perRecord = false, json = false, quiet = false;
};

void runFeatures(const FeaturesOptions& o) {
    Settings settings;
    if (!o.config.empty()) settings.mergeFile(o.config);
    for (const auto& a : o.sets) settings.set(a);
    features::FeatureSettings fs = features::FeatureSettings::fromSettings(settings);
    fs.float32 = !o.float64;
    const bool npy = endsWith(o.output, ".npy");
    if (!npy && !endsWith(o.output, ".csv"))
        throw std::invalid_argument("--output must end in .csv or .npy (got '" + o.output + "')");

    const auto t0 = std::chrono::steady_clock::now();
    TerminalProgress progress(o.quiet);
    DatasetOptions dopt;
    dopt.threads = fs.threads;
    const Dataset dataset = Dataset::open(o.data, dopt);
    for (const auto& sk : dataset.skipped()) progress.log("skipped " + sk.file + ": " + sk.reason);
    std::vector<std::size_t> records;
    for (std::size_t i = 0; i < std::min(o.limit ? o.limit : dataset.size(), dataset.size()); ++i) records.push_back(i);
    features::CacheOptions cache;
    if (!o.noCache) cache.dir = o.cache.empty() ? defaultFeatureCache() : o.cache;
    const features::FeatureSet set = features::computeFeatures(dataset, fs, progress, cache, records);
    progress.finish();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    const auto& entries = dataset.records();
    std::string index;  // one line per output row: record, label, (start, eval | windows)
    if (o.perRecord) {
        const auto agg = features::aggregateByRecord(set);
        if (npy) writeNpy(o.output, agg.features.data(), agg.records.size(), agg.dim);
        std::string text = npy ? "" : "record,label,windows";
        if (!npy)
            for (int c = 0; c < agg.dim; ++c) text += ",f" + std::to_string(c);
        if (!npy) text += "\n";
        for (std::size_t r = 0; r < agg.records.size(); ++r) {
            const auto& e = entries[agg.records[r]];
            std::string line = e.name + "," + e.label + "," + std::to_string(agg.windows[r]);
            if (!npy)
                for (int c = 0; c < agg.dim; ++c) line += "," + g9(agg.features[r * agg.dim + c]);
            (npy ? index : text) += line + "\n";
        }
        if (!npy) writeFileOrThrow(o.output, text);
    } else {
        if (npy) writeNpy(o.output, set.features.data(), set.rows(), set.dim);
        std::string text;
        if (!npy) {
            text = "record,label,start_s,eval";
            for (int c = 0; c < set.dim; ++c) text += ",f" + std::to_string(c);
            text += "\n";
            text.reserve(set.rows() * set.dim * 12);
        }
        for (std::size_t i = 0; i < set.rows(); ++i) {
            const auto& e = entries[set.record[i]];
            std::string line = e.name + "," + e.label + "," + g17(set.startS[i]) + "," + (set.evalGrid[i] ? "1" : "0");
            if (!npy)
                for (int c = 0; c < set.dim; ++c) line += "," + g9(set.row(i)[c]);
            (npy ? index : text) += line + "\n";
        }
        if (!npy) writeFileOrThrow(o.output, text);
    }
    if (npy)
        writeFileOrThrow(o.output + ".rows.csv",
                         std::string(o.perRecord ? "record,label,windows\n" : "record,label,start_s,eval\n") + index);

    nlohmann::json summary{{"records", set.records.size() - set.skipped.size()},
                           {"skipped", set.skipped.size()},
                           {"windows", set.rows()},
                           {"dim", set.dim},
                           {"from_cache", set.fromCache},
                           {"seconds", seconds},
                           {"settings", fs.toJson()},
                           {"output", o.output}};
    if (o.json) std::cout << jsonText(summary) << "\n";
    else
        std::printf("%zu windows x %d features from %zu records (%zu skipped) in %.1f s%s -> %s\n", set.rows(), set.dim,
                    set.records.size() - set.skipped.size(), set.skipped.size(), seconds,
                    set.fromCache ? " (from cache)" : "", o.output.c_str());
}

}  // namespace

void registerScatterCommands(CLI::App& app) {
    auto so = std::make_shared<ScatterOptions>();
    auto* cmd = app.add_subcommand("scatter", "1-D wavelet scattering of one signal (kymatio-compatible)");
    cmd->add_option("--input", so->input, "Signal: one value per line")->required();
    cmd->add_option("--J", so->J, "Averaging scale T = 2^J")->default_val(7)->check(CLI::Range(1, 16));
    cmd->add_option("--Q", so->q, "Wavelets per octave: Q1 or Q1,Q2 (Q2 defaults to 1)")->default_val("8");
    cmd->add_option("--max-order", so->maxOrder, "1 or 2")->default_val(2)->check(CLI::Range(1, 2));
    cmd->add_flag("--float32", so->float32, "Single-precision computation");
    cmd->add_option("--output", so->output, "Output CSV: one row per path, one column per frame")->required();
    cmd->add_option("--paths", so->paths, "Also write the path table (index,order,j1,j2,xi1,...)");
    cmd->callback([so] { runScatter(*so); });

    auto fo = std::make_shared<FeaturesOptions>();
    auto* feat = app.add_subcommand("features", "Scattering-Transformer features of a dataset (cached): frame sequences per span (repr=sequence, the default) or pooled windows (repr=pooled)");
    feat->add_option("--data", fo->data, "Dataset folder (PhysioNet 2017 layout or WFDB records)")->required();
    feat->add_option("--output", fo->output, "Output: .csv (one row per window) or .npy (+ .rows.csv index)")->required();
    feat->add_option("--config", fo->config, "JSON object of settings");
    feat->add_option("--set", fo->sets, "key=value setting (repeatable), e.g. scatter.J=6, st.layers=0, window.train_hop=3072");
    feat->add_option("--cache", fo->cache, "Feature cache folder (default: ~/.cache/dacl/features)");
    feat->add_flag("--no-cache", fo->noCache, "Do not read or write the feature cache");
    feat->add_option("--limit", fo->limit, "Only the first N records (quick looks)");
    feat->add_flag("--float64", fo->float64, "Double-precision scattering (default: float32)");
    feat->add_flag("--per-record", fo->perRecord, "One row per record: the mean of its window features");
    feat->add_flag("--json", fo->json, "Print one JSON summary object");
    feat->add_flag("--quiet", fo->quiet, "No progress output");
    feat->callback([fo] { runFeatures(*fo); });

    auto bo = std::make_shared<BenchOptions>();
    auto* bench = app.get_subcommand("bench")->add_subcommand("scatter", "Scattering throughput (signals/s)");
    bench->add_option("--threads", bo->threads, "Worker threads")->default_val(1)->check(CLI::Range(1, maxThreads()));
    bench->add_option("--N", bo->N, "Signal length")->default_val(3072)->check(CLI::Range(1, 1 << 24));
    bench->add_option("--J", bo->J, "Averaging scale 2^J")->default_val(7)->check(CLI::Range(1, 16));
    bench->add_option("--Q", bo->q, "Q1 or Q1,Q2")->default_val("8");
    bench->add_option("--signals", bo->signals, "Signals per timed batch")->default_val(256)->check(CLI::Range(1, 1000000));
    bench->add_option("--repeats", bo->repeats, "Timed batches (the median is reported)")->default_val(3)->check(CLI::Range(1, 1000));
    bench->add_flag("--float32", bo->float32, "Single precision");
    bench->add_option("--effort", bo->effort, "FFTW planner: estimate (the default, reproducible) or measure")
        ->default_val("estimate");
    bench->add_flag("--json", bo->json, "Print one JSON object");
    bench->callback([bo] { runBench(*bo); });
}

}  // namespace dacl::cli
