// `dacl tsne`: 2-D t-SNE of the rows of a CSV file (core/embed/tsne.h).
// `dacl bench tsne`: exact vs Barnes-Hut, 1 vs N threads, on a seeded synthetic clustered input.
#include "app/cli/cli_format.h"
#include "app/cli/commands.h"
#include "app/cli/terminal_progress.h"
#include "core/common/error.h"
#include "core/common/json_text.h"
#include "core/common/settings.h"
#include "core/embed/pca.h"
#include "core/embed/tsne.h"
#include "core/eval/random.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace dacl::cli {

namespace {

struct Table {
    std::vector<double> values;
    std::size_t rows = 0, cols = 0;
};

// Rows of comma-separated finite numbers, all of the same length; blank lines are skipped.
// With `header`, the first non-blank line is skipped (column names).
Table readTable(const std::string& path, bool header) {
    std::ifstream f(path);
    if (!f) throw InputError(path, "cannot open file");
    Table t;
    std::string line;
    int lineNo = 0;
    bool skipped = !header;
    while (std::getline(f, line)) {
        ++lineNo;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        if (!skipped) {
            skipped = true;
            continue;
        }
        std::size_t fields = 0, pos = 0;
        for (;;) {
            const std::size_t comma = line.find(',', pos);
            std::string field = line.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
            const auto b = field.find_first_not_of(" \t\r");
            const auto e = field.find_last_not_of(" \t\r");
            field = b == std::string::npos ? std::string() : field.substr(b, e - b + 1);
            ++fields;
            char* end = nullptr;
            const double v = std::strtod(field.c_str(), &end);
            if (field.empty() || *end != '\0')
                throw InputError(path, "field " + std::to_string(fields) + " is not a number: '" + field + "'", lineNo);
            if (!std::isfinite(v))
                throw InputError(path, "field " + std::to_string(fields) + " is not finite", lineNo);
            t.values.push_back(v);
            if (comma == std::string::npos) break;
            pos = comma + 1;
        }
        if (t.rows == 0) t.cols = fields;
        else if (fields != t.cols)
            throw InputError(path, "expected " + std::to_string(t.cols) + " numbers like the first row, got " +
                                       std::to_string(fields), lineNo);
        ++t.rows;
    }
    if (t.rows == 0) throw InputError(path, "no rows");
    return t;
}

void writeLayout(const std::string& path, const std::vector<double>& xy) {
    std::string out;
    out.reserve(xy.size() * 24);
    for (std::size_t i = 0; i + 1 < xy.size(); i += 2) out += g17(xy[i]) + "," + g17(xy[i + 1]) + "\n";
    std::ofstream f(path, std::ios::binary);
    if (!f) throw InputError(path, "cannot write file");
    f << out;
    if (!f) throw InputError(path, "write failed");
}

struct TsneOptions {
    std::string input, output, score, method = "auto";
    double perplexity = 30, learningRate = 0, exaggeration = 12;
    int iterations = 1000, threads = 0;
    std::uint64_t seed = 0;
    bool header = false, randomInit = false, json = false, quiet = false;
};

embed::TsneSettings settingsOf(const TsneOptions& o) {
    embed::TsneSettings s;
    s.perplexity = o.perplexity;
    s.iterations = o.iterations;
    s.seed = o.seed;
    s.method = o.method;
    s.threads = o.threads;
    s.learningRate = o.learningRate;
    s.earlyExaggeration = o.exaggeration;
    s.pcaInit = !o.randomInit;
    return s;
}

void runTsne(const TsneOptions& o) {
    if (o.output.empty() && o.score.empty()) throw std::invalid_argument("--output is required (or --score LAYOUT)");
    const Table t = readTable(o.input, o.header);
    const embed::TsneSettings s = settingsOf(o);
    TerminalProgress progress(o.quiet || o.json);
    nlohmann::json j{{"points", t.rows}, {"dims", t.cols}, {"perplexity", o.perplexity},
                     {"method", embed::resolveTsneMethod(o.method, t.rows)}};
    if (!o.score.empty()) {
        const Table layout = readTable(o.score, false);
        if (layout.cols != 2 || layout.rows != t.rows)
            throw InputError(o.score, "expected " + std::to_string(t.rows) + " rows of x,y (one per input row), got " +
                                          std::to_string(layout.rows) + " rows of " + std::to_string(layout.cols));
        const double kl = embed::tsneKlDivergence(t.values, t.rows, t.cols, layout.values, s, progress);
        progress.finish();
        j["kl_divergence"] = kl;
        if (o.json) std::cout << jsonText(j) << "\n";
        else std::printf("KL divergence of %s: %.6f\n", o.score.c_str(), kl);
        return;
    }
    const auto t0 = std::chrono::steady_clock::now();
    const embed::TsneResult r = embed::tsne(t.values, t.rows, t.cols, s, progress);
    const double seconds = secondsSince(t0);
    progress.finish();
    writeLayout(o.output, r.xy);
    j["method"] = r.method;
    j["iterations"] = r.iterations;
    j["kl_divergence"] = r.klDivergence;
    j["seconds"] = seconds;
    if (o.json) std::cout << jsonText(j) << "\n";
    else
        std::printf("t-SNE of %zu points x %zu dims (%s, perplexity %g, %d iterations): KL %.6f in %.2f s -> %s\n",
                    t.rows, t.cols, r.method.c_str(), o.perplexity, r.iterations, r.klDivergence, seconds,
                    o.output.c_str());
}

// Seeded Gaussian clusters: `clusters` centres ~ N(0, 4^2) per dimension, unit spread around them.
std::vector<double> clusteredInput(std::size_t n, std::size_t dim, int clusters, std::uint64_t seed) {
    eval::SplitMix64 rng(seed);
    auto gauss = [&] {
        const double u1 = (static_cast<double>(rng.next() >> 11) + 1.0) * 0x1.0p-53;
        const double u2 = static_cast<double>(rng.next() >> 11) * 0x1.0p-53;
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    };
    std::vector<double> centres(static_cast<std::size_t>(clusters) * dim);
    for (double& c : centres) c = 4.0 * gauss();
    std::vector<double> x(n * dim);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t c = i % static_cast<std::size_t>(clusters);
        for (std::size_t d = 0; d < dim; ++d) x[i * dim + d] = centres[c * dim + d] + gauss();
    }
    return x;
}

