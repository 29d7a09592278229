#include "core/data/signal_reader.h"

#include "core/common/error.h"
#include "core/data/csv_reader.h"
#include "core/data/edf_reader.h"
#include "core/data/file_io.h"
#include "core/data/read_limits.h"

#include <matio.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>

namespace dacl {

namespace {

// ---------------------------------------------------------------- helpers shared by both kinds

std::string num(long long v) { return std::to_string(v); }

bool endsWithMat(const std::string& file) {
    if (file.size() < 4) return false;
    std::string ext = file.substr(file.size() - 4);
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".mat";
}

// Signals stored in one file: WFDB puts consecutive signal lines naming the same file into one
// interleaved "group".
struct FileGroup {
    std::string path;
    std::size_t first = 0, count = 0;
    int format = 0;
    long offset = 0;
    bool mat = false;
};

std::vector<FileGroup> fileGroups(const RecordHeader& h) {
    std::vector<FileGroup> groups;
    for (std::size_t i = 0; i < h.signals.size(); ++i) {
        const SignalSpec& s = h.signals[i];
        if (!groups.empty() && h.signals[groups.back().first].file == s.file) {
            FileGroup& g = groups.back();
            if (s.format != g.format)
                throw InputError(h.path, "signals " + num(g.first + 1) + " and " + num(i + 1) + " share file '" +
                                             s.file + "' but have different formats (" + num(g.format) +
                                             " and " + num(s.format) + ")");
            ++g.count;
            continue;
        }
        if (s.file.empty() || s.file == "-")
            throw InputError(h.path, "signal " + num(i + 1) + ": signal file '" + s.file + "' is not supported");
        if (s.samplesPerFrame != 1)
            throw InputError(h.path, "signal " + num(i + 1) + " (" + s.file + "): " + num(s.samplesPerFrame) +
                                         " samples per frame is not supported (only 1)");
        if (s.skew != 0)
            throw InputError(h.path, "signal " + num(i + 1) + " (" + s.file + "): skew is not supported");
        FileGroup g;
        g.path = signalFilePath(h, i);
        g.first = i;
        g.count = 1;
        g.format = s.format;
        g.offset = s.byteOffset;
        g.mat = endsWithMat(s.file);
        if (!g.mat && s.format != 16 && s.format != 212 && s.format != 80)
            throw InputError(h.path, "signal " + num(i + 1) + " (" + s.file + "): unsupported WFDB format " +
                                         num(s.format) + " (supported: 16, 212, 80 and MATLAB v4 .mat)");
        groups.push_back(g);
    }
    return groups;
}

// ---------------------------------------------------------------- WFDB .dat formats

// Bytes that `samples` interleaved samples take in a format.
long long datBytes(int format, long long samples) {
    switch (format) {
    case 16: return samples * 2;
    case 80: return samples;
    case 212: return (samples / 2) * 3 + (samples % 2 ? 2 : 0);  // a lone last sample takes 2 bytes
    default: return -1;
    }
}

// Whole samples that `bytes` hold in a format.
long long datSamples(int format, long long bytes) {
    switch (format) {
    case 16: return bytes / 2;
    case 80: return bytes;
    case 212: return (bytes / 3) * 2 + (bytes % 3 == 2 ? 1 : 0);
    default: return -1;
    }
}

// Sample count per signal that a .dat group holds (0 when empty), checked against `declared`
// (0 = the header does not say).
long checkDatGroup(const FileGroup& g, std::int64_t size, long declared, const std::string& heaPath) {
    // The cap first, with overflow-safe arithmetic: a header claiming 2^62 samples would make
    // the byte count below overflow.
    if (declared > 0) checkRecordSamples(heaPath, declared, static_cast<std::int64_t>(g.count));
    const std::int64_t payload = size - g.offset;
    if (payload < 0)
        throw InputError(g.path, "truncated: file has " + num(size) + " bytes but the header says the samples start at byte " +
                                     num(g.offset));
    const long long frames = datSamples(g.format, payload) / static_cast<long long>(g.count);
    if (declared == 0) {
        checkRecordSamples(g.path, frames, static_cast<std::int64_t>(g.count), "file size");
        return static_cast<long>(frames);
    }
    const long long needed = datBytes(g.format, static_cast<long long>(declared) * static_cast<long long>(g.count));
    if (needed < 0 || payload < needed)
        throw InputError(g.path, "truncated: " + num(declared) + " samples of " + num(g.count) + " signal(s) in format " +
                                     num(g.format) + " need " + num(needed + g.offset) + " bytes, file has " + num(size));
    if (frames > declared)
        throw InputError(g.path, "sample-count mismatch: header says " + num(declared) + " samples, file holds " +
                                     num(frames));
    return declared;
}

void decodeDat(const FileGroup& g, const std::string& bytes, long n, const RecordHeader& h, Recording& rec) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data()) + g.offset;
    const std::size_t k = g.count;
    const long long total = static_cast<long long>(n) * static_cast<long long>(k);
    auto put = [&](long long idx, int adu) {
        const std::size_t sig = g.first + static_cast<std::size_t>(idx % static_cast<long long>(k));
        const SignalSpec& s = h.signals[sig];
        rec.channels[sig][static_cast<std::size_t>(idx / static_cast<long long>(k))] = (adu - s.baseline) / s.gain;
    };
    switch (g.format) {
    case 16:
        for (long long i = 0; i < total; ++i)
            put(i, static_cast<std::int16_t>(static_cast<std::uint16_t>(p[2 * i] | (p[2 * i + 1] << 8))));
        break;
    case 80:
        for (long long i = 0; i < total; ++i) put(i, static_cast<int>(p[i]) - 128);
        break;
    case 212:
        for (long long i = 0; i < total; i += 2) {
            const unsigned char* q = p + (i / 2) * 3;
            int a = q[0] | ((q[1] & 0x0F) << 8);
            put(i, a >= 0x800 ? a - 0x1000 : a);
            if (i + 1 < total) {
                int b = q[2] | ((q[1] & 0xF0) << 4);
                put(i + 1, b >= 0x800 ? b - 0x1000 : b);
            }
        }
        break;
    default: break;  // fileGroups() rejected other formats
    }
}

