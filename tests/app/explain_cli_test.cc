// `dondoc explain ask|answer|list` on the demo database: refused while nothing is overdue, asked,
// answered, listed as JSON.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/support/process.h"

using namespace dondoc::testing;
using nlohmann::json;

TEST_CASE("explain: ask, answer and list from the command line") {
  TempDir dir;
  std::string db = dir.file("d.db");
  REQUIRE(run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
  auto early = run_dondoc({"--db", db, "explain", "ask", "--body", "vh_xh", "--task", "2", "--now",
                           "2025-09-25T09:00+07:00"});
  CHECK(early.exit_code == 2);
  CHECK(early.err.find("chưa quá hạn") != std::string::npos);
  auto ask =
      run_dondoc({"--db", db, "explain", "ask", "--body", "Phòng Văn hóa - Xã hội", "--task", "2",
                  "--reason", "Nêu rõ lý do", "--now", "2025-10-03T09:00+07:00", "--json"});
  REQUIRE(ask.exit_code == 0);
  auto j = json::parse(ask.out);
  CHECK(j["id"] == "GT1");
  CHECK(j["due"] == "2025-10-08");
  CHECK(j["state"] == "open");
  auto empty = run_dondoc({"--db", db, "explain", "answer", "--body", "vh_xh", "--text", " "});
  CHECK(empty.exit_code == 2);
  auto ans = run_dondoc({"--db", db, "explain", "answer", "--body", "vh_xh", "--id", "GT1",
                         "--text", "Chờ kinh phí", "--now", "2025-10-06T09:00+07:00"});
  REQUIRE(ans.exit_code == 0);
  CHECK(ans.out.find("GT1") != std::string::npos);
  auto list = run_dondoc({"--db", db, "explain", "list", "--json"});
  REQUIRE(list.exit_code == 0);
  auto items = json::parse(list.out);
  REQUIRE(items.size() == 1);
  CHECK(items[0]["state"] == "answered");
  CHECK(items[0]["answer"] == "Chờ kinh phí");
  auto audit = run_dondoc({"--db", db, "audit", "--json"});
  CHECK(audit.out.find("explanation_answered") != std::string::npos);
}
