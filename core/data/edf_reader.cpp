#include "core/data/edf_reader.h"

#include "core/common/error.h"
#include "core/data/edf_header_check.h"
#include "core/data/file_io.h"
#include "core/data/lead_choice.h"
#include "core/data/text_scan.h"

#include <edflib.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <mutex>
#include <vector>
#include <sys/mman.h>
#include <unistd.h>

namespace dacl {

namespace {

// EDFlib keeps its open files in a global table without a lock (edflib.h, "thread-safety"), and
// datasets open and read records on several threads: every EDFlib call goes through this mutex.
std::mutex& edflibMutex() {
    static std::mutex m;
    return m;
}

std::string edflibError(int code) {
    switch (code) {
    case EDFLIB_MALLOC_ERROR: return "EDFlib ran out of memory";
    case EDFLIB_NO_SUCH_FILE_OR_DIRECTORY: return "file does not exist";
    case EDFLIB_FILE_CONTAINS_FORMAT_ERRORS: return "EDFlib found format errors in the header (not a valid EDF/EDF+/BDF file)";
    case EDFLIB_MAXFILES_REACHED: return "too many EDF files open at once";
    case EDFLIB_FILE_READ_ERROR: return "cannot read file";
    case EDFLIB_FILE_ALREADY_OPENED: return "file is already open";
    case EDFLIB_FILETYPE_ERROR: return "not an EDF/EDF+/BDF file";
    case EDFLIB_NUMBER_OF_SIGNALS_INVALID: return "invalid number of signals";
    case EDFLIB_FILE_IS_DISCONTINUOUS: return "EDFlib cannot read this discontinuous file";
    case EDFLIB_INVALID_READ_ANNOTS_VALUE: return "invalid annotation mode";
    case EDFLIB_ARCH_ERROR: return "EDFlib does not support this machine";
    default: return "EDFlib error " + std::to_string(code);
    }
}

bool hasSuffix(const std::string& path, const char* suffix) {
    const std::size_t n = std::char_traits<char>::length(suffix);
    if (path.size() < n) return false;
    for (std::size_t i = 0; i < n; ++i)
        if (std::tolower(static_cast<unsigned char>(path[path.size() - n + i])) != suffix[i]) return false;
    return true;
}

std::string stem(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    std::string f = slash == std::string::npos ? path : path.substr(slash + 1);
    const std::size_t dot = f.find_last_of('.');
    return dot == std::string::npos || dot == 0 ? f : f.substr(0, dot);
}

std::string joinNonEmpty(std::initializer_list<const char*> parts) {
    std::string out;
    for (const char* p : parts) {
        const std::string t = text::trim(p);
        if (t.empty()) continue;
        if (!out.empty()) out += ' ';
        out += t;
    }
    return out;
}

// EDFlib 1.23 refuses EDF+D files; their samples are laid out as in EDF+C, only the record times
// differ. We give EDFlib an in-memory copy (memfd) whose reserved field says "EDF+C", opened
// without annotations (which we read from the TALs ourselves, edf_header_check.h). For the header
// alone the copy is sparse after the first data record: EDFlib then reads only those bytes.
struct ContinuousCopy {
    int fd = -1;
    ~ContinuousCopy() {
        if (fd >= 0) ::close(fd);
    }
    std::string make(const std::string& path, const edf::RawHeader& raw, std::int64_t size, bool withSamples) {
        fd = ::memfd_create("dacl-edf", MFD_CLOEXEC);
        if (fd < 0) throw InputError(path, std::string("cannot make a working copy of the EDF+D file: ") + std::strerror(errno));
        std::string head = fileio::readPrefix(path, static_cast<std::size_t>(raw.headerBytes));
        head.replace(192, 5, raw.bdf ? "BDF+C" : "EDF+C");
        bool ok = ::pwrite(fd, head.data(), head.size(), 0) == static_cast<ssize_t>(head.size()) && ::ftruncate(fd, size) == 0;
        // EDFlib reads the first data record's time-keeping TAL even without annotations.
        const std::int64_t until = withSamples ? size : std::min<std::int64_t>(size, raw.headerBytes + raw.recordBytes);
        if (ok) {
            const int src = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
            ok = src >= 0;
            std::vector<char> buf(1 << 20);
            for (std::int64_t at = raw.headerBytes; ok && at < until;) {
                const ssize_t n = ::pread(src, buf.data(), static_cast<std::size_t>(std::min<std::int64_t>(until - at, 1 << 20)), at);
                ok = n > 0 && ::pwrite(fd, buf.data(), static_cast<std::size_t>(n), at) == n;
                at += n;
            }
            if (src >= 0) ::close(src);
        }
        if (!ok) throw InputError(path, std::string("cannot make a working copy of the EDF+D file: ") + std::strerror(errno));
        return "/proc/self/fd/" + std::to_string(fd);
    }
};

// An open EDFlib file; closes on every path out.
struct EdfFile {
    std::unique_ptr<edf_hdr_struct> hdr = std::make_unique<edf_hdr_struct>();
    int handle = -1;
    edf::RawHeader raw;
    std::string path;
    ContinuousCopy copy;

