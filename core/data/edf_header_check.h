#pragma once
// What EDFlib does not tell: it refuses a malformed EDF/BDF file with one code
// (EDFLIB_FILE_CONTAINS_FORMAT_ERRORS), not which field is wrong; and it reads an EDF+D
// (discontinuous) file as if its data records were back to back. Before EDFlib opens a file we
// read its fixed-layout header (256 bytes + 256 per signal, EDF spec section 2.1.1) and check
// what a user can fix, each with its own reason: header size vs file length, truncated data
// records, digital/physical min = max, record duration <= 0, non-ASCII header bytes, a file with
// annotations only, the per-record sample cap. The samples themselves are read by EDFlib.
//
// EDFlib 1.23 (Debian's) refuses EDF+D files outright (EDFLIB_FILE_IS_DISCONTINUOUS), and refuses
// annotations of an EDF+C file whose records are not back to back. For EDF+D we therefore read the
// time-stamped annotation lists (TALs, EDF+ spec section 2.2) ourselves: each data record's onset
// and the annotations; EDFlib still reads the samples (edf_reader.cpp).
#include "core/data/recording.h"

#include <cstdint>
#include <string>
#include <vector>

namespace dacl::edf {

struct RawSignal {
    std::string label;
    std::int64_t samplesPerRecord = 0;
    bool annotations = false;  // "EDF Annotations" / "BDF Annotations"
};

struct RawHeader {
    bool bdf = false;
    bool plus = false;            // EDF+/BDF+ ("EDF+C" or "EDF+D" in the reserved field)
    bool discontinuous = false;   // "EDF+D" / "BDF+D"
    std::int64_t headerBytes = 0;
    std::int64_t records = 0;
    double recordDurationS = 0;
    std::int64_t recordBytes = 0;
    std::vector<RawSignal> signals;
    int bytesPerSample() const { return bdf ? 3 : 2; }
};

// Reads and checks the header of `path` (a regular file of `fileSize` bytes). Throws InputError
// naming the file, the field (and signal) and the reason.
RawHeader checkHeader(const std::string& path, std::int64_t fileSize);

struct TalContents {
    std::vector<double> recordOnsets;        // seconds, one per data record
    std::vector<EventAnnotation> events;     // every annotation with text, in file order
};

// The TALs of every data record's annotation signals: the onset of each record (its first
// time-keeping TAL, EDF+ spec section 2.2.4) and the annotations. Throws InputError naming the
// record when a TAL is malformed.
TalContents readTals(const std::string& path, const RawHeader& h);

}  // namespace dacl::edf