// ---------------------------------------------------------------- MATLAB v4

std::int32_t le32(const unsigned char* b) {
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(b[0]) | (static_cast<std::uint32_t>(b[1]) << 8) |
                                     (static_cast<std::uint32_t>(b[2]) << 16) | (static_cast<std::uint32_t>(b[3]) << 24));
}

// What the 20-byte header of a little-endian MAT v4 file says (PhysioNet's files are always LE).
struct Mat4Info {
    bool isV4 = false;
    long rows = 0, cols = 0;
    std::int64_t expectedSize = 0;  // bytes up to the end of the first variable
};

Mat4Info peekMat4(const std::string& path, std::int64_t size) {
    Mat4Info info;
    const std::string head = fileio::readPrefix(path, 128);
    // A v5+ file starts with 116 bytes of text and carries "IM"/"MI" at bytes 126..127;
    // libmatio checks those itself.
    if (head.size() >= 128 && (head.compare(126, 2, "IM") == 0 || head.compare(126, 2, "MI") == 0)) return info;
    if (head.size() < 20) throw InputError(path, "truncated: " + num(size) + " bytes is too short for a MATLAB file");
    const auto* b = reinterpret_cast<const unsigned char*>(head.data());
    const std::int32_t type = le32(b), rows = le32(b + 4), cols = le32(b + 8), imag = le32(b + 12), namlen = le32(b + 16);
    // type = M*1000 + O*100 + P*10 + T; M 0 = little-endian, P = element type, T 0 = numeric matrix.
    const int m = type / 1000, o = (type / 100) % 10, prec = (type / 10) % 10, t = type % 10;
    if (type < 0 || m != 0 || o != 0 || prec > 5 || t != 0 || rows < 0 || cols < 0 || namlen <= 0 || namlen > 4096 ||
        (imag != 0 && imag != 1))
        throw InputError(path, "not a little-endian MATLAB v4 numeric matrix (header type " + num(type) + ")");
    static const int elementBytes[] = {8, 4, 4, 2, 2, 1};
    info.isV4 = true;
    info.rows = rows;
    info.cols = cols;
    // rows * cols * 16 bytes can pass 2^63 (found by fuzzing): a size that does not fit is
    // larger than any file.
    std::int64_t bytes = 0;
    const bool fits = mulFits(rows, cols, bytes) && mulFits(bytes, elementBytes[prec] * (imag ? 2 : 1), bytes);
    info.expectedSize = fits && bytes <= INT64_MAX - 20 - namlen ? 20 + static_cast<std::int64_t>(namlen) + bytes : INT64_MAX;
    return info;
}

