#include "core/data/record_file.h"

#include "core/common/error.h"
#include "core/data/csv_reader.h"
#include "core/data/edf_reader.h"
#include "core/data/file_io.h"
#include "core/data/signal_reader.h"

#include <cctype>
#include <cerrno>

namespace dacl {

namespace {

std::string lowerExtension(const std::string& path) {
    const std::size_t slash = path.find_last_of('/'), dot = path.find_last_of('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
    std::string e = path.substr(dot);
    for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return e;
}

std::string withoutExtension(const std::string& path) { return path.substr(0, path.find_last_of('.')); }

}  // namespace

bool isRecordFileName(const std::string& path) {
    const std::string e = lowerExtension(path);
    return e == ".hea" || e == ".mat" || e == ".dat" || isEdfPath(path) || isCsvPath(path);
}

std::string recordFilePath(const std::string& path) {
    const std::string e = lowerExtension(path);
    if (e == ".hea" || isEdfPath(path) || isCsvPath(path)) return path;
    if (e == ".mat" || e == ".dat") {
        const std::string hea = withoutExtension(path) + ".hea";
        if (!fileio::statFile(hea).exists)
            throw InputError(path, "a " + e + " signal file is read with its WFDB header, and " + hea + " does not exist");
        return hea;
    }
    if (fileio::statFile(path + ".hea").exists) return path + ".hea";
    const fileio::FileStat st = fileio::statFile(path);
    if (!st.exists && st.error != ENOENT) throw InputError(path, fileio::notRegularReason(st));
    if (!st.exists) throw InputError(path, "does not exist (nor does " + path + ".hea)");
    throw InputError(path, "is not a folder, nor a recording this program reads (.hea, .mat, .dat, .edf, .bdf, .csv, .tsv)");
}

RecordHeader readRecordHeader(const std::string& pathIn, const RecordFileOptions& options) {
    const std::string path = recordFilePath(pathIn);
    fileio::requireRegularFile(path);
    if (isEdfPath(path)) return readEdfHeader(path);
    if (isCsvPath(path)) return readCsvHeader(path, CsvOptions{options.csvFs});
    RecordHeader h = parseHeader(path);
    if (h.nSignals < 1) throw InputError(path, "record has no signals");
    const long n = checkSignalFiles(h);
    if (n <= 0) throw InputError(path, "record has no samples");
    h.nSamples = n;
    return h;
}

Recording readRecordFile(const std::string& pathIn, const RecordFileOptions& options) {
    const std::string path = recordFilePath(pathIn);
    fileio::requireRegularFile(path);
    if (isEdfPath(path)) return readEdf(path);
    if (isCsvPath(path)) return readCsv(path, CsvOptions{options.csvFs});
    return readRecording(readRecordHeader(path, options));
}

}  // namespace dacl
