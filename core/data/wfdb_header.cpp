#include "core/data/wfdb_header.h"

#include "core/common/error.h"
#include "core/data/file_io.h"
#include "core/data/text_scan.h"

#include <climits>
#include <cmath>

namespace dacl {

namespace {

using text::Field;

// WFDB's DEFGAIN: the gain a header implies when it does not write one.
constexpr double kDefaultGain = 200.0;

class HeaderParser {
public:
    HeaderParser(const std::string& path, int line) : path_(path), line_(line) {}

    [[noreturn]] void fail(int field, const std::string& what, const std::string& reason) const {
        throw InputError(path_, "field " + std::to_string(field) + " (" + what + "): " + reason, line_);
    }

    long integer(const Field& f, int field, const std::string& what, long min, long max = INT_MAX) const {
        long v = 0;
        if (!text::parseLong(f.text, v)) fail(field, what, "'" + std::string(f.text) + "' is not an integer");
        if (v < min || v > max) fail(field, what, "'" + std::string(f.text) + "' is out of range");
        return v;
    }

    double real(std::string_view s, int field, const std::string& what) const {
        double v = 0;
        if (!text::parseDouble(s, v)) fail(field, what, "'" + std::string(s) + "' is not a number");
        if (!std::isfinite(v)) fail(field, what, "'" + std::string(s) + "' is not finite");
        return v;
    }

    void recordLine(std::string_view line, RecordHeader& h) const {
        const auto f = text::splitFields(line);
        const std::string name(f[0].text);
        if (name.find('/') != std::string::npos)
            fail(1, "record name", "'" + name + "' is a multi-segment record, which is not supported");
        h.name = name;
        if (f.size() < 2) fail(2, "number of signals", "missing");
        h.nSignals = static_cast<int>(integer(f[1], 2, "number of signals", 0));
        if (h.nSignals > 100000) fail(2, "number of signals", "implausibly large (" + std::string(f[1].text) + ")");
        if (f.size() >= 3) {
            // fs[/counterfreq[(basecounter)]]: only the sampling frequency matters here.
            std::string_view fs = f[2].text;
            fs = fs.substr(0, fs.find('/'));
            h.fs = real(fs, 3, "sampling frequency");
            if (!(h.fs > 0)) fail(3, "sampling frequency", "must be positive, got '" + std::string(fs) + "'");
            if (h.fs > 1e6) fail(3, "sampling frequency", "implausibly high ('" + std::string(fs) + "' Hz; at most 1 MHz)");
        }
        if (f.size() >= 4) h.nSamples = integer(f[3], 4, "number of samples", 0, LONG_MAX);
        if (f.size() >= 5) h.baseTime = std::string(f[4].text);
        if (f.size() >= 6) h.baseDate = std::string(f[5].text);
        if (f.size() >= 7) fail(7, "end of record line", "unexpected extra text '" + std::string(f[6].text) + "'");
    }

    SignalSpec signalLine(std::string_view line) const {
        const auto f = text::splitFields(line);
        SignalSpec s;
        s.file = std::string(f[0].text);
        if (f.size() < 2) fail(2, "format", "missing");
        formatField(f[1].text, s);
        if (f.size() >= 3) {
            gainField(f[2].text, s);
        } else {
            s.gain = kDefaultGain;
        }
        bool baselineWritten = f.size() >= 3 && f[2].text.find('(') != std::string_view::npos;
        if (f.size() >= 4) s.adcResolution = static_cast<int>(integer(f[3], 4, "ADC resolution", 0));
        if (f.size() >= 5) s.adcZero = static_cast<int>(integer(f[4], 5, "ADC zero", INT_MIN));
        if (!baselineWritten) s.baseline = s.adcZero;
        s.initialValue = s.adcZero;
        if (f.size() >= 6) s.initialValue = static_cast<int>(integer(f[5], 6, "initial value", INT_MIN));
        if (f.size() >= 7) s.checksum = static_cast<int>(integer(f[6], 7, "checksum", INT_MIN));
        if (f.size() >= 8) s.blockSize = static_cast<int>(integer(f[7], 8, "block size", 0));
        if (f.size() >= 9) s.description = text::trim(line.substr(f[8].offset));
        return s;
    }

private:
    // format[xsamp][:skew][+offset]
    void formatField(std::string_view t, SignalSpec& s) const {
        const std::size_t end = t.find_first_of("x:+");
        long v = 0;
        if (!text::parseLong(t.substr(0, end), v) || v < 0)
            fail(2, "format", "'" + std::string(t) + "' is not a WFDB format number");
        s.format = static_cast<int>(v);
        std::size_t pos = end;
        while (pos != std::string_view::npos) {
            const char tag = t[pos];
            const std::size_t next = t.find_first_of("x:+", pos + 1);
            const std::string_view num = t.substr(pos + 1, next == std::string_view::npos ? next : next - pos - 1);
            long n = 0;
            if (!text::parseLong(num, n) || n < 0)
                fail(2, "format", "bad '" + std::string(1, tag) + "' suffix in '" + std::string(t) + "'");
            if (tag == 'x') s.samplesPerFrame = static_cast<int>(n);
            if (tag == ':') s.skew = static_cast<int>(n);
            if (tag == '+') s.byteOffset = n;
            pos = next;
        }
        if (s.samplesPerFrame < 1) fail(2, "format", "samples per frame must be at least 1 in '" + std::string(t) + "'");
    }

