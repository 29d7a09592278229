#include "core/features/feature_cache.h"

#include "core/common/error.h"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>

namespace dacl::features::cache {

namespace {

constexpr char kMagic[8] = {'D', 'A', 'C', 'L', 'F', 'T', '0', '1'};

// FNV-1a over 64-bit words (bytes for the tail): fast enough for ~100 MB, catches truncation
// and damage. Not cryptographic; nobody is expected to forge cache files.
class Checksum {
public:
    void add(const void* p, std::size_t n) {
        const auto* b = static_cast<const unsigned char*>(p);
        for (std::size_t i = 0; i < n; ++i) h_ = (h_ ^ b[i]) * 1099511628211ULL;
    }
    std::uint64_t value() const { return h_; }

private:
    std::uint64_t h_ = 1469598103934665603ULL;
};

class Writer {
public:
    explicit Writer(std::ofstream& f) : f_(f) {}
    void put(const void* p, std::size_t n) {
        f_.write(static_cast<const char*>(p), static_cast<std::streamsize>(n));
        sum_.add(p, n);
    }
    template <class T> void putVec(const std::vector<T>& v) { put(v.data(), v.size() * sizeof(T)); }
    // The same as put(), with the checksum summed on a second thread while this one writes:
    // both take about a second for the full data set's gigabyte of features, and the byte-wise
    // sum cannot be split.
    template <class T> void putVecOverlapped(const std::vector<T>& v) {
        const std::size_t n = v.size() * sizeof(T);
        auto sum = std::async(std::launch::async, [s = sum_, p = v.data(), n]() mutable {
            s.add(p, n);
            return s;
        });
        f_.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(n));
        sum_ = sum.get();
    }
    std::uint64_t checksum() const { return sum_.value(); }

private:
    std::ofstream& f_;
    Checksum sum_;
};

class Reader {
public:
    explicit Reader(std::ifstream& f) : f_(f) {}
    bool get(void* p, std::size_t n) {
        if (!f_.read(static_cast<char*>(p), static_cast<std::streamsize>(n))) return false;
        sum_.add(p, n);
        return true;
    }
    template <class T> bool getVec(std::vector<T>& v, std::size_t n) {
        v.resize(n);
        return get(v.data(), n * sizeof(T));
    }
    std::uint64_t checksum() const { return sum_.value(); }

private:
    std::ifstream& f_;
    Checksum sum_;
};

}  // namespace

std::string hashHex(const std::string& text) {
    Checksum c;
    c.add(text.data(), text.size());
    char buf[20];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(c.value()));
    return buf;
}

bool load(const std::string& path, const std::string& keyText, FeatureSet& out) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return false;
    Reader r(f);
    char magic[8];
    std::uint64_t n = 0;
    if (!r.get(magic, 8) || std::memcmp(magic, kMagic, 8) != 0 || !r.get(&n, sizeof n) || n > (1ULL << 31))
        return false;
    std::string headerText(n, '\0');
    if (!r.get(headerText.data(), n)) return false;
    nlohmann::json h = nlohmann::json::parse(headerText, nullptr, /*allow_exceptions=*/false);
    if (h.is_discarded() || !h.is_object() || h.value("key", std::string()) != keyText) return false;
    try {
        FeatureSet s;
        s.dim = h.at("dim").get<int>();
        const auto rows = h.at("rows").get<std::size_t>();
        s.recordNames = h.at("recordNames").get<std::vector<std::string>>();
        s.records = h.at("records").get<std::vector<std::size_t>>();
        for (const auto& k : h.at("skipped")) s.skipped.push_back({k.at(0).get<std::string>(), k.at(1).get<std::string>()});
        if (s.dim < 0 || rows > (1ULL << 32)) return false;
        std::vector<std::int32_t> rec;
        if (!r.getVec(s.features, rows * static_cast<std::size_t>(s.dim)) || !r.getVec(rec, rows) ||
            !r.getVec(s.startS, rows) || !r.getVec(s.evalGrid, rows))
            return false;
        const std::uint64_t expected = r.checksum();
        std::uint64_t stored = 0;
        if (!f.read(reinterpret_cast<char*>(&stored), sizeof stored) || stored != expected) return false;
        s.record.assign(rec.begin(), rec.end());
        for (int i : s.record)
            if (i < 0 || static_cast<std::size_t>(i) >= s.recordNames.size()) return false;
        s.fromCache = true;
        out = std::move(s);
        return true;
    } catch (const nlohmann::json::exception&) {
        return false;
    }
}

void save(const std::string& path, const std::string& keyText, const FeatureSet& set) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    if (ec) throw InputError(fs::path(path).parent_path().string(), "cannot create cache directory: " + ec.message());
    nlohmann::json h{{"key", keyText}, {"dim", set.dim}, {"rows", set.rows()}, {"recordNames", set.recordNames},
                     {"records", set.records}};
    h["skipped"] = nlohmann::json::array();
    for (const auto& s : set.skipped) h["skipped"].push_back({s.file, s.reason});
    const std::string headerText = h.dump();
    // One temporary file per process: the ranks of a distributed run may write the same entry at once.
    const std::string tmp = path + ".tmp." + std::to_string(::getpid());
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f) throw InputError(tmp, "cannot write feature cache");
        Writer w(f);
        const std::uint64_t n = headerText.size();
        w.put(kMagic, 8);
        w.put(&n, sizeof n);
        w.put(headerText.data(), headerText.size());
        w.putVecOverlapped(set.features);
        const std::vector<std::int32_t> rec(set.record.begin(), set.record.end());
        w.putVec(rec);
        w.putVec(set.startS);
        w.putVec(set.evalGrid);
        const std::uint64_t sum = w.checksum();
        f.write(reinterpret_cast<const char*>(&sum), sizeof sum);
        if (!f) throw InputError(tmp, "write failed (disk full?)");
    }
    fs::rename(tmp, path, ec);  // atomic: a killed run never leaves half a cache file behind
    if (ec) throw InputError(path, "cannot move feature cache into place: " + ec.message());
}

}  // namespace dacl::features::cache
