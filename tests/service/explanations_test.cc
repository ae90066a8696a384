// Explanation requests (issue 16 §3) on the demo plan in a real database: refused when nothing is
// overdue, queued to the body with a deadline in working days, answered, and climbing the
// escalation ladder when unanswered; bad input changes nothing.
#include <catch2/catch.hpp>

#include "service/explanations.h"
#include "storage/engine_store.h"
#include "tests/service/dashboard_fixture.h"

using namespace dondoc;
using namespace dondoc::testing;

namespace {

int count(Database& db, const std::string& sql) { return db.sql().exec_and_get(sql).as_int(); }

service::AskExplanation ask_nv2(const char* when) {
  service::AskExplanation a;
  a.body = "vh_xh";
  a.task = "2";
  a.reason = "Đề nghị nêu rõ nguyên nhân chậm.";
  a.asked_by = "lanh_dao";
  a.at = at(when);
  return a;
}

// Ticks every working hour from `from` to `to` (local dates, inclusive).
void tick_days(Database& db, const char* from, const char* to) {
  for (Date d = *parse_date(from); d <= *parse_date(to); d += std::chrono::days{1})
    for (int h = 7; h <= 17; ++h) REQUIRE(service::tick(db, FixedClock(local_instant(d, h * 60))));
}

int rows_about(Database& db, const std::string& recipient, const std::string& words) {
  int n = 0;
  for (const auto& r : list_outbox(db, ""))
    if (r.message.recipient == recipient && r.message.text.find(words) != std::string::npos) ++n;
  return n;
}

}  // namespace

TEST_CASE("explanations: refused while the task is not overdue, nothing stored") {
  DashboardDb d;
  d.record("4", "kinh_te", Status::done, "2025-09-26T09:00+07:00");
  int outbox = count(d.db, "SELECT COUNT(*) FROM outbox");
  auto r = service::ask_explanation(d.db, ask_nv2("2025-09-25T09:00+07:00"));
  REQUIRE_FALSE(r);
  CHECK(r.error().find("chưa quá hạn") != std::string::npos);
  auto done_elsewhere = ask_nv2("2025-10-03T09:00+07:00");
  done_elsewhere.body = "khong_co";
  CHECK_FALSE(service::ask_explanation(d.db, done_elsewhere));
  auto both = ask_nv2("2025-10-03T09:00+07:00");
  both.cycle = "monthly";
  CHECK_FALSE(service::ask_explanation(d.db, both));
  auto done = ask_nv2("2025-10-03T09:00+07:00");
  done.task = "4";
  done.body = "kinh_te";
  auto refused = service::ask_explanation(d.db, done);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().find("đã hoàn thành") != std::string::npos);
  CHECK(count(d.db, "SELECT COUNT(*) FROM explanation_requests") == 0);
  CHECK(count(d.db, "SELECT COUNT(*) FROM outbox") == outbox);
  CHECK(count(d.db, "SELECT COUNT(*) FROM audit WHERE kind = 'explanation_requested'") == 0);
}

TEST_CASE("explanations: asked for an overdue task, queued with a working-day deadline") {
  DashboardDb d;
  auto r = service::ask_explanation(d.db, ask_nv2("2025-10-03T09:00+07:00"));  // a Friday
  REQUIRE(r);
  CHECK(r->id == 1);
  CHECK(r->state == "open");
  CHECK(r->due == *parse_date("2025-10-08"));  // 3 working days: Mon 6, Tue 7, Wed 8
  CHECK(r->subject.rfind("Nhiệm vụ 2: ", 0) == 0);
  auto rows = list_outbox(d.db, "pending");
  REQUIRE_FALSE(rows.empty());
  const auto& m = rows.back().message;
  CHECK(m.recipient == "vh_xh");
  CHECK(m.text.find("Thường trực Đảng ủy đề nghị Phòng Văn hóa - Xã hội giải trình việc chậm "
                    "thực hiện Nhiệm vụ 2: ") != std::string::npos);
  CHECK(m.text.find("Hạn trả lời: thứ Tư 08/10/2025 (trong 3 ngày làm việc).") !=
        std::string::npos);
  CHECK(m.text.find("«Giải trình GT1: …»") != std::string::npos);
  CHECK(m.text.find("Nội dung yêu cầu: Đề nghị nêu rõ nguyên nhân chậm.") != std::string::npos);
  CHECK(count(d.db,
              "SELECT COUNT(*) FROM audit WHERE kind = 'explanation_requested' AND "
              "subject = 'GT1'") == 1);
  // A second request on the same task while the first is open is refused.
  CHECK_FALSE(service::ask_explanation(d.db, ask_nv2("2025-10-03T10:00+07:00")));
}

