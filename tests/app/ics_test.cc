// `dondoc ics` and the subscription URLs, as a user meets them: the CLI's file read by Python's
// icalendar (python3-icalendar), bad input, and GET /lich/ics/<token>.ics over real HTTP on
// loopback (wrong or revoked token: 404), the dashboard panel that creates one.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/app/web_support.h"

using namespace dondoc::testing;
using nlohmann::json;

namespace {

// Every event of the file as {uid: {"start": "YYYY-MM-DD", "triggers": [seconds], "summary"}},
// read by a real reader: /usr/bin/python3 with the icalendar package.
const char* const kReader = R"py(
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = {'name': str(cal.get('X-WR-CALNAME')), 'events': {}}
for ev in cal.walk('VEVENT'):
    start = ev.decoded('DTSTART')
    triggers = [int(a.decoded('TRIGGER').total_seconds()) for a in ev.walk('VALARM')]
    out['events'][str(ev['UID'])] = {'start': start.isoformat(), 'triggers': triggers,
                                     'summary': str(ev['SUMMARY'])}
print(json.dumps(out, ensure_ascii=False))
)py";

json read_with_python(const TempDir& dir, const std::string& ics) {
  write_text(dir.file("read.py"), kReader);
  std::string cmd = "/usr/bin/python3 " + dir.file("read.py") + " " + ics;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  REQUIRE(pclose(p) == 0);
  return json::parse(out);
}

std::string token_path(const std::string& db, const std::string& body) {
  auto r = run_dondoc({"--db", db, "ics", "token", "add", "--body", body, "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out)["path"].get<std::string>();
}

}  // namespace

TEST_CASE("ics -o FILE: python's icalendar reads the right dates and alarm triggers") {
  TempDir dir;
  std::string db = dir.file("d.db");
  REQUIRE(run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
  auto r = run_dondoc({"--db", db, "ics", "--body", "Phòng Kinh tế", "-o", dir.file("kt.ics"),
                       "--now", "2025-10-15T09:00+07:00"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  json feed = read_with_python(dir, dir.file("kt.ics"));
  CHECK(feed["name"] == "Hạn nhiệm vụ và báo cáo — Phòng Kinh tế");
  const json& monthly = feed["events"]["report||monthly|2025-10|kinh_te@dondoc"];
  CHECK(monthly["start"] == "2025-10-17");  // 19/10 is a Sunday: the Friday before
  CHECK(monthly["summary"] == "Hạn nộp báo cáo tháng 10/2025");
  // 3 and 1 working days before at 08:00 (Tue 14/10, Thu 16/10), and 08:00 on the day.
  CHECK(monthly["triggers"] == json::array({-3 * 86400 + 8 * 3600, -16 * 3600, 8 * 3600}));
  const json& annual = feed["events"]["report||annual|2025|kinh_te@dondoc"];
  CHECK(annual["start"] == "2025-11-28");
  CHECK(annual["triggers"].size() == 4);  // the annual cycle's own reminders: 5, 3, 1 and the day
}

TEST_CASE("ics: bad input exits 2 naming it, nothing written") {
  TempDir dir;
  std::string db = dir.file("d.db");
  REQUIRE(run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
  auto r = run_dondoc({"--db", db, "ics", "--body", "phong_ma", "-o", dir.file("x.ics")});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("phong_ma") != std::string::npos);
  CHECK_FALSE(std::ifstream(dir.file("x.ics")).good());
  CHECK(run_dondoc({"--db", db, "ics", "thua"}).exit_code == 2);
  CHECK(run_dondoc({"--db", db, "ics", "token", "revoke", "abc"}).exit_code == 2);
  CHECK(run_dondoc({"--db", db, "ics", "token", "revoke", "42"}).exit_code == 2);
  CHECK(run_dondoc({"--db", db, "ics", "token", "add", "--body", "phong_ma"}).exit_code == 2);
  auto whole = run_dondoc({"--db", db, "ics"});
  CHECK(whole.exit_code == 0);
  CHECK(whole.out.rfind("BEGIN:VCALENDAR\r\n", 0) == 0);
}

TEST_CASE("GET /lich/ics/<token>.ics: the feed for a live token, 404 for a wrong or revoked one") {
  WebServed web;
  std::string path = token_path(web.db, "kinh_te");
  auto ok = web.get(path);
  REQUIRE(ok.status == 200);
  CHECK(ok.header("Content-Type") == "text/calendar; charset=utf-8");
  CHECK(ok.body.rfind("BEGIN:VCALENDAR\r\n", 0) == 0);
  CHECK(ok.body.find("Phòng Kinh tế") != std::string::npos);
  std::string wrong = path;
  wrong[wrong.size() - 5] = wrong[wrong.size() - 5] == '0' ? '1' : '0';
  CHECK(web.get(wrong).status == 404);
  CHECK(web.get("/lich/ics/khong-co.ics").status == 404);
  CHECK(web.get(path.substr(0, path.size() - 4)).status == 404);  // without ".ics"
  auto list = run_dondoc({"--db", web.db, "ics", "token", "list", "--json"});
  REQUIRE(list.exit_code == 0);
  auto id = json::parse(list.out)["tokens"][0]["id"].get<int>();
  REQUIRE(run_dondoc({"--db", web.db, "ics", "token", "revoke", std::to_string(id)}).exit_code ==
          0);
  CHECK(web.get(path).status == 404);
}

TEST_CASE("the body page lets the secretariat create a subscription URL, shown once") {
  WebServed web;
  std::string cookie = web.sign_in("admin1");
  auto page = web.get("/co-quan/kinh_te", cookie);
  REQUIRE(page.status == 200);
  CHECK(page.body.find("Đăng ký lịch (ICS)") != std::string::npos);
  auto created = web.post("/lich/dia-chi", "csrf=" + csrf_of(page.body) + "&body=kinh_te", cookie);
  REQUIRE(created.status == 200);
  auto at = created.body.find("/lich/ics/");
  REQUIRE(at != std::string::npos);
  std::string path = created.body.substr(at, created.body.find(".ics", at) + 4 - at);
  CHECK(web.get(path).status == 200);
  // The leader may look at the body page but gets no panel.
  std::string leader = web.sign_in("lanhdao");
  CHECK(web.get("/co-quan/kinh_te", leader).body.find("Đăng ký lịch") == std::string::npos);
}
