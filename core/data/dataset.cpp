#include "core/data/dataset.h"

#include "core/common/error.h"
#include "core/common/parallel_for.h"
#include "core/data/csv_reader.h"
#include "core/data/edf_reader.h"
#include "core/data/file_io.h"
#include "core/data/record_file.h"
#include "core/data/signal_cache.h"
#include "core/data/signal_reader.h"
#include "core/data/text_scan.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <exception>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <unordered_map>

namespace dacl {

struct Dataset::State {
    std::string dir;
    std::vector<RecordEntry> records;
    std::vector<RecordHeader> headers;
    std::vector<SkippedFile> skipped;
    std::unordered_map<std::string, std::size_t> byName;
    std::string fingerprint;
    bool singleFile = false;
    SignalCache cache{0};
};

namespace {

SkippedFile skippedFrom(const InputError& e) {
    return {e.file(), e.located()};
}

struct Candidate {
    std::string name;
    std::string label;
    std::string listedIn;  // "RECORDS", "REFERENCE.csv" or "" (found by scanning)
    int line = 0;          // line in listedIn
    std::string file;      // the record's file when known (scanning); else looked up by name
};

struct LabelLine {
    std::string name, label;
    int line;
};

// File text without a UTF-8 byte-order mark, which spreadsheet programs put before the first name.
std::string readListFile(const std::string& path) {
    std::string text = fileio::readWholeFile(path);
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
    return text;
}

std::vector<std::pair<std::string, int>> readRecordsFile(const std::string& path, std::vector<SkippedFile>& skipped) {
    std::vector<std::pair<std::string, int>> names;
    std::set<std::string> seen;
    int lineNo = 0;
    text::forEachLine(readListFile(path), [&](std::string_view raw) {
        ++lineNo;
        const std::string name = text::trim(raw);
        if (name.empty() || name[0] == '#') return;
        if (!seen.insert(name).second) {
            skipped.push_back({path, "line " + std::to_string(lineNo) + ": record '" + name + "' is listed twice"});
            return;
        }
        names.emplace_back(name, lineNo);
    });
    return names;
}

std::vector<LabelLine> readReference(const std::string& path, std::vector<SkippedFile>& skipped) {
    std::vector<LabelLine> labels;
    std::set<std::string> seen;
    int lineNo = 0;
    text::forEachLine(readListFile(path), [&](std::string_view raw) {
        ++lineNo;
        const std::string_view line = text::trimView(raw);
        if (line.empty()) return;
        const std::string at = "line " + std::to_string(lineNo) + ": ";
        const std::size_t comma = line.find(',');
        const std::string name = comma == std::string_view::npos ? "" : text::trim(line.substr(0, comma));
        const std::string label = comma == std::string_view::npos ? "" : text::trim(line.substr(comma + 1));
        const bool labelOk = !label.empty() && std::none_of(label.begin(), label.end(), [](char c) {
            return text::isSpace(c) || c == ',';
        });
        if (name.empty() || !labelOk) {
            skipped.push_back({path, at + "expected 'record,label', got '" + std::string(line) + "'"});
            return;
        }
        if (!seen.insert(name).second) {
            skipped.push_back({path, at + "second label for record '" + name + "' ('" + std::string(line) + "')"});
            return;
        }
        labels.push_back({name, label, lineNo});
    });
    return labels;
}

// Record files of a folder by name: WFDB headers, EDF/BDF and CSV/TSV (other than the label
// lists). A name with two files (x.hea and x.edf) keeps the WFDB record; the other is reported.
std::vector<std::pair<std::string, std::string>> scanRecordFiles(const std::string& dir, std::vector<SkippedFile>& skipped) {
    std::vector<std::string> files;
    DIR* d = ::opendir(dir.c_str());
    if (!d) throw InputError(dir, std::string("cannot read folder: ") + std::strerror(errno));
    while (const dirent* e = ::readdir(d)) {
        const std::string f = e->d_name;
        if (f[0] == '.' || f == "REFERENCE.csv" || f == "RECORDS") continue;
        const bool hea = f.size() > 4 && f.compare(f.size() - 4, 4, ".hea") == 0;
        if (hea || isEdfPath(f) || isCsvPath(f)) files.push_back(f);
    }
    ::closedir(d);
    // .hea sorts before the other extensions of the same name only by rank, not alphabetically.
    auto rank = [](const std::string& f) { return f.size() > 4 && f.compare(f.size() - 4, 4, ".hea") == 0 ? 0 : 1; };
    auto stem = [](const std::string& f) { return f.substr(0, f.find_last_of('.')); };
    std::sort(files.begin(), files.end(), [&](const std::string& a, const std::string& b) {
        const std::string sa = stem(a), sb = stem(b);
        return sa != sb ? sa < sb : rank(a) != rank(b) ? rank(a) < rank(b) : a < b;
    });
    std::vector<std::pair<std::string, std::string>> out;
    for (const std::string& f : files) {
        const std::string name = stem(f);
        if (!out.empty() && out.back().first == name) {
            skipped.push_back({fileio::joinPath(dir, f), "ignored: record '" + name + "' is already read from " + out.back().second});
            continue;
        }
        out.emplace_back(name, fileio::joinPath(dir, f));
    }
    return out;
}

// The file of a record listed by name in RECORDS or REFERENCE.csv: NAME.hea, else an EDF/BDF or
// CSV/TSV file of that name, with its stat (one stat per record for WFDB folders: opening 8,528
// records stays fast); NAME.hea with exists = false when there is none.
std::pair<std::string, fileio::FileStat> findRecordFile(const std::string& dir, const std::string& name) {
    std::pair<std::string, fileio::FileStat> hea;
    for (const char* ext : {".hea", ".edf", ".EDF", ".bdf", ".BDF", ".csv", ".tsv"}) {
        const std::string p = fileio::joinPath(dir, name + ext);
        const fileio::FileStat st = fileio::statFile(p);
        if (st.exists || (st.error != 0 && st.error != ENOENT)) return {p, st};
        if (hea.first.empty()) hea = {p, st};
    }
    return hea;
}

// 64-bit FNV-1a: small, stable across platforms and runs (std::hash is neither guaranteed).
struct Fnv {
    std::uint64_t h = 1469598103934665603ull;
    void bytes(const void* p, std::size_t n) {
        const auto* c = static_cast<const unsigned char*>(p);
        for (std::size_t i = 0; i < n; ++i) h = (h ^ c[i]) * 1099511628211ull;
    }
    void str(const std::string& s) {
        bytes(s.data(), s.size());
        bytes("\0", 1);
    }
    void i64(std::int64_t v) { bytes(&v, sizeof v); }
};

std::string relativeTo(const std::string& dir, const std::string& path) {
    const std::string prefix = dir.back() == '/' ? dir : dir + "/";
    return path.compare(0, prefix.size(), prefix) == 0 ? path.substr(prefix.size()) : path;
}

}  // namespace

Dataset Dataset::open(const std::string& dirIn, const DatasetOptions& options) {
    std::string dir = dirIn;
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    if (dir.empty()) throw InputError("(empty path)", "no data folder given");
    const fileio::FileStat ds = fileio::statFile(dir);
    if (!ds.exists && ds.error == ENOENT && fileio::statFile(dir + ".hea").exists) return openFile(dir, options);
    if (!ds.exists && ds.error == ENOENT) throw InputError(dir, "data folder does not exist");
    if (!ds.exists) throw InputError(dir, fileio::notRegularReason(ds));
    if (!ds.isDirectory) return openFile(dir, options);

    auto state = std::make_shared<State>();
    state->dir = dir;
    state->cache.setCapacity(options.cacheBytes);
    std::vector<SkippedFile>& skipped = state->skipped;

    // Which records, and their labels.
    const std::string recordsPath = fileio::joinPath(dir, "RECORDS");
    const std::string referencePath = fileio::joinPath(dir, "REFERENCE.csv");
    const bool hasRecords = fileio::statFile(recordsPath).exists;
    const bool hasReference = fileio::statFile(referencePath).exists;
    std::vector<Candidate> candidates;
    std::vector<LabelLine> labels;
    if (hasReference) labels = readReference(referencePath, skipped);
    if (hasRecords) {
        for (auto& [name, line] : readRecordsFile(recordsPath, skipped)) candidates.push_back({name, "", "RECORDS", line, ""});
        std::unordered_map<std::string, std::size_t> listed;
        for (std::size_t i = 0; i < candidates.size(); ++i) listed[candidates[i].name] = i;
        for (const LabelLine& l : labels) {
            const auto it = listed.find(l.name);
            if (it == listed.end()) {
                skipped.push_back({referencePath, "line " + std::to_string(l.line) + ": label for record '" + l.name +
                                                      "', which does not exist (not listed in RECORDS)"});
                continue;
            }
            candidates[it->second].label = l.label;
        }
    } else if (hasReference) {
        for (const LabelLine& l : labels) candidates.push_back({l.name, l.label, "REFERENCE.csv", l.line, ""});
    } else {
        for (auto& [name, file] : scanRecordFiles(dir, skipped)) candidates.push_back({name, "", "", 0, file});
    }
    if (candidates.empty()) {
        if (hasRecords || hasReference)
            throw InputError(hasRecords ? recordsPath : referencePath, "lists no records");
        throw InputError(dir, "no records: the folder has no RECORDS, REFERENCE.csv or record files (.hea, .edf, .bdf, .csv, .tsv)");
    }

    // Headers and signal-file checks, in parallel: this is what makes opening fast.
    struct Outcome {
        bool ok = false;
        RecordEntry entry;
        RecordHeader header;
        std::vector<SignalFileStamp> stamps;
        fileio::FileStat headerStat;
        SkippedFile skip;
    };
    std::vector<Outcome> outcomes(candidates.size());
    parallelFor(candidates.size(), resolveThreads(options.threads), [&](std::size_t i) {
        const Candidate& c = candidates[i];
        Outcome& o = outcomes[i];
        const auto [heaPath, headerStat] =
            c.file.empty() ? findRecordFile(dir, c.name) : std::make_pair(c.file, fileio::statFile(c.file));
        try {
            o.headerStat = headerStat;
            if (!o.headerStat.exists && o.headerStat.error == ENOENT) {
                if (c.listedIn == "REFERENCE.csv") {
                    o.skip = {referencePath, "line " + std::to_string(c.line) + ": label for record '" + c.name +
                                                 "', which does not exist (no " + c.name + ".hea)"};
                } else {
                    o.skip = {heaPath, "header file is missing (record listed in " + c.listedIn + " line " +
                                           std::to_string(c.line) + ")"};
                }
                return;
            }
            if (const std::string why = fileio::notRegularReason(o.headerStat); !why.empty()) throw InputError(heaPath, why);
            o.header = isEdfPath(heaPath) ? readEdfHeader(heaPath)
                       : isCsvPath(heaPath) ? readCsvHeader(heaPath, CsvOptions{options.csvFs})
                                            : parseHeader(heaPath);
            if (o.header.nSignals < 1) throw InputError(heaPath, "record has no signals");
            const long n = checkSignalFiles(o.header, &o.stamps);
            if (n <= 0) throw InputError(heaPath, "record has no samples");
            o.header.nSamples = n;
            o.entry = {c.name, c.label, o.header.fs, n, static_cast<double>(n) / o.header.fs, heaPath};
            o.ok = true;
        } catch (const InputError& e) {
            o.skip = skippedFrom(e);
        } catch (const std::exception& e) {
            o.skip = {heaPath, e.what()};
        }
    });

    Fnv fp;
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        Outcome& o = outcomes[i];
        if (!o.ok) {
            skipped.push_back(std::move(o.skip));
            continue;
        }
        fp.str(o.entry.name);
        fp.str(o.entry.label);
        fp.i64(o.headerStat.size);
        fp.i64(o.headerStat.mtimeNs);
        for (const SignalFileStamp& s : o.stamps) {
            fp.str(relativeTo(dir, s.path));
            fp.i64(s.size);
            fp.i64(s.mtimeNs);
        }
        state->byName.emplace(o.entry.name, state->records.size());
        state->records.push_back(std::move(o.entry));
        state->headers.push_back(std::move(o.header));
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fp.h));
    state->fingerprint = hex;

    if (state->records.empty() && options.requireRecords) {
        std::string why = "none of its " + std::to_string(candidates.size()) + " record(s) could be loaded";
        if (!skipped.empty()) why += "; first problem: " + skipped.front().file + ": " + skipped.front().reason;
        throw InputError(dir, why);
    }
    return Dataset(std::move(state));
}

