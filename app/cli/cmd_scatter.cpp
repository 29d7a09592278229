// `dacl scatter`: kymatio-compatible 1-D scattering of one signal file.
// `dacl features`: the cached feature job over a dataset (pooled Scattering-Transformer features).
// `dacl bench scatter` lives in cmd_bench_scatter.cpp.
#include "app/cli/cli_format.h"
#include "app/cli/commands.h"
#include "app/cli/terminal_progress.h"
#include "core/common/error.h"
#include "core/common/json_text.h"
#include "core/common/settings.h"
#include "core/data/dataset.h"
#include "core/dsp/fft_wisdom.h"
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
#include <sstream>
#include <string>
#include <vector>

namespace dacl::cli {

void registerBenchScatter(CLI::App& bench);  // cmd_bench_scatter.cpp

// "8" -> (8, 1); "8,2" -> (8, 2).
std::pair<int, int> parseScatterQ(const std::string& s) {
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

namespace {

using dsp::Scattering1D;
using dsp::ScatteringConfig;

// The transform of one signal keeps its whole filter bank at the padded length (about 60
// wavelets x 2N doubles at the default Q1 = 8): ~1 GB at this length. Longer signals are refused
// while reading, before anything large is allocated (10^7 samples grew past 5.9 GB).
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
    std::string input, output, paths, q = "8", wisdom, fft = "lanes";
    int J = 7, maxOrder = 2;
    long wisdomMaxN = 65536;
    bool float32 = false, wisdomGenerate = false, wisdomPatient = false;
};

// Where the plans of this process come from, on stderr, when it is not the wisdom file: the
// user then knows that the run is slower than it could be and how to fix it.
void noteWisdom() {
    const auto st = dsp::fft::wisdomStatus();
    if (st.state != dsp::fft::WisdomState::Loaded && st.state != dsp::fft::WisdomState::Disabled)
        std::fprintf(stderr, "dacl: note: %s\n", dsp::fft::describeWisdom(st).c_str());
}

void generateWisdom(const ScatterOptions& o) {
    const std::string path = o.wisdom.empty() ? dsp::fft::defaultWisdomPath() : o.wisdom;
    if (path == "none") throw std::invalid_argument("--wisdom-generate needs a file, not 'none'");
    std::fprintf(stderr, "measuring FFT plans (lengths 2..%ld, double and float, %s)...\n", o.wisdomMaxN,
                 o.wisdomPatient ? "FFTW_PATIENT" : "FFTW_MEASURE");
    const auto r = dsp::fft::generateWisdom(path, o.wisdomPatient, o.wisdomMaxN);
    std::printf("wrote %s: %d plans (%s, lengths up to %ld) in %.1f s\n", r.path.c_str(), r.plans, r.rigor.c_str(),
                r.maxN, r.seconds);
}

void runScatter(const ScatterOptions& o) {
    if (o.wisdomGenerate) {
        generateWisdom(o);
        if (o.input.empty() && o.output.empty()) return;
    } else {
        dsp::fft::configureWisdom(o.wisdom);
    }
    if (o.input.empty() || o.output.empty())
        throw std::invalid_argument("--input and --output are required (unless only --wisdom-generate is given)");
    const auto [q1, q2] = parseScatterQ(o.q);
    const std::vector<double> x = readSignal(o.input);
    ScatteringConfig cfg;
    cfg.N = static_cast<int>(x.size());
    cfg.J = o.J;
    cfg.Q1 = q1;
    cfg.Q2 = q2;
    cfg.maxOrder = o.maxOrder;
    cfg.effort = dsp::fft::Effort::Wisdom;  // recorded plans: no timing, same numbers in every process
    cfg.laneFft = o.fft == "lanes";
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
    noteWisdom();
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
    std::string data, output, cache, config, wisdom;
    std::vector<std::string> sets;
    std::size_t limit = 0;
    bool noCache = false, float64 = false, perRecord = false, json = false, quiet = false;
};

void runFeatures(const FeaturesOptions& o) {
    dsp::fft::configureWisdom(o.wisdom);
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
    dopt.cacheBytes = 0;  // the job reads each record once: a signal cache would only fill memory
    const Dataset dataset = Dataset::open(o.data, dopt);
    for (const auto& sk : dataset.skipped()) progress.log("skipped " + sk.file + ": " + sk.reason);
    std::vector<std::size_t> records;
    for (std::size_t i = 0; i < std::min(o.limit ? o.limit : dataset.size(), dataset.size()); ++i) records.push_back(i);
    features::CacheOptions cache;
    if (!o.noCache) cache.dir = o.cache.empty() ? defaultFeatureCache() : o.cache;
    const features::FeatureSet set = features::computeFeatures(dataset, fs, progress, cache, records);
    progress.finish();
    if (!o.quiet) noteWisdom();
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
    cmd->add_option("--input", so->input, "Signal: one value per line (required unless --wisdom-generate)");
    cmd->add_option("--J", so->J, "Averaging scale T = 2^J")->default_val(7)->check(CLI::Range(1, 16));
    cmd->add_option("--Q", so->q, "Wavelets per octave: Q1 or Q1,Q2 (Q2 defaults to 1)")->default_val("8");
    cmd->add_option("--max-order", so->maxOrder, "1 or 2")->default_val(2)->check(CLI::Range(1, 2));
    cmd->add_flag("--float32", so->float32, "Single-precision computation");
    cmd->add_option("--fft", so->fft, "Wavelet FFTs: lanes (default: several wavelets per SIMD register) or fftw "
                                      "(one FFTW call per wavelet, the earlier path)")
        ->default_val("lanes")
        ->check(CLI::IsMember({"lanes", "fftw"}));
    cmd->add_option("--output", so->output, "Output CSV: one row per path, one column per frame");
    cmd->add_option("--paths", so->paths, "Also write the path table (index,order,j1,j2,xi1,...)");
    cmd->add_option("--wisdom", so->wisdom, "FFTW wisdom file (default: " + dsp::fft::defaultWisdomPath() +
                                                "; 'none': FFTW_ESTIMATE plans)");
    cmd->add_flag("--wisdom-generate", so->wisdomGenerate,
                  "Measure fast FFT plans once for this machine and write them to the wisdom file; later runs (scatter, "
                  "features, predict, the desktop app) read it and compute the same numbers in every process");
    cmd->add_flag("--wisdom-patient", so->wisdomPatient, "With --wisdom-generate: FFTW_PATIENT (slower to make)");
    cmd->add_option("--wisdom-max-n", so->wisdomMaxN, "With --wisdom-generate: largest FFT length (power of two)")
        ->default_val(65536);
    cmd->callback([so] { runScatter(*so); });

    auto fo = std::make_shared<FeaturesOptions>();
    auto* feat = app.add_subcommand("features", "Scattering-Transformer features of a dataset (cached): frame sequences per span (repr=sequence, the default) or pooled windows (repr=pooled)");
    feat->add_option("--data", fo->data, "Dataset folder (PhysioNet 2017 layout or WFDB records)")->required();
    feat->add_option("--output", fo->output, "Output: .csv (one row per window) or .npy (+ .rows.csv index)")->required();
    feat->add_option("--config", fo->config, "JSON object of settings");
    feat->add_option("--set", fo->sets, "key=value setting (repeatable), e.g. scatter.J=6, st.layers=0, window.train_hop=3072");
    feat->add_option("--cache", fo->cache, "Feature cache folder (default: ~/.cache/dacl/features)");
    feat->add_flag("--no-cache", fo->noCache, "Do not read or write the feature cache");
    feat->add_option("--wisdom", fo->wisdom, "FFTW wisdom file (default: " + dsp::fft::defaultWisdomPath() +
                                                 "; 'none': FFTW_ESTIMATE plans); see dacl scatter --wisdom-generate");
    feat->add_option("--limit", fo->limit, "Only the first N records (quick looks)");
    feat->add_flag("--float64", fo->float64, "Double-precision scattering (default: float32)");
    feat->add_flag("--per-record", fo->perRecord, "One row per record: the mean of its window features");
    feat->add_flag("--json", fo->json, "Print one JSON summary object");
    feat->add_flag("--quiet", fo->quiet, "No progress output");
    feat->callback([fo] { runFeatures(*fo); });

    registerBenchScatter(*app.get_subcommand("bench"));
}

}  // namespace dacl::cli
