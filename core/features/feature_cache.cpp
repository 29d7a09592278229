#include "core/features/feature_cache.h"

#include "core/common/error.h"
#include "core/features/mapped_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <limits>
#include <stdexcept>

namespace dacl::features::cache {

namespace {

constexpr char kMagic[8] = {'D', 'A', 'C', 'L', 'F', 'T', '0', '2'};
constexpr std::uint64_t kFnvOffset = 1469598103934665603ULL, kFnvPrime = 1099511628211ULL;
// Bytes per row besides its features: i32 record, f64 startS, u8 eval.
constexpr std::uint64_t kRowExtra = sizeof(std::int32_t) + sizeof(double) + 1;

// FNV-1a over 64-bit little-endian words (bytes for the tail): catches truncation and damage at a
// few GB/s, so that even a 100 k-record cache is checked in seconds. Not cryptographic; nobody is
// expected to forge cache files. Fed in pieces of any size, it sums the same words.
class Checksum {
public:
    void add(const void* p, std::size_t n) {
        const auto* b = static_cast<const unsigned char*>(p);
        while (n > 0 && pending_ > 0 && pending_ < 8) {
            word_[pending_++] = *b++;
            --n;
        }
        if (pending_ == 8) {
            mix(word_);
            pending_ = 0;
        }
        for (; n >= 8; n -= 8, b += 8) mix(b);
        for (; n > 0; --n) word_[pending_++] = *b++;
    }
    std::uint64_t value() const {
        std::uint64_t h = h_;
        for (int i = 0; i < pending_; ++i) h = (h ^ word_[i]) * kFnvPrime;
        return h;
    }

private:
    void mix(const unsigned char* b) {
        std::uint64_t w;
        std::memcpy(&w, b, 8);
        h_ = (h_ ^ w) * kFnvPrime;
    }
    std::uint64_t h_ = kFnvOffset;
    unsigned char word_[8] = {};
    int pending_ = 0;
};

// An open file read with pread (no mapping): the checksum pass reads it through the page cache.
class File {
public:
    explicit File(const std::string& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}
    ~File() {
        if (fd_ >= 0) ::close(fd_);
    }
    File(const File&) = delete;
    File& operator=(const File&) = delete;
    bool ok() const { return fd_ >= 0; }
    std::uint64_t size() const {
        struct stat st {};
        return ::fstat(fd_, &st) == 0 && st.st_size > 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
    }
    bool read(std::uint64_t at, void* p, std::size_t n) const {
        auto* b = static_cast<char*>(p);
        while (n > 0) {
            const ssize_t got = ::pread(fd_, b, n, static_cast<off_t>(at));
            if (got <= 0) return false;
            b += got;
            at += static_cast<std::uint64_t>(got);
            n -= static_cast<std::size_t>(got);
        }
        return true;
    }
    template <class T> bool readVec(std::uint64_t at, std::vector<T>& v, std::size_t n) const {
        v.resize(n);
        return read(at, v.data(), n * sizeof(T));
    }
    // Checksum of bytes [from, to), read in 4 MiB pieces.
    bool checksum(std::uint64_t from, std::uint64_t to, std::uint64_t& out) const {
        std::vector<unsigned char> buf(std::size_t{4} << 20);
        Checksum sum;
        for (std::uint64_t at = from; at < to;) {
            const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), to - at));
            if (!read(at, buf.data(), n)) return false;
            sum.add(buf.data(), n);
            at += n;
        }
        out = sum.value();
        return true;
    }

private:
    int fd_;
};

// a * b + c without wrapping, or false.
bool mulAdd(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t& out) {
    if (b != 0 && a > (std::numeric_limits<std::uint64_t>::max() - c) / b) return false;
    out = a * b + c;
    return true;
}

}  // namespace

