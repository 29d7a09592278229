#pragma once
// Internal to core/store: a prepared SQLite statement with typed binds and reads, whose errors
// name the results file. SQLite stores NaN as NULL, so NULL reads back as NaN for doubles.
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace dacl::store {

// Any failure of the results store; the message starts with the file path.
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// "FILE: what: sqlite message"
[[noreturn]] void throwSqlite(sqlite3* db, const std::string& file, const std::string& what);

class Statement {
public:
    Statement(sqlite3* db, const std::string& file, const char* sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t v);
    Statement& bind(int index, int v) { return bind(index, static_cast<std::int64_t>(v)); }
    Statement& bind(int index, double v);
    Statement& bind(int index, const std::string& v);
    Statement& bind(int index, const char* v) { return bind(index, std::string(v)); }
    Statement& bind(int index, std::optional<int> v);
    Statement& bind(int index, std::optional<std::int64_t> v);
    Statement& bindBlob(int index, const void* data, std::size_t bytes);
    Statement& bindNull(int index);

    bool step();          // true while a row is available
    void run();           // step once, expecting no row (INSERT/UPDATE/DELETE)
    void reset();         // ready to bind and step again

    bool isNull(int col) const;
    std::int64_t int64(int col) const;
    std::optional<std::int64_t> optInt64(int col) const;
    std::optional<int> optInt(int col) const;
    double real(int col) const;  // NULL -> NaN
    std::string text(int col) const;  // NULL -> ""
    std::vector<unsigned char> blob(int col) const;

private:
    sqlite3* db_;
    std::string file_;
    sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace dacl::store
