// `dacl signal --input FILE [--lead NAME|INDEX] [--fs HZ] --output OUT.csv`: the samples of one
// signal of a recording file exactly as the reader returns them, in the file's physical unit,
// without resampling or filtering, so that anyone can check the reader against another tool
// (EDFbrowser, WFDB's rdsamp, a spreadsheet).
//
// Output (a stable interface):
//   # unit: <unit>
//   # record: <name>, signal <index> '<label>', <fs> Hz, <n> samples
//   time_s,value
// time_s is on the recording's clock (an EDF+D file's gaps included). --output - writes to stdout.
#include "app/cli/commands.h"
#include "core/data/lead_choice.h"
#include "core/data/record_file.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <stdexcept>

namespace dacl::cli {

namespace {

void writeSignal(const std::string& input, const std::string& leadText, double fs, const std::string& output) {
    const Recording rec = readRecordFile(input, RecordFileOptions{fs});
    if (rec.channels.empty()) throw std::runtime_error(input + ": the recording has no signals");
    std::vector<std::string> labels;
    for (std::size_t k = 0; k < rec.channels.size(); ++k) labels.push_back(k < rec.labels.size() ? rec.labels[k] : "");
    std::size_t lead = 0;
    try {
        lead = leadText.empty() ? defaultLead(rec) : resolveLead(labels, leadText);
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error(input + ": " + e.what());
    }
    const std::vector<double>& x = rec.channels[lead];
    const std::string unit = lead < rec.units.size() ? rec.units[lead] : "";

    std::ofstream file;
    if (output != "-") {
        file.open(output, std::ios::binary | std::ios::trunc);
        if (!file) throw std::runtime_error(output + ": cannot write");
    }
    std::ostream& out = output == "-" ? std::cout : file;
    char line[96];
    std::snprintf(line, sizeof line, "%.10g", rec.fsOf(lead));
    out << "# unit: " << unit << "\n# record: " << rec.name << ", signal " << lead << " '" << rec.labelOf(lead) << "', " << line
        << " Hz, " << x.size() << " samples\ntime_s,value\n";
    for (std::size_t i = 0; i < x.size(); ++i) {
        const int n = std::snprintf(line, sizeof line, "%.10g,%.10g\n", sampleTimeS(rec, lead, i), x[i]);
        out.write(line, n);
    }
    out.flush();
    if (!out) throw std::runtime_error(output + ": write failed (disk full?)");
    if (output != "-")
        std::cerr << "wrote " << x.size() << " samples of signal " << lead << " '" << rec.labelOf(lead) << "' (" << unit << ", "
                  << rec.fsOf(lead) << " Hz) to " << output << "\n";
}

}  // namespace

void registerSignalCommand(CLI::App& app) {
    auto* cmd = app.add_subcommand("signal", "Write one signal of a recording file as CSV, in its physical unit, unfiltered");
    auto input = std::make_shared<std::string>();
    auto lead = std::make_shared<std::string>();
    auto output = std::make_shared<std::string>();
    auto fs = std::make_shared<double>(0);
    cmd->add_option("--input", *input, "Recording: .hea (WFDB), .mat/.dat with their .hea, .edf/.bdf, .csv/.tsv")->required();
    cmd->add_option("--lead", *lead, "Signal label (II, V1, 'ECG II') or 0-based index; default: the first ECG lead");
    cmd->add_option("--fs", *fs, "Sampling rate in Hz for a CSV without a '# fs=' line or time column");
    cmd->add_option("--output", *output, "CSV to write (time_s,value); - for stdout")->required();
    cmd->callback([=] {
        if (*fs < 0 || *fs > 1e6) throw std::invalid_argument("--fs must be in (0, 1e6] Hz");
        writeSignal(*input, *lead, *fs, *output);
    });
}

}  // namespace dacl::cli
