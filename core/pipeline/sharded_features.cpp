#include "core/pipeline/sharded_features.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace dacl::ml {

namespace {

// A shard as bytes: u64 rows, i32 dim, u64 skipped | f32 features | i32 record | f64 startS |
// u8 eval | per skipped file: u64 n, file, u64 n, reason. Native byte order: one build's ranks.
class Writer {
public:
    template <class T>
    void put(const T& v) { raw(&v, sizeof v); }
    template <class T>
    void array(const std::vector<T>& v) { raw(v.data(), v.size() * sizeof(T)); }
    void text(const std::string& s) {
        put<std::uint64_t>(s.size());
        raw(s.data(), s.size());
    }
    std::string bytes;

private:
    void raw(const void* p, std::size_t n) { bytes.append(static_cast<const char*>(p), n); }
};

class Reader {
public:
    Reader(const std::string& bytes, int rank) : bytes_(bytes), rank_(rank) {}
    template <class T>
    T get() {
        T v;
        raw(&v, sizeof v);
        return v;
    }
    template <class T>
    void array(std::vector<T>& v, std::size_t n) {
        if (n > (bytes_.size() - at_) / sizeof(T)) fail();
        v.resize(n);
        raw(v.data(), n * sizeof(T));
    }
    std::string text() {
        const auto n = get<std::uint64_t>();
        if (n > bytes_.size() - at_) fail();
        std::string s = bytes_.substr(at_, n);
        at_ += n;
        return s;
    }

private:
    void raw(void* p, std::size_t n) {
        if (n > bytes_.size() - at_) fail();
        std::memcpy(p, bytes_.data() + at_, n);
        at_ += n;
    }
    [[noreturn]] void fail() const {
        throw std::runtime_error("distributed features: the shard of rank " + std::to_string(rank_) + " arrived damaged");
    }
    const std::string& bytes_;
    int rank_;
    std::size_t at_ = 0;
};

std::string toBytes(const features::FeatureSet& s) {
    Writer w;
    w.put<std::uint64_t>(s.rows());
    w.put<std::int32_t>(s.dim);
    w.put<std::uint64_t>(s.skipped.size());
    w.array(s.features);
    w.array(s.record);
    w.array(s.startS);
    w.array(s.evalGrid);
    for (const auto& k : s.skipped) {
        w.text(k.file);
        w.text(k.reason);
    }
    return std::move(w.bytes);
}

features::FeatureSet fromBytes(const std::string& bytes, int rank) {
    Reader r(bytes, rank);
    features::FeatureSet s;
    const auto rows = r.get<std::uint64_t>();
    s.dim = r.get<std::int32_t>();
    const auto skipped = r.get<std::uint64_t>();
    if (s.dim < 0 || (s.dim > 0 && rows > bytes.size() / static_cast<std::size_t>(s.dim)))
        throw std::runtime_error("distributed features: the shard of rank " + std::to_string(rank) + " arrived damaged");
    r.array(s.features, rows * static_cast<std::size_t>(s.dim));
    r.array(s.record, rows);
    r.array(s.startS, rows);
    r.array(s.evalGrid, rows);
    for (std::uint64_t i = 0; i < skipped; ++i) {
        SkippedFile k;
        k.file = r.text();
        k.reason = r.text();
        s.skipped.push_back(std::move(k));
    }
    return s;
}

// The shards (shard r holds records[k] for k = r mod world) as one table in the order of
// `records`, as computeFeatures lays it out: each record's rows, record after record.
features::FeatureSet merge(std::vector<features::FeatureSet> shards, const std::vector<std::size_t>& records,
                           const Dataset& dataset) {
    features::FeatureSet set;
    for (const auto& s : shards) set.dim = std::max(set.dim, s.dim);
    set.records = records;
    for (const auto& r : dataset.records()) set.recordNames.push_back(r.name);
    std::size_t rows = 0;
    for (const auto& s : shards) {
        if (s.dim != set.dim && s.rows() > 0) throw std::runtime_error("distributed features: the ranks' feature widths differ");
        rows += s.rows();
    }
    set.features.reserve(rows * static_cast<std::size_t>(set.dim));
    std::vector<std::size_t> next(shards.size(), 0);
    for (std::size_t k = 0; k < records.size(); ++k) {
        const features::FeatureSet& s = shards[k % shards.size()];
        std::size_t& i = next[k % shards.size()];
        const std::size_t first = i;
        while (i < s.rows() && s.record[i] == static_cast<int>(records[k])) ++i;
        set.features.insert(set.features.end(), s.features.begin() + static_cast<std::ptrdiff_t>(first * s.dim),
                            s.features.begin() + static_cast<std::ptrdiff_t>(i * s.dim));
        set.record.insert(set.record.end(), s.record.begin() + static_cast<std::ptrdiff_t>(first), s.record.begin() + static_cast<std::ptrdiff_t>(i));
        set.startS.insert(set.startS.end(), s.startS.begin() + static_cast<std::ptrdiff_t>(first), s.startS.begin() + static_cast<std::ptrdiff_t>(i));
        set.evalGrid.insert(set.evalGrid.end(), s.evalGrid.begin() + static_cast<std::ptrdiff_t>(first),
                            s.evalGrid.begin() + static_cast<std::ptrdiff_t>(i));
    }
    for (std::size_t r = 0; r < shards.size(); ++r)
        if (next[r] != shards[r].rows())
            throw std::runtime_error("distributed features: rank " + std::to_string(r) + " sent rows of records outside its shard");
    for (auto& s : shards) set.skipped.insert(set.skipped.end(), s.skipped.begin(), s.skipped.end());
    return set;
}

}  // namespace