Dataset Dataset::openFile(const std::string& path, const DatasetOptions& options) {
    auto state = std::make_shared<State>();
    state->dir = path;
    state->singleFile = true;
    state->cache.setCapacity(options.cacheBytes);
    RecordHeader h = readRecordHeader(path, RecordFileOptions{options.csvFs});
    std::vector<SignalFileStamp> stamps;
    const fileio::FileStat headerStat = fileio::statFile(h.path);
    checkSignalFiles(h, &stamps);
    if (h.nSamples <= 0) throw InputError(h.path, "record has no samples");
    Fnv fp;
    fp.str(h.name);
    fp.str("");
    fp.i64(headerStat.size);
    fp.i64(headerStat.mtimeNs);
    for (const SignalFileStamp& s : stamps) {
        fp.str(s.path.substr(s.path.find_last_of('/') + 1));
        fp.i64(s.size);
        fp.i64(s.mtimeNs);
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fp.h));
    state->fingerprint = hex;
    state->records.push_back({h.name, "", h.fs, h.nSamples, static_cast<double>(h.nSamples) / h.fs, h.path});
    state->byName.emplace(h.name, 0);
    state->headers.push_back(std::move(h));
    return Dataset(std::move(state));
}

bool Dataset::isSingleFile() const { return state_->singleFile; }
const std::string& Dataset::directory() const { return state_->dir; }
const std::vector<RecordEntry>& Dataset::records() const { return state_->records; }
const std::vector<SkippedFile>& Dataset::skipped() const { return state_->skipped; }
const RecordHeader& Dataset::header(std::size_t index) const { return state_->headers.at(index); }
std::string Dataset::fingerprint() const { return state_->fingerprint; }
void Dataset::setCacheBytes(std::size_t bytes) const { state_->cache.setCapacity(bytes); }
std::size_t Dataset::cacheBytes() const { return state_->cache.capacity(); }

