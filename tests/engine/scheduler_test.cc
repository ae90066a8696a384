#include <catch2/catch.hpp>

#include "engine/commands.h"
#include "engine/scheduler.h"
#include "tests/engine/fixture.h"
#include "tests/support/fake_clock.h"
#include "tests/support/memory_store.h"

using namespace dondoc;
using namespace dondoc::testing;

namespace {

Command cmd(Command::Kind kind, std::string task, std::string body, std::string cycle = "",
            std::string period = "") {
  Command c;
  c.kind = kind;
  c.task = std::move(task);
  c.body = std::move(body);
  c.cycle = std::move(cycle);
  c.period = std::move(period);
  return c;
}

std::vector<Message> for_recipient(const std::vector<Message>& ms, const std::string& r) {
  std::vector<Message> out;
  for (const auto& m : ms)
    if (m.recipient == r) out.push_back(m);
  return out;
}

// Ticks every day at 08:00 and 16:00 from `from` (inclusive) to `to` (exclusive).
std::vector<Message> run_days(MemoryStore& s, FakeClock& clock, Date from, Date to) {
  std::vector<Message> out;
  for (Date d = from; d < to; d += std::chrono::days{1}) {
    for (int minute : {8 * 60, 16 * 60}) {
      clock.set(local_instant(d, minute));
      auto ms = s.tick(clock.now());
      out.insert(out.end(), ms.begin(), ms.end());
    }
  }
  return out;
}

}  // namespace

TEST_CASE("monthly reminders precede the 20th and roll off the weekend") {
  MemoryStore s(demo_state());
  FakeClock clock(at("2026-12-01T07:00+07:00"));
  for (const auto& m : s.tick(clock.now()))  // first tick: what each body owes, nothing else
    CHECK(m.kind == MessageKind::owed);
  auto ms = run_days(s, clock, day("2026-12-01"), day("2026-12-19"));
  auto mine = for_recipient(ms, "kinh_te");
  std::vector<std::string> texts;
  for (const auto& m : mine) texts.push_back(format_instant(m.not_before) + " " + m.text);
  CAPTURE(texts);
  bool found = false;
  for (const auto& m : mine) {
    if (m.text ==
        "Kính gửi đồng chí lãnh đạo Phòng Kinh tế,\n"
        "Nhắc việc: Báo cáo tháng 12/2026 gửi Phòng Văn hóa - Xã hội, hạn thứ Sáu 18/12/2026 "
        "(còn 3 ngày làm việc).\n"
        "Gửi báo cáo bằng tin nhắn bắt đầu bằng «Báo cáo», gồm: Kết quả; Khó khăn, vướng mắc; "
        "Đề xuất, kiến nghị.\n"
        "Khi đã gửi báo cáo, trả lời: \"Báo cáo tháng 12/2026 đã gửi\".") {
      found = true;
      CHECK(format_instant(m.not_before) == "2026-12-15T08:00+07:00");
      CHECK(m.due == day("2026-12-18"));
      CHECK(m.nominal_due == day("2026-12-19"));
    }
    CHECK(weekday_of(local_date(m.not_before)) != 0);
    CHECK(weekday_of(local_date(m.not_before)) != 6);
  }
  CHECK(found);
  // Quarterly Q4: "trước ngày 10 tháng cuối quý" -> 09/12 (Wednesday), reminded 04/12 and 08/12.
  int quarterly = 0;
  for (const auto& m : mine)
    if (m.cycle == "quarterly" && m.kind == MessageKind::reminder) {
      ++quarterly;
      CHECK(local_date(m.not_before) <= day("2026-12-09"));
    }
  CHECK(quarterly == 3);
}

TEST_CASE("the same tick twice queues nothing new") {
  MemoryStore s(demo_state());
  s.tick(at("2026-12-01T07:00+07:00"));
  auto first = s.tick(at("2026-12-15T08:00+07:00"));
  CHECK_FALSE(first.empty());
  CHECK(s.tick(at("2026-12-15T08:00+07:00")).empty());
  CHECK(s.tick(at("2026-12-15T08:01+07:00")).empty());
}

