// Continuous tasks ("Thường xuyên"), task statuses counting as the body's report, clear errors for
// bodies not assigned, and the committee digest counted by task.
#include <catch2/catch.hpp>

#include "engine/commands.h"
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
  CHECK(b->messages.at(0).text == "Đã ghi nhận: 9 — hoàn thành");
  CHECK_FALSE(b->messages.at(0).due);
  s.apply(*b);
  const ObligationState* st = find(s.state(), "task|9|||kinh_te");
  REQUIRE(st);
  CHECK(st->status == Status::done);
  // It is the body's reply for its current reports: acknowledged (not done: task 3 has none).
  const ObligationState* monthly = find(s.state(), "report||monthly|2026-11|kinh_te");
  REQUIRE(monthly);
  CHECK(monthly->acknowledged_at == at("2026-11-20T09:00+07:00"));
  CHECK(monthly->status == Status::not_started);
  auto cont = continuous_obligations(s.state().plan);
  REQUIRE(cont.size() == 1);
  CHECK_FALSE(cont[0].dated);

  auto ext = status("9", "kinh_te", Status::extension_requested, "2026-11-20T09:00+07:00");
  ext.new_due = day("2026-12-31");
  auto e = apply_command(s.state(), ext);
  REQUIRE_FALSE(e);
  CHECK(e.error() == "nhiệm vụ 9 thực hiện thường xuyên, không có hạn để gia hạn");
}

TEST_CASE("a report counts as done once the body gave a status on each open task that period") {
  MemoryStore s(with_continuous());
  s.tick(at("2026-11-01T07:00+07:00"));
  s.apply(*apply_command(s.state(),
                         status("3", "kinh_te", Status::in_progress, "2026-11-10T09:00+07:00")));
  CHECK(find(s.state(), "report||monthly|2026-11|kinh_te")->status == Status::not_started);
  auto b = apply_command(s.state(), status("9", "kinh_te", Status::done, "2026-11-12T09:00+07:00"));
  REQUIRE(b);
  s.apply(*b);
  const ObligationState* monthly = find(s.state(), "report||monthly|2026-11|kinh_te");
  CHECK(monthly->status == Status::done);
  CHECK(monthly->done_at == at("2026-11-12T09:00+07:00"));
  // The quarterly report (due 09/12) is the current one of its cycle: done as well.
  CHECK(find(s.state(), "report||quarterly|2026-Q4|kinh_te")->status == Status::done);
  // No reminder for it afterwards; December's needs new statuses.
  for (Date d = day("2026-11-12"); d < day("2026-12-19"); d += std::chrono::days{1}) {
    for (const auto& m : s.tick(local_instant(d, 16 * 60)))
      for (const auto& k : m.send_keys) CHECK(k.find("|2026-11|kinh_te") == std::string::npos);
  }
  s.apply(
      *apply_command(s.state(), status("9", "kinh_te", Status::done, "2026-12-01T09:00+07:00")));
  CHECK(find(s.state(), "report||monthly|2026-12|kinh_te")->status != Status::done);
  CHECK(find(s.state(), "report||monthly|2026-12|kinh_te")->acknowledged_at);
}

TEST_CASE("statuses from a coordinator, and from a body not assigned to the task") {
  MemoryStore s(with_continuous());
  auto b =
      apply_command(s.state(), status("3", "vh_xh", Status::in_progress, "2026-11-20T09:00+07:00"));
  REQUIRE(b);
  CHECK(b->states.at(0).id == "task|3|||vh_xh");
  CHECK(b->messages.at(0).text == "Đã ghi nhận: 3 — đang thực hiện 0%");
  auto no = apply_command(s.state(), status("9", "vh_xh", Status::done, "2026-11-20T09:00+07:00"));
  REQUIRE_FALSE(no);
  CHECK(no.error() ==
        "\"vh_xh\" không được giao nhiệm vụ 9 (chủ trì: Phòng Kinh tế; phối hợp: không có)");
  auto unknown =
      apply_command(s.state(), status("9", "nope", Status::done, "2026-11-20T09:00+07:00"));
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error() == "không có cơ quan \"nope\" trong kế hoạch");
}

TEST_CASE("the committee digest counts tasks, one line per task with its overdue bodies") {
  EngineState st = demo_state();
  st.rules.report_cycles.clear();  // only task 3: lead kinh_te, coordinator vh_xh
  MemoryStore s(st);
  s.tick(at("2027-01-04T07:00+07:00"));  // due 31/12/2026: not yet at the committee's step
  const Message* digest = nullptr;
  for (Date d = day("2027-01-04"); d < day("2027-01-25"); d += std::chrono::days{1}) {
    s.tick(local_instant(d, 9 * 60));
  }
  for (const auto& m : s.outbox())
    if (m.recipient == "tt_dang_uy" && !digest) digest = &m;
  REQUIRE(digest);
  CHECK(digest->text ==
        "Báo cáo Thường trực Đảng ủy ngày 15/01/2027: 1 nhiệm vụ quá hạn, 0 vướng mắc\n"
        "- Nhiệm vụ 3: Xây dựng kế hoạch chuyển đổi số — quá hạn 10 ngày làm việc: Phòng Kinh "
        "tế, Phòng Văn hóa - Xã hội");
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
