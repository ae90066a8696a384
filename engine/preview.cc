#include "engine/preview.h"

#include <algorithm>

#include "engine/scheduler.h"

namespace dondoc {

std::vector<Message> preview(EngineState state, Instant from, Instant to) {
  if (state.history_start) state.last_tick = from;
  std::vector<Message> out;
  for (Instant t : event_moments(state.rules, state.calendar, from, to)) {
    for (auto& m : apply_batch(state, tick(state, t))) {
      if (m.not_before < to) out.push_back(std::move(m));
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Message& a, const Message& b) { return a.not_before < b.not_before; });
  return out;
}

}  // namespace dondoc