// Checks a .mat group without reading samples; returns samples per signal.
long checkMatGroup(const FileGroup& g, std::int64_t size, long declared, const RecordHeader& h) {
    if (declared > 0) checkRecordSamples(h.path, declared, static_cast<std::int64_t>(g.count));
    if (g.count != h.signals.size())
        throw InputError(h.path, "a .mat signal file must hold all " + num(h.signals.size()) + " signals of the record");
    // Fast path for headers that describe the .mat bytes as WFDB format 16 (PhysioNet's `16+24`):
    // a file of exactly that size is consistent, and opening a dataset needs only this stat().
    if (g.format == 16 && g.offset > 0 && declared > 0 &&
        size == g.offset + 2 * static_cast<std::int64_t>(declared) * static_cast<std::int64_t>(g.count))
        return declared;
    const Mat4Info m = peekMat4(g.path, size);
    if (!m.isV4) return declared;  // v5: checked when read
    if (size < m.expectedSize)
        throw InputError(g.path, "truncated: a " + num(m.rows) + "x" + num(m.cols) + " matrix needs " +
                                     num(m.expectedSize) + " bytes, file has " + num(size));
    const long long k = static_cast<long long>(g.count);
    const long long elems = static_cast<long long>(m.rows) * m.cols;
    checkRecordSamples(g.path, elems / std::max<long long>(k, 1), k, "MATLAB header");
    const bool shapeOk = m.rows == k || m.cols == k;
    if (!shapeOk || elems % k != 0)
        throw InputError(g.path, "holds a " + num(m.rows) + "x" + num(m.cols) + " matrix, which does not match the " +
                                     num(k) + " signal(s) in the header");
    const long perSignal = static_cast<long>(elems / k);
    if (declared != 0 && perSignal != declared)
        throw InputError(g.path, "sample-count mismatch: header says " + num(declared) + " samples, file holds " +
                                     num(perSignal));
    return perSignal;
}

// libmatio reports problems through a global log callback (and to stderr by default); we keep the
// last message per thread so that errors can say what went wrong, and keep stderr clean.
thread_local std::string matioLastMessage;
void matioLog(int /*level*/, char* message) { matioLastMessage = message ? message : ""; }
void initMatioLogging() {
    static std::once_flag once;
    std::call_once(once, [] { Mat_LogInitFunc("dacl", matioLog); });
}

struct MatCloser {
    void operator()(mat_t* m) const { Mat_Close(m); }
};
struct VarFreer {
    void operator()(matvar_t* v) const { Mat_VarFree(v); }
};

// out[i] = (data[first + i*stride] - baseline) / gain
template <typename T>
void toPhysical(const void* data, std::size_t first, std::size_t stride, const SignalSpec& spec,
                std::vector<double>& out, const std::string& path) {
    const T* p = static_cast<const T*>(data) + first;
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] = (static_cast<double>(p[i * stride]) - spec.baseline) / spec.gain;
        // A double or single matrix may hold NaN or Inf, which every later step would carry
        // silently into scores (found by fuzzing).
        if (!std::isfinite(out[i]))
            throw InputError(path, "sample " + num(static_cast<long long>(i) + 1) + " of signal '" + spec.description +
                                       "' is not a finite number");
    }
}

