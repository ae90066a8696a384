// `dondoc migrate` from a SQLite file to a throwaway PostgreSQL 15 (issue 17 §3): two demo
// communes with replies and ticks are copied, and status, outbox and audit read the same from the
// server as from the file. Bad input changes nothing on either side.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/support/pg_server.h"
#include "tests/support/process.h"

using namespace dondoc::testing;
using nlohmann::json;

namespace {

RunResult run_ok(const std::vector<std::string>& args) {
  auto r = run_dondoc(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r;
}

std::string read(const std::string& db, const std::string& commune,
                 std::vector<std::string> command) {
  std::vector<std::string> args{"--db", db, "--commune", commune};
  args.insert(args.end(), command.begin(), command.end());
  args.push_back("--json");
  return run_ok(args).out;
}

// A deployment with something in every kind of table: two communes, statuses, ticks, a link code.
std::string filled_file(TempDir& dir) {
  std::string db = dir.file("commune.db");
  run_ok({"--db", db, "--commune", "xa_a", "init", "--demo", "--name", "Xã A"});
  run_ok({"--db", db, "--commune", "xa_b", "init", "--demo", "--name", "Xã B"});
  run_ok({"--db", db, "--commune", "xa_a", "record", "--task", "2", "--body", "vh_xh", "--status",
          "done", "--now", "2025-09-25T09:00+07:00"});
  run_ok({"--db", db, "tick", "--now", "2025-09-22T08:00+07:00"});
  run_ok({"--db", db, "tick", "--now", "2025-09-29T08:00+07:00"});
  run_ok({"--db", db, "--commune", "xa_b", "link", "--body", "vh_xh"});
  return db;
}

}  // namespace

TEST_CASE("migrate copies a deployment to PostgreSQL and every reader agrees", "[pg]") {
  if (pg_skipped()) {
    WARN("DONDOC_SKIP_PG=1: the PostgreSQL half is left out");
    return;
  }
  TempDir dir;
  std::string file = filled_file(dir);
  std::string server = fresh_pg_database();

  auto moved = json::parse(run_ok({"migrate", "--from", file, "--to", server, "--json"}).out);
  CHECK(moved["rows"].get<int>() > 100);
  CHECK(moved["tables"]["communes"] == 2);
  CHECK(moved["to"].get<std::string>().find("postgresql://") == 0);

  for (const std::string commune : {"xa_a", "xa_b"}) {
    INFO(commune);
    CHECK(read(server, commune, {"status", "--now", "2025-10-06T09:00+07:00"}) ==
          read(file, commune, {"status", "--now", "2025-10-06T09:00+07:00"}));
    CHECK(read(server, commune, {"outbox"}) == read(file, commune, {"outbox"}));
    CHECK(read(server, commune, {"audit"}) == read(file, commune, {"audit"}));
  }

  // The server carries on: a new status and a tick on it, the ids continuing after the copied.
  run_ok({"--db", server, "--commune", "xa_b", "record", "--task", "2", "--body", "vh_xh",
          "--status", "done", "--now", "2025-10-06T09:00+07:00"});
  run_ok({"--db", server, "tick", "--now", "2025-10-06T08:00+07:00"});

  // Twice: refused, the server unchanged.
  std::string before = read(server, "xa_a", {"audit"});
  auto again = run_dondoc({"migrate", "--from", file, "--to", server});
  CHECK(again.exit_code == 2);
  CHECK(again.err.find("đã có dữ liệu") != std::string::npos);
  CHECK(read(server, "xa_a", {"audit"}) == before);
}

TEST_CASE("migrate refuses bad arguments before touching anything") {
  TempDir dir;
  auto usage = run_dondoc({"migrate", "--from", dir.file("x.db")});
  CHECK(usage.exit_code == 2);
  CHECK(usage.err.find("cách dùng: migrate --from") != std::string::npos);
  auto not_url = run_dondoc({"migrate", "--from", dir.file("x.db"), "--to", dir.file("y.db")});
  CHECK(not_url.exit_code == 2);
  CHECK(not_url.err.find("--to phải là địa chỉ postgresql://") != std::string::npos);
  auto missing =
      run_dondoc({"migrate", "--from", dir.file("x.db"), "--to", "postgresql://u@127.0.0.1:1/d"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("không có tệp cơ sở dữ liệu này") != std::string::npos);
}
