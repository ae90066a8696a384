// Several `serve` processes on one database (issue 17 §2), through the real binary: one holds the
// scheduler lock and ticks, the other stands by and takes over within seconds of the holder's
// SIGKILL; on SQLite and on PostgreSQL. And the rehearsal clock (`--now --clock-rate
// --clock-anchor`) that the fault run drives days through.
#include <catch2/catch.hpp>

#include <chrono>
#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "storage/commune_store.h"
#include "storage/database.h"
#include "storage/sql.h"
#include "tests/engine/fixture.h"
#include "tests/support/background.h"
#include "tests/support/pg_server.h"
#include "tests/support/process.h"

namespace t = dondoc::testing;
using dondoc::testing::at;
using nlohmann::json;

namespace {

struct Serve {
  int port = t::free_port();
  std::unique_ptr<t::Background> proc;
  Serve(const std::string& db, const t::TempDir& dir, const std::string& name,
        std::vector<std::string> extra = {}) {
    t::write_text(dir.file(name + ".json"), json{{"listen", "127.0.0.1:" + std::to_string(port)},
                                                 {"tick_interval_s", 1},
                                                 {"generic", {{"secret", "s3cret-for-tests"}}}}
                                                .dump());
    std::vector<std::string> argv{DONDOC_BINARY, "--db",     db,
                                  "serve",       "--config", dir.file(name + ".json")};
    argv.insert(argv.end(), extra.begin(), extra.end());
    proc = std::make_unique<t::Background>(argv, dir.file(name + ".log"));
    REQUIRE(t::wait_for_http(port, "/healthz"));
  }
  std::string role() const {
    auto r = t::http_request(port, "GET", "/healthz", "", {});
    auto j = json::parse(r.body, nullptr, false);
    return j.is_object() && j.contains("scheduler") ? j["scheduler"].get<std::string>() : "";
  }
};

// Polls (bounded) until serve's /healthz shows role.
bool becomes(const Serve& s, const std::string& role, int seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (s.role() == role) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

void takeover(const std::string& db, const t::TempDir& dir) {
  REQUIRE(t::run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
  Serve a(db, dir, "a");
  REQUIRE(becomes(a, "holder", 10));
  Serve b(db, dir, "b");
  CHECK(becomes(b, "standby", 10));
  CHECK(a.role() == "holder");
  a.proc->kill9();
  CHECK(becomes(b, "holder", 15));  // asks every min(tick_interval_s, 10) = 1 s
  Serve c(db, dir, "c", {"--no-scheduler"});
  CHECK(c.role() == "off");
  Serve d(db, dir, "d");
  CHECK(becomes(d, "standby", 10));
  CHECK(b.role() == "holder");
}

}  // namespace

TEST_CASE("two serve processes on one SQLite file: one ticks, the other takes over") {
  t::TempDir dir;
  takeover(dir.file("d.db"), dir);
}

TEST_CASE("two serve processes on one PostgreSQL database: one ticks, the other takes over",
          "[pg]") {
  if (t::pg_skipped()) {
    WARN("DONDOC_SKIP_PG=1: the PostgreSQL half is left out");
    return;
  }
  t::TempDir dir;
  takeover(t::fresh_pg_database(), dir);
}

TEST_CASE("serve --clock-rate runs the rehearsal clock faster from its anchor") {
  t::TempDir dir;
  std::string db = dir.file("d.db");
  REQUIRE(t::run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
  // The anchor an hour of real time ago at 60x: the clock stands 60 hours after --now.
  std::string anchor = std::to_string(std::time(nullptr) - 3600);
  {
    Serve s(db, dir, "fast",
            {"--now", "2026-09-01T08:00+07:00", "--clock-rate", "60", "--clock-anchor", anchor});
    REQUIRE(becomes(s, "holder", 10));
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    std::string last;
    while (std::chrono::steady_clock::now() < deadline) {
      dondoc::Database d(db, dondoc::Database::Access::read_only);
      auto v = d.sql().exec_and_get("SELECT MAX(value) FROM engine_meta WHERE key = 'last_tick'");
      last = v.text();
      if (!last.empty()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    REQUIRE_FALSE(last.empty());
    auto tick = dondoc::parse_instant(last);
    REQUIRE(tick);
    auto expected = at("2026-09-03T20:00+07:00");  // 60 h after 08:00 on 1/9
    CHECK(*tick >= expected);
    CHECK(*tick <= expected + std::chrono::minutes(30));  // the start-up's seconds, at 60x
  }
  auto bad = t::run_dondoc({"--db", db, "serve", "--clock-rate", "60"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--now") != std::string::npos);
  bad =
      t::run_dondoc({"--db", db, "serve", "--now", "2026-09-01T08:00+07:00", "--clock-rate", "0"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("clock-rate") != std::string::npos);
  bad = t::run_dondoc(
      {"--db", db, "serve", "--now", "2026-09-01T08:00+07:00", "--clock-anchor", "yesterday"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--clock-anchor") != std::string::npos);
}