TEST_CASE("reports of one body due the same day are asked in one line of one message") {
  EngineState st = demo_state();
  st.rules.report_cycles[1].due.kind = DeadlineSpec::Kind::monthly;  // same dates as monthly
  st.rules.report_cycles[1].due.day = 19;
  MemoryStore s(st);
  s.tick(at("2026-12-01T07:00+07:00"));
  auto ms = for_recipient(s.tick(at("2026-12-15T08:00+07:00")), "kinh_te");
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].send_keys.size() == 2);
  CHECK(ms[0].text.find("Nhắc việc: Báo cáo tháng 12/2026 và Báo cáo quý 12/2026 gửi Phòng Văn "
                        "hóa - Xã hội, hạn thứ Sáu 18/12/2026") != std::string::npos);
}

TEST_CASE("several reminders for one recipient at one moment become one message") {
  EngineState st = demo_state();
  st.plan.tasks[0].deadline.due = day("2026-12-21");  // task 3: reminded 5 days before: 14/12
  st.plan.tasks[0].output = "Kế hoạch";
  st.rules.task_deadlines.reminders.before_working_days = {4};
  MemoryStore s(st);
  s.tick(at("2026-12-01T07:00+07:00"));
  s.tick(at("2026-12-14T16:00+07:00"));  // the quarterly report's ladder, as a catch-up
  auto ms = for_recipient(s.tick(at("2026-12-15T08:00+07:00")), "kinh_te");
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].kind == MessageKind::digest);
  CHECK(ms[0].text ==
        "Kính gửi đồng chí lãnh đạo Phòng Kinh tế,\n"
        "Có 2 nội dung cần đồng chí lưu ý:\n"
        "- Nhắc việc: Báo cáo tháng 12/2026 gửi Phòng Văn hóa - Xã hội, hạn thứ Sáu 18/12/2026 "
        "(còn 3 ngày làm việc).\n"
        "- Nhắc việc: Nhiệm vụ 3: Xây dựng kế hoạch chuyển đổi số, hạn thứ Hai 21/12/2026 (còn 4 "
        "ngày làm việc). Kết quả cần có: Kế hoạch.\n"
        "Trả lời một dòng: 1) NV3 xong; 2) NV3 đang làm 50%; 3) NV3 vướng: lý do; 4) NV3 xin gia "
        "hạn đến 20/01/2027.\n"
        "Gửi báo cáo bằng tin nhắn bắt đầu bằng «Báo cáo», gồm: Kết quả; Khó khăn, vướng mắc; "
        "Đề xuất, kiến nghị.\n"
        "Khi đã gửi báo cáo, trả lời: \"Báo cáo tháng 12/2026 đã gửi\".");
}

TEST_CASE("a reply stops reminders and a late done is recorded late") {
  MemoryStore s(demo_state());
  s.tick(at("2026-12-01T07:00+07:00"));
  Command c = cmd(Command::Kind::set_status, "", "kinh_te", "monthly", "2026-12");
  c.status = Status::in_progress;
  c.percent = 40;
  c.at = at("2026-12-02T10:00+07:00");
  c.source = "cli:test";
  auto b = apply_command(s.state(), c);
  REQUIRE(b);
  CHECK(b->messages.at(0).text == "Đã ghi nhận: Báo cáo tháng 12/2026 — đang thực hiện 40%");
  s.apply(*b);
  FakeClock clock;
  auto ms = run_days(s, clock, day("2026-12-02"), day("2026-12-19"));
  for (const auto& m : for_recipient(ms, "kinh_te")) CHECK(m.cycle != "monthly");

  Command done = cmd(Command::Kind::set_status, "3", "kinh_te");
  done.status = Status::done;
  done.at = at("2027-01-05T09:00+07:00");
  auto d = apply_command(s.state(), done);
  REQUIRE(d);
  CHECK(d->messages.at(0).text == "Đã ghi nhận: Nhiệm vụ 3 — hoàn thành (trễ hạn)");
  CHECK(d->states.at(0).status == Status::done);
}

TEST_CASE("bad commands are errors and change nothing") {
  EngineState st = demo_state();
  Command c = cmd(Command::Kind::set_status, "99", "kinh_te");
  c.status = Status::done;
  c.at = at("2026-12-02T10:00+07:00");
  CHECK_FALSE(apply_command(st, c));
  c.task = "3";
  c.body = "vp_dang_uy";
  CHECK_FALSE(apply_command(st, c));
  c.body = "kinh_te";
  c.status = Status::in_progress;
  c.percent = 100;
  CHECK_FALSE(apply_command(st, c));
  Command a = cmd(Command::Kind::approve_extension, "3", "kinh_te");
  a.at = c.at;
  CHECK_FALSE(apply_command(st, a));
}

