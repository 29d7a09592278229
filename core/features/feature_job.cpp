#include "core/features/feature_job.h"

#include "core/common/error.h"
#include "core/common/settings.h"
#include "core/dsp/preprocess.h"
#include "core/dsp/scattering.h"
#include "core/features/feature_cache.h"
#include "core/features/record_features.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <thread>

namespace dacl::features {

namespace {

constexpr int kFormat = 1;  // bump when the computation changes without a settings change

std::vector<std::size_t> requestedRecords(const Dataset& d, const std::vector<std::size_t>& records) {
    std::vector<std::size_t> r = records;
    if (r.empty()) {
        r.resize(d.size());
        std::iota(r.begin(), r.end(), std::size_t{0});
    }
    std::sort(r.begin(), r.end());
    r.erase(std::unique(r.begin(), r.end()), r.end());
    for (std::size_t i : r)
        if (i >= d.size()) throw std::invalid_argument("feature job: record index " + std::to_string(i) + " out of range");
    return r;
}

std::string keyText(const Dataset& d, const FeatureSettings& s, const std::vector<std::size_t>& records) {
    // The scattering's numerics too: the lane FFTs changed the features in the last bits.
    nlohmann::json k{{"format", kFormat},
                     {"fingerprint", d.fingerprint()},
                     {"settings", s.toJson()},
                     {"scattering", dsp::kScatteringNumerics}};
    // The list of records only matters when it is not "all of them".
    if (records.size() != d.size()) k["records"] = records;
    return k.dump();
}

void validate(const FeatureSettings& s) {
    if (s.window.samples < 1) throw std::invalid_argument("feature job: window length must be >= 1");
    if (s.hop < 1) throw std::invalid_argument("feature job: hop must be >= 1");
    if (s.evalHop < 0) throw std::invalid_argument("feature job: evaluation hop must be >= 0");
    if (!(s.logEps > 0)) throw std::invalid_argument("feature job: log eps must be > 0");
    if (s.preprocess.lead < 0) throw std::invalid_argument("feature job: lead must be >= 0");
}

// Rows the records will most likely give (their windows at the target rate, from the header
// lengths): only the capacity reserved for the assembled table, so a wrong guess costs a copy.
std::size_t expectedRows(const Dataset& d, const FeatureSettings& s, const std::vector<std::size_t>& records) {
    std::size_t rows = 0;
    for (std::size_t i : records) {
        const RecordEntry& e = d.records()[i];
        const double n = e.fs > 0 ? std::round(static_cast<double>(e.nSamples) * s.preprocess.targetFs / e.fs) : 0;
        rows += n >= 1 && n < 1e12 ? dsp::windowStarts(static_cast<long>(n), s.window.samples, s.hop).size() : 1;
    }
    return rows;
}

struct RecordOutput {
    std::vector<float> features;
    std::vector<double> startS;
    std::vector<char> eval;
    std::string error;  // non-empty: the record was skipped
    std::string errorFile;
};

}  // namespace

nlohmann::json FeatureSettings::toJson() const {
    nlohmann::json j{{"lead", preprocess.lead},
            {"fs", preprocess.targetFs},
            {"low_hz", preprocess.lowHz},
            {"high_hz", preprocess.highHz},
            {"filter_order", preprocess.filterOrder},
            {"robust_standardise", preprocess.robustStandardise},
            {"window_n", window.samples},
            {"pad", window.pad == dsp::PadMode::Zero ? "zero" : "reflect"},
            {"hop", hop},
            {"eval_hop", evalHop},
            {"J", J},
            {"Q1", Q1},
            {"Q2", Q2},
            {"max_order", maxOrder},
            {"log_eps", logEps},
            {"st_layers", stLayers},
            {"float32", float32}};
    if (sequence) {
        j["repr"] = "sequence";
        j["rhythm"] = rhythm;
        // The R-peak rule behind the rhythm channels and RR features: a cache written by an
        // earlier rule (one record-wide threshold) must not be read as this one's.
        j["rpeaks"] = "local-10s";
        // The record's rhythm features in the row header: 20 RR, then 4 atrial-activity ones.
        j["rhythm_features"] = "rr20+atrial4";
    }
    return j;
}

FeatureSettings FeatureSettings::fromJson(const nlohmann::json& j) {
    FeatureSettings s;
    s.preprocess.lead = j.value("lead", s.preprocess.lead);
    s.preprocess.targetFs = j.value("fs", s.preprocess.targetFs);
    s.preprocess.lowHz = j.value("low_hz", s.preprocess.lowHz);
    s.preprocess.highHz = j.value("high_hz", s.preprocess.highHz);
    s.preprocess.filterOrder = j.value("filter_order", s.preprocess.filterOrder);
    s.preprocess.robustStandardise = j.value("robust_standardise", s.preprocess.robustStandardise);
    s.window.samples = j.value("window_n", s.window.samples);
    s.window.pad = j.value("pad", std::string("zero")) == "reflect" ? dsp::PadMode::Reflect : dsp::PadMode::Zero;
    s.hop = j.value("hop", s.hop);
    s.evalHop = j.value("eval_hop", s.evalHop);
    s.J = j.value("J", s.J);
    s.Q1 = j.value("Q1", s.Q1);
    s.Q2 = j.value("Q2", s.Q2);
    s.maxOrder = j.value("max_order", s.maxOrder);
    s.logEps = j.value("log_eps", s.logEps);
    s.stLayers = j.value("st_layers", s.stLayers);
    s.float32 = j.value("float32", s.float32);
    s.sequence = j.value("repr", std::string("pooled")) == "sequence";
    s.rhythm = j.value("rhythm", s.rhythm);
    return s;
}

FeatureSettings FeatureSettings::fromSettings(const Settings& st) {
    FeatureSettings s;
    s.preprocess.lead = static_cast<int>(st.getInt("data.lead"));
    s.preprocess.targetFs = st.getDouble("preprocess.fs");
    s.preprocess.lowHz = st.getDouble("preprocess.low_hz");
    s.preprocess.highHz = st.getDouble("preprocess.high_hz");
    s.preprocess.robustStandardise = st.getBool("preprocess.robust_standardise");
    s.window.samples = static_cast<int>(st.getInt("window.n"));
    s.hop = static_cast<int>(st.getInt("window.train_hop"));
    s.evalHop = static_cast<int>(st.getInt("window.eval_hop"));
    s.J = static_cast<int>(st.getInt("scatter.J"));
    s.Q1 = static_cast<int>(st.getInt("scatter.Q1"));
    s.Q2 = static_cast<int>(st.getInt("scatter.Q2"));
    s.maxOrder = static_cast<int>(st.getInt("scatter.max_order"));
    s.logEps = st.getDouble("scatter.log_eps");
    s.stLayers = static_cast<int>(st.getInt("st.layers"));
    s.threads = static_cast<int>(st.getInt("threads"));
    if (st.getString("repr") == "sequence") {
        // Whole-record spans, every one scored (the evaluation grid is the span grid).
        s.sequence = true;
        s.window.samples = static_cast<int>(st.getInt("seq.span"));
        s.hop = static_cast<int>(st.getInt("seq.hop"));
        s.evalHop = s.hop;
        s.J = static_cast<int>(st.getInt("seq.J"));
        s.rhythm = st.getBool("seq.rhythm");
    }
    return s;
}

RecordFeatures aggregateByRecord(const FeatureSet& set) {
    RecordFeatures out;
    out.dim = set.dim;
    std::vector<long> rowOf(set.recordNames.size(), -1);
    std::vector<double> acc;
    for (std::size_t i = 0; i < set.rows(); ++i) {
        long& r = rowOf[set.record[i]];
        if (r < 0) {
            r = static_cast<long>(out.records.size());
            out.records.push_back(static_cast<std::size_t>(set.record[i]));
            out.windows.push_back(0);
            acc.resize(acc.size() + set.dim, 0.0);
        }
        ++out.windows[r];
        const float* f = set.row(i);
        for (int c = 0; c < set.dim; ++c) acc[static_cast<std::size_t>(r) * set.dim + c] += f[c];
    }
    out.features.resize(acc.size());
    for (std::size_t r = 0; r < out.records.size(); ++r)
        for (int c = 0; c < set.dim; ++c)
            out.features[r * set.dim + c] = static_cast<float>(acc[r * set.dim + c] / out.windows[r]);
    return out;
}

std::string featureCachePath(const Dataset& dataset, const FeatureSettings& settings, const CacheOptions& cache,
                             const std::vector<std::size_t>& records) {
    if (cache.dir.empty()) return {};
    return cache.dir + "/features-" + cache::hashHex(keyText(dataset, settings, requestedRecords(dataset, records))) +
           ".bin";
}

bool loadCachedFeatures(const Dataset& dataset, const FeatureSettings& settings, const CacheOptions& cache,
                        const std::vector<std::size_t>& records, FeatureSet& out) {
    if (cache.dir.empty()) return false;
    return cache::load(featureCachePath(dataset, settings, cache, records),
                       keyText(dataset, settings, requestedRecords(dataset, records)), out);
}

void saveCachedFeatures(const Dataset& dataset, const FeatureSettings& settings, const CacheOptions& cache,
                        const std::vector<std::size_t>& records, const FeatureSet& set) {
    if (cache.dir.empty()) return;
    cache::save(featureCachePath(dataset, settings, cache, records),
                keyText(dataset, settings, requestedRecords(dataset, records)), set);
}

FeatureSet computeFeatures(const Dataset& dataset, const FeatureSettings& settings, ProgressSink& progress,
                           const CacheOptions& cacheOptions, const std::vector<std::size_t>& recordsIn,
                           const SignalTransform& transform) {
    validate(settings);
    const std::vector<std::size_t> records = requestedRecords(dataset, recordsIn);
    const std::string key = keyText(dataset, settings, records);
    const std::string cachePath = cacheOptions.dir.empty() || transform
                                      ? std::string()
                                      : cacheOptions.dir + "/features-" + cache::hashHex(key) + ".bin";
    FeatureSet set;
    if (!cachePath.empty() && cache::load(cachePath, key, set, cacheOptions.mapRows)) {
        progress.log("features loaded from cache " + cachePath);
        progress.report("features", records.size(), records.size());
        return set;
    }

    const RecordFeaturizer featurizer(settings);
    const int dim = featurizer.dim();
    const auto lead = static_cast<std::size_t>(settings.preprocess.lead);

    std::vector<RecordOutput> outputs(records.size());
    // finished[k]: record k's output is complete (written before, read after, the flag).
    std::unique_ptr<std::atomic<bool>[]> finished(new std::atomic<bool>[records.size()]());
    std::atomic<std::size_t> next{0}, done{0};
    std::atomic<bool> stop{false};
    auto processRecord = [&](std::size_t k) {
        RecordOutput& out = outputs[k];
        const std::size_t index = records[k];
        const std::string& name = dataset.records()[index].name;
        try {
            const auto rec = dataset.signal(index);
            if (lead >= rec->channels.size())
                throw std::invalid_argument("record has no lead " + std::to_string(lead) + " (it has " +
                                            std::to_string(rec->channels.size()) + ")");
            RecordWindows w = featurizer.compute(
                transform ? transform(rec->channels[lead], rec->fsOf(lead), index) : rec->channels[lead], rec->fsOf(lead), name, &stop);
            out.features = std::move(w.features);
            out.startS = std::move(w.startS);
            out.eval = std::move(w.evalGrid);
        } catch (const std::exception& e) {
            out.errorFile = dataset.records()[index].headerPath;  // unless the error names its own file
            describeError(e, out.error, out.errorFile);
        }
    };
    auto worker = [&] {
        for (std::size_t k; !stop && (k = next++) < records.size();) {
            processRecord(k);
            finished[k].store(true, std::memory_order_release);
            ++done;
        }
    };

    set.dim = dim;
    set.records = records;
    set.recordNames.reserve(dataset.size());
    for (const auto& r : dataset.records()) set.recordNames.push_back(r.name);
    // With mapRows the rows go to the cache file as records join (100 k records are ~12 GB of
    // rows) and are mapped back at the end; without a cache file they are held here.
    std::optional<cache::RowWriter> stream;
    if (cacheOptions.mapRows && !cachePath.empty()) {
        try {
            stream.emplace(cachePath, dim);
        } catch (const InputError& e) {
            progress.log(std::string("feature cache not written: ") + e.what());
        }
    }
    if (!stream) set.features.reserve(expectedRows(dataset, settings, records) * static_cast<std::size_t>(dim));
    // Records join the table in order as soon as they and all before them are done, and their
    // arrays are freed at once: the workers then reuse that memory for the next records instead
    // of faulting in fresh pages for every record (the full data set is ~1 GB of rows).
    std::size_t joined = 0;
    auto joinFinished = [&] {
        for (; joined < records.size() && finished[joined].load(std::memory_order_acquire); ++joined) {
            RecordOutput& o = outputs[joined];
            if (!o.error.empty()) continue;
            if (stream)
                stream->append(o.features.data(), o.startS.size());
            else
                set.features.insert(set.features.end(), o.features.begin(), o.features.end());
            set.startS.insert(set.startS.end(), o.startS.begin(), o.startS.end());
            set.evalGrid.insert(set.evalGrid.end(), o.eval.begin(), o.eval.end());
            set.record.insert(set.record.end(), o.startS.size(), static_cast<int>(records[joined]));
            o = RecordOutput();
        }
    };

    const int threads = settings.threads > 0 ? settings.threads
                                             : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::thread> pool;
    for (int t = 0; t < std::min<int>(threads, static_cast<int>(std::max<std::size_t>(records.size(), 1))); ++t)
        pool.emplace_back(worker);
    // This thread reports progress, joins finished records and watches for cancellation (at
    // least every 100 ms). Should it throw (out of memory while joining), the workers are
    // stopped and joined first, so that the error reaches the caller.
    try {
        while (done < records.size() && !stop) {
            progress.report("features", done, records.size());
            joinFinished();
            if (progress.cancelled()) stop = true;
            else std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    } catch (...) {
        stop = true;
        for (auto& t : pool) t.join();
        throw;
    }
    for (auto& t : pool) t.join();
    if (stop) throw Cancelled();
    progress.report("features", records.size(), records.size());
    joinFinished();
    for (std::size_t k = 0; k < records.size(); ++k) {
        const RecordOutput& o = outputs[k];
        if (o.error.empty()) continue;
        set.skipped.push_back({o.errorFile, set.recordNames[records[k]] + ": " + o.error});
        progress.log("skipped " + o.errorFile + ": " + o.error);
    }
    if (stream) {
        stream->finish(key, set);
        FeatureSet mapped;
        if (!cache::load(cachePath, key, mapped, true))
            throw InputError(cachePath, "feature cache written but not readable (changed meanwhile?)");
        mapped.fromCache = false;
        return mapped;
    }
    if (!cachePath.empty()) {
        try {
            cache::save(cachePath, key, set);
        } catch (const std::exception& e) {
            progress.log(std::string("feature cache not written: ") + e.what());
        }
    }
    return set;
}

}  // namespace dacl::features
