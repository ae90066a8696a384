// The scheduler's shortcuts (engine/scheduler.h TickMemo, the acting window, preview_each) give
// exactly what a plain tick over the whole window gives.
#include <catch2/catch.hpp>

#include "engine/commands.h"
#include "engine/preview.h"
#include "engine/scheduler.h"
#include "tests/engine/fixture.h"
#include "tests/support/memory_store.h"

using namespace dondoc;
using namespace dondoc::testing;

namespace {

std::vector<std::string> keys_of(const std::vector<Message>& ms) {
  std::vector<std::string> out;
  for (const auto& m : ms) out.push_back(format_instant(m.not_before) + " " + m.key + " " + m.text);
  return out;
}

}  // namespace

TEST_CASE("ticks sharing a TickMemo queue what independent ticks queue, message for message") {
  EngineState plain = demo_state();
  EngineState memoed = demo_state();
  TickMemo memo;
  memo.until = day("2027-03-01");
  std::vector<Message> a, b;
  for (Date d = day("2026-10-01"); d < day("2027-03-01"); d += std::chrono::days{1}) {
    for (int minute : {7 * 60 + 30, 8 * 60, 16 * 60}) {
      Instant t = local_instant(d, minute);
      for (auto& m : apply_batch(plain, tick(plain, t))) a.push_back(m);
      for (auto& m : apply_batch(memoed, tick(memoed, t, memo))) b.push_back(m);
    }
  }
  CHECK(a.size() > 50);
  CHECK(keys_of(a) == keys_of(b));
}

TEST_CASE("preview_each hands over preview's messages in preview's order") {
  EngineState st = demo_state();
  std::vector<Message> streamed;
  preview_each(st, at("2026-09-01T00:00+07:00"), at("2027-03-01T00:00+07:00"),
               [&](const Message& m) { streamed.push_back(m); });
  auto whole = preview(st, at("2026-09-01T00:00+07:00"), at("2027-03-01T00:00+07:00"));
  CHECK(whole.size() > 50);
  CHECK(keys_of(streamed) == keys_of(whole));
  for (std::size_t i = 1; i < streamed.size(); ++i)
    CHECK(streamed[i - 1].not_before <= streamed[i].not_before);
}

TEST_CASE("a blocker on an obligation due months later still goes out at once") {
  MemoryStore s(demo_state());  // task 3 is due 31/12/2026: outside a September tick's reminders
  s.tick(at("2026-09-01T07:00+07:00"));
  Command c;
  c.kind = Command::Kind::set_status;
  c.task = "3";
  c.body = "kinh_te";
  c.status = Status::blocked;
  c.reason = "thiếu kinh phí";
  c.at = at("2026-09-02T10:00+07:00");
  s.apply(*apply_command(s.state(), c));
  auto ms = s.tick(at("2026-09-02T10:01+07:00"));
  bool found = false;
  for (const auto& m : ms) {
    if (m.recipient != "pct_ubnd") continue;
    found = true;
    CHECK(m.kind == MessageKind::blocker);
    CHECK(m.text.find("thiếu kinh phí") != std::string::npos);
  }
  CHECK(found);
  CHECK(s.tick(at("2026-09-02T10:02+07:00")).empty());
}
