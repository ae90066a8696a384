// calendar_feed(): the plan's dated obligations as a VCALENDAR built with libical. The tokens of
// the subscription URLs are in service/feed_tokens.cc.
#include "service/calendar_feed.h"

#include <libical/ical.h>

#include <cctype>
#include <cstdlib>
#include <memory>

#include "engine/messages_vi.h"
#include "engine/plan_index.h"
#include "engine/scheduler.h"
#include "rules/text.h"
#include "service/status.h"
#include "storage/engine_store.h"

namespace dondoc::service {
namespace {

using Component = std::unique_ptr<icalcomponent, decltype(&icalcomponent_free)>;

constexpr std::size_t kSummaryTitleChars = 80;

// The reminder policy the scheduler uses for `o` (engine/escalation.cc reminder_policy).
const ReminderPolicy& policy_for(const Rules& rules, const Obligation& o) {
  if (o.cycle.empty()) return rules.task_deadlines.reminders;
  for (const auto& cy : rules.report_cycles)
    if (cy.name == o.cycle && cy.reminders) return *cy.reminders;
  return rules.reminders;
}

icaltimetype ical_date(Date d) {
  icaltimetype t = icaltime_null_date();
  t.year = year_of(d);
  t.month = month_of(d);
  t.day = day_of(d);
  t.is_date = 1;
  return t;
}

void add_x(icalcomponent* c, const char* name, const std::string& value) {
  icalproperty* p = icalproperty_new_x(value.c_str());
  icalproperty_set_x_name(p, name);
  icalcomponent_add_property(c, p);
}

// A VALARM at each moment the scheduler would send a reminder for a due date `due`, as a trigger
// relative to the all-day event's start (local midnight of the due date).
void add_alarms(icalcomponent* event, const EngineState& st, const Obligation& o, Date due,
                const std::string& summary) {
  const ReminderPolicy& p = policy_for(st.rules, o);
  std::vector<Date> days;
  for (int k : p.before_working_days) days.push_back(st.calendar.add_working_days(due, -k));
  if (p.on_due_day) days.push_back(due);
  for (Date day : days) {
    Instant at = defer_into_office_hours(local_instant(day, p.at_minute), st.rules.office_hours,
                                         st.calendar);
    auto offset = (at - local_instant(due, 0)).count();
    icalcomponent* alarm = icalcomponent_new_valarm();
    icalcomponent_add_property(alarm, icalproperty_new_action(ICAL_ACTION_DISPLAY));
    icaltriggertype trigger{};
    trigger.time = icaltime_null_time();
    trigger.duration = icaldurationtype_from_int(static_cast<int>(offset));
    icalcomponent_add_property(alarm, icalproperty_new_trigger(trigger));
    icalcomponent_add_property(alarm, icalproperty_new_description(summary.c_str()));
    icalcomponent_add_component(event, alarm);
  }
}

std::string names(const PlanIndex& index, const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) {
    const Body* b = index.body(id);
    out += (out.empty() ? "" : ", ") + (b ? b->name : id);
  }
  return out;
}

// "Hạn: Nhiệm vụ 3 — Xây dựng kế hoạch …" / "Hạn nộp báo cáo tháng 11/2026"; the body's name
// after it in the whole plan's feed.
std::string summary_of(const StatusRow& r, const PlanIndex& index, const Rules& rules,
                       bool whole_plan) {
  const Obligation& o = r.obligation;
  std::string s;
  if (!o.cycle.empty()) {
    std::string label = vi::subject(o, index, rules);
    if (!label.empty() && std::isupper(static_cast<unsigned char>(label[0])))
      label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
    s = "Hạn nộp " + label;
  } else {
    s = "Hạn: " + vi::subject(o, index, rules);
    if (const Task* t = index.task(o.task); t && !t->title.empty())
      s += " — " + text::cut_at_word(text::collapse_space(t->title), kSummaryTitleChars);
  }
  if (whole_plan) s += " (" + r.body_name + ")";
  return s;
}

std::string task_description(const StatusRow& r, const Task& t, const PlanIndex& index) {
  const Obligation& o = r.obligation;
  std::string d = "Nhiệm vụ " + t.id + ": " + text::collapse_space(t.title);
  if (!t.output.empty()) d += "\nKết quả cần có: " + text::collapse_space(t.output);
  if (!t.lead.empty()) d += "\nCơ quan chủ trì: " + names(index, t.lead);
  if (!t.coordinators.empty()) d += "\nCơ quan phối hợp: " + names(index, t.coordinators);
  d += "\n" + r.body_name + (o.role == Assignee::Role::lead ? " (chủ trì)" : " (phối hợp)");
  if (!t.deadline_text.empty()) d += "\nThời gian hoàn thành: " + t.deadline_text;
  return d;
}

std::string description_of(const StatusRow& r, const PlanIndex& index, const Rules& rules) {
  const Obligation& o = r.obligation;
  std::string d;
  if (!o.cycle.empty()) {
    vi::Item it = vi::describe(o, index, rules, 0);
    d = it.label + " của " + r.body_name;
    if (!it.to_name.empty()) d += " gửi " + it.to_name;
    d += ".";
  } else if (const Task* t = index.task(o.task)) {
    d = task_description(r, *t, index);
  } else {
    d = vi::subject(o, index, rules);
  }
  if (r.due && *r.due != o.nominal_due)
    d += "\nHạn theo kế hoạch: " + format_date_vn(o.nominal_due) +
         "; hạn hiện tại: " + format_date_vn(*r.due) + ".";
  d += "\nTình hình: " + r.status + ".";
  return d;
}

icalcomponent* event_of(const StatusRow& r, const EngineState& st, const PlanIndex& index,
                        bool whole_plan, Instant now) {
  Date due = *r.due;
  icalcomponent* e = icalcomponent_new_vevent();
  std::string uid = r.obligation.id + "@dondoc";
  icalcomponent_add_property(e, icalproperty_new_uid(uid.c_str()));
  icalcomponent_add_property(
      e, icalproperty_new_dtstamp(icaltime_from_timet_with_zone(now.time_since_epoch().count(), 0,
                                                                icaltimezone_get_utc_timezone())));
  icalcomponent_add_property(e, icalproperty_new_dtstart(ical_date(due)));
  icalcomponent_add_property(e, icalproperty_new_dtend(ical_date(due + std::chrono::days{1})));
  std::string summary = summary_of(r, index, st.rules, whole_plan);
  icalcomponent_add_property(e, icalproperty_new_summary(summary.c_str()));
  std::string description = description_of(r, index, st.rules);
  icalcomponent_add_property(e, icalproperty_new_description(description.c_str()));
  icalcomponent_add_property(e, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
  add_alarms(e, st, r.obligation, due, summary);
  return e;
}

Component new_calendar(const std::string& name) {
  Component cal(icalcomponent_new_vcalendar(), &icalcomponent_free);
  icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//dondoc//Lich han//VI"));
  icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(cal.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  add_x(cal.get(), "X-WR-CALNAME", name);
  add_x(cal.get(), "X-WR-TIMEZONE", "Asia/Ho_Chi_Minh");
  add_x(cal.get(), "X-PUBLISHED-TTL", "PT6H");
  return cal;
}

std::string serialise(icalcomponent* cal) {
  char* text = icalcomponent_as_ical_string_r(cal);
  std::string out = text ? text : "";
  std::free(text);
  return out;
}

}  // namespace

Result<std::string> calendar_feed(Database& db, const std::string& body, Instant now) {
  SqliteEngineStore store(db);
  auto st = store.load();
  if (!st) return Error{st.error()};
  StatusQuery q;
  if (!body.empty()) {
    const Body* b = resolve_body(st->plan, body);
    if (!b) return Error{"Không có cơ quan \"" + body + "\" trong kế hoạch."};
    q.body = b->id;
  }
  auto view = plan_status(*st, now, q);
  if (!view) return Error{view.error()};
  PlanIndex index(st->plan);
  std::string name = body.empty() ? "Hạn nhiệm vụ và báo cáo — toàn kế hoạch"
                                  : "Hạn nhiệm vụ và báo cáo — " + view->body_name;
  Component cal = new_calendar(name);
  for (const auto& r : view->rows) {
    if (!r.obligation.dated || !r.due) continue;
    icalcomponent_add_component(cal.get(), event_of(r, *st, index, body.empty(), now));
  }
  return serialise(cal.get());
}

}  // namespace dondoc::service
