// `dacl dataset info --data DIR|FILE [--fs HZ] [--json]` (a folder of records in any mix of
// formats, or one recording file as a one-record dataset) and `dacl bench dataset --data DIR [--threads T] [--json]`.
// The JSON of `dataset info` is a stable interface: keys are only ever added.
#include "app/cli/commands.h"
#include "core/data/dataset.h"
#include "core/data/lead_choice.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <stdexcept>
#include <sys/resource.h>

namespace dacl::cli {

namespace {

struct Summary {
    double minS = 0, medianS = 0, maxS = 0, totalS = 0;
    std::map<double, int> rates;       // Hz -> records
    std::map<int, int> signalCounts;   // signals per record -> records
    int unlabelled = 0;
};

Summary summarise(const Dataset& ds) {
    Summary s;
    std::vector<double> d;
    for (std::size_t i = 0; i < ds.records().size(); ++i) {
        const RecordEntry& r = ds.records()[i];
        d.push_back(r.durationS);
        s.totalS += r.durationS;
        ++s.rates[r.fs];
        ++s.signalCounts[ds.header(i).nSignals];
        if (r.label.empty()) ++s.unlabelled;
    }
    if (!d.empty()) {
        std::sort(d.begin(), d.end());
        s.minS = d.front();
        s.maxS = d.back();
        const std::size_t m = d.size() / 2;
        s.medianS = d.size() % 2 ? d[m] : 0.5 * (d[m - 1] + d[m]);
    }
    return s;
}

// Labels in the PhysioNet 2017 order first, then any others alphabetically.
std::vector<std::pair<std::string, int>> orderedClasses(const std::map<std::string, int>& counts) {
    std::vector<std::pair<std::string, int>> out;
    for (const char* l : {"N", "A", "O", "~"}) {
        const auto it = counts.find(l);
        if (it != counts.end()) out.push_back(*it);
    }
    for (const auto& kv : counts)
        if (kv.first != "N" && kv.first != "A" && kv.first != "O" && kv.first != "~") out.push_back(kv);
    return out;
}

std::string fmt(const char* format, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

// One file's signals: label, unit, rate, and which one is the default ECG lead.
struct SignalRow {
    std::string label, unit;
    double fs;
    bool isDefault;
};

std::vector<SignalRow> signalRows(const Dataset& ds) {
    std::vector<SignalRow> rows;
    if (!ds.isSingleFile() || ds.size() != 1) return rows;
    const RecordHeader& h = ds.header(0);
    std::vector<std::string> labels;
    for (const SignalSpec& sig : h.signalSpecs()) labels.push_back(sig.description);
    const std::size_t lead = defaultLeadIndex(labels);
    for (std::size_t i = 0; i < h.signalSpecs().size(); ++i) {
        const SignalSpec& sig = h.signalSpecs()[i];
        rows.push_back({sig.description, sig.units, sig.fs > 0 ? sig.fs : h.fs, i == lead});
    }
    return rows;
}

void printInfo(const Dataset& ds, bool json) {
    const Summary s = summarise(ds);
    const auto classes = ds.classCounts();
    const std::vector<SignalRow> rows = signalRows(ds);
    if (json) {
        nlohmann::json j;
        if (!rows.empty()) {
            j["format"] = ds.header(0).format;
            j["signals"] = nlohmann::json::array();
            for (std::size_t i = 0; i < rows.size(); ++i)
                j["signals"].push_back({{"index", i}, {"label", rows[i].label}, {"unit", rows[i].unit}, {"fs", rows[i].fs},
                                        {"default", rows[i].isDefault}});
        }
        j["directory"] = ds.directory();
        j["records"] = ds.records().size();
        j["classes"] = nlohmann::json::object();
        for (const auto& [label, n] : classes) j["classes"][label] = n;
        j["unlabelled"] = s.unlabelled;
        j["duration_s"] = {{"min", s.minS}, {"median", s.medianS}, {"max", s.maxS}, {"total", s.totalS}};
        j["sampling_rates"] = nlohmann::json::array();
        for (const auto& [hz, n] : s.rates) j["sampling_rates"].push_back({{"hz", hz}, {"records", n}});
        j["signals_per_record"] = nlohmann::json::array();
        for (const auto& [k, n] : s.signalCounts) j["signals_per_record"].push_back({{"signals", k}, {"records", n}});
        j["skipped"] = nlohmann::json::array();
        for (const SkippedFile& f : ds.skipped()) j["skipped"].push_back({{"file", f.file}, {"reason", f.reason}});
        j["fingerprint"] = ds.fingerprint();
        // Labels, file names and reasons may hold any byte: invalid UTF-8 becomes U+FFFD, not an exception.
        std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return;
    }
    std::cout << "Dataset:        " << ds.directory() << "\n"
              << "Records:        " << ds.records().size() << " loaded, " << ds.skipped().size() << " skipped\n";
    std::cout << "Classes:       ";
    if (classes.empty()) std::cout << " (no labels)";
    for (const auto& [label, n] : orderedClasses(classes)) std::cout << " " << label << " " << n;
    if (!classes.empty() && s.unlabelled) std::cout << ", unlabelled " << s.unlabelled;
    std::cout << "\n";
    if (!ds.records().empty()) {
        std::cout << "Duration (s):   min " << fmt("%.1f", s.minS) << ", median " << fmt("%.1f", s.medianS) << ", max "
                  << fmt("%.1f", s.maxS) << ", total " << fmt("%.1f", s.totalS / 3600.0) << " h\n";
        std::cout << "Sampling rates:";
        for (const auto& [hz, n] : s.rates) std::cout << " " << fmt("%g", hz) << " Hz (" << n << " records)";
        std::cout << "\nSignals:       ";
        for (const auto& [k, n] : s.signalCounts) std::cout << " " << k << " per record (" << n << " records)";
        std::cout << "\n";
    }
    if (!rows.empty()) {
        std::cout << "Format:         " << ds.header(0).format << "\n";
        for (std::size_t i = 0; i < rows.size(); ++i)
            std::cout << "  signal " << i << ": '" << rows[i].label << "' " << rows[i].unit << ", " << fmt("%g", rows[i].fs) << " Hz"
                      << (rows[i].isDefault ? "  (default lead)" : "") << "\n";
    }
    std::cout << "Fingerprint:    " << ds.fingerprint() << "\n";
    if (!ds.skipped().empty()) {
        std::cout << "Skipped:\n";
        for (const SkippedFile& f : ds.skipped()) std::cout << "  " << f.file << ": " << f.reason << "\n";
    }
}

// Wall-clock and process CPU seconds of one phase. CPU time is reported too because on a shared
// machine the wall time mostly says how busy the neighbours were.
struct Stopwatch {
    std::chrono::steady_clock::time_point wall0 = std::chrono::steady_clock::now();
    double cpu0 = cpuSeconds();
    static double cpuSeconds() {
        rusage r{};
        getrusage(RUSAGE_SELF, &r);
        return static_cast<double>(r.ru_utime.tv_sec + r.ru_stime.tv_sec) +
               1e-6 * static_cast<double>(r.ru_utime.tv_usec + r.ru_stime.tv_usec);
    }
    double wall() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count(); }
    double cpu() const { return cpuSeconds() - cpu0; }
};

void benchDataset(const std::string& dir, int threads, bool json) {
    Stopwatch sw;
    const Dataset ds = Dataset::open(dir, DatasetOptions{threads, 0, true});
    const double openS = sw.wall(), openCpu = sw.cpu();
    NullProgress quiet;
    double readS[2] = {0, 0}, readCpu[2] = {0, 0};
    std::size_t samples = 0, failed = 0;
    for (int k = 0; k < 2; ++k) {
        std::vector<SkippedFile> failures;
        const Stopwatch r;
        const auto all = ds.readAll(threads, quiet, &failures);
        readS[k] = r.wall();
        readCpu[k] = r.cpu();
        samples = 0;
        for (const auto& rec : all)
            if (rec) samples += rec->nSamples() * rec->channels.size();
        failed = failures.size();
    }
    if (json) {
        nlohmann::json j{{"directory", ds.directory()}, {"records", ds.records().size()},
                         {"skipped", ds.skipped().size()}, {"read_failures", failed},
                         {"samples", samples}, {"threads", threads},
                         {"open_s", openS}, {"open_cpu_s", openCpu},
                         {"read_all_s", {readS[0], readS[1]}}, {"read_all_cpu_s", {readCpu[0], readCpu[1]}}};
        std::cout << j.dump() << "\n";
        return;
    }
    std::cout << "records " << ds.records().size() << " (skipped " << ds.skipped().size() << ", read failures "
              << failed << "), samples " << samples << "\n"
              << "open:           " << fmt("%.3f", openS) << " s (cpu " << fmt("%.3f", openCpu) << " s)\n"
              << "read all (1st): " << fmt("%.3f", readS[0]) << " s (cpu " << fmt("%.3f", readCpu[0]) << " s)\n"
              << "read all (2nd): " << fmt("%.3f", readS[1]) << " s (cpu " << fmt("%.3f", readCpu[1]) << " s)\n";
}

}  // namespace

void registerDatasetCommands(CLI::App& app) {
    auto* group = app.add_subcommand("dataset", "Inspect ECG datasets")->require_subcommand(1);
    {
        auto* cmd = group->add_subcommand("info", "Records, classes, durations, sampling rates, skipped files");
        auto dir = std::make_shared<std::string>();
        auto json = std::make_shared<bool>(false);
        auto fs = std::make_shared<double>(0);
        cmd->add_option("--data", *dir,
                        "Dataset folder (RECORDS/REFERENCE.csv; WFDB, EDF/BDF, CSV records) or one recording file")
            ->required();
        cmd->add_option("--fs", *fs, "Sampling rate in Hz of CSV records that do not give one");
        cmd->add_flag("--json", *json, "Print one JSON object");
        cmd->callback([dir, json, fs] {
            if (*fs < 0 || *fs > 1e6) throw std::invalid_argument("--fs must be in (0, 1e6] Hz");
            DatasetOptions opt;
            opt.csvFs = *fs;
            opt.requireRecords = false;  // a folder whose records are all bad is still reported
            printInfo(Dataset::open(*dir, opt), *json);
        });
    }
    if (auto* bench = app.get_subcommand("bench")) {
        auto* cmd = bench->add_subcommand("dataset", "Time opening a dataset and reading all its signals (twice)");
        auto dir = std::make_shared<std::string>();
        auto threads = std::make_shared<int>(0);
        auto json = std::make_shared<bool>(false);
        cmd->add_option("--data", *dir, "Dataset folder")->required();
        cmd->add_option("--threads", *threads, "Reader threads (0 = all cores)");
        cmd->add_flag("--json", *json, "Print one JSON object");
        cmd->callback([dir, threads, json] { benchDataset(*dir, *threads, *json); });
    }
}

}  // namespace dacl::cli