void readMat(const FileGroup& g, long declared, const RecordHeader& h, Recording& rec) {
    fileio::requireRegularFile(g.path);  // libmatio's fopen() would block on a FIFO
    initMatioLogging();
    matioLastMessage.clear();
    std::unique_ptr<mat_t, MatCloser> mat(Mat_Open(g.path.c_str(), MAT_ACC_RDONLY));
    if (!mat) throw InputError(g.path, "cannot open as a MATLAB file" + (matioLastMessage.empty() ? "" : ": " + matioLastMessage));
    // PhysioNet names the variable `val`; other tools may use another name, so fall back to the first.
    // A v4 file's first matrix was checked against the file's size (peekMat4), and PhysioNet's hold
    // one: libmatio's search for `val` would parse what follows it as more matrices, and looped
    // on garbage there (found by fuzzing), so v4 files are read by position.
    const bool v4 = peekMat4(g.path, fileio::statFile(g.path).size).isV4;
    std::unique_ptr<matvar_t, VarFreer> var(v4 ? nullptr : Mat_VarRead(mat.get(), "val"));
    if (!var) {
        Mat_Rewind(mat.get());
        var.reset(Mat_VarReadNext(mat.get()));
    }
    if (!var || !var->data)
        throw InputError(g.path, "cannot read a matrix from the MATLAB file" +
                                     (matioLastMessage.empty() ? "" : ": " + matioLastMessage));
    if (var->rank != 2 || var->isComplex || var->class_type == MAT_C_SPARSE)
        throw InputError(g.path, "variable '" + std::string(var->name ? var->name : "?") +
                                     "' is not a real 2-D numeric matrix");
    const std::size_t rows = var->dims[0], cols = var->dims[1], k = g.count;
    const std::size_t elems = rows * cols;
    if ((rows != k && cols != k) || elems % k != 0)
        throw InputError(g.path, "holds a " + num(static_cast<long long>(rows)) + "x" + num(static_cast<long long>(cols)) +
                                     " matrix, which does not match the " + num(static_cast<long long>(k)) +
                                     " signal(s) in the header");
    const std::size_t n = elems / k;
    checkRecordSamples(g.path, static_cast<std::int64_t>(n), static_cast<std::int64_t>(k), "MATLAB file");
    if (declared != 0 && n != static_cast<std::size_t>(declared))
        throw InputError(g.path, "sample-count mismatch: header says " + num(declared) + " samples, file holds " +
                                     num(static_cast<long long>(n)));
    // Column-major storage: a k x n matrix (PhysioNet's layout: one row per signal) or n x k.
    // Converting straight from libmatio's buffer into the channels avoids a third copy, which
    // matters when all 8,528 records are read (memory traffic dominates that).
    const bool rowPerSignal = rows == k;
    for (std::size_t s = 0; s < k; ++s) {
        const SignalSpec& spec = h.signals[g.first + s];
        std::vector<double>& ch = rec.channels[g.first + s];
        ch.resize(n);
        const std::size_t first = rowPerSignal ? s : s * n, stride = rowPerSignal ? k : 1;
        switch (var->data_type) {
        // libmatio widens v4 integer matrices to double, but v5 files keep their stored type.
        case MAT_T_DOUBLE: toPhysical<double>(var->data, first, stride, spec, ch, g.path); break;
        case MAT_T_SINGLE: toPhysical<float>(var->data, first, stride, spec, ch, g.path); break;
        case MAT_T_INT32: toPhysical<std::int32_t>(var->data, first, stride, spec, ch, g.path); break;
        case MAT_T_INT16: toPhysical<std::int16_t>(var->data, first, stride, spec, ch, g.path); break;
        case MAT_T_UINT16: toPhysical<std::uint16_t>(var->data, first, stride, spec, ch, g.path); break;
        case MAT_T_INT8: toPhysical<std::int8_t>(var->data, first, stride, spec, ch, g.path); break;
        case MAT_T_UINT8: toPhysical<std::uint8_t>(var->data, first, stride, spec, ch, g.path); break;
        default: throw InputError(g.path, "unsupported MATLAB element type " + num(var->data_type));
        }
    }
}

// A signal file's stat, refusing what cannot be read as one (missing, FIFO, device, loop).
fileio::FileStat signalFileStat(const std::string& path, const RecordHeader& h) {
    const fileio::FileStat st = fileio::statFile(path);
    if (!st.exists && st.error == ENOENT) throw InputError(path, "signal file is missing (named in " + h.path + ")");
    if (const std::string why = fileio::notRegularReason(st); !why.empty()) throw InputError(path, why);
    return st;
}

void putLE(std::string& out, std::uint32_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

}  // namespace

std::string signalFilePath(const RecordHeader& header, std::size_t index) {
    return fileio::joinPath(fileio::parentDir(header.path), header.signals.at(index).file);
}

long checkSignalFiles(const RecordHeader& h, std::vector<SignalFileStamp>* stamps) {
    if (h.format != "wfdb") {  // EDF/BDF/CSV: the header was read from the signal file itself
        const fileio::FileStat st = fileio::requireRegularFile(h.path);
        if (stamps) stamps->push_back({h.path, st.size, st.mtimeNs});
        return h.nSamples;
    }
    const std::vector<FileGroup> groups = fileGroups(h);
    long samples = h.nSamples;
    for (const FileGroup& g : groups) {
        const fileio::FileStat st = signalFileStat(g.path, h);
        const long n = g.mat ? checkMatGroup(g, st.size, h.nSamples, h) : checkDatGroup(g, st.size, h.nSamples, h.path);
        if (h.nSamples == 0) {
            if (samples != 0 && n != samples)
                throw InputError(h.path, "signal files hold different sample counts (" + num(samples) + " and " +
                                             num(n) + ")");
            samples = n;
        }
        if (stamps) stamps->push_back({g.path, st.size, st.mtimeNs});
    }
    return samples;
}

