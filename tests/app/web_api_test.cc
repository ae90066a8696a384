// Issue 15 §2, §4 and the API, against the real `dondoc serve` and a real SQLite file: the API's
// 401 / 403 / 404 / 200 with the summary byte for byte `dondoc status --json`'s; a head gets 403
// for another body's task and never sees it listed; approving an extension through the page's
// POST moves the due date in `status`; with two communes each URL takes its commune.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/app/web_support.h"

namespace t = dondoc::testing;
using nlohmann::json;

namespace {

// The demo plan with task 2 assigned to vh_xh alone.
void narrow_task_2(t::WebServed& s) {
  json plan = json::parse(t::read_text(t::source_path("examples/plan.json")));
  for (auto& task : plan["tasks"]) {
    if (task["id"] == "2") {
      task["lead"] = json::array({"vh_xh"});
      task["coordinators"] = json::array();
    }
  }
  t::write_text(s.dir.file("plan.json"), plan.dump());
  auto r = t::run_dondoc({"--db", s.db, "import", "plan", s.dir.file("plan.json")});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

std::string token(t::WebServed& s, const std::vector<std::string>& extra) {
  std::vector<std::string> args{"--db", s.db, "token", "add", "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = t::run_dondoc(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out)["token"].get<std::string>();
}

json status_json(t::WebServed& s) {
  auto r = t::run_dondoc({"--db", s.db, "status", "--json"});
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

}  // namespace

TEST_CASE("web API: 401 without or with a revoked token, summary equal to status --json") {
  t::WebServed s;
  std::string leader = token(s, {"--role", "leader"});
  auto r = s.get("/api/v1/summary", "", "Bearer " + leader);
  REQUIRE(r.status == 200);
  CHECK(r.header("Content-Type") == "application/json");
  CHECK(r.body == status_json(s)["summary"].dump());
  CHECK(s.get("/api/v1/tasks", "", "Bearer " + leader).status == 200);
  CHECK(s.get("/api/v1/obligations", "", "Bearer " + leader).status == 200);
  CHECK(s.get("/api/v1/audit", "", "Bearer " + leader).status == 200);
  CHECK(s.get("/api/v1/tasks/999", "", "Bearer " + leader).status == 404);
  CHECK(s.get("/api/v1/summary").status == 401);

  auto list = t::run_dondoc({"--db", s.db, "token", "list", "--json"});
  REQUIRE(list.exit_code == 0);
  auto id = json::parse(list.out)[0]["id"].dump();
  REQUIRE(t::run_dondoc({"--db", s.db, "token", "revoke", id}).exit_code == 0);
  CHECK(s.get("/api/v1/summary", "", "Bearer " + leader).status == 401);
}

TEST_CASE("web: a head gets 403 for another body's task and never sees it listed") {
  t::WebServed s;
  narrow_task_2(s);
  std::string head = token(s, {"--role", "head", "--body", "kinh_te"});
  CHECK(s.get("/api/v1/tasks/2", "", "Bearer " + head).status == 403);
  CHECK(s.get("/api/v1/tasks/1", "", "Bearer " + head).status == 200);
  auto tasks = json::parse(s.get("/api/v1/tasks", "", "Bearer " + head).body);
  for (const auto& task : tasks) CHECK(task["id"] != "2");
  CHECK(tasks.size() > 0);

  s.add_user("truong_kt", "head", "kinh_te");
  std::string cookie = s.sign_in("truong_kt");
  CHECK(s.get("/nhiem-vu/2", cookie).status == 403);
  auto page = s.get("/nhiem-vu", cookie);
  CHECK(page.status == 200);
  CHECK(page.body.find("href=\"/nhiem-vu/2\"") == std::string::npos);
  CHECK(page.body.find("href=\"/nhiem-vu/1\"") != std::string::npos);
}

TEST_CASE("web: approving an extension in the page moves the due date in status") {
  t::WebServed s;
  narrow_task_2(s);
  std::string cookie = s.sign_in("admin1");
  std::string csrf = t::csrf_of(s.get("/nhiem-vu/2", cookie).body);
  REQUIRE(!csrf.empty());
  auto asked =
      s.post("/nhiem-vu/2/cap-nhat",
             "csrf=" + csrf + "&body=vh_xh&status=extension_requested&new_due=2026-12-31", cookie);
  CHECK(asked.status == 303);
  auto page = s.get("/nhiem-vu/2", cookie);
  CHECK(page.body.find("Đồng ý gia hạn") != std::string::npos);
  auto approved =
      s.post("/nhiem-vu/2/gia-han", "csrf=" + csrf + "&body=vh_xh&decision=approve", cookie);
  CHECK(approved.status == 303);
  CHECK(approved.header("Location") == "/nhiem-vu/2");
  bool found = false;
  for (const auto& o : status_json(s)["obligations"]) {
    if (o["task"] == "2" && o["body"] == "vh_xh") {
      found = true;
      CHECK(o["due"] == "2026-12-31");
    }
  }
  CHECK(found);
  auto audit = t::run_dondoc({"--db", s.db, "audit"});
  CHECK(audit.out.find("admin1") != std::string::npos);
}

TEST_CASE("web: with two communes each URL takes its commune; a commune role only its own") {
  t::WebServed s;
  REQUIRE(t::run_dondoc({"--db", s.db, "commune", "add", "xa_b", "--name", "Xã B"}).exit_code == 0);
  std::string cookie = s.sign_in("admin1");
  auto own = s.get("/xa/truong_giang/nhiem-vu", cookie);
  CHECK(own.status == 200);
  CHECK(own.body.find("href=\"/xa/truong_giang/nhiem-vu/1\"") != std::string::npos);
  auto short_url = s.get("/nhiem-vu", cookie);
  CHECK(short_url.status == 303);
  CHECK(short_url.header("Location") == "/xa/truong_giang/nhiem-vu");
  CHECK(s.get("/xa/xa_b/nhiem-vu", cookie).status == 403);
  CHECK(s.get("/xa/khong_co/nhiem-vu", cookie).status == 404);
  std::string leader = token(s, {"--role", "leader", "--commune", "truong_giang"});
  auto api = s.get("/api/v1/communes/truong_giang/summary", "", "Bearer " + leader);
  CHECK(api.status == 200);
  CHECK(s.get("/api/v1/communes/xa_b/summary", "", "Bearer " + leader).status == 403);
}