std::optional<std::size_t> Dataset::indexOf(const std::string& name) const {
    const auto it = state_->byName.find(name);
    if (it == state_->byName.end()) return std::nullopt;
    return it->second;
}

std::map<std::string, int> Dataset::classCounts() const {
    std::map<std::string, int> counts;
    for (const RecordEntry& r : state_->records)
        if (!r.label.empty()) ++counts[r.label];
    return counts;
}

std::shared_ptr<const Recording> Dataset::signal(std::size_t index) const {
    if (index >= state_->records.size())
        throw std::out_of_range("record index " + std::to_string(index) + " out of range (dataset has " +
                                std::to_string(state_->records.size()) + ")");
    if (auto hit = state_->cache.find(index)) return hit;
    // Read outside any lock: two threads may read the same record once each, which is cheaper
    // than serialising all reads.
    auto rec = std::make_shared<const Recording>(readRecording(state_->headers[index]));
    state_->cache.insert(index, rec);
    return rec;
}

std::vector<std::shared_ptr<const Recording>> Dataset::readAll(int threads, ProgressSink& progress,
                                                               std::vector<SkippedFile>* failures) const {
    const std::size_t n = state_->records.size();
    std::vector<std::shared_ptr<const Recording>> out(n);
    std::vector<std::optional<SkippedFile>> failed(n);
    std::mutex progressMutex;  // ProgressSink implementations need not be thread-safe
    std::atomic<bool> stop{false};
    std::size_t done = 0;
    const std::size_t step = std::max<std::size_t>(1, n / 200);
    progress.report("reading signals", 0, n);
    parallelFor(n, resolveThreads(threads), [&](std::size_t i) {
        if (stop.load(std::memory_order_relaxed)) return;
        try {
            if (auto hit = state_->cache.find(i)) {
                out[i] = std::move(hit);
            } else {
                out[i] = std::make_shared<const Recording>(readRecording(state_->headers[i]));
            }
        } catch (const InputError& e) {
            failed[i] = skippedFrom(e);
        } catch (const std::exception& e) {
            failed[i] = SkippedFile{state_->records[i].headerPath, e.what()};
        }
        std::lock_guard<std::mutex> lock(progressMutex);
        ++done;
        if (done % step == 0 || done == n) {
            progress.report("reading signals", done, n);
            if (progress.cancelled()) stop = true;
        }
    });
    if (stop) throw Cancelled();
    for (auto& f : failed) {
        if (!f) continue;
        progress.log("skipped " + f->file + ": " + f->reason);
        if (failures) failures->push_back(std::move(*f));
    }
    return out;
}

}  // namespace dacl