TEST_CASE("escalation climbs in order, then the standing committee gets one daily digest") {
  MemoryStore s(demo_state());
  FakeClock clock;
  s.tick(at("2026-12-01T07:00+07:00"));
  auto ms = run_days(s, clock, day("2026-12-01"), day("2027-01-20"));
  // The monthly December report of kinh_te is due 18/12; steps after 1, 2, 5 working days.
  std::vector<std::string> esc;
  for (const auto& m : ms)
    for (const auto& k : m.send_keys)
      if (k.rfind("esc|report||monthly|2026-12|kinh_te|", 0) == 0)
        esc.push_back(m.recipient + "@" + format_date(local_date(m.not_before)));
  CHECK(esc == std::vector<std::string>{"kinh_te@2026-12-21", "pct_ubnd@2026-12-22",
                                        "vp_dang_uy@2026-12-25"});
  std::vector<Date> digests;
  for (const auto& m : ms)
    if (m.recipient == "tt_dang_uy") {
      CHECK(m.kind == MessageKind::digest);
      CHECK(m.text.find("nhiệm vụ quá hạn") != std::string::npos);
      digests.push_back(local_date(m.not_before));
    }
  REQUIRE_FALSE(digests.empty());
  for (std::size_t i = 1; i < digests.size(); ++i) CHECK(digests[i] > digests[i - 1]);
}

TEST_CASE("first tick: each body hears once what it owes; no escalation yet") {
  MemoryStore s(demo_state());
  auto ms = s.tick(at("2027-01-20T09:00+07:00"));  // task 3 due 31/12/2026, 13 working days ago
  CHECK(for_recipient(ms, "pct_ubnd").empty());
  CHECK(for_recipient(ms, "vp_dang_uy").empty());
  CHECK(for_recipient(ms, "tt_dang_uy").empty());
  auto mine = for_recipient(ms, "kinh_te");
  REQUIRE(mine.size() == 1);
  CHECK(mine[0].kind == MessageKind::owed);
  CHECK(mine[0].text ==
        "Kính gửi đồng chí lãnh đạo Phòng Kinh tế,\n"
        "Theo Kế hoạch, Phòng Kinh tế có 3 việc cần thực hiện và báo cáo:\n"
        "1. Nhiệm vụ 3: Xây dựng kế hoạch chuyển đổi số — hạn 31/12/2026, đã quá hạn 13 ngày làm "
        "việc\n"
        "2. Báo cáo tháng 2/2027 gửi Phòng Văn hóa - Xã hội — hạn thứ Sáu 19/02/2027\n"
        "3. Báo cáo quý I/2027 gửi Phòng Văn hóa - Xã hội — hạn thứ Ba 09/03/2027\n"
        "Tin nhắn này sẽ nhắc đồng chí trước mỗi hạn.\n"
        "Trả lời một dòng: 1) NV3 xong; 2) NV3 đang làm 50%; 3) NV3 vướng: lý do; 4) NV3 xin gia "
        "hạn đến 30/01/2027.\n"
        "Gửi báo cáo bằng tin nhắn bắt đầu bằng «Báo cáo», gồm: Kết quả; Khó khăn, vướng mắc; "
        "Đề xuất, kiến nghị.\n"
        "Khi đã gửi báo cáo, trả lời: \"Báo cáo tháng 2/2027 đã gửi\".");
  for (const auto& m : ms) CHECK(m.kind == MessageKind::owed);
  CHECK(s.tick(at("2027-01-20T09:00+07:00")).empty());
  // The ladder counts from that day: the owner the next working day, then its leader.
  auto next = s.tick(at("2027-01-21T09:00+07:00"));
  REQUIRE(for_recipient(next, "kinh_te").size() == 1);
  CHECK(for_recipient(next, "kinh_te")[0].text.find("chưa nhận được phản hồi nhắc việc") !=
        std::string::npos);
  CHECK(for_recipient(next, "pct_ubnd").empty());
  CHECK(for_recipient(s.tick(at("2027-01-22T09:00+07:00")), "pct_ubnd").size() == 1);
}

TEST_CASE("missed days give one catch-up message per recipient, not a burst") {
  MemoryStore s(demo_state());
  s.tick(at("2026-12-01T07:00+07:00"));
  auto ms = s.tick(at("2026-12-17T15:00+07:00"));  // the server was down 16 days
  auto mine = for_recipient(ms, "kinh_te");
  REQUIRE(mine.size() == 1);
  CHECK(mine[0].kind == MessageKind::catch_up);
  CHECK(mine[0].send_keys.size() >= 4);
}