std::string hashHex(const std::string& text) {
    // Byte-wise FNV-1a (cache file names of layout 1 stay valid names).
    std::uint64_t h = kFnvOffset;
    for (unsigned char c : text) h = (h ^ c) * kFnvPrime;
    char buf[20];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

bool load(const std::string& path, const std::string& keyText, FeatureSet& out, bool mapRows) {
    const File f(path);
    if (!f.ok()) return false;
    const std::uint64_t fileSize = f.size();
    char magic[8];
    std::uint64_t headerAt = 0, headerBytes = 0;
    if (fileSize < kRowOffset || !f.read(0, magic, 8) || std::memcmp(magic, kMagic, 8) != 0 ||
        !f.read(8, &headerAt, 8) || !f.read(16, &headerBytes, 8))
        return false;
    // The file ends exactly with the header and the checksum.
    if (headerBytes > (1ULL << 31) || headerAt < kRowOffset || headerAt > fileSize ||
        fileSize - headerAt < headerBytes + 8 || fileSize - headerAt - 8 != headerBytes)
        return false;
    std::string headerText(headerBytes, '\0');
    if (!f.read(headerAt, headerText.data(), headerBytes)) return false;
    const nlohmann::json h = nlohmann::json::parse(headerText, nullptr, /*allow_exceptions=*/false);
    if (h.is_discarded() || !h.is_object() || h.value("key", std::string()) != keyText) return false;
    try {
        FeatureSet s;
        s.dim = h.at("dim").get<int>();
        const auto rows = h.at("rows").get<std::uint64_t>();
        if (s.dim < 0 || rows > (1ULL << 32)) return false;
        // The row block and the per-row arrays must fill exactly the bytes before the header.
        std::uint64_t featureBytes = 0, end = 0;
        if (!mulAdd(rows, static_cast<std::uint64_t>(s.dim) * sizeof(float), 0, featureBytes) ||
            !mulAdd(rows, kRowExtra, kRowOffset + featureBytes, end) || end != headerAt)
            return false;
        std::uint64_t expected = 0, stored = 0;
        if (!f.checksum(kRowOffset, headerAt + headerBytes, expected) || !f.read(headerAt + headerBytes, &stored, 8) ||
            stored != expected)
            return false;
        s.recordNames = h.at("recordNames").get<std::vector<std::string>>();
        s.records = h.at("records").get<std::vector<std::size_t>>();
        for (const auto& k : h.at("skipped")) s.skipped.push_back({k.at(0).get<std::string>(), k.at(1).get<std::string>()});
        std::vector<std::int32_t> rec;
        std::uint64_t at = kRowOffset + featureBytes;
        if (!f.readVec(at, rec, rows) || !f.readVec(at += rows * sizeof(std::int32_t), s.startS, rows) ||
            !f.readVec(at += rows * sizeof(double), s.evalGrid, rows))
            return false;
        s.record.assign(rec.begin(), rec.end());
        for (int i : s.record)
            if (i < 0 || static_cast<std::size_t>(i) >= s.recordNames.size()) return false;
        if (featureBytes > 0 && mapRows) {
            // Sizes are checked above: the mapping lies inside the file.
            auto mapping = MappedFile::open(path, kRowOffset + featureBytes);
            s.mappedRows = reinterpret_cast<const float*>(mapping->data() + kRowOffset);
            s.mapping = std::move(mapping);
        } else if (!f.readVec(kRowOffset, s.features, rows * static_cast<std::size_t>(s.dim))) {
            return false;
        }
        s.fromCache = true;
        out = std::move(s);
        return true;
    } catch (const nlohmann::json::exception&) {
        return false;
    } catch (const InputError&) {
        return false;  // replaced or shrunk since it was checked: recomputed like any bad file
    }
}

struct RowWriter::File {
    std::ofstream out;
    Checksum sum;

    void write(const std::string& tmp, const void* p, std::size_t n) {
        out.write(static_cast<const char*>(p), static_cast<std::streamsize>(n));
        if (!out) throw InputError(tmp, "write failed (disk full?)");
    }
    // Written and summed; a large block is summed on a second thread while this one writes.
    void put(const std::string& tmp, const void* p, std::size_t n) {
        if (n < (std::size_t{64} << 20)) {
            write(tmp, p, n);
            sum.add(p, n);
            return;
        }
        auto summed = std::async(std::launch::async, [s = sum, p, n]() mutable {
            s.add(p, n);
            return s;
        });
        write(tmp, p, n);
        sum = summed.get();
    }
};

RowWriter::RowWriter(std::string path, int dim) : path_(std::move(path)), dim_(dim) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(fs::path(path_).parent_path(), ec);
    if (ec) throw InputError(fs::path(path_).parent_path().string(), "cannot create cache directory: " + ec.message());
    // One temporary file per process: the ranks of a distributed run may write the same entry at once.
    tmp_ = path_ + ".tmp." + std::to_string(::getpid());
    file_ = std::make_unique<File>();
    file_->out.open(tmp_, std::ios::binary | std::ios::trunc);
    if (!file_->out) {
        file_.reset();
        throw InputError(tmp_, "cannot write feature cache");
    }
    // The preamble stays zero (never a valid file) until finish() knows where the header goes.
    const std::vector<char> zeros(kRowOffset, '\0');
    file_->write(tmp_, zeros.data(), zeros.size());
}

