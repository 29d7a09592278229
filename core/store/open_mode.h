#pragma once
// Whether a results file can be opened for writing. A readable file that is read-only, or sits in
// a read-only folder (SQLite must create its -wal/-shm or journal files beside it), is opened
// read-only so that listing, reports and predictions work; only writing then fails,
// with a message that says why.
#include <string>

namespace dacl::store {

// True when `path` exists and this process may not write it or may not create files in its folder.
bool mustOpenReadOnly(const std::string& path);

// "file:<path>?immutable=1" with the path percent-encoded, for SQLite's URI open: the fallback
// for a WAL file in a read-only folder without its -shm file, which SQLite cannot otherwise read.
std::string immutableUri(const std::string& path);

}  // namespace dacl::store
