#include "core/synth/demo_dataset.h"

#include "core/common/error.h"
#include "core/data/signal_reader.h"
#include "core/data/wfdb_header.h"
#include "core/synth/rng.h"
#include "core/synth/synthetic_record.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace dacl::synth {
namespace {

namespace fs = std::filesystem;

std::int16_t toAdu(double mv) {
    const double adu = std::round(mv * 1000.0);
    return static_cast<std::int16_t>(std::clamp(adu, -32768.0, 32767.0));
}

std::string fixed1(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

void writeText(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw InputError(path.string(), "cannot open for writing");
    out << text;
    out.close();
    if (!out) throw InputError(path.string(), "write failed (disk full?)");
}

}  // namespace

std::vector<char> demoLabels(int records, std::uint64_t seed) {
    static const char kClasses[4] = {'N', 'A', 'O', '~'};
    static const double kShare[4] = {0.55, 0.20, 0.17, 0.08};
    if (records <= 0) return {};
    std::vector<char> labels;
    if (records < 4) {
        labels.assign(kClasses, kClasses + records);
    } else {
        int count[4], assigned = 0;
        double rest[4];
        for (int c = 0; c < 4; ++c) {
            const double exact = kShare[c] * records;
            count[c] = static_cast<int>(std::floor(exact));
            rest[c] = exact - count[c];
            assigned += count[c];
        }
        while (assigned < records) {  // largest remainder first (ties: class order)
            int best = 0;
            for (int c = 1; c < 4; ++c)
                if (rest[c] > rest[best]) best = c;
            ++count[best];
            rest[best] = -1;
            ++assigned;
        }
        for (int c = 0; c < 4; ++c) {
            if (count[c] > 0) continue;
            const int donor = static_cast<int>(std::max_element(count, count + 4) - count);
            --count[donor];
            ++count[c];
        }
        for (int c = 0; c < 4; ++c) labels.insert(labels.end(), count[c], kClasses[c]);
    }
    Rng rng(seed ^ 0x6C6162656C73ull);  // "labels"
    for (std::size_t i = labels.size() - 1; i > 0; --i)
        std::swap(labels[i], labels[static_cast<std::size_t>(rng.below(static_cast<int>(i + 1)))]);
    return labels;
}

std::string demoRecordName(int index) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "D%05d", index + 1);
    return buf;
}

DemoDatasetSummary writeDemoDataset(const std::string& dir, int records, std::uint64_t seed,
                                    ProgressSink& progress) {
    if (records < 1 || records > kMaxDemoRecords)
        throw std::invalid_argument("demo dataset: number of records must be 1.." + std::to_string(kMaxDemoRecords) + ", got " +
                                    std::to_string(records));
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir)) throw InputError(dir, "cannot create folder: " + ec.message());

    const std::vector<char> labels = demoLabels(records, seed);
    DemoDatasetSummary summary;
    std::string reference, recordList;
    const std::string stage = "generating demo ECG";
    for (int i = 0; i < records; ++i) {
        if (progress.cancelled()) throw Cancelled();
        const std::string name = demoRecordName(i);
        // Each record has its own seed, so record i does not depend on how many come before.
        const std::uint64_t recordSeed = mixSeed(seed) ^ mixSeed(static_cast<std::uint64_t>(i) + 1);
        Rng specRng(recordSeed);
        const RecordSpec spec = randomSpec(labels[i], specRng);
        const SynthRecord rec = generateRecord(spec, recordSeed);

        std::vector<std::int16_t> adu(rec.mv.size());
        for (std::size_t k = 0; k < adu.size(); ++k) adu[k] = toAdu(rec.mv[k]);
        writeMat4((fs::path(dir) / (name + ".mat")).string(), "val", adu);

        RecordHeader h;
        h.name = name;
        h.nSignals = 1;
        h.fs = spec.fs;
        h.nSamples = static_cast<long>(adu.size());
        SignalSpec sig;
        sig.file = name + ".mat";
        sig.format = 16;
        sig.byteOffset = 24;
        sig.gain = 1000;
        sig.baseline = 0;
        sig.units = "mV";
        sig.adcResolution = 16;
        sig.adcZero = 0;
        sig.initialValue = adu.empty() ? 0 : adu.front();
        sig.checksum = 0;
        sig.blockSize = 0;
        sig.description = "ECG";
        h.signals.push_back(sig);
        h.comments.push_back("DACL Studio demo record: synthetic ECG (ECGSYN model, McSharry et al. 2003)");
        h.comments.push_back("class " + std::string(1, spec.label) + ", rhythm " + rhythmName(spec.rhythm) +
                             ", mean rate " + fixed1(spec.meanHrBpm) + " bpm, " +
                             std::to_string(rec.rPeaks.size()) + " beats");
        writeText(fs::path(dir) / (name + ".hea"), formatHeader(h));

        reference += name + "," + std::string(1, spec.label) + "\n";
        recordList += name + "\n";
        ++summary.classCounts[spec.label];
        summary.totalSeconds += double(adu.size()) / spec.fs;
        progress.report(stage, static_cast<std::size_t>(i + 1), static_cast<std::size_t>(records));
    }
    writeText(fs::path(dir) / "RECORDS", recordList);
    writeText(fs::path(dir) / "REFERENCE.csv", reference);
    summary.records = records;
    return summary;
}

}  // namespace dacl::synth
