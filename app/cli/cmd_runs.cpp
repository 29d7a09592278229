// `dacl runs list|show|export|rename|delete --db FILE ...`: read the results store from scripts.
// Also `dacl bench store` and `dacl bench eval` (results-store inserts, AUROC and its bootstrap).
// The --json outputs are a stable interface: keys are only ever added.
#include "app/cli/cli_format.h"
#include "app/cli/commands.h"
#include "core/common/json_text.h"
#include "core/eval/metrics.h"
#include "core/eval/random.h"
#include "core/store/metric_names.h"
#include "core/store/results_store.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

namespace dacl::cli {
namespace {

using nlohmann::json;
using store::ResultsStore;

// NaN and ±inf have no JSON spelling: null.
json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }
json optNum(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }
json optNum(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }

std::string fixed(double v, int digits = 4) {
    if (!std::isfinite(v)) return "n/a";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

// Folds are stored (and in --json) 0-based; people read them 1-based, as in the pipeline's log
// and the desktop app.
std::string foldText(int storedFold) { return std::to_string(storedFold + 1); }

// "2026-01-31T12:00:00Z" -> "2026-01-31 12:00" for tables.
std::string shortTime(const std::string& iso) {
    if (iso.size() < 16) return iso.empty() ? "-" : iso;
    return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

std::unique_ptr<ResultsStore> openExisting(const std::string& db) {
    store::OpenOptions options;
    options.create = false;  // reading commands never create an empty file by mistake
    return std::make_unique<ResultsStore>(db, options);
}

json finalMetricJson(const store::FinalMetric& m) {
    return {{"mean", num(m.mean)}, {"std", num(m.std)}, {"ci_low", num(m.ciLow)}, {"ci_high", num(m.ciHigh)}};
}

json runJson(ResultsStore& st, const store::RunInfo& r) {
    json j{{"id", r.id},
           {"parent_id", optNum(r.parentId)},
           {"name", r.name},
           {"task", r.task},
           {"status", store::toString(r.status)},
           {"seed", r.seed},
           {"data_fingerprint", r.dataFingerprint},
           {"software_version", r.softwareVersion},
           {"device", r.device},
           {"threads", r.threads},
           {"created_at", r.createdAt},
           {"started_at", r.startedAt.empty() ? json(nullptr) : json(r.startedAt)},
           {"finished_at", r.finishedAt.empty() ? json(nullptr) : json(r.finishedAt)},
           {"error", r.error.empty() ? json(nullptr) : json(r.error)}};
    const auto auroc = st.finalMetric(r.id, store::metric::kAuroc);
    j["auroc"] = auroc ? finalMetricJson(*auroc) : json(nullptr);
    return j;
}

json settingsJson(const store::RunInfo& r) {
    const json parsed = json::parse(r.settingsJson, nullptr, /*allow_exceptions=*/false);
    return parsed.is_discarded() ? json(r.settingsJson) : parsed;
}

// Left-aligned text table with a header row.
void printTable(const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> width;
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (width.size() <= c) width.push_back(0);
            width[c] = std::max(width[c], row[c].size());
        }
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t c = 0; c < row.size(); ++c)
            line += row[c] + (c + 1 < row.size() ? std::string(width[c] - row[c].size() + 2, ' ') : "");
        std::cout << line << "\n";
    }
}

std::string aurocCell(ResultsStore& st, std::int64_t run) {
    const auto m = st.finalMetric(run, store::metric::kAuroc);
    if (!m) return "-";
    std::string s = fixed(m->mean);
    if (std::isfinite(m->ciLow) && std::isfinite(m->ciHigh)) s += " [" + fixed(m->ciLow) + ", " + fixed(m->ciHigh) + "]";
    return s;
}

void listRuns(const std::string& db, bool asJson) {
    auto st = openExisting(db);
    const auto runs = st->listRuns();
    if (asJson) {
        json arr = json::array();
        for (const auto& r : runs) arr.push_back(runJson(*st, r));
        std::cout << jsonText(arr) << "\n";
        return;
    }
    if (runs.empty()) {
        std::cout << "No runs in " << db << "\n";
        return;
    }
    std::vector<std::vector<std::string>> rows{{"ID", "NAME", "TASK", "STATUS", "CREATED", "FINISHED", "AUROC [95% CI]"}};
    for (const auto& r : runs)
        rows.push_back({std::to_string(r.id), r.name, r.task, store::toString(r.status), shortTime(r.createdAt),
                        shortTime(r.finishedAt), aurocCell(*st, r.id)});
    printTable(rows);
}

