// Issue 15 §6: a page checks its session on the reader, read-only; a last_seen a minute old is
// moved to now by a background write on the writer. The security properties stay: idle expiry,
// a disabled user, signed out. Against the real `dondoc serve` and its SQLite file.

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>
#include "storage/sql.h"

#include "rules/date.h"
#include "tests/app/web_support.h"

namespace t = dondoc::testing;
using namespace std::chrono;

namespace {

void set_last_seen(const std::string& db, const std::string& at) {
  auto conn_owner = dondoc::sql::open_sqlite(db, false);
  dondoc::sql::Connection& conn = *conn_owner;
  dondoc::sql::Statement st(conn, "UPDATE sessions SET last_seen = ?");
  st.bind(1, at);
  st.exec();
}

std::string last_seen(const std::string& db) {
  auto conn_owner = dondoc::sql::open_sqlite(db, true);
  dondoc::sql::Connection& conn = *conn_owner;
  return conn.exec_and_get("SELECT last_seen FROM sessions").text();
}

dondoc::Instant now() { return time_point_cast<seconds>(system_clock::now()); }

}  // namespace

TEST_CASE("web: a stale last_seen is moved to now after the page answered; a fresh one is kept") {
  t::WebServed s;
  std::string cookie = s.sign_in("lanhdao");
  std::string fresh = dondoc::format_instant(now() - seconds(20));
  set_last_seen(s.db, fresh);
  CHECK(s.get("/nhiem-vu", cookie).status == 200);
  std::this_thread::sleep_for(milliseconds(300));
  CHECK(last_seen(s.db) == fresh);  // under a minute: no write at all

  std::string stale = dondoc::format_instant(now() - seconds(90));
  set_last_seen(s.db, stale);
  CHECK(s.get("/nhiem-vu", cookie).status == 200);
  for (int i = 0; i < 50 && last_seen(s.db) == stale; ++i) {
    std::this_thread::sleep_for(milliseconds(100));
  }
  CHECK(last_seen(s.db) != stale);
  CHECK(s.get("/", cookie).status == 200);
}

TEST_CASE("web: the read-only session check keeps idle expiry and a disabled user out") {
  t::WebServed s;
  std::string cookie = s.sign_in("lanhdao");
  set_last_seen(s.db, dondoc::format_instant(now() - hours(3)));  // idle for more than 2 h
  auto idle = s.get("/nhiem-vu", cookie);
  CHECK(idle.status == 303);
  CHECK(idle.header("Location").starts_with("/dang-nhap"));

  cookie = s.sign_in("admin1");
  CHECK(s.get("/nhiem-vu", cookie).status == 200);
  auto r = t::run_dondoc({"--db", s.db, "user", "disable", "admin1"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(s.get("/nhiem-vu", cookie).status == 303);
  CHECK(s.get("/api/v1/summary", cookie).status == 401);
}
