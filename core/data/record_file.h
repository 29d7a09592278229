#pragma once
// One recording file of any supported format, by its path: what "open a file" means for the
// CLI (`dacl signal`, `dacl predict --input FILE`), Dataset::open on a file, and the desktop's
// File > Open recording.
//   .hea            WFDB header (its .dat or .mat signal files next to it)
//   .mat / .dat     the signal file of a WFDB record: its .hea next to it is read
//   .edf / .bdf     EDF, EDF+ (C and D), BDF, BDF+ through EDFlib
//   .csv / .tsv     a table with one column per lead (csv_reader.h)
//   NAME            a record base name with NAME.hea next to it
#include "core/data/recording.h"
#include "core/data/wfdb_header.h"

#include <string>

namespace dacl {

struct RecordFileOptions {
    double csvFs = 0;  // sampling rate for CSV/TSV files without a "# fs=" line or time column
};

// True when the name has one of the extensions above (not for bare record names).
bool isRecordFileName(const std::string& path);

// The header file a path stands for: the .hea of a .hea/.mat/.dat path or bare record name, or
// the file itself for EDF/BDF/CSV. Throws InputError when the path is none of those.
std::string recordFilePath(const std::string& path);

// The record's description without reading samples (for WFDB: header parsed and signal files
// checked, nSamples filled). Throws InputError naming the file and the reason.
RecordHeader readRecordHeader(const std::string& path, const RecordFileOptions& options = {});

// The whole recording in physical units. Throws InputError naming the file and the reason.
Recording readRecordFile(const std::string& path, const RecordFileOptions& options = {});

}  // namespace dacl