// Curves summarised per (name, fold): number of points and the last value.
struct CurveSummary {
    std::string name;
    std::optional<int> fold;
    std::size_t points = 0;
    double last = 0;
};

std::vector<CurveSummary> curveSummaries(ResultsStore& st, std::int64_t run) {
    std::vector<CurveSummary> out;
    std::map<std::pair<std::string, int>, std::size_t> index;  // fold -1 = none
    for (const store::MetricPoint& p : st.metrics(run)) {
        const auto key = std::make_pair(p.name, p.fold.value_or(-1));
        auto it = index.find(key);
        if (it == index.end()) {
            it = index.emplace(key, out.size()).first;
            out.push_back({p.name, p.fold, 0, 0});
        }
        out[it->second].points++;
        out[it->second].last = p.value;
    }
    return out;
}

void showRun(const std::string& db, std::int64_t id, bool asJson) {
    auto st = openExisting(db);
    const store::RunInfo r = st->run(id);
    const auto finals = st->finalMetrics(id);
    const auto folds = st->foldResults(id);
    const auto curves = curveSummaries(*st, id);
    const std::size_t predictions = st->predictions(id).size();
    const auto artefacts = st->artefacts(id);
    std::vector<std::int64_t> children;
    for (const auto& other : st->listRuns())
        if (other.parentId && *other.parentId == id) children.push_back(other.id);

    if (asJson) {
        json j = runJson(*st, r);
        j["settings"] = settingsJson(r);
        j["owner"] = {{"pid", r.owner.pid}, {"host", r.owner.host}};
        j["final_metrics"] = json::object();
        for (const auto& m : finals) j["final_metrics"][m.name] = finalMetricJson(m);
        j["folds"] = json::array();
        std::map<int, json> byFold;
        for (const auto& f : folds) byFold[f.fold][f.name] = num(f.value);
        for (auto& [fold, metrics] : byFold) j["folds"].push_back({{"fold", fold}, {"metrics", metrics}});
        j["curves"] = json::array();
        for (const auto& c : curves)
            j["curves"].push_back({{"name", c.name}, {"fold", optNum(c.fold)}, {"points", c.points}, {"last", num(c.last)}});
        j["predictions"] = predictions;
        j["artefacts"] = json::array();
        for (const auto& a : artefacts)
            j["artefacts"].push_back({{"kind", a.kind}, {"name", a.name}, {"path", a.path}, {"fold", optNum(a.fold)}, {"epoch", optNum(a.epoch)}});
        j["children"] = children;
        std::cout << jsonText(j) << "\n";
        return;
    }

    std::cout << "Run " << r.id << ": " << (r.name.empty() ? "(unnamed)" : r.name) << "\n"
              << "Task:       " << r.task << "\n"
              << "Status:     " << store::toString(r.status) << "\n";
    if (!r.error.empty()) std::cout << "Error:      " << r.error << "\n";
    if (r.parentId) std::cout << "Parent run: " << *r.parentId << "\n";
    std::cout << "Created:    " << r.createdAt << "\n"
              << "Started:    " << (r.startedAt.empty() ? "-" : r.startedAt) << "\n"
              << "Finished:   " << (r.finishedAt.empty() ? "-" : r.finishedAt) << "\n"
              << "Seed:       " << r.seed << "\n"
              << "Data:       " << (r.dataFingerprint.empty() ? "-" : r.dataFingerprint) << "\n"
              << "Software:   " << r.softwareVersion << "\n"
              << "Device:     " << (r.device.empty() ? "-" : r.device) << ", " << r.threads << " threads\n";
    if (r.owner.pid) std::cout << "Process:    " << r.owner.pid << " on " << r.owner.host << "\n";
    std::cout << "Settings:\n";
    std::istringstream pretty(jsonText(settingsJson(r), 2));
    for (std::string line; std::getline(pretty, line);) std::cout << "  " << line << "\n";

    std::cout << "\nFinal metrics:\n";
    if (finals.empty()) std::cout << "  (none)\n";
    else {
        std::vector<std::vector<std::string>> rows{{"  METRIC", "MEAN", "STD", "95% CI"}};
        for (const auto& m : finals)
            rows.push_back({"  " + m.name, fixed(m.mean), fixed(m.std),
                            std::isfinite(m.ciLow) ? "[" + fixed(m.ciLow) + ", " + fixed(m.ciHigh) + "]" : "-"});
        printTable(rows);
    }

    std::cout << "\nFolds:\n";
    if (folds.empty()) std::cout << "  (none)\n";
    else {
        std::vector<std::string> names;
        std::map<int, std::map<std::string, double>> byFold;
        for (const auto& f : folds) {
            if (std::find(names.begin(), names.end(), f.name) == names.end()) names.push_back(f.name);
            byFold[f.fold][f.name] = f.value;
        }
        std::vector<std::vector<std::string>> rows{{"  FOLD"}};
        rows[0].insert(rows[0].end(), names.begin(), names.end());
        for (const auto& [fold, values] : byFold) {
            std::vector<std::string> row{"  " + foldText(fold)};
            for (const auto& n : names) row.push_back(values.count(n) ? fixed(values.at(n)) : "-");
            rows.push_back(row);
        }
        printTable(rows);
    }

    std::cout << "\nCurves:\n";
    if (curves.empty()) std::cout << "  (none)\n";
    else {
        std::vector<std::vector<std::string>> rows{{"  NAME", "FOLD", "POINTS", "LAST"}};
        for (const auto& c : curves)
            rows.push_back({"  " + c.name, c.fold ? foldText(*c.fold) : "-", std::to_string(c.points), fixed(c.last)});
        printTable(rows);
    }
    std::cout << "\nPredictions: " << predictions << "\n";
    std::cout << "Artefacts:   " << artefacts.size() << "\n";
    for (const auto& a : artefacts)
        std::cout << "  " << a.kind << " " << a.name << (a.fold ? " fold " + foldText(*a.fold) : "")
                  << (a.epoch ? " epoch " + std::to_string(*a.epoch) : "") << (a.path.empty() ? " (stored inline)" : " " + a.path)
                  << "\n";
    if (!children.empty()) {
        std::cout << "Child runs: ";
        for (std::size_t i = 0; i < children.size(); ++i) std::cout << (i ? ", " : "") << children[i];
        std::cout << "\n";
    }
}