    EdfFile(const std::string& p, bool annotations) : path(p) {
        const fileio::FileStat st = fileio::requireRegularFile(p);  // EDFlib's fopen() would block on a FIFO
        raw = edf::checkHeader(p, st.size);
        const std::string open = raw.discontinuous ? copy.make(p, raw, st.size, annotations) : p;
        const int mode = annotations && !raw.discontinuous ? EDFLIB_READ_ALL_ANNOTATIONS : EDFLIB_DO_NOT_READ_ANNOTATIONS;
        std::lock_guard<std::mutex> lock(edflibMutex());
        if (edfopen_file_readonly(open.c_str(), hdr.get(), mode) != 0) throw InputError(p, edflibError(hdr->filetype));
        handle = hdr->handle;
        if (hdr->edfsignals < 1) {
            edfclose_file(handle);
            throw InputError(p, "holds only annotations and no signal to read");
        }
    }
    ~EdfFile() {
        std::lock_guard<std::mutex> lock(edflibMutex());
        if (handle >= 0) edfclose_file(handle);
    }
    EdfFile(const EdfFile&) = delete;
    EdfFile& operator=(const EdfFile&) = delete;

    double signalFs(int s) const {
        return static_cast<double>(hdr->signalparam[s].smp_in_datarecord) * EDFLIB_TIME_DIMENSION /
               static_cast<double>(hdr->datarecord_duration);
    }
};

std::string twoDigits(int v) {
    char b[8];
    std::snprintf(b, sizeof b, "%02d", v);
    return b;
}

RecordHeader headerOf(const EdfFile& f) {
    const edf_hdr_struct& e = *f.hdr;
    RecordHeader h;
    const bool bdf = e.filetype == EDFLIB_FILETYPE_BDF || e.filetype == EDFLIB_FILETYPE_BDFPLUS;
    const bool plus = e.filetype == EDFLIB_FILETYPE_EDFPLUS || e.filetype == EDFLIB_FILETYPE_BDFPLUS;
    h.format = std::string(bdf ? "bdf" : "edf") + (plus ? (f.raw.discontinuous ? "+d" : "+c") : "");
    h.name = stem(f.path);
    h.path = f.path;
    h.nSignals = e.edfsignals;
    h.baseTime = twoDigits(e.starttime_hour) + ":" + twoDigits(e.starttime_minute) + ":" + twoDigits(e.starttime_second);
    h.baseDate = twoDigits(e.startdate_day) + "/" + twoDigits(e.startdate_month) + "/" + std::to_string(e.startdate_year);
    if (plus) {
        h.patient = joinNonEmpty({e.patientcode, e.gender, e.birthdate, e.patient_name, e.patient_additional});
        h.recording = joinNonEmpty({e.admincode, e.technician, e.equipment, e.recording_additional});
    } else {
        h.patient = text::trim(e.patient);
        h.recording = text::trim(e.recording);
    }
    h.annotationCount = e.annotations_in_file;
    const std::size_t slash = f.path.find_last_of('/');
    std::vector<std::string> labels;
    for (int s = 0; s < e.edfsignals; ++s) {
        const edf_param_struct& p = e.signalparam[s];
        SignalSpec spec;
        spec.file = slash == std::string::npos ? f.path : f.path.substr(slash + 1);
        spec.format = bdf ? 24 : 16;  // bits per sample
        spec.units = text::trim(p.physdimension);
        spec.description = text::trim(p.label);
        spec.transducer = text::trim(p.transducer);
        spec.prefilter = text::trim(p.prefilter);
        spec.fs = f.signalFs(s);
        // physical = (digital - baseline) / gain, the WFDB convention, from EDF's two-point scaling.
        spec.gain = (p.dig_max - p.dig_min) / (p.phys_max - p.phys_min);
        spec.baseline = p.dig_min - p.phys_min * spec.gain;
        spec.adcResolution = bdf ? 24 : 16;
        labels.push_back(spec.description);
        h.signals.push_back(spec);
    }
    const std::size_t lead = defaultLeadIndex(labels);
    h.fs = h.signals[lead].fs;
    h.nSamples = static_cast<long>(e.signalparam[lead].smp_in_file);
    return h;
}

// Contiguous stretches from the data-record onsets: records that start where the previous one
// ended (to 1 microsecond) join one stretch.
std::vector<TimeSegment> segmentsFrom(const std::vector<double>& onsets, double recordS) {
    std::vector<TimeSegment> out;
    for (double t : onsets) {
        if (!out.empty() && std::abs(out.back().startS + out.back().durationS - t) < 1e-6) {
            out.back().durationS += recordS;
            continue;
        }
        out.push_back({t, recordS});
    }
    return out;
}

}  // namespace

bool isEdfPath(const std::string& path) { return hasSuffix(path, ".edf") || hasSuffix(path, ".bdf"); }

RecordHeader readEdfHeader(const std::string& path) {
    const EdfFile f(path, false);
    RecordHeader h = headerOf(f);
    h.annotationCount = -1;  // not read here (saves reading the annotation signal of a long file)
    return h;
}

Recording readEdf(const std::string& path) {
    const EdfFile f(path, true);
    const RecordHeader h = headerOf(f);
    const edf_hdr_struct& e = *f.hdr;
    Recording rec;
    rec.name = h.name;
    rec.fs = h.fs;
    bool mixed = false;
    for (const SignalSpec& s : h.signals) {
        rec.units.push_back(s.units);
        rec.labels.push_back(s.description);
        rec.channelFs.push_back(s.fs);
        mixed = mixed || s.fs != h.fs;
    }
    if (!mixed) rec.channelFs.clear();
    rec.channels.resize(h.signals.size());
    constexpr int kChunk = 1 << 16;
    for (int s = 0; s < e.edfsignals; ++s) {
        const long long n = e.signalparam[s].smp_in_file;
        std::vector<double>& ch = rec.channels[static_cast<std::size_t>(s)];
        ch.resize(static_cast<std::size_t>(n));  // checkHeader() bounded the total by data.max_record_samples
        std::lock_guard<std::mutex> lock(edflibMutex());
        edfrewind(f.handle, s);
        for (long long done = 0; done < n;) {
            const int want = static_cast<int>(std::min<long long>(kChunk, n - done));
            const int got = edfread_physical_samples(f.handle, s, want, ch.data() + done);
            if (got != want)
                throw InputError(path, "signal " + std::to_string(s + 1) + " ('" + h.signals[static_cast<std::size_t>(s)].description +
                                           "'): could not read samples " + std::to_string(done) + ".." +
                                           std::to_string(done + want) + " (truncated data record?)");
            done += got;
        }
    }
    {
        std::lock_guard<std::mutex> lock(edflibMutex());
        for (long long i = 0; i < e.annotations_in_file; ++i) {
            edf_annotation_struct a{};
            if (edf_get_annotation(f.handle, static_cast<int>(i), &a) != 0) break;
            EventAnnotation ev;
            ev.onsetS = static_cast<double>(a.onset) / EDFLIB_TIME_DIMENSION;
            ev.durationS = a.duration_l < 0 ? -1.0 : static_cast<double>(a.duration_l) / EDFLIB_TIME_DIMENSION;
            ev.text = a.annotation;
            rec.events.push_back(std::move(ev));
        }
    }
    if (f.raw.discontinuous) {
        edf::TalContents tals = edf::readTals(path, f.raw);
        rec.events = std::move(tals.events);
        rec.segments = segmentsFrom(tals.recordOnsets, f.raw.recordDurationS);
        if (rec.segments.size() == 1 && rec.segments.front().startS == 0) rec.segments.clear();  // no gap after all
    }
    return rec;
}

}  // namespace dacl
