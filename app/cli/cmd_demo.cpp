// `dacl demo-data --output DIR [--records N] [--seed S] [--json] [--quiet]`: writes the built-in
// synthetic demo dataset (PhysioNet 2017 layout).
// `dacl bench demo-data`: how long writing it takes. `dacl bench preprocess`: throughput of
// resampling, band-pass + standardisation, windowing and R-peak detection.
#include "app/cli/cli_format.h"
#include "app/cli/commands.h"
#include "app/cli/terminal_progress.h"
#include "core/common/json_text.h"
#include "core/dsp/preprocess.h"
#include "core/dsp/resample.h"
#include "core/dsp/rpeaks.h"
#include "core/synth/demo_dataset.h"
#include "core/synth/synthetic_record.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace dacl::cli {
namespace {

using Clock = std::chrono::steady_clock;

nlohmann::json classesJson(const synth::DemoDatasetSummary& s) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [label, count] : s.classCounts) j[std::string(1, label)] = count;
    return j;
}

std::string classesText(const synth::DemoDatasetSummary& s) {
    std::string out;
    for (char c : {'N', 'A', 'O', '~'}) {
        const auto it = s.classCounts.find(c);
        if (!out.empty()) out += ", ";
        out += std::string(1, c) + " " + std::to_string(it == s.classCounts.end() ? 0 : it->second);
    }
    return out;
}

struct DemoOptions {
    std::string output;
    int records = synth::kDefaultDemoRecords;
    std::uint64_t seed = synth::kDefaultDemoSeed;
    bool json = false, quiet = false;
    int repeats = 3;
};

void runDemo(const DemoOptions& o) {
    TerminalProgress progress(o.quiet || o.json);
    const auto t0 = Clock::now();
    const synth::DemoDatasetSummary s = synth::writeDemoDataset(o.output, o.records, o.seed, progress);
    const double secs = secondsSince(t0);
    progress.finish();
    if (o.json) {
        std::cout << jsonText(nlohmann::json{{"output", o.output},       {"records", s.records},
                                    {"classes", classesJson(s)}, {"seed", o.seed},
                                    {"ecg_seconds", s.totalSeconds}, {"seconds", secs}})
                  << "\n";
    } else {
        std::printf("demo-data: wrote %d records (%s; %.1f h of ECG) to %s in %.2f s\n", s.records,
                    classesText(s).c_str(), s.totalSeconds / 3600, o.output.c_str(), secs);
    }
}

void benchDemo(const DemoOptions& o) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() /
                         ("dacl-bench-demo-" + std::to_string(Clock::now().time_since_epoch().count()));
    std::vector<double> times;
    synth::DemoDatasetSummary s;
    NullProgress quiet;
    try {
        for (int r = 0; r < o.repeats; ++r) {
            const auto t0 = Clock::now();
            s = synth::writeDemoDataset(dir.string(), o.records, o.seed, quiet);
            times.push_back(secondsSince(t0));
        }
    } catch (...) {
        std::error_code ec;
        fs::remove_all(dir, ec);
        throw;
    }
    std::error_code ec;
    fs::remove_all(dir, ec);
    std::sort(times.begin(), times.end());
    const double median = times[times.size() / 2];
    if (o.json) {
        std::cout << jsonText(nlohmann::json{{"records", s.records}, {"ecg_seconds", s.totalSeconds},
                                    {"seconds_median", median}, {"seconds_min", times.front()},
                                    {"repeats", o.repeats}})
                  << "\n";
    } else {
        std::printf("bench demo-data: %d records (%.0f s of ECG), median %.3f s, min %.3f s over %d runs"
                    " (%.0f records/s)\n",
                    s.records, s.totalSeconds, median, times.front(), o.repeats, s.records / median);
    }
}