void exportRun(const std::string& db, std::int64_t id, const std::string& output, bool withEmbeddings) {
    auto st = openExisting(db);
    const store::RunInfo r = st->run(id);
    json j = runJson(*st, r);
    j["settings"] = settingsJson(r);
    j["final_metrics"] = json::object();
    for (const auto& m : st->finalMetrics(id)) j["final_metrics"][m.name] = finalMetricJson(m);
    j["fold_results"] = json::array();
    for (const auto& f : st->foldResults(id)) j["fold_results"].push_back({{"fold", f.fold}, {"name", f.name}, {"value", num(f.value)}});
    j["metrics"] = json::array();
    for (const auto& p : st->metrics(id))
        j["metrics"].push_back({{"fold", optNum(p.fold)}, {"epoch", optNum(p.epoch)}, {"step", optNum(p.step)},
                                {"name", p.name}, {"value", num(p.value)}});
    j["predictions"] = json::array();
    std::map<int, bool> folds;  // folds seen, for the ROC curves
    for (const auto& p : st->predictions(id)) {
        json e{{"fold", optNum(p.fold)}, {"record", p.record}, {"label", p.label}, {"score", num(p.score)}};
        if (p.predicted) e["predicted"] = *p.predicted;
        if (!p.probabilities.empty()) e["probabilities"] = p.probabilities;
        j["predictions"].push_back(e);
        if (p.fold) folds[*p.fold] = true;
    }
    j["roc"] = json::array();
    auto addRoc = [&](std::optional<int> fold) {
        const auto points = st->rocPoints(id, fold);
        if (points.empty()) return;
        json pts = json::array();
        for (const auto& p : points) pts.push_back({{"fpr", p.fpr}, {"tpr", p.tpr}, {"threshold", num(p.threshold)}});
        j["roc"].push_back({{"fold", optNum(fold)}, {"points", pts}});
    };
    addRoc(std::nullopt);
    for (const auto& [fold, _] : folds) addRoc(fold);
    j["artefacts"] = json::array();
    for (const auto& a : st->artefacts(id))
        j["artefacts"].push_back({{"kind", a.kind}, {"name", a.name}, {"path", a.path}, {"fold", optNum(a.fold)},
                                  {"epoch", optNum(a.epoch)}, {"created_at", a.createdAt}});
    if (withEmbeddings) {
        j["embeddings"] = json::array();
        for (const auto& e : st->embeddings(id))
            j["embeddings"].push_back({{"fold", optNum(e.fold)}, {"record", e.record}, {"window", optNum(e.window)},
                                       {"t", e.t}, {"label", optNum(e.label)}, {"vector", e.vector}});
    }
    if (output.empty() || output == "-") {
        std::cout << jsonText(j) << "\n";
        return;
    }
    std::ofstream out(output);
    if (!out) throw std::runtime_error(output + ": cannot write the export file: " + std::strerror(errno));
    out << jsonText(j, 1) << "\n";
    // errno says why (no space, a file-size limit with SIGXFSZ ignored, an I/O error).
    if (!out.flush()) throw std::runtime_error(output + ": write failed: " + std::strerror(errno));
    std::cerr << "Exported run " << id << " to " << output << "\n";
}

