// Issue 12 §1 and §3, one case per point: extensions move dates (the lead's for its coordinators),
// nothing before the plan's date, members of a group never hear of each other, directing bodies
// and the report's recipient, the rules' knobs, catch-ups in their latest state, office hours,
// one message for reports due the same day, and the wording.
#include <catch2/catch.hpp>

#include "rules/text.h"

#include "engine/commands.h"
#include "engine/messages_vi.h"
#include "engine/scheduler.h"
#include "rules/rules_file.h"
#include "tests/engine/fixture.h"
#include "tests/support/memory_store.h"
#include "tests/support/process.h"

using namespace dondoc;
using namespace dondoc::testing;

namespace {

Command make(Command::Kind kind, std::string task, std::string body, const char* when) {
  Command c;
  c.kind = kind;
  c.task = std::move(task);
  c.body = std::move(body);
  c.at = at(when);
  c.source = "cli:test";
  return c;
}

std::vector<std::string> keys_for(const std::vector<Message>& ms, const std::string& prefix) {
  std::vector<std::string> out;
  for (const auto& m : ms)
    for (const auto& k : m.send_keys)
      if (k.rfind(prefix, 0) == 0) out.push_back(k);
  return out;
}

std::vector<Message> run(MemoryStore& s, Date from, Date to) {
  std::vector<Message> out;
  for (Date d = from; d < to; d += std::chrono::days{1})
    for (int minute : {8 * 60, 16 * 60})
      for (auto& m : s.tick(local_instant(d, minute))) out.push_back(m);
  return out;
}

// The fixture plus a group "phong_ban" (kinh_te, tt_hcc) leading task 5, with vh_xh coordinating
// and the Chủ tịch directing.
EngineState with_group() {
  EngineState st = demo_state();
  st.plan.bodies.push_back(
      body("tt_hcc", "Trung tâm Phục vụ hành chính công", Body::Kind::unit, "chu_tich"));
  Body g = body("phong_ban", "Phòng, ban ngành", Body::Kind::group);
  g.members = {"kinh_te", "tt_hcc"};
  st.plan.bodies.push_back(g);
  Task t;
  t.id = "5";
  t.title = "Số hóa hồ sơ";
  t.lead = {"phong_ban"};
  t.coordinators = {"vh_xh"};
  t.directing = {"chu_tich"};
  t.output = "Hồ sơ số";
  t.deadline.kind = DeadlineSpec::Kind::once;
  t.deadline.due = day("2026-12-31");
  st.plan.tasks.push_back(t);
  derive_all_assignees(st.plan);
  st.plan.tasks.back().assignees.push_back({"chu_tich", Assignee::Role::directing});
  st.rules.report_cycles.clear();
  return st;
}

}  // namespace

TEST_CASE("an approved extension moves the date; the lead's also for its coordinators") {
  MemoryStore s(demo_state());  // task 3: lead kinh_te, coordinator vh_xh, due 31/12/2026
  s.tick(at("2026-12-01T07:00+07:00"));
  auto ask = make(Command::Kind::set_status, "3", "kinh_te", "2026-12-02T10:00+07:00");
  ask.status = Status::extension_requested;
  ask.new_due = day("2027-01-29");
  s.apply(*apply_command(s.state(), ask));
  s.apply(*apply_command(
      s.state(), make(Command::Kind::approve_extension, "3", "kinh_te", "2026-12-03T10:00+07:00")));
  auto ms = run(s, day("2026-12-03"), day("2027-02-10"));
  CHECK(keys_for(ms, "rem|task|3|||kinh_te|").size() >= 2);
  for (const auto& k : keys_for(ms, "rem|task|3|||"))
    CHECK(k.find("2026-12-31") == std::string::npos);
  for (const auto& k : keys_for(ms, "esc|task|3|||"))
    CHECK(k.find("2026-12-31") == std::string::npos);
  CHECK_FALSE(keys_for(ms, "rem|task|3|||vh_xh|d-1|2027-01-29").empty());  // follows the lead
  // The ladder counts from the new date: the first step the next working day after it.
  for (const auto& m : ms)
    for (const auto& k : m.send_keys)
      if (k.rfind("esc|task|3|||kinh_te|", 0) == 0)
        CHECK(local_date(m.not_before) > day("2027-01-29"));
}

