// The per-chat limit on wrong link codes, pure (issue 13 item 5): 5 failures in a fixed one-hour
// window from the first, then one explanation, then silence until the window ends.
#include <catch2/catch.hpp>

#include "bot/linking.h"
#include "bot/templates_vi.h"

namespace bot = dondoc::bot;
using dondoc::Instant;
using std::chrono::minutes;

TEST_CASE("link gate: five failures an hour, then one explanation, then silence") {
  Instant t0 = *dondoc::parse_instant("2026-11-20T09:10+07:00");
  std::optional<bot::LinkAttempts> a;
  for (int i = 0; i < bot::kMaxLinkFailures; ++i) {
    CHECK(bot::link_gate(a, t0 + minutes(i)) == bot::LinkGate::check);
    a = bot::after_failure(a, t0 + minutes(i));
  }
  CHECK(a->window_start == t0);
  CHECK(a->failures == 5);
  CHECK(bot::link_gate(a, t0 + minutes(10)) == bot::LinkGate::explain);
  a->explained = true;
  CHECK(bot::link_gate(a, t0 + minutes(59)) == bot::LinkGate::silent);
  CHECK(bot::link_retry_at(*a) == t0 + minutes(60));
  CHECK(bot::link_gate(a, t0 + minutes(60)) == bot::LinkGate::check);
  // A failure after the window opens a new one.
  auto b = bot::after_failure(a, t0 + minutes(70));
  CHECK(b.window_start == t0 + minutes(70));
  CHECK(b.failures == 1);
  CHECK_FALSE(b.explained);
}

TEST_CASE("link throttled text: the time to retry, with the date when it is another day") {
  Instant now = *dondoc::parse_instant("2026-11-20T23:30+07:00");
  CHECK(bot::vi::link_throttled(now + minutes(20), now).find("thử lại sau 23:50.") !=
        std::string::npos);
  CHECK(
      bot::vi::link_throttled(now + minutes(45), now).find("thử lại sau 00:15 ngày 21/11/2026.") !=
      std::string::npos);
}