// ---- benchmarks ------------------------------------------------------------------------------

void report(const std::vector<std::pair<std::string, double>>& figures, bool asJson, const json& params) {
    if (asJson) {
        json j = params;
        for (const auto& [k, v] : figures) j[k] = v;
        std::cout << jsonText(j) << "\n";
        return;
    }
    for (const auto& [k, v] : params.items()) std::cout << k << ": " << v << "\n";
    for (const auto& [k, v] : figures)  // keys end in "_s" (seconds) for JSON; the table shows ms
        std::cout << k.substr(0, k.size() - 2) << ": " << fixed(v * 1000.0, 2) << " ms\n";
}

void benchStore(int records, int dim, int metrics, bool asJson) {
    namespace fs = std::filesystem;
    const fs::path path = fs::temp_directory_path() / ("dacl-bench-store-" + std::to_string(::getpid()) + ".db");
    auto cleanup = [&] {
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
    };
    cleanup();
    std::vector<store::Prediction> preds;
    std::vector<store::Embedding> embs;
    eval::SplitMix64 rng(1);
    for (int i = 0; i < records; ++i) {
        const std::string name = "A" + std::to_string(100000 + i).substr(1);
        preds.push_back({i % 5, name, i % 9 == 0, static_cast<double>(rng.below(1000000)) / 1e6, std::nullopt, {}});
        std::vector<float> v(static_cast<std::size_t>(dim));
        for (float& x : v) x = static_cast<float>(rng.below(1000)) / 1000.f;
        embs.push_back({i % 5, name, std::nullopt, 0, i % 4, std::move(v)});
    }
    std::vector<std::pair<std::string, double>> fig;
    try {
        auto t0 = std::chrono::steady_clock::now();
        ResultsStore st(path.string());
        fig.emplace_back("open_create_s", secondsSince(t0));
        const std::int64_t run = st.createRun({"bench", "af_vs_rest", "{}", 1, "", "", "cpu", 1, std::nullopt});
        st.startRun(run);
        t0 = std::chrono::steady_clock::now();
        st.addPredictions(run, preds);
        fig.emplace_back("insert_predictions_s", secondsSince(t0));
        t0 = std::chrono::steady_clock::now();
        st.addEmbeddings(run, embs);
        fig.emplace_back("insert_embeddings_s", secondsSince(t0));
        t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < metrics; ++i) st.addMetric(run, {0, i / 100, i, "loss", 1.0 / (i + 1)});
        fig.emplace_back("metric_single_inserts_s", secondsSince(t0));
        t0 = std::chrono::steady_clock::now();
        const std::size_t n = st.predictions(run).size() + st.embeddings(run).size();
        fig.emplace_back("read_predictions_embeddings_s", secondsSince(t0));
        if (n != preds.size() + embs.size()) throw std::runtime_error("bench store: read back the wrong number of rows");
        st.endRun(run, store::RunStatus::Finished);
        t0 = std::chrono::steady_clock::now();
        ResultsStore reopened(path.string());
        fig.emplace_back("reopen_s", secondsSince(t0));
    } catch (...) {
        cleanup();
        throw;
    }
    cleanup();
    report(fig, asJson, {{"records", records}, {"embedding_dim", dim}, {"metric_inserts", metrics}});
}

