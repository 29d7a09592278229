#include "core/ml/pipeline/window_table.h"

#include "core/dsp/preprocess.h"
#include "core/dsp/scattering.h"
#include "core/dsp/scattering_transformer.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

namespace dacl::ml {

namespace {

constexpr std::uint32_t kCacheMagic = 0x44434c31;  // "DCL1"

// Everything that changes a feature: the data, the records and every feature setting.
std::string cacheKey(const Dataset& d, const std::vector<std::size_t>& records, const Settings& s) {
    std::string text = d.fingerprint();
    for (const char* k : {"data.lead", "preprocess.fs", "preprocess.low_hz", "preprocess.high_hz",
                          "preprocess.robust_standardise", "window.n", "window.train_hop", "window.eval_hop",
                          "scatter.J", "scatter.Q1", "scatter.Q2", "scatter.max_order", "scatter.log_eps", "st.layers"})
        text += std::string("|") + k + "=" + s.values().at(k).dump();
    for (std::size_t r : records) text += "," + std::to_string(r);
    std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

template <class T>
void writeVec(std::ofstream& out, const std::vector<T>& v) {
    const std::uint64_t n = v.size();
    out.write(reinterpret_cast<const char*>(&n), sizeof n);
    out.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T)));
}

template <class T>
bool readVec(std::ifstream& in, std::vector<T>& v) {
    std::uint64_t n = 0;
    if (!in.read(reinterpret_cast<char*>(&n), sizeof n) || n > (1ULL << 34)) return false;
    v.resize(n);
    return static_cast<bool>(in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T))));
}

bool loadCache(const std::string& path, WindowTable& t) {
    std::ifstream in(path, std::ios::binary);
    std::uint32_t magic = 0;
    std::uint64_t cols = 0;
    if (!in.read(reinterpret_cast<char*>(&magic), sizeof magic) || magic != kCacheMagic) return false;
    if (!in.read(reinterpret_cast<char*>(&cols), sizeof cols)) return false;
    if (!readVec(in, t.features.data) || !readVec(in, t.record) || !readVec(in, t.startS) || !readVec(in, t.eval))
        return false;
    t.features.cols = cols;
    t.features.rows = cols ? t.features.data.size() / cols : 0;
    return t.features.rows == t.record.size() && t.record.size() == t.startS.size() && t.eval.size() == t.record.size();
}

void saveCache(const std::string& path, const WindowTable& t) {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary);
        const std::uint64_t cols = t.features.cols;
        out.write(reinterpret_cast<const char*>(&kCacheMagic), sizeof kCacheMagic);
        out.write(reinterpret_cast<const char*>(&cols), sizeof cols);
        writeVec(out, t.features.data);
        writeVec(out, t.record);
        writeVec(out, t.startS);
        writeVec(out, t.eval);
    }
    std::filesystem::rename(tmp, path);  // atomic: a killed run never leaves half a cache file
}

struct RecordWindows {
    std::vector<float> features;
    std::vector<double> startS;
    std::vector<char> eval;
};

}  // namespace

std::vector<std::size_t> WindowTable::rowsOf(const std::vector<int>& sortedRecords, bool evalOnly) const {
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < record.size(); ++i) {
        if (evalOnly && !eval[i]) continue;
        if (std::binary_search(sortedRecords.begin(), sortedRecords.end(), record[i])) rows.push_back(i);
    }
    return rows;
}

