// The task page's actions against a real `dondoc serve`: a blocker marked handled leaves Cần xử
// lý, its note is in the task's history and the audit names the user; an ad-hoc reminder is
// queued once, a second within the hour is refused in words and queues nothing.
#include <catch2/catch.hpp>

#include "tests/app/web_support.h"

namespace t = dondoc::testing;
using nlohmann::json;

namespace {

// The first open obligation of vh_xh on a task (not a report), from `status --json`.
std::string a_task_of(const std::string& db, const std::string& body) {
  auto j = json::parse(t::run_dondoc({"--db", db, "status", "--json"}).out);
  for (const auto& o : j["obligations"]) {
    if (o["body"] == body && !o["cycle"].is_string() && o["status"] != "done") {
      return o["task"].get<std::string>();
    }
  }
  FAIL("no open task for " << body);
  return {};
}

std::string flash_of(const t::HttpReply& r) {
  std::string c = r.header("Set-Cookie");
  return c.substr(0, c.find(';'));
}

int outbox_reminders(const std::string& db, const std::string& body) {
  auto j = json::parse(t::run_dondoc({"--db", db, "outbox", "--json"}).out)["messages"];
  int n = 0;
  for (const auto& m : j) {
    if (m["kind"] == "reminder" && m.dump().find(body) != std::string::npos) ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("web: a blocker marked handled leaves Cần xử lý, its note in history, audited") {
  t::WebServed s;
  std::string cookie = s.sign_in("admin1");
  std::string task = a_task_of(s.db, "vh_xh");
  std::string path = "/nhiem-vu/" + task;
  std::string csrf = t::csrf_of(s.get(path, cookie).body);
  auto rec = s.post(path + "/cap-nhat",
                    "csrf=" + csrf + "&body=vh_xh&status=blocked&reason=chua+co+kinh+phi", cookie);
  REQUIRE(rec.status == 303);
  auto overview = s.get("/", cookie).body;
  REQUIRE(overview.find("chua co kinh phi") != std::string::npos);  // in Cần xử lý

  auto done =
      s.post(path + "/vuong-mac", "csrf=" + csrf + "&body=vh_xh&note=da+cap+kinh+phi", cookie);
  REQUIRE(done.status == 303);
  overview = s.get("/", cookie).body;
  CHECK(overview.find("chua co kinh phi") == std::string::npos);
  auto page = s.get(path, cookie).body;
  CHECK(page.find("Đã xử lý vướng mắc") != std::string::npos);
  CHECK(page.find("da cap kinh phi") != std::string::npos);
  auto audit = t::run_dondoc({"--db", s.db, "audit", "--json"}).out;
  auto at = audit.find("blocker_handled");
  REQUIRE(at != std::string::npos);
  CHECK(audit.find("web:admin1", at > 400 ? at - 400 : 0) != std::string::npos);
}

TEST_CASE("web: an ad-hoc reminder is queued once; a second within the hour is refused") {
  t::WebServed s;
  std::string cookie = s.sign_in("admin1");
  std::string task = a_task_of(s.db, "vh_xh");
  std::string path = "/nhiem-vu/" + task;
  std::string csrf = t::csrf_of(s.get(path, cookie).body);
  int before = outbox_reminders(s.db, "vh_xh");
  auto first = s.post(path + "/nhac", "csrf=" + csrf + "&body=vh_xh", cookie);
  REQUIRE(first.status == 303);
  CHECK(outbox_reminders(s.db, "vh_xh") == before + 1);
  auto second = s.post(path + "/nhac", "csrf=" + csrf + "&body=vh_xh", cookie);
  REQUIRE(second.status == 303);
  CHECK(outbox_reminders(s.db, "vh_xh") == before + 1);  // nothing more queued
  // The refusal is the flash shown on the next page.
  std::string flash = flash_of(second);
  auto shown = s.get(path, cookie + "; " + flash).body;
  CHECK(shown.find("mỗi cơ quan chỉ nhận một tin nhắc") != std::string::npos);
}
