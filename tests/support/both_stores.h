// The storage layer's two implementations for the store tests: a case's body runs once on a new
// SQLite file and once on a new PostgreSQL database of the throwaway server
// (tests/support/pg_server.h), each in its own Catch2 section ("sqlite", "postgresql"), so a
// failure names the store it failed on. Test threads only; header-only.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "tests/support/pg_server.h"
#include "tests/support/process.h"

namespace dondoc::testing {

// Where one implementation's database is: a file path or a postgresql:// URL, which Database,
// ScopedDb, GroupCommit and `dondoc --db` all open. A new, empty database each time.
struct StoreUnderTest {
  std::string location;
  bool postgresql = false;
  const char* name() const { return postgresql ? "postgresql" : "sqlite"; }
};

// Runs body(StoreUnderTest) on each implementation. The PostgreSQL half fails when the server
// cannot start; it is left out, with a warning, only when DONDOC_SKIP_PG=1 says so.
template <class Body>
void on_both_stores(Body&& body) {
  SECTION("sqlite") {
    TempDir dir;
    body(StoreUnderTest{dir.file("store.db"), false});
  }
  SECTION("postgresql") {
    if (pg_skipped()) {
      WARN("DONDOC_SKIP_PG=1: the PostgreSQL half is left out");
      return;
    }
    body(StoreUnderTest{fresh_pg_database(), true});
  }
}

}  // namespace dondoc::testing
