#pragma once
// WFDB annotation files in MIT format (e.g. `.atr`), as described in PhysioNet's annot(5):
// a stream of little-endian 16-bit words, each with a 6-bit code A (top bits) and a 10-bit
// field I. A = 1..49 is an annotation whose time is I samples after the previous one;
// pseudo-codes modify it: SKIP (59, a 32-bit time jump that precedes an annotation), NUM (60),
// SUB (61), CHN (62) and AUX (63, I bytes of text, padded to an even count) follow the
// annotation they modify. A zero word ends the file.
#include <string>
#include <vector>

namespace dacl {

// Annotation codes of the WFDB library (ecgcodes.h) that this project refers to by name.
namespace anncode {
constexpr int NORMAL = 1, PVC = 5, APC = 8, NOISE = 14, ARFCT = 16, NOTE = 22, RHYTHM = 28;
constexpr int MAXCODE = 49;  // highest annotation code; 50..63 are reserved or pseudo-codes
constexpr int SKIP = 59, NUM = 60, SUB = 61, CHN = 62, AUX = 63;
}  // namespace anncode

struct Annotation {
    long sample = 0;      // time in samples from the start of the record
    int code = 0;         // 1..49 (anncode)
    int subtype = 0;
    int channel = 0;
    int num = 0;
    std::string aux;      // e.g. "(AFIB" on rhythm annotations; NULs stripped
    double timeS = 0;     // sample / fs

    std::string symbol() const { return codeSymbol(code); }
    bool isBeat() const { return isBeatCode(code); }

    // WFDB mnemonic of a code ("N", "V", "+", ...); "?" for unassigned codes.
    static std::string codeSymbol(int code);
    // True for the codes WFDB counts as QRS complexes (isqrs()).
    static bool isBeatCode(int code);
};

// A stretch of one rhythm: [start, end) in samples. `rhythm` is the AUX text without the
// leading '(' ("AFIB", "AFL", "N", ...).
struct RhythmInterval {
    std::string rhythm;
    long start = 0;
    long end = 0;
};

// Reads an MIT-format annotation file. Throws InputError naming the file and byte offset for a
// truncated or malformed file (a missing end marker at the end of the file is accepted).
std::vector<Annotation> readAnnotations(const std::string& path, double fs);

// Decodes MIT-format bytes; `pathForErrors` names the source in errors.
std::vector<Annotation> decodeAnnotations(const std::string& bytes, double fs, const std::string& pathForErrors);

// Encodes annotations (sorted by sample) in MIT format, with the end marker. Throws
// std::invalid_argument for unsorted times, codes outside 1..49 or AUX text over 255 bytes.
std::string encodeAnnotations(const std::vector<Annotation>& annotations);

// Writes encodeAnnotations() to a file (throws InputError when it cannot be written).
void writeAnnotations(const std::string& path, const std::vector<Annotation>& annotations);

// Rhythm intervals from the rhythm-change annotations (code RHYTHM with AUX "(XXX"): each lasts
// until the next rhythm change or `nSamples`. Consecutive changes to the same rhythm merge;
// the stretch before the first rhythm annotation is not reported (its rhythm is unknown).
std::vector<RhythmInterval> rhythmIntervals(const std::vector<Annotation>& annotations, long nSamples);

}  // namespace dacl
