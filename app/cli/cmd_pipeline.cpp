// `dacl pipeline`: the whole DACL protocol headless, with a progress bar and a results table;
// `--json` prints one summary object on stdout (a stable interface for scripts).
#include "core/common/json_text.h"
#include "core/common/thread_share.h"
#include "app/cli/commands.h"
#include "app/cli/terminal_progress.h"
#include "core/data/record_list.h"
#include "core/pipeline/pipeline.h"
#include "core/pipeline/representation.h"
#include "core/ml/distributed.h"
#include "core/ml/runtime_info.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>

namespace dacl::cli {

namespace {

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ','))
        if (!item.empty()) out.push_back(item);
    return out;
}

std::string defaultCacheDir() {
    if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::string(x) + "/dacl/features";
    if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/dacl/features";
    return ".dacl-cache/features";
}

std::string cell(const nlohmann::json& m, const char* key) {
    if (!m.contains(key) || !m[key].contains("mean") || m[key]["mean"].is_null()) return "      -";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.4f", m[key]["mean"].get<double>());
    return buf;
}

void printTable(const nlohmann::json& s) {
    const bool binary = s.value("task", "") != "challenge4";
    std::printf("\nrun %lld  task %s  status %s\n", static_cast<long long>(s["run_id"].get<std::int64_t>()),
                s["task"].get<std::string>().c_str(), s["status"].get<std::string>().c_str());
    std::printf("%-16s %-26s %8s %8s %8s %8s %8s\n", "method", "AUROC mean±std [95% CI]", "AUPRC",
                binary ? "sens" : "F1 N", binary ? "spec" : "F1 A", binary ? "F1" : "F1 O",
                binary ? "prec" : "F1 chal");
    auto row = [&](const std::string& name, const nlohmann::json& m) {
        char auroc[64] = "-";
        if (m.contains("auroc"))
            std::snprintf(auroc, sizeof auroc, "%.4f±%.4f [%.3f,%.3f]", m["auroc"]["mean"].get<double>(),
                          m["auroc"]["std"].get<double>(), m["auroc"]["ci_low"].get<double>(),
                          m["auroc"]["ci_high"].get<double>());
        if (binary)
            std::printf("%-16s %-26s %8s %8s %8s %8s %8s\n", name.c_str(), auroc, cell(m, "auprc").c_str(),
                        cell(m, "sensitivity").c_str(), cell(m, "specificity").c_str(), cell(m, "f1").c_str(),
                        cell(m, "precision").c_str());
        else
            std::printf("%-16s %-26s %8s %8s %8s %8s %8s\n", name.c_str(), auroc, "-", cell(m, "f1_N").c_str(),
                        cell(m, "f1_A").c_str(), cell(m, "f1_O").c_str(), cell(m, "f1_challenge").c_str());
    };
    row("dacl", s);
    for (auto it = s["baselines"].begin(); it != s["baselines"].end(); ++it) row(it.key(), it.value());
    auto robust = [&](const std::string& name, const nlohmann::json& m) {
        if (!m.contains("robustness")) return;
        std::printf("\nrobustness (%s):\n", name.c_str());
        for (auto it = m["robustness"].begin(); it != m["robustness"].end(); ++it)
            std::printf("  %-36s %.4f\n", it.key().c_str(), it.value().get<double>());
    };
    robust("dacl", s);
    for (auto it = s["baselines"].begin(); it != s["baselines"].end(); ++it) robust(it.key(), it.value());
}

// A rank other than 0 runs the same pipeline on a private results file (rank 0 alone writes
// --db); the folder goes when the command ends.
struct PrivateResults {
    std::filesystem::path dir;
    explicit PrivateResults(int rank) {
        std::string tmpl = (std::filesystem::temp_directory_path() / ("dacl-rank" + std::to_string(rank) + "-XXXXXX")).string();
        if (!::mkdtemp(tmpl.data())) throw std::runtime_error("--distributed: cannot create a temporary folder for rank " + std::to_string(rank));
        dir = tmpl;
    }
    ~PrivateResults() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

}  // namespace