WindowTable computeWindowTableOnRanks(DistributedGroup& group, const Dataset& dataset,
                                      const std::vector<std::size_t>& recordsIn, const Settings& settings,
                                      ProgressSink& progress, const std::string& cacheDir) {
    const features::FeatureSettings fs = features::FeatureSettings::fromSettings(settings);
    const features::CacheOptions cache{cacheDir};
    std::vector<std::size_t> records = recordsIn;
    std::sort(records.begin(), records.end());
    records.erase(std::unique(records.begin(), records.end()), records.end());

    features::FeatureSet set;
    const bool cached = features::loadCachedFeatures(dataset, fs, cache, records, set);
    // What follows is collective: the ranks compute together unless every one of them has the table.
    if (group.allReduceSum({cached ? 0.0 : 1.0})[0] == 0) {
        progress.log("features loaded from cache " + features::featureCachePath(dataset, fs, cache, records));
    } else {
        std::vector<std::size_t> mine;
        for (std::size_t k = static_cast<std::size_t>(group.rank()); k < records.size(); k += static_cast<std::size_t>(group.worldSize()))
            mine.push_back(records[k]);
        progress.log("features: this rank computes " + std::to_string(mine.size()) + " of " + std::to_string(records.size()) +
                     " records, " + std::to_string(group.worldSize()) + " ranks share them");
        // No cache for the shard: a shard's entry would serve no other run.
        // (An empty list would mean every record: a rank without records computes nothing.)
        features::FeatureSet own = mine.empty() ? features::FeatureSet{} : features::computeFeatures(dataset, fs, progress, {}, mine);
        std::vector<std::string> all = group.allGatherBytes(toBytes(own));
        // Each received shard's bytes go as soon as they are read (the table is large).
        std::vector<features::FeatureSet> shards;
        for (std::size_t r = 0; r < all.size(); ++r) {
            if (static_cast<int>(r) == group.rank()) {
                shards.push_back(std::move(own));
            } else {
                shards.push_back(fromBytes(all[r], static_cast<int>(r)));
                for (const auto& k : shards.back().skipped) progress.log("skipped " + k.file + ": " + k.reason);
            }
            std::string().swap(all[r]);
        }
        set = merge(std::move(shards), records, dataset);
        // Rank 0 writes the cache; a rank that does not see its file then (another machine) writes its own.
        auto save = [&] {
            try {
                features::saveCachedFeatures(dataset, fs, cache, records, set);
            } catch (const std::exception& e) {
                progress.log(std::string("feature cache not written: ") + e.what());
            }
        };
        if (group.rank() == 0 && !cached) save();
        group.barrier();
        if (group.rank() != 0 && !cached && !cacheDir.empty() &&
            !std::filesystem::exists(features::featureCachePath(dataset, fs, cache, records)))
            save();
    }
    return windowTableOf(std::move(set));
}

}  // namespace dacl::ml