void benchEval(int records, int resamples, bool asJson) {
    eval::SplitMix64 rng(3);
    std::vector<double> scores;
    std::vector<int> labels;
    for (int i = 0; i < records; ++i) {
        labels.push_back(rng.below(100) < 9 ? 1 : 0);  // AF prevalence of PhysioNet 2017
        scores.push_back(static_cast<double>(rng.below(1000)) / 1000.0 + 0.3 * labels.back());
    }
    std::vector<std::pair<std::string, double>> fig;
    auto t0 = std::chrono::steady_clock::now();
    const double a = eval::auroc(scores, labels);
    fig.emplace_back("auroc_s", secondsSince(t0));
    t0 = std::chrono::steady_clock::now();
    const eval::Interval ci = eval::bootstrapAuroc(scores, labels, resamples, 1);
    fig.emplace_back("bootstrap_s", secondsSince(t0));
    t0 = std::chrono::steady_clock::now();
    const double ap = eval::auprc(scores, labels);
    (void)eval::youdenThreshold(scores, labels);
    fig.emplace_back("auprc_youden_s", secondsSince(t0));
    report(fig, asJson,
           {{"records", records}, {"resamples", resamples}, {"auroc", a}, {"ci_low", ci.low}, {"ci_high", ci.high}, {"auprc", ap}});
}

}  // namespace

void registerRunsCommands(CLI::App& app) {
    auto* runs = app.add_subcommand("runs", "Inspect and export runs in a results file");
    runs->require_subcommand(1);
    struct Options {
        std::string db, output, name;
        std::int64_t run = 0;
        bool json = false, embeddings = false;
    };
    auto o = std::make_shared<Options>();

    auto* list = runs->add_subcommand("list", "Table of runs: id, name, task, status, dates, AUROC [95% CI]");
    list->add_option("--db", o->db, "Results file")->required();
    list->add_flag("--json", o->json, "Print one JSON array");
    list->callback([o] { listRuns(o->db, o->json); });

    auto* show = runs->add_subcommand("show", "Settings, final metrics, folds and curves of one run");
    show->add_option("--db", o->db, "Results file")->required();
    show->add_option("--run", o->run, "Run id")->required();
    show->add_flag("--json", o->json, "Print one JSON object");
    show->callback([o] { showRun(o->db, o->run, o->json); });

    auto* exp = runs->add_subcommand("export", "JSON of one run: settings, metrics, folds, predictions, ROC");
    exp->add_option("--db", o->db, "Results file")->required();
    exp->add_option("--run", o->run, "Run id")->required();
    exp->add_option("--output", o->output, "JSON file to write (default: stdout)");
    exp->add_flag("--embeddings", o->embeddings, "Include the embeddings (large)");
    exp->callback([o] { exportRun(o->db, o->run, o->output, o->embeddings); });

    auto* rename = runs->add_subcommand("rename", "Rename a run");
    rename->add_option("--db", o->db, "Results file")->required();
    rename->add_option("--run", o->run, "Run id")->required();
    rename->add_option("--name", o->name, "New name")->required();
    rename->callback([o] { openExisting(o->db)->renameRun(o->run, o->name); });

    auto* del = runs->add_subcommand("delete", "Delete a run, its results and its child runs");
    del->add_option("--db", o->db, "Results file")->required();
    del->add_option("--run", o->run, "Run id")->required();
    del->callback([o] { openExisting(o->db)->deleteRun(o->run); });

    struct BenchOptions {
        int records = 8528, dim = 128, metrics = 1000, resamples = eval::kDefaultBootstrapResamples;
        bool json = false;
    };
    auto b = std::make_shared<BenchOptions>();
    auto* bench = app.get_subcommand("bench");
    auto* bs = bench->add_subcommand("store", "Results-store inserts and reads (temporary file)");
    bs->add_option("--records", b->records, "Predictions and embeddings to insert")->check(CLI::PositiveNumber);
    bs->add_option("--dim", b->dim, "Embedding dimension")->check(CLI::PositiveNumber);
    bs->add_option("--metrics", b->metrics, "Single metric inserts (each its own transaction)")->check(CLI::NonNegativeNumber);
    bs->add_flag("--json", b->json, "Print one JSON object");
    bs->callback([b] { benchStore(b->records, b->dim, b->metrics, b->json); });
    auto* be = bench->add_subcommand("eval", "AUROC, its bootstrap interval, AUPRC and Youden on synthetic scores");
    be->add_option("--records", b->records, "Records")->check(CLI::PositiveNumber);
    be->add_option("--resamples", b->resamples, "Bootstrap resamples")->check(CLI::PositiveNumber);
    be->add_flag("--json", b->json, "Print one JSON object");
    be->callback([b] { benchEval(b->records, b->resamples, b->json); });
}

}  // namespace dacl::cli
