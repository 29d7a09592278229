#include "core/data/edf_header_check.h"

#include "core/common/error.h"
#include "core/data/file_io.h"
#include "core/data/read_limits.h"
#include "core/data/text_scan.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace dacl::edf {

namespace {

std::string num(long long v) { return std::to_string(v); }

// The EDF spec allows printable ASCII (32..126) only in the header.
void requireAscii(const std::string& path, const std::string& bytes, std::size_t from, std::size_t to,
                  const std::string& field) {
    for (std::size_t i = from; i < to && i < bytes.size(); ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c < 32 || c > 126) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", c);
            throw InputError(path, "header field '" + field + "' holds a non-ASCII byte " + hex + " at byte " + num(static_cast<long long>(i)) +
                                       " (EDF headers are printable ASCII only)");
        }
    }
}

std::string field(const std::string& bytes, std::size_t at, std::size_t len) {
    return text::trim(std::string_view(bytes).substr(at, len));
}

struct FieldReader {
    const std::string& path;
    const std::string& bytes;

    long long integer(std::size_t at, std::size_t len, const std::string& name) const {
        const std::string t = field(bytes, at, len);
        long v = 0;
        if (!text::parseLong(t, v)) throw InputError(path, "header field '" + name + "' is not an integer ('" + t + "')");
        return v;
    }
    double real(std::size_t at, std::size_t len, const std::string& name) const {
        const std::string t = field(bytes, at, len);
        double v = 0;
        if (!text::parseDouble(t, v) || !std::isfinite(v))
            throw InputError(path, "header field '" + name + "' is not a number ('" + t + "')");
        return v;
    }
};