WindowTable computeWindowTable(const Dataset& dataset, const std::vector<std::size_t>& records,
                               const Settings& s, ProgressSink& progress, const std::string& cacheDir,
                               bool evalOnly, const SignalTransform& transform) {
    const bool cacheable = !cacheDir.empty() && !transform && !evalOnly;
    const std::string cachePath = cacheable ? cacheDir + "/" + cacheKey(dataset, records, s) + ".features" : "";
    WindowTable table;
    if (cacheable && loadCache(cachePath, table)) {
        progress.log("features loaded from cache " + cachePath);
        return table;
    }

    dsp::PreprocessSettings pre;
    pre.targetFs = s.getDouble("preprocess.fs");
    pre.lowHz = s.getDouble("preprocess.low_hz");
    pre.highHz = s.getDouble("preprocess.high_hz");
    pre.robustStandardise = s.getBool("preprocess.robust_standardise");
    dsp::WindowSettings win;
    win.samples = static_cast<int>(s.getInt("window.n"));
    const int trainHop = static_cast<int>(s.getInt("window.train_hop"));
    const int evalHop = static_cast<int>(s.getInt("window.eval_hop"));
    const int hop = evalOnly ? evalHop : trainHop;
    const std::size_t lead = static_cast<std::size_t>(s.getInt("data.lead"));
    dsp::ScatteringConfig sc;
    sc.N = win.samples;
    sc.J = static_cast<int>(s.getInt("scatter.J"));
    sc.Q1 = static_cast<int>(s.getInt("scatter.Q1"));
    sc.Q2 = static_cast<int>(s.getInt("scatter.Q2"));
    sc.maxOrder = static_cast<int>(s.getInt("scatter.max_order"));
    const dsp::Scattering1D scattering(sc);
    dsp::ScatteringTransformerConfig stc;
    stc.layers = static_cast<int>(s.getInt("st.layers"));
    const dsp::ScatteringTransformer st(stc);
    const double eps = s.getDouble("scatter.log_eps");
    const int P = scattering.nPaths(), T = scattering.nFrames();
    const std::size_t dim = 2 * static_cast<std::size_t>(P);

    std::vector<RecordWindows> perRecord(records.size());
    std::vector<std::string> failures(records.size());
    std::atomic<std::size_t> next{0}, done{0};
    std::atomic<bool> stop{false};
    auto worker = [&] {
        std::vector<float> S(scattering.outputSize());
        for (std::size_t i; !stop && (i = next++) < records.size();) {
            try {
                const auto rec = dataset.signal(records[i]);
                if (lead >= rec->channels.size())
                    throw std::runtime_error("record has no lead " + std::to_string(lead));
                std::vector<double> x = rec->channels[lead];
                if (transform) x = transform(x, rec->fs, records[i]);
                const auto clean = dsp::preprocess(x, rec->fs, pre);
                const auto windows = dsp::makeWindows(rec->name, clean, pre.targetFs, hop, win);
                RecordWindows& out = perRecord[i];
                for (std::size_t w = 0; w < windows.size(); ++w) {
                    scattering.transform(windows[w].samples.data(), S.data());
                    const auto tokens = dsp::logScatteringTokens(S.data(), P, T, eps);
                    const auto f = st.pooled(tokens.data(), T, P);
                    out.features.insert(out.features.end(), f.begin(), f.end());
                    out.startS.push_back(windows[w].startS);
                    const long start = std::lround(windows[w].startS * pre.targetFs);
                    // Evaluation grid: hop window.eval_hop, plus the window that ends the record.
                    out.eval.push_back(evalOnly || start % evalHop == 0 || w + 1 == windows.size());
                }
            } catch (const std::exception& e) {
                failures[i] = e.what();
            }
            ++done;
        }
    };
    const long long wanted = s.getInt("threads");
    const unsigned threads = wanted > 0 ? static_cast<unsigned>(wanted) : std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
    while (done < records.size()) {
        if (progress.cancelled()) stop = true;
        if (stop) break;
        progress.report("features", done, records.size());
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    for (auto& t : pool) t.join();
    if (stop) throw Cancelled();
    progress.report("features", records.size(), records.size());

    table.features.cols = dim;
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (!failures[i].empty()) {
            progress.log("skipped " + dataset.records()[records[i]].name + ": " + failures[i]);
            continue;
        }
        const RecordWindows& r = perRecord[i];
        table.features.data.insert(table.features.data.end(), r.features.begin(), r.features.end());
        table.startS.insert(table.startS.end(), r.startS.begin(), r.startS.end());
        table.eval.insert(table.eval.end(), r.eval.begin(), r.eval.end());
        table.record.insert(table.record.end(), r.startS.size(), static_cast<int>(records[i]));
    }
    table.features.rows = table.record.size();
    if (cacheable) saveCache(cachePath, table);
    return table;
}

}  // namespace dacl::ml
