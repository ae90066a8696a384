// Issue 5 §4: a simulated year of the demo plan (examples/plan.json, seed 003) with the example
// rules (examples/rules.jsonc) and nobody replying, ticked every hour by a FakeClock.
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <sstream>

#include "engine/commands.h"
#include "engine/plan_import.h"
#include "engine/scheduler.h"
#include "rules/rules_file.h"
#include "tests/engine/fixture.h"
#include "tests/support/fake_clock.h"
#include "tests/support/memory_store.h"
#include "tests/support/process.h"

using namespace dondoc;
using namespace dondoc::testing;

namespace {

EngineState example_state(const std::string& rules_text) {
  EngineState st;
  auto plan = import_plan_json(read_text(source_path("examples/plan.json")), {});
  REQUIRE(plan.problems.empty());
  st.plan = plan.plan;
  derive_all_assignees(st.plan);
  auto rules = parse_rules(rules_text);
  REQUIRE(rules.ok());
  st.rules = *rules.rules;
  return st;
}

std::string example_rules() { return read_text(source_path("examples/rules.jsonc")); }

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, '|');) out.push_back(part);
  return out;
}

// Ticks every hour of [from, to).
void run_hours(MemoryStore& s, FakeClock& clock, Instant from, Instant to) {
  for (Instant t = from; t < to; t += std::chrono::hours{1}) {
    clock.set(t);
    s.tick(clock.now());
  }
}

// The send keys of queued messages (not the silent ones) by the message's local send date.
std::map<std::string, Date> queued_keys(const std::vector<Message>& outbox) {
  std::map<std::string, Date> out;
  for (const auto& m : outbox)
    for (const auto& k : m.send_keys) out.emplace(k, local_date(m.not_before));
  return out;
}

bool has_key_prefix(const std::map<std::string, Date>& keys, const std::string& prefix,
                    Date before) {
  auto it = keys.lower_bound(prefix);
  for (; it != keys.end() && it->first.rfind(prefix, 0) == 0; ++it)
    if (it->second < before) return true;
  return false;
}

}  // namespace

TEST_CASE("a year of the demo plan, nobody replying: reminders, ladder, daily digest") {
  MemoryStore s(example_state(example_rules()));
  const Calendar& cal = s.state().calendar;
  FakeClock clock;
  run_hours(s, clock, at("2026-01-01T00:00+07:00"), at("2027-01-01T00:00+07:00"));
  const auto& out = s.outbox();
  REQUIRE(out.size() > 100);

  // Never outside office hours of a working day (weekends, Tết, 30/4, 1/5, 2/9 included).
  std::set<Date> off = {day("2026-02-17"), day("2026-04-30"), day("2026-05-01"), day("2026-09-02"),
                        day("2026-01-01")};
  for (const auto& m : out) {
    Date d = local_date(m.not_before);
    INFO(m.key << " " << format_instant(m.not_before));
    CHECK(cal.is_working_day(d));
    CHECK(off.count(d) == 0);
    CHECK(local_minute_of_day(m.not_before) >= 7 * 60 + 30);
    CHECK(local_minute_of_day(m.not_before) < 17 * 60);
    CHECK(m.kind != MessageKind::catch_up);  // ticked every hour: nothing was missed
  }

  // Before every 20th and every quarterly 10th, each reporter got a reminder.
  auto keys = queued_keys(out);
  auto reporters =
      dondoc::reporters(s.state().plan, s.state().rules.report_cycles[0], s.state().obligations);
  REQUIRE(reporters.size() >= 3);
  for (int m = 1; m <= 12; ++m) {
    char period[8];
    std::snprintf(period, sizeof period, "2026-%02d", m);
    Date twentieth = *make_date(2026, m, 20);
    for (const auto& b : reporters) {
      INFO(period << " " << b);
      CHECK(has_key_prefix(keys, "rem|report||monthly|" + std::string(period) + "|" + b + "|",
                           twentieth));
    }
  }
  for (int q = 1; q <= 4; ++q) {
    Date tenth = *make_date(2026, q * 3, 10);
    for (const auto& b : reporters) {
      INFO("Q" << q << " " << b);
      CHECK(has_key_prefix(keys, "rem|report||quarterly|2026-Q" + std::to_string(q) + "|" + b + "|",
                           tenth));
    }
  }

  // Escalation steps of each obligation go out in order, each on or after its working day.
  // (Several messages at one moment may carry one step to several recipients.)
  std::map<std::string, std::map<Instant, std::pair<int, int>>> steps;  // lowest, highest
  for (const auto& m : out) {
    for (const auto& k : m.send_keys) {
      auto f = split(k);
      if (f[0] != "esc" || f.size() != 9) continue;
      std::string obligation = f[1] + "|" + f[2] + "|" + f[3] + "|" + f[4] + "|" + f[5];
      int after = std::stoi(f[6]);
      auto [it, fresh] = steps[obligation].emplace(m.not_before, std::pair(after, after));
      it->second = {std::min(it->second.first, after), std::max(it->second.second, after)};
      INFO(k);
      CHECK(local_date(m.not_before) >= cal.add_working_days(*parse_date(f[7]), after));
    }
  }
  for (const auto& [o, by_moment] : steps) {
    int highest = -1;
    for (const auto& [moment, range] : by_moment) {
      INFO(o << " " << format_instant(moment));
      CHECK(range.first > highest);
      highest = range.second;
    }
  }
  // The January monthly report climbs the whole ladder, the committee's step silently.
  for (const auto& b : reporters) {
    std::string o = "report||monthly|2026-01|" + b;
    INFO(o);
    CHECK(s.state().sent.count("esc|" + o + "|1:not_acknowledged:lead|2026-01-19|" + b));
    CHECK(s.state().sent.count("esc|" + o + "|5:not_done:standing_committee|2026-01-19"));
  }

  // The standing committee: at most one digest a day, on working days; once something reached
  // it, one on the first working day of every week (the full list), and on days with news.
  std::map<Date, int> digests;
  for (const auto& m : out)
    if (m.recipient == "tt_dang_uy" && m.kind == MessageKind::digest)
      ++digests[local_date(m.not_before)];
  REQUIRE_FALSE(digests.empty());
  for (auto [d, n] : digests) CHECK(n == 1);
  Date first = digests.begin()->first;
  CHECK(first <= day("2026-01-31"));
  for (Date d = first + std::chrono::days{7}; d <= day("2026-12-24"); d += std::chrono::days{1}) {
    Date monday = d - std::chrono::days{(weekday_of(d) + 6) % 7};
    if (cal.next_working_day_on_or_after(monday) != d) continue;
    INFO(format_date(d));
    CHECK(digests.count(d) == 1u);
  }
  // Counted by task, one line per task with its bodies.
  const Message* last = nullptr;
  for (const auto& m : out)
    if (m.recipient == "tt_dang_uy" && m.kind == MessageKind::digest) last = &m;
  REQUIRE(last);
  CHECK(last->text.find("nhiệm vụ quá hạn") != std::string::npos);
}

