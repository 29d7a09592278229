#pragma once
// The built-in demo dataset: synthetic ECG records (synthetic_record.h) written in the
// PhysioNet/CinC 2017 layout, so that every part of the app can be tried without
// downloading anything:
//   <name>.hea      "D00001 1 300 9000" / "D00001.mat 16+24 1000/mV 16 0 <first> 0 0 ECG"
//                   plus '#' comments saying how the record was made;
//   <name>.mat      MATLAB v4, int16 row vector `val`, 1000 adu per mV;
//   REFERENCE.csv   "D00001,N" lines (labels N, A, O, ~);
//   RECORDS         one record name per line.
// Deterministic: the same (records, seed) gives byte-identical files.
#include "core/common/progress.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace dacl::synth {

constexpr int kDefaultDemoRecords = 400;
// Enough for the scale benchmark (issue 17: 100,000 records); names past D99999 have six digits.
constexpr int kMaxDemoRecords = 999999;
constexpr std::uint64_t kDefaultDemoSeed = 2017;

// Class of each record, in record order. Shares roughly as in PhysioNet 2017 but with more
// AF (N 55 %, A 20 %, O 17 %, ~ 8 %, largest-remainder rounding), every class at least once
// when records >= 4 (with fewer, the first `records` of N, A, O, ~), shuffled by the seed.
std::vector<char> demoLabels(int records, std::uint64_t seed);

// "D00001" for index 0, "D100000" for index 99999.
std::string demoRecordName(int index);

struct DemoDatasetSummary {
    int records = 0;
    std::map<char, int> classCounts;
    double totalSeconds = 0;  // of ECG written
};

// Writes `records` (1..kMaxDemoRecords) records into `dir` (created if missing; files of the same
// names are overwritten, nothing else is touched). REFERENCE.csv and RECORDS are written
// last, so an interrupted run does not leave a folder that looks complete. Reports
// progress per record and throws Cancelled when the sink asks; throws InputError (naming
// the file) when a file cannot be written and std::invalid_argument for a bad count.
DemoDatasetSummary writeDemoDataset(const std::string& dir, int records, std::uint64_t seed,
                                    ProgressSink& progress);

}  // namespace dacl::synth