struct BenchOptions {
    int n = 1000, dim = 50, iterations = 1000, threads = 2, clusters = 10, pca = 0;
    double perplexity = 30;
    std::string input, writeInput;
    bool header = false, skipExact = false, json = false;
};

void runBench(const BenchOptions& o) {
    if (o.n < 2 || o.dim < 1 || o.clusters < 1) throw std::invalid_argument("--n must be >= 2, --dim and --clusters >= 1");
    std::size_t n = static_cast<std::size_t>(o.n), dim = static_cast<std::size_t>(o.dim);
    std::vector<double> x;
    if (o.input.empty()) {
        x = clusteredInput(n, dim, o.clusters, 20240601);
    } else {  // real data, e.g. pooled features; --n and --dim are taken from the file
        Table t = readTable(o.input, o.header);
        x = std::move(t.values);
        n = t.rows;
        dim = t.cols;
    }
    if (o.pca > 0) {  // reduce to the leading principal components first (as is usual before t-SNE)
        if (static_cast<std::size_t>(o.pca) > dim) throw std::invalid_argument("--pca must be at most the input's columns");
        x = embed::pca(x, n, dim, o.pca).scores;
        dim = static_cast<std::size_t>(o.pca);
    }
    if (!o.writeInput.empty()) {
        std::string out;
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t d = 0; d < dim; ++d) out += (d ? "," : "") + g17(x[i * dim + d]);
            out += "\n";
        }
        std::ofstream f(o.writeInput, std::ios::binary);
        if (!f || !(f << out)) throw InputError(o.writeInput, "cannot write file");
        std::printf("wrote %zu x %zu points to %s\n", n, dim, o.writeInput.c_str());
        return;
    }
    struct Case { std::string method; int threads; };
    std::vector<Case> cases;
    if (!o.skipExact && n <= 5000) cases.push_back({"exact", o.threads});
    cases.push_back({"bh", 1});
    if (o.threads != 1) cases.push_back({"bh", o.threads});
    nlohmann::json runs = nlohmann::json::array();
    if (!o.json)
        std::printf("t-SNE bench: %zu points x %zu dims (%s), perplexity %g, %d iterations\n", n, dim,
                    o.input.empty() ? (std::to_string(o.clusters) + " Gaussian clusters").c_str() : o.input.c_str(),
                    o.perplexity, o.iterations);
    for (const Case& c : cases) {
        embed::TsneSettings s;
        s.perplexity = o.perplexity;
        s.iterations = o.iterations;
        s.method = c.method;
        s.threads = c.threads;
        NullProgress progress;
        const auto t0 = std::chrono::steady_clock::now();
        const embed::TsneResult r = embed::tsne(x, n, dim, s, progress);
        const double ms = 1000.0 * secondsSince(t0);
        runs.push_back({{"method", c.method}, {"threads", c.threads}, {"ms", ms}, {"kl_divergence", r.klDivergence}});
        if (!o.json) std::printf("  %-6s threads %d: %10.1f ms  KL %.4f\n", c.method.c_str(), c.threads, ms, r.klDivergence);
    }
    if (o.json)
        std::cout << jsonText(nlohmann::json{{"points", n}, {"dims", dim}, {"perplexity", o.perplexity},
                                    {"iterations", o.iterations}, {"runs", runs}})
                  << "\n";
}

}  // namespace

