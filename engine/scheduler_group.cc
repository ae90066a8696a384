// The scheduler's intentions become messages: one per recipient and moment, each item once in its
// latest state, reports due the same day in one line; the sender's failures for the secretariat.
#include <algorithm>
#include <map>

#include "engine/scheduler_internal.h"

namespace dondoc::detail {
namespace {

using std::chrono::days;

// Reminders and escalations about one obligation for one recipient: only the latest is said
// (it carries the others' keys); blockers are their own matter.
void keep_latest(TickContext& c) {
  std::map<std::pair<std::string, const Obligation*>, std::size_t> latest;
  std::vector<bool> drop(c.intentions.size(), false);
  for (std::size_t i = 0; i < c.intentions.size(); ++i) {
    Intention& in = c.intentions[i];
    if (in.kind == MessageKind::blocker || !in.obligation) continue;
    auto [it, fresh] = latest.try_emplace({in.recipient, in.obligation}, i);
    if (fresh) continue;
    Intention& kept = c.intentions[it->second];
    bool newer = in.at > kept.at || (in.at == kept.at && in.kind == MessageKind::escalation);
    Intention& winner = newer ? in : kept;
    Intention& loser = newer ? kept : in;
    winner.keys.insert(winner.keys.end(), loser.keys.begin(), loser.keys.end());
    drop[newer ? it->second : i] = true;
    if (newer) it->second = i;
  }
  std::vector<Intention> out;
  for (std::size_t i = 0; i < c.intentions.size(); ++i)
    if (!drop[i]) out.push_back(std::move(c.intentions[i]));
  c.intentions = std::move(out);
}

bool same_report_day(const Intention& a, const Intention& b) {
  return a.kind == MessageKind::reminder && b.kind == MessageKind::reminder && a.obligation &&
         b.obligation && !a.obligation->cycle.empty() && !b.obligation->cycle.empty() &&
         a.obligation->explanation.empty() && b.obligation->explanation.empty() &&
         a.obligation->due == b.obligation->due && a.item.working_days == b.item.working_days &&
         a.item.to_name == b.item.to_name;
}

// Reports of one body due the same day are asked in one line.
std::vector<Intention> merge_reports(std::vector<Intention> ins) {
  std::vector<Intention> out;
  for (auto& in : ins) {
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const Intention& o) { return same_report_day(o, in); });
    if (it == out.end()) {
      out.push_back(std::move(in));
      continue;
    }
    vi::merge_labels(it->item, in.item);
    it->keys.insert(it->keys.end(), in.keys.begin(), in.keys.end());
  }
  return out;
}

std::string line_of(const Intention& in) {
  if (in.kind != MessageKind::reminder) return in.line;
  std::string out = vi::output_line(in.item);
  return vi::reminder_line(in.item) + "." + (out.empty() ? "" : " " + out);
}

// How to reply, when the message is about the recipient's own obligations.
std::string tail_of(const std::vector<Intention>& ins) {
  std::string task, report, explanation;
  Date due{};
  for (const auto& in : ins) {
    if (!in.owner || !in.obligation) continue;
    if (!in.item.explanation.empty()) {
      if (explanation.empty()) explanation = vi::explanation_hint(in.item.explanation);
      continue;
    }
    if (task.empty() && !in.item.task.empty()) {
      task = in.item.task;
      due = in.item.due;
    }
    if (report.empty() && in.item.task.empty()) report = in.item.label;
  }
  std::string hint = vi::reply_hint(task, due, report);
  if (explanation.empty()) return hint;
  return hint.empty() ? explanation : hint + "\n" + explanation;
}

std::vector<std::string> all_keys(const std::vector<Intention>& ins) {
  std::vector<std::string> keys;
  for (const auto& in : ins) keys.insert(keys.end(), in.keys.begin(), in.keys.end());
  return keys;
}

std::string greeting_for(const TickContext& c, const std::string& r) {
  return vi::greeting(c.index.body(r), r, c.st.rules.address);
}

