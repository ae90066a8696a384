#include "tests/support/simulation.h"

#include <catch2/catch.hpp>
#include <optional>
#include <sstream>

#include "engine/commands.h"
#include "engine/plan_import.h"
#include "engine/scheduler.h"
#include "rules/rules_file.h"
#include "tests/support/memory_store.h"
#include "tests/support/process.h"

namespace dondoc::testing {
namespace {

using std::chrono::days;
using std::chrono::minutes;

// A send-log key that names an obligation: rem|, esc| or blk|.
struct Key {
  std::string kind;
  std::string obligation;
  std::string task, cycle, period, body;
  std::string step;
  std::string due;  // rem / esc: the due date it was said for
};

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, '|');) out.push_back(part);
  if (!s.empty() && s.back() == '|') out.push_back("");
  return out;
}

std::optional<Key> parse_key(const std::string& k) {
  auto f = split(k);
  if (f.size() < 8 || (f[0] != "rem" && f[0] != "esc" && f[0] != "blk")) return std::nullopt;
  Key key{f[0], f[1] + "|" + f[2] + "|" + f[3] + "|" + f[4] + "|" + f[5],
          f[2], f[3],
          f[4], f[5],
          f[6], f[0] == "blk" ? "" : f[7]};
  return key;
}

struct Sim {
  Sim(const SimulationOptions& o, EngineState st) : opt(o), store(std::move(st)) {}
  const SimulationOptions& opt;
  MemoryStore store;
  SimulationResult out;
  std::multimap<Instant, Command> pending;
  std::set<std::string> forbidden;          // obligations whose date as written precedes the plan's
  std::map<std::string, Instant> reminded;  // obligation|due -> first reminder's time
  std::set<std::pair<std::string, Instant>> moments;
  std::set<std::string> acted;    // bodies that asked or reported a blocker already
  std::set<std::string> replied;  // obligation|due answered
  std::map<std::string, Instant> approved_at;
  std::set<std::string> asked;  // obligations whose body asked for an extension

  void problem(const Message& m, const std::string& what) {
    out.problems.push_back(format_instant(m.not_before) + " " + m.recipient + ": " + what + " — " +
                           m.text.substr(0, 300));
  }
};

bool is_directing(const Task& t, const std::string& body) {
  for (const auto& a : t.assignees)
    if (a.body == body && a.role == Assignee::Role::directing) return true;
  return std::find(t.directing.begin(), t.directing.end(), body) != t.directing.end();
}

bool has_role(const Task& t, const std::string& body, Assignee::Role role) {
  for (const auto& a : t.assignees)
    if (a.body == body && a.role == role) return true;
  return false;
}

bool names_target(const std::vector<EscalationStep>& ladder, EscalationStep::Target t) {
  for (const auto& s : ladder)
    if (s.to == t) return true;
  return false;
}

// The rules make `r` a next step for another body's obligation named by `k`.
bool next_step(const EngineState& st, const std::string& r, const Key& k) {
  const Rules& rules = st.rules;
  if (r == rules.secretariat || r == rules.standing_committee) return true;
  const Body* b = st.plan.find_body(k.body);
  if (b && b->leader == r) return true;
  const Task* t = k.task.empty() ? nullptr : st.plan.find_task(k.task);
  if (!t) return false;
  if (is_directing(*t, r)) return true;
  using T = EscalationStep::Target;
  bool coordinators =
      names_target(rules.task_deadlines.escalation, T::coordinators) ||
      std::count(rules.blocker_notify.begin(), rules.blocker_notify.end(), T::coordinators) > 0;
  if (coordinators && has_role(*t, k.body, Assignee::Role::lead) &&
      has_role(*t, r, Assignee::Role::coordinator))
    return true;
  bool leads = k.kind == "blk" &&
               std::count(rules.blocker_notify.begin(), rules.blocker_notify.end(), T::lead) > 0;
  return leads && has_role(*t, r, Assignee::Role::lead);
}

// A body that directs some task and neither leads nor coordinates any.
bool directing_only(const Plan& plan, const std::string& body) {
  bool directs = false;
  for (const auto& t : plan.tasks) {
    if (has_role(t, body, Assignee::Role::lead) || has_role(t, body, Assignee::Role::coordinator))
      return false;
    directs |= is_directing(t, body);
  }
  return directs;
}

void check_owed(Sim& s, const Message& m, const Key& k) {
  const EngineState& st = s.store.state();
  if (s.forbidden.count(k.obligation)) s.problem(m, "owed before the plan's date: " + k.obligation);
  if (k.kind == "blk") return;
  if (!k.cycle.empty()) {
    for (const auto& cy : st.rules.report_cycles)
      if (cy.name == k.cycle && cy.to == k.body)
        s.problem(m, "recipient asked to report: " + k.body);
    if (directing_only(st.plan, k.body)) s.problem(m, "directing body asked to report: " + k.body);
  } else if (const Task* t = st.plan.find_task(k.task); t && is_directing(*t, k.body)) {
    s.problem(m, "directing body asked to do the work: " + k.obligation);
  }
}

