// Internal to the scheduler (scheduler.cc, escalation.cc): the tick's working context and the
// intentions it collects before they are grouped into messages. Not for other callers.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/messages_vi.h"
#include "engine/scheduler.h"

namespace dondoc::detail {

enum class Mode { normal, entry, stale };

struct Intention {
  std::string key;
  std::string recipient;
  MessageKind kind = MessageKind::reminder;
  const Obligation* obligation = nullptr;
  std::string text;  // as a message on its own
  std::string line;  // as a line in a grouped message
  Instant at{};
  Mode mode = Mode::normal;
};

struct TickContext {
  const EngineState& st;
  const PlanIndex& index;  // over st.plan
  Instant now;
  Instant last;  // the previous tick (== now on the first tick)
  bool first = false;
  Date today;
  Batch& batch;
  std::vector<Intention> intentions;
  std::unordered_set<const Obligation*> reached_committee;
  std::unordered_map<const EscalationStep*, std::string> step_names;  // built once per tick
  std::map<Date, std::string> due_texts;  // format_date of due dates: thousands share a few
};

// format_date(d), formatted once per tick and date.
const std::string& due_text(TickContext& c, Date d);

const ObligationState& state_of(const TickContext& c, const Obligation& o);
bool sent(const TickContext& c, const std::string& key);
Mode mode_for(const TickContext& c, Instant at);
// Body ids a ladder target names for this obligation ("standing_committee" gives none: it is
// served by the daily digest).
std::vector<std::string> recipients(const TickContext& c, const Obligation& o,
                                    EscalationStep::Target to);
const std::vector<EscalationStep>& ladder(const Rules& rules, const Obligation& o);
const ReminderPolicy& reminder_policy(const Rules& rules, const Obligation& o);

// `taken`: bit i set = step i of the ladder is known to be in the send-log (skipped, no lookup);
// bits of steps found sent are added.
void collect_escalations(TickContext& c, const Obligation& o, std::uint32_t& taken);
void collect_blocker(TickContext& c, const Obligation& o);

}  // namespace dondoc::detail
