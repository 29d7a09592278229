#pragma once
// WFDB record headers (`.hea`), as described in PhysioNet's header(5) man page:
//   record line:  name nsig [fs[/counterfreq[(basecounter)]] [nsamp [basetime [basedate]]]]
//   signal lines: file format[xN][:skew][+offset] [gain[(baseline)][/units] [adcres [adczero
//                 [initval [checksum [blocksize [description...]]]]]]]
//   comment lines start with '#'.
// Only single-segment records are supported (multi-segment `name/nseg` is rejected clearly).
//
// RecordHeader is also what the EDF/BDF and CSV readers return for their files (format "edf",
// "bdf", "csv"): the one description of a record that Dataset keeps and readRecording() reads.
#include <string>
#include <vector>

// Qt (without QT_NO_KEYWORDS) defines `signals` as a macro, which would turn the member below into
// `public`. Hide the macro while declaring it, so that Qt code can include this header; such code
// cannot spell `header.signals` and uses `header.signalSpecs()` instead.
#pragma push_macro("signals")
#undef signals

namespace dacl {

struct SignalSpec {
    std::string file;         // signal file name, relative to the header's folder
    int format = 16;          // WFDB storage format (16, 212, 80, ...)
    long byteOffset = 0;      // bytes to skip at the start of `file` (the `+24` in `16+24`)
    double gain = 200.0;      // adu per physical unit; WFDB default 200 when not written
    double baseline = 0.0;    // adu value of physical zero; defaults to adcZero
    std::string units = "mV";
    int adcResolution = 0;    // bits; 0 when not written
    int adcZero = 0;
    int initialValue = 0;     // informative only: never checked (PhysioNet 2017 has mismatches)
    int checksum = 0;
    int blockSize = 0;
    std::string description;
    int samplesPerFrame = 1;  // the `xN` suffix of the format field; readers support only 1
    int skew = 0;             // the `:skew` suffix; readers support only 0
    // EDF/BDF: this signal's own rate (0 = the record's fs), and the header's free text.
    double fs = 0;
    std::string transducer, prefilter;
};

struct RecordHeader {
    std::string format = "wfdb";  // "wfdb" (.hea + .dat/.mat), "edf", "edf+c", "edf+d", "bdf", "bdf+c", "bdf+d", "csv"
    std::string name;
    int nSignals = 0;
    double fs = 250.0;        // WFDB default when the record line gives no rate
    long nSamples = 0;        // samples per signal; 0 when the header does not say
    std::string baseTime, baseDate;
    std::vector<SignalSpec> signals;
    std::vector<std::string> comments;  // text after '#', one per comment line
    std::string path;                   // the .hea (or .edf/.bdf/.csv) file this came from ("" when parsed from text)
    // EDF/EDF+ header text: patient and recording identification (EDF+ subfields joined).
    std::string patient, recording;
    long long annotationCount = 0;      // EDF+ annotations in the file

    // The same as `signals`, for code compiled with Qt keywords.
    std::vector<SignalSpec>& signalSpecs() { return signals; }
    const std::vector<SignalSpec>& signalSpecs() const { return signals; }
};

// Parses a header file. Throws InputError naming the file, the line and the field at fault (also
// for a file that is not a regular file or is over 16 MB: no WFDB header is anywhere near that).
RecordHeader parseHeader(const std::string& heaPath);

// Parses header text; `pathForErrors` names the file in errors and is stored in `path`.
RecordHeader parseHeaderText(const std::string& text, const std::string& pathForErrors);

// Writes a header that parseHeaderText reads back to the same values (all signal fields are
// written, so that no WFDB default is implied).
std::string formatHeader(const RecordHeader& header);

}  // namespace dacl

#pragma pop_macro("signals")
