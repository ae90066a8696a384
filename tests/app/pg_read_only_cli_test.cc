// The CLI on a read-only PostgreSQL (a streaming-replication standby, or a database set
// default_transaction_read_only): writing commands exit 2 with a message naming the server and
// saying to run them on the primary, before changing anything; reading commands still work.
#include <catch2/catch.hpp>

#include "storage/database.h"
#include "tests/support/pg_server.h"
#include "tests/support/process.h"

using namespace dondoc::testing;

TEST_CASE("writing commands on a read-only PostgreSQL exit 2 and change nothing", "[pg]") {
  if (pg_skipped()) {
    WARN("DONDOC_SKIP_PG=1: the PostgreSQL half is left out");
    return;
  }
  std::string url = fresh_pg_database();
  auto init = run_dondoc({"--db", url, "init", "--demo"});
  INFO(init.err);
  REQUIRE(init.exit_code == 0);
  auto before = run_dondoc({"--db", url, "audit", "--json"});
  REQUIRE(before.exit_code == 0);
  {
    dondoc::Database owner(url);
    owner.sql().exec(
        "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET default_transaction_read_only = on', "
        "current_database()); END $$");
  }

  for (const auto& command : std::vector<std::vector<std::string>>{
           {"tick", "--now", "2025-09-22T08:00+07:00"},
           {"record", "--task", "2", "--body", "vh_xh", "--status", "done"},
           {"link", "--body", "vh_xh"}}) {
    std::vector<std::string> args{"--db", url};
    args.insert(args.end(), command.begin(), command.end());
    auto r = run_dondoc(args);
    INFO(command[0] << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("chỉ cho đọc") != std::string::npos);
    CHECK(r.err.find("máy chủ chính") != std::string::npos);
    CHECK(r.err.find("lỗi nội bộ") == std::string::npos);
  }
  auto after = run_dondoc({"--db", url, "audit", "--json"});
  CHECK(after.exit_code == 0);
  CHECK(after.out == before.out);
  CHECK(run_dondoc({"--db", url, "status"}).exit_code == 0);
}