TEST_CASE("an approved extension of a report moves that report's date") {
  MemoryStore s(demo_state());  // kinh_te reports monthly to vh_xh by the 19th
  s.tick(at("2026-11-02T07:00+07:00"));
  auto ask = make(Command::Kind::set_status, "", "kinh_te", "2026-11-03T10:00+07:00");
  ask.cycle = "monthly";
  ask.period = "2026-11";
  ask.status = Status::extension_requested;
  ask.new_due = day("2026-11-27");
  s.apply(*apply_command(s.state(), ask));
  auto ok = make(Command::Kind::approve_extension, "", "kinh_te", "2026-11-04T10:00+07:00");
  ok.cycle = "monthly";
  ok.period = "2026-11";
  s.apply(*apply_command(s.state(), ok));
  auto ms = run(s, day("2026-11-04"), day("2026-12-05"));
  for (const auto& k : keys_for(ms, "rem|report||monthly|2026-11|kinh_te|"))
    CHECK(k.find("2026-11-19") == std::string::npos);
  for (const auto& k : keys_for(ms, "esc|report||monthly|2026-11|kinh_te|"))
    CHECK(k.find("2026-11-19") == std::string::npos);
  CHECK_FALSE(keys_for(ms, "rem|report||monthly|2026-11|kinh_te|d-1|2026-11-27").empty());
}

TEST_CASE("a coordinator's own extension moves only its own date") {
  MemoryStore s(demo_state());
  s.tick(at("2026-12-01T07:00+07:00"));
  auto ask = make(Command::Kind::set_status, "3", "vh_xh", "2026-12-02T10:00+07:00");
  ask.status = Status::extension_requested;
  ask.new_due = day("2027-01-29");
  s.apply(*apply_command(s.state(), ask));
  s.apply(*apply_command(
      s.state(), make(Command::Kind::approve_extension, "3", "vh_xh", "2026-12-03T10:00+07:00")));
  auto ms = run(s, day("2026-12-03"), day("2027-01-05"));
  CHECK_FALSE(keys_for(ms, "rem|task|3|||kinh_te|d-1|2026-12-31").empty());
  CHECK(keys_for(ms, "rem|task|3|||vh_xh|d-1|2026-12-31").empty());
}

TEST_CASE("a yearly task's extension is asked for this year's instance") {
  EngineState st = demo_state();
  st.plan.tasks[0].deadline = {};
  st.plan.tasks[0].deadline.kind = DeadlineSpec::Kind::yearly;
  st.plan.tasks[0].deadline.from = 2025;
  st.plan.issued = day("2025-08-15");
  MemoryStore s(st);
  s.tick(at("2026-12-01T07:00+07:00"));
  auto ask = make(Command::Kind::set_status, "3", "kinh_te", "2026-12-20T10:00+07:00");
  ask.status = Status::extension_requested;
  ask.new_due = day("2027-01-29");
  auto b = apply_command(s.state(), ask);
  REQUIRE(b);
  CHECK(b->states.at(0).id == "task|3||2026|kinh_te");  // not the overdue 2025 one
  s.apply(*b);
  auto ok = apply_command(
      s.state(), make(Command::Kind::approve_extension, "3", "kinh_te", "2026-12-21T10:00+07:00"));
  REQUIRE(ok);
  CHECK(ok->messages.at(0).text ==
        "Gia hạn được duyệt: Nhiệm vụ 3 (năm 2026), hạn mới 29/01/2027.");
}

TEST_CASE("nothing is owed before the plan's date; a yearly task starts with the plan's year") {
  EngineState st = demo_state();
  st.plan.tasks[0].deadline = {};
  st.plan.tasks[0].deadline.kind = DeadlineSpec::Kind::yearly;
  st.plan.tasks[0].deadline.from = 2023;
  st.plan.issued = day("2025-08-15");
  Task old = st.plan.tasks[0];
  old.id = "4";
  old.deadline = {};
  old.deadline.kind = DeadlineSpec::Kind::once;
  old.deadline.due = day("2025-06-30");  // before the plan
  st.plan.tasks.push_back(old);
  derive_all_assignees(st.plan);
  MemoryStore s(st);
  auto ms = s.tick(at("2026-10-01T09:00+07:00"));
  for (const auto& m : ms) {
    CHECK(m.text.find("năm 2023") == std::string::npos);
    CHECK(m.text.find("năm 2024") == std::string::npos);
    CHECK(m.text.find("Nhiệm vụ 4") == std::string::npos);
  }
  bool y2025 = false;
  for (const auto& m : ms)
    y2025 |=
        m.text.find("Nhiệm vụ 3: Xây dựng kế hoạch chuyển đổi số (năm 2025)") != std::string::npos;
  CHECK(y2025);
}

