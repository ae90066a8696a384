// The accounts store on both implementations: users, sessions and chat sign-ins, whose column
// named `user` is a reserved word in PostgreSQL (unquoted there, it silently means the current
// database role). The first of the store-level cases to run on SQLite and PostgreSQL alike.
#include <catch2/catch.hpp>

#include <string>

#include "storage/account_store.h"
#include "storage/database.h"
#include "tests/support/both_stores.h"

namespace dondoc {
namespace {

using testing::on_both_stores;
using testing::StoreUnderTest;

}  // namespace

TEST_CASE("sessions belong to their user and end with it, on both stores", "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    Database db(backend.location);
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