Recording readRecording(const RecordHeader& h) {
    if (h.format == "csv") return readCsv(h.path, CsvOptions{h.fs});
    if (h.format != "wfdb") return readEdf(h.path);
    const std::vector<FileGroup> groups = fileGroups(h);
    for (std::size_t i = 0; i < h.signals.size(); ++i)
        if (!(h.signals[i].gain != 0 && std::isfinite(h.signals[i].gain)))
            throw InputError(h.path, "signal " + num(i + 1) + ": gain must be nonzero and finite");
    Recording rec;
    rec.name = h.name;
    rec.fs = h.fs;
    rec.channels.resize(h.signals.size());
    for (const SignalSpec& s : h.signals) {
        rec.units.push_back(s.units);
        rec.labels.push_back(s.description);
    }
    long n = h.nSamples;
    for (const FileGroup& g : groups) {
        const fileio::FileStat st = signalFileStat(g.path, h);
        if (g.mat) {
            // Our own size check first: libmatio's answer to a truncated file is less clear.
            n = checkMatGroup(g, st.size, n, h);
            readMat(g, n, h, rec);
            n = static_cast<long>(rec.channels[g.first].size());
            continue;
        }
        // Sizes are checked before reading, and only the bytes the header accounts for are read.
        n = checkDatGroup(g, st.size, n, h.path);
        const std::string bytes = fileio::readPrefix(
            g.path, static_cast<std::size_t>(g.offset + datBytes(g.format, static_cast<long long>(n) * static_cast<long long>(g.count))));
        n = checkDatGroup(g, static_cast<std::int64_t>(bytes.size()), n, h.path);  // the file may have shrunk since stat()
        for (std::size_t s = g.first; s < g.first + g.count; ++s) rec.channels[s].assign(static_cast<std::size_t>(n), 0.0);
        decodeDat(g, bytes, n, h, rec);
    }
    return rec;
}

void writeMat4(const std::string& path, const std::string& varName, const std::vector<std::int16_t>& samples) {
    if (varName.empty()) throw InputError(path, "MATLAB variable name must not be empty");
    std::string out;
    out.reserve(20 + varName.size() + 1 + samples.size() * 2);
    putLE(out, 30, 4);  // type: little-endian, int16, numeric matrix
    putLE(out, 1, 4);   // mrows
    putLE(out, static_cast<std::uint32_t>(samples.size()), 4);  // ncols
    putLE(out, 0, 4);   // imagf
    putLE(out, static_cast<std::uint32_t>(varName.size() + 1), 4);
    out += varName;
    out.push_back('\0');
    for (std::int16_t v : samples) putLE(out, static_cast<std::uint16_t>(v), 2);
    fileio::writeWholeFile(path, out);
}

void writeDat(const std::string& path, int format, const std::vector<std::vector<int>>& adu) {
    int lo = 0, hi = 0;
    switch (format) {
    case 16: lo = -32768, hi = 32767; break;
    case 212: lo = -2048, hi = 2047; break;
    case 80: lo = -128, hi = 127; break;
    default: throw InputError(path, "cannot write WFDB format " + num(format) + " (supported: 16, 212, 80)");
    }
    const std::size_t k = adu.size();
    const std::size_t n = k ? adu[0].size() : 0;
    for (const auto& ch : adu)
        if (ch.size() != n) throw InputError(path, "signals to write have different lengths");
    std::vector<int> flat;
    flat.reserve(n * k);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t s = 0; s < k; ++s) {
            const int v = adu[s][i];
            if (v < lo || v > hi)
                throw InputError(path, "value " + num(v) + " does not fit WFDB format " + num(format));
            flat.push_back(v);
        }
    std::string out;
    out.reserve(static_cast<std::size_t>(datBytes(format, static_cast<long long>(flat.size()))));
    if (format == 16) {
        for (int v : flat) putLE(out, static_cast<std::uint16_t>(static_cast<std::int16_t>(v)), 2);
    } else if (format == 80) {
        for (int v : flat) out.push_back(static_cast<char>(v + 128));
    } else {
        for (std::size_t i = 0; i < flat.size(); i += 2) {
            const unsigned a = static_cast<unsigned>(flat[i]) & 0xFFF;
            const unsigned b = i + 1 < flat.size() ? static_cast<unsigned>(flat[i + 1]) & 0xFFF : 0;
            out.push_back(static_cast<char>(a & 0xFF));
            out.push_back(static_cast<char>(((a >> 8) & 0x0F) | ((b >> 4) & 0xF0)));
            if (i + 1 < flat.size()) out.push_back(static_cast<char>(b & 0xFF));
        }
    }
    fileio::writeWholeFile(path, out);
}

}  // namespace dacl