RowWriter::~RowWriter() {
    if (!file_) return;
    file_.reset();
    std::error_code ec;
    std::filesystem::remove(tmp_, ec);
}

void RowWriter::append(const float* values, std::size_t rows) {
    if (!file_) throw std::logic_error("RowWriter: append after finish");
    file_->put(tmp_, values, rows * static_cast<std::size_t>(dim_) * sizeof(float));
    rows_ += rows;
}

void RowWriter::finish(const std::string& keyText, const FeatureSet& set) {
    if (!file_) throw std::logic_error("RowWriter: finished twice");
    if (set.dim != dim_ || set.rows() != rows_ || set.startS.size() != rows_ || set.evalGrid.size() != rows_)
        throw std::logic_error("RowWriter: the set does not describe the rows written");
    nlohmann::json h{{"key", keyText}, {"dim", set.dim}, {"rows", set.rows()}, {"recordNames", set.recordNames},
                     {"records", set.records}};
    h["skipped"] = nlohmann::json::array();
    for (const auto& s : set.skipped) h["skipped"].push_back({s.file, s.reason});
    const std::string headerText = h.dump();
    const std::vector<std::int32_t> rec(set.record.begin(), set.record.end());
    file_->put(tmp_, rec.data(), rec.size() * sizeof(std::int32_t));
    file_->put(tmp_, set.startS.data(), set.startS.size() * sizeof(double));
    file_->put(tmp_, set.evalGrid.data(), set.evalGrid.size());
    file_->put(tmp_, headerText.data(), headerText.size());
    const std::uint64_t sum = file_->sum.value();
    file_->write(tmp_, &sum, sizeof sum);
    const std::uint64_t headerAt =
                            kRowOffset + rows_ * (static_cast<std::uint64_t>(dim_) * sizeof(float) + kRowExtra),
                        n = headerText.size();
    file_->out.seekp(0);
    file_->write(tmp_, kMagic, 8);
    file_->write(tmp_, &headerAt, 8);
    file_->write(tmp_, &n, 8);
    file_->out.close();
    if (!file_->out) throw InputError(tmp_, "write failed (disk full?)");
    file_.reset();
    std::error_code ec;
    std::filesystem::rename(tmp_, path_, ec);  // atomic: a killed run never leaves half a cache file behind
    if (ec) {
        std::filesystem::remove(tmp_, ec);
        throw InputError(path_, "cannot move feature cache into place: " + ec.message());
    }
}

void save(const std::string& path, const std::string& keyText, const FeatureSet& set) {
    RowWriter w(path, set.dim);
    w.append(set.rowData(), set.rows());
    w.finish(keyText, set);
}

}  // namespace dacl::features::cache