void registerPipelineCommands(CLI::App& app) {
    auto* cmd = app.add_subcommand("pipeline", "Run the DACL protocol: features, k-fold training and evaluation, baselines, final model");
    auto req = std::make_shared<ml::PipelineRequest>();
    auto sets = std::make_shared<std::vector<std::string>>();
    auto config = std::make_shared<std::string>();
    auto baselines = std::make_shared<std::string>();
    auto limit = std::make_shared<std::size_t>(0);
    auto classes = std::make_shared<std::string>();
    auto recordList = std::make_shared<std::string>();
    auto resume = std::make_shared<std::int64_t>(0);
    auto json = std::make_shared<bool>(false);
    auto distributed = std::make_shared<bool>(false);
    auto noCache = std::make_shared<bool>(false);
    auto noFinal = std::make_shared<bool>(false);
    cmd->add_option("--data", req->dataDir, "Dataset folder (PhysioNet 2017 layout)");
    cmd->add_option("--task", req->task, "af_vs_rest | af_vs_normal | normal_vs_abnormal | challenge4")->capture_default_str();
    cmd->add_option("--folds", req->folds, "Cross-validation folds (1 = one stratified 80/20 split)")
        ->capture_default_str()
        ->check(CLI::Range(1, 100));
    cmd->add_option("--db", req->dbPath, "SQLite results file")->required();
    cmd->add_option("--limit", *limit, "Use a stratified subset of N labelled records")
        ->check(CLI::Range(std::size_t{1}, std::size_t{100000000}));
    cmd->add_option("--classes", *classes, "Only records of these labels, comma-separated (N,A,O,~)");
    cmd->add_option("--records", *recordList, "Only the records named in this file (one name per line)");
    cmd->add_option("--config", *config, "JSON object of settings");
    cmd->add_option("--set", *sets, "key=value setting (repeatable)");
    cmd->add_option("--baselines", *baselines, "Comma-separated baselines or 'all': st_lr,vae_lr,gaussian_views,no_timestep,tmax1000; repr=sequence adds cnn,rr_xgb,rra_xgb,st_xgb,dacl_no_rhythm; repr=pooled has dae");
    cmd->add_flag("--robustness", req->robustness, "Also evaluate on noise-corrupted test ECG and noisy latents");
    cmd->add_option("--resume", *resume, "Resume an interrupted run");
    cmd->add_option("--cache", req->cacheDir, "Feature cache folder (default: ~/.cache/dacl/features)");
    cmd->add_flag("--no-cache", *noCache, "Do not read or write the feature cache");
    cmd->add_flag("--no-final-model", *noFinal, "Cross-validation only: no final model on all records (experiments)");
    cmd->add_option("--name", req->runName, "Run name");
    cmd->add_flag("--json", *json, "Print one JSON summary object on stdout");
    cmd->add_flag("--distributed", *distributed,
                  "Compute the features and train the VAE and encoder with the other ranks named by MASTER_ADDR, "
                  "MASTER_PORT, WORLD_SIZE, RANK "
                  "(see dacl launch); seq.batch and vae.batch are per rank; rank 0 alone writes --db and prints; "
                  "--resume takes rank 0's run, with as many ranks as it was trained by");
    cmd->callback([=] {
        if (!config->empty()) req->settings.mergeFile(*config);
        for (const auto& s : *sets) req->settings.set(s);
        if (*baselines == "all")
            req->baselines = ml::baselinesFor(req->settings);
        else
            req->baselines = splitList(*baselines);
        if (*limit) req->limit = *limit;
        req->classes = splitList(*classes);
        if (!recordList->empty()) req->records = readRecordList(*recordList);
        if (*resume) req->resumeRunId = *resume;
        if (req->dataDir.empty() && !*resume) throw std::invalid_argument("--data is required (unless --resume)");
        if (*noCache) req->cacheDir.clear();
        else if (req->cacheDir.empty()) req->cacheDir = defaultCacheDir();
        if (*noFinal) req->finalModel = false;
        std::unique_ptr<PrivateResults> privateResults;
        std::string rankThreads;  // distributed: what each local rank runs with
        if (*distributed) {
            if (!ml::distributedAvailable())
                throw std::runtime_error("--distributed: this build has no distributed training (install libgloo-dev "
                                         "with packaging/install-deps.sh and configure the build again)");
            ml::DistributedSettings ds = ml::distributedSettingsFromEnvironment();
            ds.device = req->settings.getString("device");  // cuda: NCCL where the build has it
            req->distributed = std::make_shared<ml::DistributedGroup>(ds);
            req->settings.set("train.world_size=" + std::to_string(req->distributed->worldSize()));
            rankThreads = applyThreadShare(req->settings, localThreadShare());
            if (req->distributed->rank() != 0) {
                privateResults = std::make_unique<PrivateResults>(req->distributed->rank());
                req->dbPath = (privateResults->dir / "results.sqlite").string();
            }
        }
        const bool lead = !req->distributed || req->distributed->rank() == 0;
        TerminalProgress progress;
        NullProgress quiet;  // the other ranks do the same work: rank 0 speaks for them
        configureThreads(static_cast<int>(req->settings.getInt("threads")));
        if (lead) progress.log(describe(runtimeInfo()));
        if (lead && !rankThreads.empty()) progress.log(rankThreads);
        const nlohmann::json summary = ml::runPipeline(*req, lead ? static_cast<ProgressSink&>(progress) : quiet);
        if (req->distributed) req->distributed->barrier();  // rank 0's results are complete when launch returns
        progress.finish();
        if (!lead) return;
        if (*json)
            std::cout << dacl::jsonText(summary) << std::endl;
        else
            printTable(summary);
    });
}

}  // namespace dacl::cli
