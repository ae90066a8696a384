// Continuous tasks ("Thường xuyên"), reports submitted only when the body says so, clear errors for
// bodies not assigned, and the committee digest counted by task.
#include <catch2/catch.hpp>

#include "engine/commands.h"
#include "engine/messages_vi.h"
#include "engine/scheduler.h"
#include "tests/engine/fixture.h"
#include "tests/support/memory_store.h"

using namespace dondoc;
using namespace dondoc::testing;

namespace {

// The fixture plus task 9, continuous, led by kinh_te.
EngineState with_continuous() {
  EngineState st = demo_state();
  Task t;
  t.id = "9";
  t.title = "Tuyên truyền chuyển đổi số";
  t.lead = {"kinh_te"};
  t.deadline_text = "Thường xuyên";
  t.deadline.kind = DeadlineSpec::Kind::continuous;
  st.plan.tasks.push_back(t);
  derive_all_assignees(st.plan);
  return st;
}

Command status(std::string task, std::string body, Status s, const char* when) {
  Command c;
  c.task = std::move(task);
  c.body = std::move(body);
  c.status = s;
  c.at = at(when);
  c.source = "cli:test";
  return c;
}

const ObligationState* find(const EngineState& st, const std::string& id) {
  auto it = st.obligations.find(id);
  return it == st.obligations.end() ? nullptr : &it->second;
}

}  // namespace

TEST_CASE("a status on a continuous task is recorded per task and body, with no due date") {
  MemoryStore s(with_continuous());
  s.tick(at("2026-11-01T07:00+07:00"));
  auto b = apply_command(s.state(), status("9", "kinh_te", Status::done, "2026-11-20T09:00+07:00"));
  REQUIRE(b);
  CHECK(b->messages.at(0).text == "Đã ghi nhận: Nhiệm vụ 9 — hoàn thành");
  CHECK_FALSE(b->messages.at(0).due);
  s.apply(*b);
  const ObligationState* st = find(s.state(), "task|9|||kinh_te");
  REQUIRE(st);
  CHECK(st->status == Status::done);
  // A task reply is not a report: the body's reports are untouched.
  CHECK_FALSE(find(s.state(), "report||monthly|2026-11|kinh_te"));
  CHECK(b->states.size() == 1);
  auto cont = continuous_obligations(s.state().plan);
  REQUIRE(cont.size() == 1);
  CHECK_FALSE(cont[0].dated);

  auto ext = status("9", "kinh_te", Status::extension_requested, "2026-11-20T09:00+07:00");
  ext.new_due = day("2026-12-31");
  auto e = apply_command(s.state(), ext);
  REQUIRE_FALSE(e);
  CHECK(e.error() == "Nhiệm vụ 9 thực hiện thường xuyên, không có hạn để gia hạn");
}

TEST_CASE("a report is submitted when the body says so, not by task replies") {
  MemoryStore s(with_continuous());
  s.tick(at("2026-11-01T07:00+07:00"));
  s.apply(*apply_command(s.state(),
                         status("3", "kinh_te", Status::in_progress, "2026-11-10T09:00+07:00")));
  s.apply(
      *apply_command(s.state(), status("9", "kinh_te", Status::done, "2026-11-12T09:00+07:00")));
  CHECK_FALSE(find(s.state(), "report||monthly|2026-11|kinh_te"));
  // Still reminded of the report.
  bool reminded = false;
  for (Date d = day("2026-11-12"); d < day("2026-11-20"); d += std::chrono::days{1})
    for (const auto& m : s.tick(local_instant(d, 16 * 60)))
      for (const auto& k : m.send_keys)
        reminded |= k.rfind("rem|report||monthly|2026-11|kinh_te|", 0) == 0;
  CHECK(reminded);
  // "Báo cáo tháng 11 đã gửi": a command for the cycle, status done.
  Command c = status("", "kinh_te", Status::done, "2026-11-20T09:00+07:00");
  c.cycle = "monthly";
  c.period = "2026-11";
  auto b = apply_command(s.state(), c);
  REQUIRE(b);
  CHECK(b->messages.at(0).text == "Đã ghi nhận: Báo cáo tháng 11/2026 — đã gửi (muộn)");
  s.apply(*b);
  CHECK(find(s.state(), "report||monthly|2026-11|kinh_te")->status == Status::done);
  for (Date d = day("2026-11-20"); d < day("2026-12-01"); d += std::chrono::days{1})
    for (const auto& m : s.tick(local_instant(d, 16 * 60)))
      for (const auto& k : m.send_keys) CHECK(k.find("|2026-11|kinh_te") == std::string::npos);
}