    // gain[(baseline)][/units]
    void gainField(std::string_view t, SignalSpec& s) const {
        const std::size_t slash = t.find('/');
        std::string_view g = t.substr(0, slash);
        if (slash != std::string_view::npos) {
            s.units = std::string(t.substr(slash + 1));
            if (s.units.empty()) fail(3, "gain", "empty units after '/' in '" + std::string(t) + "'");
        }
        const std::size_t open = g.find('(');
        if (open != std::string_view::npos) {
            if (g.back() != ')') fail(3, "gain", "unclosed baseline '(' in '" + std::string(t) + "'");
            s.baseline = real(g.substr(open + 1, g.size() - open - 2), 3, "baseline");
            g = g.substr(0, open);
        }
        s.gain = real(g, 3, "gain");
        // WFDB reads a written 0 as "use the default 200"; we refuse it, since a file that spells
        // out a zero gain is far more likely broken than deliberately relying on that rule.
        if (s.gain == 0) fail(3, "gain", "gain must be nonzero, got '" + std::string(g) + "'");
    }

    const std::string& path_;
    int line_;
};

}  // namespace

RecordHeader parseHeaderText(const std::string& textIn, const std::string& pathForErrors) {
    RecordHeader h;
    h.path = pathForErrors;
    bool haveRecordLine = false;
    int lineNo = 0;
    text::forEachLine(textIn, [&](std::string_view raw) {
        ++lineNo;
        const std::string_view line = text::trimView(raw);
        if (line.empty()) return;
        if (line[0] == '#') {
            h.comments.push_back(text::trim(line.substr(1)));
            return;
        }
        const HeaderParser p(pathForErrors, lineNo);
        if (!haveRecordLine) {
            p.recordLine(line, h);
            haveRecordLine = true;
            return;
        }
        if (static_cast<int>(h.signals.size()) >= h.nSignals)
            throw InputError(pathForErrors,
                             "more signal lines than the " + std::to_string(h.nSignals) +
                                 " signal(s) declared on the record line",
                             lineNo);
        h.signals.push_back(p.signalLine(line));
    });
    if (!haveRecordLine) throw InputError(pathForErrors, "empty header: no record line");
    if (static_cast<int>(h.signals.size()) != h.nSignals)
        throw InputError(pathForErrors, "record line declares " + std::to_string(h.nSignals) +
                                            " signal(s) but the header has " +
                                            std::to_string(h.signals.size()) + " signal line(s)");
    return h;
}

RecordHeader parseHeader(const std::string& heaPath) {
    return parseHeaderText(fileio::readWholeFile(heaPath, 16u << 20), heaPath);
}

std::string formatHeader(const RecordHeader& h) {
    std::string out = h.name + " " + std::to_string(h.signals.size()) + " " + text::formatNumber(h.fs) +
                      " " + std::to_string(h.nSamples);
    if (!h.baseTime.empty()) {
        out += " " + h.baseTime;
        if (!h.baseDate.empty()) out += " " + h.baseDate;
    }
    out += "\n";
    for (const SignalSpec& s : h.signals) {
        out += s.file + " " + std::to_string(s.format);
        if (s.samplesPerFrame != 1) out += "x" + std::to_string(s.samplesPerFrame);
        if (s.skew != 0) out += ":" + std::to_string(s.skew);
        if (s.byteOffset != 0) out += "+" + std::to_string(s.byteOffset);
        out += " " + text::formatNumber(s.gain);
        if (s.baseline != s.adcZero) out += "(" + text::formatNumber(s.baseline) + ")";
        out += "/" + (s.units.empty() ? std::string("mV") : s.units);
        out += " " + std::to_string(s.adcResolution) + " " + std::to_string(s.adcZero) + " " +
               std::to_string(s.initialValue) + " " + std::to_string(s.checksum) + " " +
               std::to_string(s.blockSize);
        if (!s.description.empty()) out += " " + s.description;
        out += "\n";
    }
    for (const std::string& c : h.comments) out += "# " + c + "\n";
    return out;
}

}  // namespace dacl
