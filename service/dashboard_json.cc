#include "service/dashboard_json.h"

#include "engine/plan_json.h"

namespace dondoc::service {
namespace {

using nlohmann::ordered_json;

ordered_json or_null(const std::string& s) {
  return s.empty() ? ordered_json(nullptr) : ordered_json(s);
}

ordered_json date_or_null(const std::optional<Date>& d) {
  return d ? ordered_json(format_date(*d)) : ordered_json(nullptr);
}

ordered_json instant_or_null(const std::optional<Instant>& t) {
  return t ? ordered_json(format_instant(*t)) : ordered_json(nullptr);
}

ordered_json rate_json(const std::optional<double>& r) {
  return r ? ordered_json(*r) : ordered_json(nullptr);
}

ordered_json history_json(const HistoryItem& h) {
  return {
      {"at", h.at}, {"kind", h.kind}, {"kind_vi", h.kind_vi}, {"actor", h.actor}, {"text", h.text}};
}

ordered_json assignee_json(const AssigneeLine& a) {
  const StatusRow& r = a.row;
  return {{"body", a.body},
          {"name", a.name},
          {"role", a.lead ? "lead" : "coordinator"},
          {"status", to_string(r.state.status)},
          {"standing", to_string(a.standing)},
          {"percent", r.state.percent},
          {"due", date_or_null(r.due)},
          {"overdue", r.overdue},
          {"last_reply", instant_or_null(r.state.last_reply)}};
}

}  // namespace

ordered_json counts_json(const Counts& c) {
  return {{"done_on_time", c.done_on_time}, {"done_late", c.done_late},
          {"in_progress", c.in_progress},   {"overdue", c.overdue},
          {"blocked", c.blocked},           {"extension_requested", c.extension_requested},
          {"not_started", c.not_started}};
}

ordered_json summary_json(const Overview& o) {
  ordered_json bodies = ordered_json::array();
  for (const auto& b : o.bodies) {
    ordered_json j{{"body", b.body}, {"name", b.name}};
    j.update(counts_json(b.counts));
    j["on_time_rate"] = rate_json(b.counts.on_time_rate);
    j["last_reply"] = instant_or_null(b.last_reply);
    j["linked_chats"] = b.linked_chats;
    bodies.push_back(std::move(j));
  }
  return {{"tasks", counts_json(o.tasks)},
          {"on_time_rate", rate_json(o.tasks.on_time_rate)},
          {"bodies", std::move(bodies)}};
}

ordered_json obligation_json(const StatusRow& r) {
  const Obligation& o = r.obligation;
  const ObligationState& s = r.state;
  return {{"task", or_null(o.task)},     {"body", o.body},
          {"role", to_string(o.role)},   {"cycle", or_null(o.cycle)},
          {"period", or_null(o.period)}, {"status", to_string(s.status)},
          {"percent", s.percent},        {"due", date_or_null(r.due)},
          {"overdue", r.overdue},        {"last_reply", instant_or_null(s.last_reply)}};
}

ordered_json task_line_json(const TaskLine& t) {
  ordered_json j = task_to_json(t.stored);
  j["due"] = date_or_null(t.due);
  j["standing"] = to_string(t.standing);
  ordered_json assignees = ordered_json::array();
  for (const auto& a : t.assignees) assignees.push_back(assignee_json(a));
  j["assignees"] = std::move(assignees);
  return j;
}

ordered_json task_page_json(const TaskPage& p) {
  ordered_json j = task_line_json(p.task);
  ordered_json history = ordered_json::array();
  for (const auto& h : p.history) history.push_back(history_json(h));
  j["history"] = std::move(history);
  ordered_json messages = ordered_json::array();
  for (const auto& m : p.messages) {
    messages.push_back({{"at", m.at},
                        {"recipient", m.recipient},
                        {"recipient_name", m.recipient_name},
                        {"kind", m.kind},
                        {"status", m.status},
                        {"text", m.text}});
  }
  j["messages"] = std::move(messages);
  return j;
}

ordered_json audit_json(const AuditPage& p) {
  ordered_json items = ordered_json::array();
  for (const auto& h : p.items) items.push_back(history_json(h));
  return {{"items", std::move(items)},
          {"page", p.page},
          {"pages", p.pages},
          {"total", p.total},
          {"kinds", p.kinds}};
}

}  // namespace dondoc::service
