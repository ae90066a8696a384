// A throwaway PostgreSQL 15 server for the storage tests: started on first use (initdb + pg_ctl
// from /usr/lib/postgresql/15/bin, as the `postgres` user when running as root), one per test
// process, stopped and removed at exit. Test threads only; links against dondoc_storage.
#pragma once

#include <string>

namespace dondoc::testing {

// True when DONDOC_SKIP_PG=1: the PostgreSQL half of the tests is left out, on purpose.
bool pg_skipped();

// The URL (postgresql://dondoc@127.0.0.1:PORT/t_N) of a new, empty database on the server,
// starting the server first if needed. Each call makes a new database, so test cases stay
// independent. Throws std::runtime_error with a clear message when the server cannot be started
// (binaries missing: `apt-get install postgresql-15`), which fails the test: it never skips.
std::string fresh_pg_database();

// The role `dondoc serve` is documented to run as: applies deploy/postgresql-app-role.sql to the
// database at owner_url (a fresh_pg_database() whose schema exists), as its owner, and returns the
// URL of the same database as that role (dondoc_app, trusted by the test server like every role).
std::string pg_app_role_url(const std::string& owner_url);

}  // namespace dondoc::testing
