// Internal to the scheduler (scheduler*.cc, escalation.cc): the tick's working context and the
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

// normal: due now or since the last tick; stale: its time passed more than kCatchUpAfter before
// this tick (the server was down), so it goes into one catch-up message per recipient.
enum class Mode { normal, stale };

struct Intention {
  std::vector<std::string> keys;  // send-log keys it carries; keys[0] names it
  std::string recipient;
  MessageKind kind = MessageKind::reminder;
  const Obligation* obligation = nullptr;
  vi::Item item;       // what it is about (reminder lines are rendered from it when grouped)
  std::string line;    // escalations and blockers: the rendered line
  bool owner = false;  // about the recipient's own obligation: the message says how to reply
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
  Date follow_day;  // the day follow-up started: the first tick's message reached people
  Batch& batch;
  std::vector<Intention> intentions;
  // Obligations that reached the standing committee, with the time their step came.
  std::unordered_map<const Obligation*, Instant> reached_committee;
  std::unordered_set<const Obligation*> reminded_now;  // a reminder intention this tick
  std::unordered_map<const EscalationStep*, std::string> step_names;  // built once per tick
  std::map<Date, std::string> due_texts;  // format_date of due dates: thousands share a few
};

// format_date(d), formatted once per tick and date.
const std::string& due_text(TickContext& c, Date d);

const ObligationState& state_of(const TickContext& c, const Obligation& o);
bool sent(const TickContext& c, const std::string& key);
Mode mode_for(const TickContext& c, Instant at);
// Body ids a ladder target names for this obligation ("standing_committee" gives none: it is
// served by the daily digest). lead = the body that owes it; leader_in_charge = the task's
// directing bodies, else the body's leader, else the secretariat.
std::vector<std::string> recipients(const TickContext& c, const Obligation& o,
                                    EscalationStep::Target to);
const std::vector<EscalationStep>& ladder(const Rules& rules, const Obligation& o);
const ReminderPolicy& reminder_policy(const Rules& rules, const Obligation& o);
// The day the ladder counts from: the due date, or the day follow-up started for what was
// already overdue then (its first reminder was the first tick's message).
Date ladder_anchor(const TickContext& c, const Obligation& o);
// True when a reminder (or the first tick's list) about this obligation and due date was sent.
bool reminder_sent(const TickContext& c, const Obligation& o);
// "rem|<obligation>|entry|<due>": the key the first tick's list writes for each item it lists.
std::string entry_key(const Obligation& o);

// `taken`: bit i set = step i of the ladder is known to be in the send-log (skipped, no lookup);
// bits of steps found sent are added.
void collect_escalations(TickContext& c, const Obligation& o, std::uint32_t& taken);
void collect_blocker(TickContext& c, const Obligation& o);

// The first tick: one message per body listing what it owes (scheduler_welcome.cc).
void collect_welcome(TickContext& c);
// Intentions -> messages: one per recipient and moment (scheduler_group.cc).
void group_intentions(TickContext& c);
// Messages the sender gave up on, reported once to the secretariat (scheduler_group.cc).
void report_failures(TickContext& c);
// Several messages of one tick for one recipient at one moment become one.
void merge_same_moment(TickContext& c);
// The standing committee's daily digest (scheduler_digest.cc).
void committee_digest(TickContext& c, const std::vector<const Obligation*>& obligations);

Message make_message(std::string key, std::string recipient, MessageKind kind, std::string text,
                     Instant not_before, std::vector<std::string> keys);

}  // namespace dondoc::detail