void registerTsneCommands(CLI::App& app) {
    auto o = std::make_shared<TsneOptions>();
    auto* cmd = app.add_subcommand("tsne", "2-D t-SNE of the rows of a CSV file (rows x,y out, same order)");
    cmd->add_option("--input", o->input, "CSV: one row of comma-separated numbers per point")->required();
    cmd->add_option("--output", o->output, "Output CSV: one row x,y per input row");
    cmd->add_flag("--header", o->header, "The first line of --input holds column names");
    cmd->add_option("--perplexity", o->perplexity, "Effective number of neighbours")->default_val(30)->check(CLI::Range(0.01, 1e6));
    cmd->add_option("--iterations", o->iterations, "Gradient-descent iterations (including early exaggeration)")->default_val(1000)->check(CLI::Range(0, 1000000));
    cmd->add_option("--seed", o->seed, "Seed (used by the random initialisation)")->default_val(0);
    cmd->add_option("--method", o->method, "exact, bh (Barnes-Hut) or auto (exact up to 1000 points)")->default_val("auto");
    cmd->add_option("--threads", o->threads, "Worker threads (0 = all cores); the result does not depend on it")->default_val(0)->check(CLI::Range(0, maxThreads()));
    cmd->add_option("--learning-rate", o->learningRate, "0 = auto: max(N / early exaggeration / 4, 50)")->default_val(0)->check(CLI::Range(0.0, 1e6));
    cmd->add_option("--early-exaggeration", o->exaggeration, "Factor on P during the first 250 iterations")->default_val(12)->check(CLI::Range(1.0, 1000.0));
    cmd->add_flag("--random-init", o->randomInit, "Random initial layout (seeded) instead of PCA");
    cmd->add_option("--score", o->score, "Only print the KL divergence of this layout (x,y rows) under the input's P");
    cmd->add_flag("--json", o->json, "Print one JSON summary object");
    cmd->add_flag("--quiet", o->quiet, "No progress output");
    cmd->callback([o] { runTsne(*o); });

    auto b = std::make_shared<BenchOptions>();
    auto* bench = app.get_subcommand("bench")->add_subcommand("tsne", "t-SNE speed: exact vs Barnes-Hut, 1 vs N threads");
    bench->add_option("--n", b->n, "Points")->default_val(1000)->check(CLI::Range(2, 10000000));
    bench->add_option("--dim", b->dim, "Dimensions")->default_val(50)->check(CLI::Range(1, 100000));
    bench->add_option("--clusters", b->clusters, "Gaussian clusters in the synthetic input")->default_val(10)->check(CLI::Range(1, 100000));
    bench->add_option("--iterations", b->iterations, "Iterations")->default_val(1000)->check(CLI::Range(0, 1000000));
    bench->add_option("--perplexity", b->perplexity, "Perplexity")->default_val(30)->check(CLI::Range(0.01, 1e6));
    bench->add_option("--threads", b->threads, "Threads of the multi-threaded runs")->default_val(2)->check(CLI::Range(1, maxThreads()));
    bench->add_flag("--skip-exact", b->skipExact, "Only Barnes-Hut (exact is O(n^2) per iteration; skipped above 5000 points)");
    bench->add_option("--input", b->input, "Use this CSV (rows of numbers) instead of the synthetic clusters");
    bench->add_flag("--header", b->header, "The first line of --input holds column names");
    bench->add_option("--pca", b->pca, "Reduce the input to its first K principal components first")->default_val(0)->check(CLI::Range(0, 100000));
    bench->add_option("--write-input", b->writeInput, "Only write the input (after --pca) to this CSV and exit");
    bench->add_flag("--json", b->json, "Print one JSON object");
    bench->callback([b] { runBench(*b); });
}

}  // namespace dacl::cli