TEST_CASE("explanations: a missing report can be asked about") {
  DashboardDb d;
  service::AskExplanation a;
  a.body = "kinh_te";
  a.cycle = "monthly";
  a.period = "2025-10";
  a.asker_body = "chu_tich";
  a.at = at("2025-10-21T09:00+07:00");
  auto r = service::ask_explanation(d.db, a);
  REQUIRE(r);
  CHECK(r->subject == "Báo cáo tháng 10/2025");
  auto rows = list_outbox(d.db, "pending");
  CHECK(rows.back().message.text.find(
            "Chủ tịch UBND xã đề nghị Phòng Kinh tế giải trình việc chưa gửi Báo cáo tháng "
            "10/2025.") != std::string::npos);
  a.period = "2025-11";  // not due yet
  CHECK_FALSE(service::ask_explanation(d.db, a));
}

TEST_CASE("explanations: answered, listed, the asker told; bad answers change nothing") {
  DashboardDb d;
  REQUIRE(service::ask_explanation(d.db, ask_nv2("2025-10-03T09:00+07:00")));
  Instant t = at("2025-10-06T10:00+07:00");
  CHECK_FALSE(service::answer_explanation(d.db, "vh_xh", 0, "   ", "chat", t));
  CHECK_FALSE(service::answer_explanation(d.db, "kinh_te", 1, "không phải của tôi", "chat", t));
  CHECK_FALSE(service::answer_explanation(d.db, "vh_xh", 7, "không có", "chat", t));
  CHECK(count(d.db, "SELECT COUNT(*) FROM audit WHERE kind = 'explanation_answered'") == 0);
  auto a = service::answer_explanation(d.db, "vh_xh", 0, "Chờ kinh phí  từ huyện.", "chat", t);
  REQUIRE(a);
  CHECK(a->state == "answered");
  CHECK(a->answer == "Chờ kinh phí từ huyện.");
  CHECK(rows_about(d.db, "tt_dang_uy", "đã giải trình GT1") == 1);
  auto again = service::answer_explanation(d.db, "vh_xh", 1, "lần nữa", "chat", t);
  REQUIRE_FALSE(again);
  CHECK(again.error().find("đã được trả lời") != std::string::npos);
  auto list =
      service::list_explanations(d.db, "", *parse_date("2025-10-01"), *parse_date("2025-10-31"), t);
  REQUIRE(list);
  REQUIRE(list->size() == 1);
  CHECK(list->at(0).answer == "Chờ kinh phí từ huyện.");
  CHECK(list->at(0).body_name == "Phòng Văn hóa - Xã hội");
  auto none = service::list_explanations(d.db, "kinh_te", *parse_date("2025-10-01"),
                                         *parse_date("2025-10-31"), t);
  REQUIRE(none);
  CHECK(none->empty());
  CHECK(service::parse_explanation_ref("gt12") == 12);
  CHECK(service::parse_explanation_ref("GT 3") == 3);
  CHECK_FALSE(service::parse_explanation_ref("NV3"));
}

TEST_CASE("explanations: unanswered by the deadline, the request climbs the ladder") {
  DashboardDb d;
  REQUIRE(service::ask_explanation(d.db, ask_nv2("2025-10-03T09:00+07:00")));
  tick_days(d.db, "2025-10-03", "2025-10-17");
  // Reminded before the deadline (rules' reminders: 1 working day before and on the day).
  CHECK(rows_about(d.db, "vh_xh", "Nhắc việc: Yêu cầu giải trình GT1") >= 1);
  // Past it: the secretariat is told (step 3, not_done), and the state shows it overdue.
  CHECK(rows_about(d.db, "vp_dang_uy", "chưa trả lời Yêu cầu giải trình GT1") == 1);
  CHECK(count(d.db,
              "SELECT COUNT(*) FROM audit WHERE kind = 'escalation' AND subject = "
              "'report|GT1|explanation||vh_xh'") >= 3);
  auto list = service::list_explanations(d.db, "vh_xh", *parse_date("2025-10-01"),
                                         *parse_date("2025-10-31"), at("2025-10-17T12:00+07:00"));
  REQUIRE(list);
  CHECK(list->at(0).state == "overdue");
}

TEST_CASE("explanations: answered in time, nothing more is sent about it") {
  DashboardDb d;
  REQUIRE(service::ask_explanation(d.db, ask_nv2("2025-10-03T09:00+07:00")));
  REQUIRE(service::answer_explanation(d.db, "vh_xh", 1, "Đã xong phần việc.", "chat",
                                      at("2025-10-06T09:00+07:00")));
  tick_days(d.db, "2025-10-06", "2025-10-17");
  CHECK(rows_about(d.db, "vh_xh", "Yêu cầu giải trình GT1") == 0);
  CHECK(rows_about(d.db, "vp_dang_uy", "Yêu cầu giải trình GT1") == 0);
  CHECK(count(d.db,
              "SELECT COUNT(*) FROM audit WHERE kind = 'escalation' AND subject LIKE "
              "'%GT1%'") == 0);
}
