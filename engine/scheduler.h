// The scheduler: tick(state, now) decides, purely from the plan, rules, calendar, recorded states
// and the send-log, which reminders, escalation steps, blocker notices and daily digests fall due,
// and returns them as one Batch keyed by send-log keys (subject|rule|step|occurrence) so that
// running it twice, after a restart or a rules reload, queues nothing twice. Pure; any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/state.h"

namespace dondoc {

// A message whose time passed more than this before the tick that finds it was missed (the
// server was down): it goes into one catch_up message per recipient instead.
inline constexpr std::chrono::hours kCatchUpAfter{6};
// Report periods are listed this far ahead of today.
inline constexpr int kLookaheadDays = 62;

// t if it is inside office hours on a working day, else the next working morning.
Instant defer_into_office_hours(Instant t, const OfficeHours& hours, const Calendar& cal);

// The plan's date (Plan::issued): nothing whose date as written falls before it is owed. A plan
// stored before plans had a date has no such bound (1970-01-01): it behaves as it always did.
Date plan_start(const EngineState& state, Instant now);

// The obligations window a tick at `now` needs (reports from the day follow-up started, tasks from
// the plan's date).
ObligationWindow tick_window(const EngineState& state, Instant now);

// One scheduler step. The first tick on a state (no history_start) starts its history: each body
// gets one message listing what it owes (kind `owed`) and nothing else is sent; what was already
// overdue then climbs the escalation ladder counted from that day.
Batch tick(const EngineState& state, Instant now);

// What consecutive ticks on one state can share (preview): the obligations due up to `until`,
// computed once instead of at every tick, and which escalation steps are known taken. Valid only
// while the state changes by apply_batch of these ticks' own batches (plan, rules, calendar and
// recorded states unchanged, send-log only growing). Start with a fresh TickMemo{until}.
struct TickMemo {
  Date until{};  // the last day ticks will run on
  bool built = false;
  std::optional<Instant> history_start;  // of the state it was built for
  ObligationWindow window{};
  std::vector<Obligation> obligations;  // sorted by due date then id
  std::vector<std::uint32_t> taken;     // per obligation: ladder steps known in the send-log
};
Batch tick(const EngineState& state, Instant now, TickMemo& memo);

// The moments in [from, to) at which something can fall due (reminder, escalation and digest
// times, office-hours start), for running the scheduler as a dry run.
std::vector<Instant> event_moments(const Rules& rules, const Calendar& cal, Instant from,
                                   Instant to);

}  // namespace dondoc
