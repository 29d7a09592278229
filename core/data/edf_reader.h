#pragma once
// EDF, EDF+ (continuous and discontinuous) and BDF/BDF+ files, read through EDFlib: signals in
// physical units, labels, units, transducer and prefilter text, each signal's own sampling rate,
// EDF+ annotations (onset, duration, text) and, for EDF+D, where each recorded stretch lies in
// time. The file's header is checked first (edf_header_check.h) so that bad files get a reason.
#include "core/data/recording.h"
#include "core/data/wfdb_header.h"

#include <string>

namespace dacl {

// True for names ending in .edf or .bdf (any case).
bool isEdfPath(const std::string& path);

// The record description without reading samples (format "edf", "edf+c", "edf+d", "bdf", ...;
// fs and nSamples are those of the default ECG lead; each SignalSpec carries its own fs, units,
// label (description), transducer and prefilter). Throws InputError naming the file and reason.
RecordHeader readEdfHeader(const std::string& path);

// Every signal in physical units (Recording::channelFs set when rates differ; fs = the default
// lead's rate), labels, EDF+ annotations and EDF+D segments. Throws InputError.
Recording readEdf(const std::string& path);

}  // namespace dacl