TEST_CASE("members of a group each hear of their own part; directing bodies of what escalates") {
  MemoryStore s(with_group());
  s.tick(at("2026-12-01T07:00+07:00"));
  auto ms = run(s, day("2026-12-01"), day("2027-01-20"));
  for (const auto& m : ms) {
    INFO(m.recipient << ": " << m.text);
    for (const auto& k : m.send_keys) {
      if (m.recipient == "kinh_te") CHECK(k.find("|tt_hcc") == std::string::npos);
      if (m.recipient == "tt_hcc") CHECK(k.find("|kinh_te") == std::string::npos);
    }
    if (m.recipient == "chu_tich") CHECK(m.kind != MessageKind::reminder);
    if (m.recipient == "chu_tich") CHECK(m.kind != MessageKind::owed);
  }
  // The leader in charge of task 5 is its directing body.
  CHECK_FALSE(
      keys_for(ms, "esc|task|5|||tt_hcc|2:not_done:leader_in_charge|2026-12-31|chu_tich").empty());
  CHECK(
      keys_for(ms, "esc|task|5|||kinh_te|2:not_done:leader_in_charge|2026-12-31|pct_ubnd").empty());
}

TEST_CASE("who reports: never the recipient, never a directing body; \"leads\" in the rules") {
  EngineState st = with_group();
  ReportCycle monthly = monthly_cycle();
  auto all = reporters(st.plan, monthly, {});
  CHECK(std::find(all.begin(), all.end(), "vh_xh") == all.end());
  CHECK(std::find(all.begin(), all.end(), "chu_tich") == all.end());
  CHECK(std::find(all.begin(), all.end(), "kinh_te") != all.end());
  monthly.to = "vp_dang_uy";
  monthly.reporters = "leads";
  auto leads = reporters(st.plan, monthly, {});
  CHECK(std::find(leads.begin(), leads.end(), "vh_xh") == leads.end());  // only coordinates
  CHECK(std::find(leads.begin(), leads.end(), "tt_hcc") != leads.end());

  std::string text = read_text(source_path("examples/rules.jsonc"));
  auto p = text.find("\"reporters\": \"assignees\"", text.find("\"name\": \"monthly\""));
  text.replace(p, 24, "\"reporters\": \"leads\"");
  p = text.find("\"address\": \"đồng chí\"");
  REQUIRE(p != std::string::npos);
  text.replace(p, std::string("\"address\": \"đồng chí\"").size(), "\"address\": \"anh/chị\"");
  auto parsed = parse_rules(text);
  REQUIRE(parsed.ok());
  CHECK(parsed.rules->report_cycles[0].reporters == "leads");
  CHECK(parsed.rules->address == "anh/chị");
  CHECK(parse_rules(read_text(source_path("examples/rules.jsonc"))).rules->address == "đồng chí");
}

TEST_CASE("the form of address is the rules' one, everywhere") {
  EngineState st = demo_state();
  st.rules.address = "anh/chị";
  MemoryStore s(st);
  for (const auto& m : s.tick(at("2026-12-01T09:00+07:00"))) {
    CHECK(m.text.find("đồng chí") == std::string::npos);
    CHECK(m.text.find("anh/chị") != std::string::npos);
  }
}

TEST_CASE("a committee is spoken to as one throughout: \"các đồng chí\" after its greeting") {
  EngineState st = demo_state();  // kinh_te's leader in charge the Thường trực, a committee
  for (auto& b : st.plan.bodies)
    if (b.id == "kinh_te") b.leader = "tt_dang_uy";
  MemoryStore s(st);
  s.tick(at("2026-12-01T07:00+07:00"));
  auto c = make(Command::Kind::set_status, "3", "kinh_te", "2026-12-02T09:00+07:00");
  c.status = Status::blocked;
  c.reason = "thiếu kinh phí";
  s.apply(*apply_command(s.state(), c));
  std::vector<Message> to_committee;
  for (auto& m : s.tick(at("2026-12-02T09:30+07:00")))
    if (m.recipient == "tt_dang_uy") to_committee.push_back(m);
  REQUIRE(to_committee.size() == 1);
  const std::string& text = to_committee[0].text;
  CHECK(text.rfind("Kính gửi các đồng chí Thường trực Đảng ủy,", 0) == 0);
  CHECK(text.find("Đề nghị các đồng chí chỉ đạo tháo gỡ.") != std::string::npos);
}

