#include "core/data/annotations.h"

#include "core/common/error.h"
#include "core/data/file_io.h"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

namespace dacl {

namespace {

constexpr unsigned kDataMask = 0x3FF;  // the 10-bit I field
constexpr long kMaxDelta = 1023;       // larger time steps need a SKIP

// WFDB mnemonics, indexed by code (ecgcodes.h); "" marks codes without one.
const char* const kSymbols[anncode::MAXCODE + 1] = {
    "",  "N", "L", "R", "a", "V", "F", "J", "A", "S", "E", "j", "/", "Q", "~", "",  "|",
    "",  "s", "T", "*", "D", "\"", "=", "p", "B", "^", "t", "+", "u", "?", "!", "[", "]",
    "e", "n", "@", "x", "f", "(", ")", "r", "",  "",  "",  "",  "",  "",  "",  ""};

void put16(std::string& out, unsigned v) {
    out.push_back(static_cast<char>(v & 0xFF));
    out.push_back(static_cast<char>((v >> 8) & 0xFF));
}

// WFDB's subtype and num are signed chars and chan an unsigned char, stored in 10 bits.
int asSignedChar(unsigned v) { return static_cast<std::int8_t>(static_cast<std::uint8_t>(v & 0xFF)); }

}  // namespace

std::string Annotation::codeSymbol(int code) {
    if (code < 0 || code > anncode::MAXCODE || kSymbols[code][0] == '\0') return "[" + std::to_string(code) + "]";
    return kSymbols[code];
}

bool Annotation::isBeatCode(int code) {
    // N L R a V F J A S E j / Q, BBB (25), LEARN (30), AESC (34), SVESC (35), PFUS (38), RONT (41).
    return (code >= 1 && code <= 13) || code == 25 || code == 30 || code == 34 || code == 35 || code == 38 ||
           code == 41;
}

std::vector<Annotation> decodeAnnotations(const std::string& bytes, double fs, const std::string& path) {
    const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t size = bytes.size();
    std::size_t pos = 0;
    auto word = [&](const char* what) -> unsigned {
        if (pos + 2 > size)
            throw InputError(path, std::string("truncated annotation file: ") + what + " cut off at byte " +
                                       std::to_string(pos));
        const unsigned w = b[pos] | (b[pos + 1] << 8);
        pos += 2;
        return w;
    };

    std::vector<Annotation> out;
    long time = 0;
    int chan = 0, num = 0;  // these two carry over to later annotations (WFDB semantics)
    bool dropped = false;   // the last code was skipped (see below): its modifiers go with it
    while (pos < size) {
        if (size - pos == 1) throw InputError(path, "truncated annotation file: odd byte at the end (byte " + std::to_string(pos) + ")");
        const std::size_t at = pos;
        const unsigned w = word("annotation");
        const unsigned code = w >> 10, data = w & kDataMask;
        if (w == 0) break;  // logical end of file
        switch (code) {
        case anncode::SKIP: {
            // A 32-bit interval, high 16-bit word first, each word little-endian.
            const unsigned hi = word("SKIP interval");
            const unsigned lo = word("SKIP interval");
            time += static_cast<std::int32_t>((hi << 16) | lo);
            continue;
        }
        case anncode::NUM:
        case anncode::SUB:
        case anncode::CHN:
        case anncode::AUX: {
            if (out.empty() && !dropped)
                throw InputError(path, "malformed annotation file: modifier code " + std::to_string(code) +
                                           " before any annotation (byte " + std::to_string(at) + ")");
            Annotation scratch;
            Annotation& a = dropped ? scratch : out.back();
            if (code == anncode::NUM) num = a.num = asSignedChar(data);
            if (code == anncode::SUB) a.subtype = asSignedChar(data);
            if (code == anncode::CHN) chan = a.channel = static_cast<int>(data & 0xFF);
            if (code == anncode::AUX) {
                const std::size_t len = data & 0xFF;
                const std::size_t padded = (len + 1) & ~static_cast<std::size_t>(1);
                if (pos + padded > size)
                    throw InputError(path, "truncated annotation file: AUX text of " + std::to_string(len) +
                                               " bytes cut off at byte " + std::to_string(pos));
                std::string aux(bytes, pos, len);
                while (!aux.empty() && aux.back() == '\0') aux.pop_back();
                a.aux = std::move(aux);
                pos += padded;
            }
            continue;
        }
        default: break;
        }
        time += static_cast<long>(data);
        if (time < 0) throw InputError(path, "malformed annotation file: negative time at byte " + std::to_string(at));
        // NOTQRS (0 with a time step) and the reserved codes 50..58 are no annotation this program shows
        // or can write back (encodeAnnotations takes 1..49; found by fuzzing): they only advance time.
        dropped = code < 1 || code > static_cast<unsigned>(anncode::MAXCODE);
        if (dropped) continue;
        Annotation a;
        a.sample = time;
        a.code = static_cast<int>(code);
        a.channel = chan;
        a.num = num;
        a.timeS = fs > 0 ? static_cast<double>(time) / fs : 0.0;
        out.push_back(std::move(a));
    }
    // A SKIP may step back in time (its interval is signed); everything downstream (rhythm
    // intervals, the writer) expects time order (found by fuzzing).
    std::stable_sort(out.begin(), out.end(), [](const Annotation& x, const Annotation& y) { return x.sample < y.sample; });
    return out;
}

std::vector<Annotation> readAnnotations(const std::string& path, double fs) {
    return decodeAnnotations(fileio::readWholeFile(path), fs, path);
}

std::string encodeAnnotations(const std::vector<Annotation>& anns) {
    std::string out;
    long prev = 0;
    int chan = 0, num = 0;
    for (const Annotation& a : anns) {
        if (a.code < 1 || a.code > anncode::MAXCODE)
            throw std::invalid_argument("annotation code " + std::to_string(a.code) + " is outside 1..49");
        if (a.aux.size() > 255) throw std::invalid_argument("annotation AUX text longer than 255 bytes");
        long delta = a.sample - prev;
        if (delta < 0) throw std::invalid_argument("annotations must be sorted by sample");
        if (delta > kMaxDelta) {
            put16(out, anncode::SKIP << 10);
            const auto d = static_cast<std::uint32_t>(delta);
            put16(out, d >> 16);
            put16(out, d & 0xFFFF);
            delta = 0;
        }
        put16(out, (static_cast<unsigned>(a.code) << 10) | static_cast<unsigned>(delta));
        if (a.subtype != 0) put16(out, (anncode::SUB << 10) | (static_cast<unsigned>(a.subtype) & kDataMask));
        if (a.channel != chan) put16(out, (anncode::CHN << 10) | (static_cast<unsigned>(a.channel) & kDataMask));
        if (a.num != num) put16(out, (anncode::NUM << 10) | (static_cast<unsigned>(a.num) & kDataMask));
        if (!a.aux.empty()) {
            put16(out, (anncode::AUX << 10) | static_cast<unsigned>(a.aux.size()));
            out += a.aux;
            if (a.aux.size() % 2) out.push_back('\0');
        }
        prev = a.sample;
        chan = a.channel;
        num = a.num;
    }
    put16(out, 0);
    return out;
}

void writeAnnotations(const std::string& path, const std::vector<Annotation>& annotations) {
    fileio::writeWholeFile(path, encodeAnnotations(annotations));
}

std::vector<RhythmInterval> rhythmIntervals(const std::vector<Annotation>& anns, long nSamples) {
    std::vector<RhythmInterval> out;
    for (const Annotation& a : anns) {
        if (a.code != anncode::RHYTHM || a.aux.empty() || a.aux[0] != '(') continue;
        const long at = std::min(std::max(a.sample, 0L), nSamples);
        std::string rhythm = a.aux.substr(1);
        if (!out.empty()) {
            if (out.back().rhythm == rhythm) continue;  // a repeated rhythm label does not start a new stretch
            out.back().end = at;
            if (out.back().end <= out.back().start) {
                out.pop_back();  // two changes at one sample: the later one wins
                if (!out.empty() && out.back().rhythm == rhythm) {
                    out.back().end = nSamples;
                    continue;
                }
            }
        }
        out.push_back({std::move(rhythm), at, nSamples});
    }
    if (!out.empty() && out.back().end <= out.back().start) out.pop_back();
    return out;
}

}  // namespace dacl