Message normal_message(TickContext& c, const std::string& r, Instant nb,
                       std::vector<Intention> ins) {
  ins = merge_reports(std::move(ins));
  std::vector<std::string> lines;
  for (const auto& in : ins) lines.push_back(line_of(in));
  std::string text = vi::compose(greeting_for(c, r), lines,
                                 vi::addressee(c.index.body(r), c.st.rules.address), tail_of(ins));
  if (ins.size() > 1) {
    auto keys = all_keys(ins);
    std::string key = "grp|" + r + "|" + format_instant(nb) + "|" + keys.front();
    return make_message(std::move(key), r, MessageKind::digest, text, nb, std::move(keys));
  }
  const Intention& in = ins[0];
  Message m = make_message(in.keys.front(), r, in.kind, text, nb, in.keys);
  if (const Obligation* o = in.obligation) {
    m.task = o->task;
    m.cycle = o->cycle;
    if (o->dated) m.due = o->due;
    if (o->dated) m.nominal_due = o->nominal_due;
  }
  return m;
}

// A missed reminder says how things stand today ("đã quá hạn"), not what it said back then.
void refresh(const TickContext& c, Intention& in) {
  if (in.kind != MessageKind::reminder) return;
  const Calendar& cal = c.st.calendar;
  Date due = in.item.due;
  in.item.working_days = due >= c.today ? cal.count_working_days(c.today, due)
                                        : -cal.count_working_days(due + days{1}, c.today + days{1});
}

Message stale_message(TickContext& c, const std::string& r, std::vector<Intention> ins) {
  for (auto& in : ins) refresh(c, in);
  ins = merge_reports(std::move(ins));
  std::vector<std::string> lines;
  for (const auto& in : ins) lines.push_back(line_of(in));
  Instant nb = defer_into_office_hours(c.now, c.st.rules.office_hours, c.st.calendar);
  return make_message("catchup|" + r + "|" + format_instant(c.now), r, MessageKind::catch_up,
                      vi::catch_up(greeting_for(c, r), lines, tail_of(ins)), nb, all_keys(ins));
}

}  // namespace

void group_intentions(TickContext& c) {
  keep_latest(c);
  const Calendar& cal = c.st.calendar;
  std::map<std::pair<std::string, Instant>, std::vector<Intention>> normal;
  std::map<std::string, std::vector<Intention>> stale;
  for (auto& in : c.intentions) {
    if (in.mode == Mode::stale) {
      stale[in.recipient].push_back(std::move(in));
      continue;
    }
    Instant nb = defer_into_office_hours(in.at, c.st.rules.office_hours, cal);
    normal[{in.recipient, nb}].push_back(std::move(in));
  }
  for (auto& [k, ins] : normal)
    c.batch.messages.push_back(normal_message(c, k.first, k.second, std::move(ins)));
  for (auto& [r, ins] : stale) c.batch.messages.push_back(stale_message(c, r, std::move(ins)));
  c.intentions.clear();
}

void report_failures(TickContext& c) {
  constexpr std::size_t kMaxLines = 30;
  const std::string& to = c.st.rules.secretariat;
  if (to.empty()) return;
  std::vector<std::string> keys, lines;
  for (const auto& f : c.st.failed) {
    std::string key = "failed|" + std::to_string(f.id);
    if (sent(c, key)) continue;
    keys.push_back(key);
    if (lines.size() == kMaxLines) continue;
    const Body* b = c.index.body(f.recipient);
    lines.push_back(vi::send_failure_line(b ? b->name : f.recipient, f.error, f.text));
  }
  if (keys.empty()) return;
  Instant nb = defer_into_office_hours(c.now, c.st.rules.office_hours, c.st.calendar);
  c.batch.messages.push_back(make_message(keys.front(), to, MessageKind::digest,
                                          vi::send_failures(keys.size(), lines), nb, keys));
}

void merge_same_moment(TickContext& c) {
  std::map<std::pair<std::string, Instant>, std::size_t> first;
  std::vector<Message> out;
  for (auto& m : c.batch.messages) {
    auto [it, fresh] = first.try_emplace({m.recipient, m.not_before}, out.size());
    if (fresh) {
      out.push_back(std::move(m));
      continue;
    }
    Message& into = out[it->second];
    std::string text = m.text;
    auto nl = text.find('\n');
    if (nl != std::string::npos && into.text.compare(0, nl + 1, text, 0, nl + 1) == 0)
      text.erase(0, nl + 1);  // the same greeting once
    into.text += "\n\n" + text;
    into.kind = MessageKind::digest;
    into.send_keys.insert(into.send_keys.end(), m.send_keys.begin(), m.send_keys.end());
    if (into.task != m.task || into.cycle != m.cycle) {
      into.task.clear();
      into.cycle.clear();
      into.due.reset();
      into.nominal_due.reset();
    }
  }
  c.batch.messages = std::move(out);
}

}  // namespace dondoc::detail
