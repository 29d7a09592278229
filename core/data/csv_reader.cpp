#include "core/data/csv_reader.h"

#include "core/common/error.h"
#include "core/data/file_io.h"
#include "core/data/read_limits.h"
#include "core/data/text_scan.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>

namespace dacl {

namespace {

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool hasSuffix(const std::string& path, const char* suffix) {
    const std::string s = suffix;
    return path.size() >= s.size() && lower(path.substr(path.size() - s.size())) == s;
}

std::vector<std::string_view> splitCells(std::string_view line, char sep) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    for (;;) {
        const std::size_t next = line.find(sep, pos);
        out.push_back(text::trimView(line.substr(pos, next == std::string_view::npos ? next : next - pos)));
        if (next == std::string_view::npos) break;
        pos = next + 1;
    }
    return out;
}

// Cells may be quoted ("II"); numbers never are.
std::string unquote(std::string_view s) {
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
    return text::trim(s);
}

bool isTimeName(const std::string& name) {
    const std::string n = lower(name);
    return n == "time" || n == "time_s" || n == "t" || n == "seconds" || n == "sec" || n == "s" || n == "time (s)" ||
           n == "time [s]" || n == "time(s)" || n == "timestamp_s";
}

// "II (mV)" / "II [mV]" -> label "II", unit "mV".
void splitUnit(const std::string& name, std::string& label, std::string& unit) {
    label = name;
    for (const auto& [open, close] : {std::pair<char, char>{'(', ')'}, {'[', ']'}}) {
        const std::size_t o = name.rfind(open);
        if (o != std::string::npos && !name.empty() && name.back() == close && o > 0) {
            label = text::trim(std::string_view(name).substr(0, o));
            unit = text::trim(std::string_view(name).substr(o + 1, name.size() - o - 2));
            return;
        }
    }
}

// "# fs=500", "# fs: 500 Hz", "# sampling rate = 500" -> 500; "# unit: uV" -> unit.
void readComment(std::string_view line, const std::string& path, int lineNo, std::optional<double>& fs, std::string& unit) {
    std::string body = text::trim(line.substr(1));
    const std::size_t sep = body.find_first_of("=:");
    if (sep == std::string::npos) return;
    const std::string key = lower(text::trim(std::string_view(body).substr(0, sep)));
    std::string value = text::trim(std::string_view(body).substr(sep + 1));
    if (key == "fs" || key == "sampling rate" || key == "sampling_rate" || key == "sample rate" || key == "rate") {
        if (lower(value).size() > 2 && lower(value).compare(value.size() - 2, 2, "hz") == 0)
            value = text::trim(std::string_view(value).substr(0, value.size() - 2));
        double v = 0;
        if (!text::parseDouble(value, v) || !(v > 0) || v > 1e6)
            throw InputError(path, "'" + std::string(line) + "': the sampling rate must be a number of Hz in (0, 1e6]", lineNo);
        fs = v;
    } else if (key == "unit" || key == "units") {
        unit = value;
    }
}

}  // namespace

bool isCsvPath(const std::string& path) { return hasSuffix(path, ".csv") || hasSuffix(path, ".tsv"); }

