// The standing committee's digest: on a working day when something new reached it (and on the
// first working day of each week), what is new since the last digest, then what remains, counted
// (listed in full once a week). One line per task or report period, each body once with its role
// and progress, lateness in plain words.
#include <map>
#include <set>

#include "engine/scheduler_internal.h"

namespace dondoc::detail {
namespace {

using std::chrono::days;

struct Group {
  const Obligation* first = nullptr;  // labels the line
  Date due{};                         // the earliest due date among its obligations
  bool report = false;
  bool blocked = false;
  bool fresh = false;  // reached (or became blocked) since the last digest
  std::set<std::string> ids;
  std::vector<std::string> bodies;
};

std::vector<Group> groups_of(TickContext& c, const std::vector<const Obligation*>& obligations,
                             Instant since) {
  std::vector<Group> groups;
  std::map<std::string, std::size_t> index;
  for (const Obligation* op : obligations) {
    auto reached = c.reached_committee.find(op);
    if (reached == c.reached_committee.end()) continue;
    const Obligation& o = *op;
    const ObligationState& s = state_of(c, o);
    if (s.status == Status::done) continue;
    std::string key = o.cycle.empty() ? "task|" + o.task : "report|" + o.cycle + "|" + o.period;
    auto [it, fresh] = index.emplace(key, groups.size());
    if (fresh) groups.push_back({&o, o.due, !o.cycle.empty(), false, false, {}, {}});
    Group& g = groups[it->second];
    g.due = std::min(g.due, o.due);
    bool blocked = s.status == Status::blocked;
    g.blocked |= blocked;
    g.fresh |= reached->second > since || (blocked && s.status_at && *s.status_at > since);
    if (!g.ids.insert(o.body).second) continue;  // each body once (yearly tasks: several years)
    const Body* b = c.index.body(o.body);
    auto role = o.cycle.empty() ? std::optional<Assignee::Role>(o.role) : std::nullopt;
    g.bodies.push_back(vi::committee_body(b ? b->name : o.body, role, s));
  }
  return groups;
}

// The first working day of the week `d` is in: the day the full list goes out.
bool first_working_day_of_week(const Calendar& cal, Date d) {
  Date monday = d - days{(weekday_of(d) + 6) % 7};
  return cal.next_working_day_on_or_after(monday) == d;
}

}  // namespace

void committee_digest(TickContext& c, const std::vector<const Obligation*>& obligations) {
  const Rules& rules = c.st.rules;
  const Calendar& cal = c.st.calendar;
  if (rules.standing_committee.empty() || !cal.is_working_day(c.today)) return;
  Instant at =
      defer_into_office_hours(local_instant(c.today, rules.digest_minute), rules.office_hours, cal);
  std::string key = "dig|" + rules.standing_committee + "|" + format_date(c.today);
  if (local_date(at) != c.today || at > c.now || sent(c, key)) return;
  Date before = cal.previous_working_day_on_or_before(c.today - days{1});
  Instant since =
      defer_into_office_hours(local_instant(before, rules.digest_minute), rules.office_hours, cal);
  auto groups = groups_of(c, obligations, since);
  bool full = first_working_day_of_week(cal, c.today);
  bool any_fresh = false;
  for (const auto& g : groups) any_fresh |= g.fresh;
  if (groups.empty() || (!any_fresh && !full)) return;
  vi::CommitteeCounts counts;
  std::vector<std::string> fresh, remaining;
  std::map<Date, int> late_by_due;  // many share a due date
  for (const auto& g : groups) {
    ++(g.report ? counts.reports : counts.tasks);
    counts.blocked += g.blocked ? 1 : 0;
    auto [late, new_due] = late_by_due.try_emplace(g.due, 0);
    if (new_due) late->second = cal.count_working_days(g.due + days{1}, c.today + days{1});
    std::string line =
        vi::committee_line(vi::short_label(*g.first, c.index, rules), g.due,
                           vi::overdue_words(g.due, c.today, late->second), g.bodies);
    (g.fresh ? fresh : remaining).push_back(std::move(line));
  }
  const Body* b = c.index.body(rules.standing_committee);
  std::string text = vi::committee_digest(vi::greeting(b, rules.standing_committee, rules.address),
                                          c.today, counts, fresh, remaining, full);
  c.batch.messages.push_back(
      make_message(key, rules.standing_committee, MessageKind::digest, std::move(text), at, {key}));
}

}  // namespace dondoc::detail
