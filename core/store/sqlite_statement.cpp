#include "core/store/sqlite_statement.h"

#include <sys/resource.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <limits>

namespace dacl::store {

namespace {

// True when the process has a file-size limit (ulimit -f) and `file` or its journal has grown to
// within 64 kB of it (a failed write stops at the limit). SQLite does not always keep the EFBIG
// of the failed write (an automatic rollback may reset the system error), so the sizes say it.
bool nearFileSizeLimit(const std::string& file) {
    rlimit limit{};
    if (getrlimit(RLIMIT_FSIZE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return false;
    for (const char* suffix : {"", "-wal", "-journal"}) {
        struct stat st {};
        if (::stat((file + suffix).c_str(), &st) == 0 &&
            static_cast<rlim_t>(st.st_size) + (64u << 10) >= limit.rlim_cur)
            return true;
    }
    return false;
}

// Why a write failed, in the user's terms: SQLite reports a full disk, a file-size limit (EFBIG,
// with SIGXFSZ ignored) and a read-only file with generic texts that do not say what to do.
std::string writeFailure(sqlite3* db, const std::string& file) {
    const int code = sqlite3_extended_errcode(db) & 0xff;
    const int sysErrno = sqlite3_system_errno(db);
    const bool ioError = code == SQLITE_IOERR || code == SQLITE_FULL;
    if (sysErrno == EFBIG || (ioError && nearFileSizeLimit(file)))
        return " (the file-size limit was reached: " + std::string(std::strerror(EFBIG)) + "; see ulimit -f)";
    if (code == SQLITE_FULL || sysErrno == ENOSPC) return " (no space left on the device)";
    if (code == SQLITE_READONLY) return " (the results file is read-only: no write permission on it or on its folder)";
    if (code == SQLITE_IOERR && sysErrno != 0) return " (" + std::string(std::strerror(sysErrno)) + ")";
    return {};
}

}  // namespace

void throwSqlite(sqlite3* db, const std::string& file, const std::string& what) {
    if (!db) throw StoreError(file + ": " + what + ": out of memory");
    throw StoreError(file + ": " + what + ": " + sqlite3_errmsg(db) + writeFailure(db, file));
}

Statement::Statement(sqlite3* db, const std::string& file, const char* sql) : db_(db), file_(file) {
    if (sqlite3_prepare_v2(db_, sql, -1, &stmt_, nullptr) != SQLITE_OK)
        throwSqlite(db_, file_, std::string("cannot prepare \"") + sql + "\"");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

namespace {
void check(int rc, sqlite3* db, const std::string& file) {
    if (rc != SQLITE_OK) throwSqlite(db, file, "cannot bind a value");
}
}  // namespace

Statement& Statement::bind(int index, std::int64_t v) {
    check(sqlite3_bind_int64(stmt_, index, v), db_, file_);
    return *this;
}
Statement& Statement::bind(int index, double v) {
    check(sqlite3_bind_double(stmt_, index, v), db_, file_);
    return *this;
}
Statement& Statement::bind(int index, const std::string& v) {
    check(sqlite3_bind_text(stmt_, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT), db_, file_);
    return *this;
}
Statement& Statement::bind(int index, std::optional<int> v) { return v ? bind(index, *v) : bindNull(index); }
Statement& Statement::bind(int index, std::optional<std::int64_t> v) { return v ? bind(index, *v) : bindNull(index); }
Statement& Statement::bindBlob(int index, const void* data, std::size_t bytes) {
    // A zero-length blob must still be a blob, not NULL: sqlite3_bind_zeroblob for that case.
    const int rc = bytes == 0 ? sqlite3_bind_zeroblob(stmt_, index, 0)
                              : sqlite3_bind_blob64(stmt_, index, data, bytes, SQLITE_TRANSIENT);
    check(rc, db_, file_);
    return *this;
}
Statement& Statement::bindNull(int index) {
    check(sqlite3_bind_null(stmt_, index), db_, file_);
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throwSqlite(db_, file_, std::string("cannot execute \"") + sqlite3_sql(stmt_) + "\"");
}

void Statement::run() {
    step();
    reset();
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::isNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
std::int64_t Statement::int64(int col) const { return sqlite3_column_int64(stmt_, col); }
std::optional<std::int64_t> Statement::optInt64(int col) const {
    if (isNull(col)) return std::nullopt;
    return int64(col);
}
std::optional<int> Statement::optInt(int col) const {
    if (isNull(col)) return std::nullopt;
    return static_cast<int>(int64(col));
}
double Statement::real(int col) const {
    return isNull(col) ? std::numeric_limits<double>::quiet_NaN() : sqlite3_column_double(stmt_, col);
}
std::string Statement::text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
}
std::vector<unsigned char> Statement::blob(int col) const {
    const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_, col));
    const int n = sqlite3_column_bytes(stmt_, col);
    return p ? std::vector<unsigned char>(p, p + n) : std::vector<unsigned char>();
}

}  // namespace dacl::store
