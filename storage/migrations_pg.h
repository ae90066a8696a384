// PostgreSQL's schema, as forward migrations numbered like storage/migrations.cc's: the first one
// (130) creates the whole schema SQLite has at that version. Only storage/ (the Database opening a
// postgresql:// URL) and its tests call pg_migrations().
#pragma once

#include <vector>

#include "storage/database.h"

namespace dondoc {

// All PostgreSQL migrations in version order. A new SQLite migration needs its PostgreSQL twin
// here, under the same number (tests/storage/pg_schema_test.cc compares the two schemas).
const std::vector<Migration>& pg_migrations();

}  // namespace dondoc