void benchPreprocess(const DemoOptions& o) {
    // Inputs: synthetic records of every class, 30 s each, at 300 Hz and resampled to 500 Hz.
    std::vector<std::vector<double>> at300, at500;
    const char labels[] = {'N', 'A', 'O', '~'};
    for (int i = 0; i < o.records; ++i) {
        synth::Rng rng(o.seed + static_cast<std::uint64_t>(i));
        synth::RecordSpec spec = synth::randomSpec(labels[i % 4], rng);
        spec.durationS = 30;
        at300.push_back(synth::generateRecord(spec, o.seed + static_cast<std::uint64_t>(i)).mv);
    }
    for (const auto& x : at300) at500.push_back(dsp::resample(x, 300, 500));
    const double ecgSeconds = 30.0 * o.records;

    auto timeIt = [&](auto&& body) {
        std::vector<double> t;
        for (int r = 0; r < o.repeats; ++r) {
            const auto t0 = Clock::now();
            body();
            t.push_back(secondsSince(t0));
        }
        std::sort(t.begin(), t.end());
        return t[t.size() / 2];
    };
    std::size_t sink = 0;  // keeps the optimiser from dropping work
    const dsp::PreprocessSettings settings;
    const double tResample = timeIt([&] {
        for (const auto& x : at500) sink += dsp::resample(x, 500, 300).size();
    });
    const double tFilter = timeIt([&] {
        for (const auto& x : at300) sink += dsp::preprocess(x, 300, settings).size();
    });
    const double tWindows = timeIt([&] {
        for (std::size_t i = 0; i < at300.size(); ++i)
            sink += dsp::makeWindows("r", at300[i], 300, dsp::windowHop(3072, true)).size();
    });
    const double tPeaks = timeIt([&] {
        for (const auto& x : at300) sink += dsp::detectRPeaks(x, 300).size();
    });
    if (o.json) {
        std::cout << jsonText(nlohmann::json{{"records", o.records},
                                    {"ecg_seconds", ecgSeconds},
                                    {"resample_500_to_300_s", tResample},
                                    {"bandpass_standardise_s", tFilter},
                                    {"windows_s", tWindows},
                                    {"rpeaks_s", tPeaks},
                                    {"check", sink}})
                  << "\n";
    } else {
        auto line = [&](const char* what, double t) {
            std::printf("  %-34s %8.3f s  (%6.0f records/s, %8.0fx real time)\n", what, t, o.records / t,
                        ecgSeconds / t);
        };
        std::printf("bench preprocess: %d records of 30 s, median of %d runs\n", o.records, o.repeats);
        line("resample 500 -> 300 Hz", tResample);
        line("band-pass 0.5-40 Hz + standardise", tFilter);
        line("windows (3072, hop 1536)", tWindows);
        line("R-peak detection", tPeaks);
    }
}

}  // namespace

void registerDemoCommands(CLI::App& app) {
    auto o = std::make_shared<DemoOptions>();
    auto* cmd = app.add_subcommand("demo-data", "Write the built-in synthetic demo dataset (PhysioNet 2017 layout)");
    cmd->add_option("--output", o->output, "Folder to write (created if missing)")->required();
    cmd->add_option("--records", o->records, "Number of records")
        ->default_val(synth::kDefaultDemoRecords)
        ->check(CLI::Range(1, synth::kMaxDemoRecords));
    cmd->add_option("--seed", o->seed, "Random seed (same seed, same files)")->default_val(synth::kDefaultDemoSeed);
    cmd->add_flag("--json", o->json, "Print one JSON object (records, classes, seconds)");
    cmd->add_flag("--quiet", o->quiet, "No progress output");
    cmd->callback([o] { runDemo(*o); });

    if (auto* bench = app.get_subcommand("bench")) {
        auto b = std::make_shared<DemoOptions>();
        auto* bd = bench->add_subcommand("demo-data", "Time writing the demo dataset (into a temporary folder)");
        bd->add_option("--records", b->records, "Number of records")
            ->default_val(synth::kDefaultDemoRecords)
            ->check(CLI::Range(1, synth::kMaxDemoRecords));
        bd->add_option("--seed", b->seed, "Random seed")->default_val(synth::kDefaultDemoSeed);
        bd->add_option("--repeats", b->repeats, "Timed runs (the median is reported)")
            ->default_val(3)
            ->check(CLI::Range(1, 100));
        bd->add_flag("--json", b->json, "Print one JSON object");
        bd->callback([b] { benchDemo(*b); });

        auto p = std::make_shared<DemoOptions>();
        p->records = 100;
        auto* bp = bench->add_subcommand("preprocess",
                                         "Throughput of resampling, band-pass, windowing and R-peak detection");
        bp->add_option("--records", p->records, "Synthetic 30-s records")->default_val(100)->check(CLI::Range(1, 10000));
        bp->add_option("--seed", p->seed, "Random seed")->default_val(synth::kDefaultDemoSeed);
        bp->add_option("--repeats", p->repeats, "Timed runs (the median is reported)")
            ->default_val(3)
            ->check(CLI::Range(1, 100));
        bp->add_flag("--json", p->json, "Print one JSON object");
        bp->callback([p] { benchPreprocess(*p); });
    }
}

}  // namespace dacl::cli
