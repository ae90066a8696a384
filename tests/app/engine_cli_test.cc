#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "rules/date.h"
#include "storage/database.h"
#include "tests/support/process.h"

using namespace dondoc::testing;
using nlohmann::json;

namespace {

std::string demo_db(const TempDir& dir) {
  std::string db = dir.file("d.db");
  REQUIRE(run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
  return db;
}

}  // namespace

TEST_CASE("preview Oct-Dec 2026: monthly before the 20th, quarterly before 10/12, working days") {
  TempDir dir;
  auto db = demo_db(dir);
  auto r = run_dondoc({"--db", db, "preview", "--from", "2026-10-01", "--days", "92", "--json"});
  REQUIRE(r.exit_code == 0);
  auto items = json::parse(r.out)["items"];
  int monthly = 0, quarterly = 0;
  for (const auto& it : items) {
    auto at = *dondoc::parse_instant(it["at"].get<std::string>());
    int wd = dondoc::weekday_of(dondoc::local_date(at));
    CHECK((wd != 0 && wd != 6));
    if (it["kind"] != "reminder" || it["cycle"].is_null()) continue;
    int dom = dondoc::day_of(dondoc::local_date(at));
    if (it["cycle"] == "monthly") {
      ++monthly;
      CHECK(dom < 20);
    }
    if (it["cycle"] == "quarterly") {
      ++quarterly;
      CHECK(it["due"] == "2026-12-09");
      CHECK(dondoc::local_date(at) < *dondoc::parse_date("2026-12-10"));
    }
    if (it["cycle"] == "monthly" && it["due"] == "2026-12-18")
      CHECK(it["nominal_due"] == "2026-12-19");
  }
  CHECK(monthly > 0);
  CHECK(quarterly > 0);
  // A dry run: nothing stored.
  auto out = run_dondoc({"--db", db, "outbox", "--json"});
  CHECK(json::parse(out.out)["messages"].empty());
}

TEST_CASE("tick, outbox, record, status and audit from the command line") {
  TempDir dir;
  auto db = demo_db(dir);
  auto t1 = run_dondoc({"--db", db, "tick", "--now", "2026-12-01T07:00+07:00", "--json"});
  REQUIRE(t1.exit_code == 0);
  auto t2 = run_dondoc({"--db", db, "tick", "--now", "2026-12-15T01:00Z", "--json"});
  REQUIRE(t2.exit_code == 0);
  CHECK(json::parse(t2.out)["queued"].get<int>() > 0);
  auto t3 = run_dondoc({"--db", db, "tick", "--now", "2026-12-15T08:00+07:00", "--json"});
  CHECK(json::parse(t3.out) == json::parse(R"({"queued":0,"by_kind":{}})"));
  auto ob = json::parse(run_dondoc({"--db", db, "outbox", "--json", "--status", "pending"}).out);
  REQUIRE_FALSE(ob["messages"].empty());
  CHECK(ob["messages"][0]["not_before"].get<std::string>().find("+07:00") != std::string::npos);

  auto bad =
      run_dondoc({"--db", db, "record", "--task", "nope", "--body", "kinh_te", "--status", "done"});
  CHECK(bad.exit_code == 2);
  CHECK(run_dondoc({"--db", db, "tick", "--now", "yesterday"}).exit_code == 2);

  auto rec =
      run_dondoc({"--db", db, "record", "--cycle", "monthly", "--period", "2026-12", "--body",
                  "kinh_te", "--status", "done", "--now", "2026-12-16T10:00+07:00", "--json"});
  REQUIRE(rec.exit_code == 0);
  CHECK(json::parse(rec.out)["message"] ==
        "Đã ghi nhận: Báo cáo tháng 12/2026 — đã gửi (đúng hạn)");
  auto st = json::parse(run_dondoc({"--db", db, "status", "--json", "--body", "kinh_te", "--now",
                                    "2026-12-16T11:00+07:00"})
                            .out);
  bool found = false;
  for (const auto& o : st["obligations"])
    if (o["cycle"] == "monthly" && o["period"] == "2026-12") {
      found = true;
      CHECK(o["status"] == "done");
      CHECK(o["overdue"] == false);
    }
  CHECK(found);
  auto audit = json::parse(run_dondoc({"--db", db, "audit", "--json"}).out);
  bool change = false;
  for (const auto& e : audit["entries"]) change |= e["kind"] == "status_change";
  CHECK(change);
}

TEST_CASE("record: a continuous task's status, a coordinator's, and a body not assigned") {
  TempDir dir;
  std::string db = demo_db(dir);
  REQUIRE(run_dondoc({"--db", db, "tick", "--now", "2026-11-02T07:00+07:00"}).exit_code == 0);
  auto r = run_dondoc({"--db", db, "record", "--task", "3", "--body", "vh_xh", "--status", "done",
                       "--now", "2026-11-20T09:00+07:00"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "Đã ghi nhận: Nhiệm vụ 3 — hoàn thành\n");
  auto c = run_dondoc({"--db", db, "record", "--task", "2", "--body", "kinh_te", "--status",
                       "in_progress", "--percent", "30", "--now", "2026-11-20T09:00+07:00"});
  CHECK(c.exit_code == 0);
  CHECK(c.out == "Đã ghi nhận: Nhiệm vụ 2 — đang thực hiện 30%\n");
  auto no = run_dondoc({"--db", db, "record", "--task", "2", "--body", "tt_dang_uy", "--status",
                        "done", "--now", "2026-11-20T09:00+07:00"});
  CHECK(no.exit_code == 2);
  CHECK(no.err.find(
            "Thường trực Đảng ủy không được giao Nhiệm vụ 2 (chủ trì: Phòng Văn hóa - Xã hội;") !=
        std::string::npos);

  auto s = run_dondoc(
      {"--db", db, "status", "--json", "--body", "vh_xh", "--now", "2026-11-20T10:00+07:00"});
  REQUIRE(s.exit_code == 0);
  bool continuous = false, report_ack = false;
  json status = json::parse(s.out);
  for (const auto& o : status["obligations"]) {
    if (o["task"] == "3") {
      continuous = true;
      CHECK(o["status"] == "done");
      CHECK(o["due"].is_null());
      CHECK(o["overdue"] == false);
      CHECK(o["last_reply"] == "2026-11-20T09:00+07:00");
    }
    if (o["cycle"] == "monthly" && o["period"] == "2026-11")
      report_ack = o["last_reply"] == "2026-11-20T09:00+07:00";
  }
  CHECK(continuous);
  CHECK_FALSE(report_ack);  // a task reply is not a report (issue 12)
}

TEST_CASE("status without --json: a Vietnamese table with names, roles and statuses") {
  TempDir dir;
  auto db = demo_db(dir);
  REQUIRE(run_dondoc({"--db", db, "record", "--task", "3", "--body", "vh_xh", "--status", "done",
                      "--now", "2026-11-20T09:00+07:00"})
              .exit_code == 0);
  REQUIRE(run_dondoc({"--db", db, "record", "--task", "2", "--body", "vh_xh", "--status",
                      "in_progress", "--percent", "60", "--now", "2026-11-20T09:00+07:00"})
              .exit_code == 0);
  auto r = run_dondoc({"--db", db, "status", "--body", "vh_xh", "--now", "2026-11-24T09:00+07:00"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Tình hình thực hiện ngày 24/11/2026") == 0);
  // A continuous task has no due date, so its "done" is neither on time nor late.
  CHECK(r.out.find("Phòng Văn hóa - Xã hội (chủ trì) | hoàn thành | thường xuyên") !=
        std::string::npos);
  CHECK(r.out.find("đang thực hiện 60% | hạn 30/09/2025 | QUÁ HẠN") != std::string::npos);
  // Phòng Văn hóa - Xã hội receives the reports: it does not report to itself (issue 12).
  CHECK(r.out.find("Báo cáo tháng 12/2026 | Phòng Văn hóa - Xã hội") == std::string::npos);
  CHECK(r.out.find("vh_xh") == std::string::npos);
}

TEST_CASE("a message the sender gave up on is reported once to the secretariat") {
  TempDir dir;
  auto db = demo_db(dir);
  REQUIRE(run_dondoc({"--db", db, "tick", "--now", "2026-12-01T07:00+07:00"}).exit_code == 0);
  REQUIRE(run_dondoc({"--db", db, "tick", "--now", "2026-12-15T01:00Z"}).exit_code == 0);
  auto ob = json::parse(run_dondoc({"--db", db, "outbox", "--json"}).out)["messages"];
  json victim;
  for (const auto& m : ob)
    if (m["recipient"] == "kinh_te") victim = m;
  REQUIRE(victim.is_object());
  auto mark_failed = [&](std::int64_t id, const std::string& error) {
    dondoc::Database d(db);
    dondoc::sql::Statement st(
        d.sql(), "UPDATE outbox SET status='failed', attempts=8, last_error=? WHERE id=?");
    st.bind(1, error);
    st.bind(2, id);
    REQUIRE(st.exec() == 1);
  };
  mark_failed(victim["id"].get<std::int64_t>(), "no linked chat");

  auto notices = [&] {
    std::vector<json> out;
    auto all = json::parse(run_dondoc({"--db", db, "outbox", "--json"}).out);
    for (const auto& m : all["messages"])
      if (m["text"].get<std::string>().find("Không gửi được") != std::string::npos)
        out.push_back(m);
    return out;
  };
  REQUIRE(run_dondoc({"--db", db, "tick", "--now", "2026-12-15T08:00+07:00"}).exit_code == 0);
  auto n = notices();
  REQUIRE(n.size() == 1);
  CHECK(n[0]["recipient"] == "vp_dang_uy");
  std::string text = n[0]["text"];
  CHECK(text.find("Không gửi được 1 tin nhắn sau nhiều lần thử:\n") != std::string::npos);
  CHECK(text.find("- tới Phòng Kinh tế (chưa liên kết tài khoản trò chuyện): ") !=
        std::string::npos);

  // A second tick queues no second notice; nor does the notice itself failing.
  REQUIRE(run_dondoc({"--db", db, "tick", "--now", "2026-12-15T09:00+07:00"}).exit_code == 0);
  CHECK(notices().size() == 1);
  mark_failed(n[0]["id"].get<std::int64_t>(), "HTTP 500");
  REQUIRE(run_dondoc({"--db", db, "tick", "--now", "2026-12-15T10:00+07:00"}).exit_code == 0);
  CHECK(notices().size() == 1);
}

TEST_CASE("init --force starts over: the old plan's statuses and messages do not carry over") {
  TempDir dir;
  auto db = demo_db(dir);
  REQUIRE(run_dondoc({"--db", db, "tick", "--now", "2026-12-15T08:00+07:00"}).exit_code == 0);
  REQUIRE(run_dondoc({"--db", db, "record", "--task", "3", "--body", "vh_xh", "--status", "done",
                      "--now", "2026-12-15T09:00+07:00"})
              .exit_code == 0);
  REQUIRE(run_dondoc({"--db", db, "link", "--body", "kinh_te"}).exit_code == 0);
  auto pending = [&db] {
    return json::parse(run_dondoc({"--db", db, "outbox", "--json"}).out)["messages"].size();
  };
  REQUIRE(pending() > 0);

  auto forced = run_dondoc({"--db", db, "init", "--demo", "--force"});
  REQUIRE(forced.exit_code == 0);
  CHECK(forced.out.find("Đã xóa trạng thái theo dõi của kế hoạch cũ") != std::string::npos);
  CHECK(pending() == 0);
  auto st = json::parse(run_dondoc({"--db", db, "status", "--json", "--body", "vh_xh", "--now",
                                    "2026-12-15T10:00+07:00"})
                            .out);
  for (const auto& o : st["obligations"]) CHECK(o["status"] != "done");
  dondoc::Database d(db);
  for (const char* table : {"send_log", "engine_obligations", "link_codes"}) {
    INFO(table);
    CHECK(d.sql().exec_and_get(std::string("SELECT count(*) FROM ") + table).as_int() == 0);
  }
  // The audit trail keeps the old plan's history and says when it started over.
  auto audit = json::parse(run_dondoc({"--db", db, "audit", "--json"}).out);
  bool reset = false, old_status = false;
  for (const auto& e : audit["entries"]) {
    reset |= e["kind"] == "tracking_reset";
    old_status |= e["kind"] == "status_change";
  }
  CHECK(reset);
  CHECK(old_status);
}

TEST_CASE("record, status and link take a body's name or alias as well as its id") {
  TempDir dir;
  auto db = demo_db(dir);
  auto rec = run_dondoc({"--db", db, "record", "--task", "2", "--body", "PHONG VAN HOA - XA HOI",
                         "--status", "in_progress", "--percent", "40", "--now",
                         "2025-09-20T09:00+07:00", "--json"});
  INFO(rec.err);
  REQUIRE(rec.exit_code == 0);
  auto st = run_dondoc({"--db", db, "status", "--body", "Phòng Văn hóa - Xã hội", "--json", "--now",
                        "2025-09-20T10:00+07:00"});
  REQUIRE(st.exit_code == 0);
  INFO(st.out);
  bool seen = false;
  const json listed = json::parse(st.out);
  for (const auto& o : listed["obligations"]) {
    CHECK(o["body"] == "vh_xh");
    if (o["task"] == "2" && o["percent"] == 40) seen = true;
  }
  CHECK(seen);
  CHECK(run_dondoc({"--db", db, "link", "--body", "phòng kinh tế", "--json"}).exit_code == 0);
  auto bad = run_dondoc({"--db", db, "status", "--body", "Phòng Y tế"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("\"Phòng Y tế\"") != std::string::npos);
}
