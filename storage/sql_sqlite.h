// The SQLite side of storage/sql.h, for the two files that need SQLite itself: database.cc (read-
// only checks, the system errno behind a fault) and code_hash.cc (registering an SQL function).
// Nothing else may include it; the stores stay on storage/sql.h.
#pragma once

#include "storage/sql.h"

struct sqlite3;

namespace dondoc::sql {

// The raw handle of a connection open_sqlite() returned; nullptr for any other connection.
sqlite3* sqlite_handle(Connection& c);

}  // namespace dondoc::sql
