#pragma once
// Reading (and, for tests and the demo generator, writing) the signal files a WFDB header names:
//  - MATLAB v4 `.mat` files as PhysioNet 2017 ships them (libmatio reads them);
//  - WFDB binary `.dat` formats 16 (int16 LE), 212 (two 12-bit samples in 3 bytes) and
//    80 (8-bit offset binary), several signals interleaved frame by frame in one file.
// Samples become physical units as (adu - baseline) / gain.
#include "core/data/recording.h"
#include "core/data/wfdb_header.h"

#include <cstdint>
#include <string>
#include <vector>

namespace dacl {

// Path of signal `index`'s file: relative names are resolved against the header's folder.
std::string signalFilePath(const RecordHeader& header, std::size_t index);

struct SignalFileStamp {
    std::string path;
    std::int64_t size = 0;
    std::int64_t mtimeNs = 0;
};

// Cheap consistency check done when a dataset is opened, without reading samples: every signal
// file exists, its format is supported, and its size (for `.mat`, its 20-byte v4 header) fits the
// header's sample count. Returns the sample count per signal (taken from the file when the header
// does not give one) and appends each distinct signal file's size and mtime to `stamps`.
// Throws InputError naming the file and the reason.
long checkSignalFiles(const RecordHeader& header, std::vector<SignalFileStamp>* stamps = nullptr);

// Reads every signal of the record in physical units. Throws InputError (file + reason) for a
// missing or truncated file, a sample-count mismatch, or an unsupported format.
Recording readRecording(const RecordHeader& header);

// Writes a MATLAB v4 file holding one int16 row vector, byte for byte the PhysioNet 2017 layout
// (20-byte header: type 30, mrows 1, ncols N, imagf 0, namlen; the name with its NUL; then the
// samples little-endian, so with name "val" the data start at byte 24).
void writeMat4(const std::string& path, const std::string& varName, const std::vector<std::int16_t>& samples);

// Writes a WFDB `.dat` file in format 16, 212 or 80 holding `adu[signal][sample]` interleaved by
// frame. Throws InputError for an unsupported format, ragged signals or a value the format
// cannot hold (16: int16; 212: -2048..2047; 80: -128..127).
void writeDat(const std::string& path, int format, const std::vector<std::vector<int>>& adu);

}  // namespace dacl
