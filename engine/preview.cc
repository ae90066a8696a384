#include "engine/preview.h"

#include <algorithm>

#include "engine/scheduler.h"

namespace dondoc {

void preview_each(EngineState state, Instant from, Instant to,
                  const std::function<void(const Message&)>& emit) {
  if (state.history_start) state.last_tick = from;
  TickMemo memo;
  memo.until = local_date(to);
  std::vector<Message> pending;  // queued, not yet emitted
  auto flush_before = [&](Instant limit) {
    std::stable_sort(pending.begin(), pending.end(), [](const Message& a, const Message& b) {
      return a.not_before < b.not_before;
    });
    auto end = std::find_if(pending.begin(), pending.end(),
                            [&](const Message& m) { return m.not_before >= limit; });
    for (auto it = pending.begin(); it != end; ++it) emit(*it);
    pending.erase(pending.begin(), end);
  };
  for (Instant t : event_moments(state.rules, state.calendar, from, to)) {
    // A tick's messages are due after the previous tick (reminders and steps whose moment came
    // since, deferred forward) or today (the committee's digest, catch-ups): none before the day
    // of the previous tick, so what lies before that day is final.
    if (state.last_tick) flush_before(local_instant(local_date(*state.last_tick)));
    for (auto& m : apply_batch(state, tick(state, t, memo))) {
      if (m.not_before < to) pending.push_back(std::move(m));
    }
  }
  flush_before(to);
}

std::vector<Message> preview(EngineState state, Instant from, Instant to) {
  std::vector<Message> out;
  preview_each(std::move(state), from, to, [&](const Message& m) { out.push_back(m); });
  return out;
}

}  // namespace dondoc