TEST_CASE("a catch-up gives each item once, as it stands today") {
  MemoryStore s(demo_state());
  s.tick(at("2026-12-01T07:00+07:00"));
  auto ms = s.tick(at("2026-12-21T15:00+07:00"));  // down through the whole December report
  const Message* mine = nullptr;
  for (const auto& m : ms)
    if (m.recipient == "kinh_te") mine = &m;
  REQUIRE(mine);
  CHECK(mine->kind == MessageKind::catch_up);
  auto count = [&](const std::string& what) {
    std::size_t n = 0;
    for (auto p = mine->text.find(what); p != std::string::npos; p = mine->text.find(what, p + 1))
      ++n;
    return n;
  };
  CHECK(count("Báo cáo tháng 12/2026") == 1);
  CHECK(count("Báo cáo quý IV/2026") == 2);  // its line and the reply hint
  CHECK(count("còn 3 ngày") == 0);
  CHECK(count("hạn là hôm nay") == 0);
  CHECK(mine->send_keys.size() >= 4);  // every missed key is carried
}

TEST_CASE("a blocker recorded in the evening reaches the leader the next working morning") {
  MemoryStore s(demo_state());
  s.tick(at("2026-12-01T07:00+07:00"));
  auto c = make(Command::Kind::set_status, "3", "kinh_te", "2026-12-04T20:00+07:00");  // Friday
  c.status = Status::blocked;
  c.reason = "thiếu kinh phí";
  s.apply(*apply_command(s.state(), c));
  std::vector<Message> ms;
  for (auto& m : s.tick(at("2026-12-04T20:01+07:00")))
    if (m.recipient == "pct_ubnd") ms.push_back(m);
  REQUIRE(ms.size() == 1);
  CHECK(format_instant(ms[0].not_before) == "2026-12-07T07:30+07:00");
}

TEST_CASE("the second quarter's and the half-year report, due the same day, in one line") {
  EngineState st = demo_state();
  auto rules = parse_rules(read_text(source_path("examples/rules.jsonc")));
  REQUIRE(rules.ok());
  st.rules = *rules.rules;
  st.rules.secretariat = "vp_dang_uy";
  st.rules.standing_committee = "tt_dang_uy";
  MemoryStore s(st);
  s.tick(at("2026-05-20T07:00+07:00"));
  auto ms = run(s, day("2026-05-20"), day("2026-06-10"));
  int both = 0;
  for (const auto& m : ms) {
    if (m.recipient != "kinh_te" || m.kind == MessageKind::owed) continue;
    bool q2 = m.text.find("Báo cáo quý II/2026") != std::string::npos;
    bool half = m.text.find("Báo cáo 6 tháng") != std::string::npos;
    if (q2) CHECK(half);
    if (q2 && half) {
      ++both;
      CHECK(m.text.find("Báo cáo 6 tháng năm 2026 và Báo cáo quý II/2026") != std::string::npos);
    }
  }
  CHECK(both >= 3);  // 3 and 1 working days before, and on the day
}

TEST_CASE("wording: titles cut at a word, no invented percent, tasks named in full") {
  CHECK(text::cut_at_word("Xây dựng kế hoạch chuyển đổi số", 12) == "Xây dựng kế…");
  CHECK(text::cut_at_word("Xây dựng", 12) == "Xây dựng");
  ObligationState s;
  s.status = Status::in_progress;
  CHECK(vi::status_phrase(s, day("2026-12-31")) == "đang thực hiện");
  s.percent = 40;
  CHECK(vi::status_phrase(s, day("2026-12-31")) == "đang thực hiện 40%");
  EngineState st = demo_state();
  auto no =
      apply_command(st, make(Command::Kind::set_status, "3", "chu_tich", "2026-12-02T10:00+07:00"));
  REQUIRE_FALSE(no);
  CHECK(no.error() ==
        "Chủ tịch UBND xã không được giao Nhiệm vụ 3 (chủ trì: Phòng Kinh tế; phối hợp: Phòng Văn "
        "hóa - Xã hội)");
  auto unknown =
      apply_command(st, make(Command::Kind::set_status, "99", "kinh_te", "2026-12-02T10:00+07:00"));
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error() == "Không có Nhiệm vụ 99 trong kế hoạch");
}