TEST_CASE("a year: replies stop reminders for that obligation only; a late done is late") {
  MemoryStore s(example_state(example_rules()));
  FakeClock clock;
  run_hours(s, clock, at("2026-03-01T00:00+07:00"), at("2026-03-02T00:00+07:00"));
  auto reporters =
      dondoc::reporters(s.state().plan, s.state().rules.report_cycles[0], s.state().obligations);
  const std::string b = reporters.at(0);
  Command c;
  c.task = "";
  c.body = b;
  c.cycle = "monthly";
  c.period = "2026-03";
  c.status = Status::in_progress;
  c.percent = 50;
  c.at = at("2026-03-02T09:00+07:00");
  c.source = "cli:test";
  s.apply(*apply_command(s.state(), c));
  run_hours(s, clock, at("2026-03-02T10:00+07:00"), at("2026-04-30T00:00+07:00"));
  int other = 0;
  for (const auto& m : s.outbox()) {
    if (m.kind == MessageKind::owed) continue;  // the first tick's list, before the reply
    for (const auto& k : m.send_keys) {
      bool nudge = k.rfind("rem|", 0) == 0 || k.find("not_acknowledged") != std::string::npos;
      if (nudge) CHECK(k.find("report||monthly|2026-03|" + b + "|") == std::string::npos);
      if (k.find("report||monthly|2026-03|") != std::string::npos) ++other;
    }
  }
  CHECK(other > 0);  // the others were still reminded
  c.status = Status::done;
  c.at = at("2026-04-01T09:00+07:00");
  auto done = apply_command(s.state(), c);
  REQUIRE(done);
  CHECK(done->messages.at(0).text == "Đã ghi nhận: Báo cáo tháng 3/2026 — đã gửi (muộn)");
}

TEST_CASE("a year: identical rules reloaded queue nothing; a removed step is not sent") {
  FakeClock clock;
  MemoryStore s(example_state(example_rules()));
  run_hours(s, clock, at("2026-01-01T00:00+07:00"), at("2026-02-10T00:00+07:00"));
  EngineState reloaded = s.state();
  reloaded.rules = example_state(example_rules()).rules;  // a new version, same text
  MemoryStore r(reloaded);
  CHECK(r.tick(at("2026-02-09T23:00+07:00")).empty());
  CHECK(r.tick(at("2026-02-09T23:00+07:00")).empty());

  std::string text = example_rules();
  std::string step =
      "{ \"after_working_days\": 3, \"condition\": \"not_done\", \"to\": \"secretariat\" },";
  for (auto p = text.find(step); p != std::string::npos; p = text.find(step))
    text.erase(p, step.size());
  EngineState changed = s.state();
  changed.rules = example_state(text).rules;
  MemoryStore c(changed);
  run_hours(c, clock, at("2026-02-10T00:00+07:00"), at("2026-04-01T00:00+07:00"));
  int escalations = 0;
  for (const auto& m : c.outbox()) {
    for (const auto& k : m.send_keys) {
      CHECK(k.find(":secretariat|") == std::string::npos);
      escalations += k.rfind("esc|", 0) == 0;
    }
  }
  CHECK(escalations > 0);
}