TEST_CASE("a blocker goes at once to the leader in charge") {
  MemoryStore s(demo_state());
  s.tick(at("2026-12-01T07:00+07:00"));
  Command c = cmd(Command::Kind::set_status, "3", "kinh_te");
  c.status = Status::blocked;
  c.reason = "thiếu kinh phí";
  c.at = at("2026-12-02T10:00+07:00");
  s.apply(*apply_command(s.state(), c));
  auto ms = for_recipient(s.tick(at("2026-12-02T10:01+07:00")), "pct_ubnd");
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].kind == MessageKind::blocker);
  CHECK(ms[0].text.find("thiếu kinh phí") != std::string::npos);
  CHECK(s.tick(at("2026-12-02T10:02+07:00")).empty());
}

TEST_CASE("an extension request pauses escalation; approval moves the due date") {
  MemoryStore s(demo_state());
  s.tick(at("2026-12-01T07:00+07:00"));
  Command c = cmd(Command::Kind::set_status, "3", "kinh_te");
  c.status = Status::extension_requested;
  c.new_due = day("2027-02-26");
  c.at = at("2026-12-02T10:00+07:00");
  s.apply(*apply_command(s.state(), c));
  FakeClock clock;
  auto ms = run_days(s, clock, day("2026-12-02"), day("2027-01-15"));
  for (const auto& m : ms)
    for (const auto& k : m.send_keys) CHECK(k.rfind("esc|task|3|||kinh_te|", 0) != 0);
  Command a = cmd(Command::Kind::approve_extension, "3", "kinh_te");
  a.at = at("2027-01-15T09:00+07:00");
  auto b = apply_command(s.state(), a);
  REQUIRE(b);
  CHECK(b->messages.at(0).text == "Gia hạn được duyệt: Nhiệm vụ 3, hạn mới 26/02/2027.");
  CHECK(b->states.at(0).due_override == day("2027-02-26"));
}

TEST_CASE("messages the sender gave up on are reported once to the secretariat") {
  EngineState st = demo_state();
  st.failed = {{7, "kinh_te", "Nhắc việc: Báo cáo tháng 11/2026 gửi Phòng Văn hóa - Xã hội",
                "no linked chat"},
               {9, "kinh_te", "Dòng một\nDòng hai", "HTTP 500"}};
  MemoryStore s(st);
  REQUIRE(s.tick(at("2026-12-01T07:00+07:00")).empty() == false);
  auto all = s.outbox();
  auto mine = for_recipient(all, "vp_dang_uy");
  REQUIRE(mine.size() == 1);
  CHECK(mine[0].text ==
        "Không gửi được 2 tin nhắn sau nhiều lần thử:\n"
        "- tới Phòng Kinh tế (chưa liên kết tài khoản trò chuyện): Nhắc việc: Báo cáo tháng "
        "11/2026 gửi Phòng Văn hóa - Xã hội\n"
        "- tới Phòng Kinh tế (HTTP 500): Dòng một Dòng hai");
  CHECK(s.state().sent.count("failed|7") == 1);
  CHECK(s.state().sent.count("failed|9") == 1);
  // A second tick (or a restart that loads the same failures) reports nothing again.
  CHECK(for_recipient(s.tick(at("2026-12-01T09:00+07:00")), "vp_dang_uy").empty());
}

TEST_CASE("a failed message is cut to 80 characters in the secretariat's notice") {
  EngineState st = demo_state();
  st.rules.secretariat = "vp_dang_uy";
  std::string long_text(200, 'x');
  st.failed = {{3, "kinh_te", long_text, ""}};
  MemoryStore s(st);
  s.tick(at("2026-12-01T07:00+07:00"));
  auto mine = for_recipient(s.outbox(), "vp_dang_uy");
  REQUIRE(mine.size() == 1);
  CHECK(mine[0].text == "Không gửi được 1 tin nhắn sau nhiều lần thử:\n- tới Phòng Kinh tế: " +
                            std::string(80, 'x') + "…");
  CHECK(mine[0].send_keys == std::vector<std::string>{"failed|3"});
}

TEST_CASE("no secretariat: send failures are not reported") {
  EngineState st = demo_state();
  st.rules.secretariat.clear();
  st.failed = {{3, "kinh_te", "x", ""}};
  MemoryStore s(st);
  s.tick(at("2026-12-01T07:00+07:00"));
  for (const auto& m : s.outbox()) CHECK(m.text.find("Không gửi được") == std::string::npos);
}
