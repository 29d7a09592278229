// `dacl assess --input FILE --db R [--run ID | --task T] [--lead L] [--set predict.k=v] [--json]`:
// one recording file (WFDB, PhysioNet MAT, EDF/EDF+/BDF, CSV; in a dataset or not) through a run's
// final model: p(AF) per lead and combined, the run's threshold, rhythm figures and warnings;
// the same Assessment the desktop's Assessment panel shows (core/assess/assessment.h).
//
// `dacl bench assess --input FILE --db R [--run ID]`: wall time from opening the file to p(AF),
// per stage, and the process's peak RSS.
#include "app/cli/assess_options.h"
#include "app/cli/commands.h"
#include "app/cli/terminal_progress.h"
#include "core/common/json_text.h"
#include "core/common/process_memory.h"
#include "core/assess/assessment.h"
#include "core/assess/assessment_json.h"
#include "core/ml/runtime_info.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace dacl::cli {

namespace {

struct AssessArgs {
    std::string input, db, task = "af_vs_rest", lead;
    long long run = 0;
    std::vector<std::string> settings;
    int threads = 0;
    bool json = false;
};

assess::AssessOptions optionsOf(const AssessArgs& a) {
    return assessOptions(a.db, a.run, a.task, a.lead, a.settings, a.threads);
}

std::string num(double v, const char* format = "%.3f") {
    if (!std::isfinite(v)) return "n/a";
    char buf[48];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

void printAssessment(const assess::Assessment& a) {
    std::printf("record %s (%s, %s s) from %s\n", a.recordName.c_str(), a.format.c_str(), num(a.durationS, "%.1f").c_str(),
                a.file.c_str());
    for (const auto& [key, value] : a.headerFields) std::printf("  %s: %s\n", key.c_str(), value.c_str());
    std::printf("run %lld '%s' (%s, AUROC %s): %s\n", a.run.runId, a.run.name.c_str(), a.run.task.c_str(),
                num(a.run.runAuroc).c_str(), a.run.chosenHow.c_str());
    for (const auto& l : a.leads)
        std::printf("lead %d '%s' (%s Hz): p(AF) %s, %zu spans, quality %s%s%s\n", l.index, l.name.c_str(),
                    num(l.fileFsHz, "%g").c_str(), num(l.pAf).c_str(), l.spans.size(), l.quality.c_str(),
                    l.qualityReason.empty() ? "" : ": ", l.qualityReason.c_str());
    std::printf("combined p(AF) %s (%s)\n", num(a.combinedPAf).c_str(), a.combinedRule.c_str());
    if (std::isfinite(a.threshold))
        std::printf("%s the run's threshold %s (sensitivity %s, specificity %s)\n  %s\n",
                    a.positive ? "AF: p(AF) at or above" : "not AF: p(AF) below", num(a.threshold).c_str(),
                    num(a.sensitivity, "%.2f").c_str(), num(a.specificity, "%.2f").c_str(), a.thresholdHow.c_str());
    else
        std::printf("%s (%s)\n", a.positive ? "AF" : "not AF", a.thresholdHow.c_str());
    const auto& r = a.rhythm;
    std::printf("rhythm (lead %s): %d beats, heart rate %s bpm, RMSSD %s ms, pNN50 %s, sample entropy %s, P-wave coherence %s\n",
                r.lead.c_str(), r.beats, num(r.heartRateBpm, "%.0f").c_str(), num(r.rmssdMs, "%.0f").c_str(),
                num(r.pnn50, "%.2f").c_str(), num(r.sampleEntropy, "%.2f").c_str(), num(r.pWaveCoherence, "%.2f").c_str());
    for (const auto& w : a.warnings) std::printf("warning: %s\n", w.c_str());
}

// Records when each stage began, for the benchmark's breakdown.
class StageClock final : public ProgressSink {
public:
    using Clock = std::chrono::steady_clock;
    void report(const std::string& stage, std::size_t, std::size_t) override {
        const std::string name = stage.rfind("scoring", 0) == 0 ? "scoring" : stage.rfind("reading", 0) == 0 ? "reading" : stage;
        if (stages_.empty() || stages_.back().first != name) stages_.emplace_back(name, Clock::now());
    }
    const std::vector<std::pair<std::string, Clock::time_point>>& stages() const { return stages_; }

private:
    std::vector<std::pair<std::string, Clock::time_point>> stages_;
};

void benchAssess(const AssessArgs& args) {
    configureThreads(args.threads);
    std::fprintf(stderr, "%s\n", describe(runtimeInfo()).c_str());
    const assess::AssessOptions options = optionsOf(args);
    StageClock clock;
    const auto t0 = StageClock::Clock::now();
    const assess::Assessment a = assess::assessRecording(args.input, options, &clock);
    const auto t1 = StageClock::Clock::now();
    const double wall = std::chrono::duration<double>(t1 - t0).count();
    const auto peak = peakResidentBytes();
    nlohmann::json stages = nlohmann::json::object();
    const auto& s = clock.stages();
    for (std::size_t i = 0; i + 1 < s.size(); ++i)
        stages[s[i].first] = std::chrono::duration<double>(s[i + 1].second - s[i].second).count();
    std::size_t spans = 0;
    for (const auto& l : a.leads) spans += l.spans.size();
    const nlohmann::json j{{"file", a.file},
                           {"duration_s", a.durationS},
                           {"leads", a.leads.size()},
                           {"spans", spans},
                           {"run_id", a.run.runId},
                           {"combined_p_af", std::isfinite(a.combinedPAf) ? nlohmann::json(a.combinedPAf) : nlohmann::json()},
                           {"wall_s", wall},
                           {"stages_s", stages},
                           {"peak_rss_mb", peak ? nlohmann::json(static_cast<double>(*peak) / 1048576.0) : nlohmann::json()}};
    if (args.json) {
        std::cout << jsonText(j) << std::endl;
        return;
    }
    std::printf("assess %s: %s s, %zu lead(s), %zu spans, run %lld, combined p(AF) %s\n", a.recordName.c_str(),
                num(a.durationS, "%.0f").c_str(), a.leads.size(), spans, a.run.runId, num(a.combinedPAf).c_str());
    for (auto it = stages.begin(); it != stages.end(); ++it)
        std::printf("  %-14s %8.2f s\n", it.key().c_str(), it.value().get<double>());
    std::printf("  open -> p(AF)  %8.2f s wall\n", wall);
    std::printf("  peak RSS       %8s MB\n", peak ? num(static_cast<double>(*peak) / 1048576.0, "%.0f").c_str() : "n/a");
}

void addCommon(CLI::App* cmd, const std::shared_ptr<AssessArgs>& a) {
    cmd->add_option("--input", a->input, "Recording file: WFDB .hea/.mat, EDF/EDF+/BDF, CSV with '# fs='")->required();
    cmd->add_option("--db", a->db, "SQLite results file with the run")->required();
    cmd->add_option("--run", a->run, "Run id (default: the best finished run of --task, by stored AUROC)")
        ->check(CLI::Range(1LL, static_cast<long long>(9e18)));
    cmd->add_option("--task", a->task, "Task of the best run when --run is not given")->capture_default_str();
    cmd->add_option("--lead", a->lead, "Only this lead: 0-based index or label (default: every ECG lead)");
    cmd->add_option("--set", a->settings, "Prediction setting key=value (predict.span_s, predict.hop_s, predict.span_fusion)");
    cmd->add_option("--threads", a->threads, "Threads (0 = every core)")->check(CLI::Range(0, 1024));
    cmd->add_flag("--json", a->json, "One JSON object on stdout");
}

}  // namespace

void registerAssessCommands(CLI::App& app) {
    auto a = std::make_shared<AssessArgs>();
    auto* cmd = app.add_subcommand("assess", "Assess one recording file: p(AF) per lead and combined, rhythm, warnings");
    addCommon(cmd, a);
    cmd->callback([a] {
        configureThreads(a->threads);
        TerminalProgress progress;
        const assess::Assessment result = assess::assessRecording(a->input, optionsOf(*a), &progress);
        progress.finish();
        if (a->json)
            std::cout << jsonText(assess::toJson(result)) << std::endl;
        else
            printAssessment(result);
    });

    auto b = std::make_shared<AssessArgs>();
    auto* bench = app.get_subcommand("bench")->add_subcommand(
        "assess", "Wall time from opening a recording file to its p(AF), per stage, and peak RSS");
    addCommon(bench, b);
    bench->callback([b] { benchAssess(*b); });
}

}  // namespace dacl::cli