void check_key(Sim& s, const Message& m, const Key& k) {
  const EngineState& st = s.store.state();
  if (m.recipient != k.body && !next_step(st, m.recipient, k))
    s.problem(m, "about another body's obligation: " + k.obligation);
  check_owed(s, m, k);
  std::string at_due = k.obligation + "|" + k.due;
  if (k.kind == "rem" && m.recipient == k.body) s.reminded.try_emplace(at_due, m.not_before);
  if (k.kind == "esc" && k.step.find("not_acknowledged") != std::string::npos) {
    auto it = s.reminded.find(at_due);
    if (it == s.reminded.end() || it->second > m.not_before)
      s.problem(m, "claims an unanswered reminder never sent: " + k.obligation);
  }
  auto ext = s.out.extended.find(k.obligation);
  auto when = s.approved_at.find(k.obligation);
  if (ext != s.out.extended.end() && when != s.approved_at.end() && k.kind != "blk" &&
      m.not_before > when->second && k.due == format_date(ext->second.first))
    s.problem(m, "said for the date before the extension: " + k.obligation);
}

void check_message(Sim& s, const Message& m) {
  const EngineState& st = s.store.state();
  Date d = local_date(m.not_before);
  int minute = local_minute_of_day(m.not_before);
  if (!st.calendar.is_working_day(d) || minute < st.rules.office_hours.start_minute ||
      minute >= st.rules.office_hours.end_minute)
    s.problem(m, "outside office hours");
  if (!s.moments.insert({m.recipient, m.not_before}).second)
    s.problem(m, "a second message at the same moment");
  for (const auto& b : st.plan.bodies)
    if (b.id.find('_') != std::string::npos && m.text.find(b.id) != std::string::npos)
      s.problem(m, "a body id in the text: " + b.id);
  if (m.text.find(" 0%") != std::string::npos) s.problem(m, "an invented 0%");
  for (const auto& key : m.send_keys)
    if (auto k = parse_key(key)) check_key(s, m, *k);
}

Command command(const Key& k, Command::Kind kind, Instant at) {
  Command c;
  c.kind = kind;
  c.task = k.task;
  c.body = k.body;
  c.cycle = k.cycle;
  c.period = k.period;
  c.at = at;
  c.source = "sim";
  return c;
}

// A blocked body whose tasks are all continuous (no nudge ever names one) reports its blocker on
// the first of them when it reads what it owes.
void block_continuous(Sim& s, const Message& m, Instant at) {
  if (std::find(m.send_keys.begin(), m.send_keys.end(), "own|" + m.recipient) == m.send_keys.end())
    return;
  const Task* first = nullptr;
  for (const auto& t : s.store.state().plan.tasks) {
    if (!has_role(t, m.recipient, Assignee::Role::lead) &&
        !has_role(t, m.recipient, Assignee::Role::coordinator))
      continue;
    using D = DeadlineSpec::Kind;
    if (t.deadline.kind != D::continuous && t.deadline.kind != D::on_request) return;  // nudged
    if (!first) first = &t;
  }
  if (!first || !s.acted.insert(m.recipient).second) return;
  Key k{"blk", "", first->id, "", "", m.recipient, "", ""};
  Command c = command(k, Command::Kind::set_status, at);
  c.status = Status::blocked;
  c.reason = "thiếu kinh phí";
  s.pending.emplace(at, c);
}

// What a body does on reading a message about its own obligations.
void react(Sim& s, const Message& m) {
  const std::string& b = m.recipient;
  bool replying = s.opt.replying.count(b), extending = s.opt.extending.count(b),
       blocking = s.opt.blocked.count(b);
  if (!replying && !extending && !blocking) return;
  Instant at = m.not_before + minutes{30};
  if (blocking && !replying) block_continuous(s, m, at);
  for (const auto& key : m.send_keys) {
    auto k = parse_key(key);
    if (!k || k->kind == "blk" || k->body != b) continue;
    if (replying && s.replied.insert(k->obligation + "|" + k->due).second) {
      Command c = command(*k, Command::Kind::set_status, at);
      c.status = k->cycle.empty() ? Status::in_progress : Status::done;
      c.percent = 50;
      s.pending.emplace(at, c);
    }
    // Extensions are asked for a task or, where a body's tasks are all continuous, a report.
    bool can_act = !k->due.empty() && (extending || k->cycle.empty());
    if (can_act && !replying && s.acted.insert(b).second) {
      Command c = command(*k, Command::Kind::set_status, at);
      if (extending) {
        c.status = Status::extension_requested;
        // A month from the later of the due date and today, as a head would ask.
        c.new_due = std::max(*parse_date(k->due), local_date(at)) + days{30};
        Command a = command(*k, Command::Kind::approve_extension, at + std::chrono::hours{24});
        a.source = "approval:sim";
        s.pending.emplace(a.at, a);
        s.out.extended[k->obligation] = {*parse_date(k->due), *c.new_due};
        s.asked.insert(k->obligation);
      } else {
        c.status = Status::blocked;
        c.reason = "thiếu kinh phí";
      }
      s.pending.emplace(at, c);
    }
  }
}

