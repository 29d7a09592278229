#pragma once
// One place that turns a fuzz input (raw bytes) into a call of the normal readers, shared by the
// libFuzzer harnesses (tests/fuzz/fuzz_<target>.cpp) and by the corpus replay that the normal test
// suite runs (tests/core/data/test_fuzz_corpus_replay.cpp): a corpus file found by the fuzzer is
// replayed in CI exactly as the fuzzer fed it. Qt-free, so that the harnesses link only core/data.
//
// Readers that take a path (libmatio, EDFlib, the CSV, WFDB and settings readers) get the bytes
// through a file in `dir`. Structured targets use the first byte(s) as choices (format, signal
// count, extension) so that one target covers every variant of a reader.
#include "core/common/settings.h"
#include "core/data/annotations.h"
#include "core/data/csv_reader.h"
#include "core/data/edf_reader.h"
#include "core/data/record_file.h"
#include "core/data/wfdb_header.h"

#include <cmath>
#include <cstdint>
#include <exception>
#include <fstream>
#include <string>
#include <vector>

namespace dacl::fuzz {

// What one input did: read fine, or failed with `error`, which must name `file` (the rule for
// bad input: a clear error naming the file, never a crash).
struct Outcome {
    bool ok = true;
    std::string error;
    std::string file;
    bool errorNamesFile() const { return ok || error.find(file) != std::string::npos; }
    // A result that no reader may return: a rate or sample that is not a finite number.
    std::string nonsense;
};

inline const std::vector<std::string>& targets() {
    static const std::vector<std::string> t = {"wfdb_header", "dat", "atr", "mat", "edf", "csv", "settings"};
    return t;
}

inline void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Checks what a reader returned: finite rates, as many units as channels, finite samples.
inline std::string recordingNonsense(const Recording& r) {
    if (!(r.fs > 0) || !std::isfinite(r.fs)) return "sampling rate " + std::to_string(r.fs);
    for (std::size_t c = 0; c < r.channels.size(); ++c) {
        if (!(r.fsOf(c) > 0) || !std::isfinite(r.fsOf(c))) return "channel rate " + std::to_string(r.fsOf(c));
        for (double v : r.channels[c])
            if (!std::isfinite(v)) return "non-finite sample in channel " + std::to_string(c + 1);
    }
    return "";
}

template <class Read>
Outcome attempt(const std::string& file, Read&& read) {
    Outcome o;
    o.file = file;
    try {
        read(o);
    } catch (const std::exception& e) {
        o.ok = false;
        o.error = e.what();
    }
    return o;
}

// Bytes = the text of a .hea file.
inline Outcome feedWfdbHeader(const std::string& bytes, const std::string& /*dir*/) {
    const std::string file = "fuzz.hea";
    return attempt(file, [&](Outcome&) {
        const RecordHeader h = parseHeaderText(bytes, file);
        // What we write for a header we parsed must parse again (the CLI's `signal convert` does it).
        parseHeaderText(formatHeader(h), file);
    });
}

// Byte 0: format (16, 212, 80); byte 1: signal count 1..4; byte 2: odd = the record line declares
// the sample count in bytes 3..4; the rest: the .dat file.
inline Outcome feedDat(const std::string& bytes, const std::string& dir) {
    const std::string hea = dir + "/r.hea", dat = dir + "/r.dat";
    const auto at = [&](std::size_t i) { return i < bytes.size() ? static_cast<unsigned char>(bytes[i]) : 0u; };
    static const int kFormats[] = {16, 212, 80};
    const int format = kFormats[at(0) % 3];
    const int nSignals = 1 + static_cast<int>(at(1) % 4);
    std::string header = "r " + std::to_string(nSignals) + " 250";
    if (at(2) % 2) header += " " + std::to_string(at(3) | (at(4) << 8));
    header += "\n";
    for (int s = 0; s < nSignals; ++s) header += "r.dat " + std::to_string(format) + " 200 12 0 0 0 0 ECG\n";
    writeBytes(hea, header);
    writeBytes(dat, bytes.size() > 5 ? bytes.substr(5) : std::string());
    // Errors name the .dat or the .hea; both share the stem.
    return attempt(dir + "/r", [&](Outcome& o) { o.nonsense = recordingNonsense(readRecordFile(hea)); });
}

// Bytes = a WFDB annotation (.atr) file.
inline Outcome feedAtr(const std::string& bytes, const std::string& dir) {
    const std::string file = dir + "/r.atr";
    writeBytes(file, bytes);
    return attempt(file, [&](Outcome& o) {
        const std::vector<Annotation> a = readAnnotations(file, 300.0);
        rhythmIntervals(a, 1000000);
        // What we write for annotations we read must read back to as many annotations.
        if (decodeAnnotations(encodeAnnotations(a), 300.0, file).size() != a.size())
            o.nonsense = "annotations do not survive a write and read";
    });
}

// Byte 0: signal count 1..2 in the header; the rest: the .mat file (v4 read by us, v5 by libmatio).
inline Outcome feedMat(const std::string& bytes, const std::string& dir) {
    const std::string hea = dir + "/r.hea", mat = dir + "/r.mat";
    const int nSignals = 1 + (bytes.empty() ? 0 : static_cast<unsigned char>(bytes[0]) % 2);
    std::string header = "r " + std::to_string(nSignals) + " 300\n";
    for (int s = 0; s < nSignals; ++s) header += "r.mat 16+24 1000 16 0 0 0 0 ECG\n";
    writeBytes(hea, header);
    writeBytes(mat, bytes.size() > 1 ? bytes.substr(1) : std::string());
    // Errors name the .mat or the .hea; both share the stem.
    return attempt(dir + "/r", [&](Outcome& o) { o.nonsense = recordingNonsense(readRecordFile(hea)); });
}

// Bytes = an EDF, EDF+ or BDF file (BDF when it starts with 0xFF, as BDF's magic does).
inline Outcome feedEdf(const std::string& bytes, const std::string& dir) {
    const bool bdf = !bytes.empty() && static_cast<unsigned char>(bytes[0]) == 0xFF;
    const std::string file = dir + (bdf ? "/r.bdf" : "/r.edf");
    writeBytes(file, bytes);
    return attempt(file, [&](Outcome& o) {
        readEdfHeader(file);
        o.nonsense = recordingNonsense(readEdf(file));
    });
}

// Byte 0: bit 0 = TSV instead of CSV, bit 1 = a rate given by the caller (250 Hz); the rest: the text.
inline Outcome feedCsv(const std::string& bytes, const std::string& dir) {
    const unsigned choice = bytes.empty() ? 0u : static_cast<unsigned char>(bytes[0]);
    const std::string file = dir + ((choice & 1) ? "/r.tsv" : "/r.csv");
    writeBytes(file, bytes.size() > 1 ? bytes.substr(1) : std::string());
    return attempt(file, [&](Outcome& o) {
        CsvOptions opt;
        opt.fs = (choice & 2) ? 250.0 : 0.0;
        readCsvHeader(file, opt);
        o.nonsense = recordingNonsense(readCsv(file, opt));
    });
}

// Bytes = a settings file (`--config FILE`).
inline Outcome feedSettings(const std::string& bytes, const std::string& dir) {
    const std::string file = dir + "/settings.json";
    writeBytes(file, bytes);
    return attempt(file, [&](Outcome&) {
        Settings s;
        s.mergeFile(file);
        s.changed();
    });
}

inline Outcome feed(const std::string& target, const std::string& bytes, const std::string& dir) {
    if (target == "wfdb_header") return feedWfdbHeader(bytes, dir);
    if (target == "dat") return feedDat(bytes, dir);
    if (target == "atr") return feedAtr(bytes, dir);
    if (target == "mat") return feedMat(bytes, dir);
    if (target == "edf") return feedEdf(bytes, dir);
    if (target == "csv") return feedCsv(bytes, dir);
    if (target == "settings") return feedSettings(bytes, dir);
    Outcome o;
    o.ok = false;
    o.error = "unknown fuzz target '" + target + "'";
    return o;
}

}  // namespace dacl::fuzz
