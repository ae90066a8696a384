// The accounts store on both implementations: users, sessions and chat sign-ins, whose column
// named `user` is a reserved word in PostgreSQL (unquoted there, it silently means the current
// database role). The first of the store-level cases to run on SQLite and PostgreSQL alike.
#include <catch2/catch.hpp>

#include <functional>
#include <string>

#include "storage/account_store.h"
#include "storage/database.h"
#include "tests/support/pg_server.h"
#include "tests/support/process.h"

namespace dondoc {
namespace {

using testing::fresh_pg_database;
using testing::pg_skipped;
using testing::TempDir;

// Runs body on a new migrated Database per implementation, each in its own section.
void on_both(const std::function<void(Database&)>& body) {
  SECTION("sqlite") {
    TempDir dir;
    Database db(dir.file("accounts.db"));
    body(db);
  }
  SECTION("postgresql") {
    if (pg_skipped()) {
      WARN("DONDOC_SKIP_PG=1: the PostgreSQL half is left out");
      return;
    }
    Database db(fresh_pg_database());
    body(db);
  }
}

}  // namespace

TEST_CASE("sessions belong to their user and end with it, on both stores", "[pg]") {
  on_both([](Database& db) {
    UserRow admin{0, "admin", "admin", "", 0, "hash", false, "2026-12-01T01:00:00Z", std::nullopt};
    UserRow other{0, "other", "viewer", "", 0, "hash", false, "2026-12-01T01:00:00Z", std::nullopt};
    auto a = insert_user(db, admin);
    auto b = insert_user(db, other);
    REQUIRE(a);
    REQUIRE(b);
    CHECK_FALSE(insert_user(db, admin));  // the name is taken: nothing inserted
    insert_session(db, {"ta", *a, "ca", "2026-12-01T01:00:00Z", "2026-12-01T01:00:00Z", {}});
    insert_session(db, {"tb", *b, "cb", "2026-12-01T01:00:00Z", "2026-12-01T01:00:00Z", {}});
    auto s = find_session(db, "ta");
    REQUIRE(s);
    CHECK(s->user == *a);
    CHECK(s->csrf == "ca");
    end_user_sessions(db, *a, "2026-12-01T02:00:00Z");
    CHECK(find_session(db, "ta")->signed_out == "2026-12-01T02:00:00Z");
    CHECK_FALSE(find_session(db, "tb")->signed_out);  // another user's session stays open
    CHECK(find_user(db, "other")->id == *b);
  });
}

}  // namespace dondoc