// After an approval: the lead's new date also moves its coordinators' obligations.
void note_approval(Sim& s, const Command& c, const Obligation& o) {
  auto ext = s.out.extended.find(o.id);
  if (ext == s.out.extended.end()) return;
  ext->second.first = o.due;
  s.approved_at[o.id] = c.at;
  const Task* t = s.store.state().plan.find_task(o.task);
  if (!t || o.role != Assignee::Role::lead) return;
  for (const auto& a : t->assignees) {
    if (a.role != Assignee::Role::coordinator) continue;
    std::string id = obligation_id(o.task, a.body, "", o.period);
    s.out.extended.try_emplace(id, ext->second);
    s.approved_at.try_emplace(id, c.at);
  }
}

void run_replies(Sim& s, Instant now) {
  while (!s.pending.empty() && s.pending.begin()->first <= now) {
    Command c = s.pending.begin()->second;
    s.pending.erase(s.pending.begin());
    auto found = find_obligation(s.store.state(), c.task, c.body, c.cycle, c.period, c.at);
    auto b = apply_command(s.store.state(), c);
    if (!b) {
      s.out.problems.push_back(format_instant(c.at) + " command for " + c.body + " " + c.task +
                               c.cycle + " " + c.period + ": " + b.error());
      continue;
    }
    ++s.out.replies;
    if (c.kind == Command::Kind::approve_extension && found) note_approval(s, c, *found);
    s.store.apply(*b);
  }
}

std::set<std::string> before_plan(const EngineState& st, Instant from, Instant to) {
  Date start = plan_start(st, from);
  ObligationWindow w{start - days{5 * 366}, start - days{5 * 366}, local_date(to) + days{366},
                     local_date(to) + days{366}, Date{}};
  std::set<std::string> out;
  for (const auto& o : compute_obligations(st.plan, st.rules, st.calendar, {}, w))
    if (o.nominal_due < start) out.insert(o.id);
  return out;
}

}  // namespace

EngineState load_plan_and_rules(const std::string& plan_path, const std::string& rules_path) {
  EngineState st;
  auto plan = import_plan_json(read_text(source_path(plan_path)), {});
  REQUIRE(plan.problems.empty());
  st.plan = plan.plan;
  derive_all_assignees(st.plan);
  auto rules = parse_rules(read_text(source_path(rules_path)));
  REQUIRE(rules.ok());
  st.rules = *rules.rules;
  return st;
}

SimulationOptions mixed_behaviours(const EngineState& st, Instant from, Instant to) {
  SimulationOptions o;
  o.from = from;
  o.to = to;
  // Bodies with something dated (a task with a deadline, a report) are nudged and can answer
  // a nudge; the others only learn what they owe (continuous tasks) and can only report a blocker.
  std::set<std::string> dated, undated;
  for (const auto& c : st.rules.report_cycles)
    for (const auto& b : reporters(st.plan, c, {})) dated.insert(b);
  using D = DeadlineSpec::Kind;
  for (const auto& t : st.plan.tasks)
    for (const auto& a : t.assignees)
      if (a.role != Assignee::Role::directing && t.deadline.kind != D::continuous &&
          t.deadline.kind != D::on_request)
        dated.insert(a.body);
  for (const auto& t : st.plan.tasks)
    for (const auto& a : t.assignees)
      if (a.role != Assignee::Role::directing && !dated.count(a.body)) undated.insert(a.body);
  // In turn, so that even two dated bodies give one extension and one reply.
  std::set<std::string>* dated_turns[] = {&o.extending, &o.replying, nullptr, &o.blocked};
  int i = 0;
  for (const auto& b : dated)
    if (auto* set = dated_turns[i++ % 4]) set->insert(b);
  i = 0;
  for (const auto& b : undated)
    if (i++ % 2 == 0) o.blocked.insert(b);  // else silent
  return o;
}

SimulationResult simulate(EngineState st, const SimulationOptions& options) {
  Sim s(options, st);
  s.forbidden = before_plan(st, options.from, options.to);
  for (Instant t = options.from; t < options.to; t += options.step) {
    run_replies(s, t);
    for (const auto& m : s.store.tick(t)) {
      check_message(s, m);
      react(s, m);
      s.out.messages.push_back(m);
    }
  }
  for (const auto& [id, dates] : s.out.extended) {
    if (!s.asked.count(id) || !s.approved_at.count(id) || dates.second >= local_date(options.to))
      continue;
    bool said = false;
    for (const auto& m : s.out.messages)
      for (const auto& key : m.send_keys)
        said |= key.find(id + "|") != std::string::npos &&
                key.find(format_date(dates.second)) != std::string::npos;
    auto done = s.store.state().obligations.find(id);
    if (!said && (done == s.store.state().obligations.end() || done->second.status != Status::done))
      s.out.problems.push_back("nothing said for the new date of " + id);
  }
  s.out.final_state = s.store.state();
  return s.out;
}

}  // namespace dondoc::testing