TEST_CASE("statuses from a coordinator, and from a body not assigned to the task") {
  MemoryStore s(with_continuous());
  auto b =
      apply_command(s.state(), status("3", "vh_xh", Status::in_progress, "2026-11-20T09:00+07:00"));
  REQUIRE(b);
  CHECK(b->states.at(0).id == "task|3|||vh_xh");
  CHECK(b->messages.at(0).text == "Đã ghi nhận: Nhiệm vụ 3 — đang thực hiện");
  auto no = apply_command(s.state(), status("9", "vh_xh", Status::done, "2026-11-20T09:00+07:00"));
  REQUIRE_FALSE(no);
  CHECK(no.error() ==
        "Phòng Văn hóa - Xã hội không được giao Nhiệm vụ 9 (chủ trì: Phòng Kinh tế; phối hợp: "
        "không có)");
  auto unknown =
      apply_command(s.state(), status("9", "nope", Status::done, "2026-11-20T09:00+07:00"));
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error() == "Không có cơ quan \"nope\" trong kế hoạch");
}

TEST_CASE("the committee digest: what is new first, each body once with role and progress") {
  EngineState st = demo_state();
  st.rules.report_cycles.clear();  // only task 3: lead kinh_te, coordinator vh_xh
  MemoryStore s(st);
  s.tick(at("2027-01-04T07:00+07:00"));  // due 31/12/2026: the ladder counts from 04/01
  auto vh = status("3", "vh_xh", Status::in_progress, "2027-01-05T10:00+07:00");
  vh.percent = 50;
  s.apply(*apply_command(s.state(), vh));
  std::vector<const Message*> digests;
  for (Date d = day("2027-01-04"); d < day("2027-01-30"); d += std::chrono::days{1}) {
    s.tick(local_instant(d, 9 * 60));
  }
  for (const auto& m : s.outbox())
    if (m.recipient == "tt_dang_uy") digests.push_back(&m);
  REQUIRE(digests.size() == 2);  // the day it reached the committee, then the next Monday
  CHECK(digests[0]->text ==
        "Kính gửi các đồng chí Thường trực Đảng ủy,\n"
        "Tình hình thực hiện Kế hoạch ngày 18/01/2027: 1 nhiệm vụ quá hạn, 0 vướng mắc.\n"
        "Mới chuyển đến:\n"
        "- Nhiệm vụ 3: Xây dựng kế hoạch chuyển đổi số (hạn 31/12/2026, quá hạn 11 ngày làm "
        "việc): Phòng Kinh tế (chủ trì, chưa báo cáo tiến độ); Phòng Văn hóa - Xã hội (phối hợp, "
        "đang thực hiện 50%)");
  CHECK(local_date(digests[1]->not_before) == day("2027-01-25"));
  CHECK(digests[1]->text.find("Đã báo cáo trước đây, chưa xong:\n- Nhiệm vụ 3:") !=
        std::string::npos);
}

TEST_CASE("long lateness in plain words") {
  CHECK(vi::overdue_words(day("2026-12-31"), day("2027-01-15"), 10) == "quá hạn 10 ngày làm việc");
  CHECK(vi::overdue_words(day("2026-09-30"), day("2026-12-30"), 65) == "quá hạn 3 tháng");
  CHECK(vi::overdue_words(day("2026-09-30"), day("2027-01-15"), 75) == "quá hạn hơn 3 tháng");
  CHECK(vi::overdue_words(day("2023-12-31"), day("2026-10-01"), 760) == "quá hạn hơn 2 năm");
}

TEST_CASE("a blocker on a continuous task goes at once to the leader in charge") {
  MemoryStore s(with_continuous());
  s.tick(at("2026-11-01T07:00+07:00"));
  auto c = status("9", "kinh_te", Status::blocked, "2026-11-03T09:00+07:00");
  c.reason = "thiếu kinh phí";
  s.apply(*apply_command(s.state(), c));
  auto ms = s.tick(at("2026-11-03T09:01+07:00"));
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].recipient == "pct_ubnd");
  CHECK(ms[0].kind == MessageKind::blocker);
  CHECK(ms[0].task == "9");
  CHECK_FALSE(ms[0].due);
  CHECK(ms[0].text.find("thiếu kinh phí") != std::string::npos);
  CHECK(s.tick(at("2026-11-03T09:02+07:00")).empty());
}