struct Fd {
    int fd;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

RawHeader checkHeader(const std::string& path, std::int64_t fileSize) {
    RawHeader h;
    if (fileSize < 256)
        throw InputError(path, "truncated: " + num(fileSize) + " bytes is shorter than the 256-byte EDF header");
    const std::string main = fileio::readPrefix(path, 256);
    if (main.size() < 256) throw InputError(path, "truncated: the 256-byte EDF header could not be read");
    if (main.compare(0, 8, "\xFF" "BIOSEMI") == 0) {
        h.bdf = true;
    } else if (main.compare(0, 8, "0       ") != 0) {
        throw InputError(path, "not an EDF or BDF file (the version field is not '0' or '\\xFFBIOSEMI')");
    }
    requireAscii(path, main, 8, 88, "patient identification");
    requireAscii(path, main, 88, 168, "recording identification");
    requireAscii(path, main, 168, 256, "start date/time, sizes or reserved");
    const FieldReader r{path, main};
    const std::string reserved = field(main, 192, 44);
    h.plus = reserved.rfind("EDF+", 0) == 0 || reserved.rfind("BDF+", 0) == 0;
    h.discontinuous = h.plus && reserved.size() >= 5 && reserved[4] == 'D';
    const long long ns = r.integer(252, 4, "number of signals");
    if (ns < 1) throw InputError(path, "header says the file has " + num(ns) + " signals");
    if (ns > 640) throw InputError(path, "header says the file has " + num(ns) + " signals (EDFlib reads at most 640)");
    h.headerBytes = r.integer(184, 8, "number of bytes in header");
    if (h.headerBytes != 256 * (ns + 1))
        throw InputError(path, "header size field says " + num(h.headerBytes) + " bytes, but " + num(ns) + " signals need " +
                                   num(256 * (ns + 1)));
    if (fileSize < h.headerBytes)
        throw InputError(path, "truncated: the header of " + num(ns) + " signals needs " + num(h.headerBytes) +
                                   " bytes, file has " + num(fileSize));
    h.records = r.integer(236, 8, "number of data records");
    h.recordDurationS = r.real(244, 8, "duration of a data record");

    const std::string all = fileio::readPrefix(path, static_cast<std::size_t>(h.headerBytes));
    const std::size_t n = static_cast<std::size_t>(ns);
    requireAscii(path, all, 256, all.size(), "signal header");
    const FieldReader s{path, all};
    std::int64_t samplesPerRecord = 0, dataSamplesPerRecord = 0;
    for (std::size_t i = 0; i < n; ++i) {
        RawSignal sig;
        sig.label = field(all, 256 + i * 16, 16);
        const std::string at = "signal " + num(static_cast<long long>(i + 1)) + " ('" + sig.label + "'): ";
        sig.annotations = sig.label == "EDF Annotations" || sig.label == "BDF Annotations";
        sig.samplesPerRecord = s.integer(256 + n * 216 + i * 8, 8, at + "samples per data record");
        if (sig.samplesPerRecord < 1 || sig.samplesPerRecord > (64 << 20))
            throw InputError(path, at + num(sig.samplesPerRecord) + " samples per data record is out of range");
        samplesPerRecord += sig.samplesPerRecord;
        if (!sig.annotations) {
            dataSamplesPerRecord += sig.samplesPerRecord;
            const double physMin = s.real(256 + n * 104 + i * 8, 8, at + "physical minimum");
            const double physMax = s.real(256 + n * 112 + i * 8, 8, at + "physical maximum");
            const long long digMin = s.integer(256 + n * 120 + i * 8, 8, at + "digital minimum");
            const long long digMax = s.integer(256 + n * 128 + i * 8, 8, at + "digital maximum");
            if (digMin == digMax)
                throw InputError(path, at + "digital minimum equals digital maximum (" + num(digMin) +
                                           "): the samples cannot be scaled to physical units");
            if (digMax < digMin)
                throw InputError(path, at + "digital maximum " + num(digMax) + " is below the digital minimum " + num(digMin));
            if (physMin == physMax)
                throw InputError(path, at + "physical minimum equals physical maximum (" + text::formatNumber(physMin) +
                                           "): the samples cannot be scaled to physical units");
        }
        h.signals.push_back(sig);
    }
    if (dataSamplesPerRecord == 0)
        throw InputError(path, "holds only annotations (" + num(static_cast<long long>(n)) +
                                   " annotation signal(s)) and no signal to read");
    if (!(h.recordDurationS > 0))
        throw InputError(path, "data record duration is " + text::formatNumber(h.recordDurationS) +
                                   " s; it must be positive for a file with signals");
    h.recordBytes = samplesPerRecord * h.bytesPerSample();
    if (h.records < 0)
        throw InputError(path, "number of data records is " + num(h.records) +
                                   " (the recording was not closed properly); refused");
    std::int64_t total = 0, dataBytes = 0;
    checkRecordSamples(path, h.records, dataSamplesPerRecord, "EDF header (data records x samples per record)");
    if (!mulFits(h.records, h.recordBytes, dataBytes) || __builtin_add_overflow(dataBytes, h.headerBytes, &total))
        throw InputError(path, "header claims more data than can be counted: refused");
    if (fileSize < total) {
        const std::int64_t whole = (fileSize - h.headerBytes) / h.recordBytes;
        throw InputError(path, "truncated: header says " + num(h.records) + " data records of " + num(h.recordBytes) +
                                   " bytes (file of " + num(total) + " bytes), file has " + num(fileSize) + " bytes: " +
                                   num(whole) + " whole data record(s)" +
                                   ((fileSize - h.headerBytes) % h.recordBytes ? " and an incomplete one" : ""));
    }
    if (fileSize > total)
        throw InputError(path, "file has " + num(fileSize) + " bytes, more than the " + num(total) + " its header accounts for (" +
                                   num(h.records) + " data records of " + num(h.recordBytes) + " bytes)");
    return h;
}

namespace {

// One TAL: "+onset[\x15duration]\x14[text\x14]...". Returns false when malformed.
bool parseTal(std::string_view tal, double& onset, double& duration, std::vector<std::string>& texts) {
    const std::size_t head = tal.find('\x14');
    if (head == std::string_view::npos) return false;
    const std::string_view times = tal.substr(0, head);
    const std::size_t dur = times.find('\x15');
    if (times.empty() || (times[0] != '+' && times[0] != '-')) return false;
    if (!text::parseDouble(times.substr(0, dur), onset) || !std::isfinite(onset)) return false;
    duration = -1;
    if (dur != std::string_view::npos && (!text::parseDouble(times.substr(dur + 1), duration) || !(duration >= 0))) return false;
    std::string_view rest = tal.substr(head + 1);
    texts.clear();
    while (!rest.empty()) {
        const std::size_t e = rest.find('\x14');
        if (e == std::string_view::npos) break;  // an unterminated last text is dropped
        if (e > 0) texts.emplace_back(rest.substr(0, e));
        rest = rest.substr(e + 1);
    }
    return true;
}

}  // namespace

TalContents readTals(const std::string& path, const RawHeader& h) {
    // Byte ranges of the annotation signals inside one data record.
    std::vector<std::pair<std::int64_t, std::size_t>> ranges;
    std::int64_t offset = 0;
    for (const RawSignal& sig : h.signals) {
        const std::int64_t bytes = sig.samplesPerRecord * h.bytesPerSample();
        if (sig.annotations) ranges.emplace_back(offset, static_cast<std::size_t>(bytes));
        offset += bytes;
    }
    if (ranges.empty()) throw InputError(path, "EDF+ file has no annotation signal (it must have one for the record times)");
    Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
    if (f.fd < 0) throw InputError(path, std::string("cannot open file: ") + std::strerror(errno));
    TalContents out;
    out.recordOnsets.reserve(static_cast<std::size_t>(h.records));
    std::string buf;
    std::vector<std::string> texts;
    for (std::int64_t rec = 0; rec < h.records; ++rec) {
        const std::string where = "data record " + num(rec + 1) + ": ";
        for (std::size_t a = 0; a < ranges.size(); ++a) {
            buf.assign(ranges[a].second, '\0');
            const off_t at = static_cast<off_t>(h.headerBytes + rec * h.recordBytes + ranges[a].first);
            if (::pread(f.fd, &buf[0], buf.size(), at) != static_cast<ssize_t>(buf.size()))
                throw InputError(path, where + "cannot read its annotation signal");
            std::size_t pos = 0;
            bool first = true;
            while (pos < buf.size() && buf[pos] != '\0') {
                std::size_t end = buf.find('\0', pos);
                if (end == std::string::npos) end = buf.size();
                double onset = 0, duration = -1;
                if (!parseTal(std::string_view(buf).substr(pos, end - pos), onset, duration, texts))
                    throw InputError(path, where + "malformed annotation (TAL) at byte " + num(static_cast<long long>(pos)) +
                                               " of its annotation signal");
                if (first && a == 0) out.recordOnsets.push_back(onset);  // the time-keeping TAL
                for (std::string& t : texts) out.events.push_back({onset, duration, std::move(t)});
                first = false;
                pos = end + 1;
            }
            if (a == 0 && first) throw InputError(path, where + "does not start with a time-keeping annotation (+onset)");
        }
    }
    return out;
}

}  // namespace dacl::edf