Recording readCsv(const std::string& path, const CsvOptions& options) {
    if (options.fs < 0 || !std::isfinite(options.fs) || options.fs > 1e6)
        throw InputError(path, "sampling rate " + text::formatNumber(options.fs) + " Hz is out of range (0, 1e6]");
    // Each sample takes at least two characters ("0,"), so the cap bounds the text as well.
    const auto maxBytes = static_cast<std::size_t>(std::min<std::int64_t>(maxRecordSamples(), std::int64_t{1} << 40) * 32);
    std::string textBytes = fileio::readWholeFile(path, maxBytes);
    if (textBytes.compare(0, 3, "\xEF\xBB\xBF") == 0) textBytes.erase(0, 3);

    std::optional<double> commentFs;
    std::string commentUnit;
    std::vector<std::string> names;
    char sep = ',';
    std::vector<std::vector<double>> columns;
    int lineNo = 0, headerLine = 0;
    std::int64_t cells = 0;
    text::forEachLine(textBytes, [&](std::string_view raw) {
        ++lineNo;
        const std::string_view line = text::trimView(raw);
        if (line.empty()) return;
        if (line.front() == '#') {
            readComment(line, path, lineNo, commentFs, commentUnit);
            return;
        }
        if (names.empty()) {
            sep = hasSuffix(path, ".tsv") || line.find('\t') != std::string_view::npos ? '\t'
                  : line.find(',') == std::string_view::npos && line.find(';') != std::string_view::npos ? ';'
                                                                                                        : ',';
            for (std::string_view c : splitCells(line, sep)) names.push_back(unquote(c));
            double dummy = 0;
            if (std::all_of(names.begin(), names.end(), [&](const std::string& n) { return text::parseDouble(n, dummy); }))
                throw InputError(path, "the first line holds numbers, not column names (a header line naming the leads is required)",
                                 lineNo);
            for (std::size_t i = 0; i < names.size(); ++i)
                if (names[i].empty()) throw InputError(path, "column " + std::to_string(i + 1) + " has no name", lineNo);
            headerLine = lineNo;
            columns.resize(names.size());
            return;
        }
        const auto row = splitCells(line, sep);
        if (row.size() != names.size())
            throw InputError(path, "row has " + std::to_string(row.size()) + " cells, the header names " + std::to_string(names.size()) +
                                       " columns",
                             lineNo);
        cells += static_cast<std::int64_t>(row.size());
        if (cells > maxRecordSamples())
            throw InputError(path, "more than " + std::to_string(maxRecordSamples()) +
                                       " samples, more than one record may hold (setting data.max_record_samples): refused",
                             lineNo);
        for (std::size_t c = 0; c < row.size(); ++c) {
            double v = 0;
            if (!text::parseDouble(row[c], v) || !std::isfinite(v))
                throw InputError(path, "column '" + names[c] + "': '" + std::string(row[c]) + "' is not a number", lineNo);
            columns[c].push_back(v);
        }
    });
    if (names.empty()) throw InputError(path, "empty CSV: no header line and no samples");
    if (columns.front().empty()) throw InputError(path, "CSV has a header but no samples", headerLine);

    Recording rec;
    const std::size_t slash = path.find_last_of('/'), dot = path.find_last_of('.');
    rec.name = path.substr(slash == std::string::npos ? 0 : slash + 1);
    if (dot != std::string::npos && dot > (slash == std::string::npos ? 0 : slash + 1)) rec.name = path.substr(slash + 1, dot - slash - 1);
    std::optional<std::size_t> timeColumn;
    for (std::size_t c = 0; c < names.size(); ++c) {
        if (!timeColumn && isTimeName(names[c])) {
            timeColumn = c;
            continue;
        }
        std::string label, unit;
        splitUnit(names[c], label, unit);
        rec.labels.push_back(label);
        rec.units.push_back(!unit.empty() ? unit : !commentUnit.empty() ? commentUnit : "mV");
        rec.channels.push_back(std::move(columns[c]));
    }
    if (rec.channels.empty()) throw InputError(path, "CSV has only a time column and no signal", headerLine);
    rec.fs = options.fs > 0 ? options.fs : commentFs.value_or(0.0);
    if (rec.fs == 0 && timeColumn) {
        const std::vector<double>& t = columns[*timeColumn];
        if (t.size() < 2) throw InputError(path, "one sample: the time column cannot give a sampling rate; add '# fs=' or give --fs");
        const double dt = (t.back() - t.front()) / static_cast<double>(t.size() - 1);
        if (!(dt > 0)) throw InputError(path, "the time column does not increase; it cannot give a sampling rate");
        for (std::size_t i = 1; i < t.size(); ++i)
            if (std::abs((t[i] - t[i - 1]) - dt) > 0.01 * dt + 1e-9)
                throw InputError(path, "time column is not evenly spaced (" + text::formatNumber(t[i - 1]) + " to " +
                                           text::formatNumber(t[i]) + " s, expected steps of " + text::formatNumber(dt) +
                                           " s); give the rate with '# fs=' or --fs",
                                 headerLine + static_cast<int>(i) + 1);
        rec.fs = 1.0 / dt;
        if (rec.fs > 1e6) throw InputError(path, "time column implies " + text::formatNumber(rec.fs) + " Hz, more than 1 MHz");
    }
    if (rec.fs == 0)
        throw InputError(path, "sampling rate unknown: give it with --fs, a '# fs=<Hz>' line, or a time column");
    return rec;
}

RecordHeader readCsvHeader(const std::string& path, const CsvOptions& options) {
    const Recording rec = readCsv(path, options);
    RecordHeader h;
    h.format = "csv";
    h.name = rec.name;
    h.path = path;
    h.fs = rec.fs;
    h.nSamples = static_cast<long>(rec.nSamples());
    h.nSignals = static_cast<int>(rec.channels.size());
    const std::size_t slash = path.find_last_of('/');
    for (std::size_t c = 0; c < rec.channels.size(); ++c) {
        SignalSpec s;
        s.file = slash == std::string::npos ? path : path.substr(slash + 1);
        s.format = 0;
        s.gain = 1;
        s.units = rec.units[c];
        s.description = rec.labels[c];
        h.signals.push_back(s);
    }
    return h;
}

}  // namespace dacl
