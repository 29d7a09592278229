// `dacl quality --data DIR|FILE [--lead K] [--limit N] [--json]`: the signal-quality verdict of
// each record (core/dsp/signal_quality.h: flat, noisy, not ECG, too short, ok) with its reason,
// and per label how many were flagged: to check a dataset before training or predicting, and to
// measure the rates the thresholds were calibrated on (PhysioNet/CinC 2017).
#include "app/cli/commands.h"
#include "app/cli/terminal_progress.h"
#include "core/common/error.h"
#include "core/common/json_text.h"
#include "core/data/dataset.h"
#include "core/data/lead_choice.h"
#include "core/dsp/signal_quality.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>

namespace dacl::cli {

namespace {

struct QualityOptions {
    std::string data;
    int lead = -1;  // -1: the record's default ECG lead
    std::size_t limit = 0;
    bool json = false;
};

nlohmann::json figure(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

void runQuality(const QualityOptions& o) {
    TerminalProgress progress(o.json);
    const Dataset ds = Dataset::open(o.data);
    const std::size_t n = o.limit ? std::min(o.limit, ds.size()) : ds.size();
    std::map<std::string, std::pair<int, int>> byLabel;  // label -> (records, flagged)
    int failed = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const RecordEntry& e = ds.records()[i];
        progress.report("quality", i, n);
        nlohmann::json j{{"record", e.name}, {"label", e.label}};
        try {
            const auto rec = ds.signal(i);
            const std::size_t lead = o.lead >= 0 ? static_cast<std::size_t>(o.lead) : defaultLead(*rec);
            if (lead >= rec->channels.size())
                throw InputError(e.headerPath, "record has no lead " + std::to_string(lead) + " (it has " +
                                                   std::to_string(rec->channels.size()) + "; leads are 0-based)");
            const dsp::SignalQuality q = dsp::assessLeadQuality(*rec, lead);
            auto& counts = byLabel[e.label.empty() ? "(unlabelled)" : e.label];
            ++counts.first;
            counts.second += q.ok() ? 0 : 1;
            j.update({{"lead", lead}, {"quality", dsp::toString(q.verdict)}, {"reason", q.reason},
                      {"seconds", figure(q.seconds)}, {"amplitude_mv", figure(q.amplitudeMv)},
                      {"ecg_band_share", figure(q.ecgBandShare)}, {"tone_share", figure(q.toneShare)},
                      {"beats", q.beats}, {"heart_rate_bpm", figure(q.heartRateBpm)},
                      {"beat_agreement", figure(q.beatAgreement)}, {"consistent_beats", figure(q.consistentBeats)}});
            if (!o.json) std::printf("%-16s %-4s %-9s %s\n", e.name.c_str(), e.label.c_str(), dsp::toString(q.verdict), q.reason.c_str());
        } catch (const std::exception& ex) {
            ++failed;
            j["error"] = ex.what();
            if (!o.json) std::printf("%-16s %-4s %-9s %s\n", e.name.c_str(), e.label.c_str(), "error", ex.what());
        }
        if (o.json) std::cout << jsonText(j) << "\n";
    }
    progress.finish();
    nlohmann::json summary = nlohmann::json::object();
    for (const auto& [label, c] : byLabel) {
        summary[label] = {{"records", c.first}, {"flagged", c.second}};
        if (!o.json)
            std::printf("%-12s %6d records, %5d flagged (%.2f %%)\n", label.c_str(), c.first, c.second,
                        c.first ? 100.0 * c.second / c.first : 0.0);
    }
    if (o.json) std::cout << jsonText(nlohmann::json{{"summary", summary}, {"unreadable", failed}}) << "\n";
    else if (failed) std::printf("%d records could not be read\n", failed);
}

}  // namespace

void registerQualityCommand(CLI::App& app) {
    auto* cmd = app.add_subcommand("quality", "Signal quality of each record: flat, noisy, not ECG, too short or ok");
    auto o = std::make_shared<QualityOptions>();
    cmd->add_option("--data", o->data, "Dataset folder or one recording file")->required();
    cmd->add_option("--lead", o->lead, "Lead to judge, 0-based (default: the record's ECG lead)")->check(CLI::Range(0, 4095));
    cmd->add_option("--limit", o->limit, "Only the first N records")->check(CLI::Range(std::size_t{1}, std::size_t{100000000}));
    cmd->add_flag("--json", o->json, "One JSON object per record, then {\"summary\": ...}");
    cmd->callback([o] { runQuality(*o); });
}

}  // namespace dacl::cli
