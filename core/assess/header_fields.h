#pragma once
// What a recording's header says about the patient and the recording, as (field, value) pairs in
// file order, for the Assessment panel and the patient report. Torch-free, Qt-free.
#include "core/data/recording.h"
#include "core/data/wfdb_header.h"

#include <string>
#include <utility>
#include <vector>

namespace dacl::assess {

// "WFDB", "MAT" (WFDB header with a .mat signal file, PhysioNet 2017), "EDF", "EDF+", "BDF",
// "BDF+" or "CSV".
std::string formatName(const RecordHeader& header);

// Record, start date and time, rate, signals and length, then the header's own text: WFDB comment
// lines ("Age: 64" becomes ("Age", "64")), EDF patient and recording identification.
std::vector<std::pair<std::string, std::string>> headerFields(const RecordHeader& header, const Recording& rec);

}  // namespace dacl::assess
